"""axe-core finds no serious or critical WCAG problem on any page type, in English, Malay,
Chinese and Thai; every page says its language, and every image has a text alternative.

The page types are listed in tests/browser/page_types.py: a page type added there is
checked here too."""

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

axe = Axe()


def blocking_violations(page):
    results = axe.run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize("language", CHECKED_LANGUAGES)
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda page_type: page_type.name)
def test_page_type_has_no_serious_accessibility_problem(
    page, site_url, page_type, language
):
    response = page.goto(page_type.url_in(site_url, language))
    assert response.status == page_type.status
    if page.locator("[data-pairing-map]").count():
        # Check the page as visitors use it: with the map drawn.
        expect(page.locator("[data-pairing-map] .map-marker").first).to_be_attached()

    assert blocking_violations(page) == []
    expect(page.locator("html")).to_have_attribute("lang", language)
    for image in page.locator("img").all():
        assert image.get_attribute("alt") is not None, image.evaluate(
            "i => i.outerHTML"
        )
