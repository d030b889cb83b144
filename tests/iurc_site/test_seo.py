"""Search engines and link previews read every page in its language: sitemap, robots,
titles and descriptions, Open Graph, Twitter cards and schema.org data."""

import json

from django.conf import settings
from django.utils import translation

import wagtail_factories
from wagtail.models import Page, PageViewRestriction

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET

from iurc_site.models import StandardPage
from partners.models import Place

pytestmark = pytest.mark.django_db
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def absolute(url):
    return f"http://testserver{url}"


def url_in(page, language_code):
    with translation.override(language_code):
        return page.get_url()


def sitemap_entries(client, section):
    """{loc: {hreflang: href}} of one sitemap file."""
    response = client.get(f"/sitemap-{section}.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def meta(document, name):
    tag = document.select_one(f'meta[property="{name}"]') or document.select_one(
        f'meta[name="{name}"]'
    )
    return tag["content"] if tag else None


def json_ld(response):
    scripts = soup(response).select('script[type="application/ld+json"]')
    return [json.loads(script.string) for script in scripts]


def test_the_sitemap_index_lists_the_pages_places_and_publications_files(client):
    response = client.get("/sitemap.xml")

    root = ET.fromstring(response.content)
    locations = [loc.text for loc in root.findall("s:sitemap/s:loc", NS)]
    assert locations == [
        absolute("/sitemap-pages.xml"),
        absolute("/sitemap-places.xml"),
        absolute("/sitemap-publications.xml"),
    ]


def test_the_sitemap_lists_every_live_page_in_every_language(client):
    entries = sitemap_entries(client, "pages")

    pages = Page.objects.live().public().filter(depth__gt=1)
    assert len(entries) == pages.count() * len(LANGUAGE_CODES)
    for page in pages:
        for code in LANGUAGE_CODES:
            assert absolute(url_in(page, code)) in entries


def test_each_sitemap_address_names_all_its_translations_and_english_as_default(
    client, demo_page
):
    about = demo_page("/about/")
    entries = sitemap_entries(client, "pages")

    alternates = entries[absolute("/ms/tentang-iurc/")]
    assert alternates == {
        **{code: absolute(url_in(about, code)) for code in LANGUAGE_CODES},
        "x-default": absolute("/en/about/"),
    }


def test_the_sitemap_leaves_out_drafts_and_private_pages(client, demo_page):
    home = demo_page("/")
    draft = StandardPage(
        title="Draft", title_en="Draft", slug="draft", slug_en="draft", live=False
    )
    home.add_child(instance=draft)
    region = demo_page("/regions/china/")
    PageViewRestriction.objects.create(
        page=region, restriction_type=PageViewRestriction.LOGIN
    )

    locations = set(sitemap_entries(client, "pages"))

    assert absolute("/en/draft/") not in locations
    assert absolute(url_in(region, "en")) not in locations
    assert absolute(url_in(region.get_children().first(), "en")) not in locations
    assert absolute("/en/about/") in locations


def test_the_sitemap_lists_every_place_profile_in_every_language(client):
    entries = sitemap_entries(client, "places")

    assert len(entries) == Place.objects.count() * len(LANGUAGE_CODES)
    sao_paulo = entries[absolute("/pt/places/br/sao-paulo/")]
    assert sao_paulo["zh-hans"] == absolute("/zh-hans/places/br/sao-paulo/")
    assert sao_paulo["x-default"] == absolute("/en/places/br/sao-paulo/")


@pytest.mark.parametrize(
    "path",
    ["/sitemap-nothing.xml", "/sitemap-pages.xml?p=999", "/sitemap-pages.xml?p=x"],
)
def test_a_sitemap_that_does_not_exist_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /ms/search/" in lines
    assert f"Sitemap: {absolute('/sitemap.xml')}" in lines
    assert "Disallow: /" not in lines


def test_title_and_description_come_from_the_languages_own_seo_texts(client, demo_page):
    about = demo_page("/about/")
    about.seo_title_ms = "Mengenai program IURC"
    about.search_description_ms = "Program kerjasama bandar Kesatuan Eropah."
    about.save_revision().publish()

    malay = soup(client.get("/ms/tentang-iurc/"))
    english = soup(client.get("/en/about/"))

    assert malay.title.get_text() == "Mengenai program IURC · IURC"
    assert meta(malay, "description") == "Program kerjasama bandar Kesatuan Eropah."
    assert english.title.get_text() == "About IURC · IURC"
    assert meta(english, "description").startswith("As a second phase")


def test_an_english_only_seo_title_never_shows_on_a_translated_page(client, demo_page):
    about = demo_page("/about/")
    about.seo_title_en = "About the IURC programme"
    about.save_revision().publish()

    malay = soup(client.get("/ms/tentang-iurc/"))

    assert malay.title.get_text() == "Tentang IURC · IURC"
    assert meta(malay, "description").startswith("Sebagai fasa kedua")


@pytest.mark.parametrize(
    ("language_code", "locale"),
    [
        ("en", "en_GB"),
        ("ms", "ms_MY"),
        ("zh-hans", "zh_CN"),
        ("vi", "vi_VN"),
        ("th", "th_TH"),
        ("pt", "pt_BR"),
        ("es", "es_419"),
    ],
)
def test_open_graph_and_twitter_tags_describe_the_page_in_its_language(
    client, demo_page, language_code, locale
):
    about = demo_page("/about/")
    url = url_in(about, language_code)

    document = soup(client.get(url))

    with translation.override(language_code):
        assert meta(document, "og:title") == about.title
        assert meta(document, "twitter:title") == about.title
    assert meta(document, "og:url") == absolute(url)
    assert meta(document, "og:locale") == locale
    alternates = {
        tag["content"]
        for tag in document.select('meta[property="og:locale:alternate"]')
    }
    assert len(alternates) == len(LANGUAGE_CODES) - 1 and locale not in alternates
    assert meta(document, "og:description") == meta(document, "description")
    assert meta(document, "twitter:card") == "summary_large_image"
    assert meta(document, "og:image") == absolute("/static/img/social-default.png")
    assert meta(document, "og:image:alt")


def test_the_preview_image_is_a_rendition_of_the_pages_own_image(client, demo_page):
    pairing = demo_page("/regions/asia-australasia/rotterdam-busan/")
    pairing.image = wagtail_factories.ImageFactory(
        description="Rotterdam harbour", file__width=1600, file__height=1000
    )
    pairing.save_revision().publish()

    document = soup(client.get(url_in(pairing, "en")))

    image_url = meta(document, "og:image")
    assert image_url.startswith("http://testserver/") and "fill-1200x630" in image_url
    assert meta(document, "og:image:width") == "1200"
    assert meta(document, "og:image:height") == "630"
    assert meta(document, "twitter:image") == image_url
    assert meta(document, "og:image:alt") == "Rotterdam harbour"


def test_the_home_page_describes_the_programme_and_its_search(client):
    graph = json_ld(client.get("/ms/"))[0]["@graph"]

    organisation = next(node for node in graph if node["@type"] == "Organization")
    website = next(node for node in graph if node["@type"] == "WebSite")
    assert organisation["alternateName"] == "IURC"
    assert organisation["name"] == "Kerjasama Antarabangsa Bandar dan Serantau"
    assert organisation["funder"]["name"] == "European Union"
    assert organisation["@id"] == absolute("/en/#organization")
    assert website["inLanguage"] == "ms"
    assert website["potentialAction"]["target"]["urlTemplate"] == absolute(
        "/ms/search/?q={search_term_string}"
    )


def test_a_pairing_is_described_as_a_project_between_its_places(client, demo_page):
    pairing = demo_page("/regions/asia-australasia/rotterdam-busan/")

    data = json_ld(client.get(url_in(pairing, "zh-hans")))[0]

    assert data["@type"] == "Project"
    assert data["name"] == "鹿特丹 – 釜山"
    assert [place["name"] for place in data["areaServed"]] == ["鹿特丹", "釜山"]
    assert data["areaServed"][0]["address"]["addressCountry"] == "NL"
    assert data["areaServed"][0]["url"] == absolute("/zh-hans/places/nl/rotterdam/")
    assert data["parentOrganization"]["@id"] == absolute("/en/#organization")
    assert data["foundingDate"] == str(pairing.start_year)


def test_structured_data_cannot_break_out_of_its_script_element(client, demo_page):
    pairing = demo_page("/regions/asia-australasia/rotterdam-busan/")
    pairing.title_en = "</script><script>alert(1)</script>"
    pairing.save_revision().publish()

    response = client.get(url_in(pairing, "en"))

    assert b"</script><script>alert(1)" not in response.content
    assert json_ld(response)[0]["name"] == "</script><script>alert(1)</script>"


def test_other_pages_carry_no_structured_data_they_do_not_need(client, demo_page):
    assert json_ld(client.get("/en/about/")) == []
    assert json_ld(client.get("/en/search/?q=rotterdam")) == []


def test_a_place_profile_is_described_as_a_city(client):
    data = json_ld(client.get("/pt/places/br/sao-paulo/"))[0]

    assert data["@type"] == "City"
    assert data["name"] == "São Paulo"
    assert data["geo"]["latitude"] == pytest.approx(-23.55, abs=0.01)
