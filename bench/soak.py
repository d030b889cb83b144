"""`make soak`: 60 s of mixed public traffic from 50 clients while an editor publishes.

    DATABASE_URL=postgres://127.0.0.1:5432/iurc .venv/bin/python bench/soak.py
        [--seconds 60] [--connections 50] [--pairings 500] [--page-cache on|off]

Builds a throwaway database on DATABASE_URL's server (`iurc_bench_<pid>_site`: the demo
content plus generated pairings in seven languages), starts gunicorn with the
production settings on 127.0.0.1 (bench/server.py), and for the given time runs wrk
(bench/load.py) over a mix of public URLs, while bench/soak_editor.py publishes a new
revision of a page every second. Reports failed requests (socket errors and answers
other than 2xx/3xx), the statuses, the editor's publishes, and the workers' memory
before and after. Exits with status 1 if any request failed. Nothing is left behind;
Redis database 9 is flushed before and after.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import require_wrk, run_wrk  # noqa: E402
from bench.measure import flush_redis_database  # noqa: E402
from bench.server import GunicornServer, megabytes  # noqa: E402
from bench.site_benchmark import configure_process, redis_url  # noqa: E402

# Public traffic: pages in several languages, the explorer with and without filters,
# the map data, a place profile, searches and suggestions, a static file.
MIXED_PATHS = [
    "/en/",
    "/ms/",
    "/zh-hans/",
    "/ms/tentang-iurc/",
    "/en/about/",
    "/th/",
    "/en/regions/",
    "/en/regions/china/",
    "/pt/",
    "/en/pairings/",
    "/en/pairings/?region=china&strand=city",
    "/en/pairings/?q=ben",
    "/es/",
    "/en/pairings/?page=3",
    "/en/map/pairings.json",
    "/vi/map/pairings.json?region=china",
    "/en/places/nl/rotterdam/",
    "/en/search/?q=rotterdam",
    "/ms/search/?q=kerjasama",
    "/en/search/suggest/?q=rot",
    "/static/css/site.css",
]


def pairing_paths():
    """A few pairing pages of the database, in English and Malay."""
    from django.utils import translation

    from regions.models import PairingPage

    paths = []
    for pairing in PairingPage.objects.live().order_by("path")[:6]:
        for language in ("en", "ms"):
            with translation.override(language):
                paths.append(pairing.get_url())
    return paths


def start_editor(server, seconds):
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "bench" / "soak_editor.py"),
            "--seconds",
            str(seconds),
        ],
        cwd=ROOT,
        env=server.environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def editor_report(editor):
    output, _ = editor.communicate(timeout=120)
    for line in output.splitlines():
        if line.startswith("EDITOR_JSON "):
            return json.loads(line.removeprefix("EDITOR_JSON "))
    return {"publishes": 0, "errors": [output[-1000:]]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--pairings", type=int, default=500)
    parser.add_argument("--page-cache", choices=["on", "off"], default="on")
    parser.add_argument(
        "--template",
        help="copy this database (migrated, with the demo content, no open session) "
        "instead of building one",
    )
    options = parser.parse_args()

    require_wrk()
    server_url = os.environ.get("DATABASE_URL", "postgres://127.0.0.1:5432/iurc")
    if not server_url.startswith("postgres"):
        sys.exit("The soak test needs PostgreSQL: set DATABASE_URL.")
    configure_process(urlunsplit(urlsplit(server_url)._replace(path="/postgres")))

    from django.core.management import call_command
    from django.db import connections

    from bench.dataset import BenchDatabases, add_generated_pairings, load_demo, use

    databases = BenchDatabases(server_url)
    try:
        print("Building the database...", flush=True)
        call_command("collectstatic", interactive=False, verbosity=0)
        if options.template:
            site = databases.create("site", template=options.template)
            use(site)
        else:
            site = databases.create("site")
            load_demo(site)
        add_generated_pairings(options.pairings)
        paths = MIXED_PATHS + pairing_paths()
        connections.close_all()
        flush_redis_database(redis_url(9))

        with GunicornServer(
            databases.url(site),
            redis_url=redis_url(9),
            page_cache=options.page_cache == "on",
        ) as server:
            for _ in range(2):
                for path in paths:
                    status, _body = server.get(path)
                    if status >= 400:
                        raise SystemExit(f"{path} answered {status} before the soak")
            memory_before = server.worker_rss()
            print(
                f"Soak: {options.seconds} s, {options.connections} clients, "
                f"{len(paths)} URLs, an editor publishing every second...",
                flush=True,
            )
            editor = start_editor(server, options.seconds)
            started = time.monotonic()
            result = run_wrk(
                server.url(""),
                paths,
                seconds=options.seconds,
                connections=options.connections,
                threads=2,
                timeout_s=30,
            )
            editing = editor_report(editor)
            elapsed = time.monotonic() - started
            memory_after = server.worker_rss()
    finally:
        databases.drop_all()
        flush_redis_database(redis_url(9))

    print(
        f"\nSoak test: {elapsed:.0f} s, {options.connections} clients over "
        f"{len(paths)} URLs, page cache {options.page_cache}, "
        f"{options.pairings:,} generated pairings + demo content\n"
    )
    print(
        f"  requests            {result.requests:,} ({result.requests_per_second:.0f}/s)"
    )
    print(
        f"  latency ms          p50 {result.p50_ms:.0f}, p90 {result.p90_ms:.0f}, "
        f"p99 {result.p99_ms:.0f}, max {result.max_ms:.0f}"
    )
    print(
        "  statuses            "
        + ", ".join(f"{s}: {n:,}" for s, n in sorted(result.statuses.items()))
    )
    if result.cache:
        print(
            "  X-Page-Cache        "
            + ", ".join(f"{k}: {n:,}" for k, n in sorted(result.cache.items()))
        )
    print(f"  socket errors       {result.socket_errors}")
    print(f"  FAILED requests     {result.failed}")
    print(
        f"  editor              {editing['publishes']} revisions published "
        f"(median {editing.get('median_publish_ms', 0):.0f} ms), "
        f"{len(editing['errors'])} errors"
    )
    for error in editing["errors"][:5]:
        print(f"                      {error}")
    print(
        "  worker RSS MB       before: "
        + ", ".join(f"{megabytes(size):.0f}" for size in memory_before.values())
    )
    print(
        "                      after:  "
        + ", ".join(f"{megabytes(size):.0f}" for size in memory_after.values())
    )
    total_before = sum(memory_before.values())
    total_after = sum(memory_after.values())
    print(
        f"                      total {megabytes(total_before):.0f} -> "
        f"{megabytes(total_after):.0f} MB"
    )
    if result.failed or editing["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
