"""Run the worker: queued jobs, scheduled publishing, recovery of lost jobs (docs/worker.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from django_tasks import task_backends
from django_tasks_db import DatabaseBackend

from iurc_site.worker.loop import Worker


class Command(BaseCommand):
    help = (
        "Run the jobs queued in the database, publish what is due and recover the "
        "jobs of dead workers, until stopped (SIGTERM lets the current job finish)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="One round (recovery, scheduled publishing, every queued job), then exit.",
        )

    def handle(self, *args, once=False, **options):
        backend = task_backends[settings.JOBS_BACKEND_ALIAS]
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                "The jobs backend runs jobs at once (JOBS_BACKEND=immediate): there is "
                "nothing to run. Start the site and the worker with JOBS_BACKEND=database."
            )
        Worker(once=once, write=self.stdout.write).run()
