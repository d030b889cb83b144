"""Checks of an uploaded document's file, before anything is stored.

An editor's upload is refused, with a message saying why, when its extension is not
one of WAGTAILDOCS_EXTENSIONS, when its content is not what the extension says (a
program renamed to .pdf), when it is larger than DOCUMENTS_MAX_UPLOAD_SIZE, or, for a
PDF, when it is encrypted, cannot be opened, or is built to exhaust the server that
reads it (a "PDF bomb": a huge declared page count, or a stream that inflates beyond
pypdf's decompression limits). The text extraction reads the same files later, so a
file that passes here is one it can read within those limits.
"""

import codecs
import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

import filetype
import pypdf
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from pypdf.errors import LimitReachedError, PyPdfError
from pypdf.generic import StreamObject

from iurc_site.private_apis import pdf_object_numbers

# A programme publication has tens or hundreds of pages; thousands mean a bomb.
PDF_MAX_PAGES = 2000

# What [Content_Types].xml of an Office Open XML file declares for its main part.
OOXML_MAIN_CONTENT_TYPES = {
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}
# OpenDocument files start with an uncompressed "mimetype" member naming their type.
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
TEXT_EXTENSIONS = {"csv", "txt"}
# [Content_Types].xml is a few kilobytes; more is not an Office file.
MAX_CONTENT_TYPES_XML = 1024 * 1024


def extension_of(name):
    return os.path.splitext(name or "")[1].lstrip(".").lower()


def max_upload_size():
    return getattr(settings, "DOCUMENTS_MAX_UPLOAD_SIZE", 50 * 1024 * 1024)


def pdf_stream_limit():
    """The most bytes one PDF stream may inflate to (pypdf's own limit by default)."""
    return getattr(
        settings,
        "DOCUMENTS_PDF_MAX_STREAM_LENGTH",
        pypdf.Configuration().zlib_maximum_output_length,
    )


def pdf_total_limit():
    """The most bytes all the streams of one PDF may inflate to together."""
    return getattr(settings, "DOCUMENTS_PDF_MAX_TOTAL_INFLATED", 2_000_000_000)


def validate_document_file(uploaded):
    """Raise ValidationError if the uploaded file may not become a document."""
    extension = extension_of(uploaded.name)
    allowed = [ext.lower() for ext in settings.WAGTAILDOCS_EXTENSIONS]
    if extension not in allowed:
        raise ValidationError(
            _("Files of this type cannot be uploaded. Allowed types: %(types)s.")
            % {"types": ", ".join(allowed)},
            code="invalid_extension",
        )
    limit = max_upload_size()
    if uploaded.size > limit:
        raise ValidationError(
            _("This file is too big (%(size)s). The largest allowed is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    uploaded.seek(0)
    try:
        if extension == "pdf":
            _check_pdf(uploaded)
        elif extension in OOXML_MAIN_CONTENT_TYPES:
            _check_ooxml(uploaded, extension)
        elif extension in ODF_MIMETYPES:
            _check_odf(uploaded, extension)
        elif extension in TEXT_EXTENSIONS:
            _check_text(uploaded)
    finally:
        uploaded.seek(0)


def _mismatch(extension):
    return ValidationError(
        _(
            "The content of this file is not a %(type)s file, although its name ends "
            "in .%(type)s."
        )
        % {"type": extension},
        code="content_mismatch",
    )


def _check_pdf(uploaded):
    head = uploaded.read(1024)
    uploaded.seek(0)
    # PDF readers accept the header anywhere in the first kilobyte; nothing else may
    # come first in what we publish.
    if not head.startswith(b"%PDF-"):
        raise _mismatch("pdf")
    unreadable = ValidationError(
        _(
            "This PDF file is damaged and cannot be opened. Save or export it again "
            "and upload the new file."
        ),
        code="pdf_broken",
    )
    too_many_pages = ValidationError(
        _(
            "This PDF file cannot be accepted: it declares more than %(pages)s pages. "
            "Split it into smaller files."
        )
        % {"pages": PDF_MAX_PAGES},
        code="pdf_too_many_pages",
    )
    bomb = ValidationError(
        _(
            "This PDF file cannot be accepted: it contains compressed data that "
            "unpacks to an excessive size. Save or export it again and upload the "
            "new file."
        ),
        code="pdf_bomb",
    )
    limit = pdf_stream_limit()
    with pypdf.apply_configuration(
        zlib_maximum_output_length=limit,
        lzw_maximum_output_length=limit,
        run_length_maximum_output_length=limit,
        brotli_maximum_output_length=limit,
        maximum_declared_stream_length=limit,
        array_based_stream_maximum_output_length=limit,
    ):
        try:
            reader = pypdf.PdfReader(uploaded, strict=False)
            if reader.is_encrypted:
                raise ValidationError(
                    _(
                        "This PDF file is protected by a password or encrypted. "
                        "Upload a copy without protection, so that visitors can open "
                        "it and the site search can read it."
                    ),
                    code="pdf_encrypted",
                )
            declared = reader.trailer["/Root"]["/Pages"].get("/Count", 0)
            if not isinstance(declared, int) or declared > PDF_MAX_PAGES:
                raise too_many_pages
            if len(reader.pages) > PDF_MAX_PAGES:
                raise too_many_pages
            _inflate_every_stream(reader)
        except ValidationError:
            raise
        except LimitReachedError:
            raise bomb from None
        except (PyPdfError, KeyError, TypeError, ValueError, AttributeError):
            raise unreadable from None
        except (RecursionError, MemoryError):
            raise bomb from None
        except Exception:
            # pypdf fails on malformed files with whatever its parser hits; what
            # matters here is that such a file is not accepted.
            raise unreadable from None


def _inflate_every_stream(reader):
    """Decode every stream (object streams too, through resolving their objects).

    Each stream is held to pypdf's limits; all of them together to
    DOCUMENTS_PDF_MAX_TOTAL_INFLATED, so that many streams just under the limit do
    not keep the server busy for minutes either.
    """
    budget = pdf_total_limit()
    for number in pdf_object_numbers(reader):
        obj = reader.get_object(number)
        if isinstance(obj, StreamObject):
            budget -= len(obj.get_data())
            if budget < 0:
                raise LimitReachedError("The streams inflate beyond the total limit.")


def _check_zip(uploaded, extension):
    if not zipfile.is_zipfile(uploaded):
        raise _mismatch(extension)
    uploaded.seek(0)
    try:
        return zipfile.ZipFile(uploaded)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _mismatch(extension) from None


def _check_ooxml(uploaded, extension):
    archive = _check_zip(uploaded, extension)
    try:
        info = archive.getinfo("[Content_Types].xml")
        if info.file_size > MAX_CONTENT_TYPES_XML:
            raise _mismatch(extension)
        with archive.open(info) as member:
            data = member.read(MAX_CONTENT_TYPES_XML + 1)
        root = ElementTree.fromstring(data)
    except (
        KeyError,
        zipfile.BadZipFile,
        ElementTree.ParseError,
        DefusedXmlException,
        OSError,
        ValueError,
    ):
        raise _mismatch(extension) from None
    declared = {element.get("ContentType") for element in root.iter()}
    if not declared & set(OOXML_MAIN_CONTENT_TYPES[extension]):
        raise _mismatch(extension)


def _check_odf(uploaded, extension):
    archive = _check_zip(uploaded, extension)
    try:
        with archive.open("mimetype") as member:
            mimetype = member.read(200).decode("ascii").strip()
    except (KeyError, zipfile.BadZipFile, UnicodeDecodeError, OSError, ValueError):
        raise _mismatch(extension) from None
    if mimetype != ODF_MIMETYPES[extension]:
        raise _mismatch(extension)


def _check_text(uploaded):
    head = uploaded.read(8192)
    uploaded.seek(0)
    # A binary format filetype recognises (an image, an archive, a program) is not
    # text even if its first bytes happen to decode.
    if filetype.guess(head) is not None:
        raise _not_text()
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        for chunk in uploaded.chunks():
            if "\x00" in decoder.decode(chunk):
                raise _not_text()
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _not_text() from None


def _not_text():
    return ValidationError(
        _(
            "This file is not plain text in UTF-8. Save it as UTF-8 text (for a "
            "spreadsheet: CSV UTF-8) and upload it again."
        ),
        code="not_utf8_text",
    )
