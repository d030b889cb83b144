"""`manage.py run_worker`: the worker's loop.

Each round (every WORKER_POLL_SECONDS when idle):
1. jobs of dead workers are queued again or reported (recovery.py);
2. every WORKER_PUBLISH_SECONDS, what is due goes live (scheduling.py);
3. every queued job is run, one after the other, by django-tasks-db's own loop.
A thread writes the heartbeat meanwhile, also during a long job.

SIGTERM or SIGINT (docker stop, Ctrl-C) lets the current job finish, then stops; a
second one stops at once (the job's transaction is rolled back and the job is run
again by the next worker).
"""

from __future__ import annotations

import logging
import signal
import sys
import time

from django.conf import settings
from django.db import close_old_connections, connection

from iurc_site.private_apis import queued_task_runner
from iurc_site.worker.heartbeat import HeartbeatThread, beat, new_worker_id
from iurc_site.worker.recovery import recover_lost_jobs
from iurc_site.worker.scheduling import publish_due

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Load the gazetteer and the word cutters (Chinese, Thai) before the first job.

    An import needs both; loaded at the first one, they would add seconds to it.
    """
    from partners.gazetteer import find_city
    from sitesearch.text import search_words

    find_city("Lisbon", "PT")
    search_words("城市合作 ความร่วมมือ")


class Worker:
    def __init__(self, *, once: bool = False, write=None) -> None:
        self.worker_id = new_worker_id()
        self.once = once
        self.write = write or (lambda message: None)
        self.stopping = False
        self.runner = None
        self.next_publish = 0.0

    def stop(self, signum, frame) -> None:
        if self.stopping:
            sys.exit(1)  # asked twice: now
        self.stopping = True
        if self.runner is not None and self.runner.running_task:
            self.runner.running = False  # after the current job
            self.write("Stopping after the current job.")
        else:
            sys.exit(0)

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        warm_up()
        beat(self.worker_id)
        heartbeat = HeartbeatThread(self.worker_id)
        heartbeat.start()
        self.write(f"Worker {self.worker_id} started.")
        try:
            while not self.stopping:
                self.round()
                if self.once:
                    break
                self.sleep(settings.WORKER_POLL_SECONDS)
        finally:
            heartbeat.stop()
            self.write(f"Worker {self.worker_id} stopped.")

    def round(self) -> None:
        close_old_connections()
        try:
            requeued, failed = recover_lost_jobs()
            for job_id in requeued:
                self.write(f"Job {job_id} lost with its worker: queued again.")
            for job_id in failed:
                self.write(f"Job {job_id} lost with its worker too often: failed.")
            if time.monotonic() >= self.next_publish:
                self.next_publish = time.monotonic() + settings.WORKER_PUBLISH_SECONDS
                report = publish_due().strip()
                if report:
                    self.write(report)
            self.runner = queued_task_runner(
                backend_name=settings.JOBS_BACKEND_ALIAS, worker_id=self.worker_id
            )
            self.runner.run()
        except Exception:  # the database away for a moment: try again next round
            logger.exception("The worker's round failed; trying again.")
            connection.close()
        finally:
            self.runner = None

    def sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < end:
            time.sleep(min(0.1, max(end - time.monotonic(), 0)))
