"""Wait until the default database accepts connections (container start-up)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections


class Command(BaseCommand):
    """Retry a connection to the default database until it answers or time runs out."""

    help = "Wait until the default database accepts connections."

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout", type=float, default=60, help="seconds to wait (default 60)"
        )
        parser.add_argument(
            "--interval", type=float, default=1, help="seconds between tries"
        )

    def handle(self, *args, timeout, interval, **options):
        deadline = time.monotonic() + timeout
        connection = connections["default"]
        attempt = 0
        while True:
            attempt += 1
            try:
                connection.ensure_connection()
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
            except DatabaseError as error:
                connection.close()
                if time.monotonic() >= deadline:
                    raise CommandError(
                        f"The database did not answer within {timeout:g} s "
                        f"({type(error).__name__})."
                    ) from None
                if attempt == 1:
                    self.stderr.write("Waiting for the database...")
                time.sleep(interval)
            else:
                self.stdout.write(self.style.SUCCESS("The database is available."))
                return
