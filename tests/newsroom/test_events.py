"""Events and calls to apply: where they go, their dates in the event's own time zone,
what the editor is told when the dates are wrong, upcoming and past worked out from the
clock, the listing's filters and bad input, calls' status, and who writes them where."""

import datetime
import zoneinfo

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import querydict_from_html

import pytest
from bs4 import BeautifulSoup

from iurc_site.caching.invalidation import SHOWN_APPS
from iurc_site.models import HomePage
from iurc_site.reports.translation_status import pages_with_missing_translations
from newsroom.models import CallPage, EventPage, EventsIndexPage, NewsIndexPage
from regions.editorial_roles import COMMUNICATIONS
from regions.models import PairingPage
from tests.factories import CallPageFactory, EventPageFactory
from tests.support.two_factor import verified_login

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
SANTIAGO = zoneinfo.ZoneInfo("America/Santiago")
HOUR = datetime.timedelta(hours=1)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def card_titles(response, selector=".event-card"):
    return [
        card.select_one(".card__title").get_text(strip=True)
        for card in soup(response).select(selector)
    ]


def notices(response):
    return [
        item.get_text(" ", strip=True) for item in soup(response).select(".notice li")
    ]


@pytest.fixture
def indexes(demo_page):
    return {
        "programme": demo_page("/events/"),
        "asia": EventsIndexPage.objects.child_of(
            demo_page("/regions/asia-australasia/")
        ).get(),
        "china": EventsIndexPage.objects.child_of(demo_page("/regions/china/")).get(),
    }


# --- Where the pages go ---------------------------------------------------------------


def test_events_indexes_go_under_the_home_page_and_regions_once_each(indexes):
    home = HomePage.objects.get()
    china = indexes["china"].get_parent().specific
    assert indexes["programme"].get_parent().specific == home
    assert EventsIndexPage.can_exist_under(home)
    assert EventsIndexPage.can_exist_under(china)
    assert not EventsIndexPage.can_create_at(home)
    assert not EventsIndexPage.can_create_at(china)
    assert not EventsIndexPage.can_exist_under(PairingPage.objects.first())
    assert not EventsIndexPage.can_exist_under(NewsIndexPage.objects.first())
    assert indexes["china"].region == china
    assert indexes["programme"].region is None


def test_events_and_calls_go_only_under_an_events_index(indexes):
    for model in (EventPage, CallPage):
        assert model.can_exist_under(indexes["china"])
        assert not model.can_exist_under(indexes["china"].get_parent().specific)
        assert not model.can_exist_under(NewsIndexPage.objects.first())
        assert model.allowed_subpage_models() == []


# --- Dates in the event's time zone ----------------------------------------------------


def test_an_event_is_shown_in_its_own_time_zone(client, indexes):
    event = EventPageFactory(
        parent=indexes["programme"],
        title="Winter webinar",
        start=datetime.datetime(2030, 1, 15, 9, tzinfo=UTC),
        end=datetime.datetime(2030, 1, 15, 11, tzinfo=UTC),
        time_zone="Europe/Brussels",
    )
    summer = EventPageFactory(
        parent=indexes["programme"],
        start=datetime.datetime(2030, 7, 15, 14, tzinfo=UTC),
        end=datetime.datetime(2030, 7, 15, 16, tzinfo=UTC),
        time_zone="America/Santiago",
    )

    page = soup(client.get(event.url))
    other = soup(client.get(summer.url))

    when = page.select_one(".event-when time")
    assert "10:00–12:00 CET" in when.get_text()
    assert when["datetime"].startswith("2030-01-15T10:00:00+01:00")
    # Santiago's zone has no abbreviation of its own: its offset is shown.
    assert "10:00–12:00 UTC−04:00" in other.select_one(".event-when").get_text()


def test_all_day_and_multi_day_events_show_dates_only(client, indexes):
    visit = EventPageFactory(
        parent=indexes["china"],
        all_day=True,
        start=datetime.datetime(2030, 5, 27, 15, tzinfo=SANTIAGO),
        end=datetime.datetime(2030, 5, 30, 9, tzinfo=SANTIAGO),
        time_zone="America/Santiago",
    )
    visit.refresh_from_db()

    # Whole days in the event's zone, from the first one's start to the last one's end.
    assert visit.local_start == datetime.datetime(2030, 5, 27, tzinfo=SANTIAGO)
    assert visit.local_end.date() == datetime.date(2030, 5, 30)
    assert visit.local_end.time() == datetime.time(23, 59, 59)
    text = soup(client.get(visit.url)).select_one(".event-when").get_text(" ")
    assert "May 27, 2030 – May 30, 2030" in text
    assert ":" not in text.split("2030")[0]  # no times


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"end": datetime.datetime(2030, 1, 15, 9, tzinfo=UTC)},
            "end",
            "The event cannot end before it starts.",
        ),
        (
            {"registration_deadline": datetime.datetime(2030, 1, 16, tzinfo=UTC)},
            "registration_deadline",
            "The registration deadline is after the event",
        ),
        ({"time_zone": "Europe/Atlantis"}, "time_zone", "is not a time zone"),
    ],
)
def test_wrong_dates_and_zones_are_refused_with_a_message_on_the_field(
    changes, field, message
):
    values = {
        "title": "Checked",
        "slug": "checked",
        "start": datetime.datetime(2030, 1, 15, 10, tzinfo=UTC),
        "end": datetime.datetime(2030, 1, 15, 12, tzinfo=UTC),
        "time_zone": "Europe/Brussels",
    }
    event = EventPage(**{**values, **changes})

    with pytest.raises(ValidationError) as raised:
        event.full_clean(exclude=["path", "depth", "url_path"])

    assert message in " ".join(raised.value.message_dict[field])


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("newsroom", "eventpage", parent.pk))


def event_form(client, parent, title, **fields):
    response = client.get(add_url(parent))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["title_en"] = title
    data["slug_en"] = title.lower().replace(" ", "-")
    data["intro_en"] = "What it is about."
    data["start"] = "2030-01-15 10:00"
    data["end"] = "2030-01-15 12:00"
    data["time_zone"] = "America/Santiago"
    for code, _name in django_settings.LANGUAGES:
        # Streams are drawn by the admin's JavaScript: sent empty.
        for stream in ("body", "agenda"):
            data[f"{stream}_{code.replace('-', '_')}-count"] = "0"
    for name, value in fields.items():
        data[name] = value
    return data


def test_the_editor_types_local_times_of_the_events_zone(client, editor, indexes):
    verified_login(client, editor(COMMUNICATIONS))
    data = event_form(client, indexes["programme"], "Santiago webinar")
    data["action-publish"] = "publish"

    response = client.post(add_url(indexes["programme"]), dict(data.lists()))

    assert response.status_code == 302
    event = EventPage.objects.get(title_en="Santiago webinar")
    # 10:00 in Santiago (summer time there, UTC−3) is 13:00 UTC.
    assert event.start == datetime.datetime(2030, 1, 15, 13, tzinfo=UTC)
    assert event.live
    # The editor opens it again and reads the times as typed.
    form = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    fields = querydict_from_html(form.content.decode(), form_id="page-edit-form")
    assert fields["start"] == "2030-01-15 10:00"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"end": "2030-01-15 09:00"}, "The event cannot end before it starts."),
        (
            {"registration_deadline": "2030-01-20 10:00"},
            "The registration deadline is after the event",
        ),
        ({"time_zone": "Mars/Olympus_Mons"}, "is not a time zone"),
    ],
)
def test_the_editor_is_told_what_is_wrong_with_the_dates(
    client, editor, indexes, fields, message
):
    verified_login(client, editor(COMMUNICATIONS))
    data = event_form(client, indexes["programme"], "Wrong dates", **fields)
    data["action-publish"] = "publish"

    response = client.post(add_url(indexes["programme"]), dict(data.lists()))

    assert response.status_code == 200  # the form again, with the message
    assert message in response.content.decode()
    assert not EventPage.objects.filter(title_en="Wrong dates").exists()


# --- Upcoming and past, from the clock ------------------------------------------------


def test_an_event_ends_by_itself(client, indexes, monkeypatch):
    now = timezone.now()
    event = EventPageFactory(
        parent=indexes["china"],
        title="Soon over",
        start=now - HOUR,
        end=now + HOUR,
        registration_url="https://example.org/register",
        recording_url="https://example.org/recording",
    )
    index_url = indexes["china"].url

    assert "Soon over" in card_titles(client.get(index_url))
    assert "Soon over" not in card_titles(client.get(f"{index_url}?when=past"))
    page = client.get(event.url).text
    assert "https://example.org/register" in page
    assert "https://example.org/recording" not in page

    later = now + 2 * HOUR
    monkeypatch.setattr(timezone, "now", lambda: later)  # nobody touched the page

    assert "Soon over" not in card_titles(client.get(index_url))
    assert "Soon over" in card_titles(client.get(f"{index_url}?when=past"))
    page = client.get(event.url).text
    assert "https://example.org/register" not in page
    assert "https://example.org/recording" in page
    assert "This event is over." in page


def test_registration_closes_at_its_deadline(client, indexes):
    now = timezone.now()
    open_event = EventPageFactory(
        parent=indexes["china"],
        start=now + 48 * HOUR,
        registration_url="https://example.org/open",
        registration_deadline=now + 24 * HOUR,
    )
    closed = EventPageFactory(
        parent=indexes["china"],
        start=now + 48 * HOUR,
        registration_url="https://example.org/closed",
        registration_deadline=now - HOUR,
    )

    assert "https://example.org/open" in client.get(open_event.url).text
    assert "https://example.org/closed" not in client.get(closed.url).text


def test_the_listing_filters_by_region_and_type_and_survives_bad_input(client, indexes):
    now = timezone.now()
    EventPageFactory(
        parent=indexes["china"],
        title="China training",
        kind="training",
        start=now + HOUR,
    )
    EventPageFactory(parent=indexes["asia"], title="Asia webinar", start=now + HOUR)

    both = card_titles(client.get("/en/events/"))
    china = card_titles(client.get("/en/events/?region=china"))
    trainings = card_titles(client.get("/en/events/?type=training"))
    bad = client.get("/en/events/?when=tomorrow&region=atlantis&type=party&page=99")

    assert {"China training", "Asia webinar"} <= set(both)
    assert "China training" in china and "Asia webinar" not in china
    assert trainings == ["China training"]
    assert bad.status_code == 200
    assert notices(bad) == [
        "“tomorrow” is not a choice: showing upcoming events.",
        "There is no region “atlantis”: showing events of every region.",
        "There is no event type “party”: showing events of every type.",
        "There is no page “99”: showing page 1.",
    ]
    assert {"China training", "Asia webinar"} <= set(card_titles(bad))


def test_past_events_list_the_latest_first_and_the_demo_events_are_past(
    client, indexes
):
    response = client.get("/en/events/?when=past")

    titles = card_titles(response)
    assert titles[0] == "IURC LA Webinar #19"
    assert (
        titles[-1]
        == "Kick-off of the Koriyama / Essen / Grenoble-Alpes / Toyota cooperation"
    )
    regional = card_titles(client.get(f"{indexes['asia'].url}?when=past"))
    assert regional == [titles[-1]]


# --- Calls to apply ------------------------------------------------------------------


def test_a_calls_status_follows_its_dates(indexes, monkeypatch):
    now = timezone.now()
    call = CallPageFactory(
        parent=indexes["china"], opens=now + HOUR, deadline=now + 3 * HOUR
    )

    assert call.status() == CallPage.Status.UPCOMING
    assert call.status(now + 2 * HOUR) == CallPage.Status.OPEN
    assert call.status(now + 3 * HOUR) == CallPage.Status.CLOSED


def test_open_calls_show_on_the_home_and_region_pages_until_the_deadline(
    client, indexes, monkeypatch
):
    now = timezone.now()
    CallPageFactory(
        parent=indexes["china"], title="Call for Chinese cities", deadline=now + HOUR
    )
    region = indexes["china"].get_parent()
    other_region = indexes["asia"].get_parent()

    for url in ("/en/", region.url, indexes["china"].url):
        assert "Call for Chinese cities" in card_titles(
            client.get(url), ".call-card"
        ), url
    assert "Call for Chinese cities" not in client.get(other_region.url).text

    monkeypatch.setattr(timezone, "now", lambda: now + 2 * HOUR)
    for url in ("/en/", region.url):
        assert "Call for Chinese cities" not in client.get(url).text, url


def test_a_call_page_shows_who_may_apply_and_the_deadline_in_its_zone(client, indexes):
    call = CallPageFactory(
        parent=indexes["programme"],
        deadline=datetime.datetime(2030, 3, 8, 22, 59, tzinfo=UTC),
        application_url="https://example.org/apply",
    )

    page = client.get(call.url).text

    assert "Cities of more than 100,000 inhabitants." in page
    assert "March 8, 2030, 23:59 CET" in page
    assert "https://example.org/apply" in page  # open: the link to apply


def test_the_deadline_must_come_after_the_call_opens():
    call = CallPage(
        title="Call",
        slug="call",
        opens=datetime.datetime(2030, 3, 8, tzinfo=UTC),
        deadline=datetime.datetime(2030, 3, 1, tzinfo=UTC),
    )
    with pytest.raises(ValidationError) as raised:
        call.full_clean(exclude=["path", "depth", "url_path"])
    assert "deadline" in raised.value.message_dict


# --- Who writes where; what publishing refreshes --------------------------------------


def test_a_coordinator_writes_events_in_their_region_only(client, editor, indexes):
    verified_login(client, editor("Asia & Australasia coordinators"))

    def create(index, title):
        response = client.get(add_url(index))
        if response.status_code != 200:
            return response.status_code
        data = event_form(client, index, title)
        data["action-submit"] = "submit"
        return client.post(add_url(index), dict(data.lists())).status_code

    assert create(indexes["asia"], "Penang webinar") == 302
    assert create(indexes["china"], "Chengdu webinar") in (302, 403)
    assert create(indexes["programme"], "Programme webinar") in (302, 403)

    page = EventPage.objects.get(title_en="Penang webinar")
    assert page.get_parent().pk == indexes["asia"].pk
    assert not page.live and page.workflow_in_progress
    assert not EventPage.objects.filter(
        title_en__in=["Chengdu webinar", "Programme webinar"]
    ).exists()


@pytest.mark.parametrize("page_cache_on", [True, False])
def test_publishing_an_event_shows_it_on_the_home_and_region_pages(
    client, settings, indexes, page_cache_on, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = page_cache_on
    region = indexes["china"].get_parent()
    for url in ("/en/", region.url, indexes["china"].url):
        client.get(url)
        if page_cache_on:
            assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        page = EventPageFactory(
            parent=indexes["china"],
            title="Harbin forum",
            start=timezone.now() + 24 * HOUR,
            live=False,
        )
        page.save_revision().publish()

    for url in ("/en/", region.url, indexes["china"].url, "/en/events/"):
        assert "Harbin forum" in client.get(url).text, url


def test_events_are_in_the_apps_whose_changes_refresh_pages():
    # Organisations and places, which events show, are in SHOWN_MODELS already.
    assert "newsroom" in SHOWN_APPS


def test_the_translation_status_report_covers_events_and_calls(indexes):
    event = EventPageFactory(parent=indexes["china"], venue_en="Town hall")

    statuses = pages_with_missing_translations(
        EventPage.objects.filter(pk=event.pk), "th"
    )

    missing = {listed.pk: status.missing for listed, status in statuses}
    assert "venue" in missing[event.pk]["th"]
    # The demo events, calls and indexes are translated into every language.
    assert pages_with_missing_translations(EventPage.objects.exclude(pk=event.pk)) == []
    assert pages_with_missing_translations(CallPage.objects.all()) == []
    assert pages_with_missing_translations(EventsIndexPage.objects.all()) == []


def test_editors_preview_a_new_event(client, editor, indexes):
    verified_login(client, editor("China coordinators"))
    data = event_form(client, indexes["china"], "Preview of a new event")
    data["intro_en"] = "Seen only in the preview."
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("newsroom", "eventpage", indexes["china"].pk),
    )

    assert client.post(preview_url, dict(data.lists())).json()["is_valid"]
    preview = client.get(preview_url)

    assert preview.status_code == 200
    assert "Seen only in the preview." in preview.text
    assert "10:00–12:00" in preview.text  # as typed, in the event's zone
