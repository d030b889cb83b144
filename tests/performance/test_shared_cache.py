"""Two production servers (gunicorn) sharing PostgreSQL and the real Redis: a page
published anywhere is never served stale by either; static files are content-hashed,
compressed and cached for a year by browsers.

The servers run `iurc_site.settings.production` on a copy of the test database with the
demo content, and Redis database 15 (on the server of TEST_REDIS_URL), emptied first.
"""

import os
import re
import subprocess
import sys
from urllib.request import Request, urlopen

import pytest
import redis

from tests.support.live_server import (
    copy_test_database,
    drop_test_database_copy,
    server_process,
)
from tests.support.redis_url import redis_url
from tests.support.servers import ROOT, free_port

REDIS_URL = redis_url(15)
HEADER = "X-Page-Cache"
ONE_YEAR = 365 * 24 * 60 * 60


def get(url, **headers):
    """(status, headers, body) of a GET, with the Host a load balancer would pass on."""
    request = Request(url, headers={"Host": "localhost", **headers})  # noqa: S310 -- our own test server
    with urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def run_manage(environment, *arguments):
    completed = subprocess.run(  # noqa: S603 -- fixed arguments
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else ""


@pytest.fixture(scope="module")
def production_environment(django_db_setup, django_db_blocker, tmp_path_factory):
    """The environment of a production server on a copy of the test database."""
    redis.Redis.from_url(REDIS_URL).flushdb()
    with django_db_blocker.unblock():
        database_url = copy_test_database("pagecache")
    static_root = tmp_path_factory.mktemp("static")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iurc_site.settings.production",
        "SECRET_KEY": "test-only-page-cache",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(static_root),
    }
    environment.pop("PAGE_CACHE", None)  # on by default with REDIS_URL
    # The admin's files are not needed by the public pages: leaving them out keeps
    # this quick (a page that used one would fail with a missing manifest entry).
    run_manage(
        environment,
        "collectstatic",
        "--noinput",
        *("-i", "wagtail*", "-i", "admin", "-i", "modeltranslation", "-i", "django_*"),
    )
    try:
        yield environment
    finally:
        with django_db_blocker.unblock():
            drop_test_database_copy("pagecache")
        redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture(scope="module")
def two_servers(production_environment, tmp_path_factory):
    """The base URLs of two gunicorn servers sharing the database and Redis."""
    logs = tmp_path_factory.mktemp("servers")
    ports = [free_port(), free_port()]
    with (
        gunicorn(production_environment, ports[0], logs / "a.log"),
        gunicorn(production_environment, ports[1], logs / "b.log"),
    ):
        yield [f"http://127.0.0.1:{port}" for port in ports]


def gunicorn(environment, port, log_path):
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "iurc_site.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
    ]
    ready_url = f"http://127.0.0.1:{port}/robots.txt"
    return server_process(command, environment, log_path, ready_url)


def test_a_publish_is_seen_at_once_by_both_servers(two_servers, production_environment):
    server_a, server_b = two_servers

    status, headers, before = get(f"{server_a}/en/about/")
    assert status == 200
    assert headers[HEADER] == "miss"
    status, headers, from_b = get(f"{server_b}/en/about/")
    assert headers[HEADER] == "hit"  # stored by the other server, in Redis
    assert from_b == before
    get(f"{server_b}/ms/tentang-iurc/")  # stored in Malay too

    # An editor publishes, in a third process (as an admin server would).
    run_manage(
        production_environment,
        "shell",
        "-c",
        "from wagtail.models import Page\n"
        "page = Page.objects.get(url_path_en='/iurc/about/').specific\n"
        "page.title_en = 'About IURC, republished'\n"
        "page.title_ms = 'Mengenai IURC, diterbitkan semula'\n"
        "page.save_revision().publish()\n",
    )

    for server in (server_a, server_b):
        status, headers, body = get(f"{server}/en/about/")
        assert status == 200
        assert "About IURC, republished" in body.decode()
        status, headers, body = get(f"{server}/ms/tentang-iurc/")
        assert "Mengenai IURC, diterbitkan semula" in body.decode()
    status, headers, body = get(f"{server_a}/en/about/")
    assert headers[HEADER] == "hit"
    assert "About IURC, republished" in body.decode()


def test_static_files_are_hashed_compressed_and_cached_for_a_year(two_servers):
    server_a, _server_b = two_servers
    _status, _headers, page = get(f"{server_a}/en/")
    match = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page.decode())
    assert match, "the stylesheet's URL carries a hash of its content"
    url = f"{server_a}{match.group(1)}"

    for encoding in ("br", "gzip"):
        status, headers, _body = get(url, **{"Accept-Encoding": encoding})
        assert status == 200
        assert headers["Content-Encoding"] == encoding
        cache_control = headers["Cache-Control"]
        assert "immutable" in cache_control
        max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
        assert max_age >= ONE_YEAR
        assert "Accept-Encoding" in headers["Vary"]
    # The unhashed name may change content at any deployment: browsers must recheck.
    _status, headers, _body = get(f"{server_a}/static/css/site.css")
    assert "immutable" not in headers["Cache-Control"]


def test_production_settings_follow_the_environment(production_environment):
    show = (
        "from django.conf import settings;"
        "print(settings.CACHES['default']['BACKEND'], settings.PAGE_CACHE_ENABLED)"
    )
    on = run_manage(production_environment, "shell", "-c", show).split()
    assert on == ["iurc_site.caching.redis_backend.CircuitBreakingRedisCache", "True"]
    off = {**production_environment, "PAGE_CACHE": "off"}
    assert run_manage(off, "shell", "-c", show).split()[1] == "False"
    local = {**production_environment, "REDIS_URL": ""}
    assert run_manage(local, "shell", "-c", show).split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "False",
    ]
