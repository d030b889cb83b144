"""Rebuild the public search documents of every page, place and publication."""

from django.core.management.base import BaseCommand

from sitesearch import indexing


class Command(BaseCommand):
    help = (
        "Write the public search's documents anew: every live, public page, every "
        "place and every public publication, once per language. Publishing keeps them up to date; run this after "
        "adding a language or restoring a database."
    )

    def handle(self, *args, **options):
        written = indexing.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Wrote {written} search documents."))
