"""Every place has a public profile with its pairings across phases."""

from django.conf import settings
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from iurc_site.models import ProgrammePhasePage
from regions.models import PairingPage
from tests.factories import PairingPageFactory, PlaceFactory

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
@pytest.mark.parametrize("language_code", LANGUAGE_CODES)
def test_place_profile_lists_its_pairings_across_phases(
    client, demo_page, language_code
):
    place = PlaceFactory(name="Qaanaaq", country="GL")
    for phase in ProgrammePhasePage.objects.filter(short_name__in=["IUC", "IURC"]):
        PairingPageFactory(
            parent=demo_page("/regions/china/"),
            title=f"Qaanaaq – {phase.short_name}",
            places=(place, PlaceFactory()),
            phase=phase,
            start_year=phase.start_year,
        )
    with translation.override(language_code):
        url = place.get_absolute_url()
        expected_name = place.name

    response = client.get(url)

    assert response.status_code == 200
    document = soup(response)
    assert document.html["lang"] == language_code
    assert document.h1.get_text(strip=True) == expected_name
    cards = {
        card.select_one(".card__title").get_text(strip=True): card.select_one(
            ".badge"
        ).get_text()
        for card in document.select(".pairing-card")
    }
    assert cards == {"Qaanaaq – IUC": "IUC", "Qaanaaq – IURC": "IURC"}


@pytest.mark.django_db
def test_place_profile_shows_population_and_country(client):
    response = client.get("/en/places/nl/rotterdam/")

    facts = soup(response).select_one(".facts").get_text(" ", strip=True)
    assert "Netherlands" in facts
    assert "868,135" in facts


@pytest.mark.django_db
def test_pairing_pages_link_to_their_places(client):
    pairing = PairingPage.objects.get(slug_en="rotterdam-busan")

    links = [
        link["href"] for link in soup(client.get(pairing.url)).select("a.place__name")
    ]

    assert links == ["/en/places/nl/rotterdam/", "/en/places/kr/busan/"]


@pytest.mark.django_db
def test_language_switcher_keeps_the_visitor_on_the_place(client):
    response = client.get("/en/places/kr/busan/")

    thai = soup(response).select_one('nav.language-switcher a[lang="th"]')
    assert thai["href"] == "/th/places/kr/busan/"
    assert soup(client.get(thai["href"])).h1.get_text(strip=True) == "ปูซาน"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/en/places/nl/atlantis/", "/en/places/zz/rotterdam/", "/ms/places/nl/"]
)
def test_unknown_place_is_a_404(client, path):
    assert client.get(path).status_code == 404
