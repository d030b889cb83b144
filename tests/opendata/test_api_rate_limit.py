"""The API's rate limit, over real HTTP: each client address gets API_RATE_LIMIT requests,
then a 429 in JSON with Retry-After and no-store, and other addresses are not held up.
The address is the visitor's, as the login throttling sees it (iurc_site/web/client_address.py).
"""

import json
import threading
from contextlib import contextmanager
from urllib.error import HTTPError
from urllib.request import Request, urlopen
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings

import pytest

pytestmark = pytest.mark.django_db

PATH = "/api/v1/phases"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class ThreadedServer(WSGIServer):
    daemon_threads = True


@contextmanager
def http_server():
    """This process's Django on a free port (its settings overrides apply)."""
    server = make_server(
        "127.0.0.1", 0, WSGIHandler(), ThreadedServer, handler_class=QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def fetch(url, **headers):
    """(status, headers, body) of a GET, whatever the status."""
    try:
        with urlopen(Request(url, headers=headers), timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except HTTPError as error:
        return error.code, error.headers, error.read()


@override_settings(API_RATE_LIMIT="3/h")
def test_the_fourth_request_in_the_window_is_a_429_with_retry_after():
    with http_server() as base:
        for _ in range(3):
            status, headers, _body = fetch(base + PATH)
            assert status == 200
        status, headers, body = fetch(base + PATH)
        # Other endpoints share the budget.
        other_status, _headers, _body = fetch(base + "/api/v1/regions")

    assert status == 429
    assert 0 < int(headers["Retry-After"]) <= 60 * 60
    assert headers["Cache-Control"] == "no-store"
    assert headers["Access-Control-Allow-Origin"] == "*"
    error = json.loads(body)["error"]
    assert error["parameter"] is None and "3/h" in error["message"]
    assert other_status == 429


@override_settings(API_RATE_LIMIT="3/h")
def test_pages_are_not_rate_limited():
    with http_server() as base:
        statuses = [fetch(base + PATH)[0] for _ in range(4)]
        page_status = fetch(base + "/en/about/")[0]
    assert statuses == [200, 200, 200, 429]
    assert page_status == 200


@override_settings(API_RATE_LIMIT="2/h", TRUSTED_PROXY_COUNT=1)
def test_behind_a_load_balancer_the_count_is_per_visitor():
    """Every request comes from 127.0.0.1, as through a balancer that appends the
    visitor's address to X-Forwarded-For; the API counts per that address, as the login
    throttling does, and a forged first entry changes nothing."""
    first, second = "203.0.113.7", "198.51.100.20"
    with http_server() as base:
        from_first = [
            fetch(base + PATH, **{"X-Forwarded-For": f"192.0.2.{number}, {first}"})[0]
            for number in range(3)
        ]
        from_second = fetch(base + PATH, **{"X-Forwarded-For": second})[0]
    assert from_first == [200, 200, 429]
    assert from_second == 200
