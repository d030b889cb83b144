"""The DCAT-AP catalogue of the open data, as JSON-LD, for data portals to harvest.

DCAT-AP is the European profile of W3C DCAT that data.europa.eu harvests. The document has
one catalogue with one dataset (the pairings), a distribution per format and language, and
the API as a data service. Licences, formats, languages and the theme are named by the EU
Publications Office's authority tables, as the profile recommends. Titles and descriptions
are given in every site language. tests/opendata/test_metadata.py checks the document
against the DCAT-AP 3.0.1 SHACL shapes.
"""

from django.urls import reverse
from django.utils import timezone

from opendata import catalogue

AUTHORITY = "http://publications.europa.eu/resource/authority"
LICENCE_URI = f"{AUTHORITY}/licence/CC_BY_4_0"
DATA_THEME_URI = f"{AUTHORITY}/data-theme/REGI"  # Regions and cities
# ISO 639-3 codes of the EU language authority table for the site's languages.
EU_LANGUAGES = {
    "en": "ENG",
    "ms": "MSA",
    "zh-hans": "ZHO",
    "vi": "VIE",
    "th": "THA",
    "pt": "POR",
    "es": "SPA",
}

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def bcp47(language):
    """Django's "zh-hans" as the language tag RDF literals use ("zh-Hans")."""
    base, _sep, script = language.partition("-")
    return f"{base}-{script.title()}" if script else base


def literals(text):
    """A translatable string as one RDF literal per site language."""
    return [
        {"@value": value, "@language": bcp47(language)}
        for language, value in catalogue.in_every_language(text).items()
    ]


def language_node(language):
    return {
        "@id": f"{AUTHORITY}/language/{EU_LANGUAGES[language]}",
        "@type": "dct:LinguisticSystem",
    }


def licence_node():
    return {"@id": LICENCE_URI, "@type": "dct:LicenseDocument"}


def date_time(value):
    return {"@value": value.isoformat(timespec="seconds"), "@type": "xsd:dateTime"}


def distribution(request, download_format, language):
    url = catalogue.absolute(
        request, catalogue.download_path(download_format.extension, language)
    )
    return {
        "@id": f"{url}#distribution",
        "@type": "dcat:Distribution",
        "dct:title": {
            "@value": f"{catalogue.DATASET_NAME}.{download_format.extension} ({language})",
            "@language": bcp47(language),
        },
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dcat:mediaType": {
            "@id": f"https://www.iana.org/assignments/media-types/{download_format.media_type}",
            "@type": "dct:MediaType",
        },
        "dct:format": {
            "@id": f"{AUTHORITY}/file-type/{download_format.eu_file_type}",
            "@type": "dct:MediaTypeOrExtent",
        },
        "dct:language": language_node(language),
        "dct:license": licence_node(),
    }


def catalogue_document(request, contact_email=""):
    """The DCAT-AP JSON-LD document of the site's open data."""
    home = catalogue.absolute(request, "/")
    catalogue_url = catalogue.absolute(request, reverse("dcat_catalogue"))
    dataset_id = f"{catalogue_url}#dataset"
    publisher = {
        "@id": f"{home}#publisher",
        "@type": "foaf:Agent",
        "foaf:name": catalogue.PUBLISHER_NAME,
    }
    modified = catalogue.last_modified() or timezone.now()
    languages = [language_node(code) for code in catalogue.language_codes()]

    dataset = {
        "@id": dataset_id,
        "@type": "dcat:Dataset",
        "dct:identifier": catalogue.DATASET_NAME,
        "dct:title": literals(catalogue.DATASET_TITLE),
        "dct:description": literals(catalogue.DATASET_DESCRIPTION),
        "dcat:keyword": [
            literal for word in catalogue.KEYWORDS for literal in literals(word)
        ],
        "dcat:theme": {
            "@id": DATA_THEME_URI,
            "@type": "skos:Concept",
            "skos:prefLabel": {"@value": "Regions and cities", "@language": "en"},
        },
        "dct:publisher": publisher,
        "dct:language": languages,
        "dct:modified": date_time(modified),
        "dcat:landingPage": {
            "@id": catalogue.absolute(request, reverse("open_data")),
            "@type": "foaf:Document",
        },
        "dct:conformsTo": {
            "@id": catalogue.absolute(request, reverse("datapackage")),
            "@type": "dct:Standard",
        },
        "dcat:distribution": [
            distribution(request, download_format, language)
            for download_format in catalogue.DOWNLOAD_FORMATS
            for language in catalogue.language_codes()
        ],
    }
    if contact_email:
        dataset["dcat:contactPoint"] = {
            "@type": ["vcard:Kind", "vcard:Organization"],
            "vcard:fn": catalogue.PUBLISHER_NAME,
            "vcard:hasEmail": {"@id": f"mailto:{contact_email}"},
        }
    api_root = catalogue.absolute(request, "/api/v1/")
    service = {
        "@id": f"{api_root}#service",
        "@type": "dcat:DataService",
        "dct:title": literals(catalogue.API_TITLE),
        "dcat:endpointURL": {"@id": api_root},
        "dcat:endpointDescription": {"@id": f"{api_root}openapi.json"},
        "dcat:servesDataset": {"@id": dataset_id},
        "dct:license": licence_node(),
    }
    return {
        "@context": CONTEXT,
        "@id": catalogue_url,
        "@type": "dcat:Catalog",
        "dct:title": literals(catalogue.CATALOGUE_TITLE),
        "dct:description": literals(catalogue.CATALOGUE_DESCRIPTION),
        "dct:publisher": publisher,
        "foaf:homepage": {"@id": home, "@type": "foaf:Document"},
        "dct:language": languages,
        "dct:license": licence_node(),
        "dct:modified": date_time(modified),
        "dcat:themeTaxonomy": {
            "@id": f"{AUTHORITY}/data-theme",
            "@type": "skos:ConceptScheme",
            "dct:title": {"@value": "Data theme", "@language": "en"},
        },
        "dcat:dataset": [dataset],
        "dcat:service": [service],
    }
