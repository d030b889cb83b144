"""Fixtures for the speed and scale tests: the page cache switched on."""

from django.conf import settings as django_settings
from django.utils import translation

import pytest

LANGUAGE_CODES = [code for code, _name in django_settings.LANGUAGES]


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache, on (tests run with it off), in the local-memory cache."""
    settings.PAGE_CACHE_ENABLED = True
    return settings


@pytest.fixture
def urls_in_every_language():
    """The page's URL in each of the seven languages: urls_in_every_language(page)."""

    def urls(page):
        found = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                found[code] = page.get_url()
        return found

    return urls
