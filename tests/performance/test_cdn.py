"""A CDN or Varnish in front: what the site lets it keep, and its purge on every change.

The first tests run the production settings under gunicorn behind a real Varnish with
the repository's VCL (deploy/varnish/default.vcl); the rest use Django's test client.
"""

import subprocess
import sys
import time

from django.http import HttpResponse
from django.test import RequestFactory

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

import pytest
import redis

from iurc_site.caching.frontend import CacheControlMiddleware, purge_everything
from tests.support.live_server import copy_test_database, drop_test_database_copy
from tests.support.redis_url import redis_url
from tests.support.servers import (
    ROOT,
    GunicornServer,
    free_port,
    production_environment,
)
from tests.support.tcp_proxy import CuttableProxy
from tests.support.varnish import VarnishServer

REDIS_URL = redis_url(13)
# The demo content's Site: its root is what the site purges, its host what visitors ask.
SITE_HOST = "localhost"
PUBLIC = "public, max-age=60, s-maxage=600, stale-while-revalidate=30"
PRIVATE = "private, no-store"


def run_in_site(environment, code):
    """Run Python in a Django shell with the site's environment; returns its stdout."""
    shell_environment = {
        key: value
        for key, value in environment.items()
        if not key.startswith(("GUNICORN_", "WEB_CONCURRENCY"))
    }
    finished = subprocess.run(  # noqa: S603 -- our own code, in our own shell
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=shell_environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


PUBLISH_ABOUT_TITLE = """
from wagtail.models import Page
about = Page.objects.get(url_path_en="/iurc/about/").specific
about.title_en = {title!r}
about.save_revision().publish()
"""

EDITOR_SESSION = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
user = get_user_model().objects.create_superuser(
    "cdn-editor", "cdn-editor@example.org", "not-a-real-password-42"
)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
# Past the second login step, as django_otp.login() leaves a session (docs/two-factor.md).
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
device = TOTPDevice.objects.create(user=user, name="Authenticator app")
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session.save()
print(session.session_key)
"""


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """STATIC_ROOT after `collectstatic` (the manifest storage needs it to render)."""
    root = tmp_path_factory.mktemp("cdn-static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=production_environment(
            STATIC_ROOT=root, DATABASE_URL="postgres://127.0.0.1:1/unused"
        ),
        check=True,
    )
    return root


@pytest.fixture
def behind_varnish(django_db_setup, django_db_blocker, static_root, tmp_path):
    """(varnish, site): gunicorn with production settings and the page cache on (Redis
    DB 13), on a copy of the test database, purging the Varnish in front of it."""
    redis.Redis.from_url(REDIS_URL).flushdb()
    with django_db_blocker.unblock():
        database = copy_test_database("cdn")
    site = GunicornServer(
        production_environment(
            DATABASE_URL=database,
            REDIS_URL=REDIS_URL,
            STATIC_ROOT=static_root,
            MEDIA_ROOT=tmp_path / "media",
        ),
        tmp_path / "gunicorn.log",
    )
    varnish_dir = tmp_path / "varnish"
    varnish_dir.mkdir()
    varnish = VarnishServer(backend_port=site.port, workdir=varnish_dir)
    site.environment["FRONTEND_CACHE_URL"] = varnish.url
    try:
        with site, varnish:
            yield varnish, site
    finally:
        with django_db_blocker.unblock():
            drop_test_database_copy("cdn")
        redis.Redis.from_url(REDIS_URL).flushdb()


def through_varnish(varnish, path, **headers):
    return varnish.get(path, headers={"Host": SITE_HOST, **headers})


def test_varnish_serves_a_page_again_until_an_editor_publishes_a_change(
    behind_varnish,
):
    varnish, site = behind_varnish

    status, first, body = through_varnish(varnish, "/en/about/")
    assert status == 200, body
    assert first["X-Cache"] == "miss"
    assert first["Cache-Control"] == PUBLIC
    assert "x-cache-host" not in first  # the VCL's own bookkeeping stays inside

    time.sleep(1.1)  # Age counts whole seconds
    status, second, again = through_varnish(varnish, "/en/about/")
    assert status == 200
    assert second["X-Cache"] == "hit"
    assert (
        len(second["X-Varnish"].split()) == 2
    )  # this request's id and the stored one's
    assert int(second["Age"]) >= 1
    assert again == body

    title = "About the cities that pair up (published through the CDN test)"
    assert title not in body
    run_in_site(site.environment, PUBLISH_ABOUT_TITLE.format(title=title))

    status, third, changed = through_varnish(varnish, "/en/about/")
    assert status == 200
    assert third["X-Cache"] == "miss"  # purged: without it, the old page for 10 minutes
    assert title in changed
    status, fourth, _ = through_varnish(varnish, "/en/about/")
    assert fourth["X-Cache"] == "hit"  # and cached again


def test_an_editors_pages_go_through_varnish_uncached(behind_varnish):
    varnish, site = behind_varnish
    # The last line: the shell first says what it imported.
    session_key = run_in_site(site.environment, EDITOR_SESSION).split()[-1]
    cookie = f"sessionid={session_key}"

    answers = [through_varnish(varnish, "/en/about/", Cookie=cookie) for _ in range(2)]

    for status, headers, body in answers:
        assert status == 200
        assert headers["Cache-Control"] == PRIVATE
        assert headers["X-Cache"] == "miss"
        assert len(headers["X-Varnish"].split()) == 1  # nothing stored was used
        assert "wagtail-userbar" in body  # the editor's own page
    status, anonymous, body = through_varnish(varnish, "/en/about/")
    assert status == 200
    assert "wagtail-userbar" not in body
    assert anonymous["Cache-Control"] == PUBLIC


def test_varnish_keeps_nothing_the_site_did_not_mark_public(behind_varnish):
    varnish, _site = behind_varnish
    for _ in range(2):
        # "/" redirects by the visitor's language: never one visitor's for another.
        status, headers, _body = through_varnish(
            varnish, "/", **{"Accept-Language": "ms"}
        )
        assert status == 302
        assert headers["Location"].startswith("/ms/")
        assert headers["Cache-Control"] == "no-store"
        assert headers["X-Cache"] == "miss"
    status, headers, _body = through_varnish(varnish, "/", **{"Accept-Language": "es"})
    assert headers["Location"].startswith("/es/")


# --- The headers, with Django's test client ------------------------------------------


@pytest.mark.django_db
def test_anonymous_pages_are_public_for_shared_caches(client, settings):
    settings.CDN_MAX_AGE = 45
    settings.CDN_S_MAXAGE = 900
    settings.CDN_STALE_WHILE_REVALIDATE = 15
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert response["Cache-Control"] == (
        "public, max-age=45, s-maxage=900, stale-while-revalidate=15"
    )


@pytest.mark.django_db
def test_a_stored_page_is_replayed_with_its_cache_control(client, page_cache):
    first = client.get("/en/about/")
    second = client.get("/en/about/")
    assert second["X-Page-Cache"] == "hit"
    assert second["Cache-Control"] == first["Cache-Control"] == PUBLIC


@pytest.mark.django_db
def test_an_editors_page_is_private_and_never_stored(admin_client, page_cache):
    response = admin_client.get("/en/about/")
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_a_preview_is_private():
    def preview(request):
        request.is_preview = True
        return HttpResponse("draft")

    response = CacheControlMiddleware(preview)(RequestFactory().get("/en/about/"))
    assert response["Cache-Control"] == PRIVATE


@pytest.mark.django_db
def test_what_a_view_says_about_caching_is_kept(client):
    response = client.get("/en/map/pairings.json")
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=300"}


@pytest.mark.django_db
def test_redirects_errors_and_forms_with_a_token_are_not_for_shared_caches(
    client, demo_page
):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ms")["Cache-Control"] == "no-store"
    missing = client.get("/en/no-such-page/")
    assert missing.status_code == 404
    assert missing["Cache-Control"] == "no-store"
    login = client.get("/admin/login/")  # sets the visitor's CSRF token
    assert "csrftoken" in login.cookies
    assert "public" not in login["Cache-Control"]


def test_only_get_and_head_are_marked():
    middleware = CacheControlMiddleware(lambda request: HttpResponse("done"))
    assert not middleware(RequestFactory().post("/en/about/")).has_header(
        "Cache-Control"
    )
    head = middleware(RequestFactory().head("/en/about/"))
    assert head["Cache-Control"] == PUBLIC


# --- The purge, with a recording backend ---------------------------------------------


class RecordingBackend(BaseBackend):
    """A front-end cache that remembers what it was asked to purge."""

    purged = []

    def purge(self, url):
        RecordingBackend.purged.append(url)


@pytest.fixture
def recorded_purges(monkeypatch):
    """Every URL any Wagtail front-end cache backend is asked to purge."""
    purged = []
    monkeypatch.setattr(RecordingBackend, "purged", purged)
    original = BaseBackend.purge_batch

    def recording_batch(self, urls):
        if not isinstance(self, RecordingBackend):
            purged.extend(urls)
        original(self, urls)

    monkeypatch.setattr(BaseBackend, "purge_batch", recording_batch)
    return purged


def publish_about(demo_page, django_capture_on_commit_callbacks, title):
    about = demo_page("/about/")
    about.title_en = title
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()


@pytest.mark.django_db
def test_a_publish_purges_each_sites_root_once(
    settings, demo_page, django_capture_on_commit_callbacks, recorded_purges
):
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": f"{__name__}.RecordingBackend"}
    }
    publish_about(demo_page, django_capture_on_commit_callbacks, "About, again")
    # Not the page's own URL as well: Wagtail's per-page handlers are not connected.
    assert recorded_purges == ["http://localhost/*"]


@pytest.mark.django_db
def test_the_purge_is_sent_again_after_pages_rendered_before_the_change(
    settings, demo_page, django_capture_on_commit_callbacks, recorded_purges
):
    """A page rendered from before the commit can reach the cache after the first purge."""
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": f"{__name__}.RecordingBackend"}
    }
    settings.FRONTEND_CACHE_PURGE_AGAIN_SECONDS = 0.2
    publish_about(demo_page, django_capture_on_commit_callbacks, "About, twice")
    assert recorded_purges == ["http://localhost/*"]
    deadline = time.monotonic() + 5
    while len(recorded_purges) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert recorded_purges == ["http://localhost/*", "http://localhost/*"]


@pytest.mark.django_db
def test_without_a_front_end_cache_nothing_is_purged(
    settings, demo_page, django_capture_on_commit_callbacks, recorded_purges
):
    assert not getattr(settings, "WAGTAILFRONTENDCACHE", None)
    publish_about(demo_page, django_capture_on_commit_callbacks, "About, unpurged")
    assert recorded_purges == []
    assert demo_page("/about/").title_en == "About, unpurged"


@pytest.mark.django_db
def test_a_cache_that_is_down_is_logged_and_the_publish_goes_on(
    settings, demo_page, django_capture_on_commit_callbacks, caplog
):
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "iurc_site.caching.frontend.HTTPBackend",
            "LOCATION": closed,
        }
    }
    publish_about(demo_page, django_capture_on_commit_callbacks, "About, while down")
    assert demo_page("/about/").live
    assert demo_page("/about/").title_en == "About, while down"
    assert "did not purge http://localhost/*" in caplog.text


@pytest.mark.django_db
def test_a_cache_that_hangs_holds_a_publish_only_for_the_timeout(
    settings, demo_page, django_capture_on_commit_callbacks, caplog
):
    with CuttableProxy("127.0.0.1", 9) as proxy:
        proxy.hang()
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "iurc_site.caching.frontend.HTTPBackend",
                "LOCATION": f"http://127.0.0.1:{proxy.port}",
                "TIMEOUT": 0.5,
            }
        }
        started = time.monotonic()
        publish_about(demo_page, django_capture_on_commit_callbacks, "About, hung")
        took = time.monotonic() - started
    assert took < 5
    assert "did not purge http://localhost/*" in caplog.text


@pytest.mark.django_db
def test_a_misconfigured_cache_never_raises_into_the_publish(
    settings, demo_page, django_capture_on_commit_callbacks, caplog
):
    settings.WAGTAILFRONTENDCACHE = {"broken": {"BACKEND": "no.such.Backend"}}
    purge_everything()
    publish_about(demo_page, django_capture_on_commit_callbacks, "About, misconfigured")
    assert demo_page("/about/").title_en == "About, misconfigured"
    assert "could not be purged" in caplog.text
