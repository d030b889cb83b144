"""Every page type of the public site, in one list: what the browser tests and the
screenshot script visit.

Adding a page type here (the search results page, say) puts it through the axe
accessibility check in every checked language and into `scripts/screenshots.py`.
"""

from dataclasses import dataclass
from urllib.parse import urljoin
from urllib.request import urlopen

from bs4 import BeautifulSoup

# The languages the accessibility check covers: Latin, Malay, Chinese and Thai scripts.
CHECKED_LANGUAGES = ("en", "ms", "zh-hans", "th")


@dataclass(frozen=True)
class PageType:
    """A kind of page, by an English example URL of the demo content.

    `cached`: whether the page cache stores it for the next anonymous visitor.
    """

    name: str
    path: str
    status: int = 200
    cached: bool = True
    # A CSS selector: the page is the first link it matches on `path` (a page whose
    # address holds a database id, such as a publication's).
    follow: str = ""

    def url_in(self, base_url, language):
        """This page's URL in `language`, as its language switcher links to it."""
        english = urljoin(base_url, self.path)
        if self.follow:
            with urlopen(english, timeout=30) as response:  # noqa: S310 -- our own server
                document = BeautifulSoup(response.read(), "html.parser")
            english = urljoin(english, document.select_one(self.follow)["href"])
        if language == "en":
            return english
        if self.status != 200:
            # An error page has no translated slug: same path, other prefix.
            return urljoin(base_url, f"/{language}/{self.path.split('/', 2)[2]}")
        with urlopen(english, timeout=30) as response:  # noqa: S310 -- our own server
            document = BeautifulSoup(response.read(), "html.parser")
        link = document.select_one(f'.language-switcher a[lang="{language}"]')
        return urljoin(base_url, link["href"])


PAGE_TYPES = [
    PageType("home", "/en/"),
    PageType("standard", "/en/about/"),
    PageType("phase", "/en/iurc-phase-2/"),
    PageType("region-index", "/en/regions/"),
    PageType("region", "/en/regions/asia-australasia/"),
    PageType("pairing", "/en/regions/asia-australasia/rotterdam-busan/"),
    PageType("explorer", "/en/pairings/"),
    PageType("explorer-filtered", "/en/pairings/?region=latin-america&strand=city"),
    PageType("place", "/en/places/nl/rotterdam/"),
    PageType("search", "/en/search/?q=rotterdam"),
    PageType("news-index", "/en/news/"),
    PageType("news-index-filtered", "/en/news/?region=north-america&year=2023"),
    PageType(
        "news",
        "/en/regions/latin-america/news/study-visit-umea-punta-arenas-may-27-30/",
    ),
    PageType("events-index-past", "/en/events/?when=past"),
    PageType(
        "event", "/en/regions/latin-america/events/study-visit-umea-punta-arenas/"
    ),
    PageType("call", "/en/events/iurc-call-2021/"),
    PageType("networks-index", "/en/thematic-networks/"),
    PageType("network", "/en/thematic-networks/ecological-transition-green-deal/"),
    PageType("library", "/en/library/"),
    PageType("library-filtered", "/en/library/?type=report&year=2020"),
    PageType(
        "publication",
        "/en/regions/north-america/library/",
        follow=".publication-card .card__title a",
    ),
    # The page cache stores successful pages only.
    PageType("not-found", "/en/no-such-page/", status=404, cached=False),
]
