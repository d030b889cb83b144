"""Every page type runs as many queries for 500 pairings as for 10: the cost of a page
does not grow with the programme (home, standard page, phase, regions index, region,
pairing, explorer, map data, place profile, search, sitemap)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from iurc_site.models import ProgrammePhasePage
from regions.models import PairingPage, RegionPage
from sitesearch import indexing as sitesearch_indexing
from tests.factories import PairingPageFactory, PlaceFactory, ThemeFactory
from tests.support.caches import clear_caches

PAIRINGS_PER_REGION = 50  # siblings are checked one by one on save: keep regions small


def query_count(client, url):
    # Pages are built afresh each time: nothing from the cache (the sitemap's view cache,
    # the page cache), whose generation only moves after a commit.
    clear_caches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def new_region(index_page, number):
    region = RegionPage(
        title=f"Region {number}", title_en=f"Region {number}", slug=f"region-{number}"
    )
    region.slug_en = region.slug
    index_page.add_child(instance=region)
    return region


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_number_of_pairings(client, demo_page):
    index_page = demo_page("/regions/")
    hub = PlaceFactory(name="Hubville", country="DE")
    partners = PlaceFactory.create_batch(7, country="CN")
    themes = ThemeFactory.create_batch(3)
    phase = ProgrammePhasePage.objects.get(short_name="IURC")
    through = PairingPage.themes.through

    def add_pairings(region, count):
        for number in range(count):
            pairing = PairingPageFactory(
                parent=region,
                places=(hub, partners[number % len(partners)]),
                phase=phase,
            )
            through.objects.bulk_create(
                [through(pairingpage=pairing, theme=theme) for theme in themes[:2]]
            )

    first_region = new_region(index_page, 0)
    urls = [
        "/en/pairings/",
        f"/en/pairings/?region=region-0&theme={themes[0].slug}&q=Hub&page=2",
        "/zh-hans/pairings/?country=DE&year=2021",
        "/en/map/pairings.json",
        f"/th/map/pairings.json?region=region-0&theme={themes[1].slug}",
        hub.get_absolute_url(),
        f"{hub.get_absolute_url()}?page=2",
    ]
    add_pairings(first_region, 10)
    pairing = PairingPage.objects.child_of(first_region).first()
    urls += [
        "/en/",
        "/ms/",
        "/en/about/",
        "/zh-hans/",
        phase.get_url(),
        "/en/regions/",
        "/th/regions/",
        first_region.get_url(),
        f"{first_region.get_url()}?page=2",
        pairing.get_url(),
        # The pairings' results: the word is also in a few publications and news items,
        # whose groups show only while the pairings do not fill the first results.
        "/en/search/?q=Pairing&type=pairing",
        "/ms/search/?q=Hubville",
        "/en/search/suggest/?q=Pai",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/sitemap-places.xml",
    ]
    sitesearch_indexing.rebuild()  # search documents of every pairing
    for url in urls:  # once to warm the per-process caches (content types, site root)
        query_count(client, url)
    with_10 = {url: query_count(client, url) for url in urls}

    add_pairings(first_region, PAIRINGS_PER_REGION - 10)
    for number in range(1, 10):
        add_pairings(new_region(index_page, number), PAIRINGS_PER_REGION)
    sitesearch_indexing.rebuild()
    with_500 = {url: query_count(client, url) for url in urls}

    assert PairingPage.objects.filter(eu_places__place=hub).count() == 500
    # The pages measured really list them: the search reads its maximum of 200 matches.
    assert client.get("/en/search/?q=Pairing").context["total"] == 200
    assert with_500 == with_10, {
        url: (with_10[url], with_500[url])
        for url in urls
        if with_10[url] != with_500[url]
    }
