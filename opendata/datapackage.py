"""The Frictionless data package (datapackage.json) of the pairings' CSV downloads.

One tabular resource per site language: the same columns (opendata/columns.py, which the
CSV export writes), with names and themes in that language. Tools such as `frictionless
validate`, Open Knowledge's data explorer or pandas' readers use it to read the files
with the right types. tests/opendata/test_metadata.py validates it with the data.
"""

from django.urls import reverse
from django.utils import timezone, translation

from opendata import catalogue
from opendata.columns import COLUMNS


def table_schema():
    """The Table Schema of the CSV files, in English (titles of the columns)."""
    with translation.override("en"):
        fields = []
        for column in COLUMNS:
            field = {
                "name": column.name,
                "type": column.frictionless_type,
                "title": str(column.title),
                "description": str(column.description),
            }
            if column.required:
                field["constraints"] = {"required": True}
            fields.append(field)
    return {"fields": fields, "primaryKey": ["id"]}


def package_document(request):
    """The datapackage.json of the site, with absolute URLs."""
    schema = table_schema()
    modified = catalogue.last_modified() or timezone.now()
    resources = []
    titles = catalogue.in_every_language(catalogue.DATASET_TITLE)
    for language in catalogue.language_codes():
        resources.append(
            {
                "name": f"pairings-{language}",
                "title": titles[language],
                "path": catalogue.absolute(
                    request, catalogue.download_path("csv", language)
                ),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    with translation.override("en"):
        return {
            "profile": "tabular-data-package",
            "name": catalogue.DATASET_NAME,
            "title": str(catalogue.DATASET_TITLE),
            "description": str(catalogue.DATASET_DESCRIPTION),
            "homepage": catalogue.absolute(request, reverse("open_data")),
            "keywords": [str(word) for word in catalogue.KEYWORDS],
            "licenses": [catalogue.LICENCE],
            "sources": [
                {
                    "title": catalogue.PUBLISHER_NAME,
                    "path": catalogue.absolute(request, "/"),
                }
            ],
            "created": modified.isoformat(timespec="seconds"),
            "resources": resources,
        }
