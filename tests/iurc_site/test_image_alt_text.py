"""Every image has a text alternative: editors must give one, decorative use is explicit."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.blocks import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.models import Collection

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PillowImage

from iurc_site.blocks import FigureBlock


def png_upload(name="harbour.png"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (8, 6), "#003399").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def add_image_form(**fields):
    return {
        "title": "Harbour",
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        "file": png_upload(),
        **fields,
    }


@pytest.mark.django_db
def test_editor_cannot_upload_an_image_without_english_alt_text(admin_client):
    response = admin_client.post(reverse("wagtailimages:add"), add_image_form())

    assert response.status_code == 200
    assert "description_en" in response.context["form"].errors
    assert not get_image_model().objects.filter(title="Harbour").exists()


@pytest.mark.django_db
def test_alt_text_is_shown_in_the_visitors_language_with_english_fallback(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        add_image_form(
            description_en="Container ships in the port of Busan",
            description_th="เรือคอนเทนเนอร์ในท่าเรือปูซาน",
        ),
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Harbour")

    alt_texts = {}
    for language in ("en", "th", "ms"):
        with translation.override(language):
            alt_texts[language] = image.get_rendition("width-100").alt
    assert alt_texts == {
        "en": "Container ships in the port of Busan",
        "th": "เรือคอนเทนเนอร์ในท่าเรือปูซาน",
        "ms": "Container ships in the port of Busan",
    }


@pytest.mark.django_db
def test_an_image_uploaded_in_bulk_waits_for_its_alt_text(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": png_upload("bulk.png")},
    )

    assert response.status_code == 200
    assert response.json()["success"]
    # Kept as an upload until the editor gives the alt text in the form shown next.
    assert not get_image_model().objects.filter(title="bulk.png").exists()


@pytest.mark.django_db
def test_a_figure_needs_alt_text_or_an_explicit_decorative_mark(admin_client):
    image = get_image_model().objects.create(
        title="Skyline", file=png_upload(), description_en="Skyline of Rotterdam"
    )
    block = FigureBlock()

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(
            block.to_python(
                {"image": {"image": image.pk, "decorative": False, "alt_text": ""}}
            )
        )
    assert "alt_text" in error.value.block_errors["image"].block_errors
    decorative = block.clean(
        block.to_python(
            {"image": {"image": image.pk, "decorative": True, "alt_text": ""}}
        )
    )
    html = render_to_string(block.meta.template, {"value": decorative})
    assert BeautifulSoup(html, "html.parser").img["alt"] == ""
