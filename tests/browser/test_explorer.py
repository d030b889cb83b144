"""The explorer in a real browser: filters narrow the list and the map together, with or
without JavaScript, with a mouse or a keyboard, and the map needs no network."""

import csv
import io
import json
import re

from openpyxl import load_workbook
from playwright.sync_api import expect

MARKERS = "[data-pairing-map] .map-marker"
LINES = "[data-pairing-map] path.map-line"
CARDS = ".explorer-results .pairing-card"


def wait_for_map(page):
    expect(page.locator("[data-pairing-map]")).to_be_visible()
    expect(page.locator(MARKERS).first).to_be_attached()


def test_choosing_a_filter_narrows_the_list_and_the_map(page):
    page.goto("/en/pairings/")
    wait_for_map(page)
    all_markers = page.locator(MARKERS).count()
    all_lines = page.locator(LINES).count()
    assert all_markers > 40 and all_lines >= 30

    page.select_option("#explorer-region", "china")

    expect(page).to_have_url(re.compile(r"/en/pairings/\?region=china$"))
    expect(page.locator("[data-explorer-summary]")).to_have_attribute("data-total", "4")
    expect(page.locator(CARDS)).to_have_count(4)
    expect(page.locator(LINES)).to_have_count(4)
    assert page.locator(MARKERS).count() < all_markers
    expect(page.locator("[data-explorer-announce]")).to_have_text("4 pairings")
    # The other filters now count within China.
    expect(page.locator('#explorer-country option[value="CN"]')).to_have_text(
        "China (4)"
    )

    page.select_option("#explorer-country", "DE")
    expect(page.locator(CARDS)).to_have_count(1)
    expect(page.locator(LINES)).to_have_count(1)
    expect(page.locator(MARKERS)).to_have_count(2)

    page.go_back()
    expect(page).to_have_url(re.compile(r"\?region=china$"))
    expect(page.locator(CARDS)).to_have_count(4)
    expect(page.locator("#explorer-country")).to_have_value("")


def test_words_narrow_the_list_as_the_visitor_types(page):
    page.goto("/zh-hans/pairings/")
    wait_for_map(page)

    page.locator("#explorer-q").fill("釜山")

    expect(page.locator(CARDS)).to_have_count(1)
    expect(page.locator(CARDS).first.locator(".card__title")).to_have_text(
        "鹿特丹 – 釜山"
    )
    expect(page.locator("#explorer-q")).to_be_focused()


def test_removing_a_filter_brings_its_pairings_back(page):
    page.goto("/en/pairings/?region=china&strand=city")
    wait_for_map(page)

    page.get_by_role("link", name="Remove the filter Region: China").click()

    expect(page).to_have_url(re.compile(r"/en/pairings/\?strand=city$"))
    expect(page.locator("#explorer-region")).to_have_value("")
    expect(page.locator("[data-explorer-summary]")).to_have_attribute(
        "data-total", "28"
    )


def test_the_explorer_works_without_javascript(browser, site_url):
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/en/pairings/")
    expect(page.locator("[data-pairing-map]")).to_be_hidden()  # the list is the way in

    page.select_option("#explorer-region", "latin-america")
    page.select_option("#explorer-strand", "region")
    page.get_by_role("button", name="Show pairings").click()

    expect(page).to_have_url(re.compile(r"region=latin-america&country=&"))
    expect(page.locator(CARDS)).to_have_count(2)
    expect(page.locator("#explorer-region")).to_have_value("latin-america")
    context.close()


def test_the_map_is_operable_from_the_keyboard(page):
    page.goto("/en/pairings/?country=KR")
    wait_for_map(page)

    busan = page.locator(MARKERS, has_text="Busan (South Korea)")
    busan.focus()
    expect(busan).to_have_attribute("role", "button")
    page.keyboard.press("Enter")

    popup = page.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    expect(popup.get_by_role("link", name="Rotterdam – Busan")).to_be_visible()
    expect(popup.get_by_role("link", name="Busan", exact=True)).to_be_focused()
    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    expect(busan).to_be_focused()


def test_the_skip_link_jumps_past_the_map_to_the_list(page):
    page.goto("/en/pairings/")
    wait_for_map(page)

    page.locator("#explorer-year").focus()
    page.keyboard.press("Tab")  # "Show pairings"
    page.keyboard.press("Tab")
    skip = page.locator(".skip-map")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    reloads = []
    page.on(
        "request",
        lambda request: (
            reloads.append(request.url) if "/pairings/" in request.url else None
        ),
    )
    page.keyboard.press("Enter")

    heading = page.locator("#pairing-list")
    expect(heading).to_be_focused()
    # The jump fires popstate; the explorer must not answer it by reloading its results,
    # which would replace the heading that has just been focused.
    page.wait_for_load_state("networkidle")
    assert reloads == []
    expect(heading).to_be_focused()


def test_a_line_on_the_map_leads_to_its_pairing(page):
    page.goto("/en/pairings/?country=IN&strand=city")
    wait_for_map(page)
    expect(page.locator(LINES)).to_have_count(2)

    line = page.locator(LINES).first
    line.scroll_into_view_if_needed()
    box = line.bounding_box()
    # A straight line passes through the middle of its bounding box.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    link = page.locator(".leaflet-popup").get_by_role("link")
    expect(link).to_have_count(1)
    title = link.inner_text()
    link.click()

    expect(page.locator("h1")).to_have_text(title)


def test_the_map_draws_the_world_with_no_network(page, site_url):
    outside = []

    def only_our_server(route):
        if route.request.url.startswith(site_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_our_server)
    page.goto("/th/pairings/")
    wait_for_map(page)

    countries = page.locator(
        "[data-pairing-map] .leaflet-overlay-pane path:not(.map-line)"
    )
    assert (
        countries.count() > 150
    )  # Natural Earth's countries, drawn from a static file
    assert outside == []


def test_a_filtered_view_in_portuguese_downloads_as_csv_xlsx_and_geojson(page):
    """Filter to one region, then click the download links the updated results show:
    each file holds that region's pairings, named in Portuguese."""
    page.goto("/pt/pareamentos/")
    wait_for_map(page)
    page.select_option("#explorer-region", "latin-america")
    expect(page).to_have_url(re.compile(r"\?region=latin-america$"))
    total = int(page.locator("[data-explorer-summary]").get_attribute("data-total"))
    assert total > 3

    files = {}
    for label in ("CSV", "Excel", "GeoJSON"):
        with page.expect_download() as download:
            page.locator(".explorer-downloads a", has_text=label).click()
        files[label] = download.value
        assert "latin-america" in download.value.suggested_filename
    rows = list(
        csv.DictReader(io.StringIO(files["CSV"].path().read_text(encoding="utf-8-sig")))
    )
    workbook = load_workbook(io.BytesIO(files["Excel"].path().read_bytes()))
    xlsx_rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    geojson = json.loads(files["GeoJSON"].path().read_text(encoding="utf-8"))

    assert len(rows) == len(xlsx_rows) - 1 == total
    assert {row["region"] for row in rows} == {"latin-america"}
    assert "Sevilha" in {row["eu_place_names"] for row in rows}
    header = xlsx_rows[0]
    assert "Sevilha" in {row[header.index("eu_place_names")] for row in xlsx_rows[1:]}
    pairings = [
        feature
        for feature in geojson["features"]
        if feature["properties"]["feature_type"] == "pairing"
    ]
    assert len(pairings) == total
    assert "Sevilha" in {feature["properties"]["eu_places"] for feature in pairings}
