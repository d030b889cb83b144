"""RSS 2.0 and Atom feeds of the news, per language (the URL's prefix), programme-wide
and per region: /<lang>/feeds/news.rss, /<lang>/feeds/news.atom,
/<lang>/feeds/news/<region>.rss and .atom (the region's English slug).

Feeds are ordinary GET answers under the language prefix, so the page cache stores and
replays them like pages, and publishing a news item makes them stale like the pages.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language, gettext

from newsroom.listing import latest_news, news_index_for
from regions.explorer.filters import Vocabulary

FEED_ITEMS = 20


@dataclass
class FeedSubject:
    """What one request's feed is of: every region (region None) or one."""

    request: object
    region: object = None


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, region=None):
        if region is None:
            return FeedSubject(request)
        found = Vocabulary.load().regions.get(region)
        if found is None:
            raise Http404(gettext("There is no region with this address."))
        return FeedSubject(request, found)

    def title(self, subject):
        if subject.region is None:
            return gettext("IURC news")
        return gettext("IURC news: %(region)s") % {"region": subject.region.title}

    def description(self, subject):
        if subject.region is None:
            return gettext(
                "News of the International Urban and Regional Cooperation programme."
            )
        return gettext("News of the IURC programme in %(region)s.") % {
            "region": subject.region.title
        }

    def link(self, subject):
        index = news_index_for(subject.region)
        if index is not None:
            return index.get_full_url(subject.request)
        page = subject.region
        return page.get_full_url(subject.request) if page else f"/{get_language()}/"

    def feed_url(self, subject):
        return subject.request.build_absolute_uri(subject.request.path)

    def items(self, subject):
        items = latest_news(limit=FEED_ITEMS, region=subject.region)
        for item in items:
            item.feed_link = item.get_full_url(subject.request)
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.feed_link

    def item_guid(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return timezone.make_aware(
            datetime.combine(item.date, time(12)), timezone.get_default_timezone()
        )

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, subject):
        return self.description(subject)


class EventRssFeed(NewsRssFeed):
    """The events, the latest-starting first: /<lang>/feeds/events.rss (and .atom)."""

    def get_object(self, request):
        return FeedSubject(request)

    def title(self, subject):
        return gettext("IURC events")

    def description(self, subject):
        return gettext(
            "Events of the International Urban and Regional Cooperation programme."
        )

    def link(self, subject):
        from newsroom.event_listing import events_index_for

        index = events_index_for()
        if index is not None:
            return index.get_full_url(subject.request)
        return f"/{get_language()}/"

    def items(self, subject):
        from newsroom.event_listing import event_pages

        items = list(event_pages().order_by("-start", "-pk")[:FEED_ITEMS])
        for item in items:
            item.feed_link = item.get_full_url(subject.request)
        return items

    def item_description(self, item):
        return f"{item.when_text}. {item.intro}".strip()

    def item_pubdate(self, item):
        return item.first_published_at or item.start

    def item_author_name(self, item):
        return ", ".join(org.name for org in item.organisers.all()) or None

    def item_categories(self, item):
        return [item.get_kind_display()]


class EventAtomFeed(EventRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, subject):
        return self.description(subject)
