"""Load the demo content: page tree, reference data and the 30 real pairings (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from iurc_site.demo_content.loader import (
    DEMO_ADMIN_PASSWORD,
    DEMO_ADMIN_USERNAME,
    DemoContentLoader,
)


class Command(BaseCommand):
    help = (
        "Create the demo content where it is missing; existing content is never changed, "
        "so running it twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help=(
                "Also create the demo users: admin, comms and one coordinator per "
                "region (done by default when DEBUG is on)."
            ),
        )

    def handle(self, *args, **options):
        with_demo_users = options["with_demo_users"] or settings.DEBUG
        report = DemoContentLoader().load(with_demo_users=with_demo_users)
        if report.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {len(report.created)} items of demo content."
                )
            )
            if options["verbosity"] > 1:
                for item in report.created:
                    self.stdout.write(f"  + {item}")
        else:
            self.stdout.write("The demo content is all there already; nothing changed.")
        if with_demo_users:
            self.stdout.write(
                f"Admin: http://localhost:8000/admin/ users {DEMO_ADMIN_USERNAME!r}, "
                "'comms' and 'coordinator-<region>', password "
                f"{DEMO_ADMIN_PASSWORD!r} (local development only; see README)."
            )
