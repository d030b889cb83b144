"""/healthz and /readyz: cheap, first in line, and telling nothing secret."""

import json

from django.db import OperationalError

import pytest


def test_healthz_needs_no_database_and_ignores_the_host(client):
    # No django_db mark: any database access would fail this test.
    response = client.get("/healthz", HTTP_HOST="not-an-allowed-host.example")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_checks_database_and_cache(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/readyz")

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
    }


@pytest.mark.django_db
def test_readyz_is_503_without_database_and_names_no_detail(client, monkeypatch):
    secret = "password authentication failed for user iurc at db.internal:5432"

    def broken_cursor(*args, **kwargs):
        raise OperationalError(secret)

    monkeypatch.setattr(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor", broken_cursor
    )
    response = client.get("/readyz/")

    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unavailable"
    assert "iurc" not in response.content.decode()
    assert "5432" not in response.content.decode()
