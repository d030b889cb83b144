"""Visitors search the site in their own language; other languages are only a fallback."""

import json
from urllib.parse import quote

from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from iurc_site.models import StandardPage
from partners.models import Place
from tests.factories import PairingPageFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def result_links(response):
    """{href: hreflang} of the result links on a search page."""
    return {
        link["href"]: link.get("hreflang")
        for link in soup(response).select(".search-result__title a")
    }


def url_in(page, language_code):
    with translation.override(language_code):
        return page.get_url()


def search(client, language_code, query, **params):
    extra = "".join(f"&{name}={value}" for name, value in params.items())
    return client.get(f"/{language_code}/search/?q={quote(query)}{extra}")


def add_standard_page(home, title_en, **fields):
    page = StandardPage(title=title_en, title_en=title_en, **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_malay_query_on_the_malay_search_finds_the_malay_about_page(client, demo_page):
    response = search(client, "ms", "kerjasama antarabangsa tentang")

    assert response.status_code == 200
    assert "/ms/tentang-iurc/" in result_links(response)
    assert soup(response).select_one(".notice--info") is None  # no fallback needed


def test_malay_text_is_searched_in_malay_not_in_english(client):
    # "Sebagai fasa kedua" is in Malay texts only: the About page's and a later round's.
    malay = search(client, "ms", "sebagai fasa kedua")
    english = search(client, "en", "sebagai fasa kedua")

    assert "/ms/tentang-iurc/" in result_links(malay)
    # On the English search it is found only through the other-language fallback,
    # which says so and links to the Malay pages.
    assert soup(english).select_one(".notice--info") is not None
    found = result_links(english)
    assert found["/ms/tentang-iurc/"] == "ms"
    assert set(found.values()) == {"ms"}, found


@pytest.mark.parametrize("word", ["合作", "城市", "关于"])
def test_a_two_character_chinese_word_finds_a_chinese_page(client, demo_page, word):
    about = demo_page("/about/")

    # All the pages found, not the first five of the grouped results: events, calls
    # and news use these words too.
    response = search(client, "zh-hans", word, type="page")

    assert url_in(about, "zh-hans") in result_links(response)
    assert soup(response).select_one(".notice--info") is None


def test_a_chinese_place_name_finds_its_pairings_and_the_place(client, demo_page):
    pairing = demo_page("/regions/asia-australasia/rotterdam-busan/")
    rotterdam = Place.objects.get(name_en="Rotterdam")

    response = search(client, "zh-hans", "鹿特丹")

    links = result_links(response)
    assert url_in(pairing, "zh-hans") in links
    with translation.override("zh-hans"):
        assert rotterdam.get_absolute_url() in links


@pytest.mark.parametrize("query", ["Sao Paulo", "sao paulo", "SÃO PAULO", "são"])
def test_search_ignores_accents_and_case(client, query):
    sao_paulo = Place.objects.get(name_en="São Paulo")

    response = search(client, "en", query)

    with translation.override("en"):
        assert sao_paulo.get_absolute_url() in result_links(response)


def test_jardin_finds_a_page_about_the_jardin(client, demo_page):
    add_standard_page(
        demo_page("/"),
        "Botanical gardens",
        title_es="Jardín Botánico",
        slug="botanical-gardens",
        slug_en="botanical-gardens",
        slug_es="jardin-botanico",
    )

    response = search(client, "es", "jardin botanico")

    assert "/es/jardin-botanico/" in result_links(response)


def test_thai_word_inside_a_sentence_finds_the_thai_page(client, demo_page):
    about = demo_page("/about/")

    response = search(client, "th", "ความร่วมมือ")

    assert url_in(about, "th") in result_links(response)


@pytest.fixture
def qaanaaq(demo_page):
    """A place and the two pairings it is in: three results for "qaanaaq"."""
    place = PlaceFactory(name="Qaanaaq", country="GL")
    for partner in ("Tromsø", "Bodø"):
        PairingPageFactory(
            parent=demo_page("/regions/china/"),
            title=f"Qaanaaq – {partner}",
            places=(place, PlaceFactory(name=partner, country="NO")),
        ).save_revision().publish()
    return place


def test_results_are_grouped_by_type_and_places_link_to_their_profiles(client, qaanaaq):
    response = search(client, "en", "qaanaaq")

    document = soup(response)
    headings = [h2["id"] for h2 in document.select(".result-group h2")]
    assert headings == ["results-pairing", "results-place"]
    place_links = [a["href"] for a in document.select("#results-place ~ ol a")]
    assert place_links == [qaanaaq.get_absolute_url()]
    assert "3 results" in document.select_one(".search-results__count").get_text()


def test_results_speak_the_visitors_language_and_link_to_its_addresses(client):
    response = search(client, "pt", "rotterdam")

    for href, hreflang in result_links(response).items():
        assert href.startswith("/pt/")
        assert hreflang == "pt"
    assert "Pareamentos" in soup(response).select_one("#results-pairing").get_text()


def test_other_languages_are_only_a_fallback_and_it_says_so(client):
    response = search(client, "en", "鹿特丹")

    notice = soup(response).select_one(".notice--info")
    assert notice is not None
    assert "Nothing was found in English" in notice.get_text()
    assert set(result_links(response).values()) == {"zh-hans"}


def test_a_type_filter_shows_only_that_type_paginated(client, monkeypatch, qaanaaq):
    monkeypatch.setattr("sitesearch.views.RESULTS_PER_PAGE", 1)

    first = search(client, "en", "qaanaaq", type="pairing")
    second = search(client, "en", "qaanaaq", type="pairing", page=2)

    assert len(result_links(first)) == len(result_links(second)) == 1
    assert result_links(first).keys() != result_links(second).keys()
    assert soup(second).select_one("#results-place") is None
    assert soup(first).select_one(".pagination a[rel=next]")["href"].endswith("page=2")


def test_a_page_past_the_end_shows_the_last_page_and_says_so(client, qaanaaq):
    response = search(client, "en", "qaanaaq", type="pairing", page=99)

    assert response.status_code == 200
    assert "There is no page 99" in soup(response).select_one(".notices").get_text()
    assert len(result_links(response)) == 2


@pytest.mark.parametrize("page", ["abc", "-3", "0", "1e9", "%00"])
def test_a_malformed_page_number_shows_the_first_page_and_says_so(
    client, qaanaaq, page
):
    response = search(client, "en", "qaanaaq", type="pairing", page=page)

    assert response.status_code == 200
    assert soup(response).select_one(".notices") is not None
    assert len(result_links(response)) == 2


def test_an_unknown_type_shows_every_type_and_says_so(client, qaanaaq):
    response = search(client, "en", "qaanaaq", type="<b>bogus</b>")

    assert response.status_code == 200
    notice = soup(response).select_one(".notices").get_text()
    assert "There is no result type “<b>bogus</b>”" in notice  # shown as text
    assert b"<b>bogus</b>" not in response.content
    assert len(result_links(response)) == 3


def test_a_type_without_results_shows_every_type_and_says_so(client, qaanaaq):
    response = search(client, "en", "qaanaaq", type="region")

    assert "Nothing was found in “Regions”" in soup(response).get_text()
    assert len(result_links(response)) == 3


@pytest.mark.parametrize(
    ("language_code", "typed", "expected_title"),
    [
        ("en", "rott", "Rotterdam"),
        ("ms", "tent", "Tentang IURC"),
        ("zh-hans", "鹿特", "鹿特丹"),
        ("vi", "gioi thi", "Giới thiệu về IURC"),
        ("th", "เกี่ยว", "เกี่ยวกับ IURC"),
        ("pt", "sao p", "São Paulo"),
        ("es", "acerca", "Acerca del IURC"),
    ],
)
def test_autocomplete_suggests_titles_in_every_language(
    client, language_code, typed, expected_title
):
    response = client.get(f"/{language_code}/search/suggest/?q={quote(typed)}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    suggestions = json.loads(response.content)["results"]
    titles = [suggestion["title"] for suggestion in suggestions]
    assert expected_title in titles
    for suggestion in suggestions:
        assert suggestion["url"].startswith(f"/{language_code}/")
        assert suggestion["kind"]


def test_autocomplete_with_nothing_to_look_for_is_an_empty_list(client):
    response = client.get("/en/search/suggest/?q=%26%7C%21")

    assert json.loads(response.content) == {"language": "en", "results": []}


def test_the_search_page_works_without_a_query(client):
    response = client.get("/en/search/")

    document = soup(response)
    assert response.status_code == 200
    assert (
        document.select_one("[role=status]")
        .get_text(strip=True)
        .startswith("Type one or more words")
    )
    assert document.select(".search-result") == []


def test_the_search_form_is_labelled_and_results_are_announced(client):
    response = search(client, "ms", "rotterdam")

    document = soup(response)
    form = document.select_one("main form[role=search]")
    field = form.select_one("input[name=q]")
    assert document.select_one(f"label[for={field['id']}]") is not None
    assert form["aria-labelledby"] == "search-title"
    assert field["value"] == "rotterdam"
    status = document.select_one("[role=status]")
    assert "rotterdam" in status.get_text()
    assert "Cari: rotterdam" in document.title.get_text()  # the count is in <title>
    assert document.select_one("meta[name=robots]")["content"].startswith("noindex")


def test_every_page_has_a_labelled_search_box_in_its_header(client, demo_page):
    response = client.get(url_in(demo_page("/regions/"), "th"))

    form = soup(response).select_one("header form[role=search]")
    assert form["action"] == "/th/search/"
    field = form.select_one("input[type=search][name=q]")
    assert soup(response).select_one(f"label[for={field['id']}]").get_text(strip=True)


def test_search_switches_language_with_the_query_kept(client):
    response = search(client, "en", "rotterdam")

    switcher = soup(response).select_one(".language-switcher a[lang=ms]")
    assert switcher["href"] == "/ms/search/?q=rotterdam"


def test_searching_reads_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    # Whatever the number of matches: the search, the counted groups, and one query
    # each for the pages and places shown (plus the page furniture).
    with django_assert_max_num_queries(25):
        response = search(client, "en", "iurc")
    assert response.status_code == 200
