"""The video block's script (static/js/video-consent.js) in Chromium: nothing is asked of
the video's provider until the visitor presses Play, then its player is in the page.

The block is rendered by its real template; the page around it is stood in for
(Playwright answers its requests), so that the provider can be watched.
"""

from types import SimpleNamespace

from django.template.loader import render_to_string

from wagtail.embeds.blocks import EmbedValue

from playwright.sync_api import expect

from tests.support.servers import ROOT

SCRIPT = (ROOT / "static" / "js" / "video-consent.js").read_text()
VIDEO_URL = "https://www.youtube.com/watch?v=iurc-demo"
PLAYER = (
    '<iframe src="https://www.youtube-nocookie.com/embed/iurc-demo" '
    'title="IURC kick-off"></iframe>'
)


def test_the_provider_is_asked_nothing_until_the_visitor_presses_play(new_tab):
    block = render_to_string(
        "components/blocks/video_block.html",
        {
            "value": EmbedValue(VIDEO_URL),
            "embed": SimpleNamespace(
                html=PLAYER, provider_name="YouTube", title="IURC kick-off"
            ),
        },
    )
    screen = (
        '<!DOCTYPE html><html lang="en"><head><title>News</title></head><body>'
        f'<main>{block}</main><script src="/static/js/video-consent.js" defer></script>'
        "</body></html>"
    )
    page = new_tab("http://site.test")
    to_provider = []
    page.route(
        "http://site.test/en/news/item/",
        lambda route: route.fulfill(body=screen, content_type="text/html"),
    )
    page.route(
        "**/static/js/video-consent.js",
        lambda route: route.fulfill(body=SCRIPT, content_type="text/javascript"),
    )

    def provider(route):
        to_provider.append(route.request.url)
        route.fulfill(body="<p>player</p>", content_type="text/html")

    page.route("https://www.youtube-nocookie.com/**", provider)
    page.route("https://www.youtube.com/**", provider)

    page.goto("/en/news/item/")
    play = page.get_by_role("button", name="Play the video")
    expect(play).to_be_visible()
    expect(page.locator("iframe")).to_have_count(0)
    assert to_provider == []

    play.click()
    expect(page.locator("iframe")).to_have_count(1)
    expect(play).to_have_count(0)
    page.wait_for_function("() => document.activeElement.tagName === 'IFRAME'")
    page.wait_for_timeout(200)
    assert to_provider == ["https://www.youtube-nocookie.com/embed/iurc-demo"]
