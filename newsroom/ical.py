"""iCalendar (RFC 5545) files of the events, in the language of the URL's prefix:

- /<lang>/calendar/events.ics: every event (programme-wide and regional);
- /<lang>/calendar/events/<region>.ics: one region's (its English slug);
- /<lang>/calendar/event/<id>.ics: one event ("Add to calendar" on its page).

Each event is a VEVENT with a UID that does not change (the page's id and the site's
host), its start and end with the event's own time zone (TZID, the zone's VTIMEZONE
included) or as dates for all-day events, the summary and description in the language,
its address, and its venue and place. Calendar files are GET answers like pages: the
page cache stores them and publishing makes them stale.
"""

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language, gettext

import icalendar

from newsroom.event_listing import event_pages
from newsroom.events import EventPage
from regions.explorer.filters import Vocabulary

CALENDAR_EVENTS = 200  # the latest events a calendar file holds
PRODID = "-//IURC//Events//EN"
# UIDs name the programme, not the host that served the file, so that a calendar
# fetched from another address still recognises its events.
UID_DOMAIN = "events.iurc.eu"


def uid_of(event):
    return f"event-{event.pk}@{UID_DOMAIN}"


def vevent(event, request, stamp):
    item = icalendar.Event()
    item.add("uid", uid_of(event))
    item.add("dtstamp", stamp)
    item.add("summary", event.title)
    if event.all_day:
        item.add("dtstart", event.local_start.date())
        item.add("dtend", event.local_end.date() + timedelta(days=1))
    else:
        item.add("dtstart", event.local_start)
        item.add("dtend", event.local_end)
    if event.intro:
        item.add("description", event.intro)
    url = event.get_url(request)
    if url:
        item.add("url", request.build_absolute_uri(url))
    where = [part for part in (event.venue, event.place and event.place.name) if part]
    if where:
        item.add("location", ", ".join(where))
    elif event.attendance == EventPage.Attendance.ONLINE:
        item.add("location", gettext("Online"))
    item.add("categories", [event.get_kind_display()])
    if event.last_published_at:
        item.add("last-modified", event.last_published_at)
    return item


def calendar_of(events, request, name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for event in events:
        calendar.add_component(vevent(event, request, stamp))
    calendar.add_missing_timezones()
    return calendar


def ics_response(calendar, filename):
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Content-Language"] = get_language()
    return response


def events_calendar(request, region=None):
    """The calendar of every event, or of one region's (a 404 page for an unknown one)."""
    events = event_pages().order_by("-start", "-pk")
    if region is None:
        name = gettext("IURC events")
        filename = "iurc-events.ics"
    else:
        found = Vocabulary.load().regions.get(region)
        if found is None:
            raise Http404(gettext("There is no region with this address."))
        events = events.descendant_of(found)
        name = gettext("IURC events: %(region)s") % {"region": found.title}
        filename = f"iurc-events-{found.slug_en}.ics"
    return ics_response(calendar_of(events[:CALENDAR_EVENTS], request, name), filename)


def event_calendar(request, pk):
    """The .ics of one live event."""
    event = event_pages().filter(pk=pk).first()
    if event is None:
        raise Http404(gettext("There is no event with this address."))
    return ics_response(
        calendar_of([event], request, event.title), f"iurc-event-{event.pk}.ics"
    )
