"""The API's lists run as many queries with 10,000 more pairings as with 10 more: one
COUNT of the matches, then the records of the page's slice only."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from bench.explorer import add_pairings
from iurc_site.caching import invalidation
from regions.models import PairingPage
from tests.support.caches import clear_caches

URLS = [
    "/api/v1/pairings",
    "/api/v1/pairings?page=3&page_size=5",
    "/api/v1/pairings?region=china&strand=city",
    "/api/v1/pairings?region=china&page=3&page_size=2",
    "/api/v1/pairings?country=DE&lang=th&page=3&page_size=1",
    "/api/v1/pairings?q=Benchtown&lang=zh-hans",
    "/api/v1/places",
    "/api/v1/places?country=DE&page=3&page_size=1",
    "/api/v1/regions",
    "/api/v1/regions?lang=ms",
]


def query_count(client, url):
    clear_caches()  # built afresh: nothing from the vocabulary or route caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(queries), response.json()


@pytest.mark.django_db
def test_api_query_counts_do_not_grow_with_the_number_of_pairings(client):
    add_pairings(10)
    invalidation.content_changed()
    for url in URLS:  # once to warm the per-process caches (content types, site root)
        query_count(client, url)
    with_10 = {url: query_count(client, url) for url in URLS}

    add_pairings(10_000, first_number=10)
    invalidation.content_changed()
    with_10000 = {url: query_count(client, url) for url in URLS}

    total = PairingPage.objects.live().count()
    assert total >= 10_010
    # The lists measured really hold them.
    assert with_10000["/api/v1/pairings"][1]["count"] == total
    assert with_10000["/api/v1/pairings"][1]["pages"] == -(-total // 50)
    assert len(with_10000["/api/v1/pairings?page=3&page_size=5"][1]["results"]) == 5
    assert (
        with_10000["/api/v1/places"][1]["count"] > with_10["/api/v1/places"][1]["count"]
    )
    counts_10 = {url: found[0] for url, found in with_10.items()}
    counts_10000 = {url: found[0] for url, found in with_10000.items()}
    assert counts_10000 == counts_10, {
        url: (counts_10[url], counts_10000[url])
        for url in URLS
        if counts_10[url] != counts_10000[url]
    }
