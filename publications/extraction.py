"""The text inside a publication's PDF, for the site search.

When a publication is saved with a file it has not read yet (an upload, a replaced
file), its text is extracted with pypdf: in the request for a small file, by a job on
the worker for a larger one (status PENDING meanwhile). At most
PUBLICATION_EXTRACT_MAX_PAGES pages and PUBLICATION_EXTRACT_MAX_CHARACTERS characters
are read. A file pypdf cannot read (broken, protected by a password) is kept and marked
FAILED with the reason; a file that is not a PDF is NOT_APPLICABLE. Nothing here raises
into the save that triggered it.

The extraction fields are written only here, with update_fields; any other save takes
them from the database first (keep_stored_extraction), so an edit form opened before a
job ended cannot put an old status back.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from django_tasks import task

from publications.models import Publication

logger = logging.getLogger(__name__)

Status = Publication.Extraction
EXTRACTION_FIELDS = [
    "extracted_text",
    "extraction_status",
    "extraction_message",
    "extraction_source",
]
MESSAGE_MAX_LENGTH = Publication._meta.get_field("extraction_message").max_length
# Enough to tell a PDF by its header ("%PDF-"), which may follow a few stray bytes.
HEADER_BYTES = 1024


def inline_max_bytes():
    return getattr(settings, "PUBLICATION_EXTRACT_INLINE_MAX_BYTES", 2 * 1024 * 1024)


def max_pages():
    return getattr(settings, "PUBLICATION_EXTRACT_MAX_PAGES", 500)


def max_characters():
    return getattr(settings, "PUBLICATION_EXTRACT_MAX_CHARACTERS", 1_000_000)


@dataclass
class Extracted:
    status: str
    text: str = ""
    message: str = ""


def file_source(publication):
    """What identifies the publication's file: its hash (when known) and its name."""
    return f"{publication.file_hash}:{publication.file.name or ''}"


def is_same_file(source, publication):
    """Whether `source` (file_source of an earlier save) names the publication's file.

    The hash decides when both are known (Wagtail fills it in later for a file saved
    without it); otherwise the stored name does.
    """
    stored_hash, _sep, stored_name = (source or "").partition(":")
    if stored_hash and publication.file_hash:
        return stored_hash == publication.file_hash
    return bool(source) and stored_name == (publication.file.name or "")


def _clean(text):
    # PostgreSQL refuses NUL in text, and some fonts' maps put one before every
    # character ("\x00深\x00圳"): dropped, so the words stay whole. UTF-8 has no lone
    # surrogates; other control characters (but line breaks and tabs) become spaces.
    return "".join(
        character
        if character in "\n\t"
        or unicodedata.category(character) not in {"Cc", "Cs", "Co"}
        else " "
        for character in text.replace("\x00", "")
    )


def _short(message):
    if len(message) <= MESSAGE_MAX_LENGTH:
        return message
    return message[: MESSAGE_MAX_LENGTH - 1] + "…"


def _failed(message):
    return Extracted(Status.FAILED, message=_short(message))


def read_pdf(stream):
    """The text of the PDF in `stream` (a binary file), bounded; never raises."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    limit_pages, limit_characters = max_pages(), max_characters()
    try:
        reader = PdfReader(stream)
        # A PDF locked against changes only opens with the empty password.
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("a password is needed")
        page_count = len(reader.pages)
        parts, characters, pages_read = [], 0, 0
        for page in reader.pages:
            if pages_read == limit_pages or characters >= limit_characters:
                break
            text = _clean(page.extract_text() or "")
            parts.append(text)
            characters += len(text) + 1
            pages_read += 1
    except FileNotDecryptedError:
        return _failed(
            _(
                "The PDF is protected by a password, so its text cannot be read. "
                "The file is kept, but the search does not look inside it."
            )
        )
    # pypdf raises many kinds of errors on a damaged file (its own, but also ValueError,
    # KeyError, ...): any of them means the text cannot be read, never a failed upload.
    except Exception as error:
        logger.info("Could not read a PDF: %r", error)
        return _failed(
            _(
                "The file could not be read as a PDF (%(error)s). It is kept, but the "
                "search does not look inside it."
            )
            % {"error": str(error)[:120] or type(error).__name__}
        )
    text = "\n".join(parts)
    cut = len(text) > limit_characters
    text = text[:limit_characters].strip()
    if not text:
        return Extracted(
            Status.DONE,
            message=_(
                "The PDF has no text to read (it may be scanned images): the search "
                "finds it by its title and summary only."
            ),
        )
    if cut:
        message = _(
            "The search reads the first %(characters)s characters of the text, up to "
            "page %(read)s of %(pages)s."
        ) % {
            "characters": number_format(len(text), force_grouping=True),
            "read": pages_read,
            "pages": page_count,
        }
    elif pages_read < page_count:
        message = _(
            "The search reads the first %(read)s of the file's %(pages)s pages "
            "(%(characters)s characters)."
        ) % {
            "characters": number_format(len(text), force_grouping=True),
            "read": pages_read,
            "pages": page_count,
        }
    else:
        message = ngettext(
            "Text of %(count)s page extracted (%(characters)s characters).",
            "Text of all %(count)s pages extracted (%(characters)s characters).",
            page_count,
        ) % {
            "count": page_count,
            "characters": number_format(len(text), force_grouping=True),
        }
    return Extracted(Status.DONE, text=text, message=_short(message))


def extract(publication):
    """The text of the publication's file, or why there is none; never raises."""
    try:
        with publication.open_file() as stream:
            header = stream.read(HEADER_BYTES)
            is_pdf = b"%PDF-" in header
            if not is_pdf and publication.file_extension.lower() != "pdf":
                return Extracted(Status.NOT_APPLICABLE)
            if not is_pdf:
                return _failed(
                    _(
                        "The file is named .pdf but is not a PDF. It is kept, but the "
                        "search does not look inside it."
                    )
                )
            stream.seek(0)
            return read_pdf(stream)
    # The storage's own errors too (a bucket answers with its client's exceptions).
    except Exception as error:
        logger.warning(
            "Could not open the file of publication %s: %r", publication.pk, error
        )
        return _failed(_("The file could not be opened, so its text was not read."))


def _file_size(publication):
    if publication.file_size is not None:
        return publication.file_size
    try:
        return publication.file.size
    except Exception:  # missing from the storage: extract() says so
        return None


def _store(publication, source, result):
    publication.extracted_text = result.text
    publication.extraction_status = result.status
    publication.extraction_message = result.message
    publication.extraction_source = source
    publication.save(update_fields=EXTRACTION_FIELDS)


def extract_now(publication):
    """Extract the publication's text in this process and save it."""
    _store(publication, file_source(publication), extract(publication))


def queue_extraction(publication):
    """Mark the publication PENDING and queue the job that extracts its text.

    Queued in the saving transaction, as the pairing import queues its job: the job
    exists if and only if the save commits (with the database backend, the worker
    cannot see it before). With jobs run at once it runs here.
    """
    source = file_source(publication)
    _store(publication, source, Extracted(Status.PENDING))
    extract_text_job.enqueue(publication.pk, source, translation.get_language() or "")


@task(backend=settings.JOBS_BACKEND_ALIAS)
def extract_text_job(publication_id: int, source: str, language: str = "") -> dict:
    """The worker's part for a large file: extract, then save unless it was replaced."""
    publication = Publication.objects.filter(pk=publication_id).first()
    if publication is None or not is_same_file(source, publication):
        # Deleted, or its file replaced since: the newer file has its own job.
        return {"skipped": "deleted" if publication is None else "replaced"}
    with translation.override(language or settings.LANGUAGE_CODE):
        result = extract(publication)
    with transaction.atomic():
        publication = (
            Publication.objects.select_for_update().filter(pk=publication_id).first()
        )
        if publication is None or not is_same_file(source, publication):
            return {"skipped": "deleted" if publication is None else "replaced"}
        _store(publication, source, result)
    return {"status": result.status, "characters": len(result.text)}


def _is_extraction_write(update_fields):
    return update_fields is not None and set(update_fields) <= set(EXTRACTION_FIELDS)


def keep_stored_extraction(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: the database's extraction fields win over the instance's copy."""
    if raw or instance.pk is None or _is_extraction_write(update_fields):
        return
    stored = (
        Publication.objects.filter(pk=instance.pk).values(*EXTRACTION_FIELDS).first()
    )
    if stored:
        for name, value in stored.items():
            setattr(instance, name, value)


def extract_if_file_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save: a file not read yet is read, here or by the worker."""
    if raw or _is_extraction_write(update_fields) or not instance.file:
        return
    if not is_same_file(instance.extraction_source, instance):
        extract_for(instance)


def extract_for(publication):
    """Read the file here if it is small, else queue it for the worker; the status."""
    size = _file_size(publication)
    if size is not None and size > inline_max_bytes():
        queue_extraction(publication)
    else:
        extract_now(publication)
    return publication.extraction_status


def connect():
    pre_save.connect(
        keep_stored_extraction, sender=Publication, dispatch_uid="publication_keep"
    )
    post_save.connect(
        extract_if_file_changed, sender=Publication, dispatch_uid="publication_extract"
    )
