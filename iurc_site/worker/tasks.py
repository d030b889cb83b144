"""Re-indexing after a bulk change, as a job the worker runs after the change commits.

A bulk change (the pairing import) notes what it saved instead of indexing it row by
row (iurc_site/editorial/deferred_indexing.py, sitesearch/indexing.py) and enqueues
this task in its own transaction: the task is queued if and only if the change
commits, and the editor's import ends without waiting for the indexes.
"""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from django_tasks import task

from iurc_site.editorial.deferred_indexing import index_objects
from sitesearch.indexing import index_many


def labels(pending: dict) -> dict[str, list[int]]:
    """{model: pks} as JSON a task can take: {"app_label.model": [pk, ...]}."""
    return {model._meta.label_lower: sorted(pks) for model, pks in pending.items()}


# A re-indexing job that fails is queued again this many seconds later.
RETRY_SECONDS = 60


@task(backend=settings.JOBS_BACKEND_ALIAS)
def reindex(
    search: dict[str, list[int]], site_search: dict[str, list[int]], attempt: int = 1
) -> dict:
    """Wagtail's search and reference indexes, then the site search's documents.

    Writing them again is harmless, so a failure (the database away for a moment) is
    queued again a minute later, up to WORKER_MAX_ATTEMPTS times; then it stays failed,
    logged as an error (`update_search_documents` and Wagtail's `update_index` and
    `rebuild_references_index` rebuild everything by hand).
    """
    try:
        for label, pks in search.items():
            index_objects(apps.get_model(label), pks)
        for label, pks in site_search.items():
            index_many(apps.get_model(label), pks)
    except Exception:
        backend = reindex.get_backend()
        if attempt < settings.WORKER_MAX_ATTEMPTS and backend.supports_defer:
            reindex.using(
                run_after=timezone.now() + timedelta(seconds=RETRY_SECONDS)
            ).enqueue(search, site_search, attempt=attempt + 1)
        raise
    return {
        "search": {label: len(pks) for label, pks in search.items()},
        "site_search": {label: len(pks) for label, pks in site_search.items()},
    }


def enqueue_reindex(search: dict, site_search: dict) -> None:
    """Queue the re-indexing of what a bulk change noted ({model: pks} each)."""
    if search or site_search:
        reindex.enqueue(labels(search), labels(site_search))
