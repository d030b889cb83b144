"""Public views of reference data: a place's profile."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from partners.models import Place
from regions.models import PairingPage


def place_detail(request, country, slug):
    """A place's profile: its facts and its pairings across all phases."""
    place = get_object_or_404(Place, country=country.upper(), slug=slug)
    pairings = (
        PairingPage.objects.live()
        .filter(Q(eu_places__place=place) | Q(partner_places__place=place))
        .distinct()
        .select_related("phase")
        .prefetch_related("eu_places__place", "partner_places__place", "themes")
        .order_by("-phase__start_year", "-start_year", "title")
    )
    return render(
        request,
        "partners/place_detail.html",
        {
            "place": place,
            "pairings": pairings,
            "testimonials": place.testimonials.filter(page__live=True),
        },
    )
