"""Old URLs keep working in every language; admin changes are in the audit log."""

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.translation import override

from wagtail.models import ModelLogEntry, Page, PageLogEntry
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

import pytest

from iurc_site.models import ProgrammePhasePage
from regions.editorial_roles import COMMUNICATIONS
from regions.models import PairingPage
from tests.support.two_factor import verified_login


@pytest.mark.django_db
def test_changing_the_malay_slug_redirects_the_old_malay_url(client, demo_page):
    about = demo_page("/about/")
    assert client.get("/ms/tentang-iurc/").status_code == 200

    about.slug_ms = "mengenai-iurc"
    about.save_revision().publish()

    response = client.get("/ms/tentang-iurc/")
    assert response.status_code == 301
    assert response["Location"] == "/ms/mengenai-iurc/"
    assert client.get("/ms/mengenai-iurc/").status_code == 200
    assert client.get("/en/about/").status_code == 200  # English untouched


def url_in(language, page):
    with override(language):
        return Page.objects.get(pk=page.pk).specific.url


@pytest.mark.django_db
def test_changing_a_slug_redirects_descendants_in_every_language_it_affects(
    client, demo_page
):
    region = demo_page("/regions/china/")
    pairing = PairingPage.objects.child_of(region).live().first()
    old = {language: url_in(language, pairing) for language in ("en", "th", "ms")}

    region.slug_en = "china-mainland"  # Thai has no slug of its own: it follows English
    region.save_revision().publish()

    for language in ("en", "th"):
        response = client.get(old[language])
        assert response.status_code == 301, old[language]
        assert response["Location"] == url_in(language, pairing)
        assert "/china-mainland/" in response["Location"]
    assert client.get(old["ms"]).status_code == 200  # the Malay slug did not change


@pytest.mark.django_db
def test_moving_a_page_redirects_its_old_urls_in_every_language(client, demo_page):
    about = demo_page("/about/")
    phase = ProgrammePhasePage.objects.get(short_name="IURC")
    old = {language: url_in(language, about) for language in ("en", "ms", "zh-hans")}

    about.move(phase, pos="last-child")

    for language, old_url in old.items():
        response = client.get(old_url)
        assert response.status_code == 301, old_url
        assert response["Location"] == url_in(language, about)
        assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_explorer_shows_english_titles_after_an_edit_in_another_language(
    client, admin_user, editor, demo_page
):
    """A stored Malay admin preference must not put Malay titles in everyone's explorer."""
    region = demo_page("/regions/china/")
    pairing = PairingPage.objects.child_of(region).live().first()
    malay_editor = editor(COMMUNICATIONS)
    profile = UserProfile.get_for_user(malay_editor)
    profile.preferred_language = "ms"
    profile.save()
    verified_login(client, malay_editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[pairing.pk])
    data = querydict_from_html(
        client.get(edit_url, headers={"accept-language": "ms"}).content.decode(),
        form_id="page-edit-form",
    )
    data["title_ms"] = "Tajuk dalam bahasa Melayu"
    data["action-publish"] = "publish"

    response = client.post(
        edit_url, dict(data.lists()), headers={"accept-language": "ms"}
    )

    assert response.status_code == 302
    verified_login(client, admin_user)
    html = client.get(
        reverse("wagtailadmin_explore", args=[region.pk])
    ).content.decode()
    assert pairing.title_en in html
    assert "Tajuk dalam bahasa Melayu" not in html
    malay_page = client.get(url_in("ms", pairing))
    assert "Tajuk dalam bahasa Melayu" in malay_page.content.decode()


@pytest.mark.django_db
def test_publishing_is_logged_with_the_user(client, editor, demo_page):
    comms = editor(COMMUNICATIONS)
    pairing = PairingPage.objects.child_of(demo_page("/regions/china/")).first()
    verified_login(client, comms)
    url = reverse("wagtailadmin_pages:edit", args=[pairing.pk])
    data = querydict_from_html(
        client.get(url).content.decode(), form_id="page-edit-form"
    )
    data["action-publish"] = "publish"

    client.post(url, dict(data.lists()))

    assert PageLogEntry.objects.filter(
        page=pairing, action="wagtail.publish", user=comms
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_approval_and_rejection_are_logged_with_the_user(
    client, editor, demo_page, decision
):
    coordinator = editor("China coordinators")
    comms = editor(COMMUNICATIONS)
    pairing = PairingPage.objects.child_of(demo_page("/regions/china/")).first()
    verified_login(client, coordinator)
    url = reverse("wagtailadmin_pages:edit", args=[pairing.pk])
    data = querydict_from_html(
        client.get(url).content.decode(), form_id="page-edit-form"
    )
    data["action-submit"] = "submit"
    client.post(url, dict(data.lists()))
    task_state = PairingPage.objects.get(pk=pairing.pk).current_workflow_task_state
    assert task_state is not None

    verified_login(client, comms)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[pairing.pk, decision, task_state.pk],
        ),
        {"comment": "Checked."},
    )

    assert response.status_code in (200, 302)
    assert PageLogEntry.objects.filter(
        page=pairing, action=f"wagtail.workflow.{decision}", user=comms
    ).exists()


@pytest.mark.django_db
def test_group_permission_edits_in_the_admin_are_logged(client, admin_user):
    group = Group.objects.get(name="China coordinators")
    verified_login(client, admin_user)
    url = reverse("wagtailusers_groups:edit", args=[group.pk])
    data = querydict_from_html(
        client.get(url).content.decode(), form_id="w-editor-form"
    )
    assert data.getlist("page_permissions-0-permissions")  # the region's add and edit
    data.appendlist("page_permissions-0-permissions", "publish_page")

    response = client.post(url, dict(data.lists()))

    assert response.status_code == 302
    entry = ModelLogEntry.objects.filter(
        action="iurc_site.permissions_changed", object_id=str(group.pk), user=admin_user
    ).latest("timestamp")
    assert any("publish_page" in line for line in entry.data["granted"])
    assert entry.data["revoked"] == []


@pytest.mark.django_db
def test_adding_a_user_to_a_group_is_logged(django_user_model):
    user = django_user_model.objects.create_user("newcomer", password="x")

    user.groups.add(Group.objects.get(name=COMMUNICATIONS))

    entry = ModelLogEntry.objects.get(
        action="iurc_site.group_membership_changed", object_id=str(user.pk)
    )
    assert entry.data["added"] == [COMMUNICATIONS]
