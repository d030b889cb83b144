"""Test set-up: the demo content is loaded once per run; every test rolls back its changes."""

import os

from django.core.management import call_command
from django.db import connection
from django.db.backends.base.creation import TEST_DATABASE_PREFIX
from django.test.utils import setup_databases, teardown_databases
from django.utils import translation

from wagtail.models import Page

import pytest
from hypothesis import settings as hypothesis_settings

from tests.support.caches import clear_caches
from tests.support.two_factor import verified_login

# Fixtures kept in a module of their own rather than in a package's conftest.
pytest_plugins = ["tests.publications.fixtures"]

# In CI the property tests draw the same examples on every run, so that a red build is
# the code's doing and can be replayed; locally they keep drawing new ones. No example
# database either: a fresh clone has none, and it would make runs differ again.
hypothesis_settings.register_profile(
    "ci", derandomize=True, database=None, print_blob=True
)
if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database (PostgreSQL, as in production) with the demo content in it."""
    created_here = None
    with django_db_blocker.unblock():
        if not connection.settings_dict["NAME"].startswith(TEST_DATABASE_PREFIX):
            # pytest-django creates a database only when a collected test asks for one;
            # the browser tests (`pytest -m browser`) need it too, to copy it. Never
            # load the demo content into the database DATABASE_URL names.
            created_here = setup_databases(
                verbosity=0, interactive=False, aliases={"default"}
            )
        call_command("load_demo_content", verbosity=0)
    yield
    if created_here:
        with django_db_blocker.unblock():
            teardown_databases(created_here, verbosity=0)


@pytest.fixture(autouse=True)
def fresh_cache_and_language():
    """Each test starts with empty caches and the default language active.

    The fragments cache too: its keys carry the content version, and the database's
    version goes back to the same number when each test's transaction rolls back.
    """
    clear_caches()
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client, past the second login step of the admin."""
    from django.test import Client

    client = Client()
    verified_login(client, admin_user)
    return client


@pytest.fixture
def demo_page(db):
    """The demo page with the given English URL path, e.g. demo_page("/about/")."""

    def find(path_en):
        return Page.objects.get(url_path_en=f"/iurc{path_en}").specific

    return find


@pytest.fixture
def editor(db, django_user_model):
    """A new user in the named group: editor("Communications"), editor("China coordinators")."""
    from django.contrib.auth.models import Group

    def make(group_name, username=None):
        user = django_user_model.objects.create_user(
            username=username
            or group_name.lower().replace(" ", "-").replace("&", "and"),
            password="not-a-real-password",
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make
