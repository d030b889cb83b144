"""Visitors narrow the pairings down by region, country, theme, phase, strand, kind, year
and words, with counts on every option, in any language, and with or without JavaScript."""

from urllib.parse import urlencode

from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from regions.explorer import PAIRINGS_PER_PAGE
from regions.models import PairingExplorerPage, PairingPage, RegionPage
from tests.factories import PairingPageFactory, PlaceFactory, ThemeFactory

EXPLORER = "/en/pairings/"
EVERY = object()  # the filter is dropped: every pairing is listed


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def explore(client, path=EXPLORER, **params):
    response = client.get(f"{path}?{urlencode(params)}" if params else path)
    assert response.status_code == 200
    return soup(response)


def titles(document):
    return [
        title.get_text(strip=True)
        for title in document.select(".explorer-results .pairing-card .card__title")
    ]


def card_links(document):
    return [
        link["href"]
        for link in document.select(".explorer-results .pairing-card .card__title a")
    ]


def every_pairing():
    """How many pairings the explorer shows without filters."""
    return PairingPage.objects.live().count()


def total(document):
    """The number of results the page announces."""
    return int(document.select_one("[data-explorer-summary]")["data-total"])


def options(document, name):
    """{value: count} of the options of one filter, as the form shows them."""
    found = {}
    for option in document.select(f'select[name="{name}"] option'):
        if option["value"]:
            found[option["value"]] = int(
                option.get_text().rsplit("(", 1)[1].rstrip(")")
            )
    return found


def notices(document):
    return [item.get_text(strip=True) for item in document.select(".notice li")]


@pytest.mark.django_db
def test_explorer_lists_every_live_pairing_a_page_at_a_time(client):
    live = PairingPage.objects.live().count()
    page_count = -(-live // PAIRINGS_PER_PAGE)
    assert page_count > 1

    listed = []
    for number in range(1, page_count + 1):
        document = explore(client, page=number)
        assert total(document) == live
        links = card_links(document)
        last_page_size = live - PAIRINGS_PER_PAGE * (page_count - 1)
        assert len(links) == (
            PAIRINGS_PER_PAGE if number < page_count else last_page_size
        )
        listed += links

    assert len(set(listed)) == live  # each pairing once


@pytest.mark.django_db
def test_unpublished_pairings_are_not_listed(client):
    pairing = PairingPage.objects.get(slug_en="rotterdam-busan")
    pairing.unpublish()

    assert "Rotterdam – Busan" not in titles(explore(client, q="Rotterdam"))


@pytest.mark.django_db
def test_filters_combine(client, demo_page):
    region = demo_page("/regions/latin-america/")

    document = explore(client, region="latin-america", strand="region")

    expected = {
        pairing.title
        for pairing in PairingPage.objects.child_of(region).filter(strand="region")
    }
    assert expected and set(titles(document)) == expected
    assert total(document) == len(expected)
    assert len(expected) < PairingPage.objects.child_of(region).count()


@pytest.mark.django_db
def test_country_filter_matches_either_side(client, demo_page):
    region = demo_page("/regions/china/")
    reykjavik, akureyri = (PlaceFactory(country="IS") for _ in range(2))
    nuuk, ilulissat = (PlaceFactory(country="GL") for _ in range(2))
    for title, places in [
        ("Reykjavik – Nuuk", (reykjavik, nuuk)),
        ("Akureyri – Oslo", (akureyri, PlaceFactory(country="NO"))),
        ("Tromsø – Ilulissat", (PlaceFactory(country="NO"), ilulissat)),
    ]:
        PairingPageFactory(parent=region, title=title, places=places)

    iceland = titles(explore(client, country="IS"))
    greenland = titles(explore(client, country="gl"))

    assert sorted(iceland) == ["Akureyri – Oslo", "Reykjavik – Nuuk"]
    assert sorted(greenland) == ["Reykjavik – Nuuk", "Tromsø – Ilulissat"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["region", "phase", "network", "strand", "kind", "year"]
)
def test_each_option_shows_how_many_pairings_it_gives(client, name):
    # With another filter set, so the counts must take it into account.
    document = explore(client, theme="urban-mobility")
    counts = options(document, name)

    assert counts
    for value, count in counts.items():
        assert total(explore(client, theme="urban-mobility", **{name: value})) == count


@pytest.mark.django_db
def test_country_and_theme_options_count_what_they_give(client):
    document = explore(client, phase="iurc-phase-2")

    for name in ("country", "theme"):
        counts = options(document, name)
        assert len(counts) > 5
        for value, count in list(counts.items())[:6]:
            assert (
                total(explore(client, phase="iurc-phase-2", **{name: value})) == count
            )


@pytest.mark.django_db
def test_options_without_any_pairing_are_not_offered(client, demo_page):
    PairingPage.objects.filter(kind=PairingPage.Kind.CLUSTER).delete()
    PairingPageFactory(
        parent=demo_page("/regions/china/"),
        kind=PairingPage.Kind.CLUSTER,
        places=(PlaceFactory(country="AQ"), PlaceFactory(country="AQ")),
        live=False,  # a draft: nothing a visitor could find
    )

    document = explore(client)

    assert "AQ" not in options(document, "country")
    assert "cluster" not in options(document, "kind")
    assert set(options(document, "kind")) == set(
        PairingPage.objects.live().values_list("kind", flat=True)
    )


@pytest.mark.django_db
def test_words_match_titles_places_and_countries_in_the_visitors_language(
    client, demo_page
):
    qaanaaq = PlaceFactory(name="Qaanaaq", name_zh_hans="卡纳克", country="GL")
    tromso = PlaceFactory(name="Tromsø", country="NO")
    PairingPageFactory(
        parent=demo_page("/regions/china/"),
        title="Arctic light exchange",
        places=(tromso, qaanaaq),
    )
    found = ["Arctic light exchange"]

    assert titles(explore(client, q="arctic light")) == found  # its title
    assert titles(explore(client, q="qaanaaq")) == found  # a place's name
    assert titles(explore(client, "/zh-hans/pairings/", q="卡纳克")) == found
    # English names work in every language.
    assert titles(explore(client, "/th/pairings/", q="Qaanaaq")) == found
    # Norway is "Noruega" in Portuguese: the country's name finds its pairings.
    assert "Arctic light exchange" in titles(
        explore(client, "/pt/pareamentos/", q="Noruega")
    )


@pytest.mark.django_db
def test_filters_keep_their_meaning_in_every_language(client):
    english = explore(client, region="china", strand="city")
    malay_link = english.select_one('.language-switcher a[lang="ms"]')["href"]

    malay = soup(client.get(malay_link))

    assert malay_link.startswith("/ms/gandingan/?")
    assert total(malay) == total(english) > 0
    assert malay.html["lang"] == "ms"


@pytest.mark.django_db
def test_the_form_works_without_javascript(client):
    document = explore(client, region="china")
    form = document.select_one("form[data-explorer-form]")

    assert form["method"] == "get"
    assert form["action"] == EXPLORER
    assert form.select_one('button[type="submit"]')
    for name in (
        "q",
        "region",
        "country",
        "theme",
        "phase",
        "network",
        "strand",
        "kind",
        "year",
    ):
        control = form.select_one(f'[name="{name}"]')
        assert control["id"] and form.select_one(f'label[for="{control["id"]}"]')
    assert form.select_one('select[name="region"] option[selected]')["value"] == "china"


@pytest.mark.django_db
def test_a_submitted_empty_form_shows_everything(client):
    document = explore(client, q="", region="", country="", theme="", phase="", year="")

    assert total(document) == every_pairing()
    assert notices(document) == []


@pytest.mark.django_db
def test_pages_keep_the_filters(client, demo_page):
    region = RegionPage(title="Antarctica", title_en="Antarctica", slug="antarctica")
    region.slug_en = region.slug
    demo_page("/regions/").add_child(instance=region)
    for _ in range(PAIRINGS_PER_PAGE + 3):
        PairingPageFactory(parent=region, strand="region")
    PairingPageFactory(parent=region, strand="city")  # left out by the strand filter

    document = explore(client, region="antarctica", strand="region")
    next_link = document.select_one('.pagination a[rel="next"]')["href"]

    assert total(document) == PAIRINGS_PER_PAGE + 3
    assert next_link == "?region=antarctica&strand=region&page=2#pairing-list"
    second = explore(client, region="antarctica", strand="region", page=2)
    assert len(titles(second)) == 3


@pytest.mark.django_db
def test_active_filters_can_be_removed_one_by_one(client):
    document = explore(client, region="china", q="Rome")

    removals = {
        item.select_one(".visually-hidden").get_text(strip=True): item.a["href"]
        for item in document.select(".active-filters li")
    }

    assert removals == {
        "Remove the filter Words: Rome": "/en/pairings/?region=china",
        "Remove the filter Region: China": "/en/pairings/?q=Rome",
    }


@pytest.mark.django_db
def test_untranslated_option_labels_are_marked_english(client):
    theme = ThemeFactory(name="Night-time economy")
    pairing = PairingPage.objects.get(slug_en="rotterdam-busan")
    pairing.themes.add(theme)
    pairing.save_revision().publish()

    document = explore(client, "/ms/gandingan/")

    option = document.select_one(f'select[name="theme"] option[value="{theme.slug}"]')
    assert option["lang"] == "en"
    assert option.get_text() == "Night-time economy (1)"
    translated = document.select_one(
        'select[name="theme"] option[value="urban-mobility"]'
    )
    assert not translated.has_attr("lang")


@pytest.mark.django_db
def test_no_result_gives_a_clear_message(client):
    document = explore(client, region="china", country="BR")

    assert titles(document) == []
    assert "No pairing matches all these filters." in document.get_text()


# --- Bad input ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected_notice", "expected_total"),
    [
        ({"region": "atlantis"}, "Region: “atlantis” is not one of the choices", EVERY),
        ({"country": "ZZ"}, "Country: “ZZ” is not one of the choices", EVERY),
        (
            {"theme": "' OR 1=1 --"},
            "Theme: “' OR 1=1 --” is not one of the choices",
            EVERY,
        ),
        ({"phase": "phase-9"}, "Programme phase: “phase-9”", EVERY),
        ({"strand": "boat"}, "Strand: “boat” is not one of the choices", EVERY),
        ({"kind": "<script>"}, "Kind: “<script>” is not one of the choices", EVERY),
        ({"year": "abc"}, "Start year: “abc” is not one of the choices", EVERY),
        ({"year": "1800"}, "Start year: “1800” is not one of the choices", EVERY),
        ({"year": "2021.5"}, "Start year: “2021.5”", EVERY),
        ({"page": "abc"}, "“abc” is not a page number; here is the first page.", EVERY),
        ({"page": "0"}, "“0” is not a page number", EVERY),
        ({"page": "-3"}, "“-3” is not a page number", EVERY),
        ({"page": "999"}, "There is no page 999; here is the last page.", EVERY),
        ({"page": "1" + "0" * 40}, "There is no page 1000", EVERY),
        ({"q": "x" * 500}, "Only the first 100 characters of your words are used.", 0),
    ],
)
def test_bad_filter_values_give_a_normal_page_with_a_message(
    client, params, expected_notice, expected_total
):
    document = explore(client, **params)

    assert any(notice.startswith(expected_notice) for notice in notices(document)), (
        notices(document)
    )
    expected = every_pairing() if expected_total is EVERY else expected_total
    assert total(document) == expected


@pytest.mark.django_db
def test_an_unknown_value_drops_only_its_own_filter(client):
    document = explore(client, region="china", country="XX")

    assert total(document) == total(explore(client, region="china"))
    assert len(notices(document)) == 1


@pytest.mark.django_db
def test_a_repeated_filter_uses_its_first_value(client):
    response = client.get(f"{EXPLORER}?region=china&region=latin-america&page=1&page=2")

    document = soup(response)
    assert response.status_code == 200
    assert total(document) == total(explore(client, region="china"))
    assert notices(document) == [
        "Region was given more than once; only the first value is used.",
        "Page was given more than once; only the first value is used.",
    ]


@pytest.mark.django_db
def test_a_page_past_the_end_of_a_filtered_list_shows_the_last_page(client):
    document = explore(client, region="china", page=5)

    assert titles(document)
    assert "There is no page 5; here is the last page." in notices(document)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text", ["\x00", "a\x00b", "%", "_", "\\", "' OR '1'='1", "\u202e", "🙂" * 200]
)
def test_odd_words_never_break_the_page(client, text):
    response = client.get(EXPLORER, {"q": text})

    assert response.status_code == 200


@pytest.mark.django_db
def test_notices_are_translated(client):
    document = explore(client, "/ms/gandingan/", region="atlantis")

    assert notices(document) == [
        "Wilayah: “atlantis” bukan salah satu pilihan, jadi penapis ini tidak digunakan."
    ]


# --- The page in the tree ---------------------------------------------------------------


@pytest.mark.django_db
def test_demo_content_puts_the_explorer_in_the_menu_in_every_language(client):
    explorer = PairingExplorerPage.objects.get()

    assert explorer.get_parent().specific_class.__name__ == "HomePage"
    assert explorer.show_in_menus
    with translation.override("ms"):
        assert explorer.get_url() == "/ms/gandingan/"
    menu = soup(client.get("/zh-hans/")).select(".main-nav a")
    assert "/zh-hans/pairings/" in [link["href"] for link in menu]
