"""Read the text of publications whose file has not been read yet (or of all of them)."""

from django.core.management.base import BaseCommand

from publications import extraction
from publications.models import Publication


class Command(BaseCommand):
    help = (
        "Extract the text of each publication whose file has not been read yet (files "
        "saved before the extraction existed, or loaded from a dump): small files at "
        "once, large ones queued for the worker. --all reads every file again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Read every file again, not only new ones.",
        )

    def handle(self, *args, read_all=False, **options):
        read = queued = 0
        publications = Publication.objects.exclude(file="").defer("extracted_text")
        for publication in publications.iterator(chunk_size=100):
            if not read_all and extraction.is_same_file(
                publication.extraction_source, publication
            ):
                continue
            if extraction.extract_for(publication) == Publication.Extraction.PENDING:
                queued += 1
            else:
                read += 1
        self.stdout.write(
            self.style.SUCCESS(f"Read {read} files; queued {queued} for the worker.")
        )
