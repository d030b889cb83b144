"""Uploading and replacing files through the admin, as an editor does."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

from bs4 import BeautifulSoup

from publications.models import Publication


def upload(client, name, content, title="A test publication"):
    """Add a document through the admin's form, as an editor does; the new Publication."""
    before = set(Publication.objects.values_list("pk", flat=True))
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "kind": Publication.Kind.REPORT,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    [publication] = Publication.objects.exclude(pk__in=before)
    return publication


def edit_page(client, publication):
    response = client.get(reverse("wagtaildocs:edit", args=[publication.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(
        ".publication-extraction"
    )


def replace_file(client, publication, name, content):
    response = client.post(
        reverse("wagtaildocs:edit", args=[publication.pk]),
        {
            "title": publication.title,
            "file": SimpleUploadedFile(name, content),
            "collection": publication.collection_id,
            "kind": publication.kind,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    publication.refresh_from_db()
