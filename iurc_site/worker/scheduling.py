"""Scheduled publishing: what editors gave a go-live (or expiry) time goes live then.

Wagtail keeps the schedule (a revision's approved go-live time, a page's expiry
time) and its `publish_scheduled` command does what is due, through each revision's
`publish()`, which sends `page_published` like an editor's publish. The caches
(iurc_site/caching/invalidation.py) are emptied by that signal, so a scheduled publish
bumps the content version and the page-cache generation exactly as a manual one does.
"""

from __future__ import annotations

from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.db import connection

# Several workers (one per host) may run at once; one at a time publishes what is due,
# so that a revision is never published twice. Any number, the same in every process.
PUBLISH_LOCK = 4_210_337


@contextmanager
def publishing_lock():
    """True if this process may publish now (a PostgreSQL advisory lock), else False."""
    if connection.vendor != "postgresql":  # SQLite in development: one process
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [PUBLISH_LOCK])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [PUBLISH_LOCK])


def publish_due() -> str:
    """Publish the revisions due, unpublish what expired; Wagtail's report of it."""
    with publishing_lock() as acquired:
        if not acquired:
            return ""  # another worker is publishing them
        report = StringIO()
        call_command("publish_scheduled", stdout=report)
        return report.getvalue()
