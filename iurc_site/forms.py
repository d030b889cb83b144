"""Admin forms of the programme app."""

from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm


class SiteImageForm(BaseImageForm):
    """Wagtail's image form, with the English alt text required (WCAG 1.1.1).

    Every image an editor uploads gets a text alternative; other languages fall back to
    the English one until translated. An image that is purely decorative where it is
    used is marked so in that place (Wagtail's ImageBlock "Image is decorative"), which
    renders alt="" there without losing the image's own description.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description_en")
        if field is not None:
            field.required = True
            field.label = _("Alt text [en]")
            field.help_text = _(
                "What the image shows, for people who cannot see it (one or two "
                "sentences). Required in English; other languages fall back to it."
            )
