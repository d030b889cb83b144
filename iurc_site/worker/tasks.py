"""Re-indexing after a bulk change, as a job the worker runs after the change commits.

A bulk change (the pairing import) notes what it saved instead of indexing it row by
row (iurc_site/editorial/deferred_indexing.py, sitesearch/indexing.py) and enqueues
this task in its own transaction: the task is queued if and only if the change
commits, and the editor's import ends without waiting for the indexes.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings

from django_tasks import task

from iurc_site.editorial.deferred_indexing import index_objects
from sitesearch.indexing import index_many


def labels(pending: dict) -> dict[str, list[int]]:
    """{model: pks} as JSON a task can take: {"app_label.model": [pk, ...]}."""
    return {model._meta.label_lower: sorted(pks) for model, pks in pending.items()}


@task(backend=settings.JOBS_BACKEND_ALIAS)
def reindex(search: dict[str, list[int]], site_search: dict[str, list[int]]) -> dict:
    """Wagtail's search and reference indexes, then the site search's documents."""
    for label, pks in search.items():
        index_objects(apps.get_model(label), pks)
    for label, pks in site_search.items():
        index_many(apps.get_model(label), pks)
    return {
        "search": {label: len(pks) for label, pks in search.items()},
        "site_search": {label: len(pks) for label, pks in site_search.items()},
    }


def enqueue_reindex(search: dict, site_search: dict) -> None:
    """Queue the re-indexing of what a bulk change noted ({model: pks} each)."""
    if search or site_search:
        reindex.enqueue(labels(search), labels(site_search))
