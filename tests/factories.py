"""Factories for the reference data and pages, for tests that need more than the demo content."""

import wagtail_factories

import factory

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
