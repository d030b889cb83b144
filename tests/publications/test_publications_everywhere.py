"""Publications elsewhere on the site: pairing and region pages, the sitemap with hreflang,
schema.org CreativeWork and Report, Open Graph, the translation status report; and the
demo publications, stand-in PDFs with real text, in seven languages."""

import io
import json

from django.conf import settings
from django.urls import reverse
from django.utils import translation

import pypdf
import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET

from iurc_site.demo_content.loader import DemoContentLoader
from publications.models import Publication, PublicationsLibraryPage
from publications.pages import publication_slug
from publications.stand_in_pdf import stand_in_pdf
from regions.editorial_roles import COMMUNICATIONS
from regions.models import RegionPage
from tests.support.two_factor import verified_login

pytestmark = pytest.mark.django_db
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def publication_url(library, publication, code="en"):
    with translation.override(code):
        return f"{library.get_url()}{publication.pk}-{publication_slug(publication)}/"


def json_ld(response):
    return json.loads(
        soup(response).select_one('script[type="application/ld+json"]').string
    )


@pytest.fixture
def ucap():
    return Publication.objects.get(title_en="UCAP at a glance: Essen – Koriyama")


# --- Pairing and region pages ---------------------------------------------------------


def test_a_pairing_page_shows_its_action_plan(client, ucap, library_of):
    pairing = ucap.pairings.get()
    assert {place.name_en for place in pairing.all_places} == {"Essen", "Koriyama"}
    section = soup(client.get(pairing.url)).select_one("#pairing-publications")
    assert section.get_text(strip=True) == "Action plans and publications"
    link = section.find_parent("section").select_one(".card__title a")
    assert link.get_text(strip=True) == ucap.title_en
    assert link["href"] == publication_url(library_of("asia-australasia"), ucap)


def test_a_pairing_without_publications_has_no_section(client, ucap):
    other = (
        RegionPage.objects.get(slug_en="china")
        .get_children()
        .type(ucap.pairings.get().__class__)
        .first()
    )
    assert not soup(client.get(other.url)).select("#pairing-publications")


def test_a_region_page_shows_its_publications_and_links_its_library(
    client, demo_page, library_of
):
    region = demo_page("/regions/latin-america/")
    page = soup(client.get(region.url))
    section = page.select_one("#region-publications").find_parent("section")
    assert [title.get_text(strip=True) for title in section.select(".card__title")] == [
        "IURC Latin America results"
    ]
    assert section.select_one(".section__more a")["href"] == (
        library_of("latin-america").url
    )


def test_a_region_without_a_library_links_the_programme_library_filtered(
    client, demo_page, programme_library, make_publication
):
    china = demo_page("/regions/china/")
    PublicationsLibraryPage.objects.child_of(china).get().unpublish()
    make_publication("A China report", region=china)
    section = soup(client.get(china.url)).select_one("#region-publications")
    more = section.find_parent("section").select_one(".section__more a")["href"]
    assert more == f"{programme_library.url}?region=china"


# --- Sitemap, structured data, link previews ------------------------------------------


def test_the_sitemap_lists_publications_in_every_language_with_hreflang(
    client, programme_library, library_of
):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-publications.xml" in index
    root = ET.fromstring(client.get("/sitemap-publications.xml").content)
    entries = {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }
    homes = {None: programme_library}
    for slug in ("north-america", "latin-america", "asia-australasia", "china"):
        library = library_of(slug)
        homes[library.region.pk] = library
    assert Publication.objects.count() == 6
    for publication in Publication.objects.all():
        library = homes.get(publication.region_id, programme_library)
        urls = {
            code: f"http://testserver{publication_url(library, publication, code)}"
            for code in LANGUAGE_CODES
        }
        for url in urls.values():
            assert url in entries, url
            assert entries[url] == {**urls, "x-default": urls["en"]}
    # The libraries themselves are pages, in the pages' sitemap.
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert f"http://testserver{programme_library.url}" in pages


def test_a_report_is_a_schema_org_report_in_the_languages_of_its_file(
    client, programme_library
):
    report = Publication.objects.get(title_en="IUC best-practices report")
    data = json_ld(client.get(publication_url(programme_library, report, "es")))
    assert data["@type"] == "Report"
    assert data["name"] == "Informe de buenas prácticas de IUC"
    assert data["inLanguage"] == "en"  # the file's language, not the page's
    assert data["datePublished"] == "2020"
    assert data["url"] == (
        f"http://testserver{publication_url(programme_library, report, 'es')}"
    )
    assert data["encoding"]["encodingFormat"] == "application/pdf"
    assert data["encoding"]["contentUrl"] == f"http://testserver{report.url}"
    assert data["publisher"]["alternateName"] == "IURC"


def test_other_publications_are_creative_works_with_every_file_language(
    client, programme_library, make_publication
):
    brochure = make_publication(
        "Bilingual brochure", kind="brochure", file_languages=["pt", "es"]
    )
    data = json_ld(client.get(publication_url(programme_library, brochure)))
    assert data["@type"] == "CreativeWork"
    assert data["inLanguage"] == ["pt", "es"]
    final = Publication.objects.get(kind="final_publication")
    assert final.region is not None


def test_open_graph_and_the_title_describe_the_publication(client, programme_library):
    brochure = Publication.objects.get(title_en="IURC at a glance")
    page = soup(client.get(publication_url(programme_library, brochure, "pt")))
    meta = {
        tag["property"]: tag["content"]
        for tag in page.select("meta[property]")
        if tag.get("property", "").startswith("og:")
    }
    assert meta["og:title"] == "O IURC em resumo"
    assert meta["og:type"] == "article"
    assert meta["og:description"].startswith("Uma brochura")
    assert meta["og:image"].startswith("http://testserver/")
    assert meta["og:url"] == (
        f"http://testserver{publication_url(programme_library, brochure, 'pt')}"
    )
    assert page.select_one("title").text.startswith("O IURC em resumo")


# --- The translation status report ------------------------------------------------------


def test_the_translation_status_report_lists_untranslated_publications(client, editor):
    ucap = Publication.objects.get(title_en="UCAP at a glance: Essen – Koriyama")
    ucap.summary_vi = ""
    ucap.save()
    verified_login(client, editor(COMMUNICATIONS))

    html = client.get(reverse("translation_status"), {"language": "vi"}).content
    html = html.decode()
    assert reverse("wagtaildocs:edit", args=[ucap.pk]) in html
    assert "<strong>vi</strong>: summary" in html
    other = Publication.objects.get(title_en="IURC at a glance")
    assert reverse("wagtaildocs:edit", args=[other.pk]) not in html
    by_type = client.get(
        reverse("translation_status"),
        {"language": "vi", "content_type": RegionPage().content_type.pk},
    ).content.decode()
    assert reverse("wagtaildocs:edit", args=[ucap.pk]) not in by_type


# --- The demo publications -----------------------------------------------------------


def test_the_demo_publications_are_in_seven_languages_with_their_facts():
    publications = {
        publication.title_en: publication for publication in Publication.objects.all()
    }
    assert len(publications) == 6
    for publication in publications.values():
        for code in LANGUAGE_CODES:
            field = code.replace("-", "_")
            assert getattr(publication, f"title_{field}"), (publication, code)
            assert getattr(publication, f"summary_{field}"), (publication, code)
        assert publication.file_languages == ["en"]
        assert publication.file_extension == "pdf"
    final = publications["IURC North America 2021-2023 Final Publication"]
    assert (final.kind, final.year, final.region.slug_en) == (
        "final_publication",
        2024,
        "north-america",
    )
    assert final.source_url == "https://cdn.iurc.eu/"
    assert publications["IURC Latin America results"].region.slug_en == (
        "latin-america"
    )
    assert publications["IUC best-practices report"].year == 2020
    assert publications["IURC at a glance"].region is None
    assert publications["UCAP at a glance: Essen – Koriyama"].themes.exists()


def test_the_stand_in_files_hold_real_text():
    final = Publication.objects.get(
        title_en="IURC North America 2021-2023 Final Publication"
    )
    with final.file.open("rb") as handle:
        text = " ".join(page.extract_text() for page in pypdf.PdfReader(handle).pages)
    assert len(pypdf.PdfReader(io.BytesIO(final.file.open("rb").read())).pages) <= 2
    assert "IURC North America 2021-2023 Final Publication" in text
    assert "stands in for the real document" in text
    assert "4 March 2024" in text
    assert "https://cdn.iurc.eu/" in text
    assert "América del Norte" in text  # a translated title


def test_a_stand_in_file_without_the_fonts_keeps_its_ascii_text(monkeypatch):
    monkeypatch.setattr("publications.stand_in_pdf.FONT_DIRS", ())
    content = stand_in_pdf(
        "A title", "1 May 2020", "https://example.org/", {"th": "ชื่อ", "pt": "Título"}
    )
    text = pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "A title" in text
    assert "Título" in text  # Latin-1: the core font writes it
    assert "ชื่อ" not in text  # left out rather than written as boxes


def test_loading_the_demo_content_again_changes_nothing():
    before = Publication.objects.count(), PublicationsLibraryPage.objects.count()
    report = DemoContentLoader().load()
    assert report.created == []
    assert (
        Publication.objects.count(),
        PublicationsLibraryPage.objects.count(),
    ) == before
    assert before == (6, 1 + RegionPage.objects.count())
