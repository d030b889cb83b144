"""A visitor finds their way with a mouse or a keyboard, and keeps their page when they
switch language."""

import re

from playwright.sync_api import expect


def test_visitor_goes_from_the_home_page_to_a_pairing_and_its_place(page):
    page.goto("/en/")
    page.locator(".main-nav").get_by_role("link", name="Pairings").click()
    expect(page).to_have_url(re.compile(r"/en/pairings/$"))

    page.get_by_role("link", name="Rotterdam – Busan").click()
    expect(page.locator("h1")).to_have_text("Rotterdam – Busan")

    page.locator(".pairing-side--partner").get_by_role("link", name="Busan").click()
    expect(page).to_have_url(re.compile(r"/en/places/kr/busan/$"))
    expect(page.locator("h1")).to_have_text("Busan")


def test_switching_language_keeps_the_page(page):
    page.goto("/en/regions/asia-australasia/rotterdam-busan/")

    page.locator(".language-switcher").get_by_role("link", name="ไทย").click()

    expect(page).to_have_url(
        re.compile(r"/th/regions/asia-australasia/rotterdam-busan/$")
    )
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("h1")).to_have_text("รอตเทอร์ดาม – ปูซาน")


def test_switching_language_keeps_the_explorers_filters(page):
    page.goto("/en/pairings/?region=china&strand=city")
    english_count = page.locator(".explorer-results .pairing-card").count()
    assert english_count > 0

    page.locator(".language-switcher").get_by_role("link", name="Bahasa Melayu").click()

    expect(page).to_have_url(re.compile(r"/ms/gandingan/\?region=china&strand=city$"))
    expect(page.locator('select[name="region"]')).to_have_value("china")
    expect(page.locator(".explorer-results .pairing-card")).to_have_count(english_count)


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(page):
    page.goto("/en/about/")

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main")).to_be_focused()


def test_focus_is_visible_on_links_and_controls(page):
    page.goto("/en/pairings/")

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the first language
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")

    page.locator("#explorer-region").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


def test_the_language_switcher_works_from_the_keyboard(page):
    page.goto("/en/regions/")

    page.keyboard.press("Tab")  # the skip link
    for _ in range(3):  # English, Bahasa Melayu, 中文
        page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("lang", "zh-hans")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/zh-hans/regions/$"))
    expect(page.locator("h1")).to_have_text("地区")
