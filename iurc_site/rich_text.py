"""Rich text made from plain text that nobody has vetted (spreadsheets, imports)."""

import re
from html import unescape

from django.utils.html import escape, strip_tags

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


BLOCK_END = re.compile(r"</(p|h[1-6]|li|ol|ul|blockquote)>\s*", re.IGNORECASE)
LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def rich_text_to_plain_text(html):
    """The text of rich-text HTML, paragraphs separated by a blank line.

    The inverse of plain_text_to_rich_text for what it makes, so that a description
    exported to a spreadsheet and imported again comes back the same. Markup the
    editor allows (bold, links, lists) is dropped: the text is what remains.
    """
    if not html:
        return ""
    text = LINE_BREAK.sub("\n", html)
    text = BLOCK_END.sub("\n\n", text)
    text = unescape(strip_tags(text))
    paragraphs = [part.strip() for part in PARAGRAPH_BREAK.split(text.strip())]
    return "\n\n".join(part for part in paragraphs if part)
