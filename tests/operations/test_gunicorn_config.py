"""gunicorn.conf.py, as gunicorn runs it: workers fork from a loaded application, are
replaced at spread-out times, and a replaced one closes its database connection."""

import random
import subprocess
import time
from pathlib import Path

import pytest
from gunicorn.app.base import Application
from gunicorn.workers.sync import SyncWorker

from tests.support.database import MAINTENANCE_DATABASE, connect
from tests.support.servers import GUNICORN, ROOT, free_port, production_environment

CONFIG = ROOT / "gunicorn.conf.py"


def workers_of(server):
    """The pids of the gunicorn master's worker processes."""
    pid = server.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return {int(child) for child in children}


def loaded_libraries(pid):
    return Path(f"/proc/{pid}/maps").read_text()


def abandoned_sessions(settings_dict):
    """How many sessions of the test database ended without the client closing them."""
    connection = connect(MAINTENANCE_DATABASE, settings_dict, autocommit=True)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sessions_abandoned FROM pg_stat_database WHERE datname = %s",
                [settings_dict["NAME"]],
            )
            return cursor.fetchone()[0]
    finally:
        connection.close()


def wait_until(condition, timeout=20):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_a_replaced_worker_closes_its_database_connection_and_exits_cleanly(
    production_server, test_database_settings
):
    server = production_server(
        GUNICORN_MAX_REQUESTS="3", GUNICORN_MAX_REQUESTS_JITTER="0"
    )
    (first_worker,) = workers_of(server)
    before = abandoned_sessions(test_database_settings)

    # Pages keep their database connection open between requests (CONN_MAX_AGE).
    for _ in range(10):
        assert server.get("/en/about/")[0] == 200
        if first_worker not in workers_of(server):
            break
    assert wait_until(lambda: not Path(f"/proc/{first_worker}").exists())
    assert wait_until(lambda: len(workers_of(server) - {first_worker}) == 1)
    assert server.get("/en/about/")[0] == 200  # its replacement serves

    # A worker that ended without closing it would leave an abandoned session, which
    # the database counts as soon as it notices the dropped client.
    assert not wait_until(
        lambda: abandoned_sessions(test_database_settings) != before, timeout=3
    )
    assert "exited with code" not in server.log()


def test_a_worker_that_cannot_start_stops_the_server_instead_of_restarting_forever(
    tmp_path,
):
    # Without preload, the application is imported in the worker, which then fails.
    environment = production_environment(
        DATABASE_URL="postgres://127.0.0.1:1/unused",
        GUNICORN_PRELOAD="false",
        GUNICORN_BIND=f"127.0.0.1:{free_port()}",
        WEB_CONCURRENCY="1",
        GUNICORN_ACCESS_LOG="false",
    )
    try:
        result = subprocess.run(
            [str(GUNICORN), "no_such_module:application", "--config", str(CONFIG)],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"gunicorn kept restarting the worker:\n{error.stdout}")

    assert result.returncode != 0
    assert "exited with code" in result.stdout + result.stderr


def test_workers_fork_from_the_application_the_master_loaded(production_server):
    preloaded = production_server()
    loaded_per_worker = production_server(GUNICORN_PRELOAD="false")

    # Only the application imports the PostgreSQL driver: in the master means loaded
    # there once, before the fork, instead of in every worker that starts.
    assert "_psycopg" in loaded_libraries(preloaded.process.pid)
    assert "_psycopg" not in loaded_libraries(loaded_per_worker.process.pid)
    for worker in workers_of(loaded_per_worker):
        assert "_psycopg" in loaded_libraries(worker)


class ConfigFile(Application):
    """gunicorn's own reading of a config file, without the command line."""

    def __init__(self, path):
        self.path = path
        super().__init__()

    def load_config(self):
        self.load_config_from_file(str(self.path))

    def load(self):
        raise AssertionError("not serving")


def test_workers_are_replaced_at_spread_out_times(monkeypatch):
    for name in ("GUNICORN_MAX_REQUESTS", "GUNICORN_MAX_REQUESTS_JITTER"):
        monkeypatch.delenv(name, raising=False)
    cfg = ConfigFile(CONFIG).cfg
    random.seed(20261202)  # gunicorn draws each worker's jitter from `random`

    limits = []
    for age in range(20):
        worker = SyncWorker(age, 0, [], None, 30, cfg, None)
        worker.tmp.close()
        limits.append(worker.max_requests)

    # Workers share the load evenly: limits this far apart keep them from all being
    # replaced at the same moment.
    assert min(limits) >= cfg.max_requests > 0
    assert max(limits) - min(limits) >= cfg.max_requests // 4
