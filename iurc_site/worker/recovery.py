"""Jobs whose worker died: queued again, or reported as failed after too many attempts.

A worker killed in the middle of a job (kill -9, a lost container, a power cut) leaves
the job's row RUNNING; its transaction is rolled back by PostgreSQL when the connection
drops, so the database is as before the job. Every worker, on each round, looks for
RUNNING jobs whose last worker has written no heartbeat for WORKER_STALE_SECONDS.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from iurc_site.models import WorkerHeartbeat
from iurc_site.worker.heartbeat import live_worker_ids, stale_before

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The worker running the job stopped before the job ended (nothing was saved)."""


def recover_lost_jobs() -> tuple[list[str], list[str]]:
    """(ids queued again, ids marked failed) among the jobs of dead workers."""
    alive = live_worker_ids()
    requeued, failed = [], []
    running = DBTaskResult.objects.running().filter(
        backend_name=settings.JOBS_BACKEND_ALIAS
    )
    for candidate in running:
        if candidate.worker_ids and candidate.worker_ids[-1] in alive:
            continue
        with transaction.atomic():
            job = (
                DBTaskResult.objects.select_for_update(skip_locked=True)
                .filter(pk=candidate.pk, status=candidate.status)
                .first()
            )
            if job is None:
                continue
            attempts = len(job.worker_ids)
            if attempts < settings.WORKER_MAX_ATTEMPTS:
                DBTaskResult.objects.filter(pk=job.pk).update(
                    status=TaskResultStatus.READY, started_at=None
                )
                requeued.append(str(job.pk))
                logger.warning(
                    "Job %s (%s) lost with its worker; queued again (attempt %s of %s).",
                    job.pk,
                    job.task_path,
                    attempts + 1,
                    settings.WORKER_MAX_ATTEMPTS,
                )
            else:
                job.set_failed(
                    WorkerLost(
                        f"The worker stopped during the job, {attempts} times; "
                        "nothing was saved."
                    )
                )
                failed.append(str(job.pk))
                logger.error("Job %s (%s) failed: worker lost.", job.pk, job.task_path)
    # Rows of workers long gone: kept a while for the recovery above, then removed.
    WorkerHeartbeat.objects.filter(beat_at__lt=stale_before()).exclude(
        worker_id__in=_workers_of_running_jobs()
    ).delete()
    return requeued, failed


def _workers_of_running_jobs() -> set[str]:
    return {
        worker_ids[-1]
        for worker_ids in DBTaskResult.objects.running().values_list(
            "worker_ids", flat=True
        )
        if worker_ids
    }
