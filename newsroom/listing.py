"""The news listing: filters in the URL (region, theme, year), pagination, notices.

Filter values do not depend on the visitor's language (a region's English slug, a
theme's slug, a year), so a link keeps its meaning when the visitor switches language.
A value we do not know drops that filter only, with a notice; a page number out of range
shows the nearest page, with a notice. Whatever the query string, the answer is the
listing, never an error.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.translation import gettext, gettext_lazy

from iurc_site.caching import content_version
from iurc_site.models import HomePage
from newsroom.models import NEWS_PER_PAGE, Author, NewsIndexPage, NewsPage
from regions.explorer.filters import Vocabulary
from regions.models import RegionPage

MAX_SHOWN_VALUE = 40
CACHE_SECONDS = 60 * 60


def news_pages():
    """Live news items, newest first, with what a card shows (a fixed number of queries)."""
    return (
        NewsPage.objects.live()
        .defer_streamfields()
        .select_related("hero_image")
        .prefetch_related(
            Prefetch("authors", queryset=Author.objects.order_by("name")),
            "themes",
            "hero_image__renditions",
        )
        .order_by("-date", "-pk")
    )


def news_years():
    """The years that have news, newest first (cached under the content version)."""

    def read():
        return list(
            NewsPage.objects.live()
            .annotate(year=ExtractYear("date"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )

    return content_version.cached(["news-years"], read, CACHE_SECONDS)


def news_theme_ids():
    """The ids of the themes live news items are about (cached under the content version)."""

    def read():
        return set(
            NewsPage.themes.through.objects.filter(newspage__live=True).values_list(
                "theme_id", flat=True
            )
        )

    return content_version.cached(["news-theme-ids"], read, CACHE_SECONDS)


def regions_by_path():
    """{path: region} of the live regions: a news item's region is found by its path."""
    return {region.path: region for region in Vocabulary.load().regions.values()}


def attach_regions(items):
    """Set `card_region` on each news item (None for programme-wide news), no query."""
    regions = regions_by_path()
    for item in items:
        item.card_region = regions.get(item.path[: -2 * item.steplen])
    return items


def _shown(value):
    value = " ".join(str(value).split())
    return value if len(value) <= MAX_SHOWN_VALUE else value[:MAX_SHOWN_VALUE] + "…"


def filter_by_region(items, params, vocabulary, query, notices, unknown_message):
    """`items` in the region named by ?region= (a region page's English slug).

    An unknown value drops the filter and adds `unknown_message` to `notices`; a known
    one is kept in `query`. Returns (items, region or None).
    """
    value = params.get("region", "")
    if not value:
        return items, None
    region = vocabulary.regions.get(value)
    if region is None:
        notices.append(unknown_message % {"value": _shown(value)})
        return items, None
    query["region"] = value
    return items.descendant_of(region), region


def page_of(items, per_page, params, notices):
    """The page ?page= asks for, or the nearest one with a notice; regions attached."""
    paginator = Paginator(items, per_page)
    value = params.get("page", "")
    page_obj = paginator.get_page(value)
    if value and str(page_obj.number) != value:
        notices.append(
            gettext("There is no page “%(value)s”: showing page %(number)s.")
            % {"value": _shown(value), "number": page_obj.number}
        )
    page_obj.object_list = attach_regions(list(page_obj.object_list))
    return page_obj


@dataclass
class NewsListing:
    """What the news index shows: a page of items, the filters and any notices."""

    page_obj: object
    regions: list
    themes: list
    years: list
    region: object = None
    theme: object = None
    year: int | None = None
    notices: list = field(default_factory=list)
    query: QueryDict = field(default_factory=QueryDict)

    @property
    def is_filtered(self):
        return bool(self.region or self.theme or self.year)


def news_listing(index_page, request):
    """The listing of `index_page` for the filters and page number in the request."""
    params = request.GET
    vocabulary = Vocabulary.load()
    notices = []
    query = QueryDict(mutable=True)
    news = index_page.news()
    regional = index_page.region is not None

    region = None
    if not regional:
        news, region = filter_by_region(
            news,
            params,
            vocabulary,
            query,
            notices,
            gettext_lazy(
                "There is no region “%(value)s”: showing news of every region."
            ),
        )

    theme = None
    theme_value = params.get("theme", "")
    if theme_value:
        theme = vocabulary.themes.get(theme_value)
        if theme is None:
            notices.append(
                gettext("There is no theme “%(value)s”: showing news of every theme.")
                % {"value": _shown(theme_value)}
            )
        else:
            news = news.filter(themes=theme)
            query["theme"] = theme_value

    years = news_years()
    year = None
    year_value = params.get("year", "")
    if year_value:
        if (
            len(year_value) == 4
            and year_value.isascii()
            and year_value.isdigit()
            and int(year_value) in years
        ):
            year = int(year_value)
            news = news.filter(date__year=year)
            query["year"] = str(year)
        else:
            notices.append(
                gettext("There is no news of “%(value)s”: showing news of every year.")
                % {"value": _shown(year_value)}
            )

    page_obj = page_of(news, NEWS_PER_PAGE, params, notices)
    query.mutable = False
    return NewsListing(
        page_obj=page_obj,
        regions=[] if regional else list(vocabulary.regions.values()),
        # The themes that have news, and the one chosen.
        themes=[
            known
            for known in vocabulary.themes.values()
            if known.pk in news_theme_ids() or known == theme
        ],
        years=years,
        region=region,
        theme=theme,
        year=year,
        notices=notices,
        query=query,
    )


def latest_news(limit=4, region=None):
    """The newest live items, programme-wide or of one region, with their regions."""
    news = news_pages()
    if region is not None:
        news = news.descendant_of(region)
    return attach_regions(list(news[:limit]))


def news_about(limit=4, pairing=None, place=None):
    """The newest live items about a pairing or a place."""
    news = news_pages()
    if pairing is not None:
        news = news.filter(pairings=pairing)
    if place is not None:
        news = news.filter(places=place)
    return attach_regions(list(news[:limit]))


def region_of(page):
    """The region page a page is in (itself if it is one), or None."""
    if isinstance(page, RegionPage):
        return page
    # Regions are at depth 4: the root, the home page, the regions index, the region.
    return regions_by_path().get(page.path[: 4 * page.steplen])


def news_index_for(region=None):
    """The live news index of a region, or the programme-wide one (region None)."""
    return index_for(NewsIndexPage, region)


def index_for(index_model, region=None):
    """The live index page of `index_model` in a region, or under the home page."""
    indexes = index_model.objects.live()
    if region is not None:
        return indexes.child_of(region).first()
    home = HomePage.objects.live().first()
    return indexes.child_of(home).first() if home else None
