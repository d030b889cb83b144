"""The open-data page for people and the metadata documents for machines.

- /<lang>/data/: what can be downloaded, how to reuse it, where the API and the metadata are;
- /data/datapackage.json: the Frictionless data package of the CSV downloads;
- /data/catalogue.jsonld: the DCAT-AP catalogue that data portals harvest.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from iurc_site.models import SiteSettings
from iurc_site.seo import structured_data
from opendata import catalogue, dcat
from opendata.columns import COLUMNS
from opendata.datapackage import package_document

JSON_LD = "application/ld+json"


def dataset_structured_data(request, downloads):
    """schema.org Dataset of the landing page (what dataset search engines read)."""
    return {
        "@context": structured_data.SCHEMA,
        "@type": "Dataset",
        "name": str(catalogue.DATASET_TITLE),
        "description": str(catalogue.DATASET_DESCRIPTION),
        "url": request.build_absolute_uri(),
        "inLanguage": get_language(),
        "license": catalogue.LICENCE["path"],
        "isAccessibleForFree": True,
        "keywords": [str(word) for word in catalogue.KEYWORDS],
        "creator": {"@type": "Organization", "name": catalogue.PUBLISHER_NAME},
        "funder": structured_data.EUROPEAN_UNION,
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": download.media_type,
                "contentUrl": request.build_absolute_uri(download.url),
            }
            for download in downloads
        ],
    }


class Download:
    def __init__(self, download_format, language):
        self.label = download_format.label
        self.extension = download_format.extension
        self.media_type = download_format.media_type
        self.url = catalogue.download_path(download_format.extension, language)


@require_safe
def open_data_page(request):
    language = get_language()
    downloads = [Download(fmt, language) for fmt in catalogue.DOWNLOAD_FORMATS]
    return render(
        request,
        "opendata/open_data.html",
        {
            "downloads": downloads,
            "columns": COLUMNS,
            "licence": catalogue.LICENCE,
            "dataset_json_ld": structured_data.json_ld(
                dataset_structured_data(request, downloads)
            ),
        },
    )


@require_safe
def datapackage(request):
    return JsonResponse(
        package_document(request), json_dumps_params={"ensure_ascii": False}
    )


@require_safe
def dcat_catalogue(request):
    settings = SiteSettings.load(request_or_site=request)
    return JsonResponse(
        dcat.catalogue_document(request, contact_email=settings.contact_email),
        content_type=JSON_LD,
        json_dumps_params={"ensure_ascii": False},
    )
