"""Illustrations of pages: any page with places and a title gets a map of those places.

The places are the page's `illustration_places()` if it has that method, else its
`all_places` (pairings), else its `places` relation (e.g. an event or a call).

    png = page_map(page)                  # names and title in the active language
    png = page_map(page, labels=False)    # no text: the same picture for every language
"""

from iurc_site.illustrations.maps import MapPlace, place_map

MAX_LABELS = 8  # more names than this would cover the map: dots only, and the title


def places_of(page):
    """The page's places that have coordinates, in the order the page names them."""
    if hasattr(page, "illustration_places"):
        places = page.illustration_places()
    else:
        places = getattr(page, "all_places", None)
    if places is None:
        relation = getattr(page, "places", None)
        places = list(relation.all()) if relation is not None else []
    return [
        place
        for place in places
        if place.latitude is not None and place.longitude is not None
    ]


def has_map(page):
    return bool(places_of(page))


def page_map(page, *, labels=True, size=None):
    """PNG bytes of the map of the page's places, in the active language."""
    from django.utils.translation import get_language

    places = [
        MapPlace(str(place.name), place.latitude, place.longitude)
        for place in places_of(page)
    ]
    labels_of_places = labels and len(places) <= MAX_LABELS
    options = {"size": size} if size else {}
    return place_map(
        places,
        title=str(page.title),
        language=get_language() or "en",
        labels=labels,
        place_labels=labels_of_places,
        **options,
    )
