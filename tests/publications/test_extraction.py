"""The text inside uploaded PDFs: read on upload and on a replaced file, bounded, in the
request for a small file and by the worker for a large one, reported on the edit page."""

from io import StringIO

from django.core.files.base import ContentFile
from django.core.management import call_command

import pytest
from django_tasks_db.models import DBTaskResult

from iurc_site.settings.base import task_backends
from publications import extraction
from publications.models import Publication
from tests.publications.pdfs import broken_pdf, pdf_bytes
from tests.publications.uploads import edit_page, replace_file, upload

pytestmark = pytest.mark.django_db
Status = Publication.Extraction
JOB_PATH = "publications.extraction.extract_text_job"


def test_an_uploaded_pdf_has_its_text_extracted_and_the_editor_sees_it(
    superuser_client,
):
    publication = upload(
        superuser_client,
        "mangrove.pdf",
        pdf_bytes("Quillwort mangrove restoration in Da Nang"),
    )

    assert publication.extraction_status == Status.DONE
    assert "Quillwort mangrove restoration" in publication.extracted_text
    assert publication.file_hash in publication.extraction_source
    report = edit_page(superuser_client, publication)
    assert report["data-extraction-status"] == "done"
    assert "Text extracted" in report.get_text()
    assert "Text of 1 page extracted" in report.get_text()


def stored_without_the_upload_checks(name, content):
    """A document whose file never went through the admin's upload checks (which refuse
    broken, locked and mislabelled PDFs: test_upload_validation.py): one stored before
    the checks existed, or written by a script."""
    return Publication.objects.create(
        title="A stored file", file=ContentFile(content, name=name)
    )


def test_a_broken_pdf_is_kept_and_marked_failed_on_its_edit_page(superuser_client):
    publication = stored_without_the_upload_checks("cut-off.pdf", broken_pdf())

    publication.file.open("rb")
    assert publication.file.read() == broken_pdf()  # the file is kept as stored
    assert publication.extraction_status == Status.FAILED
    assert publication.extracted_text == ""
    report = edit_page(superuser_client, publication)
    assert report["data-extraction-status"] == "failed"
    assert "The text could not be read" in report.get_text()
    assert "could not be read as a PDF" in report.get_text()


def test_a_pdf_behind_a_password_is_kept_and_marked_failed():
    publication = stored_without_the_upload_checks(
        "locked.pdf", pdf_bytes("Sealed words", password="secret")
    )

    assert publication.extraction_status == Status.FAILED
    assert "protected by a password" in publication.extraction_message
    assert publication.extracted_text == ""


def test_a_file_named_pdf_that_is_not_one_fails_with_a_clear_message():
    publication = stored_without_the_upload_checks(
        "fake.pdf", b"Just some words, no PDF."
    )

    assert publication.extraction_status == Status.FAILED
    assert "is not a PDF" in publication.extraction_message


def test_a_file_that_is_not_a_pdf_is_not_applicable(superuser_client):
    publication = upload(superuser_client, "figures.csv", b"city,year\nPenang,2024\n")

    assert publication.extraction_status == Status.NOT_APPLICABLE
    assert publication.extracted_text == ""
    assert "Not a PDF" in edit_page(superuser_client, publication).get_text()


def test_at_most_the_configured_number_of_pages_is_read(settings):
    settings.PUBLICATION_EXTRACT_MAX_PAGES = 2
    publication = Publication.objects.create(
        title="Long report",
        file=ContentFile(pdf_bytes("Chapter text", pages=5), name="long.pdf"),
    )

    assert publication.extraction_status == Status.DONE
    assert "Page 2" in publication.extracted_text
    assert "Page 3" not in publication.extracted_text
    assert "first 2 of the file's 5 pages" in publication.extraction_message


def test_at_most_the_configured_number_of_characters_is_kept(settings):
    settings.PUBLICATION_EXTRACT_MAX_CHARACTERS = 50
    publication = Publication.objects.create(
        title="Wordy report",
        file=ContentFile(
            pdf_bytes("Twenty-five characters..." * 4, pages=3), name="wordy.pdf"
        ),
    )

    assert publication.extraction_status == Status.DONE
    assert len(publication.extracted_text) <= 50
    assert "Page 2" not in publication.extracted_text
    assert "first 50 characters" in publication.extraction_message


def test_a_large_file_is_extracted_by_the_worker_pending_meanwhile(
    superuser_client, settings
):
    settings.TASKS = task_backends("database")
    settings.PUBLICATION_EXTRACT_INLINE_MAX_BYTES = 100
    publication = upload(
        superuser_client, "big.pdf", pdf_bytes("Zephyranthes flood plan of Iloilo")
    )

    assert publication.extraction_status == Status.PENDING
    assert publication.extracted_text == ""
    assert edit_page(superuser_client, publication)["data-extraction-status"] == (
        "pending"
    )
    job = DBTaskResult.objects.get(task_path=JOB_PATH)
    assert job.args_kwargs["args"][0] == publication.pk

    extraction.extract_text_job.call(*job.args_kwargs["args"])  # what the worker does

    publication.refresh_from_db()
    assert publication.extraction_status == Status.DONE
    assert "Zephyranthes flood plan" in publication.extracted_text
    assert edit_page(superuser_client, publication)["data-extraction-status"] == "done"


def test_a_job_for_a_file_replaced_since_leaves_the_new_file_alone(
    superuser_client, settings
):
    settings.TASKS = task_backends("database")
    settings.PUBLICATION_EXTRACT_INLINE_MAX_BYTES = 100
    publication = upload(superuser_client, "v1.pdf", pdf_bytes("Version one words"))
    first_job = DBTaskResult.objects.get(task_path=JOB_PATH)
    replace_file(superuser_client, publication, "v2.pdf", pdf_bytes("Version two"))
    second_job = DBTaskResult.objects.filter(task_path=JOB_PATH).exclude(
        pk=first_job.pk
    )[0]

    skipped = extraction.extract_text_job.call(*first_job.args_kwargs["args"])
    publication.refresh_from_db()
    assert skipped == {"skipped": "replaced"}
    assert publication.extraction_status == Status.PENDING

    extraction.extract_text_job.call(*second_job.args_kwargs["args"])
    publication.refresh_from_db()
    assert publication.extraction_status == Status.DONE
    assert "Version two" in publication.extracted_text
    assert "Version one" not in publication.extracted_text


def test_an_edit_form_opened_before_the_job_ended_keeps_the_jobs_result(
    superuser_client, settings
):
    settings.TASKS = task_backends("database")
    settings.PUBLICATION_EXTRACT_INLINE_MAX_BYTES = 100
    publication = upload(superuser_client, "slow.pdf", pdf_bytes("Kelp forest atlas"))
    stale = Publication.objects.get(pk=publication.pk)  # read while PENDING
    job = DBTaskResult.objects.get(task_path=JOB_PATH)
    extraction.extract_text_job.call(*job.args_kwargs["args"])

    stale.summary = "An atlas of the kelp forests."
    stale.save()

    publication.refresh_from_db()
    assert publication.summary == "An atlas of the kelp forests."
    assert publication.extraction_status == Status.DONE
    assert "Kelp forest atlas" in publication.extracted_text
    assert DBTaskResult.objects.filter(task_path=JOB_PATH).count() == 1


def test_a_replaced_file_is_read_again_and_other_saves_do_not_read_it(
    superuser_client, monkeypatch
):
    publication = upload(superuser_client, "plan.pdf", pdf_bytes("Old plan of Cebu"))
    reads = []
    read_pdf = extraction.read_pdf
    monkeypatch.setattr(
        extraction, "read_pdf", lambda stream: reads.append(1) or read_pdf(stream)
    )

    publication.summary = "The plan, with a summary."
    publication.save()
    assert reads == []  # same file: not read again

    replace_file(superuser_client, publication, "plan-v2.pdf", pdf_bytes("New plan"))

    assert reads == [1]
    assert publication.extraction_status == Status.DONE
    assert "New plan" in publication.extracted_text
    assert "Old plan" not in publication.extracted_text


def test_a_pdf_replaced_by_another_kind_of_file_loses_its_text(superuser_client):
    publication = upload(superuser_client, "notes.pdf", pdf_bytes("Penang notes"))

    replace_file(superuser_client, publication, "notes.txt", b"Plain notes")

    assert publication.extraction_status == Status.NOT_APPLICABLE
    assert publication.extracted_text == ""


def test_text_with_control_characters_is_stored_cleanly():
    # NUL: PostgreSQL refuses it, and some fonts put one before every character.
    assert extraction._clean("\x00深\x00圳 a\x07b\nc\td\ud800") == "深圳 a b\nc\td "


def test_a_file_missing_from_the_storage_is_marked_failed_without_an_error():
    created = Publication.objects.create(
        title="Moved away", file=ContentFile(pdf_bytes("Gone"), name="gone.pdf")
    )
    created.file.storage.delete(created.file.name)
    publication = Publication.objects.get(pk=created.pk)

    extraction.extract_now(publication)

    publication.refresh_from_db()
    assert publication.extraction_status == Status.FAILED
    assert "could not be opened" in publication.extraction_message


def test_the_command_reads_files_saved_before_the_extraction_existed(settings):
    settings.TASKS = task_backends("database")
    small = Publication.objects.create(
        title="Old", file=ContentFile(pdf_bytes("Archived kingfisher"), name="old.pdf")
    )
    large = Publication.objects.create(
        title="Old and large",
        file=ContentFile(pdf_bytes("Archived heron", pages=30), name="large.pdf"),
    )
    # Only these two are "old": the demo's publications stay read.
    Publication.objects.filter(pk__in=[small.pk, large.pk]).update(
        extracted_text="",
        extraction_status=Status.NOT_APPLICABLE,
        extraction_message="",
        extraction_source="",
    )
    settings.PUBLICATION_EXTRACT_INLINE_MAX_BYTES = large.file.size - 1
    assert small.file.size < large.file.size - 1
    output = StringIO()

    call_command("extract_publication_text", stdout=output)
    call_command("extract_publication_text", stdout=output)  # nothing left to read

    small.refresh_from_db()
    large.refresh_from_db()
    assert small.extraction_status == Status.DONE
    assert "Archived kingfisher" in small.extracted_text
    assert large.extraction_status == Status.PENDING
    assert output.getvalue().splitlines() == [
        "Read 1 files; queued 1 for the worker.",
        "Read 0 files; queued 0 for the worker.",
    ]
