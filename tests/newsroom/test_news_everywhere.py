"""News everywhere else: the site search in the visitor's language, the sitemap with
hreflang, schema.org NewsArticle, Open Graph; and the demo news in seven languages."""

import json
from urllib.parse import quote

from django.conf import settings
from django.utils import translation

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET

from newsroom.models import Author, NewsIndexPage, NewsPage
from regions.models import RegionPage

pytestmark = pytest.mark.django_db
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}
STUDY_VISIT = "/regions/latin-america/news/study-visit-umea-punta-arenas-may-27-30/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def url_in(page, code):
    with translation.override(code):
        return page.get_url()


def result_links(response):
    return [link["href"] for link in soup(response).select(".search-result__title a")]


# --- Search ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "query"),
    [
        ("en", "study visit Punta Arenas"),
        ("es", "visita de estudio"),
        ("pt", "visita de estudo"),
        ("th", "ดูงาน"),  # a word inside a Thai title, with no space around it
        ("zh-hans", "考察"),  # two Chinese characters inside a title
        ("vi", "tham quan học tập"),
    ],
)
def test_the_search_finds_news_in_the_visitors_language(client, demo_page, code, query):
    page = demo_page(STUDY_VISIT)

    response = client.get(f"/{code}/search/?q={quote(query)}")

    assert url_in(page, code) in result_links(response)


def test_news_is_found_by_its_author_and_its_place(client, demo_page):
    by_author = client.get("/es/search/?q=" + quote("América del Norte publicación"))
    by_place = client.get("/en/search/?q=Umeå")

    final = demo_page(
        "/regions/north-america/news/iurc-north-america-2021-2023-final-publication/"
    )
    assert url_in(final, "es") in result_links(by_author)
    assert demo_page(STUDY_VISIT).url in result_links(by_place)


# --- Sitemap, structured data, Open Graph ---------------------------------------------------


def test_the_sitemap_lists_news_in_every_language_with_hreflang(client, demo_page):
    root = ET.fromstring(client.get("/sitemap-pages.xml").content)
    entries = {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }
    for page in list(NewsPage.objects.live()) + list(NewsIndexPage.objects.live()):
        urls = {
            code: f"http://testserver{url_in(page, code)}" for code in LANGUAGE_CODES
        }
        for url in urls.values():
            assert url in entries, url
            assert entries[url] == {**urls, "x-default": urls["en"]}


def test_a_news_page_is_a_news_article(client, demo_page):
    page = demo_page(STUDY_VISIT)

    response = client.get(url_in(page, "es"))

    scripts = soup(response).select('script[type="application/ld+json"]')
    data = json.loads(scripts[0].string)
    assert data["@type"] == "NewsArticle"
    assert (
        data["headline"]
        == "Visita de estudio Umeå – Punta Arenas, del 27 al 30 de mayo"
    )
    assert data["datePublished"] == "2022-06-01"
    assert data["inLanguage"] == "es"
    assert data["url"] == f"http://testserver{url_in(page, 'es')}"
    assert data["publisher"]["alternateName"] == "IURC"
    assert data["isBasedOn"] == page.source_url
    assert {place["name"] for place in data["contentLocation"]} == {
        "Umeå",
        "Punta Arenas",
    }
    assert data["image"][0].startswith("http://testserver/")


def test_a_teams_news_names_the_team_as_an_organisation(client, demo_page):
    page = demo_page(
        "/regions/north-america/news/discover-iurc-case-studies-and-insights/"
    )

    data = json.loads(
        soup(client.get(url_in(page, "pt")))
        .select_one('script[type="application/ld+json"]')
        .string
    )

    assert data["author"] == [
        {"@type": "Organization", "name": "IURC América do Norte"}
    ]


def test_open_graph_describes_a_news_page_as_an_article(client, demo_page):
    page = demo_page(STUDY_VISIT)

    html = soup(client.get(url_in(page, "th")))

    def meta(name):
        return html.select_one(f'meta[property="{name}"]')["content"]

    assert meta("og:type") == "article"
    assert meta("article:published_time") == "2022-06-01"
    assert meta("og:title") == "การศึกษาดูงาน อูเมโอ – ปุนตาอาเรนัส 27-30 พฤษภาคม"
    assert meta("og:description").startswith("การศึกษาดูงานของความร่วมมือ")
    assert meta("og:locale") == "th_TH"


# --- Demo content ------------------------------------------------------------------------


def test_the_demo_news_is_under_its_regions_in_seven_languages():
    news = NewsPage.objects.live()
    by_region = {}
    for page in news:
        region = page.region
        by_region.setdefault(region.slug_en if region else None, []).append(page)
        for field in ("title", "intro"):
            for code in LANGUAGE_CODES:
                value = getattr(page, f"{field}_{code.replace('-', '_')}")
                assert value, (page.title_en, field, code)
        assert page.source_url.startswith("https://")
        assert len(page.body_en) == 1  # says it summarises the source

    assert {key: len(pages) for key, pages in by_region.items()} == {
        None: 1,
        "asia-australasia": 2,
        "china": 1,
        "latin-america": 2,
        "north-america": 3,
    }
    assert NewsIndexPage.objects.live().count() == 1 + RegionPage.objects.count()
    team = Author.objects.get(name_en="IURC North America")
    assert team.kind == Author.Kind.TEAM
    assert team.name_zh_hans == "IURC 北美"
    assert team.news.count() == 3
