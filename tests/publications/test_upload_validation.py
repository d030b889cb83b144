"""What an uploaded document file must be, and that a refused one leaves nothing behind."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from wagtail.models import Collection

import pytest

from publications.models import Publication
from publications.validation import validate_document_file
from tests.publications import sample_files

ALLOWED = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt"]


def check(name, data):
    validate_document_file(SimpleUploadedFile(name, data))


def refusal(name, data):
    with pytest.raises(ValidationError) as caught:
        check(name, data)
    return caught.value


def test_the_allowed_extensions_are_the_settings():
    assert [ext.lower() for ext in settings.WAGTAILDOCS_EXTENSIONS] == ALLOWED


@pytest.mark.parametrize("extension", ALLOWED)
def test_a_good_file_of_every_allowed_type_is_accepted(extension):
    check(f"document.{extension}", sample_files.good_file(extension))


@pytest.mark.parametrize("name", ["setup.exe", "page.html", "image.svg", "noextension"])
def test_other_extensions_are_refused(name):
    error = refusal(name, b"anything")

    assert error.code == "invalid_extension"
    assert "pdf, docx" in error.messages[0]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", sample_files.PNG_BYTES),
        ("report.pdf", sample_files.EXECUTABLE_BYTES),
        ("report.pdf", b"<html><script>alert(1)</script></html>"),
        ("report.docx", sample_files.plain_zip_bytes()),
        ("report.docx", sample_files.ooxml_bytes("xlsx")),
        ("report.xlsx", sample_files.ooxml_bytes("pptx")),
        ("report.pptx", sample_files.pdf_bytes()),
        ("report.odt", sample_files.odf_bytes("ods")),
        ("report.ods", sample_files.ooxml_bytes("xlsx")),
    ],
)
def test_content_that_does_not_match_the_extension_is_refused(name, data):
    error = refusal(name, data)

    assert error.code == "content_mismatch"
    assert "although its name ends in" in error.messages[0]


@pytest.mark.parametrize(
    "data",
    [
        "café;Lisboa".encode("latin-1"),
        "北京".encode("gb18030"),
        sample_files.PNG_BYTES,
        sample_files.pdf_bytes(),
        b"text with a \x00 byte",
    ],
)
@pytest.mark.parametrize("extension", ["csv", "txt"])
def test_text_files_must_be_utf8_text(extension, data):
    error = refusal(f"data.{extension}", data)

    assert error.code == "not_utf8_text"
    assert "UTF-8" in error.messages[0]


def test_the_size_limit_is_50_mb_and_also_wagtails():
    assert settings.DOCUMENTS_MAX_UPLOAD_SIZE == 50 * 1024 * 1024
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == settings.DOCUMENTS_MAX_UPLOAD_SIZE


@override_settings(DOCUMENTS_MAX_UPLOAD_SIZE=1000)
def test_a_file_over_the_size_limit_is_refused():
    error = refusal("big.txt", b"a" * 1001)

    assert error.code == "file_too_large"
    assert "1000\xa0bytes" in error.messages[0] or "1000 bytes" in error.messages[0]
    check("small.txt", b"a" * 1000)


def test_an_empty_file_is_refused():
    assert refusal("empty.txt", b"").code == "empty"


def test_an_encrypted_pdf_is_refused():
    error = refusal("secret.pdf", sample_files.encrypted_pdf_bytes())

    assert error.code == "pdf_encrypted"
    assert "password" in error.messages[0]


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\nthis is not a PDF\n",
        sample_files.pdf_bytes()[:400],  # cut short
        sample_files.pdf_bytes().replace(b"/Root", b"/Tool"),
    ],
)
def test_a_pdf_that_cannot_be_opened_is_refused(data):
    error = refusal("broken.pdf", data)

    assert error.code == "pdf_broken"
    assert "damaged" in error.messages[0]


def test_a_pdf_declaring_too_many_pages_is_refused():
    data = sample_files.page_count_bomb_bytes(declared=1_000_000)
    assert len(data) < 1000

    error = refusal("bomb.pdf", data)

    assert error.code == "pdf_too_many_pages"
    assert "2000" in error.messages[0]


def test_a_long_but_honest_pdf_is_accepted():
    check("long.pdf", sample_files.pdf_bytes(pages=120))


def test_a_pdf_whose_content_inflates_beyond_pypdfs_limit_is_refused():
    # pypdf's own limit (75 MB): a page content stream of 80 MB, 80 kB compressed.
    data = sample_files.stream_bomb_bytes(80 * 1024 * 1024)
    assert len(data) < 200_000

    error = refusal("bomb.pdf", data)

    assert error.code == "pdf_bomb"


@override_settings(DOCUMENTS_PDF_MAX_STREAM_LENGTH=1_000_000)
@pytest.mark.parametrize(
    "make",
    [sample_files.stream_bomb_bytes, sample_files.unreferenced_stream_bomb_bytes],
)
def test_every_stream_is_held_to_the_limit_even_unused_ones(make):
    assert refusal("bomb.pdf", make(2_000_000)).code == "pdf_bomb"
    check("fine.pdf", make(500_000))


@override_settings(DOCUMENTS_PDF_MAX_TOTAL_INFLATED=1_000_000)
def test_all_streams_together_are_held_to_a_total():
    check("fine.pdf", sample_files.stream_bomb_bytes(900_000))

    error = refusal("many.pdf", sample_files.many_streams_bytes(count=4, each=400_000))

    assert error.code == "pdf_bomb"


def stored_documents():
    try:
        return set(default_storage.listdir("documents")[1])
    except FileNotFoundError:
        return set()


BAD_UPLOADS = {
    "wrong type": ("tool.exe", sample_files.EXECUTABLE_BYTES, "Files of this type"),
    "disguised": ("plan.pdf", sample_files.PNG_BYTES, "not a pdf file"),
    "encrypted": ("plan.pdf", sample_files.encrypted_pdf_bytes(), "password"),
    "broken": ("plan.pdf", b"%PDF-1.4\nbroken", "damaged"),
    "bomb": ("plan.pdf", sample_files.page_count_bomb_bytes(), "2000 pages"),
    "not utf-8": ("data.csv", "é".encode("latin-1"), "UTF-8"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_UPLOADS)
def test_the_editor_sees_why_and_nothing_is_stored(admin_client, case):
    name, data, message = BAD_UPLOADS[case]
    files_before = stored_documents()
    count_before = Publication.objects.count()

    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Refused upload",
            "collection": Collection.get_first_root_node().pk,
            "kind": "report",
            "tags": "",
            "file": SimpleUploadedFile(name, data),
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(message in error for error in errors), errors
    assert message in response.content.decode().replace("&#x27;", "'")
    assert Publication.objects.count() == count_before
    assert stored_documents() == files_before
