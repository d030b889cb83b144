"""The worker's commands: the container's healthcheck, and a clear refusal to run idle."""

import socket
from datetime import timedelta

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from iurc_site.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_worker_health_fails_without_a_recent_heartbeat_from_this_host(capsys):
    WorkerHeartbeat.objects.create(
        worker_id="old", host=socket.gethostname(), pid=1,
        beat_at=timezone.now() - timedelta(minutes=5),
    )  # fmt: skip
    WorkerHeartbeat.objects.create(
        worker_id="elsewhere", host="another-host", pid=1, beat_at=timezone.now()
    )

    with pytest.raises(SystemExit) as stopped:
        call_command("worker_health", "--max-age", "60")

    assert stopped.value.code == 1
    assert "No heartbeat from a worker on this host in 60 s." in capsys.readouterr().err


def test_worker_health_passes_with_a_recent_heartbeat(capsys):
    WorkerHeartbeat.objects.create(
        worker_id="alive", host=socket.gethostname(), pid=1, beat_at=timezone.now()
    )

    call_command("worker_health", "--max-age", "60")

    assert "The worker is alive." in capsys.readouterr().out


def test_run_worker_refuses_when_jobs_run_at_once():
    # The test settings, like development, run jobs in the request (JOBS_BACKEND=immediate).
    with pytest.raises(CommandError, match="JOBS_BACKEND=database"):
        call_command("run_worker", "--once")
