"""Each worker process writes a heartbeat row; a job's worker without one is dead."""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from iurc_site.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def host_name() -> str:
    return socket.gethostname()[:255]


def new_worker_id() -> str:
    """Unique to this process: host, process id and a random part (at most 64 characters)."""
    return f"{host_name()[:40]}-{os.getpid()}-{get_random_string(8)}"[:64]


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": host_name(), "pid": os.getpid(), "beat_at": timezone.now()},
    )


def stale_before():
    """A heartbeat older than this belongs to a worker taken as dead."""
    return timezone.now() - timedelta(seconds=settings.WORKER_STALE_SECONDS)


def live_worker_ids() -> set[str]:
    return set(
        WorkerHeartbeat.objects.filter(beat_at__gte=stale_before()).values_list(
            "worker_id", flat=True
        )
    )


def healthy_on_this_host(max_age_seconds: float) -> bool:
    """Whether a worker on this host wrote its heartbeat in the last `max_age_seconds`."""
    return WorkerHeartbeat.objects.filter(
        host=host_name(),
        beat_at__gte=timezone.now() - timedelta(seconds=max_age_seconds),
    ).exists()


class HeartbeatThread(threading.Thread):
    """Writes the heartbeat every WORKER_HEARTBEAT_SECONDS, also while a long job runs."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.is_set():
                try:
                    beat(self.worker_id)
                except Exception:  # the database may be away for a moment
                    logger.exception("The worker's heartbeat could not be written.")
                    connection.close()
                self.stopped.wait(settings.WORKER_HEARTBEAT_SECONDS)
        finally:
            connection.close()  # this thread's own connection

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)
        WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
