"""The news feeds (RSS 2.0 and Atom), read with feedparser as a feed reader reads them:
one per language, programme-wide and per region, through the page cache like pages."""

from django.utils import translation

import feedparser
import pytest

from newsroom.models import NewsIndexPage, NewsPage
from partners.models import Theme
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

FEEDS = [
    "/{lang}/feeds/news.rss",
    "/{lang}/feeds/news.atom",
    "/{lang}/feeds/news/north-america.rss",
    "/{lang}/feeds/news/north-america.atom",
]


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("path", FEEDS)
@pytest.mark.parametrize("language", ["en", "th", "zh-hans", "es"])
def test_feeds_list_the_news_in_their_language_with_links(client, path, language):
    url = path.format(lang=language)
    _response, feed = parsed(client, url)

    assert feed.version in ("rss20", "atom10")
    assert feed.feed.language == language
    regional = "north-america" in path
    news = NewsPage.objects.live().order_by("-date")
    if regional:
        news = news.filter(url_path_en__contains="/north-america/")
    with translation.override(language):
        expected = [(page.title, page.get_full_url()) for page in news]
        index = (
            NewsIndexPage.objects.live()
            .filter(
                url_path_en__endswith="/north-america/news/"
                if regional
                else "/iurc/news/"
            )
            .get()
        )
        index_url = index.get_full_url()
    assert [(entry.title, entry.link) for entry in feed.entries] == expected
    assert feed.feed.link == index_url
    if language == "th":
        assert feed.entries[0].title == ("สิ่งพิมพ์ฉบับสรุป IURC อเมริกาเหนือ 2021-2023")
    assert all(entry.get("published_parsed") for entry in feed.entries)
    assert f"/{language}/" in feed.entries[0].link


def test_an_item_names_its_authors_and_themes(client):
    _response, feed = parsed(client, "/es/feeds/news/north-america.rss")

    entry = next(e for e in feed.entries if "segunda fase" in e.title)
    assert entry.author == "IURC América del Norte"
    with translation.override("es"):
        theme_name = Theme.objects.get(slug="circular-economy").name
    assert theme_name != "Circular economy"  # translated in the demo content
    assert [tag.term for tag in entry.tags] == [theme_name]


@pytest.mark.parametrize(
    "url",
    [
        "/en/feeds/news/atlantis.rss",
        "/en/feeds/news/atlantis.atom",
        "/th/feeds/news/china-but-not-quite.rss",
    ],
)
def test_an_unknown_region_is_a_404_page(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert b"<html" in response.content


def test_a_hostile_region_in_a_feed_address_is_a_404(client):
    for url in ("/en/feeds/news/%3Cscript%3E.rss", "/en/feeds/news/..%2F..%2Fetc.rss"):
        assert client.get(url).status_code == 404


def test_feeds_go_through_the_page_cache_and_publishing_refreshes_them(
    client,
    page_cache,
    demo_page,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    url = "/en/feeds/news/china.rss"
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content

    china_news = NewsIndexPage.objects.child_of(demo_page("/regions/china/")).get()
    with django_capture_on_commit_callbacks(execute=True):
        page = NewsPageFactory(parent=china_news, title="Shenzhen joins a network")
        page.save_revision().publish()

    _response, feed = parsed(client, url)
    assert feed.entries[0].title == "Shenzhen joins a network"
