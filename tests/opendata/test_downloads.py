"""Downloads of explorer views: the right pairings, in the visitor's language, in four
formats; a spreadsheet round trip with the import; files that spreadsheets and GIS open."""

import csv
import io
import json
from pathlib import Path

from wagtail.models import Revision

import pyogrio
import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft7Validator
from openpyxl import load_workbook

from iurc_site.models import ProgrammePhasePage
from opendata.columns import COLUMN_NAMES
from partners.models import Place, Theme
from partners.pairing_import import apply_plan, plan_import, read_spreadsheet
from regions.explorer.filters import explorable_pairings
from regions.models import PairingPage, RegionPage
from tests.factories import PairingPageFactory, PlaceFactory

pytestmark = pytest.mark.django_db

GEOJSON_SCHEMA = json.loads(
    (Path(__file__).parent / "geojson" / "FeatureCollection.json").read_text()
)


def body(response):
    assert response.status_code == 200, response.content[:500]
    return (
        b"".join(response.streaming_content) if response.streaming else response.content
    )


def csv_rows(response):
    text = body(response).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(body(response)), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def region_pairing_ids(slug):
    region = RegionPage.objects.get(slug_en=slug)
    return set(
        explorable_pairings()
        .filter(path__startswith=region.path, depth=region.depth + 1)
        .values_list("pk", flat=True)
    )


def test_one_regions_pairings_in_portuguese_as_csv_xlsx_and_geojson(client):
    """The done-when of the downloads: the explorer filtered to Latin America in
    Portuguese gives that region's pairings, with Portuguese names, in every format."""
    expected = region_pairing_ids("latin-america")
    assert len(expected) > 3
    query = "?region=latin-america"

    from_csv = csv_rows(client.get(f"/pt/data/pairings.csv{query}"))
    from_xlsx = xlsx_rows(client.get(f"/pt/data/pairings.xlsx{query}"))
    geojson = json.loads(body(client.get(f"/pt/data/pairings.geojson{query}")))

    for rows in (from_csv, from_xlsx):
        assert {int(row["id"]) for row in rows} == expected
        seville = next(row for row in rows if row["eu_places"] == "Seville")
        assert seville["eu_place_names"] == "Sevilha"  # the visitor's language...
        assert seville["title"].startswith("Sevilha")
        assert seville["eu_country_names"] == "Espanha"
        assert seville["region"] == "latin-america"  # ...beside what the import reads
        assert seville["url"].startswith("http://testserver/pt/")
    pairings = [
        feature
        for feature in geojson["features"]
        if feature["properties"]["feature_type"] == "pairing"
    ]
    assert {feature["properties"]["pairing_id"] for feature in pairings} == expected
    assert any(feature["properties"]["eu_places"] == "Sevilha" for feature in pairings)


def test_the_explorer_links_its_view_in_every_format(client):
    page = client.get("/pt/pareamentos/?region=latin-america&theme=nope")
    assert page.status_code == 200
    links = {
        link["href"]
        for link in BeautifulSoup(page.content, "html.parser").select("a[download]")
    }
    # The filters the explorer uses, not the one it dropped with a notice.
    assert links == {
        f"/pt/data/pairings.{extension}?region=latin-america"
        for extension in ("csv", "xlsx", "json", "geojson")
    }


def test_json_download_lists_every_pairing_with_its_places_and_pages(client):
    document = json.loads(body(client.get("/zh-hans/data/pairings.json")))

    assert document["language"] == "zh-hans"
    assert document["licence"] == "https://creativecommons.org/licenses/by/4.0/"
    assert {pairing["id"] for pairing in document["pairings"]} == set(
        explorable_pairings().values_list("pk", flat=True)
    )
    pairing = document["pairings"][0]
    assert pairing["eu_places"] and pairing["partner_places"]
    assert set(pairing["urls"]) == {"en", "ms", "zh-hans", "vi", "th", "pt", "es"}
    assert pairing["url"] == pairing["urls"]["zh-hans"]


def test_exported_everything_and_imported_unchanged_changes_nothing(client):
    """The round trip: no pairing created or updated, no revision saved, in both formats."""
    total = explorable_pairings().count()
    for extension in ("csv", "xlsx"):
        data = body(client.get(f"/en/data/pairings.{extension}"))
        revisions = Revision.objects.count()
        pages = PairingPage.objects.count()

        plan = plan_import(read_spreadsheet(data, f"pairings.{extension}"))
        assert plan.is_valid, [str(error) for error in plan.errors]
        result = apply_plan(plan)

        assert (len(result.created), len(result.updated)) == (0, 0), extension
        assert len(result.unchanged) == total
        assert not result.new_places
        assert Revision.objects.count() == revisions
        assert PairingPage.objects.count() == pages


def test_an_edited_row_changes_that_pairing_only(client):
    rows = csv_rows(client.get("/en/data/pairings.csv"))
    edited = rows[3]
    edited["status"] = "completed" if edited["status"] == "active" else "active"
    edited["title"] = "A title the import does not read"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMN_NAMES)
    writer.writeheader()
    writer.writerows(rows)

    result = apply_plan(plan_import(read_spreadsheet(out.getvalue().encode())))

    assert [pairing.pk for pairing in result.updated] == [int(edited["id"])]
    assert not result.created
    assert PairingPage.objects.get(pk=edited["id"]).status == edited["status"]


def test_formula_like_text_is_neutralised_and_comes_back_on_import(client):
    region = RegionPage.objects.get(slug_en="china")
    hostile = PlaceFactory(
        name='=HYPERLINK("http://evil.example","x")', country="CN", latitude=30
    )
    pairing = PairingPageFactory(
        parent=region,
        places=(PlaceFactory(name="@Home", country="DE"), hostile),
        phase=ProgrammePhasePage.objects.get(short_name="IURC"),
    )
    theme = Theme.objects.create(name="+Green", name_en="+Green", slug="green-plus")
    pairing.themes.add(theme)
    pairing.save_revision().publish()

    for extension, rows in (
        ("csv", csv_rows(client.get("/en/data/pairings.csv?region=china"))),
        ("xlsx", xlsx_rows(client.get("/en/data/pairings.xlsx?region=china"))),
    ):
        row = next(row for row in rows if int(row["id"]) == pairing.pk)
        assert row["partner_places"] == '\'=HYPERLINK("http://evil.example","x")'
        assert row["eu_places"] == "'@Home"
        assert row["themes"] == "'+Green", extension
    workbook = load_workbook(
        io.BytesIO(body(client.get("/en/data/pairings.xlsx?region=china")))
    )
    assert not any(
        cell.data_type == "f"
        for row in workbook.worksheets[0].iter_rows()
        for cell in row
    )

    data = body(client.get("/en/data/pairings.csv?region=china"))
    result = apply_plan(plan_import(read_spreadsheet(data)))
    assert pairing.pk in {unchanged.pk for unchanged in result.unchanged}
    assert not result.new_places
    assert Place.objects.filter(name_en__startswith="'").count() == 0


def test_geojson_validates_and_opens_in_a_gis_reader(client, tmp_path):
    data = body(client.get("/th/data/pairings.geojson"))
    document = json.loads(data)

    errors = list(Draft7Validator(GEOJSON_SCHEMA).iter_errors(document))
    assert not errors, errors[:3]
    kinds = {}
    for feature in document["features"]:
        geometry = feature["geometry"]
        kinds.setdefault(feature["properties"]["feature_type"], set()).add(
            geometry and geometry["type"]
        )
    assert kinds["place"] == {"Point"}
    assert "MultiLineString" in kinds["pairing"]
    # Longitude first (RFC 7946): Rotterdam is at about 4.5 E, 51.9 N.
    rotterdam = next(
        feature
        for feature in document["features"]
        if feature["properties"].get("name_en") == "Rotterdam"
    )
    longitude, latitude = rotterdam["geometry"]["coordinates"]
    assert 4 < longitude < 5 and 51 < latitude < 52

    # GDAL's GeoJSON driver (what QGIS uses) reads every feature with its properties.
    path = tmp_path / "pairings.geojson"
    path.write_bytes(data)
    meta, _fids, geometries, fields = pyogrio.raw.read(path)
    assert len(geometries) == len(document["features"])
    names = dict(zip(meta["fields"], fields, strict=True))
    assert "Rotterdam" in set(names["name_en"])
    assert (
        len(set(names["name"])) > 10
    )  # the places' names, in Thai where they have one


def test_csv_json_and_geojson_stream(client):
    for extension in ("csv", "json", "geojson"):
        response = client.get(f"/en/data/pairings.{extension}")
        assert response.streaming, extension
        assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    "query",
    [
        "?region=atlantis",
        "?year=20x1",
        "?region=china&region=latin-america",
        "?country=%00%00",
    ],
)
def test_a_filter_the_download_cannot_use_is_a_clear_400(client, query):
    response = client.get(f"/en/data/pairings.csv{query}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert b"filter" in response.content.lower() or b"first value" in response.content


def test_hostile_format_and_unknown_parameters_are_ignored_not_errors(client):
    response = client.get("/en/data/pairings.json?format=../../etc/passwd&x=%00")
    assert json.loads(body(response))["pairings"]
    assert client.get("/en/data/pairings.exe").status_code == 404
    assert client.get("/en/data/pairings.csv%00").status_code == 404
