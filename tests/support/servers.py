"""Run the site as production runs it: gunicorn, production settings, a chosen database."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import HTTPRedirectHandler, Request, build_opener

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
# 50+ random-looking characters, as `check --deploy` wants; for tests only.
TEST_SECRET_KEY = "tests-only-3Qv8mZr1LwN6xTk0pYc2HdJ5sFa9GbE7uRoXiW4lKnMqVtSyPz"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(**overrides):
    """The environment a production host gets, for this machine (plain HTTP)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DB_", "REDIS_", "SENTRY_", "AWS_"))
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "iurc_site.settings.production",
            "SECRET_KEY": TEST_SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    environment.update({key: str(value) for key, value in overrides.items()})
    return environment


# The admin's files (Wagtail, Django admin, modeltranslation): the public pages use
# none of them, and leaving them out makes `collectstatic` several times quicker. A
# page that did use one would fail with a missing manifest entry.
ADMIN_STATIC_PATTERNS = ("wagtail*", "admin", "modeltranslation", "django_*")


def collect_static(static_root, *, public_only=False):
    """`collectstatic` into static_root with production settings: content-hashed and
    compressed names, as WhiteNoise serves them in production."""
    environment = production_environment(
        STATIC_ROOT=static_root, DATABASE_URL="postgres://127.0.0.1:1/unused"
    )
    ignored = ADMIN_STATIC_PATTERNS if public_only else ()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "collectstatic",
            "--noinput",
            "--verbosity",
            "0",
            *(argument for pattern in ignored for argument in ("-i", pattern)),
        ],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    return static_root


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = build_opener(_NoRedirects)


def fetch(url, timeout=20, headers=None):
    """(status, headers, body text) of a GET, whatever the status; no redirects followed."""
    request = Request(url, headers=headers or {})  # noqa: S310 -- our own server
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except HTTPError as error:
        return error.code, error.headers, error.read().decode()


class ServerProcess:
    """A server started as a subprocess on `self.port`, logging to `self.log_path`, and
    stopped on exit (subclasses start it in __enter__)."""

    process = None

    def __exit__(self, *exc_info):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log(self):
        return self.log_path.read_text()

    def get(self, path, **kwargs):
        return fetch(self.url + path, **kwargs)


class GunicornServer(ServerProcess):
    """gunicorn serving the site with the given environment, stopped on exit."""

    def __init__(self, environment, log_path, workers=1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.environment = {
            **environment,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_ACCESS_LOG": "false",
        }
        self.log_path = Path(log_path)
        self.process = None

    def __enter__(self):
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                [
                    str(GUNICORN),
                    "iurc_site.wsgi:application",
                    "--config",
                    "gunicorn.conf.py",
                ],
                cwd=ROOT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_alive()
        return self

    def _wait_until_alive(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped:\n{self.log()}")
            try:
                status, _headers, _body = self.get("/healthz", timeout=2)
                if status == 200:
                    return
            except (URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not start in time:\n{self.log()}")
