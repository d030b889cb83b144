"""Private documents are never reachable by a public URL, on local or S3 storage.

A document is private when its collection is restricted, or when the only pages that
use it are behind a login or a password. Anonymous visitors get 404 for it from the
serve view, and on S3 the bucket refuses its URL without a signature; editors with
rights on it get the file; public documents are served to everyone.
"""

import json
import socket
import urllib.error
import urllib.request

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse

from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)

import boto3
import pytest
from moto.server import ThreadedMotoServer

from iurc_site.models import StandardPage
from iurc_site.settings.services import media_storage
from publications.models import Publication
from tests.publications.sample_files import pdf_bytes

BUCKET = "iurc-test-media"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """An S3-compatible server (moto) on a free loopback port, with the bucket."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET)
    # As docs/publications.md says: public reads of images only.
    client.put_bucket_policy(
        Bucket=BUCKET,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "PublicImages",
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": [
                            f"arn:aws:s3:::{BUCKET}/images/*",
                            f"arn:aws:s3:::{BUCKET}/original_images/*",
                        ],
                    }
                ],
            }
        ),
    )
    try:
        yield endpoint
    finally:
        server.stop()


def s3_settings(endpoint, monkeypatch, **options):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    # The production settings' own storage (iurc_site/settings/services.py).
    return media_storage(
        BUCKET, endpoint_url=endpoint, region_name="us-east-1", **options
    )


@pytest.fixture(params=["local", "s3"])
def storage(request, monkeypatch, tmp_path):
    """Each test runs on the file system and on S3 with the production settings."""
    if request.param == "local":
        default = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        }
    else:
        default = s3_settings(request.getfixturevalue("s3_endpoint"), monkeypatch)
    with override_settings(STORAGES={**settings.STORAGES, "default": default}):
        yield request.param


@pytest.fixture(params=[None, "bucket-owner-full-control"])
def s3_storage(request, s3_endpoint, monkeypatch):
    """S3 with documents "private" (the default), or on a bucket with ACLs disabled."""
    default = s3_settings(s3_endpoint, monkeypatch, documents_acl=request.param)
    with override_settings(STORAGES={**settings.STORAGES, "default": default}):
        yield


def make_document(title, collection=None):
    return Publication.objects.create(
        title=title,
        file=ContentFile(
            pdf_bytes(title), name=f"{title.lower().replace(' ', '-')}.pdf"
        ),
        collection=collection or Collection.get_first_root_node(),
    )


def page_using(document, *, restriction=None, live=True, slug):
    """A page under About whose body links to the document (in the reference index)."""
    about = Page.objects.get(url_path_en="/iurc/about/")
    link = f'<p><a linktype="document" id="{document.pk}">{document.title}</a></p>'
    page = StandardPage(
        title=f"Page {slug}",
        slug=slug,
        live=live,
        body=json.dumps([{"type": "paragraph", "value": link}]),
    )
    about.add_child(instance=page)
    if restriction == "password":
        PageViewRestriction.objects.create(
            page=page, restriction_type=BaseViewRestriction.PASSWORD, password="s3cret"
        )
    elif restriction:
        PageViewRestriction.objects.create(page=page, restriction_type=restriction)
    ReferenceIndex.create_or_update_for_object(page)
    return page


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=BaseViewRestriction.LOGIN
    )
    return collection


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def assert_not_found(client, document):
    response = client.get(document.url)
    assert response.status_code == 404, response.get("Location")
    assert document.file.open("rb").read() not in response.content
    assert b"%PDF-" not in response.content


def bucket_url_without_signature(document):
    """The object's address on the bucket, as someone who guessed it would try."""
    return document.file.url.split("?", 1)[0]


def http_status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_documents_are_served_through_the_view():
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert "/documents/" in settings.PAGE_CACHE_EXCLUDED_PATHS


@pytest.mark.django_db
def test_a_public_document_is_served_to_everyone(client, storage):
    doc = make_document("Public brochure")

    response = client.get(doc.url)

    assert response.status_code == 200
    assert body_of(response).startswith(b"%PDF-")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_a_document_used_by_a_public_page_stays_public(client, storage):
    doc = make_document("Shared report")
    page_using(doc, slug="public-user")
    page_using(doc, restriction=BaseViewRestriction.LOGIN, slug="members-user")

    assert client.get(doc.url).status_code == 200


@pytest.mark.django_db
def test_a_document_in_a_private_collection_is_not_found(
    client, storage, private_collection
):
    doc = make_document("Board minutes", private_collection)

    assert_not_found(client, doc)


@pytest.mark.django_db
def test_a_document_in_a_collection_for_some_groups_is_not_found(client, storage):
    collection = Collection.get_first_root_node().add_child(name="Steering group")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=BaseViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Communications")])
    doc = make_document("Steering notes", collection)

    assert_not_found(client, doc)


@pytest.mark.django_db
def test_a_collection_with_a_password_asks_for_it_and_serves_nothing(client, storage):
    collection = Collection.get_first_root_node().add_child(name="Partners' room")
    CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=BaseViewRestriction.PASSWORD,
        password="s3cret",
    )
    doc = make_document("Partners notes", collection)

    response = client.get(doc.url)

    assert response.status_code == 200
    assert b"%PDF-" not in response.content
    assert b'name="password"' in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "restriction", [BaseViewRestriction.LOGIN, BaseViewRestriction.PASSWORD]
)
def test_a_document_only_on_private_pages_is_not_found(client, storage, restriction):
    doc = make_document("Members only plan")
    page_using(doc, restriction=restriction, slug="members-only")

    assert_not_found(client, doc)


@pytest.mark.django_db
def test_a_document_only_on_a_page_behind_an_ancestors_login_is_not_found(
    client, storage
):
    doc = make_document("Nested plan")
    parent = page_using(
        make_document("Parent doc"),
        restriction=BaseViewRestriction.LOGIN,
        slug="members",
    )
    child = StandardPage(
        title="Child",
        slug="child",
        body=json.dumps(
            [
                {
                    "type": "paragraph",
                    "value": f'<p><a linktype="document" id="{doc.pk}">x</a></p>',
                }
            ]
        ),
    )
    parent.add_child(instance=child)
    ReferenceIndex.create_or_update_for_object(child)

    assert_not_found(client, doc)


@pytest.mark.django_db
def test_a_document_only_on_an_unpublished_page_is_not_found(client, storage):
    doc = make_document("Embargoed report")
    page_using(doc, live=False, slug="embargoed")

    assert_not_found(client, doc)


@pytest.mark.django_db
def test_after_the_pages_password_the_visitor_gets_the_document(client, storage):
    doc = make_document("Password plan")
    page = page_using(
        doc, restriction=BaseViewRestriction.PASSWORD, slug="password-page"
    )
    restriction = PageViewRestriction.objects.get(page=page)
    response = client.post(
        reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
        ),
        {"password": "s3cret", "return_url": page.url},
    )
    assert response.status_code == 302

    response = client.get(doc.url)

    assert response.status_code == 200
    assert body_of(response).startswith(b"%PDF-")


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["collection", "pages"])
def test_an_editor_with_rights_gets_the_private_document(
    admin_client, storage, private_collection, where
):
    if where == "collection":
        doc = make_document("Board minutes", private_collection)
    else:
        doc = make_document("Members only plan")
        page_using(doc, restriction=BaseViewRestriction.LOGIN, slug="members-only")

    response = admin_client.get(doc.url)

    assert response.status_code == 200
    assert body_of(response) == doc.file.open("rb").read()


@pytest.mark.django_db
def test_on_s3_the_bucket_refuses_documents_without_a_signature(
    client, s3_storage, private_collection
):
    private = make_document("Board minutes", private_collection)
    public = make_document("Public brochure")

    for doc in (private, public):
        signed = doc.file.url
        assert "Signature=" in signed or "X-Amz-Signature=" in signed
        # The object is there and readable with the signature...
        assert http_status(signed) == 200
        # ...but its bare address is refused: only the serve view hands it out.
        assert http_status(bucket_url_without_signature(doc)) == 403


@pytest.mark.django_db
def test_images_stay_public_on_the_bucket(s3_storage):
    name = default_storage.save("images/map.txt", ContentFile(b"public"))

    url = default_storage.url(name)
    assert "Signature" not in url
    assert http_status(url) == 200


@pytest.mark.django_db
def test_a_document_made_private_is_not_served_from_any_cache(
    client, storage, settings
):
    settings.PAGE_CACHE_ENABLED = True
    collection = Collection.get_first_root_node().add_child(name="Soon private")
    doc = make_document("Draft statement", collection)

    first = client.get(doc.url)
    assert first.status_code == 200
    assert first.get("X-Page-Cache") is None
    # Nor for a shared cache in front (deploy/varnish stores only "public").
    assert "public" not in first.get("Cache-Control", "")

    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=BaseViewRestriction.LOGIN
    )

    assert_not_found(client, doc)
