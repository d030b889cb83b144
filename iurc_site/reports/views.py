"""The "Translation status" admin report."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.documents import get_document_model
from wagtail.models import Page, get_page_content_types
from wagtail.permissions import policy_registry

import django_filters

from iurc_site.reports.translation_status import (
    OTHER_LANGUAGES,
    pages_with_missing_translations,
    publications_with_missing_translations,
)
from regions.models import RegionPage

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def editable_pages(user):
    """The pages the user may edit: the whole site for Communications, a region for its coordinators."""
    return policy_registry.get_by_type(Page).instances_user_has_permission_for(
        user, "change"
    )


def regions_choice(request):
    return RegionPage.objects.filter(
        pk__in=editable_pages(request.user).type(RegionPage).values("pk")
    ).order_by("title")


class TranslationStatusFilterSet(WagtailFilterSet):
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=regions_choice, method="filter_region"
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=[(code, LANGUAGE_NAMES[code]) for code in OTHER_LANGUAGES],
        method="filter_language",
    )
    content_type = ContentTypeFilter(
        label=_("Page type"),
        queryset=lambda request: get_page_content_types(include_base_page_type=False),
    )

    class Meta:
        model = Page
        fields = ["region", "language", "content_type"]

    def filter_region(self, queryset, name, value):
        return queryset.descendant_of(value, inclusive=True)

    def filter_language(self, queryset, name, value):
        return queryset  # applied to the pages' fields in Python, after the query


class TranslationStatusView(ReportView):
    """Pages and publications with English text missing in some language, linking to
    their edit view."""

    page_title = _("Translation status")
    header_icon = "globe"
    template_name = "iurc_site/reports/translation_status.html"
    results_template_name = "iurc_site/reports/translation_status_results.html"
    index_url_name = "translation_status"
    index_results_url_name = "translation_status_results"
    filterset_class = TranslationStatusFilterSet
    model = Page
    any_permission_required = ["add", "change", "publish"]
    export_headings = {}
    list_export = []

    def get_queryset(self):
        return editable_pages(self.request.user).filter(depth__gt=1).order_by("path")

    def get_filtered_queryset(self):
        pages = self.filter_queryset(self.get_queryset())
        language = (
            self.filters.form.cleaned_data.get("language")
            if self.filters and self.filters.is_valid()
            else None
        )
        rows = pages_with_missing_translations(pages, language or None)
        return rows + self.publication_rows(language or None)

    def publication_rows(self, language):
        """The publications the user may change, unless the filters ask for a page type;
        with a region, that region's."""
        data = (
            self.filters.form.cleaned_data
            if self.filters and self.filters.is_valid()
            else {}
        )
        if data.get("content_type"):
            return []
        publications = policy_registry.get_by_type(
            get_document_model()
        ).instances_user_has_permission_for(self.request.user, "change")
        if data.get("region"):
            publications = publications.filter(region=data["region"])
        return publications_with_missing_translations(publications, language)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["language_names"] = LANGUAGE_NAMES
        return context
