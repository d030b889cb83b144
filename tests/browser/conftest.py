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
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.parse import quote
from urllib.request import urlopen

from django.db import connections

import psycopg2
import pytest
from playwright.sync_api import sync_playwright

from tests.browser.chromium import launch_chromium

ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT = 90


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


def _maintenance(settings_dict, *statements):
    """Run statements such as CREATE DATABASE, which need autocommit, on the server."""
    connection = psycopg2.connect(
        dbname="postgres",
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
    )
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def _database_url(settings_dict, name):
    credentials = ""
    if settings_dict["USER"]:
        credentials = quote(settings_dict["USER"], safe="")
        if settings_dict["PASSWORD"]:
            credentials += ":" + quote(settings_dict["PASSWORD"], safe="")
        credentials += "@"
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{credentials}{host}:{port}/{name}"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(url, process, log_path):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The test server stopped:\n{log_path.read_text()}")
        try:
            with urlopen(url, timeout=5):  # noqa: S310 -- our own server
                return
        except (URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError(
        f"The test server did not answer in time:\n{log_path.read_text()}"
    )


@pytest.fixture(scope="session")
def site_url(django_db_setup, django_db_blocker, tmp_path_factory):
    """The base URL of a server with the demo content (e.g. http://127.0.0.1:41234)."""
    settings_dict = connections["default"].settings_dict
    source = settings_dict["NAME"]
    copy = f"{source}_browser"
    with django_db_blocker.unblock():
        connections.close_all()  # a template database must have no other sessions
        _maintenance(
            settings_dict,
            f'DROP DATABASE IF EXISTS "{copy}"',
            f'CREATE DATABASE "{copy}" TEMPLATE "{source}"',
        )

    port = _free_port()
    log_path = tmp_path_factory.mktemp("browser") / "server.log"
    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(settings_dict, copy),
        "DJANGO_SETTINGS_MODULE": "iurc_site.settings.test",
    }
    with open(log_path, "w") as log:
        server = subprocess.Popen(  # noqa: S603 -- fixed arguments
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
            ],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(f"{base_url}/en/", server, log_path)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        _maintenance(settings_dict, f'DROP DATABASE IF EXISTS "{copy}"')


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
