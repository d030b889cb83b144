"""The news pages run as many queries with 5,000 news items as with 10: the listing (with
its filters and pages), a news page, the home and region pages that show the latest
news, a pairing page and a place profile that show news about them, and the feeds."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import wagtail_factories

import pytest

from newsroom.models import NewsIndexPage, NewsPage
from regions.models import PairingPage, RegionPage
from tests.factories import NewsPageFactory, ThemeFactory
from tests.support.bulk_pages import copy_page
from tests.support.caches import clear_caches

pytestmark = pytest.mark.django_db


def query_count(client, url):
    clear_caches()  # built afresh: nothing from the fragments or the page cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow_with_the_number_of_news_items(client, demo_page):
    indexes = [demo_page("/news/")] + [
        NewsIndexPage.objects.child_of(region).get()
        for region in RegionPage.objects.live().order_by("path")
    ]
    themes = ThemeFactory.create_batch(3)
    pairing = PairingPage.objects.live().order_by("pk").first()
    place = pairing.eu_place_list[0]
    through = NewsPage.themes.through
    # Like the demo items (each has a generated map), so that the renditions are
    # looked up in both counts.
    image = wagtail_factories.ImageFactory(description="A map")

    def add_news(count):
        for number in range(count):
            page = NewsPageFactory(
                parent=indexes[number % len(indexes)],
                date=datetime.date(2020 + number % 5, 1 + number % 12, 1),
                hero_image=image,
            )
            through.objects.bulk_create(
                [through(newspage=page, theme=theme) for theme in themes[:2]]
            )
            page.pairings.add(pairing)
            page.places.add(place)
            page.save()

    china = demo_page("/regions/china/")
    china_news = NewsIndexPage.objects.child_of(china).get()
    urls = [
        "/en/news/",
        f"/en/news/?region=china&theme={themes[0].slug}&year=2021",
        "/en/news/?page=2",
        "/th/news/?year=2022&page=2",
        china_news.get_url(),
        f"{china_news.get_url()}?page=2",
        "/en/",
        "/zh-hans/",
        china.get_url(),
        pairing.get_url(),
        place.get_absolute_url(),
        "/en/feeds/news.rss",
        "/th/feeds/news/china.atom",
        "/en/search/?q=news",
        "/sitemap-pages.xml",
    ]
    add_news(10)
    news_page = NewsPage.objects.live().order_by("-pk").first()
    urls.append(news_page.get_url())
    for url in urls:  # once to warm the per-process caches (content types, site root)
        query_count(client, url)
    with_few = {url: query_count(client, url) for url in urls}

    # 5,000 in all: copies of the last one, in each index in the year its first ten
    # have there (so that each filtered listing above shows items in both counts).
    copies_per_index = (5000 - NewsPage.objects.live().count()) // len(indexes) + 1
    for position, index in enumerate(indexes):
        copy_page(
            news_page,
            index,
            copies_per_index,
            {"date": f"date '{2020 + position}-01-01' + mod(n.number, 365)"},
        )
    with_many = {url: query_count(client, url) for url in urls}

    assert NewsPage.objects.live().count() >= 5000
    # The copies are real pages of the tree: in their index, and served at their URL.
    copies = NewsPage.objects.child_of(china_news).live()
    assert copies.count() > copies_per_index
    assert client.get(copies.order_by("-pk").first().get_url()).status_code == 200
    assert with_many == with_few, {
        url: (with_few[url], with_many[url])
        for url in urls
        if with_few[url] != with_many[url]
    }
