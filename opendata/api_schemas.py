"""The shapes of the API's answers (opendata/api.py), as its OpenAPI document shows them.

Names are in the language asked for with `?lang=` (English where a name has no
translation), next to the English name; `url` is the object's page in that language and
`urls` the same page in each of the site's seven languages.
"""

from datetime import datetime

from ninja import Schema
from pydantic import Field


class ErrorDetail(Schema):
    parameter: str | None = Field(
        description="The query parameter that was refused; null when none is to blame."
    )
    message: str = Field(description="What is wrong, in English.")


class Error(Schema):
    """Every answer other than a success: 400, 404, 405, 429, 500."""

    error: ErrorDetail


Urls = dict[str, str]
URL_DESCRIPTION = "The object's page in the language asked for (absolute URL)."
URLS_DESCRIPTION = "The object's page in each site language: {language code: URL}."


class Place(Schema):
    id: int = Field(description="Stable identifier of the place.")
    name: str = Field(description="Name in the language asked for.")
    name_en: str = Field(description="Name in English.")
    kind: str = Field(description="city or region.")
    country: str = Field(description="ISO 3166-1 alpha-2 country code.")
    country_name: str = Field(description="Country name in the language asked for.")
    latitude: float | None = Field(
        description="WGS 84, five decimals; null if unknown."
    )
    longitude: float | None = Field(
        description="WGS 84, five decimals; null if unknown."
    )
    url: str = Field(description=URL_DESCRIPTION)
    urls: Urls = Field(description=URLS_DESCRIPTION)


class ThemeRef(Schema):
    id: int = Field(description="Stable identifier of the theme.")
    slug: str = Field(description="The value of the `theme` filter.")
    name: str
    name_en: str


class Theme(ThemeRef):
    url: str = Field(description="The explorer, filtered by this theme.")
    urls: Urls = Field(description=URLS_DESCRIPTION)


class RegionRef(Schema):
    id: int = Field(description="Stable identifier of the region.")
    slug: str = Field(description="The value of the `region` filter.")
    name: str
    name_en: str


class Region(RegionRef):
    countries: list[str] = Field(description="ISO codes of the countries it covers.")
    url: str = Field(description=URL_DESCRIPTION)
    urls: Urls = Field(description=URLS_DESCRIPTION)


class PhaseRef(Schema):
    id: int = Field(description="Stable identifier of the programme phase.")
    slug: str = Field(description="The value of the `phase` filter.")
    short_name: str = Field(description="IUC, IURC, ...")
    name: str
    name_en: str


class Phase(PhaseRef):
    start_year: int
    end_year: int | None
    url: str = Field(description=URL_DESCRIPTION)
    urls: Urls = Field(description=URLS_DESCRIPTION)


class Pairing(Schema):
    id: int = Field(description="Stable identifier of the pairing.")
    title: str = Field(description="Title in the language asked for.")
    title_en: str = Field(description="Title in English.")
    language: str = Field(description="The language of the translated values.")
    url: str = Field(description=URL_DESCRIPTION)
    urls: Urls = Field(description=URLS_DESCRIPTION)
    region: RegionRef | None
    phase: PhaseRef | None
    strand: str = Field(description="The value of the `strand` filter.")
    kind: str = Field(description="The value of the `kind` filter.")
    status: str
    start_year: int | None = Field(description="The value of the `year` filter.")
    source_url: str = Field(description="Where the pairing's facts come from.")
    description: str = Field(description="Plain text, in the language asked for.")
    description_en: str = Field(description="Plain text, in English.")
    eu_places: list[Place] = Field(description="The European side.")
    partner_places: list[Place] = Field(description="The partner side.")
    themes: list[ThemeRef]
    last_published_at: datetime | None


class Page(Schema):
    count: int = Field(description="How many objects match, on every page together.")
    page: int = Field(description="This page's number, from 1.")
    page_size: int = Field(description="Objects per page.")
    pages: int = Field(description="The number of pages (at least 1).")
    next: str | None = Field(description="Absolute URL of the next page, or null.")
    previous: str | None = Field(
        description="Absolute URL of the previous page, or null."
    )


class PairingPage(Page):
    results: list[Pairing]


class PlacePage(Page):
    results: list[Place]


class RegionList(Schema):
    count: int
    results: list[Region]


class ThemeList(Schema):
    count: int
    results: list[Theme]


class PhaseList(Schema):
    count: int
    results: list[Phase]
