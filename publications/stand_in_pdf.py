"""Small PDFs that stand in for the programme's real publications in the demo content.

Each is one page of real, extractable text (not an image): a note that it stands in for
the real document, its title, date and source, and its title in the site's other
languages where a font on this machine can write them. Fonts are embedded (subset) from
the system's fonts when present (DejaVu Sans for Latin and Vietnamese, Noto CJK for
Chinese, Garuda for Thai); without them the core Helvetica font writes the ASCII text
and the titles it cannot write are left out.
"""

import logging
from pathlib import Path

from fpdf import FPDF

logger = logging.getLogger(__name__)
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
# (family name, file names to look for): the first found is used.
FONTS = {
    "latin": ("DejaVuSans.ttf",),
    "cjk": ("NotoSansCJK-Regular.ttc", "NotoSerifCJK-Regular.ttc"),
    "thai": ("Garuda.ttf", "Loma.ttf"),
}
LATIN_1 = set(range(256))


def find_font(names):
    for directory in FONT_DIRS:
        if not directory.is_dir():
            continue
        for name in names:
            found = next(directory.rglob(name), None)
            if found is not None:
                return found
    return None


class _Document(FPDF):
    def __init__(self):
        super().__init__(format="A4")
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(True, margin=20)
        self.families = {}
        for family, names in FONTS.items():
            path = find_font(names)
            if path is None:
                continue
            try:
                self.add_font(family, fname=str(path))
            except Exception:  # a font we cannot read is a font we lack
                logger.warning("Cannot embed the font %s", path)
            else:
                self.families[family] = self.fonts[family]

    def family_for(self, text):
        """The first font that has every character of `text`, or None."""
        for family, font in self.families.items():
            if all(
                ord(character) in font.cmap for character in text if character != " "
            ):
                return family
        if all(ord(character) in LATIN_1 for character in text):
            return "helvetica"
        return None

    def write_line(self, text, size=11, height=6):
        family = self.family_for(text)
        if family is None:
            return False
        self.set_font(family, size=size)
        # Left-aligned: justified lines would widen the spaces in the extracted text.
        self.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT")
        return True


def stand_in_pdf(title, date_text, source, translated_titles, facts=()):
    """The bytes of a PDF standing in for the publication `title`.

    `translated_titles`: {language code: title}; `facts`: lines in English that the
    programme's public record says about the document.
    """
    document = _Document()
    document.set_title(title)
    document.set_subject("Stand-in for a publication of the IURC programme")
    document.set_creator("IURC portal demo content")
    document.add_page()
    document.write_line(title, size=18, height=9)
    document.ln(4)
    document.write_line(
        "This file stands in for the real document of the International Urban and "
        "Regional Cooperation (IURC) programme, which is published at the source "
        "below. It holds no content of the original."
    )
    document.ln(3)
    if date_text:
        document.write_line(f"Date: {date_text}")
    document.write_line(f"Source: {source}")
    if facts:
        document.ln(3)
        for line in facts:
            document.write_line(line)
    if translated_titles:
        document.ln(4)
        document.write_line("The title in the languages of the site:", size=11)
        for code, text in translated_titles.items():
            document.write_line(f"{code}: {text}", size=11)
    return bytes(document.output())
