"""`make bench`: the public pages under load, cached and uncached, against a baseline.

    DATABASE_URL=postgres://127.0.0.1:5432/iurc .venv/bin/python bench/site_benchmark.py
    make bench          # full: 2,000 generated pairings, 10 s a measurement, 100 → 10,000
    make bench-quick    # ~5 min: 500 pairings, 3 s a measurement, 100 → 1,000

1. Builds a throwaway database (`iurc_bench_<pid>_site` on DATABASE_URL's server): the
   demo content plus generated pairings in all seven languages, with search documents.
2. Counts each page's SQL queries and times it in this process through Django's test
   Client with the production settings ("server ms": the median of N requests after a
   first one, which is shown as "cold"; see bench/measure.py).
3. Starts gunicorn with the production settings (bench/server.py) twice, with the page
   cache off (PAGE_CACHE=off) and on, and loads each page with wrk on 127.0.0.1
   (bench/load.py), between runs of the baseline: /bench/baseline/, a constant page
   through the same middleware. Every throughput is also shown as a ratio to the mean
   of the two baseline runs around it, so that figures taken on a busy machine, whose
   capacity drifts within a run, can still be compared.
4. Grows another copy from the demo content to 100 ... 10,000 pairings and times the
   explorer, a region page, the map data and a place profile at each size.

Targets (a 2-core machine): cached pages reach at least 0.8 of the baseline's
throughput and 0.5 of a plain WSGI function's on the same gunicorn configuration
(bench/plain_wsgi.py, loaded beside each page in the same run); uncached pages need at most 15 ms of server time at the median and at
most 12 queries. Redis: databases 9 (server) and 10 (this process) of REDIS_URL's
server (default redis://127.0.0.1:6379) are flushed before and after. Nothing is left.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import LoadResult, require_wrk, run_wrk  # noqa: E402
from bench.measure import flush_redis_database, render_times  # noqa: E402
from bench.server import BASELINE_PATH, GunicornServer, megabytes  # noqa: E402

CACHED_RATIO_TARGET = 0.8
# A page-cache hit against a plain WSGI function on the same gunicorn configuration.
PLAIN_WSGI_RATIO_TARGET = 0.5
PLAIN_WSGI_APPLICATION = "bench.plain_wsgi:application"
SERVER_MS_TARGET = 15.0
QUERIES_TARGET = 12
PAGE_NAMES = [
    "home",
    "about (ms)",
    "region",
    "pairing",
    "explorer+filter",
    "search",
    "news index",
    "news page",
    "news feed (RSS)",
    "event page",
    "calendar (iCal)",
    "library+filter",
    "publication page",
    "network page",
]


def redis_url(number):
    base = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379")
    return urlunsplit(urlsplit(base)._replace(path=f"/{number}"))


def configure_process(database_url):
    """This process runs the production settings, like the server, with the cache off."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="iurc_site.settings.production",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY", "bench-only-" + "x" * 40),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        PAGE_CACHE="off",
        BENCH_BASELINE_VIEW="on",
        REDIS_URL=redis_url(10),
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()


def page_urls():
    """The measured pages of the current database: {name: path}."""
    from django.urls import reverse
    from django.utils import translation

    from iurc_site.models import StandardPage
    from networks.models import ThematicNetworkPage
    from newsroom.models import EventPage, NewsIndexPage, NewsPage
    from publications.models import Publication
    from publications.pages import PublicationsLibraryPage, attach_urls
    from regions.models import PairingExplorerPage, PairingPage, RegionPage

    with translation.override("en"):
        china = RegionPage.objects.live().get(slug_en="china")
        pairing = PairingPage.objects.live().child_of(china).order_by("path").first()
        explorer = PairingExplorerPage.objects.live().first()
        urls = {
            "home": "/en/",
            "region": china.get_url(),
            "pairing": pairing.get_url(),
            "explorer+filter": f"{explorer.get_url()}?region=china&strand=city",
            "search": "/en/search/?q=rotterdam",
            # The programme-wide news: the index under the home page, its newest item.
            "news index": NewsIndexPage.objects.live().filter(depth=3).get().get_url(),
            "news page": NewsPage.objects.live().order_by("-date", "-pk")[0].get_url(),
            "news feed (RSS)": reverse("news_feed_rss"),
            # The newest event, and the programme-wide calendar file.
            "event page": EventPage.objects.live()
            .order_by("-start", "-pk")[0]
            .get_url(),
            "calendar (iCal)": reverse("events_ics"),
            # The programme-wide library filtered by type, the newest publication's page,
            # and the network with the most members.
            "library+filter": PublicationsLibraryPage.objects.live()
            .filter(depth=3)
            .get()
            .get_url()
            + "?type=report",
            "publication page": attach_urls(
                [Publication.objects.public().order_by("-year", "-pk")[0]]
            )[0].page_url,
            "network page": ThematicNetworkPage.objects.live()
            .order_by("path")[0]
            .get_url(),
        }
    with translation.override("ms"):
        urls["about (ms)"] = StandardPage.objects.live().get(slug_en="about").get_url()
    return {name: urls[name] for name in PAGE_NAMES}


def in_process(urls, runs):
    """{name: Render} of each page with the page cache off, and with it on (if any)."""
    from django.test import Client
    from django.test.utils import override_settings

    uncached = {}
    client = Client(HTTP_HOST="127.0.0.1")
    for name, url in urls.items():
        uncached[name] = render_times(client, url, runs)
        if uncached[name].status != 200:
            raise SystemExit(f"{url} answered {uncached[name].status}")
    cached = {}
    with override_settings(PAGE_CACHE_ENABLED=True):
        client = Client(HTTP_HOST="127.0.0.1")
        for name, url in urls.items():
            cached[name] = render_times(client, url, runs)
    return uncached, cached


def merged(results):
    """One LoadResult for several runs of the same URL (medians of their percentiles)."""
    statuses, cache = {}, {}
    for result in results:
        for totals, counts in ((statuses, result.statuses), (cache, result.cache)):
            for key, count in counts.items():
                totals[key] = totals.get(key, 0) + count
    return LoadResult(
        requests=sum(result.requests for result in results),
        seconds=sum(result.seconds for result in results),
        p50_ms=statistics.median(result.p50_ms for result in results),
        p90_ms=statistics.median(result.p90_ms for result in results),
        p99_ms=statistics.median(result.p99_ms for result in results),
        max_ms=max(result.max_ms for result in results),
        socket_errors=sum(result.socket_errors for result in results),
        statuses=statuses,
        cache=cache,
    )


def load_server(database_url, urls, *, page_cache, seconds, connections):
    """{name: LoadResult} with "baseline", {name: baseline req/s beside it}, memory.

    The baseline is loaded before the first page, between pages and after the last
    (half as long each time), and each page is compared with the mean of the two
    baseline runs around it: on a shared machine the capacity drifts within a run.
    """
    flush_redis_database(redis_url(9))
    results, beside = {}, {}
    plain_server = GunicornServer(database_url, application=PLAIN_WSGI_APPLICATION)
    with (
        GunicornServer(
            database_url, redis_url=redis_url(9), page_cache=page_cache
        ) as server,
        plain_server,
    ):
        base = server.url("")
        # Warm every worker (templates, site root paths, the page cache if any), one
        # request at a time so that no queue is left behind.
        for _ in range(2 * server.workers):
            for url in urls.values():
                server.get(url)

        def load(path, load_seconds):
            server.get(BASELINE_PATH)  # waits until the last run's requests are done
            return run_wrk(base, [path], seconds=load_seconds, connections=connections)

        def load_plain(load_seconds):
            return run_wrk(
                plain_server.url(""),
                [BASELINE_PATH],
                seconds=load_seconds,
                connections=connections,
            )

        baseline_seconds = max(1, seconds // 2)
        plains = [load_plain(baseline_seconds)]
        baselines = [load(BASELINE_PATH, baseline_seconds)]
        for name, url in urls.items():
            results[name] = load(url, seconds)
            baselines.append(load(BASELINE_PATH, baseline_seconds))
            plains.append(load_plain(baseline_seconds))
            beside[name] = (
                statistics.mean(run.requests_per_second for run in baselines[-2:]),
                statistics.mean(run.requests_per_second for run in plains[-2:]),
            )
        results["baseline"] = merged(baselines)
        results["plain WSGI"] = merged(plains)
        rss = server.worker_rss()
    flush_redis_database(redis_url(9))
    return results, beside, rss


def growth(databases, demo, steps, runs):
    """{pairings: {name: Render}} for the explorer, a region, map data, a place."""
    from django.db import connection
    from django.test import Client

    from bench.dataset import use
    from bench.explorer import add_pairings
    from iurc_site.caching import invalidation
    from regions.models import PairingPage

    use(demo)
    client = Client(HTTP_HOST="127.0.0.1")
    region_url = page_urls()["region"]
    urls = {
        "explorer": "/en/pairings/",
        "explorer?region": "/en/pairings/?region=china&strand=city",
        "explorer?q=": "/en/pairings/?q=town",
        "region": region_url,
        "map json": "/en/map/pairings.json",
        "place": "/en/places/nl/rotterdam/",
        "csv, everything": "/en/data/pairings.csv",
        "api pairings": "/api/v1/pairings",
    }
    figures = {}
    generated = 0
    for target in steps:
        if target > generated:
            add_pairings(target - generated, translated=True, first_number=generated)
            invalidation.content_changed()  # added straight into the tables, not published
            generated = target
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        total = PairingPage.objects.live().count()
        print(f"  {total:,} pairings...", flush=True)
        figures[total] = {
            name: render_times(client, url, runs) for name, url in urls.items()
        }
    return urls, figures


def verdict(ok):
    return "PASS" if ok else "MISS"


def print_server_table(urls, loads, uncached, cached, rss):
    """`loads`: {"uncached"/"cached": ({name: LoadResult}, {name: baseline req/s beside})}."""
    has_page_cache = any(render.cache_header for render in cached.values())
    header = (
        f"{'page':16} {'mode':8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'queries':>7} {'server ms':>9} {'cpu ms':>7} {'cold ms':>8} {'x base':>7} "
        f"{'x plain':>7}  {'target':38} {'result':6}"
    )
    print(header)
    print("-" * len(header))
    for label, (load, beside) in loads.items():
        for reference, what in (
            ("baseline", BASELINE_PATH + " through Django"),
            ("plain WSGI", PLAIN_WSGI_APPLICATION),
        ):
            base = load[reference]
            print(
                f"{reference:16} {label:8} {base.requests_per_second:7.0f} "
                f"{base.p50_ms:7.1f} {base.p99_ms:7.1f} {0:7} {'':>9} {'':>7} "
                f"{'':>8} {'':>7} {'':>7}  {what:38}"
            )
        for name in urls:
            result = load[name]
            baseline_beside, plain_beside = beside[name]
            ratio = result.requests_per_second / baseline_beside
            plain_ratio = result.requests_per_second / plain_beside
            if label == "uncached":
                render = uncached[name]
                ok = (
                    render.median_ms <= SERVER_MS_TARGET
                    and render.queries <= QUERIES_TARGET
                    and not result.failed
                )
                target = f"<={SERVER_MS_TARGET:.0f} ms, <={QUERIES_TARGET} queries"
                server_ms = f"{render.median_ms:9.1f}"
                cold_ms = f"{render.cold_ms:8.1f}"
                queries = render.queries
            else:
                render = cached[name]
                target = f">={CACHED_RATIO_TARGET} x base, >={PLAIN_WSGI_RATIO_TARGET} x plain"
                hits = result.cache.get("hit", 0)
                ok = (
                    has_page_cache
                    and ratio >= CACHED_RATIO_TARGET
                    and plain_ratio >= PLAIN_WSGI_RATIO_TARGET
                    and not result.failed
                )
                server_ms = f"{render.median_ms:9.1f}"
                cold_ms = f"{'':>8}"
                queries = render.queries
                if not has_page_cache:
                    target = "(no page cache in this build)"
                elif hits < result.requests * 0.99:
                    target += f" ({hits} hits)"
            failed = f" {result.failed} failed" if result.failed else ""
            print(
                f"{name:16} {label:8} {result.requests_per_second:7.0f} "
                f"{result.p50_ms:7.1f} {result.p99_ms:7.1f} {queries:7} {server_ms} "
                f"{render.cpu_ms:7.1f} {cold_ms} {ratio:7.2f} {plain_ratio:7.2f}  "
                f"{target:38} "
                f"{verdict(ok)}{failed}"
            )
    print()
    for name, url in urls.items():
        print(f"  {name:16} {url}")
    for label, sizes in rss.items():
        print(
            f"  gunicorn workers ({label}), RSS MB after the run: "
            + ", ".join(f"{megabytes(size):.0f}" for size in sizes.values())
        )


def print_growth_table(urls, figures):
    sizes = list(figures)
    for title, attribute in (
        ("server ms (median, warm caches) and queries", "median_ms"),
        ("cold ms (first request, empty cache)", "cold_ms"),
    ):
        print(f"\nGrowth, uncached, in process: {title}")
        header = f"{'pairings':>9} " + " ".join(f"{name:>16}" for name in urls)
        print(header)
        print("-" * len(header))
        for size in sizes:
            cells = []
            for name in urls:
                render = figures[size][name]
                value = getattr(render, attribute)
                if attribute == "median_ms":
                    cells.append(f"{value:8.1f} ms {render.queries:3}q")
                else:
                    cells.append(f"{value:13.1f} ms")
            print(f"{size:>9,} " + " ".join(f"{cell:>16}" for cell in cells))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="the smaller version (~5 min on 2 cores)"
    )
    parser.add_argument("--pairings", type=int, help="generated pairings (2000)")
    parser.add_argument("--seconds", type=int, help="seconds of load a page (10)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--runs", type=int, help="requests timed in process (15)")
    parser.add_argument(
        "--template",
        help="copy this database (migrated, with the demo content, no open session) "
        "instead of building one",
    )
    parser.add_argument(
        "--growth", help="pairings to grow to, comma-separated (100,1000,10000)"
    )
    options = parser.parse_args()
    quick = options.quick
    pairings = options.pairings or (500 if quick else 2000)
    seconds = options.seconds or (3 if quick else 10)
    runs = options.runs or (5 if quick else 15)
    steps = [
        int(step)
        for step in (options.growth or ("100,1000" if quick else "100,1000,10000"))
        .replace("_", "")
        .split(",")
        if step
    ]

    require_wrk()
    server_url = os.environ.get("DATABASE_URL", "postgres://127.0.0.1:5432/iurc")
    if not server_url.startswith("postgres"):
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL.")
    configure_process(urlunsplit(urlsplit(server_url)._replace(path="/postgres")))

    from django.core.management import call_command
    from django.db import connections

    from bench.dataset import BenchDatabases, add_generated_pairings, load_demo, use

    databases = BenchDatabases(server_url)
    started = time.perf_counter()
    try:
        print("Collecting static files, building the demo database...", flush=True)
        call_command("collectstatic", interactive=False, verbosity=0)
        if options.template:
            demo = databases.create("demo", template=options.template)
        else:
            demo = databases.create("demo")
            load_demo(demo)
        site = databases.create("site", template=demo)
        use(site)
        seconds_taken = add_generated_pairings(pairings)
        print(f"Added {pairings:,} pairings in {seconds_taken:.0f} s.", flush=True)
        urls = page_urls()
        flush_redis_database(redis_url(10))
        print("Timing pages in process...", flush=True)
        uncached, cached = in_process(urls, runs)
        connections.close_all()

        site_url = databases.url(site)
        rss = {}
        print("Loading gunicorn, page cache off...", flush=True)
        uncached_load, uncached_beside, rss["cache off"] = load_server(
            site_url,
            urls,
            page_cache=False,
            seconds=seconds,
            connections=options.connections,
        )
        print("Loading gunicorn, page cache on...", flush=True)
        cached_load, cached_beside, rss["cache on"] = load_server(
            site_url,
            urls,
            page_cache=True,
            seconds=seconds,
            connections=options.connections,
        )
        print("Growing the demo database...", flush=True)
        growth_urls, figures = growth(databases, demo, steps, runs)
        connections.close_all()
    finally:
        databases.drop_all()
        for number in (9, 10):
            flush_redis_database(redis_url(number))

    print(
        f"\nIURC benchmark: {pairings:,} generated pairings + demo content, "
        f"wrk {options.connections} connections x {seconds} s a page, "
        f"{runs} timed requests in process; {time.perf_counter() - started:.0f} s\n"
    )
    print_server_table(
        urls,
        {
            "uncached": (uncached_load, uncached_beside),
            "cached": (cached_load, cached_beside),
        },
        uncached,
        cached,
        rss,
    )
    print_growth_table(growth_urls, figures)


if __name__ == "__main__":
    main()
