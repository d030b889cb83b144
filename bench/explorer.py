"""Benchmark: the explorer, its map data and a place profile, at demo size and at scale.

    DATABASE_URL=postgres://127.0.0.1:5432/iurc .venv/bin/python bench/explorer.py \\
        [--pairings 10000] [--runs 5]

The database named by DATABASE_URL must hold the demo content (`make demo`) and have no
open session. It is copied to a throwaway `<name>_bench`; each URL is timed there with
the demo's 30 pairings (the baseline), then again after adding synthetic pairings in
bulk (straight into the tables, which is not how editors add them but takes seconds),
and the copy is dropped. It prints, per URL, the median time and the number of queries
for both runs: the queries must not change, the times show what the data costs.
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

URLS = [
    "/en/pairings/",
    "/en/pairings/?region=china&strand=city",
    "/zh-hans/pairings/?q=an&page=2",
    "/en/map/pairings.json",
    "/th/map/pairings.json?region=china",
    "/en/places/nl/rotterdam/",
]


def maintenance(url, *statements):
    """Run CREATE/DROP DATABASE statements on the server of `url`."""
    parts = urlsplit(url)
    connection = psycopg2.connect(
        dbname="postgres",
        host=parts.hostname,
        port=parts.port,
        user=parts.username,
        password=parts.password,
    )
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def measure(client, runs):
    """{url: (median seconds, queries)} for every URL, after one warm-up request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = {}
    for url in URLS:
        client.get(url)
        times = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise RuntimeError(f"{url}: HTTP {response.status_code}")
        results[url] = (statistics.median(times), len(queries), len(response.content))
    return results


# A generated pairing's title in each site language (its number follows).
TRANSLATED_TITLES = {
    "en": "Benchtown pairing",
    "ms": "Gandingan Benchtown",
    "zh_hans": "本奇镇结对",
    "vi": "Kết nghĩa Benchtown",
    "th": "การจับคู่ Benchtown",
    "pt": "Parceria Benchtown",
    "es": "Hermanamiento Benchtown",
}


def add_pairings(count, seed=4, *, translated=False, first_number=0):
    """Insert `count` live pairings spread over the regions, with places and themes.

    With `translated`, each pairing has its title and slug in every site language (else
    English only). `first_number` numbers them after earlier calls, so that a database
    can grow in steps. Returns the new pages' ids.
    """
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone

    from wagtail.models import Page

    from iurc_site.models import ProgrammePhasePage
    from iurc_site.private_apis import tree_path
    from partners.models import Place, Theme
    from regions.models import (
        PairingEuPlace,
        PairingPage,
        PairingPartnerPlace,
        RegionPage,
    )

    randomness = random.Random(seed)
    languages = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
    regions = list(RegionPage.objects.order_by("path"))
    phases = list(ProgrammePhasePage.objects.all())
    themes = list(Theme.objects.all())
    rotterdam = Place.objects.get(country="NL", slug="rotterdam")
    now = timezone.now()

    with transaction.atomic():
        new_places = Place.objects.bulk_create(
            [
                Place(
                    name=f"Benchtown {number}",
                    name_en=f"Benchtown {number}",
                    slug=f"benchtown-{number}",
                    country=randomness.choice(["DE", "FR", "CN", "BR", "JP", "US"]),
                    latitude=randomness.uniform(-50, 65),
                    longitude=randomness.uniform(-120, 150),
                    population=randomness.randint(20_000, 5_000_000),
                )
                for number in range(first_number, first_number + max(count // 3, 2))
            ]
        )
        content_type = ContentType.objects.get_for_model(PairingPage)
        pages, owners = [], []
        children = {region.pk: region.numchild for region in regions}
        for number in range(first_number, first_number + count):
            region = regions[number % len(regions)]
            children[region.pk] += 1
            slug = f"bench-pairing-{number}"
            title = f"Benchtown pairing {number}"
            fields = {
                "title": title,
                "draft_title": title,
                "slug": slug,
                "content_type": content_type,
                "path": tree_path(region.path, region.depth + 1, children[region.pk]),
                "depth": region.depth + 1,
                "numchild": 0,
                "live": True,
                "first_published_at": now,
                "last_published_at": now,
                "locale_id": region.locale_id,
                "translation_key": uuid.uuid4(),
            }
            for language in languages:
                own_title, own_slug = title, slug
                if translated and language != "en":
                    own_title = f"{TRANSLATED_TITLES.get(language, title)} {number}"
                    own_slug = f"{slug}-{language.replace('_', '-')}"
                elif language != "en":
                    own_title = own_slug = None
                fields[f"title_{language}"] = own_title
                fields[f"slug_{language}"] = own_slug
                region_path = (
                    getattr(region, f"url_path_{language}") or region.url_path_en
                )
                fields[f"url_path_{language}"] = f"{region_path}{own_slug or slug}/"
            pages.append(Page(**fields))
            owners.append(region)
        pages = Page.objects.bulk_create(pages, batch_size=1000)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {PairingPage._meta.db_table} "  # noqa: S608
                "(page_ptr_id, strand, kind, start_year, status, description, "
                "source_url, phase_id) VALUES (%s, %s, 'pair', %s, 'active', '', '', %s)",
                [
                    (
                        page.pk,
                        randomness.choice(["city", "region"]),
                        randomness.choice([None, *range(2016, 2025)]),
                        randomness.choice(phases).pk,
                    )
                    for page in pages
                ],
            )
        PairingEuPlace.objects.bulk_create(
            [
                PairingEuPlace(
                    pairing_id=page.pk,
                    sort_order=0,
                    place=rotterdam
                    if number % 20 == 0
                    else randomness.choice(new_places),
                )
                for number, page in enumerate(pages, start=first_number)
            ]
        )
        PairingPartnerPlace.objects.bulk_create(
            [
                PairingPartnerPlace(
                    pairing_id=page.pk,
                    sort_order=0,
                    place=randomness.choice(new_places),
                )
                for page in pages
            ]
        )
        through = PairingPage.themes.through
        through.objects.bulk_create(
            [
                through(pairingpage_id=page.pk, theme=theme)
                for page in pages
                for theme in randomness.sample(themes, 2)
            ]
        )
        for region in regions:
            Page.objects.filter(pk=region.pk).update(
                numchild=F("numchild") + (children[region.pk] - region.numchild)
            )
    return [page.pk for page in pages]


def main():
    """Copy the database, time the URLs before and after adding pairings, print both."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairings", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    source_url = os.environ.get("DATABASE_URL")
    if not source_url:
        sys.exit("Set DATABASE_URL to a database with the demo content.")
    parts = urlsplit(source_url)
    source = parts.path.lstrip("/")
    copy = f"{source}_bench"
    maintenance(
        source_url,
        f'DROP DATABASE IF EXISTS "{copy}"',
        f'CREATE DATABASE "{copy}" TEMPLATE "{source}"',
    )
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{copy}"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "iurc_site.settings.test"
    try:
        import django

        django.setup()
        from django.db import connections
        from django.test import Client

        client = Client(HTTP_HOST="localhost")
        baseline = measure(client, options.runs)
        start = time.perf_counter()
        add_pairings(options.pairings)
        print(
            f"Added {options.pairings} pairings in {time.perf_counter() - start:.1f} s."
        )
        at_scale = measure(client, options.runs)
        connections.close_all()
    finally:
        maintenance(source_url, f'DROP DATABASE IF EXISTS "{copy}"')

    header = f"{'URL':42} {'30 pairings':>22} {f'+{options.pairings}':>26}"
    print(header)
    print("-" * len(header))
    for url in URLS:
        base_time, base_queries, base_size = baseline[url]
        time_, queries, size = at_scale[url]
        print(
            f"{url:42} {base_time * 1000:7.0f} ms {base_queries:3} q {base_size / 1024:5.0f} kB"
            f" {time_ * 1000:8.0f} ms {queries:3} q {size / 1024:6.0f} kB"
        )


if __name__ == "__main__":
    main()
