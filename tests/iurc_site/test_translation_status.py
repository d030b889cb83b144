"""The translation status report shows what is not yet translated, to those who can fix it."""

from django.urls import reverse

import pytest

from regions.editorial_roles import COMMUNICATIONS
from tests.support.two_factor import verified_login


def report(client, **filters):
    response = client.get(reverse("translation_status"), filters)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_page_missing_a_language_is_listed_with_a_link_to_its_editor(
    client, editor, demo_page
):
    about = demo_page("/about/")
    about.intro_vi = ""
    about.save_revision().publish()
    verified_login(client, editor(COMMUNICATIONS))

    html = report(client, language="vi")

    assert reverse("wagtailadmin_pages:edit", args=[about.pk]) in html
    assert "<strong>vi</strong>: introduction" in html


@pytest.mark.django_db
def test_a_fully_translated_page_is_not_listed_for_that_language(
    client, editor, demo_page
):
    about = demo_page("/about/")
    verified_login(client, editor(COMMUNICATIONS))

    html = report(client, language="th")

    assert reverse("wagtailadmin_pages:edit", args=[about.pk]) not in html


@pytest.mark.django_db
def test_coordinators_see_only_their_region(client, editor, demo_page):
    china, asia = demo_page("/regions/china/"), demo_page("/regions/asia-australasia/")
    for region in (china, asia):
        region.intro_es = ""
        region.save_revision().publish()
    verified_login(client, editor("China coordinators"))

    html = report(client)

    assert reverse("wagtailadmin_pages:edit", args=[china.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[asia.pk]) not in html


@pytest.mark.django_db
def test_the_region_filter_narrows_the_list(client, editor, demo_page):
    china, asia = demo_page("/regions/china/"), demo_page("/regions/asia-australasia/")
    for region in (china, asia):
        region.intro_es = ""
        region.save_revision().publish()
    verified_login(client, editor(COMMUNICATIONS))

    html = report(client, region=asia.pk, language="es")

    assert reverse("wagtailadmin_pages:edit", args=[asia.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[china.pk]) not in html


@pytest.mark.django_db
def test_visitors_cannot_see_the_report(client):
    response = client.get(reverse("translation_status"))

    assert response.status_code == 302
