"""The map's data: every place and pairing of a filtered set, as one compact JSON document.

Shape (arrays rather than objects keep 10,000 pairings small):

    {"count": 2,
     "places": [[id, name, country name, latitude, longitude, profile URL, side], ...],
     "pairings": [[title, URL, [EU place ids], [partner place ids]], ...]}

`side` is "eu" or "partner". Places without coordinates are left out of "places"; their
pairings keep the ids of the places that can be drawn. Five queries, whatever the count.
"""

from modeltranslation.utils import build_localized_fieldname, get_language
from wagtail.models import Page

from partners.countries import country_name
from partners.models import Place
from regions.models import PairingEuPlace, PairingPartnerPlace

COORDINATE_DECIMALS = 4  # about 10 metres: plenty for a world map


def _place_ids_by_pairing(link_model, pairing_ids):
    ids = {}
    links = (
        link_model.objects.filter(pairing_id__in=pairing_ids)
        .order_by("pairing_id", "sort_order", "pk")
        .values_list("pairing_id", "place_id")
    )
    for pairing_id, place_id in links:
        ids.setdefault(pairing_id, []).append(place_id)
    return ids


def map_document(pairings, request=None):
    """The JSON-ready map document for the pairings in `pairings` (a PairingPage queryset)."""
    language = get_language()
    pairing_ids = pairings.order_by().values("pk")
    eu_ids = _place_ids_by_pairing(PairingEuPlace, pairing_ids)
    partner_ids = _place_ids_by_pairing(PairingPartnerPlace, pairing_ids)

    eu_place_ids = {place_id for ids in eu_ids.values() for place_id in ids}
    partner_place_ids = {place_id for ids in partner_ids.values() for place_id in ids}
    places = (
        Place.objects.filter(pk__in=eu_place_ids | partner_place_ids)
        .exclude(latitude=None)
        .exclude(longitude=None)
        .only(
            "pk",
            "name_en",
            build_localized_fieldname("name", language),
            "country",
            "slug",
            "latitude",
            "longitude",
        )
        .order_by("pk")
    )
    countries = {}
    place_rows = []
    drawable = set()
    for place in places:
        code = place.country.code
        if code not in countries:
            countries[code] = country_name(code)
        drawable.add(place.pk)
        place_rows.append(
            [
                place.pk,
                place.name,
                countries[code],
                round(place.latitude, COORDINATE_DECIMALS),
                round(place.longitude, COORDINATE_DECIMALS),
                place.get_absolute_url(),
                "eu" if place.pk in eu_place_ids else "partner",
            ]
        )

    # A pairing's URL is its parent's (the region's) URL plus its slug: resolving the
    # few regions through Wagtail and appending slugs keeps 10,000 pairings fast.
    title_column = build_localized_fieldname("title", language)
    slug_column = build_localized_fieldname("slug", language)
    rows = list(
        pairings.order_by("path").values(
            "pk", "path", "title_en", title_column, "slug_en", slug_column
        )
    )
    parent_urls = {
        parent.path: parent.get_url(request)
        for parent in Page.objects.filter(
            path__in={row["path"][: -Page.steplen] for row in rows}
        )
    }
    pairing_rows = []
    for row in rows:
        parent_url = parent_urls.get(row["path"][: -Page.steplen])
        if not parent_url:
            continue  # not routable on this site
        pairing_rows.append(
            [
                row[title_column] or row["title_en"],
                f"{parent_url}{row[slug_column] or row['slug_en']}/",
                [pk for pk in eu_ids.get(row["pk"], []) if pk in drawable],
                [pk for pk in partner_ids.get(row["pk"], []) if pk in drawable],
            ]
        )
    return {"count": len(pairing_rows), "places": place_rows, "pairings": pairing_rows}
