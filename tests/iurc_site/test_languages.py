"""Visitors read every page in seven languages, with English where a translation is missing."""

import re

from django.conf import settings
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEMO_PAGES = [
    "/",
    "/about/",
    "/iurc-phase-2/",
    "/regions/",
    "/regions/asia-australasia/",
    "/regions/asia-australasia/rotterdam-busan/",
]


def url_in(page, language_code):
    with translation.override(language_code):
        return page.get_url()


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
@pytest.mark.parametrize("path_en", DEMO_PAGES)
@pytest.mark.parametrize("language_code", LANGUAGE_CODES)
def test_every_page_type_renders_in_every_language(
    client, demo_page, path_en, language_code
):
    page = demo_page(path_en)
    url = url_in(page, language_code)
    assert url.startswith(f"/{language_code}/")

    response = client.get(url)

    assert response.status_code == 200
    document = soup(response)
    assert document.html["lang"] == language_code
    with translation.override(language_code):
        assert document.h1.get_text(strip=True) == page.title


@pytest.mark.django_db
def test_about_page_has_its_malay_slug_and_text(client, demo_page):
    response = client.get("/ms/tentang-iurc/")

    assert response.status_code == 200
    text = soup(response).get_text()
    assert "Tentang IURC" in text
    assert "Sebagai fasa kedua program International Urban Cooperation (IUC)" in text


@pytest.mark.django_db
def test_a_slug_only_works_in_its_own_language(client):
    assert client.get("/en/about/").status_code == 200
    assert client.get("/en/tentang-iurc/").status_code == 404
    assert client.get("/ms/about/").status_code == 404


@pytest.mark.django_db
def test_language_without_its_own_slug_uses_the_english_one(client):
    # Thai has no translated slugs in the demo content: the English slug serves Thai.
    response = client.get("/th/about/")

    assert response.status_code == 200
    assert soup(response).html["lang"] == "th"


@pytest.mark.django_db
def test_untranslated_field_falls_back_to_english_and_is_marked_english(
    client, demo_page
):
    about = demo_page("/about/")
    about.intro_th = ""
    about.save_revision().publish()

    response = client.get("/th/about/")

    intro = soup(response).select_one(".page-header .lead")
    assert intro.get_text(strip=True) == about.intro_en
    assert intro["lang"] == "en"
    # The translated title is still Thai, and not marked as English.
    assert soup(response).h1.get("lang") is None


@pytest.mark.django_db
def test_translated_field_is_not_marked_as_another_language(client):
    response = client.get("/ms/tentang-iurc/")

    assert soup(response).select_one(".page-header .lead").get("lang") is None


@pytest.mark.django_db
def test_language_switcher_links_to_the_same_page_in_every_language(client, demo_page):
    about = demo_page("/about/")

    response = client.get("/en/about/")

    switcher = soup(response).select_one("nav.language-switcher")
    links = {link["lang"]: link for link in switcher.select("a")}
    assert list(links) == LANGUAGE_CODES
    assert links["ms"]["href"] == "/ms/tentang-iurc/"
    assert links["es"]["href"] == "/es/acerca-de/"
    assert links["th"]["href"] == "/th/about/"
    for code in LANGUAGE_CODES:
        assert links[code]["href"] == url_in(about, code)
    assert [link.get_text(strip=True) for link in links.values()] == [
        "English",
        "Bahasa Melayu",
        "中文",
        "Tiếng Việt",
        "ไทย",
        "Português",
        "Español",
    ]
    assert links["en"]["aria-current"] == "true"
    assert "aria-current" not in links["ms"].attrs


@pytest.mark.django_db
def test_switching_language_keeps_the_visitor_on_the_same_pairing(client, demo_page):
    pairing = demo_page("/regions/asia-australasia/rotterdam-busan/")
    response = client.get(url_in(pairing, "en"))
    chinese_link = soup(response).select_one('nav.language-switcher a[lang="zh-hans"]')

    response = client.get(chinese_link["href"])

    assert response.status_code == 200
    assert (
        soup(response).h1.get_text(strip=True)
        == pairing.title_zh_hans
        == "鹿特丹 – 釜山"
    )


@pytest.mark.django_db
def test_pages_announce_their_other_languages_to_search_engines(client):
    response = client.get("/en/about/")

    alternates = {
        link["hreflang"]: link["href"]
        for link in soup(response).select('link[rel="alternate"][hreflang]')
    }
    assert set(alternates) == {*LANGUAGE_CODES, "x-default"}
    assert alternates["ms"] == "http://testserver/ms/tentang-iurc/"
    assert alternates["x-default"] == "http://testserver/en/about/"
    assert (
        soup(response).select_one('link[rel="canonical"]')["href"]
        == "http://testserver/en/about/"
    )


@pytest.mark.django_db
def test_the_bare_domain_sends_visitors_to_their_browser_language(client):
    response = client.get("/", headers={"accept-language": "ms,en;q=0.5"})

    assert response.status_code == 302
    assert response["Location"] == "/ms/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language_code", "message"),
    [
        ("/ms/tiada-halaman-ini/", "ms", "Halaman tidak ditemui"),
        ("/zh-hans/no-such-page/", "zh-hans", "找不到页面"),
        ("/en/no-such-page/", "en", "Page not found"),
    ],
)
def test_unknown_page_is_a_translated_404(client, path, language_code, message):
    response = client.get(path)

    assert response.status_code == 404
    assert soup(response).html["lang"] == language_code
    assert message in soup(response).get_text()


@pytest.mark.django_db
def test_unknown_language_prefix_ends_in_a_404_not_an_error(client):
    response = client.get("/xx/about/", follow=True, headers={"accept-language": "th"})

    assert response.status_code == 404
    assert response.redirect_chain[0][0] == "/th/xx/about/"
    assert soup(response).html["lang"] == "th"


@pytest.mark.django_db
@pytest.mark.parametrize("language_code", LANGUAGE_CODES)
def test_interface_text_is_translated(client, language_code):
    """The skip link is the first thing a keyboard user meets: it must be in their language."""
    with translation.override(language_code):
        expected = translation.gettext("Skip to main content")
    response = client.get(f"/{language_code}/")

    skip_link = soup(response).select_one("a.skip-link").get_text(strip=True)
    assert skip_link == expected
    if language_code != "en":
        assert skip_link != "Skip to main content"


@pytest.mark.django_db
def test_visitor_content_is_escaped(client, demo_page):
    about = demo_page("/about/")
    about.intro_en = '<script>alert("x")</script>'
    about.save_revision().publish()

    response = client.get("/en/about/")

    assert b'<script>alert("x")</script>' not in response.content
    assert re.search(
        rb"&lt;script&gt;alert\(&quot;x&quot;\)&lt;/script&gt;", response.content
    )
