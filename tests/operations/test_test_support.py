"""The tests' own helpers for reaching PostgreSQL and Redis: every connection detail
comes from DATABASE_URL (through the Django settings) and TEST_REDIS_URL."""

from django.db import connections

import pytest

from tests.support.database import (
    connect,
    connect_kwargs,
    server_url,
    settings_from_url,
)
from tests.support.redis_url import redis_address, redis_url

PASSWORD_URL = (
    "postgres://iurc%40app:p%40ss%3Aw%2Fd@db.example.internal:6543/iurc"
    "?sslmode=require&connect_timeout=3"
)


def test_connection_arguments_carry_the_user_password_and_options_of_the_url():
    kwargs = connect_kwargs(settings_from_url(PASSWORD_URL), dbname="postgres")

    assert kwargs == {
        "dbname": "postgres",
        "host": "db.example.internal",
        "port": 6543,
        "user": "iurc@app",
        "password": "p@ss:w/d",
        "sslmode": "require",
        "connect_timeout": 3,
    }


def test_django_only_options_are_not_passed_to_libpq():
    settings_dict = settings_from_url("postgres://u:p@127.0.0.1:5432/iurc")
    settings_dict["OPTIONS"] = {"isolation_level": 1, "pool": True, "sslmode": "off"}

    kwargs = connect_kwargs(settings_dict)

    assert kwargs["sslmode"] == "off"
    assert not {"isolation_level", "pool"} & kwargs.keys()


def test_a_server_url_keeps_the_credentials_and_options_for_another_database():
    settings_dict = settings_from_url(PASSWORD_URL)

    url = server_url("iurc_copy", settings_dict)
    again = settings_from_url(url)

    assert url.startswith("postgres://iurc%40app:p%40ss%3Aw%2Fd@db.example.internal:")
    assert again["NAME"] == "iurc_copy"
    for key in ("HOST", "PORT", "USER", "PASSWORD"):
        assert again[key] == settings_dict[key]
    # The server started with the URL sets the connect timeout from its environment.
    assert again["OPTIONS"] == {"sslmode": "require"}


def test_a_server_url_through_a_proxy_keeps_the_credentials():
    url = server_url(
        settings_dict=settings_from_url(PASSWORD_URL), host="127.0.0.1", port=4000
    )

    assert url == (
        "postgres://iurc%40app:p%40ss%3Aw%2Fd@127.0.0.1:4000/iurc?sslmode=require"
    )


def test_a_url_without_credentials_has_none():
    url = server_url(settings_dict=settings_from_url("postgres://127.0.0.1/iurc"))

    assert url == "postgres://127.0.0.1:5432/iurc"


@pytest.mark.django_db
def test_the_helpers_reach_the_test_database_as_django_does():
    settings_dict = connections["default"].settings_dict
    assert settings_from_url(server_url())["PASSWORD"] == settings_dict["PASSWORD"]
    assert (
        connect_kwargs()["user"] == settings_dict["USER"] or not settings_dict["USER"]
    )
    connection = connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_database(), current_user")
            database, user = cursor.fetchone()
    finally:
        connection.close()
    assert database == settings_dict["NAME"]
    if settings_dict["USER"]:
        assert user == settings_dict["USER"]


def test_redis_defaults_to_this_machine(monkeypatch):
    monkeypatch.delenv("TEST_REDIS_URL", raising=False)

    assert redis_url(12) == "redis://127.0.0.1:6379/12"
    assert redis_address() == ("127.0.0.1", 6379)


def test_redis_server_and_password_come_from_test_redis_url(monkeypatch):
    monkeypatch.setenv("TEST_REDIS_URL", "redis://:s%40cret@cache.internal:6380/3")

    # The test's own database number wins over the one in the variable.
    assert redis_url(15) == "redis://:s%40cret@cache.internal:6380/15"
    assert redis_address() == ("cache.internal", 6380)
    # Through a proxy on this machine: its address, the server's password.
    assert redis_url(7, port=4001) == "redis://:s%40cret@127.0.0.1:4001/7"
