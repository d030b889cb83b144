"""axe-core finds no serious or critical WCAG problem on any page type, in English, Malay,
Chinese and Thai; every page says its language, and every image has a text alternative.

Each page is checked as most visitors get it: replayed by the page cache, after a
first visit stored it. The page types are listed in tests/browser/page_types.py: a page
type added there is checked here too."""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.page_types import CHECKED_LANGUAGES, PAGE_TYPES

BLOCKING_IMPACTS = {"serious", "critical"}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

# Set by the page cache on the pages it stores ("miss") and replays ("hit").
PAGE_CACHE_HEADER = "x-page-cache"

# collectstatic's names: site.9df8c57bf72b.css
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[^/]+$")

axe = Axe()


def blocking_violations(page):
    results = axe.run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


class Loads:
    """What a page loads: every response's URL, and what it did not get (a missing
    static file, a failed fetch). The page's own document is left out: an error
    page's status is checked on its own."""

    def __init__(self, page):
        self.urls = []
        self.failed = []
        page.on("response", self.on_response)
        page.on(
            "requestfailed",
            lambda request: self.failed.append(f"{request.failure} {request.url}"),
        )

    def on_response(self, response):
        if response.request.resource_type == "document":
            return
        self.urls.append(response.url)
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def unhashed_static_files(self):
        """Static files loaded by a name without the hash of their content, which a
        browser that keeps them for a year would not fetch again after a deploy."""
        return [
            url
            for url in self.urls
            if urlsplit(url).path.startswith("/static/")
            and not HASHED_NAME.search(urlsplit(url).path)
        ]


@pytest.mark.parametrize("language", CHECKED_LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda page_type: page_type.name)
def test_page_type_has_no_serious_accessibility_problem(
    new_tab, site_url, page_cache, page_type, language
):
    url = page_type.url_in(site_url, language)
    page_cache.clear()

    # The first visitor's page is rendered, and stored for the next ones (before its
    # first byte is sent: the rest of its loading is not waited for).
    first_visitor = new_tab(site_url)
    first = first_visitor.goto(url, wait_until="commit")
    assert first.status == page_type.status
    assert first.headers.get(PAGE_CACHE_HEADER) == (
        "miss" if page_type.cached else None
    )
    first_visitor.context.close()

    # Most visitors get the stored copy: that is the page checked.
    page = new_tab(site_url)
    loads = Loads(page)
    response = page.goto(url)
    assert response.status == page_type.status
    assert response.headers.get(PAGE_CACHE_HEADER) == (
        "hit" if page_type.cached else None
    )
    if page.locator("[data-pairing-map]").count():
        # Check the page as visitors use it: with the map drawn.
        expect(page.locator("[data-pairing-map] .map-marker").first).to_be_attached()

    assert blocking_violations(page) == []
    expect(page.locator("html")).to_have_attribute("lang", language)
    for image in page.locator("img").all():
        assert image.get_attribute("alt") is not None, image.evaluate(
            "i => i.outerHTML"
        )
    assert loads.failed == []
    assert loads.unhashed_static_files() == []
