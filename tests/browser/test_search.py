"""A visitor finds pages by searching in their own language, with or without JavaScript."""

import re

from playwright.sync_api import expect


def search_from_header(page, words):
    box = page.locator("header form[role=search] #site-search-q")
    box.fill(words)
    box.press("Enter")


def test_a_malay_visitor_finds_the_malay_about_page(page):
    page.goto("/ms/")

    search_from_header(page, "tentang")

    expect(page).to_have_url(re.compile(r"/ms/search/\?q=tentang$"))
    expect(page.locator(".notice--info")).to_have_count(0)
    page.locator(".search-result__title a", has_text="Tentang IURC").first.click()
    expect(page).to_have_url(re.compile(r"/ms/tentang-iurc/$"))
    expect(page.locator("h1")).to_have_text("Tentang IURC")


def test_a_chinese_visitor_finds_pages_by_a_two_character_word(page):
    page.goto("/zh-hans/")

    search_from_header(page, "合作")

    expect(
        page.locator(".search-result__title a", has_text="关于IURC").first
    ).to_be_visible()
    page.goto("/zh-hans/search/?q=鹿特丹")
    expect(
        page.locator(".search-result__title a", has_text="鹿特丹 – 釜山").first
    ).to_be_visible()


def test_suggestions_can_be_chosen_from_the_keyboard(page):
    page.goto("/zh-hans/")
    box = page.locator("#site-search-q")

    box.press_sequentially("鹿特", delay=50)

    expect(box).to_have_attribute("aria-expanded", "true")
    expect(
        page.locator("#site-search-q-suggestions [role=option]").first
    ).to_be_visible()
    box.press("ArrowDown")
    first = page.locator("#site-search-q-suggestions [role=option]").first
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    chosen = first.get_attribute("data-url")
    assert chosen.startswith("/zh-hans/") and "/search/" not in chosen
    box.press("Enter")
    # The suggestion's own page, not the search results the form would submit to.
    expect(page).to_have_url(re.compile(re.escape(chosen) + "$"))
    expect(page.locator("h1")).to_contain_text("鹿特丹")


def test_search_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, base_url=site_url)
    page = context.new_page()
    try:
        page.goto("/en/")
        search_from_header(page, "Sao Paulo")

        expect(page).to_have_url(re.compile(r"/en/search/\?q=Sao\+Paulo$"))
        expect(
            page.locator('.search-result__title a[href="/en/places/br/sao-paulo/"]')
        ).to_be_visible()
    finally:
        context.close()
