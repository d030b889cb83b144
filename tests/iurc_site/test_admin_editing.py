"""Communications staff edit every page, setting and reference record in all seven languages."""

from django.conf import settings
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

import pytest
from bs4 import BeautifulSoup

from iurc_site.models import ProgrammePhasePage
from partners.models import Place, Theme

LANGUAGE_SUFFIXES = [code.replace("-", "_") for code, _name in settings.LANGUAGES]


def field_names(response):
    document = BeautifulSoup(response.content, "html.parser")
    return {tag["name"] for tag in document.select("[name]")}


def as_post_data(query_dict):
    """What a browser posts: every value of multi-valued fields (a QueryDict would lose all
    but the last in the test client)."""
    return dict(query_dict.lists())


def edit_form_data(client, page):
    """The page's edit form as the browser would submit it, unchanged (empty stream fields only)."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for suffix in LANGUAGE_SUFFIXES:
        # Stream fields are drawn by JavaScript, so their (empty) values are not in the HTML.
        assert len(getattr(page, f"body_{suffix}")) == 0
        data[f"body_{suffix}-count"] = "0"
    return data


@pytest.mark.django_db
def test_page_edit_form_has_every_translated_field_in_every_language(
    admin_client, demo_page
):
    about = demo_page("/about/")

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[about.pk]))

    assert response.status_code == 200
    names = field_names(response)
    for suffix in LANGUAGE_SUFFIXES:
        for field in ("title", "slug", "seo_title", "search_description", "intro"):
            assert f"{field}_{suffix}" in names
        assert f"testimonials-0-quote_{suffix}" in names
        assert f"testimonials-0-role_{suffix}" in names
    assert "title" not in names  # only the per-language columns are edited


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "prefix"),
    [(Place, "name"), (Theme, "name")],
)
def test_reference_data_edit_form_has_every_language(admin_client, model, prefix):
    record = model.objects.first()
    url = reverse(
        f"wagtailsnippets_partners_{model._meta.model_name}:edit", args=[record.pk]
    )

    response = admin_client.get(url)

    assert response.status_code == 200
    names = field_names(response)
    assert {f"{prefix}_{suffix}" for suffix in LANGUAGE_SUFFIXES} <= names
    assert prefix not in names


@pytest.mark.django_db
def test_site_settings_form_has_every_language(admin_client):
    response = admin_client.get(
        reverse("wagtailsettings:edit", args=["iurc_site", "sitesettings"]), follow=True
    )

    assert response.status_code == 200
    names = field_names(response)
    assert {f"funding_notice_{suffix}" for suffix in LANGUAGE_SUFFIXES} <= names


@pytest.mark.django_db
def test_editing_a_translated_theme_name_shows_on_the_site(admin_client, client):
    theme = Theme.objects.get(name_en="Urban mobility")
    url = reverse("wagtailsnippets_partners_theme:edit", args=[theme.pk])
    data = querydict_from_html(
        admin_client.get(url).content.decode(), form_id="w-editor-form"
    )
    data["name_th"] = "การสัญจรในเมือง (แก้ไข)"

    response = admin_client.post(url, as_post_data(data))

    assert response.status_code == 302
    assert (
        "การสัญจรในเมือง (แก้ไข)"
        in client.get("/th/regions/asia-australasia/rotterdam-busan/").content.decode()
    )


@pytest.mark.django_db
def test_sub_site_links_are_edited_on_the_phase_and_shown_on_home_and_about(
    admin_client, client
):
    phase = ProgrammePhasePage.objects.get(short_name="IURC")
    data = edit_form_data(admin_client, phase)
    data["subsite_links-0-label_en"] = "IURC Latin America & Caribbean"
    data["subsite_links-0-label_es"] = "IURC América Latina y el Caribe"
    data["subsite_links-2-DELETE"] = "1"
    data["action-publish"] = "publish"

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[phase.pk]), as_post_data(data)
    )

    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    for url, label in [
        ("/en/", "IURC Latin America & Caribbean"),
        ("/en/about/", "IURC Latin America & Caribbean"),
        ("/es/", "IURC América Latina y el Caribe"),
        ("/es/acerca-de/", "IURC América Latina y el Caribe"),
    ]:
        page_text = BeautifulSoup(client.get(url).content, "html.parser").get_text()
        assert label in page_text, url
        assert "IURC Asia & Australasia" not in page_text, url
    # Fields the editor did not touch survive the round trip, multi-valued ones too.
    phase = ProgrammePhasePage.objects.get(pk=phase.pk)
    assert {body.acronym for body in phase.implementing_bodies.all()} == {
        "FPI",
        "DG REGIO",
    }


@pytest.mark.django_db
def test_a_sub_site_link_needs_a_page_or_an_address(admin_client):
    phase = ProgrammePhasePage.objects.get(short_name="IUC")
    data = edit_form_data(admin_client, phase)
    data["subsite_links-0-link_url"] = ""
    data["action-publish"] = "publish"

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[phase.pk]), as_post_data(data)
    )

    assert response.status_code == 200  # the form comes back with the error
    assert (
        "Choose a page on this site or give an external address"
        in response.content.decode()
    )
    assert (
        ProgrammePhasePage.objects.get(pk=phase.pk).subsite_links.first().link_url
        == "https://iuc.eu/"
    )


@pytest.mark.django_db
def test_region_sub_site_link_is_editable_and_rendered(client, demo_page):
    region = demo_page("/regions/china/")
    region.subsite_url = "https://www.iurc.eu/china/"
    region.subsite_label_zh_hans = "访问IURC中国网站"
    region.save_revision().publish()

    english = BeautifulSoup(client.get("/en/regions/china/").content, "html.parser")
    chinese = BeautifulSoup(
        client.get("/zh-hans/regions/china/").content, "html.parser"
    )

    assert (
        english.select_one('a[href="https://www.iurc.eu/china/"]').get_text(strip=True)
        == "Visit page"
    )
    assert (
        chinese.select_one('a[href="https://www.iurc.eu/china/"]').get_text(strip=True)
        == "访问IURC中国网站"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language", ["ms", "es"]
)  # without and with a Wagtail translation
def test_admin_stays_in_english_whatever_the_browser_language(admin_client, language):
    """An editor whose browser asks for another language saves a page: what the page
    explorer shows every editor stays English, not that language's title."""
    phase = ProgrammePhasePage.objects.get(short_name="IURC")
    english = phase.title_en
    translated = getattr(phase, f"title_{language}")
    assert translated and translated != english
    browser_language = {"accept-language": language}
    edit_url = reverse("wagtailadmin_pages:edit", args=[phase.pk])

    form = admin_client.get(edit_url, headers=browser_language)
    assert BeautifulSoup(form.content, "html.parser").html["lang"] == "en"
    assert "Save draft" in form.content.decode()  # Wagtail's own words, in English
    data = edit_form_data(admin_client, phase)
    data["action-publish"] = "publish"
    response = admin_client.post(edit_url, as_post_data(data), headers=browser_language)

    assert response.status_code == 302
    untranslated = Page.objects.rewrite(False).filter(pk=phase.pk)
    assert list(untranslated.values_list("title", "draft_title")) == [
        (english, english)
    ]
    explorer = admin_client.get(
        reverse("wagtailadmin_explore", args=[phase.get_parent().pk]),
        headers=browser_language,
    ).content.decode()
    assert english in explorer
    assert translated not in explorer
