"""Demo news: the programme's real news items ("Reads"), summarised in every language.

The items, with their dates and sources, are in data/news.json. A news index is added
under the home page and under each region; each item under its region's index (or the
programme-wide one), with its authors, themes, pairing and places. Like the rest of
the loader, only what is missing is created.
"""

import datetime

from django.conf import settings

from newsroom.models import Author, NewsIndexPage, NewsPage
from partners.models import Place, Theme
from regions.models import PairingPage

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def load_news(loader, home, regions):
    """Create the missing news indexes, authors and items; `loader` is a DemoContentLoader.

    Returns the demo news items, those already there included.
    """
    from iurc_site.demo_content.loader import (
        load_json,
        localized,
        paragraphs_stream,
        set_translations,
    )

    data = load_json("news.json")
    index_data = data["index"]
    indexes = {None: _index(loader, home, index_data, index_data["title"])}
    for slug, region in regions.items():
        titles = {
            code: pattern.format(
                region=getattr(region, localized("title", code)) or region.title_en
            )
            for code, pattern in index_data["regional_title"].items()
        }
        indexes[slug] = _index(loader, region, index_data, titles)

    authors = {}
    for item in data["authors"]:
        author = Author.objects.filter(name_en=item["name"]["en"]).first()
        if author is None:
            author = Author(kind=item["kind"], region=regions.get(item["region"]))
            set_translations(author, "name", item["name"])
            author.name = item["name"]["en"]
            author.save()
            loader.report.add(f"author {author}")
        authors[item["key"]] = author

    items = []
    for item in data["items"]:
        index = indexes[item["region"]]
        existing = loader.child_page(index, item["slug"])
        if existing is not None:
            items.append(existing)
            continue
        page = NewsPage(
            date=datetime.date.fromisoformat(item["date"]),
            source_url=item["source"],
        )
        set_translations(page, "intro", item["intro"])
        for code in LANGUAGE_CODES:
            setattr(
                page,
                localized("body", code),
                paragraphs_stream([data["summary_note"][code]]),
            )
        page.authors = [authors[key] for key in item["authors"]]
        page.themes = list(Theme.objects.filter(slug__in=item["themes"]))
        if item.get("pairing"):
            places = [_place(key) for key in item["pairing"]]
            page.places = [place for place in places if place is not None]
            pairing = _pairing(*places)
            page.pairings = [pairing] if pairing else []
        items.append(
            loader.add_page(
                index, page, {"title": item["title"], "slug": {"en": item["slug"]}}
            )
        )
    return items


def _index(loader, parent, data, titles):
    index = loader.child_page(parent, data["slug"]["en"])
    if index is not None:
        return index
    page = NewsIndexPage(show_in_menus=parent.depth == 2)
    loader._with_intro(page, data)
    return loader.add_page(parent, page, {"title": titles, "slug": data["slug"]})


def _place(key):
    country, name = key.split("/", 1)
    return Place.objects.filter(country=country, name_en=name).first()


def _pairing(eu_place, partner_place):
    if eu_place is None or partner_place is None:
        return None
    return (
        PairingPage.objects.filter(
            eu_places__place=eu_place, partner_places__place=partner_place
        )
        .order_by("pk")
        .first()
    )
