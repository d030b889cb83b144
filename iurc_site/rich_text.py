"""Rich text made from plain text that nobody has vetted (spreadsheets, imports)."""

import re

from django.utils.html import escape

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def plain_text_to_rich_text(text):
    """Rich-text HTML showing `text` as typed: escaped, blank lines as paragraphs.

    Rich text fields are rendered as HTML; a value that did not come through the
    editor, which only emits allowed markup, must not carry any (<script>, onerror=).
    """
    paragraphs = [part.strip() for part in PARAGRAPH_BREAK.split(text.strip())]
    return "".join(
        "<p>{}</p>".format(escape(part).replace("\n", "<br/>"))
        for part in paragraphs
        if part
    )
