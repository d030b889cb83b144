"""Fixtures of the worker's tests: a database a real worker process can share, and the
worker itself, started as `manage.py run_worker` in a subprocess.

The tests that start a worker run against a copy of the session's test database (demo
content included): the test and the worker must see each other's committed rows, which
a test inside a rolled-back transaction would hide. The copy is dropped afterwards.
"""

import os
import subprocess
import sys
import time

from django.db import connections

import pytest

from iurc_site.settings.base import task_backends
from tests.support.live_server import copy_test_database, drop_test_database_copy
from tests.support.servers import ROOT, production_environment

WAIT_TIMEOUT = 90  # seconds: a condition not met by then fails the test


def wait_for(condition, what, process=None, log_path=None):
    """Poll until condition() is true; fail (with the worker's log) if it never is."""
    deadline = time.monotonic() + WAIT_TIMEOUT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if process is not None and process.poll() is not None:
            break
        time.sleep(0.05)
    log = log_path.read_text() if log_path else ""
    pytest.fail(f"Never happened: {what}\n{log}")


@pytest.fixture
def shared_database(django_db_setup, django_db_blocker, settings):
    """The test's connection moved to a fresh copy of the test database, autocommit,
    with jobs queued in it for a worker (JOBS_BACKEND=database). Yields its URL."""
    settings_dict = connections["default"].settings_dict
    original = settings_dict["NAME"]
    with django_db_blocker.unblock():
        url = copy_test_database("worker")
        connections.close_all()
        settings_dict["NAME"] = f"{original}_worker"
        settings.TASKS = task_backends("database")
        try:
            yield url
        finally:
            connections.close_all()
            settings_dict["NAME"] = original
            drop_test_database_copy("worker")


@pytest.fixture
def start_worker(shared_database, tmp_path):
    """start_worker() runs `manage.py run_worker` on the shared database, with short
    intervals; each is stopped (SIGTERM, then SIGKILL) when the test ends."""
    processes = []

    def start(*, production=False, **overrides):
        """With `production`, the production settings (and its REDIS_URL, if given)."""
        environment = {
            **(production_environment() if production else os.environ),
            "DJANGO_SETTINGS_MODULE": "iurc_site.settings."
            + ("production" if production else "test"),
            "DATABASE_URL": shared_database,
            "JOBS_BACKEND": "database",
            "WORKER_POLL_SECONDS": "0.1",
            "WORKER_PUBLISH_SECONDS": "0.2",
            "WORKER_HEARTBEAT_SECONDS": "0.2",
            "WORKER_STALE_SECONDS": "1",
            "LOG_LEVEL": "WARNING",
            **{key: str(value) for key, value in overrides.items()},
        }
        log_path = tmp_path / f"worker-{len(processes) + 1}.log"
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                [sys.executable, "manage.py", "run_worker"],
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        process.log_path = log_path
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
