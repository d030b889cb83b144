"""Create or repair the editorial groups, collections, permissions and review workflow."""

from django.core.management.base import BaseCommand

from regions.editorial_roles import setup_editorial_roles


class Command(BaseCommand):
    help = (
        "Create or repair the Communications group, one coordinators group and image "
        "collection per region, their permissions and the 'Regional review' workflow. "
        "Idempotent: a second run changes nothing. Permissions are reset to their "
        "definition in regions/editorial_roles.py; every change is printed and logged."
    )

    def handle(self, *args, **options):
        changes = setup_editorial_roles()
        if not changes:
            self.stdout.write(
                "The editorial roles are all as defined; nothing changed."
            )
            return
        self.stdout.write(self.style.SUCCESS(f"{len(changes)} changes:"))
        for change in changes:
            self.stdout.write(f"  {change}")
