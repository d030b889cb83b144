"""The content version: cached pieces of pages change as soon as content is published."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from iurc_site.caching import content_version
from regions.models import PairingPage
from tests.factories import PairingPageFactory, PlaceFactory, ThemeFactory
from tests.support.caches import clear_caches


@pytest.mark.django_db
def test_publishing_a_page_changes_the_content_version(demo_page):
    before = content_version.current()
    about = demo_page("/about/")
    about.save_revision().publish()
    assert content_version.current() != before


@pytest.mark.django_db
def test_saving_a_place_changes_the_content_version():
    place = PlaceFactory(name="Versionville", country="DE")
    before = content_version.current()
    place.population = 12_345
    place.save()
    assert content_version.current() != before


@pytest.mark.django_db
def test_a_published_title_shows_at_once_in_menus_breadcrumbs_and_addresses(
    client, demo_page
):
    about = demo_page("/about/")
    assert client.get("/en/").status_code == 200  # fills the cached menu and routes
    assert client.get("/en/about/").status_code == 200
    about.title_en = "About the programme"
    about.slug_en = "about-the-programme"
    about.save_revision().publish()

    home = client.get("/en/").content.decode()
    assert "About the programme" in home
    assert client.get("/en/about-the-programme/").status_code == 200


@pytest.mark.django_db
def test_an_unpublished_page_is_no_longer_routed(client, demo_page):
    about = demo_page("/about/")
    assert client.get("/en/about/").status_code == 200
    about.unpublish()
    assert client.get("/en/about/").status_code == 404


@pytest.mark.django_db
def test_the_benchmark_baseline_page_does_not_exist_outside_the_benchmark(client):
    assert client.get("/bench/baseline/", follow=True).status_code == 404


def cold_query_count(client, url):
    clear_caches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
def test_explorer_and_map_queries_do_not_grow_with_an_empty_cache(client, demo_page):
    """The cached pieces hide nothing: with nothing cached the counts are bounded too."""
    region = demo_page("/regions/china/")
    hub = PlaceFactory(name="Coldville", country="DE")
    partners = PlaceFactory.create_batch(3, country="CN")
    theme = ThemeFactory()
    through = PairingPage.themes.through

    def add_pairings(count):
        for number in range(count):
            pairing = PairingPageFactory(
                parent=region, places=(hub, partners[number % len(partners)])
            )
            through.objects.create(pairingpage=pairing, theme=theme)
        content_version.bump()

    urls = [
        "/en/pairings/?region=china",
        f"/en/pairings/?theme={theme.slug}&q=Cold",
        "/en/map/pairings.json?region=china",
        hub.get_absolute_url(),
        "/en/regions/china/",
    ]
    add_pairings(5)
    for url in urls:
        cold_query_count(client, url)  # per-process caches (content types)
    with_5 = {url: cold_query_count(client, url) for url in urls}
    add_pairings(30)
    with_35 = {url: cold_query_count(client, url) for url in urls}
    assert with_35 == with_5
