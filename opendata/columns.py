"""The columns of the CSV and XLSX downloads: one list, read by the writers and the data package.

The import's columns (partners/pairing_import/reading.py) come first and hold what the
import reads, in English: places by their English names, themes by their English
names, the region by its slug. So a downloaded file, edited in a spreadsheet and
uploaded again, changes exactly the rows that were edited. The columns after them say
the same in the file's language (titles, place, country and theme names) and are
ignored by the import.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from partners.pairing_import.planning import PLACE_SEPARATOR
from partners.pairing_import.reading import REQUIRED_COLUMNS

JOINER = f"{PLACE_SEPARATOR} "


@dataclass(frozen=True)
class Column:
    name: str
    frictionless_type: str  # Table Schema type: string, integer...
    title: object  # lazy translatable
    description: object
    value: Callable  # PairingRecord -> str | int | None

    @property
    def required(self) -> bool:
        return self.name in REQUIRED_COLUMNS or self.name == "id"


def joined(values):
    return JOINER.join(values)


COLUMNS = (
    Column(
        "id",
        "integer",
        _("Identifier"),
        _("The pairing's number on this site; it does not change."),
        lambda record: record.id,
    ),
    Column(
        "programme",
        "string",
        _("Programme"),
        _("The programme phase, by its short name (IUC, IURC)."),
        lambda record: record.phase_short_name,
    ),
    Column(
        "region",
        "string",
        _("Region"),
        _("The partner region, by the last part of its English web address."),
        lambda record: record.region_slug,
    ),
    Column(
        "strand",
        "string",
        _("Strand"),
        _("city (city-to-city) or region (region-to-region)."),
        lambda record: record.strand,
    ),
    Column(
        "eu_places",
        "string",
        _("EU places"),
        _("The European places, by their English names, separated by “;”."),
        lambda record: joined(place.name_en for place in record.eu_places),
    ),
    Column(
        "eu_countries",
        "string",
        _("EU countries"),
        _("The ISO 3166 code of each European place's country, in the same order."),
        lambda record: joined(place.country for place in record.eu_places),
    ),
    Column(
        "partner_places",
        "string",
        _("Partner places"),
        _("The partner places, by their English names, separated by “;”."),
        lambda record: joined(place.name_en for place in record.partner_places),
    ),
    Column(
        "partner_countries",
        "string",
        _("Partner countries"),
        _("The ISO 3166 code of each partner place's country, in the same order."),
        lambda record: joined(place.country for place in record.partner_places),
    ),
    Column(
        "themes",
        "string",
        _("Themes"),
        _("The themes, by their English names, separated by “;”."),
        lambda record: joined(theme.name_en for theme in record.themes),
    ),
    Column(
        "start_year",
        "integer",
        _("Start year"),
        _("The year the cooperation started."),
        lambda record: record.start_year,
    ),
    Column(
        "source_url",
        "string",
        _("Source"),
        _("Where the facts come from."),
        lambda record: record.source_url,
    ),
    Column(
        "kind",
        "string",
        _("Kind"),
        _("pair, trio or cluster: how many places cooperate."),
        lambda record: record.kind,
    ),
    Column(
        "status",
        "string",
        _("Status"),
        _("active or completed."),
        lambda record: record.status,
    ),
    Column(
        "description",
        "string",
        _("Description"),
        _("The description in English, as plain text."),
        lambda record: record.description_en,
    ),
    Column(
        "title",
        "string",
        _("Title"),
        _("The pairing's title in the file's language."),
        lambda record: record.title,
    ),
    Column(
        "region_name",
        "string",
        _("Region name"),
        _("The region's name in the file's language."),
        lambda record: record.region_name,
    ),
    Column(
        "phase_name",
        "string",
        _("Programme phase"),
        _("The programme phase's name in the file's language."),
        lambda record: record.phase_name,
    ),
    Column(
        "eu_place_names",
        "string",
        _("EU place names"),
        _("The European places' names in the file's language."),
        lambda record: joined(place.name for place in record.eu_places),
    ),
    Column(
        "eu_country_names",
        "string",
        _("EU country names"),
        _("The European places' countries in the file's language."),
        lambda record: joined(place.country_name for place in record.eu_places),
    ),
    Column(
        "partner_place_names",
        "string",
        _("Partner place names"),
        _("The partner places' names in the file's language."),
        lambda record: joined(place.name for place in record.partner_places),
    ),
    Column(
        "partner_country_names",
        "string",
        _("Partner country names"),
        _("The partner places' countries in the file's language."),
        lambda record: joined(place.country_name for place in record.partner_places),
    ),
    Column(
        "theme_names",
        "string",
        _("Theme names"),
        _("The themes' names in the file's language."),
        lambda record: joined(theme.name for theme in record.themes),
    ),
    Column(
        "url",
        "string",
        _("Web page"),
        _("The pairing's page in the file's language."),
        lambda record: record.url,
    ),
)

COLUMN_NAMES = tuple(column.name for column in COLUMNS)
