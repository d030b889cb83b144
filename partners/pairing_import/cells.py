"""Spreadsheet cells that a spreadsheet program would run as a formula, made harmless and back.

A cell whose text starts with "=", "+", "-" or "@" (or a tab or carriage return, which
some programs skip first) is taken as a formula by Excel, LibreOffice and Google Sheets
when the file is opened: a place name such as `=HYPERLINK("http://...")` in a download
would become a live link or worse (CSV injection). The downloads put an apostrophe before
such text, which spreadsheet programs show as text; the import takes it off again, so a
downloaded file uploaded unchanged gives back the same values.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The apostrophe itself is marked too, so that text which really starts with one comes
# back whole: every marked cell loses exactly one apostrophe on import.
MARK = "'"


def neutralise_formula(value):
    """`value` with an apostrophe before it if a spreadsheet could run it; other values as given."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, MARK)):
        return MARK + value
    return value


def restore_formula(text: str) -> str:
    """The text a neutralised cell stood for (other text unchanged)."""
    if text.startswith(MARK) and text[1:].startswith((*FORMULA_STARTS, MARK)):
        return text[1:]
    return text
