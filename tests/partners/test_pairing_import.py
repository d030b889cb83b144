"""Pairings come in from spreadsheets: every row is checked first, and a bad file changes nothing."""

from wagtail.models import PageLogEntry

import pytest

from partners.models import Place, Theme
from partners.pairing_import import SpreadsheetError, apply_plan, plan_import, read_csv
from regions.models import PairingPage

HEADER = "programme,region,strand,eu_places,eu_countries,partner_places,partner_countries,themes,start_year,source_url"


def csv_bytes(*rows, header=HEADER):
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def plan(*rows, header=HEADER):
    return plan_import(read_csv(csv_bytes(*rows, header=header)))


def errors_of(import_plan):
    return {(error.row_number, error.column) for error in import_plan.errors}


@pytest.mark.django_db
def test_new_pairing_is_created_under_its_region_with_new_places_and_themes(admin_user):
    import_plan = plan(
        "IURC,latin-america,city,Lisbon,PT,Curitiba,BR,Urban mobility;Tree planting,2022,https://example.org/a"
    )

    assert import_plan.is_valid
    assert [spec.action for spec in import_plan.specs] == ["create"]
    result = apply_plan(import_plan, user=admin_user, file_name="new.csv")

    pairing = PairingPage.objects.get(pk=result.created[0].pk)
    assert pairing.live
    assert pairing.get_parent().specific.slug_en == "latin-america"
    assert pairing.slug_en == "lisbon-curitiba"
    assert pairing.title_en == "Lisbon – Curitiba"
    assert pairing.start_year == 2022
    assert sorted(theme.name_en for theme in pairing.themes.all()) == [
        "Tree planting",
        "Urban mobility",
    ]
    assert (
        Theme.objects.filter(name_en="Urban mobility").count() == 1
    )  # existing theme reused
    curitiba = Place.objects.get(name_en="Curitiba")
    assert curitiba.has_coordinates  # from the offline gazetteer
    assert round(curitiba.latitude) == -25
    entry = PageLogEntry.objects.get(page=pairing, action="partners.import_pairing")
    assert entry.user == admin_user
    assert entry.data["file"] == "new.csv"


@pytest.mark.django_db
def test_reimporting_the_same_file_creates_no_duplicates_and_changes_nothing(
    admin_user,
):
    row = "IURC,china,city,Lisbon,PT,Chengdu,CN,Innovation,2022,"
    apply_plan(plan(row), user=admin_user)
    pages = PairingPage.objects.count()

    second = apply_plan(plan(row), user=admin_user)

    assert PairingPage.objects.count() == pages
    assert (len(second.created), len(second.updated), len(second.unchanged)) == (
        0,
        0,
        1,
    )


@pytest.mark.django_db
def test_reimport_with_changes_updates_the_existing_pairing(admin_user):
    apply_plan(
        plan("IURC,china,city,Lisbon,PT,Chengdu,CN,Innovation,2022,"), user=admin_user
    )

    import_plan = plan(
        "IURC,china,city,Lisbon,PT,Chengdu,CN,Innovation;Smart cities,2023,"
    )
    assert [spec.action for spec in import_plan.specs] == ["update"]
    result = apply_plan(import_plan, user=admin_user)

    pairing = PairingPage.objects.get(slug_en="lisbon-chengdu")
    assert result.updated == [pairing]
    assert pairing.start_year == 2023
    assert pairing.themes.count() == 2


@pytest.mark.django_db
def test_one_country_code_may_stand_for_several_places(admin_user):
    import_plan = plan("IURC,north-america,city,Lyon;Grenoble,FR,Denver,US,,2021,")

    assert import_plan.is_valid
    spec = import_plan.specs[0]
    assert [(place.name, place.country) for place in spec.eu_places] == [
        ("Lyon", "FR"),
        ("Grenoble", "FR"),
    ]
    assert spec.kind == PairingPage.Kind.TRIO


@pytest.mark.django_db
def test_columns_may_come_in_any_order():
    header = "partner_countries,partner_places,eu_countries,eu_places,strand,region,programme"

    import_plan = plan("BR,Recife,PT,Porto,city,latin-america,IURC", header=header)

    assert import_plan.is_valid
    assert import_plan.specs[0].partner_places[0].name == "Recife"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("IURC,antarctica,city,Lisbon,PT,Recife,BR,,2022,", "region"),
        ("IURC,latin-america,city,Lisbon,XX,Recife,BR,,2022,", "eu_countries"),
        ("IURC,latin-america,city,Lisbon,PT,Recife,BR,,twenty,", "start_year"),
        ("IURC,latin-america,city,Lisbon,PT,Recife,BR,,1850,", "start_year"),
        ("IURC,latin-america,city,,PT,Recife,BR,,2022,", "eu_places"),
        ("IURC,latin-america,city,Lisbon;;Porto,PT,Recife,BR,,2022,", "eu_places"),
        ("IURC,latin-america,village,Lisbon,PT,Recife,BR,,2022,", "strand"),
        (
            "IURC,latin-america,city,Lisbon;Porto;Braga,PT;PT,Recife,BR,,2022,",
            "eu_countries",
        ),
        ("PHASE9,latin-america,city,Lisbon,PT,Recife,BR,,2022,", "programme"),
        (
            "IURC,latin-america,city,Lisbon,PT,Recife,BR,,2022,javascript:alert(1)",
            "source_url",
        ),
    ],
)
def test_bad_row_is_reported_with_its_row_number_and_column(row, column):
    good = "IURC,latin-america,city,Lisbon,PT,Recife,BR,,2022,"

    import_plan = plan(good, row)

    assert not import_plan.is_valid
    assert errors_of(import_plan) == {(3, column)}
    assert "Row 3" in str(import_plan.errors[0])


@pytest.mark.django_db
def test_duplicate_rows_are_reported():
    row = "IURC,latin-america,city,Lisbon,PT,Recife,BR,,2022,"

    import_plan = plan(row, row)

    assert errors_of(import_plan) == {(3, "eu_places")}
    assert "row 2" in import_plan.errors[0].message


@pytest.mark.django_db
def test_a_file_with_any_bad_row_saves_nothing(admin_user):
    pages, places = PairingPage.objects.count(), Place.objects.count()
    import_plan = plan(
        "IURC,latin-america,city,Lisbon,PT,Recife,BR,,2022,",
        "IURC,latin-america,city,Lisbon,PT,Recife,ZZ,,2022,",
    )

    with pytest.raises(ValueError, match="errors"):
        apply_plan(import_plan, user=admin_user)

    assert (PairingPage.objects.count(), Place.objects.count()) == (pages, places)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00\x00binary", "UTF-8"),
        (b"\x00\x01\x02", "not a text spreadsheet"),
        (b"name,city\nfoo,bar\n", "Missing columns"),
        (b'programme,region\n"unterminated', "Missing columns"),
    ],
)
def test_a_file_that_is_not_a_pairings_spreadsheet_gets_a_clear_message(data, message):
    with pytest.raises(SpreadsheetError, match=message):
        read_csv(data)
