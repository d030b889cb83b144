"""The admin's group screens, with every permission change written to the audit log."""

from wagtail.users.views import groups

from iurc_site.editorial.permission_audit import (
    log_permission_changes,
    permission_snapshot,
)


class AuditedPermissionsMixin:
    """Compare the group's permissions before and after the form (and its panels) saved."""

    def process_form(self):
        before = permission_snapshot(self.object)
        response = super().process_form()
        log_permission_changes(
            self.object, before, permission_snapshot(self.object), self.request.user
        )
        return response


class AuditedGroupCreateView(AuditedPermissionsMixin, groups.CreateView):
    pass


class AuditedGroupEditView(AuditedPermissionsMixin, groups.EditView):
    pass


class AuditedGroupViewSet(groups.GroupViewSet):
    """Wagtail's group admin; see iurc_site.editorial.users_app.UsersAppConfig for how it is swapped in."""

    add_view_class = AuditedGroupCreateView
    edit_view_class = AuditedGroupEditView
