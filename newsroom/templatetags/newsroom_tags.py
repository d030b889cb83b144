"""Template tags of the newsroom: latest news, news about a page, feed links."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext

from wagtail.models import Page

from newsroom import listing

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
