"""News indexes and news pages: where they go, what they show, in every language, and a
listing whose filters live in the URL and survive any query string."""

import datetime

from django.utils import translation
from django.utils.translation import ngettext

import pytest
from bs4 import BeautifulSoup

from iurc_site.models import HomePage, StandardPage
from newsroom.models import NEWS_PER_PAGE, NewsIndexPage, NewsPage, reading_minutes_of
from regions.models import PairingPage
from tests.factories import NewsPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def card_titles(response):
    return [
        card.select_one(".card__title").get_text(strip=True)
        for card in soup(response).select(".news-card")
    ]


def notices(response):
    return [
        item.get_text(" ", strip=True) for item in soup(response).select(".notice li")
    ]


@pytest.fixture
def programme_index(demo_page):
    return demo_page("/news/")


@pytest.fixture
def china(demo_page):
    return demo_page("/regions/china/")


@pytest.fixture
def china_index(china):
    return NewsIndexPage.objects.child_of(china).get()


# --- Where the pages go ---------------------------------------------------------------


def test_news_indexes_go_under_the_home_page_and_regions_once_each(
    programme_index, china, china_index
):
    home = HomePage.objects.get()
    assert programme_index.get_parent().specific == home
    assert NewsIndexPage.can_exist_under(home)
    assert NewsIndexPage.can_exist_under(china)
    # One per parent: both already have theirs.
    assert not NewsIndexPage.can_create_at(home)
    assert not NewsIndexPage.can_create_at(china)
    pairing = PairingPage.objects.child_of(china).first()
    assert not NewsIndexPage.can_exist_under(pairing)
    about = StandardPage.objects.child_of(home).first()
    assert not NewsIndexPage.can_exist_under(about)


def test_news_pages_go_only_under_a_news_index(china, china_index):
    assert NewsPage.can_exist_under(china_index)
    assert not NewsPage.can_exist_under(china)
    assert not NewsPage.can_exist_under(HomePage.objects.get())
    assert NewsPage.allowed_subpage_models() == []


def test_a_news_item_knows_its_region(programme_index, china, china_index):
    regional = NewsPageFactory(parent=china_index)
    central = NewsPageFactory(parent=programme_index)

    assert NewsPage.objects.get(pk=regional.pk).region == china
    assert NewsPage.objects.get(pk=central.pk).region is None
    assert china_index.region == china
    assert programme_index.region is None


# --- Reading time -------------------------------------------------------------------------


def test_reading_time_counts_words_and_for_chinese_and_thai_characters():
    english = " ".join(["word"] * 600)
    chinese = "城市合作" * 150  # 600 characters, no spaces
    thai = "ความร่วมมือ" * 200  # 2,200 characters, no spaces

    assert reading_minutes_of(english, "en") == 3
    assert reading_minutes_of(chinese, "zh-hans") == 2
    assert reading_minutes_of(thai, "th") == 2
    # Counted as words, the Chinese text would be a single word.
    assert reading_minutes_of(chinese, "en") == 1
    assert reading_minutes_of("", "en") == 1


def test_reading_time_is_worked_out_per_language_on_save(client, china_index):
    page = NewsPageFactory(
        parent=china_index,
        intro_en=" ".join(["word"] * 1000),
        intro_zh_hans="城市" * 450,  # 900 characters
    )
    page.save_revision().publish()
    page = NewsPage.objects.get(pk=page.pk)

    assert page.reading_minutes["en"] == 5
    assert page.reading_minutes["zh-hans"] == 3
    # Malay has no introduction of its own: the English one is what Malay readers read.
    assert page.reading_minutes["ms"] == 5
    with translation.override("zh-hans"):
        assert page.reading_time == 3
        url = page.get_url()
        expected = ngettext("%(minutes)s min read", "%(minutes)s min read", 3) % {
            "minutes": 3
        }
    byline = soup(client.get(url)).select_one(".news-byline").get_text(" ", strip=True)
    assert expected in byline


# --- What a news page shows ---------------------------------------------------------------


def test_a_news_page_shows_date_authors_subjects_and_source(client, demo_page):
    page = demo_page(
        "/regions/latin-america/news/study-visit-umea-punta-arenas-may-27-30/"
    )
    response = client.get(page.url)

    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Study visit Umeå – Punta Arenas, 27-30 May"
    assert html.select_one(".news-byline time")["datetime"] == "2022-06-01"
    facts = html.select_one(".news-article .facts").get_text(" ", strip=True)
    assert "Umeå" in facts and "Punta Arenas" in facts
    assert "Latin America & Caribbean" in facts
    assert html.select_one(".source a")["href"] == page.source_url


def test_an_untranslated_field_shows_english_marked_as_english(client, china_index):
    page = NewsPageFactory(
        parent=china_index,
        title="Green roofs in Chengdu",
        title_ms="Bumbung hijau di Chengdu",
        intro_en="Only in English so far.",
    )
    page.save_revision().publish()
    with translation.override("ms"):
        url = page.get_url()

    html = soup(client.get(url))

    assert html.h1.get_text(strip=True) == "Bumbung hijau di Chengdu"
    assert not html.h1.has_attr("lang")
    lead = html.select_one(".lead")
    assert lead.get_text(strip=True) == "Only in English so far."
    assert lead["lang"] == "en"


def test_user_text_is_escaped(client, china_index):
    page = NewsPageFactory(
        parent=china_index, title="<script>alert(1)</script> news", intro_en="<b>x</b>"
    )
    page.save_revision().publish()

    text = client.get(page.url).text

    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; news" in text
    assert "&lt;b&gt;x&lt;/b&gt;" in text


# --- The listing --------------------------------------------------------------------------


def test_the_programme_index_lists_every_region_newest_first(client, programme_index):
    response = client.get(programme_index.url)

    titles = card_titles(response)
    assert len(titles) == NewsPage.objects.live().count() == 9
    assert titles[0] == "IURC North America 2021-2023 final publication"
    assert titles[-1] == "From IUC to IURC"


def test_a_regional_index_lists_its_region_only(client, china_index):
    response = client.get(china_index.url)

    assert card_titles(response) == ["IURC China cities and regions revealed"]
    # No region filter on a region's own index.
    assert soup(response).select_one("select[name=region]") is None


def test_filters_by_region_theme_and_year_live_in_the_url(client, programme_index):
    url = programme_index.url

    by_region = client.get(url, {"region": "north-america"})
    by_theme = client.get(url, {"theme": "circular-economy"})
    by_year = client.get(url, {"year": "2021"})
    combined = client.get(url, {"region": "asia-australasia", "year": "2021"})

    assert len(card_titles(by_region)) == 3
    assert card_titles(by_theme) == [
        "Cities learning from cities: IURC North America's second phase"
    ]
    assert len(card_titles(by_year)) == 4
    assert len(card_titles(combined)) == 2
    selected = soup(combined).select("option[selected]")
    assert {option["value"] for option in selected} == {"asia-australasia", "2021"}
    assert not notices(combined)


def test_filter_values_do_not_depend_on_the_language(client, programme_index):
    with translation.override("th"):
        url = programme_index.get_url()

    response = client.get(url, {"region": "china"})

    assert len(card_titles(response)) == 1
    assert 'lang="th"' in response.text


def test_pagination_keeps_the_filters(client, china_index):
    for _number in range(NEWS_PER_PAGE + 2):
        NewsPageFactory(parent=china_index, date=datetime.date(2022, 1, 1))
    url = NewsIndexPage.objects.get(pk=china_index.pk).url

    first = client.get(url, {"year": "2022"})
    second = client.get(url, {"year": "2022", "page": "2"})

    assert len(card_titles(first)) == NEWS_PER_PAGE
    assert len(card_titles(second)) == 2
    next_link = soup(first).select_one(".pagination a[rel=next]")["href"]
    assert "year=2022" in next_link and "page=2" in next_link


@pytest.mark.parametrize(
    ("query", "expected_notice"),
    [
        ({"region": "atlantis"}, "There is no region “atlantis”"),
        ({"theme": "no-such-theme"}, "There is no theme “no-such-theme”"),
        ({"year": "1850"}, "There is no news of “1850”"),
        ({"year": "２０２１"}, "There is no news of “２０２１”"),  # full-width digits
        ({"year": "-1"}, "There is no news of “-1”"),
        ({"page": "999"}, "There is no page “999”: showing page 1."),
        ({"page": "0"}, "There is no page “0”"),
        ({"page": "abc"}, "There is no page “abc”"),
        ({"page": "1e9"}, "There is no page “1e9”"),
        ({"region": "x" * 5000}, "There is no region “" + "x" * 40 + "…”"),
    ],
)
def test_bad_filters_show_the_listing_with_a_notice(
    client, programme_index, query, expected_notice
):
    response = client.get(programme_index.url, query)

    assert response.status_code == 200
    assert any(notice.startswith(expected_notice) for notice in notices(response))
    assert len(card_titles(response)) == 9  # the filter is dropped, not the listing


@pytest.mark.parametrize(
    "query_string",
    [
        "region=%3Cscript%3Ealert(1)%3C/script%3E",
        "theme=%00&year=%ff",
        "region=china&region=north-america&page=1&page=2",
        "year[]=2021&region[$ne]=x",
        "page=%F0%9F%92%A5",
        "year=2021%27%20OR%201=1--",
        "&&&==&page",
        "year=" + "9" * 5000,
        "page=" + "9" * 5000,
    ],
)
def test_hostile_query_strings_get_the_listing_never_an_error(
    client, programme_index, query_string
):
    response = client.get(f"{programme_index.url}?{query_string}")

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert soup(response).select_one("#news-list") is not None


def test_the_theme_filter_offers_the_themes_that_have_news(client, programme_index):
    unused = ThemeFactory(name="A theme nobody wrote about")

    response = client.get(programme_index.url)

    offered = [
        option["value"] for option in soup(response).select("#news-theme option")
    ]
    assert "circular-economy" in offered
    assert unused.slug not in offered


# --- Other pages show the news ------------------------------------------------------------


def test_the_home_page_shows_the_latest_news(client):
    html = soup(client.get("/en/"))

    section = html.select_one("#latest-news").find_parent("section")
    titles = [title.get_text(strip=True) for title in section.select(".card__title")]
    assert titles[0] == "IURC North America 2021-2023 final publication"
    assert len(titles) == 4
    assert section.select_one(".section__more a")["href"] == "/en/news/"


def test_a_region_page_shows_its_own_news(client, demo_page):
    region = demo_page("/regions/north-america/")
    html = soup(client.get(region.url))

    titles = [
        t.get_text(strip=True) for t in html.select("#region-news ~ ul .card__title")
    ]
    assert len(titles) == 3
    assert "IURC China cities and regions revealed" not in titles


def test_pairing_and_place_pages_show_the_news_about_them(client, demo_page):
    pairing = PairingPage.objects.get(
        eu_places__place__name_en="Umeå", partner_places__place__name_en="Punta Arenas"
    )
    place = pairing.eu_place_list[0]
    expected = "Study visit Umeå – Punta Arenas, 27-30 May"

    pairing_html = soup(client.get(pairing.url))
    place_html = soup(client.get(place.get_absolute_url()))

    assert expected in pairing_html.select_one("#pairing-news").parent.get_text()
    assert expected in place_html.select_one("#place-news").parent.get_text()
    other = PairingPage.objects.exclude(pk=pairing.pk).live().first()
    assert soup(client.get(other.url)).select_one("#pairing-news") is None


@pytest.mark.parametrize(
    "path", ["/regions/china/", "/regions/china/news/", "pairing in china"]
)
def test_pages_in_a_region_announce_its_feeds(client, demo_page, path):
    if path == "pairing in china":
        page = PairingPage.objects.child_of(demo_page("/regions/china/")).first()
    else:
        page = demo_page(path)
    html = soup(client.get(page.url))

    feeds = {
        link["href"]: link["type"]
        for link in html.select("link[rel=alternate][type]")
        if "xml" in link["type"]
    }
    assert feeds == {
        "/en/feeds/news.rss": "application/rss+xml",
        "/en/feeds/news.atom": "application/atom+xml",
        "/en/feeds/news/china.rss": "application/rss+xml",
        "/en/feeds/news/china.atom": "application/atom+xml",
    }


@pytest.mark.parametrize("path", ["/", "/about/", "/news/", "place", "search"])
def test_pages_outside_a_region_announce_the_programme_feeds(client, demo_page, path):
    if path == "place":
        url = "/th/places/nl/rotterdam/"
    elif path == "search":
        url = "/th/search/?q=rotterdam"
    else:
        with translation.override("th"):
            url = demo_page(path).get_url()
    html = soup(client.get(url))

    feeds = [
        link["href"]
        for link in html.select("link[rel=alternate][type]")
        if "xml" in link["type"]
    ]
    assert feeds == ["/th/feeds/news.rss", "/th/feeds/news.atom"]


def test_the_hero_image_shows_with_its_caption_and_credit(client, china_index):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(
        title="Harbin ice", file=get_test_image_file(), description_en="Ice sculptures"
    )
    page = NewsPageFactory(
        parent=china_index,
        hero_image=image,
        hero_caption_en="The ice festival",
        hero_caption_zh_hans="冰雪节",
        hero_credit="© City of Harbin",
    )
    page.save_revision().publish()
    with translation.override("zh-hans"):
        url = page.get_url()

    html = soup(client.get(url))

    hero = html.select_one("figure.news-hero")
    assert hero.select_one("img")["alt"] == "Ice sculptures"
    caption = hero.figcaption.get_text(" ", strip=True)
    assert "冰雪节" in caption and "© City of Harbin" in caption
    # The link preview shows the hero image, not the site's default picture.
    og_image = html.select_one('meta[property="og:image"]')["content"]
    assert "social-default" not in og_image
    card = soup(client.get(NewsIndexPage.objects.get(pk=china_index.pk).url))
    assert card.select_one(".news-card img") is not None
