"""The demo content is the real programme, and loading it twice changes nothing."""

import csv
import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from wagtail.models import Page, PageLogEntry, Revision

import pytest
from bs4 import BeautifulSoup

from iurc_site.models import ProgrammePhasePage, StandardPage, Testimonial
from newsroom.models import Author
from partners.models import Place, Theme
from regions.models import PairingPage, RegionPage

DATA_DIR = Path(settings.BASE_DIR) / "iurc_site" / "demo_content" / "data"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def localized(field, code):
    return f"{field}_{code.replace('-', '_')}"


def database_counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "places": Place.objects.count(),
        "themes": Theme.objects.count(),
        "testimonials": Testimonial.objects.count(),
        "news authors": Author.objects.count(),
    }


@pytest.mark.django_db
def test_about_page_is_translated_into_all_seven_languages(demo_page):
    about = demo_page("/about/")

    assert about.slug_en == "about"
    assert about.slug_ms == "tentang-iurc"
    for code in LANGUAGE_CODES:
        assert getattr(about, localized("title", code)), code
        assert getattr(about, localized("intro", code)), code
        assert len(getattr(about, localized("body", code))) > 0, code
    assert (
        len({getattr(about, localized("intro", code)) for code in LANGUAGE_CODES}) == 7
    )


@pytest.mark.django_db
def test_about_page_in_malay_is_the_seed_text(client):
    seed = (DATA_DIR / "seed_about_ms.txt").read_text(encoding="utf-8")
    # The seed's paragraphs and quotes (the page draws the quotation marks itself).
    seed_paragraphs = [
        paragraph.strip().strip("“”")
        for paragraph in seed.split("\n\n")
        if len(paragraph.strip()) > 100
    ]

    page = BeautifulSoup(client.get("/ms/tentang-iurc/").content, "html.parser")
    page_text = " ".join(page.get_text(" ").split())

    assert len(seed_paragraphs) == 5
    for paragraph in seed_paragraphs:
        assert " ".join(paragraph.split()) in page_text
    assert (
        "Penasihat Utama untuk Perhubungan Antarabangsa, DG REGIO, Suruhanjaya Eropah"
        in page_text
    )
    assert "Bratislava (Slovakia)" in page_text


@pytest.mark.django_db
def test_about_page_has_its_two_testimonials(demo_page):
    about = demo_page("/about/")
    niessler, bratislava = about.testimonials.order_by("sort_order")

    assert niessler.speaker == "Rudolf Niessler"
    assert (
        niessler.role_en
        == "Principal Adviser for International Relations, DG REGIO, European Commission"
    )
    assert niessler.organisation.acronym == "DG REGIO"
    assert bratislava.speaker == ""
    assert (bratislava.place.name_en, bratislava.place.country.code) == (
        "Bratislava",
        "SK",
    )
    for testimonial in (niessler, bratislava):
        assert all(
            getattr(testimonial, localized("quote", code)) for code in LANGUAGE_CODES
        )


@pytest.mark.django_db
def test_programme_phases_with_funding_and_sub_site_links():
    iuc = ProgrammePhasePage.objects.get(short_name="IUC")
    iurc = ProgrammePhasePage.objects.get(short_name="IURC")

    assert (iuc.phase_number, iuc.start_year, iuc.end_year) == (1, 2016, 2020)
    assert (iurc.phase_number, iurc.start_year, iurc.end_year) == (2, 2021, 2023)
    for phase in (iuc, iurc):
        assert phase.funding_instrument_en == "Partnership Instrument"
        assert {body.acronym for body in phase.implementing_bodies.all()} == {
            "FPI",
            "DG REGIO",
        }
    assert [link.label_en for link in iurc.subsite_links.all()] == [
        "IURC Latin America",
        "IURC China",
        "IURC Asia & Australasia",
    ]
    assert all(
        isinstance(link.link_page.specific, RegionPage)
        for link in iurc.subsite_links.all()
    )
    assert [link.label_en for link in iuc.subsite_links.all()][:2] == [
        "International Urban Cooperation (IUC)",
        "IUC Asia",
    ]
    assert all(link.link_url.startswith("https://") for link in iuc.subsite_links.all())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("short_name", "region_slug", "years", "english_label", "thai_label"),
    [
        ("IURC NA", "north-america", "2024–2025", "Third phase", "ระยะที่สาม"),
        ("IURC LAC", "latin-america", "2025–2027", "Regional round", "รอบภูมิภาค"),
        ("IURC2", "asia-australasia", "2025–", "Phase 2 (IURC2)", "ระยะที่ 2 (IURC2)"),
    ],
)
def test_later_regional_rounds_are_phases_of_their_region(
    client, short_name, region_slug, years, english_label, thai_label
):
    """Each later round is a phase with its own name, out of the main menu, and its
    region's page lists it among the region's phases, in every language."""
    phase = ProgrammePhasePage.objects.live().get(short_name=short_name)
    region = RegionPage.objects.live().get(slug=region_slug)

    assert phase.years == years
    assert not phase.show_in_menus
    assert phase in region.phases.all()
    for code in LANGUAGE_CODES:
        assert getattr(phase, localized("title", code)), code
        assert getattr(phase, localized("round_name", code)), code
    for code, label in (("en", english_label), ("th", thai_label)):
        with translation.override(code):
            region_url, phase_url = region.get_url(), phase.get_url()
        response = client.get(region_url)
        assert response.status_code == 200
        document = BeautifulSoup(response.content, "html.parser")
        listed = [item.get_text(" ", strip=True) for item in document.select("dd li")]
        assert f"{short_name} ({years})" in listed, listed
        response = client.get(phase_url)
        assert response.status_code == 200
        assert label in response.content.decode()


@pytest.mark.django_db
def test_four_regions_with_their_countries(demo_page):
    expected = {
        "latin-america": {"AR", "BR", "CL", "CO", "MX", "PE"},
        "north-america": {"CA", "US"},
        "china": {"CN"},
        "asia-australasia": {"IN", "ID", "JP", "MY", "KR", "TH", "VN", "AU", "NZ"},
    }
    regions = {
        region.slug_en: region
        for region in RegionPage.objects.child_of(demo_page("/regions/"))
    }

    assert set(regions) == set(expected)
    for slug, countries in expected.items():
        assert {country.code for country in regions[slug].countries} == countries


@pytest.mark.django_db
def test_the_real_pairings_are_under_their_regions():
    with open(DATA_DIR / "city_pairings.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))

    assert rows
    assert PairingPage.objects.live().count() == len(rows)
    for row in rows:
        eu_names = row["eu_places"].split(";")
        pairing = next(
            pairing
            for pairing in PairingPage.objects.filter(
                phase__short_name=row["programme"]
            )
            if [place.name_en for place in pairing.eu_place_list] == eu_names
            and [place.name_en for place in pairing.partner_place_list]
            == row["partner_places"].split(";")
        )
        assert pairing.get_parent().specific.slug_en == row["region"]
        assert pairing.source_url == row["source_url"]


@pytest.mark.django_db
def test_pairing_slugs_are_made_from_their_places():
    slugs = set(PairingPage.objects.values_list("slug_en", flat=True))

    assert {
        "rotterdam-busan",
        "bergamo-rimini-aurora",
        "milan-sao-paulo",
        "pitesti-trujillo",
    } <= slugs
    assert (
        PairingPage.objects.get(slug_en="bergamo-rimini-aurora").kind
        == PairingPage.Kind.TRIO
    )


@pytest.mark.django_db
def test_every_place_has_a_country_and_coordinates():
    places = Place.objects.all()
    demo_places = json.loads((DATA_DIR / "places.json").read_text(encoding="utf-8"))

    assert demo_places
    assert {f"{place.country.code}/{place.name_en}" for place in places} == set(
        demo_places
    )
    for place in places:
        assert place.country.code, place
        assert place.has_coordinates, place


@pytest.mark.django_db
def test_loading_the_demo_content_twice_changes_nothing():
    before = database_counts()

    call_command("load_demo_content", verbosity=0)

    assert database_counts() == before


@pytest.mark.django_db
def test_loading_the_demo_content_keeps_editors_changes(demo_page):
    about = demo_page("/about/")
    about.title_en = "About the programme"
    about.save_revision().publish()
    pairing = PairingPage.objects.get(slug_en="rotterdam-busan")
    pairing.themes.clear()
    pairing.save_revision().publish()

    call_command("load_demo_content", verbosity=0)

    assert StandardPage.objects.get(pk=about.pk).title_en == "About the programme"
    assert PairingPage.objects.get(pk=pairing.pk).themes.count() == 0


@pytest.mark.django_db
def test_loading_restores_deleted_demo_pages_without_duplicating_others(demo_page):
    demo_page("/regions/asia-australasia/rotterdam-busan/").delete()
    pages_before = Page.objects.count()

    call_command("load_demo_content", verbosity=0)

    assert Page.objects.count() == pages_before + 1
    assert PairingPage.objects.filter(slug_en="rotterdam-busan").count() == 1
