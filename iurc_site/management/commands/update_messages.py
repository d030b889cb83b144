"""Update the .po files of every site language from the code and templates, then compile them."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import to_locale

IGNORED = [".venv", "staticfiles", "media", "node_modules"]


def translated_locales():
    """The locale names (ms, zh_Hans, ...) of every language but the source language."""
    return [
        to_locale(code)
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


class Command(BaseCommand):
    help = "Run makemessages for every language in settings.LANGUAGES, then compilemessages."

    def handle(self, *args, **options):
        call_command(
            "makemessages",
            locale=translated_locales(),
            ignore_patterns=IGNORED,
            no_obsolete=True,
            no_location=True,
            verbosity=options["verbosity"],
        )
        call_command(
            "compilemessages",
            locale=translated_locales(),
            ignore_patterns=IGNORED,
            verbosity=options["verbosity"],
        )
