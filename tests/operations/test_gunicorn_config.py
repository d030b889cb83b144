"""gunicorn.conf.py: workers start from a loaded application and are replaced quickly."""

import logging
import os
import runpy
from types import SimpleNamespace

import pytest

from tests.support.servers import ROOT


class WorkerExited(Exception):
    """Stands in for os._exit, which would end the test run."""


@pytest.fixture
def config(monkeypatch):
    for name in (
        "GUNICORN_PRELOAD",
        "GUNICORN_MAX_REQUESTS",
        "GUNICORN_MAX_REQUESTS_JITTER",
    ):
        monkeypatch.delenv(name, raising=False)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_a_replaced_worker_ends_at_once_after_closing_its_connections(
    config, monkeypatch
):
    closed, exit_codes = [], []
    monkeypatch.setattr(
        "django.db.connections.close_all", lambda: closed.append("database")
    )
    monkeypatch.setattr(logging, "shutdown", lambda: closed.append("logs"))

    def exit_now(code):
        exit_codes.append(code)
        raise WorkerExited

    monkeypatch.setattr(os, "_exit", exit_now)
    with pytest.raises(WorkerExited):
        config["worker_exit"](None, SimpleNamespace(booted=True))
    assert closed == ["database", "logs"]
    assert exit_codes == [0]


def test_a_worker_that_failed_to_start_exits_with_its_error_code(config, monkeypatch):
    monkeypatch.setattr(os, "_exit", lambda code: pytest.fail("exited with 0"))
    # gunicorn then exits the worker itself, with the code that stops the server.
    assert config["worker_exit"](None, SimpleNamespace(booted=False)) is None


def test_workers_fork_from_a_loaded_application_and_are_replaced_at_spread_out_times(
    config,
):
    assert config["preload_app"] is True
    # Evenly loaded workers reach max_requests together unless the jitter spreads them.
    assert config["max_requests_jitter"] >= config["max_requests"] // 4
