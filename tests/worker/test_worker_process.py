"""A real worker process (`manage.py run_worker`) imports, recovers and publishes.

Each test starts the worker as a subprocess on a copy of the test database
(conftest.py). To stop an import in the middle, the test holds the China region's row
locked: the import saves its first batch (the 250 Latin American rows), writes its
progress, then waits for that row inside its still open transaction.
"""

import os
import signal
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, Revision

from django_tasks_db.models import DBTaskResult

from iurc_site.caching.generation import current_generation
from iurc_site.models import ContentVersion, HomePage, JobProgress
from iurc_site.settings.services import caches_from_env
from newsroom.models import NewsIndexPage, NewsPage
from partners.models import PairingImport, Place
from regions.editorial_roles import COMMUNICATIONS
from regions.models import PairingPage, RegionPage
from sitesearch.models import SearchDocument
from tests.factories import NewsPageFactory, PairingPageFactory
from tests.support.database import connect
from tests.support.redis_url import redis_url
from tests.support.two_factor import verified_login
from tests.worker.conftest import wait_for
from tests.worker.pairing_files import CHINA, LATIN_AMERICA, rows, spreadsheet

REDIS_URL = redis_url(9)  # the worker's tests' own Redis database (docs/testing.md)
FIRST_BATCH = 250  # partners.pairing_import.applying.CREATE_BATCH
ROWS = FIRST_BATCH + 30


def communications_editor():
    user = User.objects.create_user("comms-worker", password="not-a-real-password")
    user.groups.add(Group.objects.get(name=COMMUNICATIONS))
    return user


def database_state():
    """Counts of everything an import writes."""
    return {
        "pages": Page.objects.count(),
        "pairings": PairingPage.objects.count(),
        "places": Place.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "search documents": SearchDocument.objects.count(),
    }


def progress_done(record):
    progress = JobProgress.objects.filter(key=f"pairing-import:{record.pk}").first()
    return progress.done if progress else 0


def status_of(record):
    return PairingImport.objects.values_list("status", flat=True).get(pk=record.pk)


class HeldRegion:
    """The China region's row locked FOR UPDATE by another session, until released."""

    def __init__(self):
        self.connection = connect()
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM wagtailcore_page WHERE id = %s FOR UPDATE",
                [RegionPage.objects.get(slug_en="china").pk],
            )

    def release(self):
        self.connection.rollback()
        self.connection.close()


def upload_big_file(client):
    """Upload ROWS pairings (Latin America first, then China); the preview's URL."""
    verified_login(client, communications_editor())
    file = spreadsheet(
        rows("latin-america", LATIN_AMERICA, FIRST_BATCH), rows("china", CHINA, 30)
    )
    response = client.post(reverse("import_pairings:add"), {"file": file})
    assert response.status_code == 302
    return response["Location"], PairingImport.objects.get()


def test_a_worker_killed_mid_import_leaves_the_database_as_before_then_the_import_runs_again(
    shared_database, start_worker, client
):
    preview_url, record = upload_big_file(client)
    before = database_state()
    held = HeldRegion()
    worker = start_worker()

    client.post(preview_url, {"import": "1"})
    wait_for(
        lambda: progress_done(record) >= FIRST_BATCH,
        "the first batch of the import saved",
        worker,
        worker.log_path,
    )
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    held.release()

    assert database_state() == before
    record.refresh_from_db()
    assert record.status == PairingImport.Status.RUNNING
    assert record.content  # the file is kept for the next attempt
    job = DBTaskResult.objects.get(pk=record.task_id)
    assert job.status == "RUNNING" and len(job.worker_ids) == 1

    second = start_worker()
    wait_for(
        lambda: status_of(record) == PairingImport.Status.APPLIED,
        "the import run again by the next worker",
        second,
        second.log_path,
    )
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    assert len(job.worker_ids) == 2  # the killed worker's attempt, then this one's
    assert PairingPage.objects.count() == before["pairings"] + ROWS
    record.refresh_from_db()
    assert record.summary["created"] == ROWS
    # The re-indexing job, queued by the import's transaction, runs after it.
    wait_for(
        lambda: SearchDocument.objects.count() > before["search documents"],
        "the imported pairings indexed for the site search",
        second,
        second.log_path,
    )


def test_the_import_screen_shows_the_progress_of_the_worker(
    shared_database, start_worker, client
):
    preview_url, record = upload_big_file(client)
    status_url = reverse("import_pairings:status", args=[record.pk])
    held = HeldRegion()
    worker = start_worker()

    confirmed = client.post(preview_url, {"import": "1"}, follow=True)
    assert "The import has started" in confirmed.content.decode()
    state = wait_for(
        lambda: (
            (answer := client.get(status_url).json())["done"] >= FIRST_BATCH and answer
        ),
        "the status endpoint reporting the first batch",
        worker,
        worker.log_path,
    )
    screen = client.get(preview_url).content.decode()
    held.release()

    assert state["in_progress"] is True
    assert (state["done"], state["total"]) == (FIRST_BATCH, ROWS)
    assert state["text"] == f"{FIRST_BATCH} of {ROWS} rows saved"
    assert "The file is being imported." in screen
    assert f'value="{FIRST_BATCH}"' in screen and f'max="{ROWS}"' in screen
    assert "js/import-progress.js" in screen  # moves the bar; <noscript> refreshes
    assert '<meta http-equiv="refresh"' in screen
    final = wait_for(
        lambda: not (answer := client.get(status_url).json())["in_progress"] and answer,
        "the status endpoint reporting the end of the import",
        worker,
        worker.log_path,
    )
    assert final["status"] == "applied" and final["done"] == ROWS
    assert f"{ROWS} pairings created" in client.get(preview_url).content.decode()


def test_a_page_scheduled_a_few_seconds_ahead_goes_live_with_no_one_doing_anything(
    shared_database, start_worker, client, settings
):
    # As in production: the worker and the site share Redis, where the page cache's
    # generation and the content version's cached number live.
    settings.CACHES = caches_from_env(REDIS_URL)
    cache.clear()
    region = RegionPage.objects.get(slug_en="china")
    page = PairingPageFactory(
        parent=region, title="Scheduled twinning", slug="scheduled-twinning", live=False
    )
    page.go_live_at = timezone.now() + timedelta(seconds=3)
    page.save_revision().publish()  # as the editor's "Publish" with a go-live time
    page.refresh_from_db()
    version_before = ContentVersion.objects.get().number
    assert not page.live
    assert "Scheduled twinning" not in client.get(region.url).content.decode()
    generation_before = current_generation()

    worker = start_worker(production=True, REDIS_URL=REDIS_URL)
    wait_for(
        lambda: PairingPage.objects.filter(pk=page.pk, live=True).exists(),
        "the scheduled page live",
        worker,
        worker.log_path,
    )

    page.refresh_from_db()
    assert page.first_published_at >= page.go_live_at
    assert ContentVersion.objects.get().number > version_before
    assert current_generation() > generation_before
    assert client.get(page.url).status_code == 200
    assert "Scheduled twinning" in client.get(region.url).content.decode()


def test_a_news_item_scheduled_a_few_seconds_ahead_reaches_the_home_page_by_itself(
    shared_database, start_worker, client, settings
):
    settings.CACHES = caches_from_env(REDIS_URL)
    cache.clear()
    home = HomePage.objects.get()
    news_index = NewsIndexPage.objects.child_of(home).get()
    item = NewsPageFactory(
        parent=news_index,
        title="Scheduled study visit",
        slug="scheduled-study-visit",
        date=timezone.localdate(),
        live=False,
    )
    item.go_live_at = timezone.now() + timedelta(seconds=3)
    item.save_revision().publish()
    item.refresh_from_db()
    assert not item.live
    # The home page is rendered and stored in the shared page cache without it.
    assert "Scheduled study visit" not in client.get(home.url).content.decode()

    worker = start_worker(production=True, REDIS_URL=REDIS_URL)
    wait_for(
        lambda: NewsPage.objects.filter(pk=item.pk, live=True).exists(),
        "the scheduled news item live",
        worker,
        worker.log_path,
    )

    assert "Scheduled study visit" in client.get(home.url).content.decode()
    assert "Scheduled study visit" in client.get(news_index.url).content.decode()
