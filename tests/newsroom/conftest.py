"""Fixtures of the newsroom tests."""

import pytest


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache, on (tests run with it off), in the local-memory cache."""
    settings.PAGE_CACHE_ENABLED = True
    return settings
