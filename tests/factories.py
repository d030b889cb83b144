"""Factories for the reference data and pages, for tests that need more than the demo content."""

import datetime

import wagtail_factories

import factory

from newsroom.models import NewsPage
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
