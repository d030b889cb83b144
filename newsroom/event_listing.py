"""The events listing: upcoming or past, per region and type, with the filters in the URL.

Upcoming and past are worked out from the clock on every request (an event is upcoming
until it ends), so no listing of events is kept in the fragments cache: only the page
cache holds them, for PAGE_CACHE_TIMEOUT seconds at most (docs/newsroom.md, "Caching").

As with news, a value we do not know drops that filter only, with a notice; a page
number out of range shows the nearest page, with a notice.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from newsroom.events import EVENTS_PER_PAGE, CallPage, EventPage, EventsIndexPage
from newsroom.listing import (
    _shown,
    attach_regions,
    filter_by_region,
    index_for,
    page_of,
)
from partners.models import Organisation
from regions.explorer.filters import Vocabulary

UPCOMING = "upcoming"
PAST = "past"


def event_pages():
    """Live events with what the calendar and the feeds show (a fixed number of queries)."""
    organisations = Organisation.objects.order_by("name")
    return (
        EventPage.objects.live()
        .defer_streamfields()
        .select_related("place")
        .prefetch_related(Prefetch("organisers", queryset=organisations))
    )


def event_cards():
    """Live events with what a card shows: also their picture."""
    return (
        event_pages()
        .select_related("hero_image")
        .prefetch_related("hero_image__renditions")
    )


def upcoming_events(now=None):
    """Events that have not ended, soonest first (one that is on now comes first)."""
    return event_cards().filter(end__gt=now or timezone.now()).order_by("start", "pk")


def past_events(now=None):
    """Events that have ended, the latest first."""
    return (
        event_cards().filter(end__lte=now or timezone.now()).order_by("-start", "-pk")
    )


@dataclass
class EventListing:
    page_obj: object
    when: str
    regions: list
    kinds: list
    region: object = None
    kind: str = ""
    notices: list = field(default_factory=list)
    query: QueryDict = field(default_factory=QueryDict)

    @property
    def is_past(self):
        return self.when == PAST

    def link(self, **changes):
        """The query string of this listing with some filters changed ('' drops one)."""
        query = self.query.copy()
        for name, value in changes.items():
            if value:
                query[name] = value
            else:
                query.pop(name, None)
        query.pop("page", None)
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else "?"

    @property
    def upcoming_link(self):
        return self.link(when="")

    @property
    def past_link(self):
        return self.link(when=PAST)


def event_listing(index_page, request, now=None):
    """The listing of an events index for the filters and page number in the request."""
    params = request.GET
    vocabulary = Vocabulary.load()
    notices = []
    query = QueryDict(mutable=True)
    regional = index_page.region is not None

    when_value = params.get("when", "")
    when = UPCOMING
    if when_value == PAST:
        when = PAST
        query["when"] = PAST
    elif when_value and when_value != UPCOMING:
        notices.append(
            gettext("“%(value)s” is not a choice: showing upcoming events.")
            % {"value": _shown(when_value)}
        )
    events = past_events(now) if when == PAST else upcoming_events(now)
    if regional:
        events = events.descendant_of(index_page.region)

    region = None
    if not regional:
        events, region = filter_by_region(
            events,
            params,
            vocabulary,
            query,
            notices,
            gettext_lazy(
                "There is no region “%(value)s”: showing events of every region."
            ),
        )

    kinds = EventPage.Kind
    kind = ""
    kind_value = params.get("type", "")
    if kind_value:
        if kind_value in kinds.values:
            kind = kind_value
            events = events.filter(kind=kind)
            query["type"] = kind
        else:
            notices.append(
                gettext(
                    "There is no event type “%(value)s”: showing events of every type."
                )
                % {"value": _shown(kind_value)}
            )

    page_obj = page_of(events, EVENTS_PER_PAGE, params, notices)
    query.mutable = False
    return EventListing(
        page_obj=page_obj,
        when=when,
        regions=[] if regional else list(vocabulary.regions.values()),
        kinds=list(kinds.choices),
        region=region,
        kind=kind,
        notices=notices,
        query=query,
    )


def next_events(limit=3, region=None, pairing=None, place=None, now=None):
    """The soonest upcoming events, of a region, a pairing or a place."""
    events = upcoming_events(now)
    if region is not None:
        events = events.descendant_of(region)
    if pairing is not None:
        events = events.filter(pairings=pairing)
    if place is not None:
        events = events.filter(place=place)
    return attach_regions(list(events[:limit]))


def events_about(limit=4, pairing=None, place=None, now=None):
    """A pairing's or a place's events: the upcoming ones first, then the latest past."""
    found = next_events(limit, pairing=pairing, place=place, now=now)
    if len(found) < limit:
        events = past_events(now)
        if pairing is not None:
            events = events.filter(pairings=pairing)
        if place is not None:
            events = events.filter(place=place)
        found += attach_regions(list(events[: limit - len(found)]))
    return found


def open_calls(limit=4, region=None, now=None):
    """Calls to apply open now (of a region, or every region), the nearest deadline first."""
    now = now or timezone.now()
    calls = (
        CallPage.objects.live()
        .defer_streamfields()
        .filter(deadline__gt=now)
        .exclude(opens__gt=now)
        .order_by("deadline", "pk")
    )
    if region is not None:
        calls = calls.descendant_of(region)
    return attach_regions(list(calls[:limit]))


def events_index_for(region=None):
    """The live events index of a region, or the programme-wide one (region None)."""
    return index_for(EventsIndexPage, region)
