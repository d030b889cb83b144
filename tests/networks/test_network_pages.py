"""Thematic networks: where the pages go, what a member must have, what visitors see in
English and Thai, the place profiles' list of networks, search, sitemap, structured data
and the demo networks."""

import json
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

import wagtail_factories

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET

from iurc_site.demo_content.loader import DemoContentLoader
from iurc_site.models import HomePage, StandardPage
from networks.models import (
    PROFILE_MAX_CHARACTERS,
    NetworkMember,
    ThematicNetworkPage,
    ThematicNetworksIndexPage,
)
from partners.models import Organisation, Place
from regions.models import PairingPage, RegionPage

pytestmark = pytest.mark.django_db
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def url_in(page, code):
    with translation.override(code):
        return page.get_url()


def place(country, name):
    return Place.objects.get(country=country, name_en=name)


# --- Page types ------------------------------------------------------------------------


def test_the_index_goes_under_the_home_page_once(networks_index):
    home = HomePage.objects.get()
    region = RegionPage.objects.first()

    assert ThematicNetworksIndexPage.max_count == 1
    assert not ThematicNetworksIndexPage.can_create_at(home)  # the demo has one
    assert ThematicNetworksIndexPage in HomePage.allowed_subpage_models()
    assert not ThematicNetworksIndexPage.can_exist_under(region)
    assert not ThematicNetworksIndexPage.can_exist_under(
        StandardPage.objects.live().first()
    )
    assert networks_index.get_parent().specific == home


def test_network_pages_go_only_under_the_index(networks_index):
    assert ThematicNetworkPage.can_exist_under(networks_index)
    assert not ThematicNetworkPage.can_exist_under(HomePage.objects.get())
    assert not ThematicNetworkPage.can_exist_under(RegionPage.objects.first())
    assert ThematicNetworksIndexPage.allowed_subpage_models() == [ThematicNetworkPage]
    assert ThematicNetworkPage.allowed_subpage_models() == []


# --- A member's rules ------------------------------------------------------------------


def test_a_member_is_a_place_or_an_organisation_not_both_nor_neither():
    essen = place("DE", "Essen")
    organisation = Organisation.objects.first()

    NetworkMember(place=essen).full_clean(exclude=["network"])
    NetworkMember(organisation=organisation).full_clean(exclude=["network"])
    for fields in ({}, {"place": essen, "organisation": organisation}):
        with pytest.raises(ValidationError) as raised:
            NetworkMember(**fields).full_clean(exclude=["network"])
        assert raised.value.message_dict["place"] == [
            "Choose a place or an organisation (one of the two)."
        ]
        assert "organisation" in raised.value.message_dict


def test_a_photo_needs_its_licence_and_its_credit():
    photo = wagtail_factories.ImageFactory()
    essen = place("DE", "Essen")

    with pytest.raises(ValidationError) as raised:
        NetworkMember(place=essen, photo=photo).full_clean(exclude=["network"])
    assert set(raised.value.message_dict) == {"photo_licence_en", "photo_credit"}
    with pytest.raises(ValidationError) as raised:
        NetworkMember(place=essen, photo=photo, photo_credit="Jane Doe").full_clean(
            exclude=["network"]
        )
    assert raised.value.message_dict == {
        "photo_licence_en": ["Give the photo's licence (e.g. CC BY-SA 4.0)."]
    }
    NetworkMember(
        place=essen, photo=photo, photo_credit="Jane Doe", photo_licence="CC BY 4.0"
    ).full_clean(exclude=["network"])


def test_a_profile_is_at_most_600_characters():
    essen = place("DE", "Essen")
    NetworkMember(place=essen, profile="x" * PROFILE_MAX_CHARACTERS).full_clean(
        exclude=["network"]
    )
    with pytest.raises(ValidationError) as raised:
        NetworkMember(place=essen, profile="x" * 601).full_clean(exclude=["network"])
    assert "profile" in raised.value.message_dict


def _add_form(client, index):
    from django.urls import reverse

    from wagtail.test.utils.form_data import querydict_from_html

    url = reverse(
        "wagtailadmin_pages:add", args=("networks", "thematicnetworkpage", index.pk)
    )
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["title_en"] = "Water network"
    data["slug_en"] = "water-network"
    for code in LANGUAGE_CODES:
        data[f"body_{code.replace('-', '_')}-count"] = "0"
    return url, data


def _member_form(data, number, **fields):
    prefix = f"members-{number}-"
    data[f"{prefix}ORDER"] = str(number + 1)
    data[f"{prefix}id"] = ""
    data[f"{prefix}DELETE"] = ""
    for name, value in fields.items():
        data[prefix + name] = value


def test_the_editor_refuses_a_member_without_a_place_or_organisation(
    admin_client, networks_index
):
    url, data = _add_form(admin_client, networks_index)
    data["members-TOTAL_FORMS"] = "2"
    _member_form(data, 0, profile_en="Nobody.")
    photo = wagtail_factories.ImageFactory()
    _member_form(
        data, 1, place=str(place("DE", "Essen").pk), photo=str(photo.pk), profile_en="x"
    )
    data["action-publish"] = "publish"

    response = admin_client.post(url, dict(data.lists()))

    assert response.status_code == 200  # the form again, with the messages
    html = response.content.decode()
    assert "Choose a place or an organisation (one of the two)." in html
    assert "Give the photo&#x27;s licence (e.g. CC BY-SA 4.0)." in html
    assert "Give the photo&#x27;s author." in html
    assert not ThematicNetworkPage.objects.filter(slug_en="water-network").exists()


def test_the_editor_saves_a_network_with_its_members(admin_client, networks_index):
    url, data = _add_form(admin_client, networks_index)
    data["members-TOTAL_FORMS"] = "2"
    _member_form(data, 0, place=str(place("NL", "Rotterdam").pk), profile_en="A port.")
    _member_form(
        data,
        1,
        organisation=str(Organisation.objects.first().pk),
        profile_en="A body.",
        profile_th="องค์กร",
    )
    data["action-publish"] = "publish"

    response = admin_client.post(url, dict(data.lists()))

    assert response.status_code == 302
    network = ThematicNetworkPage.objects.get(slug_en="water-network")
    assert network.live
    members = network.member_list
    assert [member.profile_en for member in members] == ["A port.", "A body."]
    assert members[1].profile_th == "องค์กร"


# --- What visitors see -----------------------------------------------------------------


@pytest.fixture
def photographed(make_network):
    photo = wagtail_factories.ImageFactory(title="Harbour", description="A harbour")
    return make_network(
        "Water network",
        members=[
            {
                "place": place("NL", "Rotterdam"),
                "photo": photo,
                "photo_credit": "Jane Doe",
                "photo_licence": "CC BY-SA 4.0",
                "profile_en": "Rotterdam works on water.",
                "profile_th": "รอตเทอร์ดามทำงานด้านน้ำ",
                "phase_one_url": "https://iuc.eu/rotterdam",
            },
            {
                "organisation": Organisation.objects.order_by("pk").first(),
                "profile_en": "An organisation of the programme.",
                "phase_one_url": "https://iuc.eu/body",
                "phase_one_link_text_en": "Our IUC results",
            },
        ],
    )


@pytest.mark.parametrize("code", ["en", "th"])
def test_a_network_page_shows_its_members_with_photo_credits(
    client, photographed, code
):
    page = soup(client.get(url_in(photographed, code)))

    cards = page.select(".member-card")
    assert len(cards) == 2
    rotterdam, organisation = cards
    caption = rotterdam.select_one("figcaption").get_text(" ", strip=True)
    assert "Jane Doe, CC BY-SA 4.0" in caption
    assert rotterdam.select_one("picture img")["alt"] == "A harbour"
    with translation.override(code):
        profile_url = place("NL", "Rotterdam").get_absolute_url()
    assert rotterdam.select_one("h3 a")["href"] == profile_url
    assert profile_url.startswith(f"/{code}/places/nl/")
    expected = {"en": "Rotterdam works on water.", "th": "รอตเทอร์ดามทำงานด้านน้ำ"}
    assert expected[code] in rotterdam.get_text()
    phase_one = rotterdam.find("a", href="https://iuc.eu/rotterdam")
    assert phase_one is not None
    if code == "en":
        assert phase_one.get_text(strip=True) == "Discover what we did in IUC"
    # Untranslated text shows in English, marked as English.
    if code == "th":
        assert organisation.find("p", lang="en").get_text() == (
            "An organisation of the programme."
        )
    assert organisation.find("a", href="https://iuc.eu/body").get_text() == (
        "Our IUC results"
    )
    assert organisation.select_one("figure") is None


def test_the_index_lists_the_live_networks(client, networks_index, make_network):
    make_network("Draft network", live=False)

    page = soup(client.get(networks_index.url))

    titles = [link.get_text() for link in page.select(".network-card h3 a")]
    assert titles == [
        "Ecological Transition & Green Deal",
        "Urban & Regional Renewal and Social Cohesion",
    ]
    assert "6 members" in page.select(".network-card")[0].get_text()


def test_user_text_is_escaped(client, make_network):
    network = make_network(
        "Escaped network",
        members=[
            {"place": place("NL", "Rotterdam"), "profile_en": "<script>x()</script>"}
        ],
    )
    html = client.get(network.url).content.decode()
    assert "<script>x()</script>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html


def test_a_place_profile_lists_its_networks(client, green_network, make_network):
    make_network(
        "Hidden network", live=False, members=[{"place": place("DE", "Essen")}]
    )

    for code in ("en", "th"):
        with translation.override(code):
            essen_url = place("DE", "Essen").get_absolute_url()
        page = soup(client.get(essen_url))
        links = page.select(".place-networks a")
        assert [link["href"] for link in links] == [url_in(green_network, code)]
    rotterdam = soup(client.get(place("NL", "Rotterdam").get_absolute_url()))
    assert rotterdam.select(".place-networks") == []


def test_publishing_a_network_refreshes_the_place_profiles(client, make_network):
    """The profile is cached under the content version, which a publish changes."""
    rotterdam_url = place("NL", "Rotterdam").get_absolute_url()
    assert soup(client.get(rotterdam_url)).select(".place-networks") == []

    make_network("Port network", members=[{"place": place("NL", "Rotterdam")}])

    links = soup(client.get(rotterdam_url)).select(".place-networks a")
    assert [link.get_text() for link in links] == ["Port network"]


# --- Search, sitemap, structured data, Open Graph ------------------------------------


def test_the_search_finds_a_network_by_its_members_profiles(client, make_network):
    network = make_network(
        "Water network",
        members=[
            {
                "place": place("NL", "Rotterdam"),
                "profile_en": "Rotterdam studies amphibious houses.",
                "profile_es": "Róterdam estudia casas anfibias.",
            }
        ],
    )
    for code, words in (("en", "amphibious"), ("es", "anfibias")):
        response = client.get(f"/{code}/search/?q=" + quote(words))
        links = [a["href"] for a in soup(response).select(".search-result__title a")]
        assert url_in(network, code) in links


def test_the_sitemap_lists_the_networks_in_every_language(client, networks_index):
    root = ET.fromstring(client.get("/sitemap-pages.xml").content)
    entries = {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }
    pages = [networks_index, *ThematicNetworkPage.objects.live()]
    assert len(pages) == 3
    for page in pages:
        urls = {
            code: f"http://testserver{url_in(page, code)}" for code in LANGUAGE_CODES
        }
        for url in urls.values():
            assert entries[url] == {**urls, "x-default": urls["en"]}


def test_a_network_page_is_a_collection_of_its_members(client, green_network):
    page = soup(client.get(green_network.url))
    data = [
        json.loads(script.string)
        for script in page.select('script[type="application/ld+json"]')
    ]
    collection = next(item for item in data if item["@type"] == "CollectionPage")

    assert collection["name"] == "Ecological Transition & Green Deal"
    assert [part["name"] for part in collection["hasPart"]] == [
        "Essen",
        "Fortaleza",
        "Umeå",
        "Punta Arenas",
        "Stuttgart",
        "Taicang",
    ]
    assert collection["hasPart"][0]["url"] == "http://testserver/en/places/de/essen/"
    assert "Circular economy" in collection["about"]
    assert collection["publisher"]["name"]


def test_open_graph_of_a_network_page(client, green_network):
    page = soup(client.get(url_in(green_network, "th")))
    assert page.find("meta", property="og:title")["content"] == (green_network.title_th)
    image = page.find("meta", property="og:image")["content"]
    # The demo members' photos are generated maps: the preview is the page's map.
    assert image.endswith(f"/th/og/{green_network.pk}.png")
    assert client.get(image.removeprefix("http://testserver")).status_code == 200


# --- Demo content ----------------------------------------------------------------------


def test_the_demo_networks_in_seven_languages(green_network):
    networks = list(ThematicNetworkPage.objects.live().order_by("path"))
    assert [network.slug_en for network in networks] == [
        "ecological-transition-green-deal",
        "urban-regional-renewal-and-social-cohesion",
    ]
    for network in networks:
        assert network.phase.short_name == "IURC"
        assert network.theme_list
        for field in ("title", "intro"):
            for code in LANGUAGE_CODES:
                assert getattr(network, f"{field}_{code.replace('-', '_')}"), (
                    network.slug_en,
                    field,
                    code,
                )
        members = network.member_list
        assert 4 <= len(members) <= 6
        for member in members:
            assert member.place is not None
            # Each member is a place of one of the demo pairings on the network's themes.
            pairings = PairingPage.objects.filter(
                eu_places__place=member.place
            ) | PairingPage.objects.filter(partner_places__place=member.place)
            assert pairings.filter(themes__isnull=False).exists()
            for code in LANGUAGE_CODES:
                profile = getattr(member, f"profile_{code.replace('-', '_')}")
                assert profile and len(profile) <= PROFILE_MAX_CHARACTERS
                assert getattr(member, f"photo_licence_{code.replace('-', '_')}")
            assert member.photo is not None
            assert member.photo_credit == "IURC portal"
            assert member.photo_licence_en == (
                "Generated illustration (Natural Earth, public domain)"
            )
    essen = green_network.member_list[0]
    assert essen.profile_en == (
        "Essen, Germany, takes part in IURC through its pairing with Fortaleza "
        "(Brazil). The pairing's themes: Circular economy, Waste management."
    )
    assert essen.phase_one_url == "https://iuc.eu/index.php?id=554"


def test_loading_the_demo_content_again_changes_nothing(green_network):
    members = NetworkMember.objects.count()
    revisions = green_network.revisions.count()

    report = DemoContentLoader().load()

    assert report.created == []
    assert NetworkMember.objects.count() == members
    assert ThematicNetworkPage.objects.count() == 2
    assert ThematicNetworksIndexPage.objects.count() == 1
    assert green_network.revisions.count() == revisions


# --- Caches and reports ----------------------------------------------------------------


def test_changing_a_live_networks_themes_refreshes_pages(green_network):
    from iurc_site.caching import content_version
    from iurc_site.caching.invalidation import SHOWN_APPS
    from partners.models import Theme

    # A network's themes are a relation pages show, as a pairing's are.
    assert "networks" in SHOWN_APPS
    before = content_version.current()
    green_network.themes.add(Theme.objects.get(slug="urban-mobility"))
    green_network.save()  # a live page saved directly, as a script would
    assert content_version.current() != before


def test_the_demo_networks_are_translated_into_every_language(networks_index):
    from iurc_site.reports.translation_status import pages_with_missing_translations

    assert pages_with_missing_translations(ThematicNetworkPage.objects.all()) == []
    assert (
        pages_with_missing_translations(ThematicNetworksIndexPage.objects.all()) == []
    )
