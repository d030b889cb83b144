"""Add content to a site database, and describe all of it, to compare a copy with it.

Run in a subprocess with the database and MEDIA_ROOT of the site to look at:
    python -c "import django; django.setup(); from tests.support.content_snapshot import
               main; main()" add|describe
"""

import hashlib
import io
import json
import sys

from django.conf import settings
from django.core.files.images import ImageFile
from django.db.models import Model
from django.utils import translation

from wagtail.models import Page, Revision

from PIL import Image

from iurc_site.models import SiteImage, Testimonial
from partners.models import Place

LANGUAGE_SUFFIXES = [code.replace("-", "_") for code, _name in settings.LANGUAGES]


def add_content():
    """An image file, and a new published revision of the About page in two languages."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, "PNG")
    image = SiteImage(title="Backup test image", description_en="A teal rectangle")
    image.file.save("backup-test.png", ImageFile(buffer, name="backup-test.png"))
    image.save()
    # The demo content's images (generated maps) were stored by the test process, in
    # its own media folder: their rows get their file on this disk, as on a site.
    for demo_image in SiteImage.objects.exclude(pk=image.pk):
        if not demo_image.file.storage.exists(demo_image.file.name):
            demo_image.file.storage.save(
                demo_image.file.name, io.BytesIO(buffer.getvalue())
            )
    about = Page.objects.get(url_path_en="/iurc/about/").specific
    about.title_vi = "Giới thiệu IURC (bản sao lưu)"
    about.title_es = "Acerca de IURC (copia de seguridad)"
    about.save_revision().publish()


def _digest(value):
    return hashlib.sha256(
        json.dumps(value, sort_keys=True, default=str).encode()
    ).hexdigest()


def describe():
    """Every page (all languages), revision, testimonial, place and image file."""
    translation.activate("en")
    pages = {}
    for page in Page.objects.rewrite(False).order_by("pk").specific():
        fields = {}
        for field in page._meta.concrete_fields:
            value = getattr(page, field.attname)
            if isinstance(value, Model):
                value = value.pk
            fields[field.attname] = value
        pages[page.pk] = _digest(fields)
    images = {}
    for image in SiteImage.objects.order_by("pk"):
        with image.file.open("rb") as file:
            content = file.read()
        images[image.pk] = {
            "title": image.title,
            "file": image.file.name,
            "sha256": hashlib.sha256(content).hexdigest(),
            "alt": [getattr(image, f"description_{s}") for s in LANGUAGE_SUFFIXES],
        }
    return {
        "pages": pages,
        "titles": {
            page.pk: [getattr(page, f"title_{s}") for s in LANGUAGE_SUFFIXES]
            for page in Page.objects.rewrite(False).order_by("pk")
        },
        "revisions": {
            revision.pk: _digest(revision.content)
            for revision in Revision.objects.order_by("pk")
        },
        "testimonials": _digest(list(Testimonial.objects.order_by("pk").values())),
        "places": _digest(list(Place.objects.order_by("pk").values())),
        "images": images,
    }


def main():
    if sys.argv[-1] == "add":
        add_content()
    print(json.dumps(describe(), sort_keys=True, default=str))
