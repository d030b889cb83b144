"""Import pairings from a CSV or XLSX file: every row checked first, then all or nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tqdm import tqdm

from iurc_site.private_apis import underlying_stream
from partners.models import PairingImport
from partners.pairing_import import SpreadsheetError, plan_import, read_spreadsheet
from partners.pairing_import.uploads import (
    allowed_regions_for,
    apply_stored_import,
    may_publish,
    summarise_plan,
)

# Below this many rows an import is over before a progress bar would tell anything.
PROGRESS_BAR_FROM = 200


class Command(BaseCommand):
    help = (
        "Import pairings from a spreadsheet (CSV or XLSX; format in docs/editorial.md). Every row is "
        "checked first; a file with any error is rejected whole and nothing is saved. "
        "A re-import updates the pairings it created, never duplicates them."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and say what would change, but save nothing",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="save new and changed pairings as drafts instead of publishing them",
        )
        parser.add_argument(
            "--user",
            help="username recorded in the page history; limits the import to the "
            "regions that user may edit (default: nobody, every region)",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        user = self.find_user(options["user"])
        data = path.read_bytes()
        try:
            records = read_spreadsheet(data, path.name)
        except SpreadsheetError as error:
            raise CommandError(f"{path.name}: {error}") from None
        plan = plan_import(records, allowed_regions=allowed_regions_for(user))
        for error in plan.errors:
            self.stderr.write(str(error))
        if not plan.is_valid:
            raise CommandError(
                f"{len(plan.errors)} errors in {path.name}; nothing was imported."
            )
        self.stdout.write(
            f"{path.name}: {len(plan.to_create)} pairings to create, "
            f"{len(plan.to_update)} to update (unless unchanged)."
        )
        if options["dry_run"]:
            for spec in plan.specs:
                self.stdout.write(
                    f"  row {spec.row_number}: {spec.action} {spec.title} "
                    f"({spec.region.slug_en}, {spec.phase.short_name})"
                )
            self.stdout.write("Dry run: nothing was saved.")
            return
        publish = not options["draft"] and may_publish(
            user, {spec.region for spec in plan.specs}
        )
        with (
            tqdm(
                total=len(plan.specs),
                unit="row",
                file=underlying_stream(self.stderr),
                disable=len(plan.specs) < PROGRESS_BAR_FROM
                or options["verbosity"] == 0,
            ) as bar,
            transaction.atomic(),
        ):
            record = PairingImport.objects.create(
                file_name=path.name,
                content=data,
                uploaded_by=user,
                as_drafts=not publish,
                summary=summarise_plan(plan),
            )
            result = apply_stored_import(record, plan=plan, progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.created)} created, {len(result.updated)} updated, "
                f"{len(result.unchanged)} unchanged, {len(result.new_places)} new places"
                + ("" if publish else " (saved as drafts)")
                + "."
            )
        )
        for place in result.places_without_coordinates:
            self.stdout.write(
                f"  no coordinates found for {place}: add them in the admin"
            )

    def find_user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        return user
