"""Scheduled publishing: what editors gave a go-live (or expiry) time goes live then.

Wagtail keeps the schedule (a revision's approved go-live time, a page's expiry
time) and its `publish_scheduled` command does what is due, through each revision's
`publish()`, which sends `page_published` like an editor's publish. The caches
(iurc_site/caching/invalidation.py) are emptied by that signal, so a scheduled publish
bumps the content version and the page-cache generation exactly as a manual one does.
"""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command


def publish_due() -> str:
    """Publish the revisions due, unpublish what expired; Wagtail's report of it."""
    report = StringIO()
    call_command("publish_scheduled", stdout=report)
    return report.getvalue()
