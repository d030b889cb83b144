"""The read-only JSON API, /api/v1/ (outside the language prefix; docs/api.md).

Pairings are read through the explorer's own filters (regions/explorer/filters.py) and
ordering, and written from PairingRecords (opendata/records.py), the shape every
download has too. Each list costs a fixed number of queries whatever the number of
pairings: one COUNT, then the records of the page's slice.

What is not about one endpoint is in opendata/middleware.py: CORS, the preflight, the
rate limit, Cache-Control, and JSON for the errors Django answers itself (an unknown
path). Anything refused here is a 400 naming the parameter; never a 500.
"""

import logging
import math
from typing import Literal
from urllib.parse import urlsplit

from django.http import Http404, JsonResponse, QueryDict
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.functional import cached_property

from django_countries import countries
from ninja import NinjaAPI, Path, Query
from ninja.errors import ValidationError

from opendata import api_schemas as schemas
from opendata.records import PlaceRecord, language_codes, localized, pairing_records
from partners.models import Place
from regions.explorer.exploration import ordered_for_listing
from regions.explorer.filters import (
    FILTER_NAMES,
    MAX_TEXT_LENGTH,
    YEARS,
    Vocabulary,
    clean_text,
    explorable_pairings,
    read_filters,
    shown_value,
)
from regions.models import PairingPage
from regions.templatetags.explorer_tags import explorer_page_url

logger = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
LIST_PARAMETERS = ("lang", "page", "page_size")
# Stand-ins for a place's country and slug in its profile's address (place_url_templates).
PLACE_MARKERS = {"country": "xcountryx", "slug": "xslugx"}


class ApiError(Exception):
    """A request the API refuses: answered as {"error": {"parameter", "message"}}."""

    def __init__(self, parameter, message, status=400):
        super().__init__(message)
        self.parameter = parameter
        self.message = message
        self.status = status


def error_response(parameter, message, status):
    return JsonResponse(
        {"error": {"parameter": parameter, "message": message}}, status=status
    )


api = NinjaAPI(
    title="IURC pairings API",
    version="1",
    description=(
        "The city and regional pairings of the EU's International Urban and Regional "
        "Cooperation programme, with their places, regions, themes and programme "
        "phases, in seven languages. Read-only, no key. Data under CC BY 4.0: credit "
        '"IURC".'
    ),
    urls_namespace="api_v1",
    docs_url=None,  # the site's own page, /<lang>/data/api/, documents it
)


@api.exception_handler(ApiError)
def refused(request, error):
    return error_response(error.parameter, error.message, error.status)


@api.exception_handler(ValidationError)
def invalid(request, error):
    """A parameter of the wrong type or out of range (page=abc, page_size=500)."""
    first = error.errors[0] if error.errors else {}
    location = [part for part in first.get("loc", ()) if part != "query"]
    parameter = str(location[-1]) if location else None
    return error_response(parameter, first.get("msg", "Invalid value."), 400)


@api.exception_handler(Http404)
def not_found(request, error):
    return error_response(None, "Not found.", 404)


@api.exception_handler(Exception)
def failed(request, error):
    logger.exception("The API failed on %s", request.path)
    return error_response(None, "The server could not answer; try again later.", 500)


# --- Parameters ----------------------------------------------------------------------

# One of the site's languages: an enum in the OpenAPI document, any other value a 400.
Language = Literal[tuple(language_codes())]
LANG = Query(
    "en",
    description="Language of names, descriptions and `url`: "
    + ", ".join(language_codes())
    + ". Default en.",
)
PAGE = Query(1, ge=1, description="Page number, from 1 to `pages`.")
PAGE_SIZE = Query(
    DEFAULT_PAGE_SIZE,
    ge=1,
    le=MAX_PAGE_SIZE,
    description=f"Objects per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}).",
)


def check_query(request, allowed):
    """400 for a parameter this endpoint does not take, or one given more than once."""
    for name in request.GET:
        if name not in allowed:
            raise ApiError(
                shown_value(name),
                "Unknown parameter. This endpoint takes: " + ", ".join(allowed) + ".",
            )
        if len(request.GET.getlist(name)) > 1:
            raise ApiError(name, "Given more than once; give it once.")


def checked_language(lang):
    if lang not in language_codes():
        raise ApiError(
            "lang", "Not a site language; one of: " + ", ".join(language_codes()) + "."
        )
    return lang


def pairing_filters(request):
    """The explorer's filters from the query string; 400 for a value it does not know."""
    given = QueryDict(mutable=True)
    for name in FILTER_NAMES:
        value = request.GET.get(name)
        if value is None:
            continue
        if name == "q" and len(clean_text(value)) > MAX_TEXT_LENGTH:
            raise ApiError("q", f"At most {MAX_TEXT_LENGTH} characters.")
        given[name] = value
    filters = read_filters(given)
    for name, value in given.items():
        # Empty words (spaces, control characters) and empty values filter nothing.
        if name != "q" and value.strip() and name not in filters.params:
            raise ApiError(name, f"“{shown_value(value)}” is not one of the values.")
    return filters


def page_of(request, count, page, page_size):
    """(pages, offset, next URL, previous URL); 400 for a page beyond the last."""
    pages = max(1, math.ceil(count / page_size))
    if page > pages:
        raise ApiError(
            "page",
            f"Page {page} is past the last page, {pages} ({page_size} results a page).",
        )

    def link(number):
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return (
        pages,
        (page - 1) * page_size,
        link(page + 1) if page < pages else None,
        link(page - 1) if page > 1 else None,
    )


# --- Objects -------------------------------------------------------------------------


class Writer:
    """Turns records and models into the API's dicts, absolute URLs in every language."""

    def __init__(self, request, language):
        self.request = request
        self.language = language
        self.vocabulary = Vocabulary.load()
        self.place_urls = {}

    def absolute(self, url):
        return self.request.build_absolute_uri(url) if url else ""

    def in_every_language(self, url_in):
        """{code: absolute URL} from url_in(), called with each language active."""
        urls = {}
        for code in language_codes():
            with translation.override(code):
                url = url_in()
            if url:
                urls[code] = self.absolute(url)
        return urls

    @cached_property
    def place_url_templates(self):
        """{language: the address of a place's profile with markers}: one reverse each."""
        templates = {}
        for code in language_codes():
            with translation.override(code):
                templates[code] = reverse("place_detail", kwargs=PLACE_MARKERS)
        return templates

    def place(self, record):
        if record.id not in self.place_urls:
            # The profile's address in every language from the one in the record's:
            # resolved once, each language's filled in (translate_url for each would
            # resolve it seven times).
            kwargs = resolve(urlsplit(record.url).path).kwargs
            self.place_urls[record.id] = {
                code: self.absolute(
                    template.replace(
                        PLACE_MARKERS["country"], kwargs["country"]
                    ).replace(PLACE_MARKERS["slug"], kwargs["slug"])
                )
                for code, template in self.place_url_templates.items()
            }
        urls = self.place_urls[record.id]
        return {
            "id": record.id,
            "name": record.name,
            "name_en": record.name_en,
            "kind": record.kind,
            "country": record.country,
            "country_name": record.country_name,
            "latitude": record.latitude,
            "longitude": record.longitude,
            "url": urls[self.language],
            "urls": urls,
        }

    def region_ref(self, region):
        return {
            "id": region.pk,
            "slug": region.slug_en,
            "name": localized(region, "title", self.language),
            "name_en": region.title_en,
        }

    def region(self, region):
        urls = self.in_every_language(lambda: region.get_url(self.request))
        return {
            **self.region_ref(region),
            "countries": [country.code for country in region.countries],
            "url": urls.get(self.language, ""),
            "urls": urls,
        }

    def phase_ref(self, phase):
        return {
            "id": phase.pk,
            "slug": phase.slug_en,
            "short_name": phase.short_name,
            "name": localized(phase, "title", self.language),
            "name_en": phase.title_en,
        }

    def phase(self, phase):
        urls = self.in_every_language(lambda: phase.get_url(self.request))
        return {
            **self.phase_ref(phase),
            "start_year": phase.start_year,
            "end_year": phase.end_year,
            "url": urls.get(self.language, ""),
            "urls": urls,
        }

    def theme(self, theme):
        def explorer_with_theme():
            url = explorer_page_url(self.request)
            return f"{url}?theme={theme.slug}" if url else ""

        urls = self.in_every_language(explorer_with_theme)
        return {
            "id": theme.pk,
            "slug": theme.slug,
            "name": localized(theme, "name", self.language),
            "name_en": theme.name_en,
            "url": urls.get(self.language, ""),
            "urls": urls,
        }

    def pairing(self, record):
        region = self.vocabulary.regions.get(record.region_slug)
        phase = self.vocabulary.phases.get(record.phase_slug)
        themes = self.vocabulary.themes
        urls = {code: self.absolute(url) for code, url in record.urls.items()}
        return {
            "id": record.id,
            "title": record.title,
            "title_en": record.title_en,
            "language": record.language,
            "url": urls.get(record.language, ""),
            "urls": urls,
            "region": self.region_ref(region) if region else None,
            "phase": self.phase_ref(phase) if phase else None,
            "strand": record.strand,
            "kind": record.kind,
            "status": record.status,
            "start_year": record.start_year,
            "source_url": record.source_url,
            "description": record.description,
            "description_en": record.description_en,
            "eu_places": [self.place(place) for place in record.eu_places],
            "partner_places": [self.place(place) for place in record.partner_places],
            "themes": [
                {
                    "id": themes[theme.slug].pk if theme.slug in themes else None,
                    "slug": theme.slug,
                    "name": theme.name,
                    "name_en": theme.name_en,
                }
                for theme in record.themes
            ],
            "last_published_at": record.last_published_at,
        }


# --- Endpoints -----------------------------------------------------------------------

ERRORS = {400: schemas.Error, 429: schemas.Error, 500: schemas.Error}
NOT_FOUND = {404: schemas.Error}
PAIRING_PARAMETERS = (*FILTER_NAMES, *LIST_PARAMETERS)


@api.get(
    "/pairings",
    response={200: schemas.PairingPage, **ERRORS},
    summary="Pairings, filtered as in the explorer",
    description="Newest first (start year), then by title in the language asked for. "
    "The filters take the values of the explorer's web addresses, whatever the "
    "language; a value that does not exist is a 400.",
    tags=["pairings"],
    operation_id="list_pairings",
)
def list_pairings(
    request,
    q: str | None = Query(
        None,
        description=f"Words in the title, or in the name of a place or its country "
        f"(at most {MAX_TEXT_LENGTH} characters).",
    ),
    region: str | None = Query(
        None, description="A region's slug, as in `/api/v1/regions` (e.g. china)."
    ),
    country: str | None = Query(
        None,
        description="ISO 3166-1 alpha-2 code of a place's country, either side (e.g. NL).",
    ),
    theme: str | None = Query(
        None, description="A theme's slug, as in `/api/v1/themes`."
    ),
    phase: str | None = Query(
        None, description="A programme phase's slug, as in `/api/v1/phases`."
    ),
    network: str | None = Query(
        None,
        description="A thematic network's English slug (e.g. "
        "ecological-transition-green-deal): pairings with a place that is a member.",
    ),
    strand: str | None = Query(
        None,
        description="One of: " + ", ".join(PairingPage.Strand.values) + ".",
    ),
    kind: str | None = Query(
        None, description="One of: " + ", ".join(PairingPage.Kind.values) + "."
    ),
    year: int | None = Query(
        None,
        ge=YEARS.start,
        le=YEARS.stop - 1,
        description=f"Start year ({YEARS.start}-{YEARS.stop - 1}).",
    ),
    lang: Language = LANG,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    check_query(request, PAIRING_PARAMETERS)
    language = checked_language(lang)
    with translation.override(language):
        filters = pairing_filters(request)
        pairings = ordered_for_listing(filters.apply(explorable_pairings()))
        count = pairings.count()
        pages, offset, next_url, previous_url = page_of(request, count, page, page_size)
        writer = Writer(request, language)
        records = pairing_records(
            pairings[offset : offset + page_size], language=language, request=request
        )
        results = [writer.pairing(record) for record in records]
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": pages,
        "next": next_url,
        "previous": previous_url,
        "results": results,
    }


@api.get(
    "/pairings/{id}",
    response={200: schemas.Pairing, **NOT_FOUND, **ERRORS},
    summary="One pairing",
    tags=["pairings"],
    operation_id="get_pairing",
)
def get_pairing(
    request,
    id: int = Path(..., description="The pairing's id, as in the list."),
    lang: Language = LANG,
):
    check_query(request, ("lang",))
    language = checked_language(lang)
    with translation.override(language):
        records = list(
            pairing_records(
                explorable_pairings().filter(pk=id), language=language, request=request
            )
        )
        if not records:
            raise ApiError("id", "No pairing has this id.", status=404)
        return Writer(request, language).pairing(records[0])


@api.get(
    "/places",
    response={200: schemas.PlacePage, **ERRORS},
    summary="Places (cities and regions), by English name",
    tags=["places"],
    operation_id="list_places",
)
def list_places(
    request,
    country: str | None = Query(
        None, description="ISO 3166-1 alpha-2 country code (e.g. NL)."
    ),
    lang: Language = LANG,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    check_query(request, ("country", *LIST_PARAMETERS))
    language = checked_language(lang)
    places = Place.objects.order_by("name_en", "pk")
    if country is not None and country.strip():
        code = country.strip().upper()
        if code not in countries:
            raise ApiError(
                "country", f"“{shown_value(country)}” is not a country code."
            )
        places = places.filter(country=code)
    with translation.override(language):
        count = places.count()
        pages, offset, next_url, previous_url = page_of(request, count, page, page_size)
        writer = Writer(request, language)
        results = [
            writer.place(PlaceRecord.from_place(place, language))
            for place in places[offset : offset + page_size]
        ]
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": pages,
        "next": next_url,
        "previous": previous_url,
        "results": results,
    }


@api.get(
    "/places/{id}",
    response={200: schemas.Place, **NOT_FOUND, **ERRORS},
    summary="One place",
    tags=["places"],
    operation_id="get_place",
)
def get_place(
    request,
    id: int = Path(..., description="The place's id, as in the list."),
    lang: Language = LANG,
):
    check_query(request, ("lang",))
    language = checked_language(lang)
    place = Place.objects.filter(pk=id).first()
    if place is None:
        raise ApiError("id", "No place has this id.", status=404)
    with translation.override(language):
        return Writer(request, language).place(PlaceRecord.from_place(place, language))


@api.get(
    "/regions",
    response={200: schemas.RegionList, **ERRORS},
    summary="The world regions, in the site's order",
    tags=["reference"],
    operation_id="list_regions",
)
def list_regions(request, lang: Language = LANG):
    check_query(request, ("lang",))
    language = checked_language(lang)
    with translation.override(language):
        writer = Writer(request, language)
        results = [
            writer.region(region) for region in writer.vocabulary.regions.values()
        ]
    return {"count": len(results), "results": results}


@api.get(
    "/themes",
    response={200: schemas.ThemeList, **ERRORS},
    summary="The themes pairings work on, by name",
    tags=["reference"],
    operation_id="list_themes",
)
def list_themes(request, lang: Language = LANG):
    check_query(request, ("lang",))
    language = checked_language(lang)
    with translation.override(language):
        writer = Writer(request, language)
        results = [writer.theme(theme) for theme in writer.vocabulary.themes.values()]
    return {"count": len(results), "results": results}


@api.get(
    "/phases",
    response={200: schemas.PhaseList, **ERRORS},
    summary="The programme phases, newest first",
    tags=["reference"],
    operation_id="list_phases",
)
def list_phases(request, lang: Language = LANG):
    check_query(request, ("lang",))
    language = checked_language(lang)
    with translation.override(language):
        writer = Writer(request, language)
        results = [writer.phase(phase) for phase in writer.vocabulary.phases.values()]
    return {"count": len(results), "results": results}
