"""A download's queries: a fixed number, plus three for each chunk of 500 pairings it reads.

The pairings themselves come through one server-side cursor (one DECLARE, then FETCHes
that are not queries of their own); each chunk then reads its EU places, partner places
and themes."""

import math

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from bench.explorer import add_pairings
from iurc_site.caching import invalidation
from opendata.records import CHUNK_SIZE
from regions.explorer.filters import explorable_pairings
from tests.support.caches import clear_caches

pytestmark = pytest.mark.django_db

URLS = ["/en/data/pairings.csv", "/th/data/pairings.json", "/pt/data/pairings.geojson"]
QUERIES_PER_CHUNK = 3
CHUNK_TABLES = (
    '"regions_pairingeuplace"',
    '"regions_pairingpartnerplace"',
    '"regions_pairingpage_themes"',
)


def queries(client, url):
    """(queries per chunk, other queries) of one download."""
    clear_caches()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
    assert content
    per_chunk = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].split(" FROM ", 1)[-1].startswith(CHUNK_TABLES)
    ]
    return len(per_chunk), len(captured) - len(per_chunk)


def test_queries_grow_by_three_per_chunk_of_pairings_and_nothing_else(client):
    for url in URLS:
        queries(client, url)  # warm the per-process caches (site root, content types)
    small_total = explorable_pairings().count()
    small = {url: queries(client, url) for url in URLS}

    add_pairings(2 * CHUNK_SIZE + 10)
    invalidation.content_changed()
    large_total = explorable_pairings().count()
    large = {url: queries(client, url) for url in URLS}

    extra_chunks = math.ceil(large_total / CHUNK_SIZE) - math.ceil(
        small_total / CHUNK_SIZE
    )
    assert extra_chunks == 2
    for url in URLS:
        assert large[url][0] - small[url][0] == QUERIES_PER_CHUNK * extra_chunks, url
        # Nothing else grows (routing's cached lookups may even make it fewer).
        assert large[url][1] <= small[url][1], url
