"""Spreadsheets of many distinct pairings for the worker's tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

HEADER = "programme,region,strand,eu_places,eu_countries,partner_places,partner_countries,themes,start_year"
EU_CITIES = [
    ("Lisbon", "PT"), ("Porto", "PT"), ("Braga", "PT"), ("Madrid", "ES"),
    ("Valencia", "ES"), ("Bilbao", "ES"), ("Lyon", "FR"), ("Nantes", "FR"),
    ("Lille", "FR"), ("Turin", "IT"), ("Bologna", "IT"), ("Genoa", "IT"),
    ("Leipzig", "DE"), ("Dresden", "DE"), ("Bremen", "DE"), ("Utrecht", "NL"),
    ("Ghent", "BE"), ("Graz", "AT"), ("Brno", "CZ"), ("Gdansk", "PL"),
]  # fmt: skip
LATIN_AMERICA = [
    ("Curitiba", "BR"), ("Recife", "BR"), ("Salvador", "BR"), ("Fortaleza", "BR"),
    ("Manaus", "BR"), ("Belem", "BR"), ("Goiania", "BR"), ("Campinas", "BR"),
    ("Puebla", "MX"), ("Merida", "MX"), ("Leon", "MX"), ("Rosario", "AR"),
    ("Cordoba", "AR"), ("Medellin", "CO"), ("Cali", "CO"),
]  # fmt: skip
CHINA = [("Chengdu", "CN"), ("Wuhan", "CN"), ("Xi'an", "CN"), ("Suzhou", "CN")]


def rows(region, partners, count, year=2022):
    """`count` distinct pairings of EU cities with `partners` in `region`."""
    found = []
    for partner, partner_country in partners:
        for eu, eu_country in EU_CITIES:
            found.append(
                f"IURC,{region},city,{eu},{eu_country},{partner},{partner_country},,{year}"
            )
    assert len(found) >= count, "not enough distinct pairings"
    return found[:count]


def spreadsheet(*row_lists, name="pairings.csv"):
    lines = [HEADER] + [row for row_list in row_lists for row in row_list]
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode())
