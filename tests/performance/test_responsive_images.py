"""Images come as <picture>: WebP and their own format at several widths, with width and
height set, lazy below the fold and first in line above it, alt text as before."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils import translation

from wagtail.images import get_image_model

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PillowImage

from iurc_site.blocks import FigureBlock

pytestmark = pytest.mark.django_db


def uploaded_image(name, size=(2000, 1000), image_format="PNG"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, "#003399").save(buffer, format=image_format)
    return get_image_model().objects.create(
        title=name,
        file=SimpleUploadedFile(name, buffer.getvalue()),
        description_en="Harbour cranes at dusk",
        description_ms="Kren pelabuhan pada waktu senja",
    )


def widths(srcset):
    return sorted(int(item.split()[1].rstrip("w")) for item in srcset.split(", "))


@pytest.fixture
def region_with_hero(demo_page):
    region = demo_page("/regions/china/")
    region.hero_image = uploaded_image("harbour.png")
    region.save_revision().publish()
    return region


def test_a_hero_image_is_a_picture_with_webp_and_its_own_format(
    client, region_with_hero
):
    soup = BeautifulSoup(client.get(region_with_hero.url).content, "html.parser")
    picture = soup.select_one(".container > picture")
    webp = picture.find("source", type="image/webp")
    img = picture.img

    assert widths(webp["srcset"]) == [600, 900, 1200, 1800]
    assert ".webp" in webp["srcset"]
    assert webp["sizes"] == img["sizes"]
    # The src is the rendition the page always showed, in the original's format.
    assert "fill-1200x400" in img["src"]
    assert img["src"].endswith(".png")
    assert widths(img["srcset"]) == [600, 900, 1200, 1800]
    assert (img["width"], img["height"]) == ("1200", "400")
    assert img["class"] == ["hero-image"]
    # Above the fold: fetched first, never lazily.
    assert img["fetchpriority"] == "high"
    assert "loading" not in img.attrs
    assert img["alt"] == "Harbour cranes at dusk"


def test_alt_text_stays_in_the_visitors_language(client, region_with_hero):
    with translation.override("ms"):
        url = region_with_hero.url
    img = BeautifulSoup(client.get(url).content, "html.parser").select_one(
        "picture img"
    )
    assert img["alt"] == "Kren pelabuhan pada waktu senja"


def test_card_images_load_lazily_with_their_size_reserved(
    client, region_with_hero, demo_page
):
    soup = BeautifulSoup(client.get(demo_page("/regions/").url).content, "html.parser")
    img = soup.select_one(".region-card picture img")
    assert img["loading"] == "lazy"
    assert img["decoding"] == "async"
    assert (img["width"], img["height"]) == ("640", "360")
    assert "fetchpriority" not in img.attrs
    assert widths(img.find_previous_sibling("source")["srcset"]) == [320, 640, 960]


def test_a_jpeg_falls_back_to_jpeg_and_small_originals_are_not_enlarged():
    image = uploaded_image("street.jpg", size=(700, 500), image_format="JPEG")
    block = FigureBlock()
    value = block.to_python(
        {"image": {"image": image.pk, "decorative": False, "alt_text": "A street"}}
    )
    soup = BeautifulSoup(
        render_to_string(block.meta.template, {"value": value}), "html.parser"
    )
    img = soup.picture.img
    assert img["src"].endswith(".jpg")
    assert img["alt"] == "A street"  # the figure's own alt text wins, as before
    assert img["loading"] == "lazy"
    # 400 wide, and the original's own 700 (asked as 1200): nothing wider is made.
    assert widths(soup.picture.source["srcset"]) == [400, 700]
