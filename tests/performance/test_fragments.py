"""Cached pieces of pages (iurc_site.caching.content_version.cached, {% published_fragment %}):
served from this process's memory, never stale after a publish, never mixed with drafts,
and never carried over from one release to the next."""

from io import StringIO
from urllib.parse import urlsplit

from django.core.cache import caches
from django.core.management import call_command
from django.db import connections
from django.utils import translation

import pytest

from iurc_site.caching import content_version
from iurc_site.caching.fragments import VersionedFragmentCache
from iurc_site.caching.page_cache import PageCacheMiddleware
from iurc_site.caching.release import release_id
from iurc_site.models import ContentVersion
from regions.models import PairingPage
from tests.factories import PairingPageFactory, PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairing():
    return PairingPage.objects.live().order_by("path").first()


def publish(page):
    page.save_revision().publish()


def test_the_fragments_cache_reads_memory_first_then_the_shared_cache():
    shared = caches["default"]
    fragments = VersionedFragmentCache("fragments-test", {"OPTIONS": {}})

    shared.set("iurc:r:7:menu", ["made by another process"])
    assert fragments.get("iurc:r:7:menu") == ["made by another process"]

    # Now kept in this process: the shared cache is not asked again.
    shared.delete("iurc:r:7:menu")
    assert fragments.get("iurc:r:7:menu") == ["made by another process"]

    fragments.set("iurc:r:8:menu", ["mine"])
    assert shared.get("iurc:r:8:menu") == ["mine"]  # other processes can read it
    fragments.clear_local()
    assert fragments.get("iurc:r:7:menu") is None
    assert fragments.get("iurc:r:8:menu") == ["mine"]


def test_a_cached_value_is_computed_once_per_content_version():
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert content_version.cached(["test-count"], compute) == 1
    assert content_version.cached(["test-count"], compute) == 1
    ContentVersion.objects.filter(pk=1).update(number=10_000)
    caches["default"].delete(content_version.CACHE_KEY)
    assert content_version.cached(["test-count"], compute) == 2


def test_nothing_is_stored_under_a_number_that_is_not_committed(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        content_version.bump()
        key = content_version.key("test-uncommitted")
        assert content_version.cached(["test-uncommitted"], lambda: "draft") == "draft"
    # If the transaction rolled back, the same number would be given to other content.
    assert caches["fragments"].get(key) is None


def test_a_request_reads_the_content_version_once():
    """Outside a transaction (as in production), one read per request, and a new
    request sees a change made by another process."""
    database = connections["default"]
    in_test_transaction = database.in_atomic_block
    before = content_version.current()
    database.in_atomic_block = False  # as a request in production runs
    try:
        content_version._request_started()
        assert content_version.current() == before
        # Another process publishes: it changes the number and forgets the cached one.
        ContentVersion.objects.filter(pk=1).update(number=before + 5)
        caches["default"].delete(content_version.CACHE_KEY)
        assert content_version.current() == before  # the same for the whole request
        content_version._request_finished()

        content_version._request_started()
        assert content_version.current() == before + 5
    finally:
        content_version._request_finished()
        database.in_atomic_block = in_test_transaction


def test_a_preview_shows_the_draft_and_never_the_cached_page(client, pairing):
    # Visitors on the host that Wagtail's preview requests use (the site's own).
    host = urlsplit(pairing.full_url).netloc
    published = client.get(pairing.url, HTTP_HOST=host).text  # cached now
    draft_text = "<p>Words only the draft has</p>"  # as the page's body shows it
    assert draft_text not in published

    pairing.description = draft_text
    preview = pairing.make_preview_request()
    assert draft_text in preview.text

    # ...and the draft was not stored for visitors either.
    assert draft_text not in client.get(pairing.url, HTTP_HOST=host).text


def test_a_publish_shows_at_once_in_cached_cards_forms_pages_and_search(
    client, pairing, django_capture_on_commit_callbacks
):
    region = pairing.get_parent().specific
    explorer_url = "/en/pairings/?region=" + region.slug_en
    search_url = "/en/search/?q=Zanzibarville"
    eu_place = pairing.eu_place_list[0]
    profile_url = eu_place.get_absolute_url()
    for url in (region.url, explorer_url, pairing.url, profile_url):
        assert "Zanzibarville" not in client.get(url).text  # now cached
    assert "(0 results)" in client.get(search_url).text

    place = PlaceFactory(name="Zanzibarville", country="CN")
    with django_capture_on_commit_callbacks(execute=True):
        new_pairing = PairingPageFactory(
            parent=region,
            title="Zanzibarville – Rotterdam",
            start_year=2100,  # first in the region's listing
            places=(eu_place, place),
        )
        publish(new_pairing)
        pairing.title_en = "Zanzibarville renamed pairing"
        publish(pairing)

    assert "Zanzibarville – Rotterdam" in client.get(region.url).text
    explorer = client.get(explorer_url).text
    assert "Zanzibarville – Rotterdam" in explorer
    assert "Zanzibarville renamed pairing" in client.get(pairing.url).text
    profile = client.get(profile_url).text
    assert "Zanzibarville – Rotterdam" in profile
    assert "Zanzibarville renamed pairing" in profile
    found = client.get(search_url).text
    assert "(0 results)" not in found
    assert "Zanzibarville – Rotterdam" in found


def test_language_links_of_a_cached_page_point_to_each_language(client, pairing):
    with translation.override("ms"):
        malay_url = pairing.url
    with translation.override("es"):
        spanish_url = pairing.url
    assert malay_url != spanish_url
    for _ in range(2):  # the second time from the cache
        page = client.get(malay_url).text
        assert f'hreflang="es" href="http://testserver{spanish_url}"' in page
        assert f'rel="canonical" href="http://testserver{malay_url}"' in page


def test_a_new_release_does_not_serve_what_the_previous_one_cached(settings, rf):
    release_id.cache_clear()
    try:
        settings.IURC_RELEASE = "release-one"
        fragment_key = content_version.key("menu")
        page_key = PageCacheMiddleware(lambda request: None).page_key(rf.get("/en/"))
        release_id.cache_clear()
        settings.IURC_RELEASE = "release-two"
        assert content_version.key("menu") != fragment_key
        assert "release-two" in content_version.key("menu")
        assert PageCacheMiddleware(lambda r: None).page_key(rf.get("/en/")) != page_key
    finally:
        release_id.cache_clear()


def test_the_release_changes_when_a_template_changes(settings, tmp_path):
    template = tmp_path / "templates" / "page.html"
    template.parent.mkdir()
    template.write_text("<p>{{ page.title }}</p>")
    settings.BASE_DIR = tmp_path
    settings.IURC_RELEASE = ""
    release_id.cache_clear()
    try:
        first = release_id()
        template.write_text("<h1>{{ page.title }}</h1>")
        release_id.cache_clear()
        assert release_id() != first
    finally:
        release_id.cache_clear()


def test_clear_caches_empties_pages_and_fragments_after_a_restore():
    caches["default"].set("page-cache:some-page", b"<html>old</html>")
    caches["fragments"].set("iurc:r:3:main-menu:1:en", ["old menu"])
    output = StringIO()
    call_command("clear_caches", stdout=output)
    assert caches["default"].get("page-cache:some-page") is None
    assert caches["fragments"].get("iurc:r:3:main-menu:1:en") is None
    assert "Emptied the 'fragments' cache." in output.getvalue()
