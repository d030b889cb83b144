"""One list of what pages show (iurc_site/caching/invalidation.py): after each kind of
change, the next anonymous response shows it, whether the page cache is on or off.

Each step first renders the page (so its fragments and, with the page cache on, the
page itself are cached), then changes something the page shows, then reads it again.
Every change runs in django_capture_on_commit_callbacks(execute=True): the caches are
emptied after a commit, and a test's transaction never commits.
"""

from wagtail.contrib.redirects.models import Redirect

import pytest

from iurc_site.models import Testimonial
from regions.models import PairingPage, RegionPage
from tests.factories import PairingPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["page cache on", "page cache off"])
def page_cache_setting(request, settings):
    settings.PAGE_CACHE_ENABLED = request.param == "page cache on"
    return settings.PAGE_CACHE_ENABLED


@pytest.fixture
def pairing(db, django_capture_on_commit_callbacks):
    region = RegionPage.objects.live().order_by("path").first()
    with django_capture_on_commit_callbacks(execute=True):  # created and committed
        page = PairingPageFactory(
            parent=region,
            title="Ghent – Curitiba",
            slug="ghent-curitiba",
            description_en="<p>The first description.</p>",
        )
        page.save_revision().publish()
    return PairingPage.objects.get(pk=page.pk)


def shown(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.text


def test_every_kind_of_change_shows_in_the_next_response(
    client, page_cache_setting, pairing, django_capture_on_commit_callbacks
):
    assert "The first description." in shown(client, pairing)
    if page_cache_setting:
        assert client.get(pairing.url)["X-Page-Cache"] == "hit"

    # A live page saved directly (a script or a data fix), not published.
    pairing.description_en = "<p>A description fixed in place.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        pairing.save()
    text = shown(client, pairing)
    assert "A description fixed in place." in text
    assert "The first description." not in text

    # A theme added through the relation, without saving the page.
    with django_capture_on_commit_callbacks(execute=True):
        theme = ThemeFactory(name="Circular water systems")
    assert "Circular water systems" not in shown(client, pairing)
    with django_capture_on_commit_callbacks(execute=True):
        theme.pairings.add(pairing)
    assert "Circular water systems" in shown(client, pairing)

    # A testimonial added, then edited.
    with django_capture_on_commit_callbacks(execute=True):
        testimonial = Testimonial.objects.create(
            page=pairing, quote="We learnt a great deal.", speaker="A. Speaker"
        )
    assert "We learnt a great deal." in shown(client, pairing)
    testimonial.quote = "We learnt even more the second year."
    with django_capture_on_commit_callbacks(execute=True):
        testimonial.save()
    text = shown(client, pairing)
    assert "We learnt even more the second year." in text
    assert "We learnt a great deal." not in text

    # A redirect from an old address.
    old_path = "/en/old-pairing-address/"
    assert client.get(old_path).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        Redirect.objects.create(
            old_path=Redirect.normalise_path(old_path), redirect_page=pairing
        )
    response = client.get(old_path)
    assert response.status_code in (301, 302)
    assert response["Location"].endswith(pairing.url)


def test_a_live_page_saved_directly_is_a_change_and_a_draft_is_not(
    pairing, django_capture_on_commit_callbacks
):
    from iurc_site.caching import content_version

    before = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        pairing.save_revision()  # a draft: visitors see nothing new
    assert content_version.current() == before

    for page in (pairing, pairing.get_parent().specific):
        before = content_version.current()
        with django_capture_on_commit_callbacks(execute=True):
            page.save()
        assert content_version.current() > before, type(page).__name__
