"""Admin for shared reference data: places, organisations, themes, policy frameworks."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from iurc_site.editorial.panels import TranslatedSnippetViewSet
from partners.models import Organisation, Place, PolicyFramework, Theme
from partners.pairing_import import IMPORT_LOG_ACTION


class PlaceViewSet(TranslatedSnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Places")
    list_display = ["name", "kind", "country", "population"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("country")]),
        FieldPanel("slug"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldRowPanel([FieldPanel("population"), FieldPanel("area_km2")]),
            ],
            heading=_("Facts"),
        ),
    ]


class OrganisationViewSet(TranslatedSnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "acronym", "role"]
    list_filter = ["role"]
    search_fields = ["name", "acronym"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("role")]),
        FieldPanel("logo"),
        FieldPanel("url"),
    ]


class ThemeViewSet(TranslatedSnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug")]


class PolicyFrameworkViewSet(TranslatedSnippetViewSet):
    model = PolicyFramework
    icon = "doc-full"
    menu_label = _("Policy frameworks")
    list_display = ["name", "url"]
    panels = [FieldPanel("name"), FieldPanel("url")]


class ReferenceDataGroup(SnippetViewSetGroup):
    """One admin menu for the data that pages share."""

    items = (PlaceViewSet, OrganisationViewSet, ThemeViewSet, PolicyFrameworkViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Reference data")
    menu_name = "reference-data"


register_snippet(ReferenceDataGroup)


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    actions.register_action(
        IMPORT_LOG_ACTION,
        _("Import from a spreadsheet"),
        _("Imported from a spreadsheet"),
    )


@hooks.register("register_admin_viewset")
def register_pairing_import_viewset():
    from partners.pairing_import.views import PairingImportViewSet

    return PairingImportViewSet("import_pairings")
