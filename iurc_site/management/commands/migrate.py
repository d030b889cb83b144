"""`migrate`, plus what wagtail-modeltranslation needs after it, without ever prompting."""

from django.core.management import call_command
from django.db import connection

from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page
from wagtail_modeltranslation.management.commands.migrate_translation import (
    Command as TranslationMigrateCommand,
)


def page_url_path_columns():
    """The url_path_<language> columns that wagtailcore_page has now."""
    table = Page._meta.db_table
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return set()
        columns = {
            column.name
            for column in connection.introspection.get_table_description(cursor, table)
        }
    return {
        build_localized_fieldname("url_path", code)
        for code in mt_settings.AVAILABLE_LANGUAGES
    } & columns


def search_documents_missing():
    """Whether the public search's table exists but is empty (before its first build)."""
    from sitesearch.models import SearchDocument

    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if SearchDocument._meta.db_table not in tables:
        return False  # migrated backwards past it
    return not SearchDocument.objects.exists()


class Command(TranslationMigrateCommand):
    help = (
        "Apply migrations; add Wagtail Page's per-language columns for any new language "
        "(no prompt: they are nullable); copy untranslated page fields into the default "
        "language's columns; compute the URL paths of a newly added language; build the "
        "public search's documents when there are none yet or a language was added."
    )

    def handle(self, *args, **options):
        columns_before = page_url_path_columns()
        # The per-language Page columns are nullable, so adding them never needs a prompt;
        # asking would crash in CI and Docker, where there is no terminal (docs/stack-pitfalls.md, pitfall 1).
        super().handle(*args, **{**options, "interactive": False})
        quiet = {"verbosity": max(options["verbosity"] - 1, 0)}
        # The root page was created before the *_en columns existed (docs/stack-pitfalls.md, pitfall 2).
        call_command("update_translation_fields", "wagtailcore", "page", **quiet)
        language_added = bool(
            page_url_path_columns() - columns_before and columns_before
        )
        if language_added:
            # A language was added: give every page its URL path in that language (docs/stack-pitfalls.md, pitfall 3).
            call_command("set_translation_url_paths", **quiet)
        if language_added or search_documents_missing():
            # The public search needs a document per page and language (sitesearch).
            call_command("update_search_documents", **quiet)
