"""The editor's document form, over HTTP: single upload, multiple upload, edit."""

import datetime

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, UploadedFile

import pytest
from bs4 import BeautifulSoup

from iurc_site.models import ProgrammePhasePage
from partners.models import Theme
from publications.models import Publication
from regions.models import PairingPage, RegionPage
from tests.publications.sample_files import pdf_bytes

OTHER_LANGUAGES = ("ms", "zh_hans", "vi", "th", "pt", "es")


def pdf_upload(name="action-plan.pdf", data=None):
    return SimpleUploadedFile(name, data or pdf_bytes(), content_type="application/pdf")


def region_and_pairing():
    region = RegionPage.objects.get(slug_en="asia-australasia")
    return region, PairingPage.objects.child_of(region).live().first()


def add_form(**fields):
    return {
        "title": "Action plan of the pairing",
        "collection": Collection.get_first_root_node().pk,
        "kind": "action_plan",
        "tags": "",
        "file": pdf_upload(),
        **fields,
    }


@pytest.mark.django_db
def test_the_add_form_has_every_language_and_the_publication_fields(admin_client):
    response = admin_client.get(reverse("wagtaildocs:add"))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    names = {field.get("name") for field in soup.select("[name]")}
    assert {"title", "file", "kind", "region", "phase", "year", "cover_image"} <= names
    assert {f"title_{code}" for code in OTHER_LANGUAGES} <= names
    assert {f"summary_{code}" for code in ("en", *OTHER_LANGUAGES)} <= names
    assert "title_en" not in names  # "title" is the English one
    languages = soup.select('input[type="checkbox"][name="file_languages"]')
    assert {box["value"] for box in languages} >= {"en", "zh-hans", "fr"}
    assert soup.select('input[type="checkbox"][name="pairings"]')
    assert soup.select('input[type="checkbox"][name="themes"]')
    # The cover image is picked with Wagtail's image chooser.
    assert soup.select_one('[name="cover_image"]')["type"] == "hidden"
    assert soup.find(attrs={"data-controller": "w-image-chooser"}) is not None or (
        "image-chooser" in response.content.decode()
    )


@pytest.mark.django_db
def test_a_single_upload_saves_every_field(admin_client):
    region, pairing = region_and_pairing()
    theme = Theme.objects.order_by("pk").first()
    phase = ProgrammePhasePage.objects.get(short_name="IURC")
    cover = get_image_model().objects.create(
        title="Cover", file=get_test_image_file(), description_en="A cover"
    )

    response = admin_client.post(
        reverse("wagtaildocs:add"),
        add_form(
            title_ms="Pelan tindakan",
            title_zh_hans="行动计划",
            summary_en="What the two cities will do.",
            summary_th="สิ่งที่สองเมืองจะทำ",
            file_languages=["en", "fr"],
            region=region.pk,
            pairings=[pairing.pk],
            themes=[theme.pk],
            phase=phase.pk,
            year=2024,
            cover_image=cover.pk,
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    doc = Publication.objects.get(title_en="Action plan of the pairing")
    assert doc.title_ms == "Pelan tindakan"
    assert doc.title_zh_hans == "行动计划"
    assert doc.summary_en == "What the two cities will do."
    assert doc.summary_th == "สิ่งที่สองเมืองจะทำ"
    assert doc.file_languages == ["en", "fr"]
    assert doc.region == region
    assert list(doc.pairings.all()) == [pairing]
    assert list(doc.themes.all()) == [theme]
    assert doc.phase == phase
    assert doc.year == 2024
    assert doc.cover_image == cover
    assert doc.file.read().startswith(b"%PDF-")


@pytest.mark.django_db
def test_the_english_title_is_required(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add"), add_form(title="", title_ms="Pelan tindakan")
    )

    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert not Publication.objects.filter(title_ms="Pelan tindakan").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("year", "accepted"),
    [
        (1989, False),
        (1990, True),
        (datetime.date.today().year + 1, True),
        (datetime.date.today().year + 2, False),
    ],
)
def test_the_year_is_between_1990_and_next_year(admin_client, year, accepted):
    response = admin_client.post(reverse("wagtaildocs:add"), add_form(year=year))

    assert (response.status_code == 302) is accepted
    if not accepted:
        assert "year" in response.context["form"].errors
    assert Publication.objects.filter(year=year).exists() is accepted


@pytest.mark.django_db
def test_an_unknown_file_language_is_refused(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add"), add_form(file_languages=["en", "klingon"])
    )

    assert response.status_code == 200
    assert "file_languages" in response.context["form"].errors


@pytest.mark.django_db
def test_multiple_upload_then_its_edit_form(admin_client):
    region, pairing = region_and_pairing()
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": pdf_upload("case-study.pdf"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"], answer
    doc = Publication.objects.get(pk=answer["doc_id"])
    assert doc.title_en == "case-study.pdf"
    # The edit form shown next has the publication fields, with the doc's prefix.
    prefix = f"doc-{doc.pk}"
    assert f'name="{prefix}-title_ms"' in answer["form"]
    assert f'name="{prefix}-pairings"' in answer["form"]

    response = admin_client.post(
        reverse("wagtaildocs:edit_multiple", args=[doc.pk]),
        {
            f"{prefix}-title": "Case study",
            f"{prefix}-title_vi": "Nghiên cứu điển hình",
            f"{prefix}-collection": Collection.get_first_root_node().pk,
            f"{prefix}-kind": "case_study",
            f"{prefix}-tags": "",
            f"{prefix}-region": region.pk,
            f"{prefix}-pairings": [pairing.pk],
            f"{prefix}-file_languages": ["vi"],
        },
    )

    assert response.json()["success"], response.json()
    doc.refresh_from_db()
    assert doc.title_en == "Case study"
    assert doc.title_vi == "Nghiên cứu điển hình"
    assert doc.kind == "case_study"
    assert doc.file_languages == ["vi"]
    assert list(doc.pairings.all()) == [pairing]


@pytest.mark.django_db
def test_a_bad_file_in_a_multiple_upload_is_refused_at_once(admin_client):
    uploads_before = UploadedFile.objects.count()
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": pdf_upload("fake.pdf", data=b"MZ\x90\x00 not a pdf"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    answer = response.json()
    assert answer["success"] is False
    assert "not a pdf file" in answer["error_message"]
    assert not Publication.objects.filter(title_en="fake.pdf").exists()
    # Not kept as a pending upload either.
    assert UploadedFile.objects.count() == uploads_before


@pytest.mark.django_db
def test_replacing_the_file_keeps_the_old_one_when_the_new_one_is_bad(admin_client):
    doc = Publication.objects.create(
        title="Brochure", file=ContentFile(pdf_bytes("Old"), name="brochure.pdf")
    )
    old_name = doc.file.name
    edit_url = reverse("wagtaildocs:edit", args=[doc.pk])
    form = {
        "title": "Brochure",
        "collection": doc.collection_id,
        "kind": "brochure",
        "tags": "",
    }

    response = admin_client.post(
        edit_url, {**form, "file": pdf_upload("new.pdf", data=b"%PDF-1.4 broken")}
    )

    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    doc.refresh_from_db()
    assert doc.file.name == old_name
    assert doc.file.storage.exists(old_name)

    response = admin_client.post(
        edit_url, {**form, "file": pdf_upload("new.pdf", data=pdf_bytes("New"))}
    )

    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.file.name != old_name
    assert doc.file.read().startswith(b"%PDF-")
