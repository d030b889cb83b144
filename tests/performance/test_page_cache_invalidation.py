"""What a visitor sees after a change is never an old copy: in every language, on every
page that shows it (the page, its parents' listings, the explorer, the map, the sitemap).
"""

from django.utils import translation

from wagtail.models import Page

import pytest

from iurc_site.caching.generation import current_generation
from iurc_site.models import SiteSettings
from partners.models import Theme
from regions.models import PairingPage
from tests.performance.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

HEADER = "X-Page-Cache"


def urls_showing(*pages):
    """Each page, the home page, the explorer and the map data, in every language, and
    the sitemap."""
    home = Page.objects.get(depth=2).specific
    explorer = Page.objects.get(url_path_en="/iurc/pairings/")
    urls = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            urls += [page.get_url() for page in (*pages, home, explorer)]
            urls.append(f"/{code}/map/pairings.json")
    return [*dict.fromkeys(urls), "/sitemap-pages.xml"]


def fill(client, urls):
    """Store every URL in the page cache (and check that they are stored)."""
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response
    for url in urls:
        assert client.get(url)[HEADER] == "hit", url
    return pages


def assert_none_served_from_cache(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.get(HEADER) != "hit", url


@pytest.fixture
def pairing(db):
    return PairingPage.objects.live().order_by("path").first()


def publish(page):
    page.save_revision().publish()


def test_publishing_a_page_shows_its_new_text_everywhere_in_every_language(
    client, page_cache, pairing, django_capture_on_commit_callbacks
):
    urls = urls_showing(pairing, pairing.get_parent())
    fill(client, urls)

    pairing.title_en = "Rotterdam – Busan renewed"
    pairing.title_ms = "Rotterdam – Busan diperbaharui"
    pairing.title_th = "รอตเทอร์ดัม – ปูซาน ใหม่"
    with django_capture_on_commit_callbacks(execute=True):
        publish(pairing)

    assert_none_served_from_cache(client, urls)
    region_url = pairing.get_parent().url
    assert "Rotterdam – Busan renewed" in client.get(region_url).text
    with translation.override("ms"):
        assert "Rotterdam – Busan diperbaharui" in client.get(pairing.url).text
    with translation.override("th"):
        assert "รอตเทอร์ดัม – ปูซาน ใหม่" in client.get(pairing.url).text
    assert "Rotterdam – Busan renewed" in client.get("/en/map/pairings.json").text


def test_the_cache_is_emptied_only_once_the_change_is_committed(
    client, page_cache, demo_page, django_capture_on_commit_callbacks
):
    about = demo_page("/about/")
    fill(client, ["/en/about/"])

    about.title_en = "About the programme"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(about)
        # Before the commit, other processes still read the old content: so does the
        # cache (a page stored now under the new generation would be the old one).
        assert client.get("/en/about/")[HEADER] == "hit"
    assert callbacks, "publishing schedules the bump for after the commit"
    for callback in callbacks:
        callback()

    response = client.get(demo_page("/about/").url)
    assert response[HEADER] == "miss"
    assert "About the programme" in response.text


def test_saving_a_draft_keeps_the_cache(
    client, page_cache, demo_page, django_capture_on_commit_callbacks
):
    about = demo_page("/about/")
    fill(client, ["/en/about/", "/ms/tentang-iurc/"])

    about.title_en = "A draft title"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision()

    for url in ("/en/about/", "/ms/tentang-iurc/"):
        response = client.get(url)
        assert response[HEADER] == "hit"
        assert "A draft title" not in response.text


def test_unpublishing_a_page_removes_it_in_every_language(
    client,
    page_cache,
    pairing,
    urls_in_every_language,
    django_capture_on_commit_callbacks,
):
    own_urls = list(urls_in_every_language(pairing).values())
    urls = urls_showing(pairing, pairing.get_parent())
    fill(client, urls)

    with django_capture_on_commit_callbacks(execute=True):
        pairing.unpublish()

    for url in own_urls:
        assert client.get(url).status_code == 404, url
    assert_none_served_from_cache(client, urls)
    assert pairing.title not in client.get(pairing.get_parent().url).text
    assert pairing.title not in client.get("/en/map/pairings.json").text


def test_moving_a_page_changes_its_address_in_every_language(
    client,
    page_cache,
    demo_page,
    urls_in_every_language,
    django_capture_on_commit_callbacks,
):
    about = demo_page("/about/")
    old_urls = list(urls_in_every_language(about).values())
    fill(client, urls_showing(about))
    china = demo_page("/regions/china/")

    with django_capture_on_commit_callbacks(execute=True):
        about.move(china, pos="last-child")

    for url in old_urls:
        response = client.get(url)
        assert response.status_code == 301, url  # redirected to its new address
        assert response.get(HEADER) != "hit"
    moved = demo_page("/regions/china/about/")
    assert client.get(moved.url).status_code == 200


def test_deleting_a_page_removes_it_everywhere(
    client,
    page_cache,
    pairing,
    urls_in_every_language,
    django_capture_on_commit_callbacks,
):
    own_urls = list(urls_in_every_language(pairing).values())
    urls = urls_showing(pairing, pairing.get_parent())
    fill(client, urls)
    title, region = pairing.title, pairing.get_parent()

    with django_capture_on_commit_callbacks(execute=True):
        pairing.delete()

    for url in own_urls:
        assert client.get(url).status_code == 404, url
    assert_none_served_from_cache(client, [url for url in urls if url not in own_urls])
    assert title not in client.get(region.url).text


def test_renaming_a_place_shows_the_new_name_on_its_pairings(
    client, page_cache, pairing, django_capture_on_commit_callbacks
):
    place = pairing.eu_place_list[0]
    urls = [*urls_showing(pairing), place.get_absolute_url()]
    fill(client, urls)

    for code in LANGUAGE_CODES:
        setattr(place, f"name_{code.replace('-', '_')}", f"Renamed City {code}")
    with django_capture_on_commit_callbacks(execute=True):
        place.save()

    assert_none_served_from_cache(client, urls)
    for code in LANGUAGE_CODES:
        with translation.override(code):
            assert f"Renamed City {code}<" in client.get(pairing.url).text


def test_renaming_a_theme_shows_the_new_name_in_the_explorer(
    client,
    page_cache,
    pairing,
    urls_in_every_language,
    django_capture_on_commit_callbacks,
):
    theme = Theme.objects.filter(pairings__live=True).first()
    urls = urls_showing(pairing)
    fill(client, urls)

    for code in LANGUAGE_CODES:
        setattr(theme, f"name_{code.replace('-', '_')}", f"Renamed theme {code}")
    with django_capture_on_commit_callbacks(execute=True):
        theme.save()

    assert_none_served_from_cache(client, urls)
    explorer = Page.objects.get(url_path_en="/iurc/pairings/")
    for code, url in urls_in_every_language(explorer).items():
        assert f"Renamed theme {code}<" in client.get(url).text


def test_changing_the_site_settings_shows_on_every_page(
    client, page_cache, demo_page, django_capture_on_commit_callbacks
):
    urls = urls_showing(demo_page("/about/"))
    fill(client, urls)

    site_settings = SiteSettings.load()
    for code in LANGUAGE_CODES:
        setattr(
            site_settings, f"footer_text_{code.replace('-', '_')}", f"Footer {code}"
        )
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()

    assert_none_served_from_cache(client, urls)
    for url in urls:
        if url.endswith("/"):  # a page, in the language of its prefix
            code = url.split("/")[1]
            assert f"Footer {code}<" in client.get(url).text, url


def test_an_import_shows_its_pairings_at_once_and_empties_the_cache_once(
    client, page_cache, admin_user, demo_page, django_capture_on_commit_callbacks
):
    from partners.pairing_import import apply_plan, plan_import, read_csv

    region = demo_page("/regions/latin-america/")
    urls = urls_showing(region)
    fill(client, urls)
    rows = [
        "programme,region,strand,eu_places,eu_countries,partner_places,partner_countries",
        "IURC,latin-america,city,Lisbon,PT,Curitiba,BR",
        "IURC,latin-america,city,Porto,PT,Recife,BR",
    ]
    import_plan = plan_import(read_csv(("\n".join(rows) + "\n").encode()))

    generation_before = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        apply_plan(import_plan, user=admin_user, file_name="two.csv")

    # One bump for the whole file, however many pages it published.
    assert current_generation() == generation_before + 1
    assert_none_served_from_cache(client, urls)
    listing = client.get(region.url).text
    assert "Lisbon – Curitiba" in listing
    assert "Porto – Recife" in listing
