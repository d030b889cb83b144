"""Checking every row of a pairings file and deciding what each would do, before anything is saved."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import override

from django_countries import countries

from iurc_site.models import ProgrammePhasePage
from partners.gazetteer import name_key
from partners.models import Place
from partners.pairing_import.reading import Record
from regions.models import PairingPage, RegionPage

PLACE_SEPARATOR = ";"

# (country code, place kind, name key): how rows and saved places are matched.
PlaceKey = tuple[str, str, str]
# (phase id, region id, EU place keys, partner place keys): PairingSpec.identity.
Identity = tuple[int, int, tuple[PlaceKey, ...], tuple[PlaceKey, ...]]


@dataclass(frozen=True)
class PlaceSpec:
    """A place as a row names it."""

    name: str
    country: str
    kind: str

    @property
    def key(self) -> PlaceKey:
        return (self.country, self.kind, name_key(self.name))


@dataclass
class PairingSpec:
    """A valid row: the pairing it describes, and what importing it would do."""

    row_number: int
    phase: ProgrammePhasePage
    region: RegionPage
    strand: str
    kind: str
    status: str
    eu_places: list[PlaceSpec]
    partner_places: list[PlaceSpec]
    themes: list[str]
    start_year: int | None
    source_url: str
    description: str
    existing: PairingPage | None = None

    @property
    def identity(self) -> Identity:
        """What makes two rows the same pairing: phase, region and the places on each side."""
        return (
            self.phase.pk,
            self.region.pk,
            tuple(sorted(place.key for place in self.eu_places)),
            tuple(sorted(place.key for place in self.partner_places)),
        )

    @property
    def action(self) -> str:
        return "update" if self.existing else "create"

    @property
    def place_names(self) -> list[str]:
        return [place.name for place in self.eu_places + self.partner_places]

    @property
    def title(self) -> str:
        """ "Lisbon – Curitiba", as the row names the places (for previews)."""
        return " – ".join(
            ", ".join(place.name for place in side)
            for side in (self.eu_places, self.partner_places)
        )


@dataclass(frozen=True)
class RowError:
    """Why one row cannot be imported: its row number, the column at fault and a message."""

    row_number: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row_number,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportPlan:
    """Every row of a file, checked: what would be created or updated, and what is wrong."""

    specs: list[PairingSpec] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def to_create(self) -> list[PairingSpec]:
        return [spec for spec in self.specs if spec.action == "create"]

    @property
    def to_update(self) -> list[PairingSpec]:
        return [spec for spec in self.specs if spec.action == "update"]


class _RowChecker:
    """Turns one record into a PairingSpec, collecting one error per bad cell."""

    def __init__(
        self,
        record: Record,
        phases: dict[str, ProgrammePhasePage],
        regions: dict[str, RegionPage],
        errors: list[RowError],
        allowed_regions: Collection[int] | None = None,
    ) -> None:
        self.record = record
        self.cells = record.cells
        self.phases = phases
        self.regions = regions
        self.allowed_regions = allowed_regions
        self.errors = errors
        self.ok = True

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.record.row_number, column, message))
        self.ok = False

    def choice(
        self, column: str, choices: Sequence[str], default: str | None = None
    ) -> str | None:
        value = self.cells.get(column, "").lower()
        if not value:
            if default is None:
                self.error(column, _("This column is empty."))
            return default
        if value not in choices:
            self.error(
                column,
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": self.cells[column], "choices": ", ".join(choices)},
            )
            return None
        return value

    def places(self, side: str, kind: str) -> list[PlaceSpec]:
        names_column, countries_column = f"{side}_places", f"{side}_countries"
        names = [
            name.strip()
            for name in self.cells.get(names_column, "").split(PLACE_SEPARATOR)
        ]
        codes = [
            code.strip().upper()
            for code in self.cells.get(countries_column, "").split(PLACE_SEPARATOR)
        ]
        if not any(names):
            self.error(names_column, _("Give at least one place."))
            return []
        if any(not name for name in names):
            self.error(
                names_column, _("One of the places is empty (two “;” in a row?).")
            )
            return []
        if len(codes) == 1 and len(names) > 1:
            codes = codes * len(names)  # one country code for all the places
        if len(codes) != len(names):
            self.error(
                countries_column,
                _(
                    "%(places)s places but %(codes)s country codes: give one code per place, or one for all."
                )
                % {"places": len(names), "codes": len(codes)},
            )
            return []
        specs = []
        for name, code in zip(names, codes, strict=True):
            if code not in countries:
                self.error(
                    countries_column,
                    _("“%(code)s” is not an ISO 3166 country code.") % {"code": code},
                )
                continue
            specs.append(PlaceSpec(name=name, country=code, kind=kind))
        return specs

    def year(self) -> int | None:
        value = self.cells.get("start_year", "")
        if not value:
            return None
        try:
            year = int(float(value))  # "2018", or "2018.0" from a spreadsheet program
        except (ValueError, OverflowError):
            self.error("start_year", _("“%(value)s” is not a year.") % {"value": value})
            return None
        if not 1990 <= year <= datetime.date.today().year + 5:
            self.error(
                "start_year",
                _("%(year)s is not a plausible start year.") % {"year": year},
            )
            return None
        return year

    def url(self) -> str:
        value = self.cells.get("source_url", "")
        max_length = PairingPage._meta.get_field("source_url").max_length
        if len(value) > max_length:
            self.error(
                "source_url",
                _("The web address is longer than %(count)s characters.")
                % {"count": max_length},
            )
            return ""
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.error(
                    "source_url",
                    _("“%(value)s” is not a web address.") % {"value": value},
                )
                return ""
        return value

    def title_length(
        self, eu_places: list[PlaceSpec], partner_places: list[PlaceSpec]
    ) -> None:
        """The page title names every place; it must fit the title column."""
        names = [place.name for place in eu_places + partner_places]
        # " – " between the sides and ", " between places: at most 3 characters each.
        length = sum(len(name) for name in names) + 3 * max(len(names) - 1, 0)
        max_length = PairingPage._meta.get_field("title").max_length
        if length > max_length:
            self.error(
                "eu_places",
                _(
                    "The places' names make a title longer than %(count)s characters; "
                    "give fewer places."
                )
                % {"count": max_length},
            )

    def check(self) -> PairingSpec | None:
        phase = self.phases.get(self.cells.get("programme", "").upper())
        if phase is None:
            self.error(
                "programme",
                _("Unknown programme “%(value)s”; known: %(known)s.")
                % {
                    "value": self.cells.get("programme", ""),
                    "known": ", ".join(sorted(self.phases)),
                },
            )
        region = self.regions.get(self.cells.get("region", "").lower())
        if region is None:
            self.error(
                "region",
                _("Unknown region “%(value)s”; known: %(known)s.")
                % {
                    "value": self.cells.get("region", ""),
                    "known": ", ".join(sorted(self.regions)),
                },
            )
        elif self.allowed_regions is not None and region.pk not in self.allowed_regions:
            self.error(
                "region",
                _("You may import pairings only into your own region: %(regions)s.")
                % {
                    "regions": ", ".join(
                        sorted(
                            slug
                            for slug, known in self.regions.items()
                            if known.pk in self.allowed_regions
                        )
                    )
                    or "–"
                },
            )
        strand = self.choice("strand", PairingPage.Strand.values)
        place_kind = (
            Place.Kind.REGION
            if strand == PairingPage.Strand.REGION
            else Place.Kind.CITY
        )
        eu_places = self.places("eu", place_kind)
        partner_places = self.places("partner", place_kind)
        place_count = len(eu_places) + len(partner_places)
        derived_kind = {2: PairingPage.Kind.PAIR, 3: PairingPage.Kind.TRIO}.get(
            place_count, PairingPage.Kind.CLUSTER
        )
        kind = self.choice("kind", PairingPage.Kind.values, default=derived_kind)
        start_year = self.year()
        if phase and start_year and phase.end_year and start_year > phase.end_year:
            self.error(
                "start_year",
                _("%(year)s is after the end of %(phase)s (%(end)s).")
                % {
                    "year": start_year,
                    "phase": phase.short_name,
                    "end": phase.end_year,
                },
            )
        status_default = (
            PairingPage.Status.COMPLETED
            if phase and phase.end_year and phase.end_year < datetime.date.today().year
            else PairingPage.Status.ACTIVE
        )
        status = self.choice(
            "status", PairingPage.Status.values, default=status_default
        )
        themes = [
            name.strip()
            for name in self.cells.get("themes", "").split(PLACE_SEPARATOR)
            if name.strip()
        ]
        source_url = self.url()
        self.title_length(eu_places, partner_places)
        if not self.ok:
            return None
        return PairingSpec(
            row_number=self.record.row_number,
            phase=phase,
            region=region,
            strand=strand,
            kind=kind,
            status=status,
            eu_places=eu_places,
            partner_places=partner_places,
            themes=themes,
            start_year=start_year,
            source_url=source_url,
            description=self.cells.get("description", ""),
        )


def existing_pairings_by_identity(
    region_pages: Iterable[RegionPage],
) -> dict[Identity, PairingPage]:
    """Pairings already under these regions, keyed like PairingSpec.identity.

    One query for the pairings of every region named in the file (and one for each
    of their relations), whatever the number of rows.
    """
    regions_by_path = {region.path: region for region in region_pages}
    if not regions_by_path:
        return {}
    under_regions = reduce(
        or_,
        [
            Q(path__startswith=region.path, depth=region.depth + 1)
            for region in regions_by_path.values()
        ],
    )
    pairings = PairingPage.objects.filter(under_regions).prefetch_related(
        "eu_places__place", "partner_places__place", "themes"
    )
    by_identity = {}
    with override("en"):
        for pairing in pairings:
            region = regions_by_path[pairing.path[: -PairingPage.steplen]]
            identity = (
                pairing.phase_id,
                region.pk,
                tuple(
                    sorted(
                        (p.country.code, p.kind, name_key(p.name_en))
                        for p in pairing.eu_place_list
                    )
                ),
                tuple(
                    sorted(
                        (p.country.code, p.kind, name_key(p.name_en))
                        for p in pairing.partner_place_list
                    )
                ),
            )
            by_identity[identity] = pairing
    return by_identity


def plan_import(
    records: Iterable[Record], allowed_regions: Collection[int] | None = None
) -> ImportPlan:
    """Check every record; say for each valid one whether it creates or updates a pairing.

    `allowed_regions` (RegionPage ids) limits the regions rows may name, for an editor
    who may only add pages to some regions; None allows every region.
    """
    phases = {
        phase.short_name.upper(): phase for phase in ProgrammePhasePage.objects.all()
    }
    regions = {region.slug_en: region for region in RegionPage.objects.all()}
    plan = ImportPlan()
    seen = {}
    for record in records:
        spec = _RowChecker(
            record, phases, regions, plan.errors, allowed_regions
        ).check()
        if spec is None:
            continue
        if spec.identity in seen:
            plan.errors.append(
                RowError(
                    record.row_number,
                    "eu_places",
                    _("The same pairing as row %(row)s.")
                    % {"row": seen[spec.identity]},
                )
            )
            continue
        seen[spec.identity] = record.row_number
        plan.specs.append(spec)
    existing = existing_pairings_by_identity({spec.region for spec in plan.specs})
    for spec in plan.specs:
        spec.existing = existing.get(spec.identity)
    return plan
