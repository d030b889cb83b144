"""Remove every two-factor device of a user who lost theirs (docs/two-factor.md)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from iurc_site.accounts.devices import reset_two_factor


class Command(BaseCommand):
    help = (
        "Remove every two-factor device (authenticator apps, passkeys, recovery "
        "codes) of a user, who sets up a new one at their next login. Written to the "
        "audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--by",
            metavar="USERNAME",
            help="The administrator doing it, recorded in the audit log.",
        )

    def handle(self, username, by=None, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        administrator = None
        if by:
            try:
                administrator = User.objects.get_by_natural_key(by)
            except User.DoesNotExist:
                raise CommandError(f"No user named {by!r}.") from None
        removed = reset_two_factor(user, by=administrator)
        self.stdout.write(
            f"Removed two-factor devices of {username}: {len(removed)}"
            + "".join(f"\n  {line}" for line in removed)
        )
