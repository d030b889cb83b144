"""Page-cache hits answered before Django builds a request (iurc_site/caching/fast_path.py):
the same keys, the same bypass rules and the same headers as the middleware."""

import io
from wsgiref.util import setup_testing_defaults

from django.test import Client, RequestFactory

import pytest

from iurc_site.caching import fast_path as fast_path_module
from iurc_site.caching.fast_path import PageCacheFastPath
from iurc_site.caching.generation import bump_generation
from iurc_site.caching.page_cache import LOOKUP_ENVIRON_KEY, PageKeys

pytestmark = pytest.mark.django_db


def environ_for(path, method="GET", **extra):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "HTTP_HOST": "testserver",
        "SERVER_NAME": "testserver",
        "wsgi.input": io.BytesIO(b""),
        **extra,
    }
    setup_testing_defaults(environ)
    return environ


class DjangoStandIn:
    """Records the requests the fast path leaves to Django."""

    def __init__(self):
        self.calls = []

    def __call__(self, environ, start_response):
        self.calls.append(environ)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"rendered by Django"]


def call(application, environ):
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], body


@pytest.fixture
def client():
    """Django's test client, with the Host header every real browser sends."""
    return Client(HTTP_HOST="testserver")


@pytest.fixture
def fast_path(page_cache):
    django = DjangoStandIn()
    return PageCacheFastPath(django), django


def test_a_stored_page_is_served_as_stored_without_django(client, fast_path):
    application, django = fast_path
    stored = client.get("/en/about/")
    assert stored["X-Page-Cache"] == "miss"

    status, headers, body = call(application, environ_for("/en/about/"))

    assert django.calls == []
    assert status == "200 OK"
    assert body == stored.content
    assert headers["X-Page-Cache"] == "hit"
    for name in ("Content-Type", "Content-Language", "Content-Security-Policy"):
        assert headers[name] == stored[name]
    _status, head_headers, head_body = call(
        application, environ_for("/en/about/", method="HEAD")
    )
    assert head_body == b""
    assert head_headers["Content-Length"] == headers["Content-Length"]


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/en/about/", {"REQUEST_METHOD": "POST"}),
        ("/en/about/", {"HTTP_COOKIE": "sessionid=abc"}),
        ("/en/about/", {"HTTP_COOKIE": "messages=abc"}),
        ("/admin/", {}),
        ("/", {}),  # its language comes from Accept-Language: Django decides
    ],
    ids=["post", "session", "messages", "admin", "no language prefix"],
)
def test_what_the_middleware_would_not_serve_goes_to_django(
    client, fast_path, path, extra
):
    application, django = fast_path
    client.get("/en/about/")  # stored
    client.get("/")
    environ = environ_for(path)
    environ.update(extra)

    _status, _headers, body = call(application, environ)

    assert body == b"rendered by Django"
    assert len(django.calls) == 1


def test_a_miss_hands_its_lookup_to_the_middleware(fast_path):
    application, django = fast_path
    _status, _headers, body = call(application, environ_for("/en/about/"))
    assert body == b"rendered by Django"
    key, generation = django.calls[0][LOOKUP_ENVIRON_KEY]
    assert key == PageKeys().for_request(
        RequestFactory(HTTP_HOST="testserver").get("/en/about/")
    )
    assert generation is not None


def test_a_page_of_an_older_generation_is_not_served(client, fast_path):
    application, django = fast_path
    client.get("/en/about/")
    for _ in range(2):  # from Redis, then from this process's recent pages
        _status, headers, _body = call(application, environ_for("/en/about/"))
        assert headers["X-Page-Cache"] == "hit"
    assert django.calls == []
    bump_generation()

    _status, _headers, body = call(application, environ_for("/en/about/"))

    assert body == b"rendered by Django"


def test_the_key_is_the_middlewares_for_https_behind_a_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    keys = PageKeys()
    application = PageCacheFastPath(DjangoStandIn())
    for forwarded in ("https", "http"):
        request = RequestFactory(HTTP_HOST="testserver").get(
            "/ms/tentang-iurc/?b=2&a=1", HTTP_X_FORWARDED_PROTO=forwarded
        )
        environ = environ_for(
            "/ms/tentang-iurc/",
            QUERY_STRING="b=2&a=1",
            HTTP_X_FORWARDED_PROTO=forwarded,
        )
        assert application.key_for(environ) == keys.for_request(request)
    assert application.key_for(
        environ_for("/ms/tentang-iurc/", HTTP_X_FORWARDED_PROTO="https")
    ) != application.key_for(environ_for("/ms/tentang-iurc/"))


def test_nothing_is_looked_up_while_the_page_cache_is_off(settings, monkeypatch):
    settings.PAGE_CACHE_ENABLED = False
    looked_up = []
    monkeypatch.setattr(fast_path_module, "lookup", lambda key: looked_up.append(key))
    django = DjangoStandIn()
    call(PageCacheFastPath(django), environ_for("/en/about/"))
    assert looked_up == []
    assert len(django.calls) == 1


def remembered_then_dropped_from_redis(client, application):
    """Serve /en/about/ once through the fast path, then delete it from the shared cache:
    what the fast path answers next comes from this process's memory or from Django."""
    from django.core.cache import cache

    client.get("/en/about/")
    _status, headers, _body = call(application, environ_for("/en/about/"))
    assert headers["X-Page-Cache"] == "hit"
    cache.delete(application.key_for(environ_for("/en/about/")))
    return call(application, environ_for("/en/about/"))


def test_a_page_served_lately_is_answered_from_memory(client, fast_path):
    application, django = fast_path
    _status, headers, _body = remembered_then_dropped_from_redis(client, application)
    assert headers["X-Page-Cache"] == "hit"
    assert django.calls == []


def test_a_page_is_kept_in_memory_no_longer_than_its_time(
    client, fast_path, monkeypatch
):
    application, django = fast_path
    monkeypatch.setattr(fast_path_module, "RECENT_PAGE_SECONDS", 0)
    _status, _headers, body = remembered_then_dropped_from_redis(client, application)
    assert body == b"rendered by Django"
    assert len(django.calls) == 1


def test_a_large_page_is_not_kept_in_memory(client, fast_path, monkeypatch):
    application, django = fast_path
    monkeypatch.setattr(fast_path_module, "RECENT_PAGE_MAX_BYTES", 100)
    _status, _headers, body = remembered_then_dropped_from_redis(client, application)
    assert body == b"rendered by Django"
    assert len(django.calls) == 1


def test_a_failure_in_the_fast_path_leaves_the_request_to_django(
    fast_path, monkeypatch, caplog
):
    application, django = fast_path

    def broken_lookup(key):
        raise ValueError("a stored value that cannot be read")

    monkeypatch.setattr(fast_path_module, "lookup", broken_lookup)
    _status, _headers, body = call(application, environ_for("/en/about/"))
    assert body == b"rendered by Django"
    assert LOOKUP_ENVIRON_KEY not in django.calls[0]
    assert "fast path failed" in caplog.text
