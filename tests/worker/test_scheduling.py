"""Scheduled publishing as the worker runs it: one worker at a time, caches emptied."""

from datetime import timedelta

from django.utils import timezone

import pytest

from iurc_site.caching import content_version
from iurc_site.caching.generation import current_generation
from iurc_site.worker.scheduling import PUBLISH_LOCK, publish_due
from regions.models import PairingPage, RegionPage
from tests.factories import PairingPageFactory
from tests.support.database import connect

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_page(django_capture_on_commit_callbacks):
    """A draft pairing scheduled to go live a minute ago (its time has come)."""
    with django_capture_on_commit_callbacks(execute=True):  # as if committed
        return _scheduled_page()


def _scheduled_page():
    page = PairingPageFactory(
        parent=RegionPage.objects.get(slug_en="china"), title="Due", live=False
    )
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # scheduled, as the editor's "Publish" with a go-live time
    # The clock moves on an hour: the revision's time, and the page's in it, are past.
    past = timezone.now() - timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    return page


def is_live(page):
    return PairingPage.objects.filter(pk=page.pk, live=True).exists()


def test_a_due_page_goes_live_and_empties_the_caches_like_an_editors_publish(
    due_page, django_capture_on_commit_callbacks
):
    version, generation = content_version.current(), current_generation()
    assert not is_live(due_page)

    with django_capture_on_commit_callbacks(execute=True):
        publish_due()

    assert is_live(due_page)
    assert content_version.current() > version
    assert current_generation() > generation


def test_only_one_worker_at_a_time_publishes(due_page):
    other_worker = connect(autocommit=True)
    with other_worker.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [PUBLISH_LOCK])

    publish_due()  # another worker holds the lock: this one leaves the work to it
    left_alone = not is_live(due_page)
    with other_worker.cursor() as cursor:  # that worker done
        cursor.execute("SELECT pg_advisory_unlock(%s)", [PUBLISH_LOCK])
    other_worker.close()
    publish_due()

    assert left_alone
    assert is_live(due_page)
