"""Reading a pairings spreadsheet into plain records: {column: text} with their row numbers."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _

from openpyxl import load_workbook

from partners.pairing_import.cells import restore_formula

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
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


# Limits that keep a bad or hostile file from taking the server down: the upload size,
# the unpacked size of an XLSX (a small zip can unpack to gigabytes) and the row count.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_XLSX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20_000
ZIP_SIGNATURE = b"PK\x03\x04"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls


class SpreadsheetError(Exception):
    """The file as a whole cannot be read as a pairings spreadsheet."""


@dataclass(frozen=True)
class Record:
    """One data row of the file: its row number as a spreadsheet shows it, and its cells."""

    row_number: int
    cells: dict[str, str]


def normalise_column(name: str | None) -> str:
    """ "EU places " -> "eu_places"."""
    return "_".join((name or "").strip().lower().replace("-", " ").split())


def records_from_rows(rows: Iterable[Sequence[object]]) -> list[Record]:
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
    known = set(ALL_COLUMNS)
    records = []
    for row_number, row in enumerate(rows, start=2):
        if row_number - 1 > MAX_ROWS:
            raise SpreadsheetError(
                _("The file has more than %(count)s rows; split it into smaller files.")
                % {"count": MAX_ROWS}
            )
        cells = {
            column: restore_formula(
                ("" if value is None else str(value)).strip()
            ).strip()
            for column, value in zip(header, row, strict=False)
            if column in known
        }
        if any(cells.values()):
            records.append(Record(row_number=row_number, cells=cells))
    return records


def read_csv(data: bytes) -> list[Record]:
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


def _cell_text(value: object) -> str:
    """A cell as the text a CSV would hold: 2018 (not 2018.0), dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def read_xlsx(data: bytes) -> list[Record]:
    """Records from the bytes of an Excel workbook (.xlsx): its first sheet."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_XLSX_BYTES:
            raise SpreadsheetError(_("The workbook is too large once unpacked."))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except SpreadsheetError:
        raise
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        raise SpreadsheetError(
            _("The file is not a valid Excel workbook (.xlsx).")
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = (
            [_cell_text(value) for value in row]
            for row in sheet.iter_rows(values_only=True)
        )
        return records_from_rows(rows)
    finally:
        workbook.close()


def read_spreadsheet(data: bytes, file_name: str = "") -> list[Record]:
    """Records from an uploaded file, CSV or XLSX, told apart by content and name."""
    if len(data) > MAX_FILE_BYTES:
        raise SpreadsheetError(
            _("The file is larger than %(size)s MB.")
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    suffix = PurePath(file_name).suffix.lower()
    if data.startswith(ZIP_SIGNATURE):
        return read_xlsx(data)
    if data.startswith(OLE2_SIGNATURE) or suffix == ".xls":
        raise SpreadsheetError(
            _("Old Excel files (.xls) cannot be read; save the file as .xlsx or CSV.")
        )
    if suffix in (".xlsx", ".xlsm"):
        raise SpreadsheetError(_("The file is not a valid Excel workbook (.xlsx)."))
    if suffix not in ("", ".csv", ".tsv", ".txt"):
        raise SpreadsheetError(_("Upload a spreadsheet: a .csv or .xlsx file."))
    return read_csv(data)
