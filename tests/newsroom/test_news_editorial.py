"""Who writes news where, over real admin requests; and that a published news item shows
at once on the pages that list it (page cache and fragments made stale)."""

from django.conf import settings as django_settings
from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html

import pytest

from iurc_site.caching.invalidation import SHOWN_APPS, SHOWN_MODELS
from iurc_site.reports.translation_status import pages_with_missing_translations
from newsroom.models import Author, NewsIndexPage, NewsPage
from regions.editorial_roles import COMMUNICATIONS
from tests.factories import NewsPageFactory
from tests.support.two_factor import verified_login

pytestmark = pytest.mark.django_db


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("newsroom", "newspage", parent.pk))


def add_form_data(client, parent, title):
    response = client.get(add_url(parent))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["title_en"] = title
    data["slug_en"] = title.lower().replace(" ", "-")
    data["date"] = "2024-05-02"
    data["intro_en"] = "What happened."
    for code, _name in django_settings.LANGUAGES:
        # The body's inputs are drawn by the admin's JavaScript: an empty body.
        data[f"body_{code.replace('-', '_')}-count"] = "0"
    return data


def create_news(client, parent, title, action="action-submit"):
    """Open the add form under `parent` and send it; the form's status code if it does not open."""
    response = client.get(add_url(parent))
    if response.status_code != 200:
        return response.status_code
    data = add_form_data(client, parent, title)
    if action:
        data[action] = action.removeprefix("action-")
    return client.post(add_url(parent), dict(data.lists())).status_code


@pytest.fixture
def indexes(demo_page):
    return {
        "programme": demo_page("/news/"),
        "asia": NewsIndexPage.objects.child_of(
            demo_page("/regions/asia-australasia/")
        ).get(),
        "china": NewsIndexPage.objects.child_of(demo_page("/regions/china/")).get(),
    }


def test_a_coordinator_writes_news_in_their_region_only(client, editor, indexes):
    verified_login(client, editor("Asia & Australasia coordinators"))

    own = create_news(client, indexes["asia"], "Penang study visit")
    other = create_news(client, indexes["china"], "Chengdu study visit")
    programme = create_news(client, indexes["programme"], "Programme announcement")

    assert own == 302
    page = NewsPage.objects.get(title_en="Penang study visit")
    assert page.get_parent().pk == indexes["asia"].pk
    assert not page.live  # submitted for review: coordinators do not publish
    assert page.workflow_in_progress
    assert other in (302, 403) and programme in (302, 403)
    assert not NewsPage.objects.filter(title_en="Chengdu study visit").exists()
    assert not NewsPage.objects.filter(title_en="Programme announcement").exists()
    # Not by posting the form directly either.
    response = client.post(
        add_url(indexes["china"]),
        {"title_en": "Posted anyway", "slug_en": "posted-anyway", "date": "2024-05-02"},
    )
    assert response.status_code in (302, 403)
    assert not NewsPage.objects.filter(title_en="Posted anyway").exists()


def test_a_coordinator_cannot_publish_news_even_in_their_region(
    client, editor, indexes
):
    verified_login(client, editor("China coordinators"))

    create_news(
        client, indexes["china"], "Published by a coordinator", "action-publish"
    )

    page = NewsPage.objects.filter(title_en="Published by a coordinator").first()
    assert page is None or not page.live


def test_communications_publish_programme_wide_and_regional_news(
    client, editor, indexes
):
    verified_login(client, editor(COMMUNICATIONS))

    assert (
        create_news(client, indexes["programme"], "Annual event", "action-publish")
        == 302
    )
    assert create_news(client, indexes["china"], "China event", "action-publish") == 302

    assert NewsPage.objects.get(title_en="Annual event").live
    assert NewsPage.objects.get(title_en="China event").live


def test_a_second_news_index_under_the_same_parent_is_refused(
    client, admin_user, indexes
):
    verified_login(client, admin_user)
    region = indexes["china"].get_parent()

    response = client.get(
        reverse("wagtailadmin_pages:add", args=("newsroom", "newsindexpage", region.pk))
    )

    assert response.status_code in (302, 403)
    assert NewsIndexPage.objects.child_of(region).count() == 1


def test_the_news_models_are_in_the_one_list_of_what_pages_show():
    assert "newsroom.Author" in SHOWN_MODELS
    assert "newsroom" in SHOWN_APPS


@pytest.mark.parametrize("page_cache_on", [True, False])
def test_publishing_news_shows_it_on_the_home_and_region_pages(
    client, settings, indexes, page_cache_on, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = page_cache_on
    region = indexes["china"].get_parent()
    for url in ("/en/", region.url, indexes["china"].url):
        client.get(url)  # stored, with its fragments
        if page_cache_on:
            assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        page = NewsPageFactory(parent=indexes["china"], title="Harbin winter forum")
        page.date = page.date.replace(year=2030)  # the newest of all
        page.save_revision().publish()

    for url in ("/en/", region.url, indexes["china"].url, "/en/news/"):
        assert "Harbin winter forum" in client.get(url).text, url

    # An author renamed: the pages naming them change too.
    with django_capture_on_commit_callbacks(execute=True):
        author = Author.objects.create(name="Team Harbin", kind=Author.Kind.TEAM)
        page.authors.add(author)
        page.save_revision().publish()
    assert "Team Harbin" in client.get(region.url).text
    author.name_en = "Harbin team"
    with django_capture_on_commit_callbacks(execute=True):
        author.save()
    text = client.get(region.url).text
    assert "Harbin team" in text and "Team Harbin" not in text


def test_the_translation_status_report_covers_news(indexes):
    page = NewsPageFactory(
        parent=indexes["china"], hero_caption_en="A caption in English"
    )
    page.save_revision().publish()

    statuses = pages_with_missing_translations(
        NewsPage.objects.filter(pk=page.pk), "th"
    )

    missing = {listed.pk: status.missing for listed, status in statuses}
    labels = missing[page.pk]["th"]
    assert "caption" in labels and "introduction" in labels
    # The demo news and indexes are translated into every language.
    assert pages_with_missing_translations(NewsPage.objects.exclude(pk=page.pk)) == []
    assert pages_with_missing_translations(NewsIndexPage.objects.all()) == []


def test_editors_preview_a_new_news_item_and_a_draft(client, editor, indexes):
    verified_login(client, editor("China coordinators"))
    data = add_form_data(client, indexes["china"], "Preview of a new item")
    data["intro_en"] = "Seen only in the preview."
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("newsroom", "newspage", indexes["china"].pk),
    )

    assert client.post(preview_url, dict(data.lists())).json()["is_valid"]
    new_item = client.get(preview_url)

    assert new_item.status_code == 200
    assert "Seen only in the preview." in new_item.text

    live = NewsPage.objects.child_of(indexes["china"]).live().first()
    edit_url = reverse("wagtailadmin_pages:edit", args=[live.pk])
    data = querydict_from_html(
        client.get(edit_url).content.decode(), form_id="page-edit-form"
    )
    for code, _name in django_settings.LANGUAGES:
        data[f"body_{code.replace('-', '_')}-count"] = "0"
    data["intro_en"] = "A draft introduction."
    draft_url = reverse("wagtailadmin_pages:preview_on_edit", args=[live.pk])
    assert client.post(draft_url, dict(data.lists())).json()["is_valid"]
    draft = client.get(draft_url)

    assert "A draft introduction." in draft.text
    assert "A draft introduction." not in client.get(live.url).text
