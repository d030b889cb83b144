"""The open-data metadata: a Frictionless data package that validates with the files it
describes, and a DCAT-AP catalogue that conforms to the profile's SHACL shapes."""

import json
from pathlib import Path

from django.test import override_settings

import pytest
from bs4 import BeautifulSoup
from frictionless import validate
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from iurc_site.models import SiteSettings
from tests.factories import PairingPageFactory

pytestmark = pytest.mark.django_db

SHAPES = Path(__file__).parent / "dcat_ap"
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LANGUAGES = ("en", "ms", "zh-hans", "vi", "th", "pt", "es")


def body(response):
    return (
        b"".join(response.streaming_content) if response.streaming else response.content
    )


def test_data_package_validates_with_the_csv_files_it_describes(client, tmp_path):
    """Every CSV download, in every language, matches the columns and types the
    package declares (frictionless reads each file and checks every cell)."""
    response = client.get("/data/datapackage.json")
    assert response.status_code == 200
    package = response.json()
    assert [resource["name"] for resource in package["resources"]] == [
        f"pairings-{language}" for language in LANGUAGES
    ]
    for resource in package["resources"]:
        download = client.get(resource["path"].replace("http://testserver", ""))
        assert download.status_code == 200, resource["path"]
        local = tmp_path / f"{resource['name']}.csv"
        local.write_bytes(body(download))
        resource["path"] = local.name
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(json.dumps(package), encoding="utf-8")

    report = validate(str(descriptor))

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = report.tasks[0].stats["rows"]
    assert rows > 0  # the demo content's pairings were read, not an empty file


def test_data_package_names_the_licence_and_types_every_column(client):
    package = client.get("/data/datapackage.json").json()

    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    fields = package["resources"][0]["schema"]["fields"]
    assert {field["name"] for field in fields} >= {"programme", "region", "eu_places"}
    assert all(field["type"] and field["description"] for field in fields)


def catalogue_graph(client):
    response = client.get("/data/catalogue.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    # The context is inline: parsing fetches nothing.
    return Graph().parse(data=response.content, format="json-ld")


def test_dcat_catalogue_conforms_to_the_dcat_ap_shapes(client):
    graph = catalogue_graph(client)
    shapes = Graph()
    for name in ("shapes.ttl", "range.ttl"):
        shapes.parse(SHAPES / name, format="turtle")

    conforms, _report, text = shacl_validate(graph, shacl_graph=shapes)

    assert conforms, text
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 1
    distributions = list(graph.objects(datasets[0], DCAT.distribution))
    assert len(distributions) == 4 * len(LANGUAGES)  # CSV, XLSX, JSON, GeoJSON


def test_dcat_catalogue_speaks_every_site_language(client):
    graph = catalogue_graph(client)
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))

    titles = {
        title.language: str(title) for title in graph.objects(dataset, DCTERMS.title)
    }

    assert set(titles) == {"en", "ms", "zh-Hans", "vi", "th", "pt", "es"}
    assert titles["pt"] != titles["en"]  # translated, not English seven times
    licence = URIRef(
        "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
    )
    distributions = list(graph.objects(dataset, DCAT.distribution))
    assert distributions
    assert all(
        (distribution, DCTERMS.license, licence) in graph
        for distribution in distributions
    )


def test_dcat_catalogue_has_the_sites_contact_address_when_there_is_one(client):
    site_settings = SiteSettings.load()
    site_settings.contact_email = "data@example.org"
    site_settings.save()

    graph = catalogue_graph(client)

    emails = set(graph.objects(None, VCARD.hasEmail))
    assert emails == {URIRef("mailto:data@example.org")}


def test_catalogue_dates_follow_the_newest_published_pairing(
    client, django_capture_on_commit_callbacks
):
    before = client.get("/data/catalogue.jsonld").json()["dct:modified"]["@value"]
    with django_capture_on_commit_callbacks(execute=True):
        pairing = PairingPageFactory()
        pairing.save_revision().publish()

    after = catalogue_graph(client)
    modified = {
        str(value)
        for value in after.objects(
            next(after.subjects(RDF.type, DCAT.Catalog)), DCTERMS.modified
        )
    }
    assert modified and modified != {before}
    assert Literal(before) not in modified


@override_settings(LANGUAGE_CODE="en")
def test_open_data_page_in_portuguese_links_the_portuguese_downloads(client):
    response = client.get("/pt/data/")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "pt"
    assert soup.h1.get_text(strip=True) == "Dados abertos"
    links = {link["href"] for link in soup.select(".download-links a")}
    assert links == {
        f"/pt/data/pairings.{extension}"
        for extension in ("csv", "xlsx", "json", "geojson")
    }
    structured = json.loads(soup.find("script", type="application/ld+json").string)
    assert structured["@type"] == "Dataset"
    assert structured["license"] == "https://creativecommons.org/licenses/by/4.0/"
