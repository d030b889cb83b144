"""Template tags of the newsroom: latest news, news about a page, feed links."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext

from wagtail.models import Page

from newsroom import event_listing, listing

register = template.Library()


@register.simple_tag
def latest_news(limit=4, region=None):
    """{% latest_news 4 region=page as items %}: the newest items (of a region)."""
    return listing.latest_news(limit=limit, region=region)


@register.simple_tag
def news_about(pairing=None, place=None, limit=4):
    """{% news_about pairing=page as items %}: the newest items about a pairing or place."""
    return listing.news_about(limit=limit, pairing=pairing, place=place)


@register.simple_tag
def news_index_url(region=None):
    """The address of the news index (of a region), or ""."""
    index = listing.news_index_for(region)
    return index.url if index is not None else ""


@dataclass(frozen=True)
class FeedLink:
    title: str
    url: str
    mime_type: str
    label: str


def feed_links(page):
    """The feeds that belong to a page: programme-wide, and its region's if it has one."""
    region = listing.region_of(page) if isinstance(page, Page) and page.path else None
    links = []
    subjects = [(None, gettext("IURC news"))]
    if region is not None:
        subjects.append(
            (region, gettext("IURC news: %(region)s") % {"region": region.title})
        )
    for subject, title in subjects:
        for suffix, mime_type, label in (
            ("rss", "application/rss+xml", "RSS"),
            ("atom", "application/atom+xml", "Atom"),
        ):
            if subject is None:
                url = reverse(f"news_feed_{suffix}")
            else:
                url = reverse(
                    f"news_feed_region_{suffix}", kwargs={"region": subject.slug_en}
                )
            links.append(FeedLink(title, url, mime_type, label))
    return links


@register.inclusion_tag("newsroom/feed_links.html")
def news_feed_links(page):
    """<link rel="alternate"> for the feeds of the page, for feed readers (every page's
    head, base.html: the programme's feeds, and its region's inside a region)."""
    return {"links": feed_links(page)}


@register.inclusion_tag("newsroom/feed_list.html")
def news_feed_list(page):
    """The same feeds as visible links."""
    return {"links": feed_links(page)}


@dataclass
class Subjects:
    region: object
    pairings: list
    places: list
    themes: list


@register.simple_tag
def news_subjects(page):
    """What a news item is about: its region, pairings, places and themes."""
    return Subjects(
        region=page.region,
        # all(): in a preview these are the draft's, not yet in the database.
        pairings=sorted(
            (pairing for pairing in page.pairings.all() if pairing.live),
            key=lambda pairing: pairing.title,
        ),
        places=sorted(page.places.all(), key=lambda place: place.name),
        themes=page.theme_list,
    )


# --- Events and calls to apply ----------------------------------------------------------


@register.simple_tag
def next_events(limit=3, region=None):
    """{% next_events 3 region=page as events %}: the soonest upcoming events."""
    return event_listing.next_events(limit=limit, region=region)


@register.simple_tag
def events_about(pairing=None, place=None, limit=4):
    """{% events_about place=place as events %}: a pairing's or place's events."""
    return event_listing.events_about(limit=limit, pairing=pairing, place=place)


@register.simple_tag
def open_calls(limit=4, region=None):
    """{% open_calls region=page as calls %}: calls to apply open now."""
    return event_listing.open_calls(limit=limit, region=region)


@register.simple_tag
def events_index_url(region=None):
    """The address of the events index (of a region), or ""."""
    index = event_listing.events_index_for(region)
    return index.url if index is not None else ""


def calendar_links(page, with_feeds=True):
    """The calendars that belong to a page: every event's, and its region's if any;
    then the events' feeds."""
    region = listing.region_of(page) if isinstance(page, Page) and page.path else None
    links = [
        FeedLink(gettext("IURC events"), reverse("events_ics"), "text/calendar", "iCal")
    ]
    if region is not None:
        links.append(
            FeedLink(
                gettext("IURC events: %(region)s") % {"region": region.title},
                reverse("events_region_ics", kwargs={"region": region.slug_en}),
                "text/calendar",
                "iCal",
            )
        )
    if not with_feeds:
        return links
    for suffix, mime_type, label in (
        ("rss", "application/rss+xml", "RSS"),
        ("atom", "application/atom+xml", "Atom"),
    ):
        links.append(
            FeedLink(
                gettext("IURC events"),
                reverse(f"event_feed_{suffix}"),
                mime_type,
                label,
            )
        )
    return links


@register.inclusion_tag("newsroom/feed_links.html")
def event_calendar_links(page):
    """<link rel="alternate" type="text/calendar"> in the head (the events' feeds are
    listed on the events indexes; the head announces the news feeds only)."""
    return {"links": calendar_links(page, with_feeds=False)}


@register.inclusion_tag("newsroom/calendar_list.html")
def event_calendar_list(page):
    """The same calendars and feeds as visible links."""
    return {"links": calendar_links(page)}
