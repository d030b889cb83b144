"""The map shows the explorer's pairings: one document per language and filter set."""

import json

from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from regions.models import PairingPage
from tests.factories import PairingPageFactory, PlaceFactory

MAP_DATA = "/en/map/pairings.json"


def map_data(client, path=MAP_DATA, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_map_shows_the_pairings_the_explorer_lists(client):
    document = map_data(client, region="china", strand="city")
    listed = soup(client.get("/en/pairings/", {"region": "china", "strand": "city"}))

    listed_urls = {
        link["href"] for link in listed.select(".pairing-card .card__title a")
    }
    assert document["count"] == len(document["pairings"]) == len(listed_urls) > 0
    assert {row[1] for row in document["pairings"]} == listed_urls


@pytest.mark.django_db
def test_every_line_joins_places_on_the_map(client):
    document = map_data(client)

    place_ids = {row[0] for row in document["places"]}
    assert document["count"] == PairingPage.objects.live().count()
    for _title, _url, eu_ids, partner_ids in document["pairings"]:
        assert eu_ids and partner_ids
        assert set(eu_ids) | set(partner_ids) <= place_ids
    rotterdam = next(row for row in document["places"] if row[1] == "Rotterdam")
    assert rotterdam[2:] == [
        "Netherlands",
        rotterdam[3],
        rotterdam[4],
        "/en/places/nl/rotterdam/",
        "eu",
    ]
    assert 51 < rotterdam[3] < 52 and 4 < rotterdam[4] < 5


@pytest.mark.django_db
def test_map_is_in_the_visitors_language(client):
    document = map_data(client, "/zh-hans/map/pairings.json", country="KR")

    assert "鹿特丹 – 釜山" in [row[0] for row in document["pairings"]]
    busan = next(row for row in document["places"] if row[5].endswith("/kr/busan/"))
    assert busan[1:3] == ["釜山", "韩国"]
    assert busan[5] == "/zh-hans/places/kr/busan/"
    assert all(row[1].startswith("/zh-hans/") for row in document["pairings"])


@pytest.mark.django_db
def test_map_data_may_be_cached_by_browsers_and_shared_caches(client):
    response = client.get(MAP_DATA, {"region": "china"})

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=300"} <= cache_control


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"region": "atlantis"},
        {"year": "abc"},
        {"q": "\x00"},
        {"country": "<script>"},
        {"page": "-1"},
    ],
)
def test_bad_filters_never_break_the_map(client, params):
    document = map_data(client, **params)

    # A value the explorer does not know drops its filter, as on the explorer page:
    # the map shows every pairing instead of none.
    every_pairing = PairingPage.objects.live().count()
    assert document["count"] == len(document["pairings"]) == every_pairing > 0


@pytest.mark.django_db
def test_places_without_coordinates_are_left_off_the_map(client, demo_page):
    nowhere = PlaceFactory(name="Nowhere", latitude=None, longitude=None)
    known = PlaceFactory(name="Somewhere")
    PairingPageFactory(
        parent=demo_page("/regions/china/"),
        title="Nowhere – Somewhere",
        places=(nowhere, known),
    )

    document = map_data(client, q="Nowhere")

    assert [row[0] for row in document["places"]] == [known.pk]
    assert document["pairings"][0][2:] == [[], [known.pk]]


@pytest.mark.django_db
def test_explorer_points_its_map_at_its_own_filters(client):
    document = soup(client.get("/ms/gandingan/", {"region": "china", "strand": "city"}))

    explorer_map = document.select_one("[data-pairing-map]")
    assert explorer_map["data-map-url"] == (
        "/ms/map/pairings.json?region=china&strand=city"
    )
    # Hidden until the script has drawn it; the list below is the text alternative,
    # and a skip link leads straight to it.
    assert explorer_map.has_attr("hidden")
    skip = explorer_map.select_one("a.skip-map")["href"]
    assert document.select_one(skip)["data-explorer-heading"] is not None
    assert explorer_map.select_one("[data-map-canvas]")["aria-label"]


@pytest.mark.django_db
def test_map_links_use_the_pairings_own_url_in_each_language(client):
    pairing = PairingPage.objects.get(slug_en="rotterdam-busan")
    pairing.slug_ms = "rotterdam-busan-ms"
    pairing.save_revision().publish()
    pairing.refresh_from_db()

    document = map_data(client, "/ms/map/pairings.json", country="KR")

    with translation.override("ms"):
        expected = pairing.get_url()
    assert expected == "/ms/wilayah/asia-australasia/rotterdam-busan-ms/"
    assert expected in [row[1] for row in document["pairings"]]
