"""Events everywhere else: iCalendar files read with icalendar, the events' feeds read
with feedparser, the calendars announced in the head, the home, region, pairing and
place pages, search, sitemap, schema.org Event, Open Graph, query counts that do not
grow with the number of events, and the demo events and calls in seven languages."""

import datetime
import json
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

import wagtail_factories

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET

from iurc_site.demo_content.loader import DemoContentLoader
from newsroom.models import CallPage, EventPage, EventsIndexPage
from regions.models import PairingPage, RegionPage
from tests.factories import EventPageFactory
from tests.support.bulk_pages import copy_page
from tests.support.caches import clear_caches

pytestmark = pytest.mark.django_db
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}
STUDY_VISIT = "/regions/latin-america/events/study-visit-umea-punta-arenas/"
WUF = "/events/iurc-at-wuf11/"
HOUR = datetime.timedelta(hours=1)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def url_in(page, code):
    with translation.override(code):
        return page.get_url()


def calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def events_of(cal):
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


# --- iCalendar ---------------------------------------------------------------------------


def test_the_programme_calendar_has_every_event_in_the_language(client, demo_page):
    webinar = EventPageFactory(
        parent=demo_page("/events/"),
        title="Winter webinar",
        title_es="Seminario web de invierno",
        start=datetime.datetime(2030, 1, 15, 9, tzinfo=datetime.UTC),
        end=datetime.datetime(2030, 1, 15, 11, tzinfo=datetime.UTC),
    )

    cal = calendar(client.get("/es/calendar/events.ics"))

    events = events_of(cal)
    assert len(events) == EventPage.objects.live().count()
    item = events[f"event-{webinar.pk}@events.iurc.eu"]
    assert str(item["SUMMARY"]) == "Seminario web de invierno"
    start = item.decoded("DTSTART")
    assert item["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert start == datetime.datetime(2030, 1, 15, 9, tzinfo=datetime.UTC)
    assert str(item["URL"]) == f"http://testserver{url_in(webinar, 'es')}"
    # The zone it names is described in the file (RFC 5545, 3.6.5).
    assert "Europe/Brussels" in {str(zone["TZID"]) for zone in cal.walk("VTIMEZONE")}
    # The same UID in every language and on every fetch.
    english = events_of(calendar(client.get("/en/calendar/events.ics")))
    assert str(english[f"event-{webinar.pk}@events.iurc.eu"]["SUMMARY"]) == (
        "Winter webinar"
    )


def test_a_regions_calendar_and_an_events_own_file(client, demo_page):
    visit = demo_page(STUDY_VISIT)

    regional = events_of(calendar(client.get("/pt/calendar/events/latin-america.ics")))
    own = calendar(client.get(f"/th/calendar/event/{visit.pk}.ics"))

    assert set(regional) == {
        f"event-{event.pk}@events.iurc.eu"
        for event in EventPage.objects.live().descendant_of(visit.region)
    }
    (item,) = own.walk("VEVENT")
    assert str(item["SUMMARY"]) == visit.title_th
    # An all-day visit: dates, the end the day after the last (RFC 5545, 3.6.1).
    assert item.decoded("DTSTART") == datetime.date(2022, 5, 27)
    assert item.decoded("DTEND") == datetime.date(2022, 5, 31)
    assert str(item["UID"]) == f"event-{visit.pk}@events.iurc.eu"
    assert client.get("/en/calendar/events/atlantis.ics").status_code == 404
    assert client.get("/en/calendar/event/999999.ics").status_code == 404


def test_pages_announce_the_calendars_and_an_event_page_adds_to_calendar(
    client, demo_page
):
    visit = demo_page(STUDY_VISIT)

    html = soup(client.get(visit.url))

    calendars = {
        link["href"]
        for link in html.select('link[rel=alternate][type="text/calendar"]')
    }
    assert calendars == {
        "/en/calendar/events.ics",
        "/en/calendar/events/latin-america.ics",
    }
    add = html.find("a", string="Add to calendar")
    assert add["href"] == f"/en/calendar/event/{visit.pk}.ics"
    home = soup(client.get("/en/"))
    assert [
        link["href"]
        for link in home.select('link[rel=alternate][type="text/calendar"]')
    ] == ["/en/calendar/events.ics"]


def test_the_events_feeds_read_in_a_feed_reader(client):
    rss = feedparser.parse(client.get("/vi/feeds/events.rss").content)
    atom = feedparser.parse(client.get("/vi/feeds/events.atom").content)

    assert not rss.bozo and not atom.bozo
    titles = [entry.title for entry in rss.entries]
    assert titles[0] == EventPage.objects.get(slug_en="iurc-la-webinar-19").title_vi
    assert len(atom.entries) == EventPage.objects.live().count()


# --- Elsewhere on the site ---------------------------------------------------------------


def test_upcoming_events_show_on_the_home_region_pairing_and_place_pages(
    client, demo_page
):
    china = demo_page("/regions/china/")
    index = EventsIndexPage.objects.child_of(china).get()
    pairing = PairingPage.objects.child_of(china).live().first()
    place = pairing.eu_place_list[0]
    event = EventPageFactory(
        parent=index,
        title="Chengdu kick-off",
        start=timezone.now() + 24 * HOUR,
        place=place,
    )
    event.pairings.add(pairing)
    event.save_revision().publish()

    for url in ("/en/", china.url, pairing.url, place.get_absolute_url()):
        section = soup(client.get(url)).select_one(".event-section")
        assert section is not None, url
        assert "Chengdu kick-off" in section.get_text(), url
    other = demo_page("/regions/north-america/")
    assert "Chengdu kick-off" not in client.get(other.url).text


def test_the_search_finds_events_and_calls_in_the_visitors_language(client, demo_page):
    visit = demo_page(STUDY_VISIT)
    call = CallPage.objects.get(slug_en="iurc-call-2021")

    spanish = client.get("/es/search/?q=" + quote("visita de estudio Umeå"))
    thai = client.get("/th/search/?q=" + quote("การเปิดรับสมัคร IURC"))

    links = [a["href"] for a in soup(spanish).select(".search-result__title a")]
    assert url_in(visit, "es") in links
    links = [a["href"] for a in soup(thai).select(".search-result__title a")]
    assert url_in(call, "th") in links


def test_the_sitemap_lists_events_and_calls_in_every_language_with_hreflang(client):
    root = ET.fromstring(client.get("/sitemap-pages.xml").content)
    entries = {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }
    pages = [
        *EventPage.objects.live(),
        *CallPage.objects.live(),
        *EventsIndexPage.objects.live(),
    ]
    for page in pages:
        urls = {
            code: f"http://testserver{url_in(page, code)}" for code in LANGUAGE_CODES
        }
        for url in urls.values():
            assert entries.get(url) == {**urls, "x-default": urls["en"]}, url


def test_an_event_page_is_a_schema_org_event(client, demo_page):
    visit = demo_page(STUDY_VISIT)
    online = EventPageFactory(
        parent=demo_page("/events/"),
        start=datetime.datetime(2030, 1, 15, 9, tzinfo=datetime.UTC),
        end=datetime.datetime(2030, 1, 15, 11, tzinfo=datetime.UTC),
        registration_url="https://example.org/register",
    )

    def data(page, code):
        html = soup(client.get(url_in(page, code)))
        found = [
            json.loads(script.string)
            for script in html.select('script[type="application/ld+json"]')
        ]
        return next(item for item in found if item.get("@type") == "Event")

    visit_data = data(visit, "es")
    online_data = data(online, "en")

    assert visit_data["name"] == visit.title_es
    assert visit_data["startDate"] == "2022-05-27"
    assert visit_data["eventAttendanceMode"] == (
        "https://schema.org/OfflineEventAttendanceMode"
    )
    assert visit_data["location"]["@type"] == "Place"
    assert visit_data["location"]["address"]["addressCountry"] == "CL"
    assert visit_data["organizer"]["name"]
    assert online_data["startDate"] == "2030-01-15T10:00:00+01:00"
    assert online_data["endDate"] == "2030-01-15T12:00:00+01:00"
    assert online_data["location"] == {
        "@type": "VirtualLocation",
        "url": f"http://testserver{online.url}",
    }
    assert online_data["eventAttendanceMode"] == (
        "https://schema.org/OnlineEventAttendanceMode"
    )


def test_open_graph_of_an_event_page(client, demo_page):
    visit = demo_page(STUDY_VISIT)

    html = soup(client.get(url_in(visit, "zh-hans")))

    def meta(name):
        return html.select_one(f'meta[property="{name}"]')["content"]

    assert meta("og:type") == "website"
    assert meta("og:title") == visit.title_zh_hans
    assert meta("og:description") == visit.intro_zh_hans
    assert meta("og:locale") == "zh_CN"


# --- Query counts ------------------------------------------------------------------------


def query_count(client, url):
    clear_caches()  # built afresh: nothing from the fragments or the page cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow_with_the_number_of_events(client, demo_page):
    indexes = [demo_page("/events/")] + [
        EventsIndexPage.objects.child_of(region).get()
        for region in RegionPage.objects.live().order_by("path")
    ]
    pairing = PairingPage.objects.live().order_by("pk").first()
    place = pairing.eu_place_list[0]
    now = timezone.now()
    # Like the demo events (each has a generated map), so that the renditions are
    # looked up in both counts.
    image = wagtail_factories.ImageFactory(description="A map")

    def add_events(count):
        for number in range(count):
            # Half upcoming, half past, a few days apart.
            start = now + datetime.timedelta(days=number - count // 2)
            page = EventPageFactory(
                parent=indexes[number % len(indexes)],
                start=start,
                kind="training" if number % 3 else "webinar",
                place=place,
                hero_image=image,
            )
            page.pairings.add(pairing)

    china = demo_page("/regions/china/")
    china_events = EventsIndexPage.objects.child_of(china).get()
    urls = [
        "/en/events/",
        "/en/events/?when=past",
        "/en/events/?region=china&type=training",
        "/th/events/?when=past&page=2",
        china_events.get_url(),
        f"{china_events.get_url()}?when=past&page=2",
        "/en/",
        china.get_url(),
        pairing.get_url(),
        place.get_absolute_url(),
        "/en/calendar/events.ics",
        "/en/calendar/events/china.ics",
        "/en/feeds/events.rss",
        "/sitemap-pages.xml",
    ]
    add_events(10)
    event = EventPage.objects.live().order_by("-pk").first()
    urls += [event.get_url(), f"/en/calendar/event/{event.pk}.ics"]
    for url in urls:  # once to warm the per-process caches
        query_count(client, url)
    with_few = {url: query_count(client, url) for url in urls}

    # 5,000 in all: copies of the last one in each index, half of them upcoming and
    # half past, a few hours apart.
    copies_per_index = (5000 - EventPage.objects.live().count()) // len(indexes) + 1
    shift = f"make_interval(hours => (n.number - {copies_per_index // 2}) * 5)"
    for index in indexes:
        copy_page(
            event,
            index,
            copies_per_index,
            {
                "start": f"now() + {shift}",
                "end": f"now() + {shift} + interval '2 hours'",
            },
        )
    with_many = {url: query_count(client, url) for url in urls}

    assert EventPage.objects.live().count() >= 5000
    # The copies are real pages of the tree: in their index, and served at their URL.
    copies = EventPage.objects.child_of(china_events).live()
    assert copies.count() > copies_per_index
    assert client.get(copies.order_by("-pk").first().get_url()).status_code == 200
    assert with_many == with_few, {
        url: (with_few[url], with_many[url])
        for url in urls
        if with_few[url] != with_many[url]
    }


# --- Demo content ------------------------------------------------------------------------


def test_the_demo_events_and_calls_are_real_past_and_in_seven_languages():
    events = list(EventPage.objects.live())
    calls = list(CallPage.objects.live())

    assert len(events) == 6 and len(calls) == 2
    for page in events + calls:
        for field in ("title", "intro"):
            for code in LANGUAGE_CODES:
                assert getattr(page, f"{field}_{code.replace('-', '_')}"), (
                    page.title_en,
                    field,
                    code,
                )
        assert page.source_url.startswith(("https://", "http://"))
    assert all(event.is_past() for event in events)
    assert all(call.status() == CallPage.Status.CLOSED for call in calls)
    regions = {
        event.slug_en: event.region.slug_en if event.region else None
        for event in events
    }
    assert regions["study-visit-umea-punta-arenas"] == "latin-america"
    assert regions["iurc-at-wuf11"] is None
    visit = EventPage.objects.get(slug_en="study-visit-umea-punta-arenas")
    assert visit.time_zone == "America/Punta_Arenas" and visit.all_day
    assert visit.pairings.count() == 1
    assert EventsIndexPage.objects.live().count() == 1 + RegionPage.objects.count()


def test_loading_the_demo_content_again_adds_no_event(demo_page):
    before = EventPage.objects.count(), CallPage.objects.count()

    DemoContentLoader().load()

    assert (EventPage.objects.count(), CallPage.objects.count()) == before
