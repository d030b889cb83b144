"""How fast the public search answers as the site grows (PostgreSQL).

Measures search() and suggest() on the database's own documents (the baseline), then
again with the documents of 10,000 extra pairings in all seven languages (70,000 rows)
added in a transaction that is rolled back at the end: nothing is kept.

    DATABASE_URL=postgres://127.0.0.1:5432/iurc .venv/bin/python bench/search_benchmark.py

Prints the median and worst time of each query over REPEATS runs, in milliseconds.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iurc_site.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.contrib.postgres.search import SearchVector  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from wagtail.models import Page  # noqa: E402

from sitesearch.models import SearchDocument  # noqa: E402
from sitesearch.query import search, suggest  # noqa: E402
from sitesearch.text import search_text  # noqa: E402

EXTRA_PAIRINGS = 10_000
REPEATS = 15
QUERIES = [
    ("en", "search", "rotterdam"),
    ("en", "search", "sao paulo"),
    ("zh-hans", "search", "合作"),
    ("ms", "search", "kerjasama bandar"),
    ("en", "search", "zzzz nothing"),  # no match: the other-language fallback runs too
    ("en", "search", "urban"),  # matches thousands: bounded by MAX_MATCHES
    ("en", "suggest", "rot"),
    ("zh-hans", "suggest", "鹿特"),
]
WORDS = [
    "urban",
    "mobility",
    "circular",
    "economy",
    "climate",
    "energy",
    "water",
    "housing",
    "innovation",
    "smart",
    "city",
    "port",
    "harbour",
    "culture",
    "tourism",
    "heritage",
    "green",
    "transport",
    "data",
    "governance",
    "resilience",
    "nature",
    "waste",
    "digital",
    "cooperation",
    "partnership",
    "region",
]


def timed(language, kind, query):
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        if kind == "search":
            search(query, language)
        else:
            suggest(query, language)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), max(runs)


def measure(label):
    print(f"\n{label}: {SearchDocument.objects.count():,} documents")
    print(
        f"  {'language':<8} {'kind':<8} {'query':<18} {'median ms':>10} {'worst ms':>9}"
    )
    figures = {}
    for language, kind, query in QUERIES:
        median, worst = timed(language, kind, query)
        figures[(language, kind, query)] = median
        print(f"  {language:<8} {kind:<8} {query:<18} {median:>10.1f} {worst:>9.1f}")
    return figures


def add_synthetic_pairings():
    """Documents of EXTRA_PAIRINGS made-up pairings in every language."""
    rng = random.Random(4)
    page_type = ContentType.objects.get_for_model(Page)
    first_id = 10_000_000
    documents = []
    for number in range(EXTRA_PAIRINGS):
        title = f"Town{number} – City{number}"
        body = " ".join(rng.choices(WORDS, k=40))
        for code, _name in settings.LANGUAGES:
            documents.append(
                SearchDocument(
                    content_type=page_type,
                    object_id=first_id + number,
                    language=code,
                    kind=SearchDocument.Kind.PAIRING,
                    title=title,
                    title_language=code,
                    summary=body[:200],
                    title_words=search_text(title),
                    body_words=search_text(body),
                )
            )
    SearchDocument.objects.bulk_create(documents, batch_size=5_000)
    SearchDocument.objects.filter(object_id__gte=first_id).update(
        vector=SearchVector("title_words", weight="A", config="simple")
        + SearchVector("body_words", weight="C", config="simple")
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sitesearch_searchdocument")


def main():
    if connection.vendor != "postgresql":
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL.")
    search("warm up", "en")  # load the word segmenters before timing
    search("合作 ความร่วมมือ", "th")
    baseline = measure("Baseline (this database)")
    with transaction.atomic():
        start = time.perf_counter()
        add_synthetic_pairings()
        print(
            f"\nAdded {EXTRA_PAIRINGS:,} pairings × {len(settings.LANGUAGES)} languages "
            f"in {time.perf_counter() - start:.1f} s (rolled back at the end)"
        )
        grown = measure(f"With {EXTRA_PAIRINGS:,} more pairings")
        transaction.set_rollback(True)
    print("\nSlow-down factor (median, grown / baseline):")
    for key, median in grown.items():
        print(f"  {' '.join(key):<36} {median / baseline[key]:>5.1f}×")


if __name__ == "__main__":
    main()
