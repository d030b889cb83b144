"""The import as a job, seen from the admin: failures, retries, lost workers, who sees what.

These run the job in the test's own process: with jobs run at once (the test settings'
default) or, for the lost worker, with the queue's rows written by hand.
"""

from django.urls import reverse

from wagtail.models import Page

import pytest
from django_tasks_db.models import DBTaskResult

from iurc_site.models import WorkerHeartbeat
from iurc_site.settings.base import task_backends
from iurc_site.worker import tasks as worker_tasks
from iurc_site.worker.recovery import recover_lost_jobs
from partners.models import PairingImport
from partners.pairing_import import jobs
from regions.editorial_roles import COMMUNICATIONS
from regions.models import PairingPage
from sitesearch.models import SearchDocument
from tests.support.two_factor import verified_login
from tests.worker.pairing_files import LATIN_AMERICA, rows, spreadsheet

pytestmark = pytest.mark.django_db


def upload(client, user, *row_lists, name="pairings.csv"):
    verified_login(client, user)
    response = client.post(
        reverse("import_pairings:add"), {"file": spreadsheet(*row_lists, name=name)}
    )
    assert response.status_code == 302
    return response["Location"]


def test_a_failing_import_is_reported_on_screen_saves_nothing_and_can_be_tried_again(
    client, editor, monkeypatch
):
    preview_url = upload(
        client, editor(COMMUNICATIONS), rows("latin-america", LATIN_AMERICA, 3)
    )
    before = PairingPage.objects.count()

    def broken_import(*args, **kwargs):
        raise RuntimeError("the disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(jobs, "apply_stored_import", broken_import)
        failed = client.post(preview_url, {"import": "1"}, follow=True)

    screen = failed.content.decode()
    record = PairingImport.objects.get()
    assert record.status == PairingImport.Status.FAILED
    assert "The import failed with an error; nothing was saved" in screen
    assert "RuntimeError: the disk is full" in screen
    assert 'name="retry"' in screen
    assert PairingPage.objects.count() == before
    assert record.content  # kept for the next attempt

    again = client.post(preview_url, {"retry": "1"}, follow=True).content.decode()
    assert "Importing this file will create 3 pairings" in again
    client.post(preview_url, {"import": "1"})

    record.refresh_from_db()
    assert record.status == PairingImport.Status.APPLIED
    assert PairingPage.objects.count() == before + 3


def test_an_import_whose_worker_was_lost_too_often_is_reported_failed(
    client, editor, settings
):
    settings.WORKER_MAX_ATTEMPTS = 2
    preview_url = upload(
        client, editor(COMMUNICATIONS), rows("latin-america", LATIN_AMERICA, 2)
    )
    record = PairingImport.objects.get()
    job = DBTaskResult.objects.create(
        task_path="partners.pairing_import.jobs.import_pairings_job",
        args_kwargs={"args": [record.pk], "kwargs": {}},
        backend_name="jobs",
        run_after="9999-01-01T00:00:00Z",
        status="RUNNING",
        worker_ids=["dead-worker-1", "dead-worker-2"],  # no heartbeat from either
    )
    PairingImport.objects.filter(pk=record.pk).update(
        status=PairingImport.Status.RUNNING, task_id=str(job.pk)
    )

    requeued, failed = recover_lost_jobs()

    assert (requeued, failed) == ([], [str(job.pk)])
    screen = client.get(preview_url).content.decode()
    assert "The worker stopped during the import; nothing was saved." in screen
    assert PairingImport.objects.get().status == PairingImport.Status.FAILED
    assert 'name="retry"' in screen


def test_a_job_of_a_dead_worker_is_queued_again_and_a_live_one_is_left_alone(settings):
    from django.utils import timezone

    settings.WORKER_MAX_ATTEMPTS = 3
    WorkerHeartbeat.objects.create(
        worker_id="alive", host="h", pid=1, beat_at=timezone.now()
    )

    def running(worker):
        return DBTaskResult.objects.create(
            task_path="iurc_site.worker.tasks.reindex",
            args_kwargs={"args": [{}, {}], "kwargs": {}},
            backend_name="jobs",
            run_after="9999-01-01T00:00:00Z",
            status="RUNNING",
            worker_ids=[worker],
        )

    lost, kept = running("gone"), running("alive")

    requeued, failed = recover_lost_jobs()

    assert (requeued, failed) == ([str(lost.pk)], [])
    lost.refresh_from_db()
    kept.refresh_from_db()
    assert (lost.status, kept.status) == ("READY", "RUNNING")


def test_the_import_queues_its_reindexing_instead_of_doing_it_inline(
    client, editor, settings
):
    settings.TASKS = task_backends("database")
    preview_url = upload(
        client, editor(COMMUNICATIONS), rows("latin-america", LATIN_AMERICA, 4)
    )
    client.post(preview_url, {"import": "1"})
    record = PairingImport.objects.get()
    last_pk = Page.objects.order_by("-pk").values_list("pk", flat=True).first()

    jobs.import_pairings_job.call(record.pk)  # what the worker does with the job

    record.refresh_from_db()
    assert record.status == PairingImport.Status.APPLIED
    created = list(PairingPage.objects.filter(pk__gt=last_pk))
    assert len(created) == 4 and all(pairing.live for pairing in created)
    documents = SearchDocument.objects.filter(content_type__model="page")
    assert not documents.filter(object_id__in=[pairing.pk for pairing in created])
    job = DBTaskResult.objects.get(task_path="iurc_site.worker.tasks.reindex")
    search, site_search = job.args_kwargs["args"]
    assert {p.pk for p in created} <= set(search["regions.pairingpage"])

    worker_tasks.reindex.call(search, site_search)  # the worker's next job

    for pairing in created:
        assert documents.filter(object_id=pairing.pk).exists()


def test_a_coordinator_sees_the_status_of_their_own_imports_only(client, editor):
    comms_url = upload(
        client, editor(COMMUNICATIONS), rows("china", [("Wuhan", "CN")], 1)
    )
    comms_import = PairingImport.objects.get()
    coordinator = editor("Latin America & Caribbean coordinators")
    upload(
        client, coordinator, rows("latin-america", LATIN_AMERICA, 1), name="mine.csv"
    )
    own_import = PairingImport.objects.get(file_name="mine.csv")

    verified_login(client, coordinator)
    other = client.get(reverse("import_pairings:status", args=[comms_import.pk]))
    own = client.get(reverse("import_pairings:status", args=[own_import.pk]))
    client.logout()
    anonymous = client.get(reverse("import_pairings:status", args=[own_import.pk]))

    assert other.status_code == 403
    assert "Wuhan" not in other.content.decode()
    assert own.status_code == 200
    assert own.json()["status"] == "previewed"
    assert anonymous.status_code == 302
    assert comms_url  # the Communications editor's import exists all along


def test_confirming_a_queued_import_again_queues_it_once(client, editor, settings):
    settings.TASKS = task_backends("database")
    preview_url = upload(
        client, editor(COMMUNICATIONS), rows("latin-america", LATIN_AMERICA, 2)
    )

    client.post(preview_url, {"import": "1"})
    client.post(preview_url, {"import": "1"})
    screen = client.get(preview_url).content.decode()

    record = PairingImport.objects.get()
    assert record.status == PairingImport.Status.QUEUED
    assert (
        DBTaskResult.objects.filter(
            task_path="partners.pairing_import.jobs.import_pairings_job"
        ).count()
        == 1
    )
    assert "The import is waiting for the worker." in screen
    assert 'name="cancel"' not in screen  # a confirmed import cannot be cancelled


def test_a_failing_reindexing_job_is_queued_again_later(settings, monkeypatch):
    from django.utils import timezone

    settings.TASKS = task_backends("database")
    settings.WORKER_MAX_ATTEMPTS = 2

    def database_away(*args):
        raise OSError("connection refused")

    monkeypatch.setattr(worker_tasks, "index_many", database_away)
    pages = {"regions.pairingpage": [1, 2]}

    with pytest.raises(OSError):
        worker_tasks.reindex.call({}, pages)
    [retry] = DBTaskResult.objects.filter(task_path="iurc_site.worker.tasks.reindex")
    with pytest.raises(OSError):
        worker_tasks.reindex.call({}, pages, attempt=2)  # the last attempt

    assert retry.args_kwargs == {"args": [{}, pages], "kwargs": {"attempt": 2}}
    assert retry.run_after > timezone.now()
    assert DBTaskResult.objects.count() == 1  # not queued a third time
