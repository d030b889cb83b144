"""Public views of reference data: a place's profile."""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, render
from django.utils.functional import cached_property
from django.utils.translation import get_language

from iurc_site.caching import content_version
from iurc_site.caching.page_cache import normalized_query
from networks.models import networks_of_place
from partners.models import Place
from regions.explorer import PAIRINGS_PER_PAGE, map_document
from regions.explorer.exploration import choose_page
from regions.explorer.filters import (
    CACHE_SECONDS,
    explorable_pairings,
    pairings_with_places,
)
from regions.models import PairingEuPlace, PairingPartnerPlace, with_listing_relations

PARTNERS_SHOWN = 20


def place_pairings(place):
    """The place's visible pairings, newest phase first."""
    return explorable_pairings().filter(
        pairings_with_places(Place.objects.filter(pk=place.pk))
    )


def places_working_with(place, pairings):
    """The other places of `pairings` (a queryset), by name."""
    pairing_ids = pairings.order_by().values("pk")
    return (
        Place.objects.filter(
            Q(
                pk__in=PairingEuPlace.objects.filter(pairing__in=pairing_ids).values(
                    "place_id"
                )
            )
            | Q(
                pk__in=PairingPartnerPlace.objects.filter(
                    pairing__in=pairing_ids
                ).values("place_id")
            )
        )
        .exclude(pk=place.pk)
        .order_by("name", "pk")
    )


def place_map_document(place, pairings, request):
    """The map document of the place's pairings, cached per language and content version."""
    return content_version.cached(
        ["place-map", place.pk, get_language()],
        lambda: map_document(pairings, request),
        CACHE_SECONDS,
    )


class PlaceProfile:
    """What a place's profile shows besides the place, worked out when first used.

    The template caches its rendering per place and query string under the content
    version, so on most requests none of this is queried.
    """

    def __init__(self, place, request):
        self.place = place
        self.request = request
        self.notices = []

    @cached_property
    def all_pairings(self):
        return place_pairings(self.place)

    @cached_property
    def pairings(self):
        """The page of pairings asked for by ?page=."""
        return choose_page(
            Paginator(
                with_listing_relations(self.all_pairings).order_by(
                    F("phase__start_year").desc(nulls_last=True),
                    F("start_year").desc(nulls_last=True),
                    "title",
                    "pk",
                ),
                PAIRINGS_PER_PAGE,
            ),
            self.request.GET.getlist("page"),
            self.notices,
        )

    @cached_property
    def pairings_by_phase(self):
        return [
            (phase, list(group))
            for phase, group in groupby(
                self.pairings, key=lambda pairing: pairing.phase
            )
        ]

    @cached_property
    def partners_query(self):
        return places_working_with(self.place, self.all_pairings)

    @cached_property
    def partners(self):
        return list(self.partners_query[:PARTNERS_SHOWN])

    @cached_property
    def more_partners(self):
        return self.partners_query.count() - len(self.partners)

    @cached_property
    def map_data(self):
        return place_map_document(self.place, self.all_pairings, self.request)

    @cached_property
    def networks(self):
        """The thematic networks the place is a member of."""
        return list(networks_of_place(self.place))

    @cached_property
    def testimonials(self):
        return self.place.testimonials.filter(page__live=True)


def place_detail(request, country, slug):
    """A place's profile: its facts, its pairings phase by phase, who it works with, a map."""
    place = get_object_or_404(Place, country=country.upper(), slug=slug)
    return render(
        request,
        "partners/place_detail.html",
        {
            "place": place,
            "profile": PlaceProfile(place, request),
            "profile_query": normalized_query(request.META.get("QUERY_STRING", "")),
        },
    )
