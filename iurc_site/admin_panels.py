"""Admin edit forms for translated snippets, with one field per language like page forms."""

from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeltranslation.patch_wagtailadmin import WagtailTranslator


def localized_panels(model, panels):
    """Expand each panel of a translated field into one panel per language.

    wagtail-modeltranslation does this for page panels and for panels defined on the
    model; panels defined on a viewset (where they belong) need it done explicitly.
    """
    expander = WagtailTranslator.__new__(
        WagtailTranslator
    )  # skip its one-time model patching
    expander.patched_model = model
    return expander._patch_panels(panels)


class TranslatedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose `panels` name translated fields once, shown per language."""

    def get_edit_handler(self):
        return ObjectList(localized_panels(self.model, self.panels)).bind_to_model(
            self.model
        )
