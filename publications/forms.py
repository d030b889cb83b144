"""The editor's form of a document (WAGTAILDOCS_DOCUMENT_FORM_BASE).

Wagtail builds every document form from this base: the single upload, the edit view
and both forms of the multiple upload. The file is checked here before anything is
stored (publications/validation.py); region coordinators may place a document only in
their own region and attach it only to their region's pairings.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.widgets import AdminImageChooser

from publications.models import FILE_LANGUAGES
from publications.validation import validate_document_file
from regions.editorial_roles import COMMUNICATIONS
from regions.models import PairingPage, RegionPage

FIRST_YEAR = 1990


def regions_for(user):
    """The regions whose documents the user may describe, or None for all of them.

    Communications and administrators describe every document; a coordinator only
    with their own region (or regions).
    """
    if user is None or user.is_superuser:
        return None
    if user.groups.filter(name=COMMUNICATIONS).exists():
        return None
    return RegionPage.objects.filter(
        editorial_roles__coordinators__in=user.groups.all()
    )


def pairings_of(regions):
    paths = Q()
    for path in regions.values_list("path", flat=True):
        paths |= Q(path__startswith=path)
    if not paths:
        return PairingPage.objects.none()
    return PairingPage.objects.filter(paths)


class PublicationForm(BaseDocumentForm):
    file_languages = forms.MultipleChoiceField(
        label=_("Languages of the file"),
        choices=FILE_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The languages the file itself is written in."),
    )

    class Meta(BaseDocumentForm.Meta):
        widgets = {
            **BaseDocumentForm.Meta.widgets,
            "cover_image": AdminImageChooser,
            "pairings": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.user = user
        self._label_languages()
        year = self.fields.get("year")
        if year is not None:
            last = datetime.date.today().year + 1
            self.fields["year"] = forms.IntegerField(
                label=year.label,
                required=False,
                min_value=FIRST_YEAR,
                max_value=last,
                help_text=_("The year of publication, %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": last},
            )
        kind = self.fields.get("kind")
        if kind is not None:
            # Wagtail's multiple upload sends only the title and collection: a missing
            # type is the model's default, so that the file is accepted at once.
            kind.required = False
        self._limit_to_user_regions()

    def _label_languages(self):
        title = self.fields.get("title")
        if title is not None:
            title.required = True
            title.label = _("Title [en]")
            title.help_text = _(
                "Required in English; the other languages fall back to it."
            )
        for code, _name in settings.LANGUAGES:
            suffix = code.replace("-", "_")
            for name, label in (
                ("title", _("Title")),
                ("summary", _("Summary")),
            ):
                field = self.fields.get(f"{name}_{suffix}")
                if field is not None:
                    field.label = f"{label} [{code}]"
                    field.required = False

    def _limit_to_user_regions(self):
        regions = regions_for(self.user)
        if regions is None:
            return
        instance = self.instance
        region = self.fields.get("region")
        if region is not None:
            allowed = Q(pk__in=regions.values("pk"))
            if instance.pk and instance.region_id:
                # Keep what Communications set; a coordinator cannot choose it anew.
                allowed |= Q(pk=instance.region_id)
            region.queryset = RegionPage.objects.filter(allowed)
        pairings = self.fields.get("pairings")
        if pairings is not None:
            allowed = Q(pk__in=pairings_of(regions).values("pk"))
            if instance.pk:
                allowed |= Q(pk__in=instance.pairings.values("pk"))
            pairings.queryset = PairingPage.objects.filter(allowed).order_by("title")

    def clean_kind(self):
        kind = self.cleaned_data.get("kind")
        return kind or self._meta.model._meta.get_field("kind").default

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # A new file (upload or replacement); an unchanged one was checked before.
        if isinstance(uploaded, UploadedFile):
            validate_document_file(uploaded)
        return uploaded

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit:
            # The pairings and themes are a modelcluster relation, which a plain model
            # saves only when asked to.
            for name in ("pairings", "themes"):
                if name in self.fields:
                    getattr(instance, name).commit()
        return instance
