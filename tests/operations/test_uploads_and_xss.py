"""Hostile uploads are refused with a clear message; content cannot inject script."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from iurc_site.models import Testimonial
from regions.editorial_roles import COMMUNICATIONS
from tests.support.two_factor import verified_login


def png_bytes(width=4, height=3):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def png_declaring(width, height):
    """A tiny PNG whose header claims width x height pixels (a decompression bomb)."""
    data = bytearray(png_bytes())
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


def add_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, content),
            "description_en": "A test upload",
            "collection": Collection.get_first_root_node().pk,
        },
    )


def assert_no_live_markup(html):
    """No script element runs code and no element has an event handler attribute."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            # Data, not code; its text is escaped so that it cannot end the element.
            assert "<" not in script.get_text(), script
        else:
            assert script.get("src") and not script.get_text().strip(), script
    for element in soup.find_all(True):
        assert not [name for name in element.attrs if name.startswith("on")], element


@pytest.mark.django_db
def test_a_real_image_is_accepted(client, editor):
    from iurc_site.models import SiteImage

    verified_login(client, editor(COMMUNICATIONS))
    before = SiteImage.objects.count()

    response = add_image(client, "photo.png", png_bytes())

    assert response.status_code == 302, response.content.decode()[:2000]
    assert SiteImage.objects.count() == before + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.png", b"just some text, not an image\n" * 20, "Upload a valid image"),
        ("bomb.png", png_declaring(20_000, 20_000), "too many pixels"),
        (
            "huge.png",
            png_bytes() + b"\0" * (10 * 1024 * 1024 + 1),
            "This file is too big",
        ),
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"></svg>',
            "Not a supported",
        ),
        ("page.html", b"<script>alert(1)</script>", "Not a supported"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(
    client, editor, name, content, message
):
    from iurc_site.models import SiteImage

    verified_login(client, editor(COMMUNICATIONS))
    before = SiteImage.objects.count()

    response = add_image(client, name, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert SiteImage.objects.count() == before


SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.django_db
def test_testimonial_text_is_shown_as_text(client, demo_page):
    about = demo_page("/about/")
    testimonial = Testimonial.objects.filter(page=about).first()
    testimonial.quote_en = f"We learned a lot. {SCRIPT}"
    testimonial.speaker = f"Ann {SCRIPT}"
    testimonial.role_en = f"Mayor {SCRIPT}"
    testimonial.save()

    body = client.get("/en/about/").content.decode()

    assert "We learned a lot." in body
    assert_no_live_markup(body)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


@pytest.mark.django_db
def test_an_imported_description_cannot_carry_html(client, editor):
    from regions.models import PairingPage

    header = "programme,region,strand,eu_places,eu_countries,partner_places,partner_countries,description"
    row = f'IURC,china,city,Porto,PT,Chengdu,CN,"Mobility plans {SCRIPT}"'
    verified_login(client, editor(COMMUNICATIONS))
    response = client.post(
        reverse("import_pairings:add"),
        {"file": SimpleUploadedFile("p.csv", f"{header}\n{row}\n".encode())},
    )
    client.post(response["Location"], {"import": "1"})
    pairing = PairingPage.objects.get(slug_en="porto-chengdu")
    client.logout()

    body = client.get(pairing.get_url()).content.decode()

    assert "Mobility plans" in body
    assert_no_live_markup(body)
    assert "&lt;script&gt;" in pairing.description_en
