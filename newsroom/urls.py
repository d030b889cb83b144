"""Public URLs of the newsroom, inside the language prefix (/en/feeds/news.rss)."""

from django.urls import path

from newsroom.feeds import EventAtomFeed, EventRssFeed, NewsAtomFeed, NewsRssFeed
from newsroom.ical import event_calendar, events_calendar

urlpatterns = [
    path("feeds/news.rss", NewsRssFeed(), name="news_feed_rss"),
    path("feeds/news.atom", NewsAtomFeed(), name="news_feed_atom"),
    path("feeds/news/<slug:region>.rss", NewsRssFeed(), name="news_feed_region_rss"),
    path(
        "feeds/news/<slug:region>.atom",
        NewsAtomFeed(),
        name="news_feed_region_atom",
    ),
    path("feeds/events.rss", EventRssFeed(), name="event_feed_rss"),
    path("feeds/events.atom", EventAtomFeed(), name="event_feed_atom"),
    path("calendar/events.ics", events_calendar, name="events_ics"),
    path(
        "calendar/events/<slug:region>.ics", events_calendar, name="events_region_ics"
    ),
    path("calendar/event/<int:pk>.ics", event_calendar, name="event_ics"),
]
