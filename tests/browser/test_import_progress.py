"""The import screen's script (static/js/import-progress.js) in Chromium: the progress bar
follows the status endpoint, and the page reloads when the import ends.

The screen and the endpoint are stood in for (Playwright answers their requests), so
that the script is tested alone; tests/worker/ checks the real screen and endpoint.
"""

import json

from playwright.sync_api import expect

from tests.support.servers import ROOT

SCRIPT = (ROOT / "static" / "js" / "import-progress.js").read_text()
SCREEN = """<!DOCTYPE html>
<html lang="en"><head><title>Import pairings</title></head><body>
<div data-import-status-url="/admin/import_pairings/status/7/">
  <progress max="280" value="0">0%</progress>
  <span data-import-text>0 of 280 rows saved</span>
</div>
<script src="/static/js/import-progress.js" defer></script>
</body></html>"""


def test_the_progress_bar_follows_the_import_and_the_page_reloads_at_its_end(new_tab):
    page = new_tab("http://admin.test")
    screens, finished = [], []

    def screen(route):
        screens.append(route.request.url)
        route.fulfill(body=SCREEN, content_type="text/html")

    def status(route):
        state = (
            {"in_progress": False, "done": 280, "total": 280, "percent": 100}
            if finished
            else {"in_progress": True, "done": 250, "total": 280, "percent": 89}
        )
        state["text"] = f"{state['done']} of 280 rows saved"
        route.fulfill(body=json.dumps(state), content_type="application/json")

    page.route("http://admin.test/admin/import_pairings/edit/7/", screen)
    page.route(
        "**/static/js/import-progress.js",
        lambda route: route.fulfill(body=SCRIPT, content_type="text/javascript"),
    )
    page.route("**/admin/import_pairings/status/7/", status)

    page.goto("/admin/import_pairings/edit/7/")
    expect(page.locator("progress")).to_have_attribute("value", "250")
    expect(page.locator("[data-import-text]")).to_have_text("250 of 280 rows saved")
    assert len(screens) == 1

    with page.expect_navigation():  # the import ends: the page shows its result
        finished.append(True)

    assert len(screens) == 2
