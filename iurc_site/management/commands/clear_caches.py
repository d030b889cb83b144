"""Empty every cache: the page cache and the fragments, in Redis and in this process."""

from django.core.management.base import BaseCommand

from iurc_site.caching.fragments import clear_all_caches


class Command(BaseCommand):
    """After restoring a backup into a running site, or to make every page render anew.

    A restored database brings back an older content version, a number under which the
    shared cache may still hold pages and fragments of other content. (Each server
    process's own memory empties itself as the content version moves on.)
    """

    help = "Empty every cache (Redis included): run it after restoring a backup."

    def handle(self, *args, **options):
        for alias in clear_all_caches():
            self.stdout.write(f"Emptied the {alias!r} cache.")
