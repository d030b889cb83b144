"""The library runs as many queries with 5,000 publications as with 10: its listing (with
filters and pages), a publication's page, the pairing and region pages that show
publications, and the sitemap of publications."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from publications.models import Publication
from publications.pages import publication_slug
from regions.models import PairingPage, RegionPage
from tests.support.caches import clear_caches

pytestmark = pytest.mark.django_db
KINDS = [member.value for member in Publication.Kind]


def query_count(client, url):
    clear_caches()  # built afresh: nothing from the fragments or the page cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow_with_the_number_of_publications(
    client, make_publication, programme_library, library_of
):
    regions = list(RegionPage.objects.live().order_by("path"))
    pairing = PairingPage.objects.live().child_of(regions[0]).order_by("pk").first()
    themes = list(pairing.themes.all()[:2])
    # One stored file, shared by every row made in bulk (as a replaced file would be).
    model = make_publication("The file every row shares")

    def add_publications(count):
        first = Publication.objects.order_by("-pk").values_list("pk", flat=True)[0]
        Publication.objects.bulk_create(
            [
                Publication(
                    title=f"Bulk publication {number}",
                    title_en=f"Bulk publication {number}",
                    summary_en="A publication made for counting queries.",
                    file=model.file.name,
                    file_size=model.file_size,
                    collection_id=model.collection_id,
                    kind=KINDS[number % len(KINDS)],
                    year=2015 + number % 10,
                    file_languages=["en", "es"] if number % 2 else ["zh-hans"],
                    region=regions[number % len(regions)] if number % 3 else None,
                )
                for number in range(count)
            ],
            batch_size=1000,
        )
        added = Publication.objects.filter(pk__gt=first)
        themes_through = Publication.themes.through
        pairings_through = Publication.pairings.through
        themes_through.objects.bulk_create(
            [
                themes_through(publication_id=pk, theme=theme)
                for pk in added.values_list("pk", flat=True)
                for theme in themes
            ],
            batch_size=5000,
        )
        pairings_through.objects.bulk_create(
            [
                pairings_through(publication_id=pk, pairingpage=pairing)
                for pk in added.values_list("pk", flat=True)[:50]
            ]
        )

    region_library = library_of(regions[0].slug_en)
    add_publications(10)
    latest = Publication.objects.filter(region=None).order_by("-pk").first()
    urls = [
        programme_library.url,
        f"{programme_library.url}?type=report&language=es&year=2016",
        f"{programme_library.url}?region={regions[1].slug_en}&theme={themes[0].slug}",
        f"{programme_library.url}?page=2",
        f"{programme_library.url}?page=9999&type=nothing",
        region_library.url,
        f"{region_library.url}?page=2",
        f"{programme_library.url}{latest.pk}-{publication_slug(latest)}/",
        pairing.url,
        regions[0].url,
        "/th/",
        "/sitemap-publications.xml",
    ]
    for url in urls:  # once to warm the per-process caches (content types, site root)
        query_count(client, url)
    with_few = {url: query_count(client, url) for url in urls}

    add_publications(4990)
    with_many = {url: query_count(client, url) for url in urls}

    assert Publication.objects.count() >= 5000
    assert with_many == with_few, {
        url: (with_few[url], with_many[url])
        for url in urls
        if with_few[url] != with_many[url]
    }
