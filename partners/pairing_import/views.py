"""Admin screens of the pairing import: upload, preview and confirm, and the history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet

from iurc_site.worker.progress import progress_of
from partners.models import PairingImport
from partners.pairing_import.jobs import job_state, progress_key, queue_import
from partners.pairing_import.reading import (
    MAX_FILE_BYTES,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    SpreadsheetError,
    read_spreadsheet,
)
from partners.pairing_import.uploads import check_stored_import, will_publish

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser
    from django.core.files.uploadedfile import UploadedFile

# A preview lists this many pairings of each kind; the rest are counted.
PREVIEW_ROWS = 200
# What an editor may still cancel: nothing is being or has been imported.
CANCELLABLE = (
    PairingImport.Status.PREVIEWED,
    PairingImport.Status.INVALID,
    PairingImport.Status.FAILED,
)


class UploadForm(forms.ModelForm):
    """A pairings spreadsheet and whether to save its pairings as drafts."""

    file = forms.FileField(label=gettext_lazy("Spreadsheet"))

    class Meta:
        model = PairingImport
        fields = ["file", "as_drafts"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The columns themselves, in the editor's language: the form is all they see.
        self.fields["file"].help_text = _(
            "A .csv or .xlsx file whose first row names the columns: %(required)s "
            "(required), %(optional)s (optional); at most 5 MB. Nothing is saved "
            "before you confirm the preview."
        ) % {
            "required": ", ".join(REQUIRED_COLUMNS),
            "optional": ", ".join(OPTIONAL_COLUMNS),
        }

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.")
                % {"size": MAX_FILE_BYTES // (1024 * 1024)}
            )
        self.content = upload.read()
        try:
            read_spreadsheet(self.content, upload.name)
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


def visible_imports(user: AbstractUser) -> QuerySet[PairingImport]:
    """Every import for those who may view them all (Communications), else one's own."""
    imports = PairingImport.objects.select_related("uploaded_by")
    if user.is_superuser or user.has_perm("partners.view_pairingimport"):
        return imports
    return imports.filter(uploaded_by=user)


class ImportHistoryView(generic.IndexView):
    """The imports the user may see, newest first, each linking to its preview or result."""

    def get_base_queryset(self) -> QuerySet[PairingImport]:
        return visible_imports(self.request.user).defer("content")

    def get_edit_url(self, instance: PairingImport) -> str:
        return reverse(self.edit_url_name, args=(instance.pk,))


class UploadView(generic.CreateView):
    """Upload a file: it is checked and stored, then the preview shows what it would do."""

    def form_valid(self, form: UploadForm) -> HttpResponse:
        record = PairingImport.objects.create(
            file_name=form.cleaned_data["file"].name[:255],
            content=form.content,
            uploaded_by=self.request.user,
            as_drafts=form.cleaned_data["as_drafts"],
        )
        check_stored_import(record)  # the form has made sure the file can be read
        return redirect(self.edit_url_name, record.pk)


class PreviewView(PermissionCheckedMixin, WagtailAdminTemplateMixin, View):
    """What a stored file would create, update or reject; confirm or cancel it.

    The file is checked again each time the page is shown and when it is confirmed:
    the site may have changed since it was uploaded.
    """

    model = PairingImport
    permission_required = "add"
    template_name = "partners/pairing_import/preview.html"
    header_icon = "upload"
    index_url_name = None

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(PairingImport, pk=kwargs["pk"])
        if not visible_imports(request.user).filter(pk=self.object.pk).exists():
            raise PermissionDenied
        self.object = job_state(self.object)
        # Only the uploader imports a file: the import runs with their permissions.
        self.can_apply = self.object.uploaded_by_id == request.user.pk

    def get_page_title(self) -> str:
        return _("Import pairings")

    def get_page_subtitle(self) -> str:
        return self.object.file_name

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Import pairings")},
            {"url": "", "label": self.object.file_name},
        ]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        plan = read_error = None
        pending = self.object.status in (
            PairingImport.Status.PREVIEWED,
            PairingImport.Status.INVALID,
        )
        if pending and self.can_apply:
            try:
                plan = check_stored_import(self.object)
            except SpreadsheetError as error:
                read_error = str(error)
        context = self.get_context_data(
            object=self.object,
            plan=plan,
            read_error=read_error,
            can_apply=self.can_apply,
            preview_rows=PREVIEW_ROWS,
        )
        if self.object.in_progress:
            context.update(
                progress=progress_state(self.object),
                status_url=reverse("import_pairings:status", args=[self.object.pk]),
            )
        if plan is not None:
            context.update(
                to_create=plan.to_create[:PREVIEW_ROWS],
                to_update=plan.to_update[:PREVIEW_ROWS],
                more_to_create=max(len(plan.to_create) - PREVIEW_ROWS, 0),
                more_to_update=max(len(plan.to_update) - PREVIEW_ROWS, 0),
                will_publish=will_publish(self.object, plan),
            )
        return TemplateResponse(request, self.template_name, context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.can_apply:
            raise PermissionDenied
        if "cancel" in request.POST:
            if self.object.status in CANCELLABLE:
                self.object.status = PairingImport.Status.CANCELLED
                self.object.content = b""
                self.object.save(update_fields=["status", "content"])
                messages.success(
                    request, _("The import was cancelled; nothing was saved.")
                )
            return redirect(self.index_url_name)
        if "retry" in request.POST:
            # Back to the preview: the file is checked again before it is confirmed.
            PairingImport.objects.filter(
                pk=self.object.pk, status=PairingImport.Status.FAILED
            ).update(status=PairingImport.Status.PREVIEWED, error="")
            return redirect(request.path)
        if not queue_import(self.object):
            if not self.object.in_progress:
                messages.error(
                    request,
                    _("This file cannot be imported (any more); nothing was saved."),
                )
        elif self.object.status == PairingImport.Status.APPLIED:
            # Jobs run at once (development): the import is already done.
            summary = self.object.summary
            messages.success(
                request,
                _(
                    "Imported: %(created)s pairings created, %(updated)s updated, "
                    "%(unchanged)s unchanged."
                )
                % {
                    "created": summary["created"],
                    "updated": summary["updated"],
                    "unchanged": summary["unchanged"],
                },
            )
        elif self.object.status == PairingImport.Status.FAILED:
            pass  # jobs run at once, and it failed: the screen says why
        else:
            messages.success(
                request,
                _(
                    "The import has started; this page shows how far it has got. "
                    "You may leave it: the import goes on."
                ),
            )
        return redirect(request.path)


def progress_state(record: PairingImport) -> dict[str, object]:
    """What the import screen shows of an import while (and after) it runs."""
    progress = progress_of(progress_key(record.pk))
    done, total = (progress.done, progress.total) if progress else (0, 0)
    total = max(total, done)
    return {
        "status": record.status,
        "label": record.get_status_display(),
        "in_progress": record.in_progress,
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
        "text": _("%(done)s of %(total)s rows saved") % {"done": done, "total": total},
        "error": record.error,
    }


class ImportStatusView(PermissionCheckedMixin, View):
    """The state of one import as JSON, for the import screen's progress bar."""

    model = PairingImport
    permission_required = "add"

    def get(self, request: HttpRequest, pk: int) -> JsonResponse:
        record = visible_imports(request.user).defer("content").filter(pk=pk).first()
        if record is None:  # another editor's import, or none: the same answer
            return JsonResponse({"error": _("You cannot see this import.")}, status=403)
        response = JsonResponse(progress_state(job_state(record)))
        response["Cache-Control"] = "private, no-store"
        return response


class PairingImportViewSet(ModelViewSet):
    """The "Import pairings" menu: history, upload, preview."""

    model = PairingImport
    icon = "upload"
    menu_label = gettext_lazy("Import pairings")
    menu_name = "import-pairings"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = ImportHistoryView
    add_view_class = UploadView
    list_display = [
        TitleColumn(
            "file_name", label=gettext_lazy("File"), url_name="import_pairings:edit"
        ),
        Column("uploaded_by", label=gettext_lazy("Uploaded by")),
        "uploaded_at",
        Column("get_status_display", label=gettext_lazy("Status")),
        Column("summary_text", label=gettext_lazy("Summary")),
    ]
    list_filter = ["status"]
    copy_view_enabled = False
    add_to_reference_index = False

    def get_form_class(self, for_update: bool = False) -> type[UploadForm]:
        return UploadForm

    def get_urlpatterns(self) -> list[URLPattern | URLResolver]:
        # The "edit" view of an import is its preview: an import is confirmed, not edited.
        patterns = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name in ("index", "index_results", "add", "delete")
        ]
        return [
            *patterns,
            path(
                "edit/<int:pk>/",
                PreviewView.as_view(index_url_name=self.get_url_name("index")),
                name="edit",
            ),
            path("status/<int:pk>/", ImportStatusView.as_view(), name="status"),
        ]
