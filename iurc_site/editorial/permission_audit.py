"""Audit of permission changes: what a group may do, and who belongs to which group.

Wagtail logs a group edit as a plain "wagtail.edit" that does not say which permissions
changed, and nothing at all for a change made in code; these entries say exactly what
was granted or revoked, and by whom (the admin request's user, or nobody for a command).
"""

from django.contrib.auth.models import Group

from wagtail.log_actions import log

PERMISSIONS_CHANGED = "iurc_site.permissions_changed"
MEMBERSHIP_CHANGED = "iurc_site.group_membership_changed"


def permission_snapshot(group):
    """Everything the group may do, as readable lines (model, page and collection permissions)."""
    if group.pk is None:
        return set()
    lines = {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in group.permissions.select_related("content_type")
    }
    for grant in group.page_permissions.select_related("page", "permission"):
        title = grant.page.title_en or grant.page.title
        lines.add(f"{grant.permission.codename} on page “{title}” (#{grant.page_id})")
    for grant in group.collection_permissions.select_related(
        "collection", "permission__content_type"
    ):
        permission = grant.permission
        lines.add(
            f"{permission.content_type.app_label}.{permission.codename} "
            f"in collection “{grant.collection.name}” (#{grant.collection_id})"
        )
    return lines


def log_permission_changes(group, before, after, user=None):
    """Log the difference of two snapshots on the group's history; return it as lines."""
    granted, revoked = sorted(after - before), sorted(before - after)
    if granted or revoked:
        log(
            instance=group,
            action=PERMISSIONS_CHANGED,
            user=user,
            data={"granted": granted, "revoked": revoked},
        )
    return [f"granted {line}" for line in granted] + [
        f"revoked {line}" for line in revoked
    ]


def _log_membership(user, added=(), removed=()):
    log(
        instance=user,
        action=MEMBERSHIP_CHANGED,
        data={"added": sorted(added), "removed": sorted(removed)},
    )


def group_membership_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed receiver for User.groups: log who joined or left which group."""
    if action == "pre_clear":
        # pk_set is empty on clear: remember the members/groups before they go.
        instance._groups_before_clear = (
            list(instance.user_set.all()) if reverse else list(instance.groups.all())
        )
        return
    if action == "post_clear":
        for other in getattr(instance, "_groups_before_clear", []):
            if reverse:
                _log_membership(other, removed=[instance.name])
            else:
                _log_membership(instance, removed=[other.name])
        return
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    key = "added" if action == "post_add" else "removed"
    if reverse:  # group.user_set.add(user, ...): instance is the group
        for user in kwargs["model"].objects.filter(pk__in=pk_set):
            _log_membership(user, **{key: [instance.name]})
    else:
        names = Group.objects.filter(pk__in=pk_set).values_list("name", flat=True)
        _log_membership(instance, **{key: list(names)})
