"""Reading a pairings spreadsheet into plain records: {column: text} with their row numbers."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

REQUIRED_COLUMNS = (
    "programme",
    "region",
    "strand",
    "eu_places",
    "eu_countries",
    "partner_places",
    "partner_countries",
)
OPTIONAL_COLUMNS = (
    "themes",
    "start_year",
    "source_url",
    "kind",
    "status",
    "description",
)


class SpreadsheetError(Exception):
    """The file as a whole cannot be read as a pairings spreadsheet."""


@dataclass(frozen=True)
class Record:
    """One data row of the file: its row number as a spreadsheet shows it, and its cells."""

    row_number: int
    cells: dict


def normalise_column(name):
    """ "EU places " -> "eu_places"."""
    return "_".join((name or "").strip().lower().replace("-", " ").split())


def records_from_rows(rows):
    """Turn a header row plus data rows (lists of cell texts) into Records."""
    rows = iter(rows)
    try:
        header = [normalise_column(str(cell or "")) for cell in next(rows)]
    except StopIteration:
        raise SpreadsheetError(_("The file is empty.")) from None
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise SpreadsheetError(
            _("Missing columns: %(columns)s. The first row must name the columns.")
            % {"columns": ", ".join(missing)}
        )
    known = set(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
    records = []
    for row_number, row in enumerate(rows, start=2):
        cells = {
            column: ("" if value is None else str(value)).strip()
            for column, value in zip(header, row, strict=False)
            if column in known
        }
        if any(cells.values()):
            records.append(Record(row_number=row_number, cells=cells))
    return records


def read_csv(data):
    """Records from the bytes of a CSV file (UTF-8, with or without BOM; comma or tab)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
        ) from None
    if "\x00" in text:
        raise SpreadsheetError(_("The file is not a text spreadsheet."))
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    try:
        return records_from_rows(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise SpreadsheetError(
            _("The CSV file is malformed: %(error)s") % {"error": error}
        ) from None
