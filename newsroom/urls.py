"""Public URLs of the newsroom, inside the language prefix (/en/feeds/news.rss)."""

from django.urls import path

from newsroom.feeds import NewsAtomFeed, NewsRssFeed

urlpatterns = [
    path("feeds/news.rss", NewsRssFeed(), name="news_feed_rss"),
    path("feeds/news.atom", NewsAtomFeed(), name="news_feed_atom"),
    path("feeds/news/<slug:region>.rss", NewsRssFeed(), name="news_feed_region_rss"),
    path(
        "feeds/news/<slug:region>.atom",
        NewsAtomFeed(),
        name="news_feed_region_atom",
    ),
]
