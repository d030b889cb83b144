"""Exit 0 if a worker on this host wrote its heartbeat lately, else 1 (the healthcheck)."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from iurc_site.worker.heartbeat import healthy_on_this_host


class Command(BaseCommand):
    help = "Check that a worker runs on this host: its heartbeat is recent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-age",
            type=float,
            default=None,
            help="Seconds a heartbeat stays recent (default: 3 heartbeat intervals).",
        )

    def handle(self, *args, max_age=None, **options):
        max_age = max_age or 3 * settings.WORKER_HEARTBEAT_SECONDS
        if healthy_on_this_host(max_age):
            self.stdout.write("The worker is alive.")
            return
        self.stderr.write(f"No heartbeat from a worker on this host in {max_age:g} s.")
        sys.exit(1)
