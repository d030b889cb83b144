"""Servers in subprocesses for tests that need a real one: the browser tests, and the
page cache shared by two production servers. Each serves a copy of the session's test
database (with the demo content), made with CREATE DATABASE ... TEMPLATE and dropped
afterwards."""

import subprocess
import time
from contextlib import contextmanager
from urllib.error import URLError
from urllib.request import urlopen

from django.db import connections

from tests.support.database import run_on_server, server_url
from tests.support.servers import ROOT

SERVER_START_TIMEOUT = 90


def _wait_until_serving(url, process, log_path):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The test server stopped:\n{log_path.read_text()}")
        try:
            with urlopen(url, timeout=5):  # noqa: S310 -- our own server
                return
        except (URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError(
        f"The test server did not answer in time:\n{log_path.read_text()}"
    )


def copy_test_database(suffix):
    """Copy the session's test database to `<name>_<suffix>`; returns the copy's URL."""
    settings_dict = connections["default"].settings_dict
    copy = f"{settings_dict['NAME']}_{suffix}"
    connections.close_all()  # a template database must have no other sessions
    run_on_server(
        f'DROP DATABASE IF EXISTS "{copy}"',
        f'CREATE DATABASE "{copy}" TEMPLATE "{settings_dict["NAME"]}"',
        settings_dict=settings_dict,
    )
    return server_url(copy, settings_dict)


def drop_test_database_copy(suffix):
    settings_dict = connections["default"].settings_dict
    run_on_server(
        f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}_{suffix}"',
        settings_dict=settings_dict,
    )


@contextmanager
def server_process(command, environment, log_path, ready_url):
    """Run a server command until the block ends; waits until `ready_url` answers."""
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        _wait_until_serving(ready_url, server, log_path)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
