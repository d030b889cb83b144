"""Saving a checked import plan: places, themes and pairing pages, in one transaction."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import override

from wagtail.log_actions import log

from partners.gazetteer import _key as name_key
from partners.gazetteer import find_city
from partners.models import Place, Theme, ascii_slug
from regions.models import PairingEuPlace, PairingPage, PairingPartnerPlace

IMPORT_LOG_ACTION = "partners.import_pairing"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
SIDE_SEPARATOR = " – "
PLACE_JOINER = ", "


@dataclass
class ImportResult:
    """What an import did."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    new_places: list = field(default_factory=list)
    places_without_coordinates: list = field(default_factory=list)


def field_name(name, language_code):
    return f"{name}_{language_code.replace('-', '_')}"


def localized_name(place, language_code):
    """The place's name in that language, or its English name."""
    return getattr(place, field_name("name", language_code)) or place.name_en


def pairing_titles(eu_places, partner_places):
    """{language: "Bergamo, Rimini – Aurora"} in every language, from the places' names."""
    return {
        code: SIDE_SEPARATOR.join(
            PLACE_JOINER.join(localized_name(place, code) for place in side)
            for side in (eu_places, partner_places)
        )
        for code in LANGUAGE_CODES
    }


def resolve_places(place_specs, result):
    """{PlaceSpec.key: Place}, creating the places not yet known (with gazetteer facts)."""
    country_codes = {spec.country for spec in place_specs}
    known = {}
    for place in Place.objects.filter(country__in=country_codes):
        known.setdefault(
            (place.country.code, place.kind, name_key(place.name_en)), place
        )
    for spec in place_specs:
        if spec.key in known:
            continue
        place = Place(
            name_en=spec.name, name=spec.name, country=spec.country, kind=spec.kind
        )
        if spec.kind == Place.Kind.CITY:
            entry = find_city(spec.name, spec.country)
            if entry:
                place.latitude, place.longitude, place.population = (
                    entry.latitude,
                    entry.longitude,
                    entry.population,
                )
        place.save()
        known[spec.key] = place
        result.new_places.append(place)
        if not place.has_coordinates:
            result.places_without_coordinates.append(place)
    return known


def resolve_themes(theme_names):
    """{English name key: Theme}, creating the themes not yet known."""
    themes = {}
    slugs = {ascii_slug(name): name for name in theme_names}
    existing = {theme.slug: theme for theme in Theme.objects.filter(slug__in=slugs)}
    for slug, name in slugs.items():
        theme = existing.get(slug)
        if theme is None:
            theme = Theme.objects.create(name=name, name_en=name, slug=slug)
        themes[name_key(name)] = theme
    return themes


def free_slug(region, base, phase, pairing):
    """`base` if no other page under the region uses it, else base plus the phase's short name."""
    siblings = (
        region.get_children().exclude(pk=pairing.pk)
        if pairing.pk
        else region.get_children()
    )
    taken = set(siblings.values_list("slug_en", flat=True))
    for candidate in [base, f"{base}-{ascii_slug(phase.short_name)}"]:
        if candidate not in taken:
            return candidate
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _current_state(pairing):
    """What an import may change on a pairing, to tell whether it did."""
    return {
        "fields": {
            name: getattr(pairing, name)
            for name in [
                "strand",
                "kind",
                "status",
                "phase_id",
                "start_year",
                "source_url",
                "description_en",
            ]
        },
        "titles": {
            code: getattr(pairing, field_name("title", code)) for code in LANGUAGE_CODES
        },
        "eu": [link.place_id for link in pairing.eu_places.all()],
        "partner": [link.place_id for link in pairing.partner_places.all()],
        "themes": sorted(theme.pk for theme in pairing.themes.all()),
    }


def _fill_pairing(pairing, spec, places, themes):
    """Set everything the row says on the (new or existing) pairing, in memory."""
    eu = [places[place.key] for place in spec.eu_places]
    partner = [places[place.key] for place in spec.partner_places]
    pairing.strand, pairing.kind, pairing.status = spec.strand, spec.kind, spec.status
    pairing.phase = spec.phase
    pairing.start_year = spec.start_year
    pairing.source_url = spec.source_url
    if spec.description:
        pairing.description_en = spec.description
    titles = pairing_titles(eu, partner)
    for code in LANGUAGE_CODES:
        # Only where the title differs from English; otherwise the page falls back to English.
        value = titles[code] if code == "en" or titles[code] != titles["en"] else None
        setattr(pairing, field_name("title", code), value)
    pairing.title = titles["en"]
    pairing.eu_places = [
        PairingEuPlace(place=place, sort_order=i) for i, place in enumerate(eu)
    ]
    pairing.partner_places = [
        PairingPartnerPlace(place=place, sort_order=i)
        for i, place in enumerate(partner)
    ]
    pairing.themes = [themes[name_key(name)] for name in spec.themes]


def _save(pairing, spec, *, user, publish, file_name):
    revision = pairing.save_revision(user=user, log_action=False)
    if publish:
        revision.publish(user=user)
    log(
        instance=pairing,
        action=IMPORT_LOG_ACTION,
        user=user,
        data={"row": spec.row_number, "file": file_name, "action": spec.action},
    )


def apply_plan(plan, *, user=None, publish=True, file_name=""):
    """Save a valid plan: everything or, on any error, nothing."""
    if not plan.is_valid:
        raise ValueError("An import plan with errors cannot be applied.")
    result = ImportResult()
    with transaction.atomic(), override("en"):
        places = resolve_places(
            {
                place
                for spec in plan.specs
                for place in spec.eu_places + spec.partner_places
            },
            result,
        )
        themes = resolve_themes({name for spec in plan.specs for name in spec.themes})
        for spec in plan.specs:
            if spec.existing:
                pairing = spec.existing
                before = _current_state(pairing)
                _fill_pairing(pairing, spec, places, themes)
                if _current_state(pairing) == before:
                    result.unchanged.append(pairing)
                    continue
                pairing.slug = free_slug(
                    spec.region,
                    ascii_slug("-".join(spec.place_names)),
                    spec.phase,
                    pairing,
                )
                _save(pairing, spec, user=user, publish=publish, file_name=file_name)
                result.updated.append(pairing)
            else:
                pairing = PairingPage(live=False)
                _fill_pairing(pairing, spec, places, themes)
                pairing.slug = free_slug(
                    spec.region,
                    ascii_slug("-".join(spec.place_names)),
                    spec.phase,
                    pairing,
                )
                spec.region.add_child(instance=pairing)
                _save(pairing, spec, user=user, publish=publish, file_name=file_name)
                result.created.append(pairing)
    return result
