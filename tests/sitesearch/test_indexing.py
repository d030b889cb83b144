"""The search follows publishing, privacy and changes to reference data."""

from django.core.management import call_command
from django.utils import translation

from wagtail.models import Page, PageViewRestriction

import pytest

from iurc_site.models import StandardPage
from partners.models import Place
from publications.models import Publication
from sitesearch.models import SearchDocument
from sitesearch.query import search
from tests.factories import PairingPageFactory, PlaceFactory

pytestmark = pytest.mark.django_db
LANGUAGE_COUNT = 7


def found(query, language="en"):
    """The titles that a search finds, with their addresses resolved."""
    from sitesearch.query import add_urls

    return {match.title for match in add_urls(search(query, language).matches)}


def new_page(demo_page, title="Zanzibar lighthouse exchange"):
    page = StandardPage(
        title=title, title_en=title, slug="zanzibar", slug_en="zanzibar"
    )
    demo_page("/").add_child(instance=page)
    return page


def test_a_published_page_is_found_in_every_language(demo_page):
    page = new_page(demo_page)
    assert "Zanzibar lighthouse exchange" not in found("zanzibar")  # a draft

    page.save_revision().publish()

    for code in ("en", "ms", "zh-hans", "th"):
        # Untranslated, it reads in English in every language, and is found there.
        assert "Zanzibar lighthouse exchange" in found("zanzibar", code)
    assert (
        SearchDocument.objects.filter(object_id=page.pk, kind="page").count()
        == LANGUAGE_COUNT
    )


def test_an_unpublished_page_leaves_the_search(demo_page):
    page = new_page(demo_page)
    page.save_revision().publish()
    assert "Zanzibar lighthouse exchange" in found("zanzibar")

    page.unpublish()

    assert "Zanzibar lighthouse exchange" not in found("zanzibar")
    assert not SearchDocument.objects.filter(object_id=page.pk, kind="page").exists()


def test_a_deleted_page_leaves_the_search(demo_page):
    page = new_page(demo_page)
    page.save_revision().publish()
    assert "Zanzibar lighthouse exchange" in found("zanzibar")

    Page.objects.get(pk=page.pk).delete()

    assert "Zanzibar lighthouse exchange" not in found("zanzibar")
    assert not SearchDocument.objects.filter(object_id=page.pk, kind="page").exists()


def test_a_private_page_and_its_children_are_not_searchable(demo_page):
    region = demo_page("/regions/asia-australasia/")
    assert found("busan")

    restriction = PageViewRestriction.objects.create(
        page=region, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert found("busan") == {"Busan"}  # the place stays; the pairing is private
    assert "Asia & Australasia" not in found("australasia")

    restriction.delete()

    assert "Rotterdam – Busan" in found("busan")


def test_a_page_moved_into_a_private_section_leaves_the_search(demo_page):
    page = new_page(demo_page)
    page.save_revision().publish()
    private = demo_page("/regions/china/")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    assert "Zanzibar lighthouse exchange" in found("zanzibar")

    page.move(private, pos="last-child")

    assert "Zanzibar lighthouse exchange" not in found("zanzibar")


def test_an_edited_translation_is_searchable_once_published(demo_page):
    about = demo_page("/about/")
    about.title_ms = "Mengenai Zanzibar"

    about.save_revision().publish()

    assert "Mengenai Zanzibar" in found("zanzibar", "ms")
    assert not search("zanzibar", "ms").in_other_languages
    # English readers find it only through the other-language fallback.
    assert search("zanzibar", "en").in_other_languages


def test_renaming_a_place_renames_it_in_its_pairings_search(demo_page):
    busan = Place.objects.get(name_en="Busan")
    assert "鹿特丹 – 釜山" not in found("广域", "zh-hans")
    busan.name_zh_hans = "釜山广域市"

    busan.save()

    assert "鹿特丹 – 釜山" in found("广域", "zh-hans")


def test_untranslated_fields_are_not_indexed_as_the_word_none():
    # Wagtail's index writes an empty translation as "None"; ours must not.
    assert search("none", "ms").matches == []
    assert not SearchDocument.objects.filter(body_words__contains="none").exists()


def test_a_new_place_is_searchable_at_once():
    PlaceFactory(name="Qaanaaq", name_en="Qaanaaq", country="DK")

    assert found("qaanaaq") == {"Qaanaaq"}


def test_a_new_pairing_is_found_by_its_places(demo_page):
    region = demo_page("/regions/china/")
    PairingPageFactory(
        parent=region,
        title="Tromsø – Harbin",
        places=(
            PlaceFactory(name="Tromsø", name_en="Tromsø", country="NO"),
            PlaceFactory(
                name="Harbin", name_en="Harbin", name_zh_hans="哈尔滨", country="CN"
            ),
        ),
    ).save_revision().publish()

    assert "Tromsø – Harbin" in found("tromso harbin")
    with translation.override("zh-hans"):
        assert "Tromsø – Harbin" in found("哈尔滨", "zh-hans")


def test_the_rebuild_command_writes_every_page_place_and_publication_once_per_language():
    SearchDocument.objects.all().delete()

    call_command("update_search_documents", verbosity=0)

    public_pages = Page.objects.live().public().filter(depth__gt=1).count()
    publications = Publication.objects.public().count()
    assert publications  # the demo's
    expected = (public_pages + Place.objects.count() + publications) * LANGUAGE_COUNT
    assert SearchDocument.objects.count() == expected
    assert found("rotterdam")
