"""What the worker records about itself and its jobs (iurc_site/worker/, docs/worker.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One row per running worker process, written every WORKER_HEARTBEAT_SECONDS.

    A job left RUNNING by a worker whose heartbeat is older than WORKER_STALE_SECONDS
    was lost with its process and is queued again; the container's healthcheck
    (`manage.py worker_health`) reads the row of its own host.
    """

    worker_id = models.CharField(_("worker id"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    beat_at = models.DateTimeField(_("last heartbeat"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")

    def __str__(self):
        return self.worker_id


class JobProgress(models.Model):
    """How far a running job has got, written outside the job's own transaction.

    A job that runs in one transaction cannot show its progress through its own rows
    until it commits; this row is written on a second connection, so the screen that
    waits for the job sees it move.
    """

    key = models.CharField(_("key"), max_length=100, primary_key=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("job progress")

    def __str__(self):
        return f"{self.key}: {self.done}/{self.total}"
