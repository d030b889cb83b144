"""Admin for the newsroom: the authors of news items, under "Reference data"-like snippets."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from iurc_site.editorial.panels import TranslatedSnippetViewSet
from newsroom.models import Author


class AuthorViewSet(TranslatedSnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("News authors")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "kind", "role", "region"]
    list_filter = ["kind"]
    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("role"),
        FieldPanel("region"),
    ]


register_snippet(AuthorViewSet)
