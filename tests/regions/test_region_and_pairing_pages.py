"""Visitors see a region's pairings, and each pairing's two sides, themes, phase and quotes."""

from django.utils import translation
from django.utils.translation import ngettext

import pytest
from bs4 import BeautifulSoup

from iurc_site.models import Testimonial
from regions.models import PAIRINGS_PER_PAGE, PairingPage, RegionPage
from tests.factories import PairingPageFactory


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def card_titles(response):
    return [
        card.get_text(strip=True)
        for card in soup(response).select(".pairing-card .card__title")
    ]


def pairings(count):
    """What a region card says, in the active language (the templates' own msgid)."""
    return ngettext("%(counter)s pairing", "%(counter)s pairings", count) % {
        "counter": count
    }


def new_region(demo_page, title):
    region = RegionPage(title=title, title_en=title, slug=title.lower())
    region.slug_en = region.slug
    demo_page("/regions/").add_child(instance=region)
    return region


@pytest.mark.django_db
def test_region_page_lists_its_own_pairings_only(client, demo_page):
    region = new_region(demo_page, "Antarctica")
    own = {PairingPageFactory(parent=region).title for _ in range(3)}
    PairingPageFactory(parent=demo_page("/regions/china/"), title="Elsewhere – Nowhere")

    titles = card_titles(client.get(region.url))

    assert sorted(titles) == sorted(own)


@pytest.mark.django_db
def test_region_page_shows_its_countries_in_the_visitors_language(client):
    english = (
        soup(client.get("/en/regions/north-america/")).select_one(".facts").get_text()
    )
    chinese = (
        soup(client.get("/zh-hans/regions/north-america/"))
        .select_one(".facts")
        .get_text()
    )

    assert "Canada, United States" in english
    assert "加拿大, 美国" in chinese


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page_parameter", "shown"),
    [
        ("2", "last"),
        ("abc", "first"),
        ("999", "last"),
        ("-1", "last"),
        ("1e9", "first"),
        ("' OR 1=1 --", "first"),
    ],
)
def test_region_pairing_list_is_paginated_and_survives_odd_page_numbers(
    client, demo_page, page_parameter, shown
):
    region = new_region(demo_page, "Antarctica")
    for _ in range(PAIRINGS_PER_PAGE + 3):
        PairingPageFactory(parent=region)
    first, last = (
        card_titles(client.get(region.url, {"page": number})) for number in (1, 2)
    )
    assert len(first) == PAIRINGS_PER_PAGE and len(last) == 3

    response = client.get(region.url, {"page": page_parameter})

    assert response.status_code == 200
    assert card_titles(response) == {"first": first, "last": last}[shown]
    assert str(PAIRINGS_PER_PAGE + 3) in soup(response).select_one(".facts").get_text()


@pytest.mark.django_db
def test_region_index_counts_pairings_per_region(client, demo_page):
    antarctica = new_region(demo_page, "Antarctica")
    for _ in range(2):
        PairingPageFactory(parent=antarctica)
    china = demo_page("/regions/china/")
    PairingPageFactory(parent=china, live=False)  # a draft is not counted

    response = client.get("/en/regions/")

    cards = {
        card.select_one(".card__title").get_text(strip=True): card.select_one(
            ".card__meta"
        ).get_text(strip=True)
        for card in soup(response).select(".region-card")
    }
    expected = {
        region.title: pairings(PairingPage.objects.child_of(region).live().count())
        for region in RegionPage.objects.child_of(demo_page("/regions/"))
    }
    assert cards == expected
    assert cards["Antarctica"] == "2 pairings"
    live_in_china = PairingPage.objects.child_of(china).live().count()
    assert live_in_china < PairingPage.objects.child_of(china).count()


@pytest.mark.django_db
def test_pairing_page_shows_both_sides_themes_phase_and_year(client):
    pairing = PairingPage.objects.get(slug_en="bergamo-rimini-aurora")

    document = soup(client.get(pairing.url))

    eu_side = document.select_one(".pairing-side--eu").get_text(" ", strip=True)
    partner_side = document.select_one(".pairing-side--partner").get_text(
        " ", strip=True
    )
    assert "Bergamo" in eu_side
    assert "Rimini" in eu_side
    assert "Italy" in eu_side
    assert "Aurora" in partner_side
    assert "United States" in partner_side
    facts = document.select_one(".facts").get_text(" ", strip=True)
    assert "IURC" in facts
    assert "2021" in facts
    assert [tag.get_text() for tag in document.select(".facts .tags li")] == [
        "Cultural diversity"
    ]
    assert (
        "City-to-city · Trio" in document.select_one(".page-header__kicker").get_text()
    )


@pytest.mark.django_db
def test_pairing_page_shows_its_testimonials_in_the_visitors_language(client):
    pairing = PairingPage.objects.get(slug_en="rotterdam-busan")
    Testimonial.objects.create(
        page=pairing,
        quote_en="We learnt more from Busan than from any study trip.",
        quote_pt="Aprendemos mais com Busan do que com qualquer viagem de estudo.",
        speaker="A. Example",
        role_en="Mobility officer, City of Rotterdam",
    )

    with translation.override("pt"):
        url = pairing.get_url()
    portuguese = soup(client.get(url))

    quote = portuguese.select_one(".testimonial blockquote")
    assert (
        quote.get_text(strip=True)
        == "Aprendemos mais com Busan do que com qualquer viagem de estudo."
    )
    assert quote.get("lang") is None
    role = portuguese.select_one(".testimonial__role")
    assert role.get_text(strip=True) == "Mobility officer, City of Rotterdam"
    assert role["lang"] == "en"  # no Portuguese role given: English, marked as such


@pytest.mark.django_db
def test_pairing_titles_use_place_names_of_the_visitors_language(client):
    pairing = PairingPage.objects.get(slug_en="milan-sao-paulo")

    assert pairing.title_en == "Milan – São Paulo"
    assert pairing.title_pt == "Milão – São Paulo"
    assert pairing.title_zh_hans == "米兰 – 圣保罗"


@pytest.mark.django_db
def test_home_page_shows_both_phases_sub_site_links_in_malay(client):
    document = soup(client.get("/ms/"))

    headings = [
        heading.get_text(" ", strip=True)
        for heading in document.select(".subsite-links h2")
    ]
    assert headings == [
        "Layari Halaman IURC (Fasa II)",
        "Layari Laman Web IUC (Fasa I)",
    ]
    region_link = document.select_one(".subsite-links a.button")
    with translation.override("ms"):
        expected = RegionPage.objects.get(slug_en="latin-america").get_url()
    assert region_link["href"] == expected == "/ms/wilayah/amerika-latin/"
