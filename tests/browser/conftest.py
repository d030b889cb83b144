"""A live site for the browser tests, served as production serves it.

`site_url` is gunicorn with the production settings: static files collected with
content-hashed names and served by WhiteNoise, the shared cache in Redis and the page
cache on, so that visitors' pages are stored on a first visit and replayed from Redis
after. Redis database 12 (on the server of TEST_REDIS_URL) is the browser tests' own, emptied first.
`test_settings_site_url` serves the same database with the test settings
(`runserver`), for the admin, whose static files the production server does not
collect.

pytest-django's `live_server` would flush the database after every test, and with it the
demo content the rest of the suite shares. Instead, once per run, the session's test
database (with the demo content loaded by tests/conftest.py) is copied into
`<test database>_browser`, which both servers serve; it is dropped at the end.

Playwright's sync API runs an event loop in this thread, during which Django refuses
database access: the browser is opened per module, so that it is closed again before
the next module's database tests run.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from playwright.sync_api import sync_playwright

from tests.browser.chromium import launch_chromium
from tests.support.live_server import (
    copy_test_database,
    drop_test_database_copy,
    server_process,
)
from tests.support.redis_url import redis_url
from tests.support.servers import (
    GunicornServer,
    collect_static,
    free_port,
    production_environment,
)

BROWSER_REDIS_URL = redis_url(12)
# Two workers, as a small production host has: pages stored by one are replayed by the
# other, through Redis.
WORKERS = 2


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_database_url(django_db_setup, django_db_blocker):
    """The URL of a copy of the test database (with the demo content) for the servers."""
    with django_db_blocker.unblock():
        url = copy_test_database("browser")
    try:
        yield url
    finally:
        with django_db_blocker.unblock():
            drop_test_database_copy("browser")


class PageCache:
    """The production server's shared cache (a Redis database of its own)."""

    def __init__(self, url):
        self.redis = redis.Redis.from_url(url)

    def clear(self):
        """Forget every stored page: the next visit to any page renders it again."""
        self.redis.flushdb()


@pytest.fixture(scope="session")
def page_cache():
    cache = PageCache(BROWSER_REDIS_URL)
    cache.clear()
    yield cache
    cache.clear()


def copy_image_files(media_root, django_db_blocker):
    """The demo images' files (generated maps), which the test process stored in its own
    media folder (iurc_site/settings/test.py), on the server's disk, where its
    renditions are made."""
    from wagtail.images import get_image_model

    with django_db_blocker.unblock():
        for image in get_image_model().objects.all():
            target = media_root / image.file.name
            target.parent.mkdir(parents=True, exist_ok=True)
            with image.file.open("rb") as source:
                target.write_bytes(source.read())
    return media_root


@pytest.fixture(scope="session")
def site_media_root(django_db_setup, tmp_path_factory, django_db_blocker):
    """The production server's MEDIA_ROOT, with the demo images' files in it."""
    return copy_image_files(tmp_path_factory.mktemp("media"), django_db_blocker)


@pytest.fixture(scope="session")
def site_url(browser_database_url, page_cache, tmp_path_factory, site_media_root):
    """The base URL of the production server (e.g. http://127.0.0.1:41234)."""
    work = tmp_path_factory.mktemp("production")
    environment = production_environment(
        DATABASE_URL=browser_database_url,
        REDIS_URL=BROWSER_REDIS_URL,
        PAGE_CACHE="on",
        STATIC_ROOT=collect_static(work / "static", public_only=True),
        MEDIA_ROOT=site_media_root,
    )
    with GunicornServer(environment, work / "gunicorn.log", workers=WORKERS) as server:
        yield server.url


@pytest.fixture(scope="session")
def test_settings_site_url(browser_database_url, tmp_path_factory):
    """The base URL of `runserver` with the test settings (the admin's files found in
    the apps, no page cache)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "DATABASE_URL": browser_database_url,
        "DJANGO_SETTINGS_MODULE": "iurc_site.settings.test",
    }
    command = [
        sys.executable,
        "manage.py",
        "runserver",
        f"127.0.0.1:{port}",
        "--noreload",
    ]
    log_path = tmp_path_factory.mktemp("test-settings") / "server.log"
    with server_process(command, environment, log_path, f"{base_url}/en/"):
        yield base_url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, for the tests of one module."""
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


def media_files_from(media_root):
    """A Playwright route handler that serves /media/ from media_root, as the bucket or
    the web server in front of the site does in production (gunicorn serves no media)."""

    def serve(route):
        path = urlsplit(route.request.url).path.removeprefix("/media/")
        target = (media_root / path).resolve()
        if target.is_file() and target.is_relative_to(media_root.resolve()):
            route.fulfill(path=target)
        else:
            route.continue_()

    return serve


@pytest.fixture
def new_tab(browser, site_media_root):
    """new_tab(base_url): a desktop-sized tab of a new visitor (no cookies, nothing in
    the browser's cache), whose relative URLs go to base_url. Closed after the test."""
    contexts = []

    def open_tab(base_url, **options):
        context = browser.new_context(
            base_url=base_url, viewport={"width": 1280, "height": 900}, **options
        )
        context.set_default_timeout(15_000)
        context.route("**/media/**", media_files_from(site_media_root))
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_tab, site_url):
    """A fresh tab whose relative URLs go to the production server."""
    return new_tab(site_url)
