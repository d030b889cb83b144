"""Test set-up: the demo content is loaded once per run; every test rolls back its changes."""

from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from wagtail.models import Page

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database (PostgreSQL, as in production) with the demo content in it."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)


@pytest.fixture(autouse=True)
def fresh_cache_and_language():
    """Each test starts with an empty cache and the default language active."""
    cache.clear()
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def demo_page(db):
    """The demo page with the given English URL path, e.g. demo_page("/about/")."""

    def find(path_en):
        return Page.objects.get(url_path_en=f"/iurc{path_en}").specific

    return find
