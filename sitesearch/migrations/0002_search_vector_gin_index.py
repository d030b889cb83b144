"""A GIN index on the search vector, on PostgreSQL (the SQLite fallback has no vector)."""

from django.db import migrations

INDEX = "sitesearch_document_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON sitesearch_searchdocument USING gin (vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_search_documents")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
