"""Demo events and calls to apply: the programme's real ones, summarised in every language.

The events and calls, with their dates and sources, are in data/events.json. An events
index is added under the home page and under each region; each event or call under its
region's index (or the programme-wide one). The sources give dates without times, so the
events are all-day events; a call's deadline is the end of its last day in Brussels.
All of them are in the past. Like the rest of the loader, only what is missing is
created.
"""

import datetime
import zoneinfo

from django.conf import settings

from newsroom.models import CallPage, EventPage, EventsIndexPage

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def load_events(loader, home, regions):
    """Create the missing events indexes, events and calls; `loader` is a DemoContentLoader.

    Returns the demo events, created now or before (they get illustrations)."""
    from iurc_site.demo_content.loader import (
        load_json,
        localized,
        paragraphs_stream,
        set_translations,
    )
    from iurc_site.demo_content.news import _pairing, _place

    data = load_json("events.json")
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

    def summary(page):
        for code in LANGUAGE_CODES:
            setattr(
                page,
                localized("body", code),
                paragraphs_stream([data["summary_note"][code]]),
            )

    events = []
    for item in data["events"]:
        index = indexes[item["region"]]
        existing = loader.child_page(index, item["slug"])
        if existing is not None:
            events.append(existing)
            continue
        zone = zoneinfo.ZoneInfo(item["time_zone"])
        page = EventPage(
            start=datetime.datetime.combine(
                datetime.date.fromisoformat(item["start"]), datetime.time.min, zone
            ),
            end=datetime.datetime.combine(
                datetime.date.fromisoformat(item["end"]),
                datetime.time(23, 59, 59),
                zone,
            ),
            time_zone=item["time_zone"],
            all_day=True,
            kind=item["kind"],
            attendance=item["attendance"],
            source_url=item["source"],
        )
        set_translations(page, "intro", item["intro"])
        set_translations(page, "venue", item.get("venue", {}))
        summary(page)
        if item.get("place"):
            page.place = _place(item["place"])
        if item.get("pairing"):
            pairing = _pairing(*[_place(key) for key in item["pairing"]])
            page.pairings = [pairing] if pairing else []
        events.append(
            loader.add_page(
                index, page, {"title": item["title"], "slug": {"en": item["slug"]}}
            )
        )

    for item in data["calls"]:
        index = indexes[item["region"]]
        if loader.child_page(index, item["slug"]) is not None:
            continue
        zone = zoneinfo.ZoneInfo(item["time_zone"])
        page = CallPage(
            deadline=datetime.datetime.fromisoformat(item["deadline"]).replace(
                tzinfo=zone
            ),
            time_zone=item["time_zone"],
            source_url=item["source"],
        )
        set_translations(page, "intro", item["intro"])
        set_translations(page, "eligibility", item["eligibility"])
        summary(page)
        loader.add_page(
            index, page, {"title": item["title"], "slug": {"en": item["slug"]}}
        )
    return events


def _index(loader, parent, data, titles):
    index = loader.child_page(parent, data["slug"]["en"])
    if index is not None:
        return index
    page = EventsIndexPage(show_in_menus=parent.depth == 2)
    loader._with_intro(page, data)
    return loader.add_page(parent, page, {"title": titles, "slug": data["slug"]})
