"""Downloads of any explorer view: CSV, XLSX, JSON and GeoJSON of exactly the pairings it lists.

    /<lang>/data/pairings.<csv|xlsx|json|geojson>?<the explorer's filters>

The pairings are read in chunks (opendata/records.py) and written as they come: CSV,
JSON and GeoJSON stream to the client, so the first bytes leave at once and the worker
holds one chunk, never the file. An XLSX file is a zip archive whose directory comes
last, so it cannot be sent before it is complete: XlsxWriter's constant-memory mode
writes it row by row into a temporary file on disk, which is then sent.
"""

import csv
import json
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, OuterRef, Q
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_safe

import xlsxwriter

from opendata import catalogue
from opendata.api import Writer
from opendata.columns import COLUMN_NAMES, COLUMNS
from opendata.records import PlaceRecord, pairing_records
from partners.models import Place
from partners.pairing_import.cells import neutralise_formula
from regions.explorer import read_filters
from regions.explorer.exploration import ordered_for_listing
from regions.explorer.filters import explorable_pairings
from regions.models import PairingEuPlace, PairingPartnerPlace

ROWS_PER_WRITE = 200  # rows joined into one chunk of the response: fewer, larger writes
FORMATS = {download.extension: download for download in catalogue.DOWNLOAD_FORMATS}
# Characters an XLSX file cannot hold (XML 1.0 forbids most control characters).
XML_ILLEGAL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
MAX_FILE_NAME_PART = 60


def _batched(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def in_language(language: str, chunks: Iterable) -> Iterator:
    """`chunks`, produced with `language` active (a streamed body is written after the
    request's own language handling has finished)."""
    iterator = iter(chunks)
    while True:
        with translation.override(language):
            chunk = next(iterator, None)
        if chunk is None:
            return
        yield chunk


def spreadsheet_row(record) -> list:
    """A record's cells in column order, text made harmless for spreadsheet programs."""
    row = []
    for column in COLUMNS:
        value = column.value(record)
        row.append("" if value is None else neutralise_formula(value))
    return row


class _Line:
    """A file-like object whose write() returns what it is given (for csv.writer)."""

    def write(self, text):
        return text


def csv_chunks(records) -> Iterator[str]:
    writer = csv.writer(_Line())
    # The byte order mark makes Excel read the file as UTF-8 (Chinese, Thai names);
    # the import and other tools skip it.
    yield "\ufeff" + writer.writerow(COLUMN_NAMES)
    for batch in _batched(records, ROWS_PER_WRITE):
        yield "".join(writer.writerow(spreadsheet_row(record)) for record in batch)


def write_xlsx(records, file) -> None:
    """The records as an Excel workbook, written row by row (XlsxWriter's constant
    memory mode) into `file`. Text is never read as a formula, a number or a link."""
    workbook = xlsxwriter.Workbook(
        file,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    sheet = workbook.add_worksheet("pairings")
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, COLUMN_NAMES, workbook.add_format({"bold": True}))
    for number, record in enumerate(records, start=1):
        sheet.write_row(
            number,
            0,
            [
                value.translate(XML_ILLEGAL) if isinstance(value, str) else value
                for value in spreadsheet_row(record)
            ],
        )
    workbook.close()


def _json(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def _json_array(items: Iterable[str]) -> Iterator[str]:
    """The items (JSON texts) as the elements of an array, in chunks."""
    first = True
    for batch in _batched(items, ROWS_PER_WRITE):
        yield ("" if first else ",") + ",".join(batch)
        first = False


def json_chunks(records, request, language) -> Iterator[str]:
    yield (
        _json(
            {
                "name": catalogue.DATASET_NAME,
                "language": language,
                "licence": catalogue.LICENCE["path"],
                "source": request.build_absolute_uri("/"),
            }
        )[:-1]
        + ',"pairings":['
    )
    # Each pairing as the API gives it (opendata/api.py): one shape for both.
    writer = Writer(request, language)
    yield from _json_array(_json(writer.pairing(record)) for record in records)
    yield "]}"


def _point(place: PlaceRecord) -> dict:
    return {"type": "Point", "coordinates": [place.longitude, place.latitude]}


def place_feature(place: PlaceRecord, side: str) -> dict:
    return {
        "type": "Feature",
        "id": f"place-{place.id}",
        "geometry": _point(place),
        "properties": {
            "feature_type": "place",
            # Not "id": GDAL takes an integer property of that name as the feature's id,
            # and places and pairings would share them.
            "place_id": place.id,
            "name": place.name,
            "name_en": place.name_en,
            "kind": place.kind,
            "side": side,
            "country": place.country,
            "country_name": place.country_name,
            "url": place.url,
        },
    }


def pairing_feature(record) -> dict:
    """A pairing as lines from each of its EU places to each of its partner places."""
    lines = [
        [_point(eu)["coordinates"], _point(partner)["coordinates"]]
        for eu in record.eu_places
        if eu.has_coordinates
        for partner in record.partner_places
        if partner.has_coordinates
    ]
    names = "; ".join
    return {
        "type": "Feature",
        "id": f"pairing-{record.id}",
        "geometry": {"type": "MultiLineString", "coordinates": lines}
        if lines
        else None,
        "properties": {
            "feature_type": "pairing",
            "pairing_id": record.id,
            "title": record.title,
            "url": record.url,
            "region": record.region_slug,
            "region_name": record.region_name,
            "programme": record.phase_short_name,
            "phase_name": record.phase_name,
            "strand": record.strand,
            "kind": record.kind,
            "status": record.status,
            "start_year": record.start_year,
            "eu_places": names(place.name for place in record.eu_places),
            "partner_places": names(place.name for place in record.partner_places),
            "themes": names(theme.name for theme in record.themes),
            "source_url": record.source_url,
        },
    }


def places_of(pairings):
    """The places of `pairings` that have coordinates, each marked EU or not: one query."""
    pairing_ids = pairings.order_by().values("pk")
    eu = PairingEuPlace.objects.filter(pairing_id__in=pairing_ids)
    partner = PairingPartnerPlace.objects.filter(pairing_id__in=pairing_ids)
    return (
        Place.objects.filter(
            Q(pk__in=eu.values("place_id")) | Q(pk__in=partner.values("place_id"))
        )
        .exclude(latitude=None)
        .exclude(longitude=None)
        .annotate(is_eu=Exists(eu.filter(place_id=OuterRef("pk"))))
        .order_by("country", "name_en", "pk")
    )


def geojson_chunks(pairings, request, language) -> Iterator[str]:
    places = places_of(pairings)
    absolute = request.build_absolute_uri
    yield '{"type":"FeatureCollection","features":['
    place_features = (
        _json(
            place_feature(
                PlaceRecord.from_place(place, language, absolute),
                "eu" if place.is_eu else "partner",
            )
        )
        for place in places.iterator(chunk_size=ROWS_PER_WRITE)
    )
    pairing_features = (
        _json(pairing_feature(record))
        for record in pairing_records(pairings, language=language, request=request)
    )
    started = False
    for chunk in _json_array(place_features):
        started = True
        yield chunk
    for index, chunk in enumerate(_json_array(pairing_features)):
        yield ("," if started and index == 0 else "") + chunk
    yield "]}"


def file_name(filters, language: str, extension: str) -> str:
    """iurc-pairings-pt-latin-america.csv: the language and the filters' values."""
    values = slugify("-".join(str(value) for value in filters.query().values()))
    parts = [catalogue.DATASET_NAME, language.lower()]
    if values:
        parts.append(values[:MAX_FILE_NAME_PART].strip("-"))
    return "-".join(parts) + f".{extension}"


def bad_filters_response(notices):
    response = HttpResponse(
        "\n".join(str(notice) for notice in notices) + "\n",
        status=400,
        content_type="text/plain; charset=utf-8",
    )
    patch_cache_control(response, no_store=True)
    return response


@require_safe
def pairings_download(request, extension):
    """The pairings of the explorer view given by the query string, in one file format."""
    download = FORMATS.get(extension)
    if download is None:
        raise Http404
    filters = read_filters(request.GET)
    if filters.notices:
        # A filter we could not use would give more pairings than the visitor asked for.
        return bad_filters_response(filters.notices)
    language = translation.get_language()
    pairings = ordered_for_listing(filters.apply(explorable_pairings()))
    name = file_name(filters, language, extension)
    content_type = download.media_type
    if extension == "xlsx":
        file = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
        write_xlsx(pairing_records(pairings, language=language, request=request), file)
        file.seek(0)
        response = FileResponse(
            file, as_attachment=True, filename=name, content_type=content_type
        )
    else:
        if extension == "csv":
            chunks = csv_chunks(
                pairing_records(pairings, language=language, request=request)
            )
            content_type += "; charset=utf-8"
        elif extension == "json":
            chunks = json_chunks(
                pairing_records(pairings, language=language, request=request),
                request,
                language,
            )
        else:
            chunks = geojson_chunks(pairings, request, language)
        response = StreamingHttpResponse(
            in_language(language, chunks), content_type=content_type
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=settings.IURC_MAP_DATA_MAX_AGE)
    return response
