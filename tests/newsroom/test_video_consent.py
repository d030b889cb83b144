"""A video in a news body loads its provider's player only when the visitor asks for it:
before that, the page sends nothing to the provider and says why, in its language."""

from django.utils import translation

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

import pytest
from bs4 import BeautifulSoup

from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=iurc-demo"
PLAYER = '<iframe src="https://www.youtube-nocookie.com/embed/iurc-demo" title="Kick-off"></iframe>'


@pytest.fixture
def known_video():
    """The provider's answer, as Wagtail keeps it after asking once (no network here)."""
    return Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html=PLAYER,
        title="IURC kick-off, Brussels",
        provider_name="YouTube",
    )


@pytest.fixture
def news_with_video(demo_page):
    return NewsPageFactory(
        parent=demo_page("/news/"),
        title="A news item with a video",
        body=[("embed", VIDEO_URL)],
    )


def test_the_player_stays_inert_until_the_visitor_presses_play(
    client, known_video, news_with_video
):
    page = BeautifulSoup(client.get(news_with_video.url).content, "html.parser")
    figure = page.select_one("[data-video-embed]")

    # No element the browser would load from the provider, outside the inert template.
    for template in page.select("template"):
        template.extract()
    assert not page.select("iframe")
    assert "youtube" not in str(figure.select_one("[data-video-consent]"))
    assert figure.select_one("[data-video-play]").has_attr("hidden")  # shown by JS
    assert "YouTube" in figure.get_text()
    link = figure.select_one("figcaption a")
    assert link["href"] == VIDEO_URL
    assert link.get_text(strip=True) == "IURC kick-off, Brussels"


def test_the_player_is_in_the_page_for_the_script_to_insert(
    client, known_video, news_with_video
):
    page = BeautifulSoup(client.get(news_with_video.url).content, "html.parser")
    template = page.select_one("template[data-video-player]")
    assert template is not None
    assert "youtube-nocookie.com/embed/iurc-demo" in template.decode_contents()
    assert page.select_one('script[src*="video-consent"]') is not None


def test_the_notice_is_in_the_visitors_language(client, known_video, news_with_video):
    with translation.override("th"):
        url = news_with_video.url
    figure = BeautifulSoup(client.get(url).content, "html.parser").select_one(
        "[data-video-embed]"
    )
    button = figure.select_one("[data-video-play]").get_text(strip=True)
    assert button and button != "Play the video"
    assert "YouTube" in figure.get_text()


def test_a_video_the_provider_does_not_describe_leaves_a_link_to_it(
    client, demo_page, settings
):
    # No provider answers for this address: the page still renders, with the link.
    settings.WAGTAILEMBEDS_FINDERS = []
    page = NewsPageFactory(
        parent=demo_page("/news/"),
        title="A news item with an unknown video",
        body=[("embed", "https://video.example.org/kick-off")],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    figure = BeautifulSoup(response.content, "html.parser").select_one(
        "[data-video-embed]"
    )
    assert not figure.select("template, iframe, [data-video-play]")
    assert (
        figure.select_one("figcaption a")["href"]
        == "https://video.example.org/kick-off"
    )
