"""Faults with the real services of this machine: PostgreSQL and Redis out of reach."""

import json
import time

from django.utils import translation

from tests.support.database import server_url
from tests.support.redis_url import redis_address, redis_url
from tests.support.servers import free_port
from tests.support.tcp_proxy import CuttableProxy

BACK_IN_A_MOMENT = "Back in a moment"


def translated(language, text):
    with translation.override(language):
        return translation.gettext(text)


def wait_for_status(server, path, status, timeout=15):
    """GET path until it answers `status` (the database may take a moment to return)."""
    deadline = time.monotonic() + timeout
    while True:
        answer = server.get(path)
        if answer[0] == status or time.monotonic() > deadline:
            return answer
        time.sleep(0.3)


def test_database_outage_gives_translated_503_and_recovers_by_itself(
    production_server, test_database_settings
):
    host = test_database_settings["HOST"] or "127.0.0.1"
    port = int(test_database_settings["PORT"] or 5432)
    with CuttableProxy(host, port) as proxy:
        server = production_server(
            DATABASE_URL=server_url(
                settings_dict=test_database_settings, host="127.0.0.1", port=proxy.port
            ),
            DB_CONNECT_TIMEOUT=2,
        )
        status, _headers, body = server.get("/en/about/")
        assert status == 200, body[:500]

        proxy.cut()
        # A persistent connection was open: the first request after the cut finds it
        # dead (health check), cannot reconnect, and gets the 503 page.
        for path, language in (("/en/about/", "en"), ("/ms/tentang-iurc/", "ms")):
            status, headers, body = server.get(path)
            assert status == 503, body[:500]
            assert headers["Retry-After"] == "30"
            assert f'<html lang="{language}">' in body
            assert translated(language, BACK_IN_A_MOMENT) in body
            assert "Traceback" not in body
            assert "OperationalError" not in body
        assert translated("ms", BACK_IN_A_MOMENT) != BACK_IN_A_MOMENT

        status, _headers, body = server.get("/readyz")
        assert status == 503
        assert json.loads(body)["database"] == "unavailable"
        assert "127.0.0.1" not in body and str(proxy.port) not in body
        assert server.get("/healthz")[0] == 200

        proxy.restore()
        status, _headers, body = wait_for_status(server, "/en/about/", 200)
        assert status == 200, body[:500]
        assert server.get("/readyz")[0] == 200
    # Logs are JSON lines (gunicorn's and the application's), and say what happened.
    records = [json.loads(line) for line in server.log().splitlines() if line]
    assert any(
        record["name"] == "iurc_site.web.errors"
        and record["level"] == "WARNING"
        and "Database unavailable" in record["message"]
        for record in records
    )
    assert all(record["time"].endswith("+00:00") for record in records)


def test_cache_outage_pages_still_served_uncached(production_server):
    closed_port = free_port()  # nothing listens there
    server = production_server(REDIS_URL=f"redis://127.0.0.1:{closed_port}/6")
    for path in ("/en/", "/en/about/", "/ms/tentang-iurc/", "/en/regions/"):
        for _attempt in range(2):  # the second would be a cache hit with a cache
            status, headers, body = server.get(path)
            assert status == 200, f"{path}: {body[:500]}"
            assert headers.get("X-Page-Cache") != "hit"
    status, _headers, body = server.get("/readyz")
    assert status == 200
    assert json.loads(body) == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
    }


def test_a_hung_cache_server_costs_one_timeout_not_one_per_cache_call(
    production_server,
):
    # A Redis that accepts connections and never answers (a frozen host). Each page
    # makes several cache calls; after the first times out, the instance stops asking.
    with CuttableProxy(*redis_address()) as proxy:
        proxy.hang()
        server = production_server(REDIS_URL=redis_url(6, port=proxy.port))
        requests = 0
        for path in ("/en/", "/en/about/", "/ms/tentang-iurc/", "/en/regions/"):
            for _attempt in range(2):
                status, _headers, body = server.get(path)
                requests += 1
                assert status == 200, f"{path}: {body[:500]}"
        assert 1 <= proxy.connections_while_hung < requests
        status, _headers, body = server.get("/readyz")
        assert status == 200
        assert json.loads(body)["cache"] == "unavailable"
    records = [json.loads(line) for line in server.log().splitlines() if line]
    assert any(
        record["name"] == "iurc_site.caching.redis_backend"
        and "bypassed" in record["message"]
        for record in records
    )


def test_cache_outage_can_make_an_instance_unready_when_required(production_server):
    server = production_server(
        REDIS_URL=redis_url(6, port=free_port()), READYZ_REQUIRE_CACHE="true"
    )
    assert server.get("/readyz")[0] == 503
    assert server.get("/en/about/")[0] == 200


def test_ready_with_redis_and_database(production_server):
    server = production_server(REDIS_URL=redis_url(6))
    status, _headers, body = server.get("/readyz")
    assert status == 200
    assert json.loads(body) == {"status": "ok", "database": "ok", "cache": "ok"}


def test_https_redirect_hsts_and_secure_cookies_behind_a_proxy(production_server):
    server = production_server(SECURE_SSL_REDIRECT="true")

    # Plain HTTP from the proxy: redirected to HTTPS. Probes are answered as they are.
    status, headers, _body = server.get("/en/")
    assert status == 301
    assert headers["Location"] == "https://127.0.0.1/en/" or headers[
        "Location"
    ].startswith("https://127.0.0.1:")
    assert server.get("/healthz")[0] == 200

    status, headers, _body = server.get(
        "/admin/login/", headers={"X-Forwarded-Proto": "https"}
    )
    assert status == 200
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert "includeSubDomains" in headers["Strict-Transport-Security"]
    cookie = headers["Set-Cookie"]
    assert "csrftoken=" in cookie and "Secure" in cookie
    assert "upgrade-insecure-requests" in headers["Content-Security-Policy"]
