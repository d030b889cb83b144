"""The confirmed import as a job: queued by the preview screen, run by the worker.

The job imports the stored file in one transaction (uploads.apply_stored_import), so a
worker killed in the middle leaves the database as before and the job is run again
(iurc_site/worker/recovery.py). The file stays in its PairingImport record until the
job ends. A job that fails saves nothing and records why on the import, whose screen
shows it with a "Try again" button. Its progress is written as it goes
(iurc_site/worker/progress.py) for the screen's status endpoint (views.py).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from iurc_site.models import JobProgress
from iurc_site.worker.progress import Progress
from partners.models import PairingImport
from partners.pairing_import.reading import SpreadsheetError
from partners.pairing_import.uploads import ImportNotPossible, apply_stored_import

logger = logging.getLogger(__name__)
CONFIRMED = (PairingImport.Status.QUEUED, PairingImport.Status.RUNNING)


def progress_key(import_id: int) -> str:
    return f"pairing-import:{import_id}"


def queue_import(pairing_import: PairingImport) -> bool:
    """Queue the confirmed import, once (a double click queues one job); False if not."""
    with transaction.atomic():
        locked = PairingImport.objects.select_for_update().get(pk=pairing_import.pk)
        if locked.status != PairingImport.Status.PREVIEWED:
            return False
        locked.status, locked.error, locked.task_id = (
            PairingImport.Status.QUEUED,
            "",
            "",
        )
        locked.save(update_fields=["status", "error", "task_id"])
        summary = locked.summary
        JobProgress.objects.update_or_create(
            key=progress_key(locked.pk),
            defaults={
                "done": 0,
                "total": summary.get("to_create", 0) + summary.get("to_update", 0),
            },
        )
        # In the same transaction: the record is QUEUED and its job queued, or neither.
        # (With jobs run at once, as in development, the import runs here.)
        result = import_pairings_job.enqueue(locked.pk)
        PairingImport.objects.filter(pk=locked.pk, task_id="").update(task_id=result.id)
    pairing_import.refresh_from_db()
    return True


def _fail(import_id: int, message: str) -> None:
    PairingImport.objects.filter(pk=import_id, status__in=CONFIRMED).update(
        status=PairingImport.Status.FAILED, error=message
    )


@task(backend=settings.JOBS_BACKEND_ALIAS)
def import_pairings_job(import_id: int) -> dict:
    """Import a confirmed file: all or nothing; the record says how it ended."""
    record = PairingImport.objects.filter(pk=import_id).first()
    if record is None or record.status not in CONFIRMED:
        # Cancelled, or done by an earlier run of this job: nothing to do.
        return {"skipped": record.status if record else "deleted"}
    PairingImport.objects.filter(pk=import_id).update(
        status=PairingImport.Status.RUNNING, error=""
    )
    record.status = PairingImport.Status.RUNNING
    # Written from inside the import's transaction only (the screen's count starts at
    # 0 when the import is confirmed): nothing of a run is seen before its first rows.
    summary = record.summary
    progress = Progress(
        progress_key(import_id),
        total=summary.get("to_create", 0) + summary.get("to_update", 0),
    )
    try:
        apply_stored_import(
            record,
            progress=progress.advance,
            from_statuses=CONFIRMED,
            index_later=True,
        )
    except (ImportNotPossible, SpreadsheetError):
        # The site changed since the preview (a region removed, a slug taken...).
        _fail(
            import_id,
            _(
                "The file cannot be imported any more: the site has changed since the "
                "preview. Nothing was saved; check the file again."
            ),
        )
        return {"failed": "not possible"}
    except Exception as error:
        logger.exception("The import %s failed.", import_id)
        _fail(
            import_id,
            _("The import failed with an error; nothing was saved (%(error)s).")
            % {"error": f"{type(error).__name__}: {error}"[:500]},
        )
        raise  # the job is recorded as failed, with its traceback, for the operators
    finally:
        progress.close()
    record.refresh_from_db()
    return record.summary


def job_state(record: PairingImport) -> PairingImport:
    """The record, marked failed if its job was given up (its worker lost too often).

    The recovery (iurc_site/worker/recovery.py) marks the job failed, not the import:
    the first look at the import after that does it here.
    """
    if record.in_progress and record.task_id:
        try:
            job = (
                DBTaskResult.objects.filter(pk=record.task_id)
                .values_list("status", flat=True)
                .first()
            )
        except ValidationError:  # not an id of the queue (jobs run at once)
            job = None
        if job == TaskResultStatus.FAILED:
            _fail(
                record.pk,
                _(
                    "The worker stopped during the import; nothing was saved. "
                    "Try again, or ask the site's administrators."
                ),
            )
            record.refresh_from_db()
    return record
