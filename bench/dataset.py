"""Throwaway benchmark databases: the demo content, plus generated pairings.

Every database made here is named `iurc_bench_*` on the server of DATABASE_URL and is
dropped by `drop_all()`. Needs Django set up (any settings reading DATABASE_URL).
"""

import contextlib
import io
import os
import time
from urllib.parse import urlsplit, urlunsplit

from bench.explorer import add_pairings, maintenance

PREFIX = "iurc_bench"


class BenchDatabases:
    """Creates, switches between and finally drops the benchmark's databases."""

    def __init__(self, server_url):
        self.server_url = server_url
        self.run = f"{PREFIX}_{os.getpid()}"
        self.created = []

    def url(self, name):
        return urlunsplit(urlsplit(self.server_url)._replace(path=f"/{name}"))

    def name(self, suffix):
        return f"{self.run}_{suffix}"

    def create(self, suffix, template=None):
        """A new empty database (or a copy of `template`); returns its name."""
        name = self.name(suffix)
        use("postgres")
        statements = [f'DROP DATABASE IF EXISTS "{name}"']
        statements.append(
            f'CREATE DATABASE "{name}" TEMPLATE "{template}"'
            if template
            else f'CREATE DATABASE "{name}"'
        )
        maintenance(self.server_url, *statements)
        self.created.append(name)
        return name

    def drop_all(self):
        use("postgres")
        for name in reversed(self.created):
            maintenance(self.server_url, f'DROP DATABASE IF EXISTS "{name}"')
        self.created = []


def use(name):
    """Point Django's default connection at database `name`."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name


def load_demo(name):
    """Migrate database `name` and load the demo content into it."""
    from django.core.management import call_command

    use(name)
    quiet = io.StringIO()
    # wagtail-modeltranslation prints its SQL; the benchmark's output is its tables.
    with contextlib.redirect_stdout(quiet):
        call_command("migrate", verbosity=0, interactive=False, stdout=quiet)
        call_command("load_demo_content", verbosity=0, stdout=quiet)


def add_generated_pairings(count, first_number=0):
    """`count` pairings in all seven languages, with their search documents."""
    from django.db import connection

    started = time.perf_counter()
    from iurc_site.caching import invalidation

    ids = add_pairings(count, translated=True, first_number=first_number)
    invalidation.content_changed()  # added straight into the tables, not published
    index_pairings(ids)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def index_pairings(page_ids, batch=500):
    """The search documents of the given pairings, every language (as publishing writes)."""
    from django.contrib.postgres.search import SearchVector

    from regions.models import PairingPage
    from sitesearch.indexing import build_documents
    from sitesearch.models import SearchDocument

    for start in range(0, len(page_ids), batch):
        pairings = PairingPage.objects.filter(
            pk__in=page_ids[start : start + batch]
        ).prefetch_related("eu_places__place", "partner_places__place", "themes")
        documents = [
            document for pairing in pairings for document in build_documents(pairing)
        ]
        SearchDocument.objects.bulk_create(documents, batch_size=2000)
    SearchDocument.objects.filter(vector=None).update(
        vector=SearchVector("title_words", weight="A", config="simple")
        + SearchVector("body_words", weight="C", config="simple")
    )
