"""PDF files made for the tests with fpdf2: text in Latin letters, Thai or Chinese."""

from fpdf import FPDF

THAI_FONT = "/usr/share/fonts/truetype/tlwg/Garuda.ttf"
CHINESE_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def pdf_bytes(*paragraphs, pages=1, font=None, password=None):
    """A PDF with the paragraphs on each of `pages` pages (Helvetica, or a font file)."""
    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    if font:
        pdf.add_font("TestFont", fname=font)
    for number in range(pages):
        pdf.add_page()
        pdf.set_font("TestFont" if font else "helvetica", size=12)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 8, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 8, f"Page {number + 1}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def broken_pdf():
    """The first half of a real PDF: its header, but no end (a cut-off download)."""
    whole = pdf_bytes("Nothing here can be read")
    return whole[: len(whole) // 2]
