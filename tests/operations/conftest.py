"""Fixtures for the operations tests: the site under gunicorn with production settings."""

import subprocess
import sys

from django.db import connections

import pytest

from tests.support.database import server_url
from tests.support.servers import ROOT, GunicornServer, production_environment


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """STATIC_ROOT after `collectstatic`, as the image's entrypoint makes it (once a run)."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    environment = production_environment(
        STATIC_ROOT=static_root, DATABASE_URL="postgres://127.0.0.1:1/unused"
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    return static_root


@pytest.fixture
def production_server(django_db_setup, django_db_blocker, collected_static, tmp_path):
    """Start gunicorn with production settings on the test database (with demo content).

    production_server(DATABASE_URL=..., REDIS_URL=...) overrides the environment; the
    database defaults to the test database, reached directly.
    """
    settings_dict = connections["default"].settings_dict
    started = []

    def start(**overrides):
        environment = production_environment(
            **{
                "DATABASE_URL": server_url(settings_dict=settings_dict),
                "STATIC_ROOT": collected_static,
                "MEDIA_ROOT": tmp_path / "media",
                **overrides,
            }
        )
        server = GunicornServer(environment, tmp_path / f"gunicorn-{len(started)}.log")
        server.__enter__()
        started.append(server)
        return server

    yield start
    for server in started:
        server.__exit__(None, None, None)


@pytest.fixture
def test_database_settings(django_db_setup):
    """The connection settings of the test database (name, host, port, user, password,
    options); tests/support/database.py turns them into connections and URLs."""
    return connections["default"].settings_dict
