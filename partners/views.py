"""Public views of reference data: a place's profile."""

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from iurc_site import content_version
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


def place_detail(request, country, slug):
    """A place's profile: its facts, its pairings phase by phase, who it works with, a map."""
    place = get_object_or_404(Place, country=country.upper(), slug=slug)
    pairings = place_pairings(place)
    notices = []
    page = choose_page(
        Paginator(
            with_listing_relations(pairings).order_by(
                F("phase__start_year").desc(nulls_last=True),
                F("start_year").desc(nulls_last=True),
                "title",
                "pk",
            ),
            PAIRINGS_PER_PAGE,
        ),
        request.GET.getlist("page"),
        notices,
    )
    partners = places_working_with(place, pairings)
    shown_partners = list(partners[:PARTNERS_SHOWN])
    return render(
        request,
        "partners/place_detail.html",
        {
            "place": place,
            "pairings": page,
            "notices": notices,
            "pairings_by_phase": [
                (phase, list(group))
                for phase, group in groupby(page, key=lambda pairing: pairing.phase)
            ],
            "partners": shown_partners,
            "more_partners": partners.count() - len(shown_partners),
            "map_data": place_map_document(place, pairings, request),
            "testimonials": place.testimonials.filter(page__live=True),
        },
    )
