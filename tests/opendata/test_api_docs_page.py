"""The API's page for people, /<lang>/data/api/: it renders in every language with the
site's layout, its examples name real addresses of the API, and the footer links to it."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language", ["en", "th"])
def test_the_page_renders_in_the_sites_layout(client, language):
    document = page(client, f"/{language}/data/api/")
    assert document.html["lang"] == language
    assert document.select_one("header") and document.select_one("footer.site-footer")
    assert document.select_one(".breadcrumbs a")["href"] == f"/{language}/"
    codes = [code.get_text() for code in document.select("pre code")]
    assert any(
        "curl 'http://testserver/api/v1/pairings?region=china" in c for c in codes
    )
    openapi = document.select_one('a[href="http://testserver/api/v1/openapi.json"]')
    assert openapi is not None
    licence = document.select_one('a[rel="license"]')
    assert licence["href"] == "https://creativecommons.org/licenses/by/4.0/"
    # Its other languages, as for every page.
    alternates = {
        link["hreflang"]: link["href"]
        for link in document.select('link[rel="alternate"][hreflang]')
    }
    assert alternates["ms"] == "http://testserver/ms/data/api/"


def test_the_english_page_says_what_the_api_offers(client, settings):
    settings.API_RATE_LIMIT = "120/m"
    document = page(client, "/en/data/api/")
    assert document.h1.get_text(strip=True) == "The pairings API"
    text = document.get_text(" ", strip=True)
    for words in (
        "/api/v1/pairings/{id}",
        "/api/v1/places",
        "Each address may send 120 requests every 60 seconds.",
        "at most 200",
        "credit “IURC”",
        "429",
    ):
        assert words in text, words


@pytest.mark.parametrize("language", ["en", "th", "zh-hans"])
def test_the_footer_links_to_the_page_as_api(client, language):
    document = page(client, f"/{language}/")
    link = document.select_one(f'.site-footer a[href="/{language}/data/api/"]')
    assert link is not None and link.get_text(strip=True) == "API"
