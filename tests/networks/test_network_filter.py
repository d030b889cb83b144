"""The explorer's and the API's "network" filter: pairings with a place that is a member
of the network, with counts like the other filters; an unknown value gives a notice."""

from django.db.models import Q

import pytest
from bs4 import BeautifulSoup

from networks.models import NetworkMember
from partners.models import Place
from regions.models import PairingPage

pytestmark = pytest.mark.django_db
GREEN = "ecological-transition-green-deal"
SOCIAL = "urban-regional-renewal-and-social-cohesion"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_titles(page):
    return sorted(
        link.get_text(strip=True) for link in page.select(".pairing-card h3 a")
    )


def pairings_of_members(network):
    places = Place.objects.filter(network_memberships__network=network)
    return PairingPage.objects.live().filter(
        Q(eu_places__place__in=places) | Q(partner_places__place__in=places)
    )


def network_options(page):
    return {
        option["value"]: option.get_text(strip=True)
        for option in page.select('select[name="network"] option')
        if option["value"]
    }


def test_the_filter_gives_the_pairings_of_the_members_places(client, green_network):
    expected = sorted({pairing.title for pairing in pairings_of_members(green_network)})
    # Essen's Phase I pairing counts too: Essen is a member.
    assert "Essen – Koriyama" in expected
    assert len(expected) == 4

    page = soup(client.get(f"/en/pairings/?network={GREEN}"))

    assert result_titles(page) == expected
    assert network_options(page) == {
        GREEN: "Ecological Transition & Green Deal (4)",
        SOCIAL: "Urban & Regional Renewal and Social Cohesion (3)",
    }


def test_the_network_counts_follow_the_other_filters(client):
    page = soup(client.get("/en/pairings/?region=latin-america"))

    # Latin America: Essen – Fortaleza and Umeå – Punta Arenas; no social network member.
    assert network_options(page) == {
        GREEN: "Ecological Transition & Green Deal (2)",
        SOCIAL: "Urban & Regional Renewal and Social Cohesion (0)",
    }
    combined = soup(client.get(f"/en/pairings/?region=latin-america&network={GREEN}"))
    assert result_titles(combined) == ["Essen – Fortaleza", "Umeå – Punta Arenas"]


def test_the_filter_is_named_in_thai_with_the_network_in_thai(client, green_network):
    page = soup(client.get(f"/th/pairings/?network={GREEN}"))

    assert network_options(page)[GREEN].startswith(green_network.title_th)
    assert len(page.select(".pairing-card")) == 4


@pytest.mark.parametrize(
    "value",
    ["atlantis", "ECOLOGICAL", "x" * 500, "%00", "<script>", "draft-network"],
)
def test_an_unknown_network_gives_a_notice_never_an_error(client, make_network, value):
    make_network("Draft network", live=False)

    response = client.get("/en/pairings/", {"network": value})

    page = soup(response)
    notices = page.select(".notice li")
    assert any(
        notice.get_text().startswith("Thematic network: “") for notice in notices
    )
    assert len(page.select(".pairing-card")) == 24  # the first page of all pairings


def test_a_network_given_twice_uses_the_first(client):
    page = soup(client.get(f"/en/pairings/?network={SOCIAL}&network={GREEN}"))

    assert "Thematic network was given more than once" in page.get_text()
    assert "Braga – St. John's" in result_titles(page)


def test_the_map_data_and_the_downloads_take_the_filter(client, green_network):
    document = client.get(f"/en/map/pairings.json?network={GREEN}").json()
    assert len(document["pairings"]) == 4

    csv = client.get(f"/en/data/pairings.csv?network={GREEN}")
    assert csv.status_code == 200
    rows = b"".join(csv.streaming_content).decode().strip().splitlines()
    assert len(rows) == 1 + 4


def test_the_api_filters_by_network_and_refuses_an_unknown_one(client):
    response = client.get(f"/api/v1/pairings?network={GREEN}")
    assert response.status_code == 200
    assert response.json()["count"] == 4

    refused = client.get("/api/v1/pairings?network=atlantis")
    assert refused.status_code == 400
    assert refused.json()["error"]["parameter"] == "network"


def test_a_new_member_changes_the_counts_after_publishing(client, green_network):
    page = soup(client.get("/en/pairings/"))
    assert network_options(page)[GREEN].endswith("(4)")

    NetworkMember.objects.create(
        network=green_network,
        place=Place.objects.get(name_en="Rotterdam", country="NL"),
    )
    type(green_network).objects.get(pk=green_network.pk).save_revision().publish()

    page = soup(client.get("/en/pairings/"))
    assert network_options(page)[GREEN].endswith("(6)")  # Rotterdam's two pairings
