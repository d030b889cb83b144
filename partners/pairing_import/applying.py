"""Saving a checked import plan: places, themes and pairing pages, in one transaction.

The cost per row stays the same however large the file, and small: places, themes and
the new pairing pages are created in bulk (partners.pairing_import.pages), free slugs
come from one query per region kept up to date in memory, and the search documents and
Wagtail's search and reference indexes are written in bulk after each batch of rows.
A pairing that exists already and changed still goes through Wagtail's own revision
and publishing code, as an editor's edit would.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Container, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils.translation import override

from wagtail.log_actions import log

from iurc_site.editorial import deferred_indexing as indexing
from iurc_site.editorial.slug_validation import SLUG_FIELDS
from iurc_site.rich_text import plain_text_to_rich_text, rich_text_to_plain_text
from iurc_site.worker.tasks import enqueue_reindex
from partners.gazetteer import find_city, name_key
from partners.models import Place, Theme, ascii_slug
from partners.pairing_import.pages import (
    IMPORT_LOG_ACTION,
    NewPage,
    PairingLinks,
    create_pages,
)
from partners.pairing_import.planning import (
    ImportPlan,
    PairingSpec,
    PlaceKey,
    PlaceSpec,
)
from regions.models import PairingEuPlace, PairingPage, PairingPartnerPlace, RegionPage
from sitesearch import indexing as sitesearch_indexing

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser

    from iurc_site.models import ProgrammePhasePage

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
SIDE_SEPARATOR = " – "
PLACE_JOINER = ", "
MAX_SLUG_BASE = 200  # room left for a suffix in the 255 characters of a slug
# New pairings are saved this many at a time: few enough for a progress bar to move,
# many enough that the fixed cost of a batch (about 20 queries) is small per row.
CREATE_BATCH = 250


@dataclass
class ImportResult:
    """What an import did."""

    created: list[PairingPage] = field(default_factory=list)
    updated: list[PairingPage] = field(default_factory=list)
    unchanged: list[PairingPage] = field(default_factory=list)
    new_places: list[Place] = field(default_factory=list)
    places_without_coordinates: list[Place] = field(default_factory=list)


def field_name(name: str, language_code: str) -> str:
    return f"{name}_{language_code.replace('-', '_')}"


def localized_name(place: Place, language_code: str) -> str:
    """The place's name in that language, or its English name."""
    return getattr(place, field_name("name", language_code)) or place.name_en


def pairing_titles(
    eu_places: Sequence[Place], partner_places: Sequence[Place]
) -> dict[str, str]:
    """{language: "Bergamo, Rimini – Aurora"} in every language, from the places' names."""
    return {
        code: SIDE_SEPARATOR.join(
            PLACE_JOINER.join(localized_name(place, code) for place in side)
            for side in (eu_places, partner_places)
        )
        for code in LANGUAGE_CODES
    }


def _free(base: str, taken: Container[str], extra_suffix: str | None = None) -> str:
    """`base`, else base-<extra_suffix>, else base-2, base-3...: the first not in `taken`."""
    candidates = [base] + ([f"{base}-{extra_suffix}"] if extra_suffix else [])
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def resolve_places(
    place_specs: Collection[PlaceSpec], result: ImportResult
) -> dict[PlaceKey, Place]:
    """{PlaceSpec.key: Place}, creating the places not yet known (with gazetteer facts)."""
    country_codes = {spec.country for spec in place_specs}
    known, taken_slugs = {}, {}
    for place in Place.objects.filter(country__in=country_codes):
        known.setdefault(
            (place.country.code, place.kind, name_key(place.name_en)), place
        )
        taken_slugs.setdefault(place.country.code, set()).add(place.slug)
    new_places = []
    for spec in sorted(place_specs, key=lambda spec: spec.key):
        if spec.key in known:
            continue
        place = Place(
            name_en=spec.name, name=spec.name, country=spec.country, kind=spec.kind
        )
        taken = taken_slugs.setdefault(spec.country, set())
        place.slug = _free(ascii_slug(spec.name) or "place", taken, spec.kind)
        taken.add(place.slug)
        if spec.kind == Place.Kind.CITY:
            entry = find_city(spec.name, spec.country)
            if entry:
                place.latitude, place.longitude, place.population = (
                    entry.latitude,
                    entry.longitude,
                    entry.population,
                )
        known[spec.key] = place
        new_places.append(place)
    Place.objects.bulk_create(new_places)
    for place in new_places:
        indexing.defer(place)  # bulk_create sends no post_save: index them here
        sitesearch_indexing.index(place)
        result.new_places.append(place)
        if not place.has_coordinates:
            result.places_without_coordinates.append(place)
    return known


def resolve_themes(theme_names: Iterable[str]) -> dict[str, Theme]:
    """{English name key: Theme}, creating the themes not yet known.

    A theme is known by its English name, or else by the slug its name would get: an
    editor may have changed either since the theme was created.
    """
    wanted = {name_key(name): name for name in theme_names}
    slugs = {ascii_slug(name): key for key, name in wanted.items()}
    found = {}
    for theme in Theme.objects.all():  # a vocabulary of dozens: one small query
        key = name_key(theme.name_en or "")
        if key in wanted:
            found[key] = theme  # the English name wins over the slug
        elif theme.slug in slugs:
            found.setdefault(slugs[theme.slug], theme)
    new_themes = []
    for key, name in sorted(wanted.items()):
        if key not in found:
            theme = Theme(name=name, name_en=name, slug=ascii_slug(name))
            new_themes.append(theme)
            found[key] = theme
    Theme.objects.bulk_create(new_themes)
    for theme in new_themes:
        indexing.defer(theme)
    return found


class SlugAllocator:
    """Free page slugs under each region: one query per region, then kept in memory.

    A slug is free when no sibling uses it in any language (a page without a slug of
    its own in a language answers to its English one there).
    """

    def __init__(self, regions: Iterable[RegionPage]) -> None:
        self.taken: dict[int, set[str]] = {}
        for region in regions:
            taken = self.taken.setdefault(region.pk, set())
            for row in region.get_children().values(*SLUG_FIELDS.values()):
                taken.update(slug for slug in row.values() if slug)

    def allocate(self, region: RegionPage, base: str, phase: ProgrammePhasePage) -> str:
        """`base`, else base-<phase short name>, else base-2, ...; marked as taken."""
        taken = self.taken[region.pk]
        slug = _free(
            base[:MAX_SLUG_BASE].strip("-"), taken, ascii_slug(phase.short_name)
        )
        taken.add(slug)
        return slug


def _current_state(pairing: PairingPage) -> dict[str, object]:
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


def _links(
    spec: PairingSpec, places: dict[PlaceKey, Place], themes: dict[str, Theme]
) -> PairingLinks:
    """(EU places, partner places, themes) of the row, as saved objects."""
    return (
        [places[place.key] for place in spec.eu_places],
        [places[place.key] for place in spec.partner_places],
        [themes[name_key(name)] for name in spec.themes],
    )


def _fill_fields(
    pairing: PairingPage,
    spec: PairingSpec,
    links: PairingLinks,
    *,
    retitle: bool = True,
) -> None:
    """Set the row's values on the (new or existing) pairing's own fields, in memory."""
    eu, partner, _themes = links
    pairing.strand, pairing.kind, pairing.status = spec.strand, spec.kind, spec.status
    pairing.phase = spec.phase
    pairing.start_year = spec.start_year
    pairing.source_url = spec.source_url
    # A description that reads as the one saved (a downloaded file uploaded again) leaves
    # the saved one as it is, with the links and emphasis an editor gave it.
    if spec.description and spec.description != rich_text_to_plain_text(
        pairing.description_en or ""
    ):
        # Spreadsheet text is plain text: escaped, never taken as HTML.
        pairing.description_en = plain_text_to_rich_text(spec.description)
    if not retitle:
        return
    titles = pairing_titles(eu, partner)
    for code in LANGUAGE_CODES:
        # Only where the title differs from English; otherwise the page falls back to English.
        value = titles[code] if code == "en" or titles[code] != titles["en"] else None
        setattr(pairing, field_name("title", code), value)
    pairing.title = titles["en"]


def _fill_pairing(pairing: PairingPage, spec: PairingSpec, links: PairingLinks) -> None:
    """Set everything the row says on an existing pairing, relations too, in memory."""
    eu, partner, themes = links
    # The title names the places: it is made again only when they change, so a title
    # an editor wrote stays when a downloaded file comes back with the same places.
    same_places = [link.place_id for link in pairing.eu_places.all()] == [
        place.pk for place in eu
    ] and [link.place_id for link in pairing.partner_places.all()] == [
        place.pk for place in partner
    ]
    _fill_fields(pairing, spec, links, retitle=not same_places)
    pairing.eu_places = [
        PairingEuPlace(place=place, sort_order=i) for i, place in enumerate(eu)
    ]
    pairing.partner_places = [
        PairingPartnerPlace(place=place, sort_order=i)
        for i, place in enumerate(partner)
    ]
    pairing.themes = themes


def _save(
    pairing: PairingPage,
    spec: PairingSpec,
    *,
    user: AbstractUser | None,
    publish: bool,
    file_name: str,
) -> None:
    # Every value was checked by the planner, and the slug is free: a full clean here
    # would only repeat that work (and look at every sibling) for each row.
    revision = pairing.save_revision(user=user, log_action=False, clean=False)
    if publish:
        revision.publish(user=user)
    log(
        instance=pairing,
        action=IMPORT_LOG_ACTION,
        user=user,
        data={"row": spec.row_number, "file": file_name, "action": spec.action},
    )


def _update(
    spec: PairingSpec,
    links: PairingLinks,
    result: ImportResult,
    *,
    user: AbstractUser | None,
    publish: bool,
    file_name: str,
) -> None:
    """Bring an existing pairing in line with its row, through Wagtail's editing path."""
    pairing = spec.existing
    before = _current_state(pairing)
    _fill_pairing(pairing, spec, links)
    if _current_state(pairing) == before:
        result.unchanged.append(pairing)
    else:
        _save(pairing, spec, user=user, publish=publish, file_name=file_name)
        result.updated.append(pairing)


def _flush_indexes() -> None:
    """Write the search documents and indexes of what the last batch saved."""
    indexing.flush()
    sitesearch_indexing.flush()


def apply_plan(
    plan: ImportPlan,
    *,
    user: AbstractUser | None = None,
    publish: bool = True,
    file_name: str = "",
    progress: Callable[[int], object] | None = None,
    index_later: bool = False,
) -> ImportResult:
    """Save a valid plan: everything or, on any error, nothing.

    `progress`, if given, is called with the number of rows saved since its last call
    (tqdm's `update`, for a progress bar). With `index_later`, the search and reference
    indexes are not written here: a re-indexing job is queued in the same transaction
    (iurc_site/worker/tasks.py).
    """
    if not plan.is_valid:
        raise ValueError("An import plan with errors cannot be applied.")
    progress = progress or (lambda rows: None)
    result = ImportResult()
    noted: dict[str, dict] = {}

    def collector(name: str) -> Callable[[dict], None] | None:
        return (
            (lambda pending: noted.__setitem__(name, pending)) if index_later else None
        )

    with transaction.atomic():
        with (
            override("en"),
            indexing.deferred_indexing(collect=collector("search")),
            sitesearch_indexing.deferred_indexing(collect=collector("site_search")),
        ):
            places = resolve_places(
                {
                    place
                    for spec in plan.specs
                    for place in spec.eu_places + spec.partner_places
                },
                result,
            )
            themes = resolve_themes(
                {name for spec in plan.specs for name in spec.themes}
            )
            for spec in plan.to_update:
                _update(
                    spec,
                    _links(spec, places, themes),
                    result,
                    user=user,
                    publish=publish,
                    file_name=file_name,
                )
                progress(1)
            _flush_indexes()
            to_create = plan.to_create
            slugs = SlugAllocator({spec.region for spec in to_create})
            for start in range(0, len(to_create), CREATE_BATCH):
                batch: list[NewPage] = []
                for spec in to_create[start : start + CREATE_BATCH]:
                    links = _links(spec, places, themes)
                    pairing = PairingPage(owner=user)
                    _fill_fields(pairing, spec, links)
                    pairing.slug = slugs.allocate(
                        spec.region, ascii_slug("-".join(spec.place_names)), spec.phase
                    )
                    batch.append((pairing, spec.region.pk, links, spec.row_number))
                result.created += create_pages(
                    batch, user=user, publish=publish, file_name=file_name
                )
                _flush_indexes()
                progress(len(batch))
        if index_later:  # in the transaction: queued if and only if the import commits
            enqueue_reindex(noted.get("search", {}), noted.get("site_search", {}))
    return result
