"""Empty, very long or hostile queries give a normal page with a message, never an error."""

from django.test import Client

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitesearch.query import search, suggest

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    "",
    " ",
    '"',
    '""',
    '"unclosed phrase',
    "'",
    "''''",
    "&|!:*",
    "a & b | !c <-> d:*",
    "!!!!",
    "-",
    "--",
    "-rotterdam",
    "(((",
    "'; DROP TABLE sitesearch_searchdocument; --",
    "1' OR '1'='1",
    "rotterdam\\",
    "\\\\",
    "<script>alert(1)</script>",
    "%",
    "_%_",
    "\x00",
    "rott\x00erdam",
    "\x01\x02\x1b[31m",
    "\u202e\u200b\ufeff",
    "🙂🙃",
    "a" * 10_000,
    "rotterdam " * 2_000,
    "合作" * 3_000,
]
RAW_QUERY_STRINGS = [
    "q=%FF%FE",  # not UTF-8
    "q=%C3",  # a truncated UTF-8 sequence
    "q=%ED%A0%80",  # an encoded surrogate
    "q=%00%00",
    "q=rotterdam&q=busan&q=",
    "q",
    "q=&type=&page=",
    "q=rotterdam&type=pairing&type=place&page=2&page=x",
    "q=%25%27%22%3B",
    "type=%FF&page=%FF",
]


def assert_normal_page(response):
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    assert document.select_one("main form[role=search] input[name=q]") is not None
    assert document.select_one("[role=status]").get_text(strip=True)


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_a_hostile_query_gives_a_normal_page(client, query):
    assert_normal_page(client.get("/en/search/", {"q": query}))


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_a_hostile_query_gives_an_autocomplete_answer(client, query):
    response = client.get("/zh-hans/search/suggest/", {"q": query})

    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


@pytest.mark.parametrize("query_string", RAW_QUERY_STRINGS)
def test_a_malformed_address_gives_a_normal_page(client, query_string):
    assert_normal_page(client.get(f"/ms/search/?{query_string}"))


def test_a_query_without_letters_says_there_is_nothing_to_look_for(client):
    response = client.get("/en/search/", {"q": "&|!:*"})

    status = BeautifulSoup(response.content, "html.parser").select_one("[role=status]")
    assert "has no letters or digits" in status.get_text()


def test_a_very_long_query_says_it_was_shortened(client):
    response = client.get("/en/search/", {"q": "rotterdam " * 2_000})

    notices = BeautifulSoup(response.content, "html.parser").select_one(".notices")
    assert "only its first 200 characters" in notices.get_text()
    # The addresses in the page carry the shortened query, not the 20,000 characters.
    assert len(response.content) < 60_000


def test_a_hostile_query_is_shown_as_text_never_as_markup(client):
    response = client.get("/en/search/", {"q": "<script>alert(1)</script>"})

    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;alert(1)" in response.content


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=st.text(max_size=300))
def test_any_text_at_all_searches_without_error(query):
    for language in ("en", "zh-hans", "th"):
        results = search(query, language)
        assert len(results.query) <= 200
        suggest(query, language)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    query=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=120
    ),
    kind=st.sampled_from(["", "pairing", "place", "bogus", "%"]),
    page=st.one_of(st.just(""), st.integers(-5, 10**12).map(str), st.text(max_size=5)),
)
def test_any_search_address_gives_a_normal_page(query, kind, page):
    assert_normal_page(
        Client().get("/en/search/", {"q": query, "type": kind, "page": page})
    )
