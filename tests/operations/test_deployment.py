"""The deployment files: docker-compose.yml, the image's entrypoint, production settings."""

import json
import re
import subprocess
import sys
from importlib.metadata import version

import pytest
import yaml

from tests.support.database import connect, run_on_server, server_url
from tests.support.servers import ROOT, production_environment


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_database_cache_and_web_with_healthchecks(compose):
    services = compose["services"]
    assert set(services) == {"db", "redis", "web", "worker"}

    db = services["db"]
    assert db["image"].startswith("postgres:15")
    assert "postgres-data:/var/lib/postgresql/data" in db["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])

    redis = services["redis"]
    assert redis["image"].startswith("redis:")
    assert redis["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]

    web = services["web"]
    assert web["build"] == "."
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert "media:/app/media" in web["volumes"]
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    environment = web["environment"]
    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
        assert name in environment
    assert environment["DJANGO_SETTINGS_MODULE"] == "iurc_site.settings.production"
    # Secrets are required from the operator, never defaulted.
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert environment["ALLOWED_HOSTS"].startswith("${ALLOWED_HOSTS:?")
    assert set(compose["volumes"]) == {"postgres-data", "media"}


def test_compose_runs_the_worker_from_the_web_image_after_the_migrations(compose):
    web, worker = compose["services"]["web"], compose["services"]["worker"]
    assert worker["image"] == web["image"]
    assert worker["command"] == ["python", "manage.py", "run_worker"]
    assert worker["depends_on"]["web"]["condition"] == "service_healthy"
    assert "worker_health" in worker["healthcheck"]["test"]
    environment = worker["environment"]
    assert environment["DATABASE_URL"] == web["environment"]["DATABASE_URL"]
    assert environment["SECRET_KEY"] == web["environment"]["SECRET_KEY"]
    assert environment["RUN_MIGRATIONS"] == "false"  # the web container migrates


def test_dockerfile_runs_gunicorn_as_a_non_root_user_with_a_healthcheck():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "\nUSER iurc\n" in dockerfile
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile
    assert 'ENTRYPOINT ["scripts/docker-entrypoint.sh"]' in dockerfile
    assert (
        "COPY requirements.lock .\nRUN pip install --require-hashes --no-deps -r requirements.lock"
        in dockerfile
    )
    # The image runs the gunicorn these tests run (tests/operations start it), pinned.
    pinned = [
        match.group(1)
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if (match := re.fullmatch(r"gunicorn==(\S+)", line.strip()))
    ]
    assert pinned == [version("gunicorn")]


def run_settings_probe(code, **environment):
    """Run `code` after django.setup() with the given production environment."""
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=production_environment(**environment),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_secrets(missing):
    result = run_settings_probe(
        "print('started')",
        DATABASE_URL="postgres://127.0.0.1:5432/unused",
        **{missing: ""},
    )
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr
    assert "started" not in result.stdout


def test_check_deploy_reports_no_issue():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(
            DATABASE_URL="postgres://127.0.0.1:5432/unused",
            ALLOWED_HOSTS="iurc.example.org",
            SECURE_SSL_REDIRECT="true",
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_from_the_environment():
    code = (
        "from django.conf import settings as s; import json, sentry_sdk;"
        "print(json.dumps({"
        "'cache': s.CACHES['default'], 'storage': s.STORAGES['default'],"
        "'img': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'],"
        "'upgrade': s.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('upgrade-insecure-requests'),"
        "'db': s.DATABASES['default']['OPTIONS'], 'age': s.DATABASES['default']['CONN_MAX_AGE'],"
        "'health': s.DATABASES['default']['CONN_HEALTH_CHECKS'],"
        "'hsts': s.SECURE_HSTS_SECONDS, 'redirect': s.SECURE_SSL_REDIRECT,"
        "'proxy': s.SECURE_PROXY_SSL_HEADER, 'cookies': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE],"
        "'sentry': sentry_sdk.get_client().is_active()}))"
    )
    result = run_settings_probe(
        code,
        DATABASE_URL="postgres://db.internal:5432/iurc",
        REDIS_URL="redis://cache.internal:6379/0",
        AWS_STORAGE_BUCKET_NAME="iurc-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        SENTRY_DSN="https://public@sentry.example.invalid/1",
        SECURE_SSL_REDIRECT="true",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])

    assert (
        values["cache"]["BACKEND"]
        == "iurc_site.caching.redis_backend.CircuitBreakingRedisCache"
    )
    assert values["cache"]["LOCATION"] == "redis://cache.internal:6379/0"
    assert values["cache"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    # Documents private on the bucket, images public (publications/storage.py).
    assert values["storage"]["BACKEND"] == "publications.storage.MediaStorage"
    assert values["storage"]["OPTIONS"]["bucket_name"] == "iurc-media"
    assert "https://s3.example.net" in values["img"]
    assert values["upgrade"] is True
    assert values["db"]["options"] == "-c statement_timeout=30000"
    assert values["age"] == 60 and values["health"] is True
    assert values["hsts"] >= 31536000 and values["redirect"] is True
    assert values["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["cookies"] == [True, True]
    assert values["sentry"] is True


def test_without_redis_or_bucket_production_uses_local_cache_and_disk():
    code = (
        "from django.conf import settings as s; import sentry_sdk;"
        "print(s.CACHES['default']['BACKEND'], s.STORAGES['default']['BACKEND'],"
        " sentry_sdk.get_client().is_active())"
    )
    result = run_settings_probe(code, DATABASE_URL="postgres://127.0.0.1/iurc")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.files.storage.FileSystemStorage",
        "False",
    ]


def test_production_logs_are_json_lines_on_stdout():
    code = (
        "import logging; logging.getLogger('iurc_site.test').warning("
        "'database unavailable for %s', '/en/')"
    )
    result = run_settings_probe(code, DATABASE_URL="postgres://127.0.0.1/iurc")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["level"] == "WARNING"
    assert record["name"] == "iurc_site.test"
    assert record["message"] == "database unavailable for /en/"
    assert record["time"].endswith("+00:00")  # ISO 8601, UTC


@pytest.fixture
def scratch_database(test_database_settings):
    """An empty database next to the test database, dropped afterwards."""
    name = f"{test_database_settings['NAME']}_scratch"
    run_on_server(
        f'DROP DATABASE IF EXISTS "{name}"',
        f'CREATE DATABASE "{name}"',
        settings_dict=test_database_settings,
    )
    yield name
    run_on_server(
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        settings_dict=test_database_settings,
    )


def test_entrypoint_migrates_collects_static_and_starts_the_server(
    scratch_database, test_database_settings, tmp_path
):
    static_root = tmp_path / "static"
    marker = tmp_path / "server-started"
    fake_gunicorn = tmp_path / "gunicorn"
    fake_gunicorn.write_text(f'#!/bin/sh\necho "$PWD $*" > {marker}\n')
    fake_gunicorn.chmod(0o755)
    environment = production_environment(
        DATABASE_URL=server_url(scratch_database, test_database_settings),
        STATIC_ROOT=static_root,
        MEDIA_ROOT=tmp_path / "media",
        PYTHON=sys.executable,
        # Stands in for gunicorn: proves the script hands over to the server last.
        GUNICORN=fake_gunicorn,
    )
    result = subprocess.run(
        [str(ROOT / "scripts" / "docker-entrypoint.sh")],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "The database is available." in result.stdout
    assert marker.read_text().split() == [
        str(ROOT),
        "iurc_site.wsgi:application",
        "--config",
        "gunicorn.conf.py",
    ]
    assert (static_root / "staticfiles.json").exists()
    assert (static_root / "css").is_dir()

    connection = connect(scratch_database, test_database_settings)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "select count(*) from django_migrations where app in "
                "('wagtailcore', 'iurc_site', 'regions', 'partners', 'axes')"
            )
            assert cursor.fetchone()[0] > 50
            cursor.execute(
                "select count(*) from auth_group where name = 'Communications'"
            )
            assert cursor.fetchone()[0] == 1  # setup_editorial_roles ran
            cursor.execute(
                "select 1 from information_schema.columns where table_name = "
                "'wagtailcore_page' and column_name = 'url_path_zh_hans'"
            )
            assert cursor.fetchone() == (1,)
    finally:
        connection.close()


def test_wait_for_database_gives_up_with_a_clear_message(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "wait_for_database",
            "--timeout",
            "1",
            "--interval",
            "0.2",
        ],
        cwd=ROOT,
        env=production_environment(DATABASE_URL="postgres://127.0.0.1:1/nothing"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "The database did not answer within 1 s" in result.stderr
