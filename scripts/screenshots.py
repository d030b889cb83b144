"""Screenshots of every page type at phone and desktop widths, for a person to look at.

    .venv/bin/python scripts/screenshots.py [--base-url http://127.0.0.1:8000]
        [--languages en ms zh-hans th] [--out screenshots]

Needs a running site with the demo content (`make run`). The page types are those of
tests/browser/page_types.py; the pictures go to screenshots/ (git-ignored).
"""

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import launch_chromium  # noqa: E402
from tests.browser.page_types import CHECKED_LANGUAGES, PAGE_TYPES  # noqa: E402

WIDTHS = (375, 1280)


def main():
    """Take the screenshots and print where each one went."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--languages", nargs="+", default=list(CHECKED_LANGUAGES))
    parser.add_argument("--pages", nargs="+", help="page type names (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    page_types = [
        page_type
        for page_type in PAGE_TYPES
        if not options.pages or page_type.name in options.pages
    ]

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for language in options.languages:
                for page_type in page_types:
                    url = page_type.url_in(options.base_url, language)
                    page.goto(url, wait_until="networkidle")
                    path = options.out / f"{page_type.name}-{language}-{width}.png"
                    page.screenshot(path=path, full_page=True)
                    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
