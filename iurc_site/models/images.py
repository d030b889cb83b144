"""The site's image model: Wagtail's, with alt text (description) in every language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from modeltranslation.utils import build_localized_fieldname
from wagtail.images.models import AbstractImage, AbstractRendition


def _localized(field_name):
    return tuple(
        build_localized_fieldname(field_name, code)
        for code, _name in settings.LANGUAGES
    )


class SiteImage(AbstractImage):
    """An uploaded image; its description is the alt text, translated per language."""

    # The per-language alt-text fields replace the single description field in the form.
    admin_form_fields = (
        "title",
        "file",
        *_localized("description"),
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]

    @property
    def default_alt_text(self):
        # The active language's description, falling back to English, then the title.
        return self.description or self.title


class SiteRendition(AbstractRendition):
    """A resized copy of a SiteImage."""

    image = models.ForeignKey(
        SiteImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
