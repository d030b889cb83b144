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
from django.db.models import Prefetch
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


class RecordBuilder:
    """Turns PairingPages into PairingRecords in one language.

    Regions and phases are read once (there are few), places are turned into records
    once each however many pairings name them.
    """

    def __init__(self, language: str, request=None):
        self.language = language
        self.request = request
        # Absolute addresses when there is a request: a downloaded file leaves the site.
        self.absolute = request.build_absolute_uri if request else str
        self.languages = language_codes()
        self.phases = {phase.pk: phase for phase in ProgrammePhasePage.objects.all()}
        self.parents: dict[str, _Parent | None] = {}
        self.places: dict[int, PlaceRecord] = {}

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

    def place(self, place: Place) -> PlaceRecord:
        if place.pk not in self.places:
            self.places[place.pk] = PlaceRecord.from_place(
                place, self.language, self.absolute
            )
        return self.places[place.pk]

    def record(self, pairing: PairingPage) -> PairingRecord | None:
        parent = self.parents.get(pairing.path[: -Page.steplen])
        if parent is None:
            return None
        phase = self.phases.get(pairing.phase_id)
        language = self.language
        urls = {
            code: f"{parent.urls[code]}{localized(pairing, 'slug', code)}/"
            for code in self.languages
            if parent.urls.get(code)
        }
        description_en = rich_text_to_plain_text(pairing.description_en or "")
        return PairingRecord(
            id=pairing.pk,
            title=localized(pairing, "title", language),
            title_en=pairing.title_en,
            language=language,
            urls=urls,
            region_slug=parent.slug,
            region_name=parent.names[language],
            phase_short_name=phase.short_name if phase else "",
            phase_slug=phase.slug_en if phase else "",
            phase_name=localized(phase, "title", language) if phase else "",
            strand=pairing.strand,
            kind=pairing.kind,
            status=pairing.status,
            start_year=pairing.start_year,
            source_url=pairing.source_url,
            description=rich_text_to_plain_text(
                localized(pairing, "description", language) or ""
            ),
            description_en=description_en,
            eu_places=[self.place(link.place) for link in pairing.eu_places.all()],
            partner_places=[
                self.place(link.place) for link in pairing.partner_places.all()
            ],
            themes=[
                ThemeRecord(
                    slug=theme.slug,
                    name=localized(theme, "name", language),
                    name_en=theme.name_en,
                )
                for theme in sorted(pairing.themes.all(), key=lambda theme: theme.pk)
            ],
            last_published_at=pairing.last_published_at,
        )


def with_record_relations(pairings):
    """`pairings` with what a record reads: three more queries per chunk of pairings."""
    return pairings.defer_streamfields().prefetch_related(
        Prefetch(
            "eu_places",
            queryset=PairingEuPlace.objects.select_related("place").order_by(
                "sort_order", "pk"
            ),
        ),
        Prefetch(
            "partner_places",
            queryset=PairingPartnerPlace.objects.select_related("place").order_by(
                "sort_order", "pk"
            ),
        ),
        Prefetch("themes", queryset=Theme.objects.order_by("pk")),
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
    queryset = with_record_relations(pairings)
    for chunk in _chunks(queryset.iterator(chunk_size=chunk_size), chunk_size):
        builder.load_parents(pairing.path[: -Page.steplen] for pairing in chunk)
        for pairing in chunk:
            record = builder.record(pairing)
            if record is not None:
                yield record


def _chunks(iterator, size):
    chunk = []
    for item in iterator:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def place_json(place: PlaceRecord) -> dict:
    return {
        "id": place.id,
        "name": place.name,
        "name_en": place.name_en,
        "kind": place.kind,
        "country": place.country,
        "country_name": place.country_name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "url": place.url,
    }


def pairing_json(record: PairingRecord) -> dict:
    """A pairing as the JSON download writes it: nested, typed, in the record's language."""
    return {
        "id": record.id,
        "title": record.title,
        "title_en": record.title_en,
        "url": record.url,
        "urls": record.urls,
        "region": {"slug": record.region_slug, "name": record.region_name},
        "phase": {
            "short_name": record.phase_short_name,
            "slug": record.phase_slug,
            "name": record.phase_name,
        }
        if record.phase_slug
        else None,
        "strand": record.strand,
        "kind": record.kind,
        "status": record.status,
        "start_year": record.start_year,
        "source_url": record.source_url,
        "description": record.description,
        "themes": [
            {"slug": theme.slug, "name": theme.name, "name_en": theme.name_en}
            for theme in record.themes
        ],
        "eu_places": [place_json(place) for place in record.eu_places],
        "partner_places": [place_json(place) for place in record.partner_places],
        "last_published_at": record.last_published_at.isoformat()
        if record.last_published_at
        else None,
    }
