"""Editorial roles as data: groups, their permissions and the review workflow.

- **Communications** may do everything editorial on the whole site: add, edit, publish,
  move and delete pages, approve what coordinators submit, manage reference data, site
  settings, redirects, images and documents. Managing users is left to administrators
  (superusers), so the group has no `auth` permission.
- **<Region> coordinators**, one group per RegionPage, may add and edit pages in their
  region only, without publishing (they submit to "Regional review"), upload and edit
  images and documents in their region's own collection (documents only of their
  region and its pairings: publications/forms.py), add a new Place or news Author (but not
  change or delete one) and import pairings into their region.
- **Regional review** is a workflow of one task, approval by Communications, assigned
  to the site's home page: it covers every page a coordinator can ever submit, including
  pages of a region created later, with nothing to assign per region.

The definitions below are the truth: `setup_editorial_roles()` (and `python manage.py
setup_editorial_roles`) creates whatever is missing and resets the groups' permissions to
them, logging every change. Creating a RegionPage creates its group and collection;
renaming the region renames both.
"""

import logging

from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.db.models import F

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from iurc_site.editorial.permission_audit import (
    log_permission_changes,
    permission_snapshot,
)
from regions.models import RegionEditorialRoles, RegionPage

logger = logging.getLogger(__name__)

COMMUNICATIONS = "Communications"
COORDINATORS_SUFFIX = " coordinators"
REVIEW_WORKFLOW = "Regional review"
REVIEW_TASK = "Approval by Communications"

COMMUNICATIONS_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
# No publish_page: coordinators submit to the "Regional review" workflow.
COORDINATOR_PAGE_PERMISSIONS = ("add_page", "change_page")

COMMUNICATIONS_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.delete_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.delete_document",
    "wagtaildocs.choose_document",
)
# No delete permission, yet Wagtail lets whoever may change an image or a document in
# a collection delete it there: coordinators may delete their region's, never others'.
COORDINATOR_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)

REFERENCE_DATA_MODELS = ("place", "organisation", "theme", "policyframework")
COMMUNICATIONS_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    *(
        f"partners.{action}_{model}"
        for model in REFERENCE_DATA_MODELS
        for action in ("add", "change", "delete")
    ),
    "partners.add_pairingimport",
    "partners.view_pairingimport",  # everyone's imports, not only their own
    "newsroom.add_author",
    "newsroom.change_author",
    "newsroom.delete_author",
    "iurc_site.change_sitesettings",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
)
COORDINATOR_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "partners.add_place",
    "newsroom.add_author",  # to sign their news; changing one is Communications'
    "partners.add_pairingimport",
)


def coordinators_group_name(region):
    """ "Asia & Australasia coordinators", from the region's English title."""
    title = region.title_en or region.title
    return (title + COORDINATORS_SUFFIX)[: Group._meta.get_field("name").max_length]


def _permissions(names):
    """Permission objects for "app_label.codename" names; a missing one is an error."""
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.filter(
            codename__in={codename for _app, codename in wanted}
        ).select_related("content_type")
    }
    missing = wanted - set(found)
    if missing:
        raise LookupError(
            "Unknown permissions (migrations not run?): "
            + ", ".join(sorted(".".join(name) for name in missing))
        )
    return [found[key] for key in sorted(wanted)]


def _page_permissions(codenames):
    return _permissions(f"wagtailcore.{codename}" for codename in codenames)


def _sync_group(group, *, model, pages, collections):
    """Make the group's permissions exactly these; log and return what changed.

    `model` is a list of Permissions; `pages` and `collections` map a Page or Collection
    to the list of Permissions the group has there.
    """
    before = permission_snapshot(group)
    group.permissions.set(model)

    wanted_pages = {(page.pk, p.pk) for page, perms in pages.items() for p in perms}
    existing = {
        (gp.page_id, gp.permission_id): gp.pk for gp in group.page_permissions.all()
    }
    GroupPagePermission.objects.filter(
        pk__in=[pk for key, pk in existing.items() if key not in wanted_pages]
    ).delete()
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page_id=page_id, permission_id=permission_id)
        for page_id, permission_id in wanted_pages - set(existing)
    )

    wanted_collections = {
        (collection.pk, p.pk)
        for collection, perms in collections.items()
        for p in perms
    }
    existing = {
        (gp.collection_id, gp.permission_id): gp.pk
        for gp in group.collection_permissions.all()
    }
    GroupCollectionPermission.objects.filter(
        pk__in=[pk for key, pk in existing.items() if key not in wanted_collections]
    ).delete()
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(
            group=group, collection_id=collection_id, permission_id=permission_id
        )
        for collection_id, permission_id in wanted_collections - set(existing)
    )

    return log_permission_changes(group, before, permission_snapshot(group))


def communications_group():
    """The Communications group (created if missing, permissions not touched)."""
    group, _created = Group.objects.get_or_create(name=COMMUNICATIONS)
    return group


def region_coordinators_group(region):
    """The coordinators group of a region, or None before its roles are set up."""
    roles = (
        RegionEditorialRoles.objects.filter(region=region)
        .select_related("coordinators")
        .first()
    )
    return roles.coordinators if roles else None


def region_collection(region):
    """The image and document collection of a region (None before its roles exist)."""
    roles = (
        RegionEditorialRoles.objects.filter(region=region)
        .select_related("collection")
        .first()
    )
    return roles.collection if roles else None


def setup_communications():
    """Create or repair the Communications group; return (group, changes)."""
    group = communications_group()
    site_root = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    changes = _sync_group(
        group,
        model=_permissions(COMMUNICATIONS_MODEL_PERMISSIONS),
        pages={site_root: _page_permissions(COMMUNICATIONS_PAGE_PERMISSIONS)}
        if site_root
        else {},
        collections={
            root_collection: _permissions(COMMUNICATIONS_COLLECTION_PERMISSIONS)
        },
    )
    return group, [f"{group}: {change}" for change in changes]


def _adopt_or_create_group(name):
    """A group of that name not yet linked to a region (left from a lost link), or a new one."""
    group = Group.objects.filter(name=name, coordinated_region__isnull=True).first()
    return group or Group.objects.create(name=name)


def _adopt_or_create_collection(name):
    root = Collection.get_first_root_node()
    linked = RegionEditorialRoles.objects.values("collection")
    existing = root.get_children().filter(name=name).exclude(pk__in=linked).first()
    return existing or root.add_child(name=name)


def setup_region_roles(region):
    """Create or repair a region's coordinators group and collection; return the changes."""
    changes = []
    roles = (
        RegionEditorialRoles.objects.filter(region=region)
        .select_related("coordinators", "collection")
        .first()
    )
    if roles is None:
        roles = RegionEditorialRoles.objects.create(
            region=region,
            coordinators=_adopt_or_create_group(coordinators_group_name(region)),
            collection=_adopt_or_create_collection(region.title_en or region.title),
        )
        changes.append(f"set up {roles.coordinators} and collection {roles.collection}")
    else:
        changes += rename_region_roles(region, roles)
    changes += [
        f"{roles.coordinators}: {change}"
        for change in _sync_group(
            roles.coordinators,
            model=_permissions(COORDINATOR_MODEL_PERMISSIONS),
            pages={region: _page_permissions(COORDINATOR_PAGE_PERMISSIONS)},
            collections={
                roles.collection: _permissions(COORDINATOR_COLLECTION_PERMISSIONS)
            },
        )
    ]
    return changes


def rename_region_roles(region, roles):
    """Give the region's group and collection the region's current English title."""
    changes = []
    name = coordinators_group_name(region)
    if roles.coordinators.name != name:
        old = roles.coordinators.name
        roles.coordinators.name = name
        try:
            with transaction.atomic():
                roles.coordinators.save(update_fields=["name"])
        except IntegrityError:
            # Another group already has that name; keep the old one rather than fail the save.
            logger.warning("Cannot rename group %r to %r: name taken", old, name)
            roles.coordinators.name = old
        else:
            changes.append(f"renamed group {old!r} to {name!r}")
    title = region.title_en or region.title
    if roles.collection.name != title:
        changes.append(f"renamed collection {roles.collection.name!r} to {title!r}")
        roles.collection.name = title
        roles.collection.save(update_fields=["name"])
    return changes


def setup_review_workflow(communications):
    """Create or repair "Regional review" and assign it to every site's home page."""
    changes = []
    workflow, created = Workflow.objects.get_or_create(
        name=REVIEW_WORKFLOW, defaults={"active": True}
    )
    if created:
        changes.append(f"created workflow {workflow}")
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
        changes.append(f"re-enabled workflow {workflow}")
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
        changes.append(f"created task {task}")
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    if set(task.groups.all()) != {communications}:
        task.groups.set([communications])
        changes.append(f"{task} is approved by {communications}")
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        # Our task comes first; tasks that administrators added stay after it.
        WorkflowTask.objects.filter(workflow=workflow).update(
            sort_order=F("sort_order") + 1
        )
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        changes.append(f"{workflow} starts with {task}")
    for site in Site.objects.select_related("root_page"):
        assignment = WorkflowPage.objects.filter(page=site.root_page).first()
        if assignment is None or assignment.workflow_id != workflow.pk:
            WorkflowPage.objects.update_or_create(
                page=site.root_page, defaults={"workflow": workflow}
            )
            changes.append(f"{workflow} assigned to {site.root_page.title_en}")
    return changes


@transaction.atomic
def setup_editorial_roles():
    """Create or repair every role, collection, permission and the workflow (idempotent).

    Returns one line per change; an empty list means everything was as defined.
    """
    communications, changes = setup_communications()
    changes += setup_review_workflow(communications)
    for region in RegionPage.objects.order_by("path"):
        changes += setup_region_roles(region)
    return changes


def region_saved(sender, instance, created, raw=False, **kwargs):
    """Give a new region its roles; keep its group and collection named after it."""
    if raw:  # loading fixtures: the groups come with them
        return
    roles = (
        RegionEditorialRoles.objects.filter(region=instance)
        .select_related("coordinators", "collection")
        .first()
    )
    if roles is None:
        setup_region_roles(instance)
    else:
        rename_region_roles(instance, roles)
