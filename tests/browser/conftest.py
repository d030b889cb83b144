"""A live site for the browser tests: the demo content, served by `runserver` in a
subprocess from a database of its own.

pytest-django's `live_server` would flush the database after every test, and with it the
demo content the rest of the suite shares. Instead, once per run, the session's test
database (with the demo content loaded by tests/conftest.py) is copied into
`<test database>_browser`, which a subprocess serves; it is dropped at the end.

Playwright's sync API runs an event loop in this thread, during which Django refuses
database access: the browser is opened per module, so that it is closed again before
the next module's database tests run.
"""

import os
import sys
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.chromium import launch_chromium
from tests.support.live_server import (
    copy_test_database,
    drop_test_database_copy,
    server_process,
)
from tests.support.servers import free_port


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_url(django_db_setup, django_db_blocker, tmp_path_factory):
    """The base URL of a server with the demo content (e.g. http://127.0.0.1:41234)."""
    with django_db_blocker.unblock():
        database_url = copy_test_database("browser")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "iurc_site.settings.test",
    }
    command = [
        sys.executable,
        "manage.py",
        "runserver",
        f"127.0.0.1:{port}",
        "--noreload",
    ]
    log_path = tmp_path_factory.mktemp("browser") / "server.log"
    try:
        with server_process(command, environment, log_path, f"{base_url}/en/"):
            yield base_url
    finally:
        with django_db_blocker.unblock():
            drop_test_database_copy("browser")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, for the tests of one module."""
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh desktop-sized tab whose relative URLs go to the test server."""
    context = browser.new_context(
        base_url=site_url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()
