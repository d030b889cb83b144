"""Translated 404, 500 and 503 pages; a slow query cut off by the statement timeout."""

import threading
import time

from django.db import OperationalError, connection
from django.test import Client
from django.utils import translation

import psycopg2
import pytest

from iurc_site.web.errors import server_error
from tests.support.database import connect, server_url


def gettext_in(language, text):
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ms", "zh-hans", "th"])
def test_404_page_is_in_the_visitors_language(client, language):
    response = client.get(f"/{language}/no-such-page-anywhere/")

    assert response.status_code == 404
    body = response.content.decode()
    assert f'lang="{language}"' in body
    assert gettext_in(language, "Page not found") in body


def test_500_page_is_translated_and_needs_no_database(rf):
    # No django_db mark: any database access would fail this test.
    request = rf.get("/vi/some-page/")
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(request)

    assert response.status_code == 500
    body = response.content.decode()
    assert 'lang="vi"' in body
    assert gettext_in("vi", "Something went wrong") in body
    assert gettext_in("vi", "Something went wrong") != "Something went wrong"
    assert "a bug" not in body


def test_database_errors_give_the_503_page(rf):
    request = rf.get("/es/regiones/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert gettext_in("es", "Back in a moment") in body
    assert "server closed" not in body


@pytest.mark.django_db
def test_bad_host_header_is_a_400_not_a_500():
    client = Client(raise_request_exception=False)
    response = client.get("/en/", HTTP_HOST="evil.example")

    assert response.status_code == 400


@pytest.mark.django_db(transaction=False)
def test_a_query_stuck_behind_a_lock_is_cut_off_and_gets_the_503_page(
    demo_page, settings
):
    """A page whose query waits on a lock answers 503 after the statement timeout.

    The lock stands for any query that would run too long. In production the timeout
    comes from DB_STATEMENT_TIMEOUT_MS through the connection options; here it is set
    on the test's connection, inside the test's transaction.
    """
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 500")
    locker = connect()
    try:
        with locker.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")
            cursor.execute("LOCK TABLE wagtailcore_page IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        response = Client(raise_request_exception=False).get("/en/about/")
        elapsed = time.monotonic() - started
    finally:
        locker.rollback()
        locker.close()

    assert response.status_code == 503
    assert elapsed < 5
    assert gettext_in("en", "Back in a moment") in response.content.decode()


def test_production_connections_carry_the_statement_timeout(
    test_database_settings, monkeypatch
):
    from iurc_site.settings.base import databases_from_env

    monkeypatch.setenv("DATABASE_URL", server_url(settings_dict=test_database_settings))
    monkeypatch.setenv("DB_STATEMENT_TIMEOUT_MS", "300")
    options = databases_from_env(statement_timeout_ms=30_000)["default"]["OPTIONS"]
    assert options["options"] == "-c statement_timeout=300"

    connection_to_test_database = connect(
        settings_dict=test_database_settings, **options
    )
    outcome = {}

    def sleep():
        started = time.monotonic()
        try:
            with connection_to_test_database.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(5)")
        except psycopg2.errors.QueryCanceled:
            outcome["cancelled"] = True
        outcome["elapsed"] = time.monotonic() - started

    worker = threading.Thread(target=sleep)
    worker.start()
    worker.join(timeout=10)
    connection_to_test_database.close()

    assert outcome == {"cancelled": True, "elapsed": pytest.approx(0.3, abs=1.5)}

    monkeypatch.delenv("DB_STATEMENT_TIMEOUT_MS")
    defaults = databases_from_env(statement_timeout_ms=30_000)["default"]
    assert defaults["OPTIONS"]["options"] == "-c statement_timeout=30000"
    assert defaults["CONN_HEALTH_CHECKS"] is True
