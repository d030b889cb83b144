"""What the explorer page shows for a request: filters with counts, notices, one page of pairings."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modeltranslation.utils import build_localized_fieldname, get_language

from regions.explorer.facets import build_facets, facet_counts
from regions.explorer.filters import explorable_pairings, read_filters
from regions.models import with_listing_relations

PAIRINGS_PER_PAGE = 24


@dataclass
class ActiveFilter:
    """A filter in use, with the query string of the same search without it."""

    label: str
    value: str
    remove_query: str
    lang: str = ""


@dataclass
class Exploration:
    """Everything the explorer's template needs."""

    filters: object
    facets: list
    page: object
    notices: list = field(default_factory=list)
    active_filters: list = field(default_factory=list)

    @property
    def text(self):
        return self.filters.params.get("q", "")

    @property
    def total(self):
        return self.page.paginator.count

    @property
    def query(self):
        """The filters (without the page number) as a QueryDict, for links and the map."""
        return self.filters.query()

    @property
    def listing(self):
        """Names this page of results for the cached card grid (components/pairing_cards.html)."""
        return ":".join(
            ["explorer", *map(str, self.filters.cache_parts(self.page.number))]
        )

    @property
    def filter_set(self):
        """Names these filters for the cached filter form (with its counts)."""
        return ":".join(map(str, self.filters.cache_parts("filters")))

    @property
    def map_url(self):
        """The map document for these filters, in the active language."""
        query = self.query.urlencode()
        return reverse("pairing_map_data") + (f"?{query}" if query else "")


def ordered_for_listing(pairings):
    """Newest first, then by title in the visitor's language (English where untranslated)."""
    title = Coalesce(
        NullIf(F(build_localized_fieldname("title", get_language())), Value("")),
        F("title_en"),
    )
    return pairings.order_by(F("start_year").desc(nulls_last=True), title.asc(), "pk")


def choose_page(paginator, values, notices):
    """The page asked for by ?page=, or the nearest sensible one with a notice."""
    values = [value.strip() for value in values if value.strip()]
    if not values:
        return paginator.page(1)
    if len(set(values)) > 1:
        notices.append(
            gettext(
                "%(filter)s was given more than once; only the first value is used."
            )
            % {"filter": _("Page")}
        )
    try:
        number = int(values[0])
    except ValueError:
        number = 0
    if number < 1:
        notices.append(
            gettext("“%(value)s” is not a page number; here is the first page.")
            % {"value": values[0][:20]}
        )
        return paginator.page(1)
    if number > paginator.num_pages:
        notices.append(
            gettext("There is no page %(number)s; here is the last page.")
            % {"number": number}
        )
        return paginator.page(paginator.num_pages)
    return paginator.page(number)


def explore(request):
    """The explorer for this request's filters, in a fixed number of queries."""
    filters = read_filters(request.GET)
    visible = explorable_pairings()
    counts = facet_counts(filters, visible)
    facets = build_facets(filters, visible, counts)
    results = ordered_for_listing(with_listing_relations(filters.apply(visible)))
    notices = list(filters.notices)
    paginator = Paginator(results, PAIRINGS_PER_PAGE)
    paginator.count = counts["total"]  # counted with the facets (cached)
    page = choose_page(paginator, request.GET.getlist("page"), notices)

    active = []
    if filters.params.get("q"):
        active.append(
            ActiveFilter(
                _("Words"),
                filters.params["q"],
                filters.query(q=None).urlencode(),
            )
        )
    for facet in facets:
        if facet.selected:
            active.append(
                ActiveFilter(
                    facet.label,
                    facet.selected.label,
                    filters.query(**{facet.name: None}).urlencode(),
                    facet.selected.lang,
                )
            )
    return Exploration(
        filters=filters,
        facets=facets,
        page=page,
        notices=notices,
        active_filters=active,
    )
