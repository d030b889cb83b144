"""The site's content version: one number, changed whenever published content changes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """A single row whose number iurc_site.caching.content_version bumps on every publish."""

    number = models.PositiveBigIntegerField(_("number"), default=1)

    class Meta:
        verbose_name = _("content version")

    def __str__(self):
        return str(self.number)
