"""The public pages answer GET, HEAD and OPTIONS only (found by wapiti's methods module).

Wagtail's pages accept DELETE, PATCH, POST and PUT by default, answer them with the page
as for a GET, and list them in the Allow header of OPTIONS. No page of this site takes
a form or any other request body: every other method is a 405 naming the three.
"""

import pytest

PAGES = [
    "/en/",
    "/en/about/",
    "/en/regions/",
    "/en/pairings/",
    "/th/",
]


def pairing_path():
    from regions.models import PairingPage

    return PairingPage.objects.live().first().get_url()


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_options_lists_only_the_read_methods(client, demo_page, path):
    response = client.options(path)

    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", [*PAGES, None])
def test_writing_methods_are_not_allowed(client, demo_page, method, path):
    path = path or pairing_path()
    # The test client skips the CSRF check: the request reaches the page, as one with
    # a valid token would.
    response = getattr(client, method)(path, data="x=1", content_type="text/plain")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_reading_methods_still_answer(client, demo_page, path):
    assert client.get(path).status_code == 200
    assert client.head(path).status_code == 200


@pytest.mark.django_db
def test_a_pairing_page_lists_only_the_read_methods(client, demo_page):
    response = client.options(pairing_path())

    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, OPTIONS"
