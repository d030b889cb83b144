"""Admin edit forms for translated snippets, with one field per language like page forms."""

from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from iurc_site.private_apis import expand_translated_panels


def localized_panels(model, panels):
    """Expand each panel of a translated field into one panel per language.

    wagtail-modeltranslation does this for page panels and for panels defined on the
    model; panels defined on a viewset (where they belong) need it done explicitly.
    """
    return expand_translated_panels(model, panels)


class TranslatedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose `panels` name translated fields once, shown per language."""

    def get_edit_handler(self):
        return ObjectList(localized_panels(self.model, self.panels)).bind_to_model(
            self.model
        )
