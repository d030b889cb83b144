"""Factories for the reference data and pages, for tests that need more than the demo content."""

import datetime
import zoneinfo

import wagtail_factories

import factory

from newsroom.models import CallPage, EventPage, NewsPage
from partners.models import Organisation, Place, Theme
from regions.models import PairingEuPlace, PairingPage, PairingPartnerPlace


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Faker("city")
    name_en = factory.SelfAttribute("name")
    kind = Place.Kind.CITY
    country = factory.Iterator(
        ["DE", "FR", "IT", "ES", "NL", "BR", "JP", "CN", "US", "CA"]
    )
    latitude = factory.Faker("latitude")
    longitude = factory.Faker("longitude")
    population = factory.Faker("random_int", min=20_000, max=5_000_000)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda number: f"Theme {number}")
    name_en = factory.SelfAttribute("name")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Faker("company")
    name_en = factory.SelfAttribute("name")
    role = Organisation.Role.PARTNER


class PairingPageFactory(wagtail_factories.PageFactory):
    """A live pairing between one EU and one partner place (pass parent=<RegionPage>)."""

    class Meta:
        model = PairingPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda number: f"Pairing {number}")
    title_en = factory.SelfAttribute("title")
    slug = factory.Sequence(lambda number: f"pairing-{number}")
    slug_en = factory.SelfAttribute("slug")
    strand = PairingPage.Strand.CITY
    start_year = 2021

    @factory.post_generation
    def places(self, create, extracted, **kwargs):
        """Two places by default; pass places=(eu_place, partner_place) to choose them."""
        if not create:
            return
        eu_place, partner_place = extracted or (PlaceFactory(), PlaceFactory())
        PairingEuPlace.objects.create(pairing=self, place=eu_place)
        PairingPartnerPlace.objects.create(pairing=self, place=partner_place)


class NewsPageFactory(wagtail_factories.PageFactory):
    """A live news item (pass parent=<NewsIndexPage>), dated 1 June 2023 by default."""

    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda number: f"News item {number}")
    title_en = factory.SelfAttribute("title")
    slug = factory.Sequence(lambda number: f"news-item-{number}")
    slug_en = factory.SelfAttribute("slug")
    intro = factory.Sequence(lambda number: f"What happened, part {number}.")
    intro_en = factory.SelfAttribute("intro")
    date = datetime.date(2023, 6, 1)


BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


class EventPageFactory(wagtail_factories.PageFactory):
    """A live webinar (pass parent=<EventsIndexPage>), 10:00 to 12:00 in Brussels on
    1 June 2023 by default: pass start and end to place it elsewhere in time."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda number: f"Event {number}")
    title_en = factory.SelfAttribute("title")
    slug = factory.Sequence(lambda number: f"event-{number}")
    slug_en = factory.SelfAttribute("slug")
    intro = factory.Sequence(lambda number: f"What it is about, part {number}.")
    intro_en = factory.SelfAttribute("intro")
    start = datetime.datetime(2023, 6, 1, 10, tzinfo=BRUSSELS)
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    time_zone = "Europe/Brussels"
    kind = EventPage.Kind.WEBINAR
    attendance = EventPage.Attendance.ONLINE


class CallPageFactory(wagtail_factories.PageFactory):
    """A live call to apply (pass parent=<EventsIndexPage> and deadline=...)."""

    class Meta:
        model = CallPage

    title = factory.Sequence(lambda number: f"Call {number}")
    title_en = factory.SelfAttribute("title")
    slug = factory.Sequence(lambda number: f"call-{number}")
    slug_en = factory.SelfAttribute("slug")
    eligibility = "Cities of more than 100,000 inhabitants."
    eligibility_en = factory.SelfAttribute("eligibility")
    deadline = datetime.datetime(2023, 6, 1, 23, 59, tzinfo=BRUSSELS)
    time_zone = "Europe/Brussels"
