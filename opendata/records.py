"""Pairings as plain records, the one shape every open-data output is written from.

The CSV, XLSX, JSON and GeoJSON downloads (opendata/exports.py) and the API
(opendata/api.py) all read PairingRecords, so a pairing says the same thing in each.
`pairing_records` reads any number of pairings in chunks: a fixed number of queries per
chunk (the pairings, their places on each side and their themes), and memory for one
chunk only, so a download of 10,000 pairings starts at once and never holds them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from iurc_site.models import ProgrammePhasePage
from iurc_site.rich_text import rich_text_to_plain_text
from partners.countries import country_name
from partners.models import Place, Theme
from regions.models import PairingEuPlace, PairingPage, PairingPartnerPlace, RegionPage

CHUNK_SIZE = 500
COORDINATE_DECIMALS = 5  # about a metre


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def localized(instance, name: str, language: str) -> str:
    """A translated field in `language`, or its English value where it has none."""
    return getattr(instance, build_localized_fieldname(name, language)) or getattr(
        instance, f"{name}_en"
    )


@dataclass
class PlaceRecord:
    id: int
    name: str  # in the record's language (English where untranslated)
    name_en: str
    kind: str
    country: str  # ISO 3166 code
    country_name: str
    latitude: float | None
    longitude: float | None
    url: str

    @classmethod
    def from_place(cls, place: Place, language: str, absolute=str) -> PlaceRecord:
        with translation.override(language):
            url = absolute(place.get_absolute_url())
        return cls(
            id=place.pk,
            name=localized(place, "name", language),
            name_en=place.name_en,
            kind=place.kind,
            country=place.country.code,
            country_name=country_name(place.country.code, language),
            latitude=None
            if place.latitude is None
            else round(place.latitude, COORDINATE_DECIMALS),
            longitude=None
            if place.longitude is None
            else round(place.longitude, COORDINATE_DECIMALS),
            url=url,
        )

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass
class ThemeRecord:
    slug: str
    name: str
    name_en: str


@dataclass
class PairingRecord:
    """One pairing in one language; the `_en` values are what the import reads."""

    id: int
    title: str
    title_en: str
    language: str
    urls: dict[str, str]  # {language: URL of the page in that language}
    region_slug: str
    region_name: str
    phase_short_name: str
    phase_slug: str
    phase_name: str
    strand: str
    kind: str
    status: str
    start_year: int | None
    source_url: str
    description: str  # plain text, in the record's language
    description_en: str
    eu_places: list[PlaceRecord] = field(default_factory=list)
    partner_places: list[PlaceRecord] = field(default_factory=list)
    themes: list[ThemeRecord] = field(default_factory=list)
    last_published_at: object = None

    @property
    def url(self) -> str:
        return self.urls.get(self.language, "")

    @property
    def places(self) -> list[PlaceRecord]:
        return self.eu_places + self.partner_places


@dataclass
class _Parent:
    """A region, as its pairings need it: names and the URL of the region in each language."""

    slug: str
    names: dict[str, str]
    urls: dict[str, str]


# The columns of Place a record reads, as they are named from a pairing's place link.
PLACE_COLUMNS = ("id", "name_en", "kind", "country", "slug", "latitude", "longitude")


class RecordBuilder:
    """Turns PairingPage rows into PairingRecords in one language.

    Rows, not model instances: the cost of a download of 10,000 pairings was mostly the
    building of some 70,000 model instances (pages, place links, places, themes). Here a
    chunk of pairings is one FETCH of plain rows from a server-side cursor, then one
    query for the places on each side (place columns joined in) and one for the
    themes. Regions, phases and themes are read once (there are few), and each place is
    turned into a record once however many pairings name it.
    """

    def __init__(self, language: str, request=None):
        self.language = language
        self.request = request
        # Absolute addresses when there is a request: a downloaded file leaves the site.
        self.absolute = request.build_absolute_uri if request else str
        self.languages = language_codes()
        self.phases = {phase.pk: phase for phase in ProgrammePhasePage.objects.all()}
        self.themes = {theme.pk: theme for theme in Theme.objects.all()}
        self.parents: dict[str, _Parent | None] = {}
        self.places: dict[int, PlaceRecord] = {}

    def pairing_columns(self) -> list[str]:
        language = self.language
        columns = {
            "pk",
            "path",
            "title_en",
            build_localized_fieldname("title", language),
            "phase_id",
            "strand",
            "kind",
            "status",
            "start_year",
            "source_url",
            "description_en",
            build_localized_fieldname("description", language),
            "last_published_at",
        }
        columns.update(
            build_localized_fieldname("slug", code) for code in self.languages
        )
        return sorted(columns)

    def load_parents(self, paths: Iterable[str]) -> None:
        """Read the regions at these paths that are not known yet (one query)."""
        missing = set(paths) - self.parents.keys()
        if not missing:
            return
        for path in missing:
            self.parents[path] = None  # not a region: its pairings are left out
        for region in RegionPage.objects.filter(path__in=missing).defer_streamfields():
            urls = {}
            for code in self.languages:
                with translation.override(code):
                    url = region.get_url(self.request)
                urls[code] = self.absolute(url) if url else None
            if not urls.get(self.language):
                continue  # not routable on this site
            self.parents[region.path] = _Parent(
                slug=region.slug_en,
                names={
                    code: localized(region, "title", code) for code in self.languages
                },
                urls=urls,
            )

    def place_links(self, link_model, pairing_ids) -> dict[int, list[PlaceRecord]]:
        """{pairing id: [PlaceRecord, ...]} in the pairings' order of places: one query."""
        name_column = build_localized_fieldname("name", self.language)
        columns = [f"place__{column}" for column in PLACE_COLUMNS]
        if name_column != "name_en":
            columns.append(f"place__{name_column}")
        rows = (
            link_model.objects.filter(pairing_id__in=pairing_ids)
            .order_by("pairing_id", "sort_order", "pk")
            .values_list("pairing_id", *columns)
        )
        places: dict[int, list[PlaceRecord]] = {}
        for pairing_id, *values in rows:
            row = dict(zip(columns, values, strict=True))
            place_id = row["place__id"]
            if place_id not in self.places:
                self.places[place_id] = self.place_from_row(row, name_column)
            places.setdefault(pairing_id, []).append(self.places[place_id])
        return places

    def place_from_row(self, row, name_column) -> PlaceRecord:
        code = str(row["place__country"])
        with translation.override(self.language):
            url = reverse(
                "place_detail",
                kwargs={"country": code.lower(), "slug": row["place__slug"]},
            )
        latitude, longitude = row["place__latitude"], row["place__longitude"]
        return PlaceRecord(
            id=row["place__id"],
            name=row.get(f"place__{name_column}") or row["place__name_en"],
            name_en=row["place__name_en"],
            kind=row["place__kind"],
            country=code,
            country_name=country_name(code, self.language),
            latitude=None if latitude is None else round(latitude, COORDINATE_DECIMALS),
            longitude=None
            if longitude is None
            else round(longitude, COORDINATE_DECIMALS),
            url=self.absolute(url),
        )

    def theme_links(self, pairing_ids) -> dict[int, list[ThemeRecord]]:
        through = PairingPage.themes.through
        themes: dict[int, list[ThemeRecord]] = {}
        rows = (
            through.objects.filter(pairingpage_id__in=pairing_ids)
            .order_by("pairingpage_id", "theme_id")
            .values_list("pairingpage_id", "theme_id")
        )
        for pairing_id, theme_id in rows:
            theme = self.themes.get(theme_id)
            if theme is not None:
                themes.setdefault(pairing_id, []).append(
                    ThemeRecord(
                        slug=theme.slug,
                        name=localized(theme, "name", self.language),
                        name_en=theme.name_en,
                    )
                )
        return themes

    def records(self, rows: list[dict]) -> Iterator[PairingRecord]:
        """The records of one chunk of pairing rows (three queries, or four with new regions)."""
        self.load_parents(row["path"][: -Page.steplen] for row in rows)
        ids = [row["pk"] for row in rows]
        eu = self.place_links(PairingEuPlace, ids)
        partner = self.place_links(PairingPartnerPlace, ids)
        themes = self.theme_links(ids)
        for row in rows:
            parent = self.parents.get(row["path"][: -Page.steplen])
            if parent is not None:
                yield self.record(row, parent, eu, partner, themes)

    def record(self, row, parent, eu, partner, themes) -> PairingRecord:
        language = self.language
        phase = self.phases.get(row["phase_id"])

        def value(name, code=language):
            return row.get(build_localized_fieldname(name, code)) or row[f"{name}_en"]

        urls = {
            code: f"{parent.urls[code]}{value('slug', code)}/"
            for code in self.languages
            if parent.urls.get(code)
        }
        description_en = rich_text_to_plain_text(row["description_en"] or "")
        return PairingRecord(
            id=row["pk"],
            title=value("title"),
            title_en=row["title_en"],
            language=language,
            urls=urls,
            region_slug=parent.slug,
            region_name=parent.names[language],
            phase_short_name=phase.short_name if phase else "",
            phase_slug=phase.slug_en if phase else "",
            phase_name=localized(phase, "title", language) if phase else "",
            strand=row["strand"],
            kind=row["kind"],
            status=row["status"],
            start_year=row["start_year"],
            source_url=row["source_url"],
            description=rich_text_to_plain_text(value("description") or "")
            if language != "en"
            else description_en,
            description_en=description_en,
            eu_places=eu.get(row["pk"], []),
            partner_places=partner.get(row["pk"], []),
            themes=themes.get(row["pk"], []),
            last_published_at=row["last_published_at"],
        )


def pairing_records(
    pairings, *, language: str | None = None, request=None, chunk_size=CHUNK_SIZE
) -> Iterator[PairingRecord]:
    """PairingRecords of `pairings` (an ordered PairingPage queryset), read in chunks.

    Pairings whose parent is not a region routable on this site are left out (as on
    the map). The language is fixed when the generator starts: a streamed response is
    written after the request's own language handling has finished.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    builder = RecordBuilder(language, request)
    rows = pairings.values(*builder.pairing_columns()).iterator(chunk_size=chunk_size)
    for chunk in _chunks(rows, chunk_size):
        yield from builder.records(chunk)


def _chunks(iterator, size):
    chunk = []
    for item in iterator:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
