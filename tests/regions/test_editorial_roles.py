"""Roles are data: groups, collections, permissions and the review workflow, kept in step."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import (
    Collection,
    GroupPagePermission,
    ModelLogEntry,
)

import pytest

from regions.editorial_roles import (
    COMMUNICATIONS,
    REVIEW_WORKFLOW,
    region_collection,
    region_coordinators_group,
)
from regions.models import RegionPage


def page_permissions(group):
    return {
        (grant.page_id, grant.permission.codename)
        for grant in group.page_permissions.select_related("permission")
    }


@pytest.mark.django_db
def test_every_region_has_a_coordinators_group_with_add_and_edit_but_not_publish():
    for region in RegionPage.objects.all():
        group = region_coordinators_group(region)

        assert group.name == f"{region.title_en} coordinators"
        assert page_permissions(group) == {
            (region.pk, "add_page"),
            (region.pk, "change_page"),
        }
        assert set(group.permissions.values_list("codename", flat=True)) == {
            "access_admin",
            "add_place",
            "add_pairingimport",
            "add_author",
        }
        assert region_collection(region).name == region.title_en


@pytest.mark.django_db
def test_communications_may_not_manage_users_or_groups():
    group = Group.objects.get(name=COMMUNICATIONS)

    codenames = set(group.permissions.values_list("codename", flat=True))

    assert "publish_page" in {codename for _page, codename in page_permissions(group)}
    assert {"change_sitesettings", "change_place", "delete_theme"} <= codenames
    assert not {c for c in codenames if c.endswith(("_user", "_group"))}


@pytest.mark.django_db
def test_creating_a_region_creates_its_group_and_collection(demo_page, admin_user):
    index = demo_page("/regions/")
    region = RegionPage(title="Africa", title_en="Africa", slug="africa")

    index.add_child(instance=region)

    group = region_coordinators_group(region)
    assert group.name == "Africa coordinators"
    assert (region.pk, "change_page") in page_permissions(group)
    assert Collection.objects.filter(name="Africa").count() == 1
    assert region.get_workflow().name == REVIEW_WORKFLOW


@pytest.mark.django_db
def test_renaming_a_region_renames_its_group_and_collection(demo_page):
    region = demo_page("/regions/china/")
    group = region_coordinators_group(region)

    region.title_en = "China (mainland)"
    region.save_revision().publish()

    group.refresh_from_db()
    assert group.name == "China (mainland) coordinators"
    assert region_collection(region).name == "China (mainland)"


@pytest.mark.django_db
def test_setup_command_is_idempotent_and_repairs_a_tampered_group(demo_page):
    region = demo_page("/regions/china/")
    group = region_coordinators_group(region)
    GroupPagePermission.objects.create(
        group=group, page=region, permission_type="publish"
    )
    group.permissions.clear()

    out = StringIO()
    call_command("setup_editorial_roles", stdout=out)

    assert "revoked publish_page" in out.getvalue()
    assert (region.pk, "publish_page") not in page_permissions(group)
    assert "add_place" in set(group.permissions.values_list("codename", flat=True))
    again = StringIO()
    call_command("setup_editorial_roles", stdout=again)
    assert "nothing changed" in again.getvalue()


@pytest.mark.django_db
def test_setup_logs_the_permission_changes_it_makes(demo_page):
    group = region_coordinators_group(demo_page("/regions/china/"))
    group.permissions.clear()

    call_command("setup_editorial_roles", stdout=StringIO())

    entry = ModelLogEntry.objects.filter(
        action="iurc_site.permissions_changed", object_id=str(group.pk)
    ).latest("timestamp")
    assert "partners.add_place" in entry.data["granted"]


@pytest.mark.django_db
def test_demo_users_exist_one_per_role(django_user_model):
    call_command("load_demo_content", with_demo_users=True, verbosity=0)

    comms = django_user_model.objects.get(username="comms")
    coordinator = django_user_model.objects.get(username="coordinator-china")
    assert comms.groups.filter(name=COMMUNICATIONS).exists()
    assert coordinator.groups.filter(name="China coordinators").exists()
    assert coordinator.check_password("iurc-demo")
