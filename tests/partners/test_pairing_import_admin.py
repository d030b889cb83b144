"""Importing pairings from the admin (upload, preview, confirm) and from the command line."""

import io
from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest
from bs4 import BeautifulSoup
from openpyxl import Workbook

from partners.models import PairingImport, Place
from partners.pairing_import import read_xlsx
from regions.editorial_roles import COMMUNICATIONS
from regions.models import PairingPage
from tests.support.two_factor import verified_login

HEADER = "programme,region,strand,eu_places,eu_countries,partner_places,partner_countries,themes,start_year"
LISBON_CURITIBA = "IURC,latin-america,city,Lisbon,PT,Curitiba,BR,Urban mobility,2022"
PORTO_CHENGDU = "IURC,china,city,Porto,PT,Chengdu,CN,,2022"


def csv_file(*rows, name="pairings.csv"):
    return SimpleUploadedFile(name, ("\n".join([HEADER, *rows]) + "\n").encode())


def upload(client, file, **extra):
    return client.post(reverse("import_pairings:add"), {"file": file, **extra})


def site_search(client, words):
    """{href: title} of the results the visitors' search page lists."""
    response = client.get("/en/search/", {"q": words})
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    return {
        link["href"]: link.get_text(strip=True)
        for link in document.select(".search-result__title a")
    }


def pairing_count():
    return PairingPage.objects.count()


@pytest.mark.django_db
def test_upload_shows_a_preview_and_saves_nothing_until_confirmed(client, editor):
    verified_login(client, editor(COMMUNICATIONS))
    before = pairing_count()

    response = upload(client, csv_file(LISBON_CURITIBA))

    record = PairingImport.objects.get()
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert "Lisbon – Curitiba" in preview.content.decode()
    assert pairing_count() == before

    client.post(response["Location"], {"import": "1"})

    pairing = PairingPage.objects.get(slug_en="lisbon-curitiba")
    assert pairing.live
    record.refresh_from_db()
    assert record.status == PairingImport.Status.APPLIED
    assert record.summary["created"] == 1
    assert PageLogEntry.objects.filter(
        page=pairing, action="partners.import_pairing", user=record.uploaded_by
    ).exists()


@pytest.mark.django_db
def test_confirming_twice_imports_once(client, editor):
    verified_login(client, editor(COMMUNICATIONS))
    preview_url = upload(client, csv_file(LISBON_CURITIBA))["Location"]
    before = pairing_count()

    client.post(preview_url, {"import": "1"})
    client.post(preview_url, {"import": "1"})

    assert pairing_count() == before + 1


@pytest.mark.django_db
def test_a_file_with_errors_lists_them_by_row_and_cannot_be_imported(client, editor):
    verified_login(client, editor(COMMUNICATIONS))
    before = pairing_count(), Place.objects.count()

    response = upload(
        client, csv_file(LISBON_CURITIBA, "IURC,mars,city,Porto,PT,Recife,BR,,2022")
    )
    preview = client.get(response["Location"]).content.decode()
    client.post(response["Location"], {"import": "1"})

    assert "mars" in preview
    assert "<td>3</td>" in preview and "<td>region</td>" in preview
    assert PairingImport.objects.get().status == PairingImport.Status.INVALID
    assert (pairing_count(), Place.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n", "Upload a spreadsheet"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1", "Old Excel files"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "not a valid Excel workbook"),
        ("big.csv", b"x" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
        ("columns.csv", b"name,city\nfoo,bar\n", "Missing columns"),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_clear_message(
    client, editor, name, content, message
):
    verified_login(client, editor(COMMUNICATIONS))

    response = upload(client, SimpleUploadedFile(name, content))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PairingImport.objects.exists()


@pytest.mark.django_db
def test_a_coordinator_imports_only_into_their_region_and_only_as_drafts(
    client, editor
):
    coordinator = editor("Latin America & Caribbean coordinators")
    verified_login(client, coordinator)

    rejected = upload(client, csv_file(LISBON_CURITIBA, PORTO_CHENGDU))
    assert (
        "only into your own region" in client.get(rejected["Location"]).content.decode()
    )

    accepted = upload(client, csv_file(LISBON_CURITIBA, name="mine.csv"))
    preview = client.get(accepted["Location"]).content.decode()
    assert "saved as drafts" in preview
    client.post(accepted["Location"], {"import": "1"})

    pairing = PairingPage.objects.get(slug_en="lisbon-curitiba")
    assert not pairing.live
    assert pairing.owner == coordinator


@pytest.mark.django_db
def test_coordinators_see_only_their_own_imports(client, editor):
    coordinator = editor("China coordinators")
    comms = editor(COMMUNICATIONS)
    verified_login(client, comms)
    upload(client, csv_file(PORTO_CHENGDU, name="by-comms.csv"))
    assert "by-comms.csv" in client.get(reverse("import_pairings:index")).text

    verified_login(client, coordinator)
    history = client.get(reverse("import_pairings:index")).content.decode()
    other = client.get(
        reverse("import_pairings:edit", args=[PairingImport.objects.get().pk])
    )

    assert "by-comms.csv" not in history
    assert other.status_code == 302
    assert other["Location"] == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_anonymous_visitors_cannot_upload(client):
    response = upload(client, csv_file(LISBON_CURITIBA))

    assert response.status_code == 302
    assert not PairingImport.objects.exists()


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_file_reads_like_a_csv_file():
    data = xlsx_bytes(
        [
            [
                "Programme",
                "Region",
                "Strand",
                "EU places",
                "EU countries",
                "Partner places",
                "Partner countries",
                "Start year",
            ],
            ["IURC", "china", "city", "Porto", "PT", "Chengdu", "CN", 2022],
        ]
    )

    records = read_xlsx(data)

    assert records[0].row_number == 2
    assert records[0].cells["start_year"] == "2022"
    assert records[0].cells["eu_places"] == "Porto"


@pytest.mark.django_db
def test_command_dry_run_saves_nothing_and_import_then_reimport_does_not_duplicate(
    tmp_path,
):
    path = tmp_path / "pairings.csv"
    path.write_text("\n".join([HEADER, LISBON_CURITIBA, PORTO_CHENGDU]) + "\n")
    before = pairing_count()

    out = StringIO()
    call_command("import_pairings", str(path), "--dry-run", stdout=out)
    assert pairing_count() == before
    assert "create Lisbon – Curitiba" in out.getvalue()

    call_command("import_pairings", str(path), "--draft", stdout=StringIO())
    call_command("import_pairings", str(path), stdout=StringIO())

    assert pairing_count() == before + 2
    assert (
        PairingImport.objects.filter(status=PairingImport.Status.APPLIED).count() == 2
    )


@pytest.mark.django_db
def test_command_rejects_a_bad_file_and_saves_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "\n".join([HEADER, LISBON_CURITIBA, "IURC,china,city,,PT,X,CN,,2022"])
    )
    before = pairing_count()

    with pytest.raises(CommandError, match="1 errors"):
        call_command("import_pairings", str(path), stdout=StringIO(), stderr=StringIO())

    assert pairing_count() == before
    assert not PairingImport.objects.exists()


@pytest.mark.django_db
def test_imported_pairings_are_found_by_site_search(client, tmp_path):
    path = tmp_path / "pairings.csv"
    path.write_text("\n".join([HEADER, LISBON_CURITIBA]) + "\n")
    assert "Lisbon – Curitiba" not in site_search(client, "Curitiba")

    call_command("import_pairings", str(path), stdout=StringIO())

    pairing = PairingPage.objects.get(slug_en="lisbon-curitiba")
    assert site_search(client, "Curitiba").get(pairing.url) == "Lisbon – Curitiba"


@pytest.mark.django_db
def test_command_shows_a_progress_bar_on_large_files(tmp_path, monkeypatch):
    from partners.management.commands import import_pairings

    monkeypatch.setattr(import_pairings, "PROGRESS_BAR_FROM", 2)
    path = tmp_path / "pairings.csv"
    path.write_text("\n".join([HEADER, LISBON_CURITIBA, PORTO_CHENGDU]) + "\n")
    err = StringIO()

    call_command("import_pairings", str(path), stdout=StringIO(), stderr=err)

    assert "2/2" in err.getvalue()


def test_the_upload_form_names_the_columns_it_reads(client, editor):
    from partners.pairing_import.reading import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

    verified_login(client, editor("Communications"))
    form = client.get(reverse("import_pairings:add")).text
    for column in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS):
        assert column in form
    assert "README" not in form
