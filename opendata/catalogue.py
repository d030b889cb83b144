"""What the open data is, described once for both kinds of metadata the site publishes.

The Frictionless data package (`datapackage.py`) and the DCAT-AP catalogue (`dcat.py`)
describe the same things: one dataset, the pairings, downloadable in four formats in each
site language, and the API that serves it. Both read their titles, URLs and dates here.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from regions.explorer.filters import explorable_pairings

DATASET_NAME = "iurc-pairings"
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
PUBLISHER_NAME = "International Urban and Regional Cooperation (IURC)"

DATASET_TITLE = _("IURC pairings")
DATASET_DESCRIPTION = _(
    "The cooperation pairings of European cities and regions with partners in Latin "
    "America and the Caribbean, North America, China and Asia & Australasia, in the "
    "International Urban Cooperation (IUC) and International Urban and Regional "
    "Cooperation (IURC) programmes of the European Union: the places on each side, their "
    "countries and coordinates, the themes, the start year and the status of each pairing."
)
CATALOGUE_TITLE = _("IURC open data")
CATALOGUE_DESCRIPTION = _(
    "Open data of the International Urban and Regional Cooperation programme, "
    "free to reuse with credit under the Creative Commons Attribution 4.0 licence."
)
API_TITLE = _("IURC pairings API")
KEYWORDS = (_("city pairings"), _("urban cooperation"), _("regional cooperation"))


@dataclass(frozen=True)
class DownloadFormat:
    """A file format of the downloads: its URL extension, media type and name in the
    EU's file-type authority table (what DCAT-AP asks for in dct:format)."""

    extension: str
    media_type: str
    eu_file_type: str
    label: str


DOWNLOAD_FORMATS = (
    DownloadFormat("csv", "text/csv", "CSV", "CSV"),
    DownloadFormat(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "XLSX",
        "Excel",
    ),
    DownloadFormat("json", "application/json", "JSON", "JSON"),
    DownloadFormat("geojson", "application/geo+json", "GEOJSON", "GeoJSON"),
)


def language_codes():
    """The site's languages, in the order of settings.LANGUAGES."""
    return [code for code, _name in settings.LANGUAGES]


def in_every_language(text):
    """{language: text} for a lazy translatable string."""
    values = {}
    for code in language_codes():
        with translation.override(code):
            values[code] = str(text)
    return values


def download_path(extension, language):
    """The path of the download of every pairing in one format and language."""
    with translation.override(language):
        return reverse("pairings_download", kwargs={"extension": extension})


def absolute(request, path):
    return request.build_absolute_uri(path)


def last_modified():
    """When a listed pairing was last published (None when there is none)."""
    return explorable_pairings().aggregate(latest=Max("last_published_at"))["latest"]
