"""Files for the upload tests: good ones of every allowed type, and bad PDFs."""

import io
import zipfile
import zlib

from fpdf import FPDF
from pypdf import PdfWriter


def pdf_bytes(text="A publication of the programme.", pages=1):
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for number in range(pages):
        pdf.add_page()
        pdf.cell(text=f"{text} Page {number + 1}.")
    return bytes(pdf.output())


def encrypted_pdf_bytes():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def raw_pdf(objects):
    """A PDF of the given objects (bytes, numbered from 1; object 1 is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()


def page_count_bomb_bytes(declared=1_000_000):
    """A small file declaring a million pages (a page tree pointing at itself)."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count %d /Kids [3 0 R] >>" % declared,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        ]
    )


def deflated_zeros(size):
    compressor = zlib.compressobj(9)
    chunk = b"\0" * (1024 * 1024)
    parts = []
    remaining = size
    while remaining > 0:
        parts.append(compressor.compress(chunk[: min(remaining, len(chunk))]))
        remaining -= len(chunk)
    parts.append(compressor.flush())
    return b"".join(parts)


def stream_bomb_bytes(inflated_size):
    """A one-page PDF whose content stream inflates to `inflated_size` bytes."""
    data = deflated_zeros(inflated_size)
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
            + data
            + b"\nendstream",
        ]
    )


def unreferenced_stream_bomb_bytes(inflated_size):
    """A valid one-page PDF carrying, besides, a stream no page uses that inflates."""
    data = deflated_zeros(inflated_size)
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
            + data
            + b"\nendstream",
        ]
    )


def many_streams_bytes(count, each):
    """A valid one-page PDF with `count` streams that each inflate to `each` bytes."""
    data = deflated_zeros(each)
    stream = (
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
        + data
        + b"\nendstream"
    )
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            *([stream] * count),
        ]
    )


def _zip(members, stored_first=None):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if stored_first:
            name, data = stored_first
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


OOXML_TYPES = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}


def ooxml_bytes(extension):
    part, content_type = OOXML_TYPES[extension]
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{content_type}"/>'
        "</Types>"
    )
    return _zip({"[Content_Types].xml": types, part: "<root/>"})


def odf_bytes(extension):
    mimetype = {
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
    }[extension]
    return _zip({"content.xml": "<root/>"}, stored_first=("mimetype", mimetype))


def plain_zip_bytes():
    return _zip({"readme.txt": "not an office document"})


def good_file(extension):
    """Valid content for each allowed extension."""
    if extension == "pdf":
        return pdf_bytes()
    if extension in OOXML_TYPES:
        return ooxml_bytes(extension)
    if extension in ("odt", "ods"):
        return odf_bytes(extension)
    if extension == "csv":
        return "city,país\nPenang,Malaysia\n北京,中国\n".encode()
    return "Plan d'action — São Paulo, Hà Nội, กรุงเทพฯ\n".encode()


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
EXECUTABLE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 8
