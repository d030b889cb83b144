"""Site-wide settings edited in the admin: footer text, funding notice, social links."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable


@register_setting(icon="cog")
class SiteSettings(BaseGenericSetting, ClusterableModel):
    """What every page's footer shows."""

    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        help_text=_("A short description of the programme for the footer."),
    )
    funding_notice = models.TextField(
        _("funding notice"),
        blank=True,
        help_text=_("The EU funding disclaimer shown beside the EU emblem."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    panels = [
        FieldPanel("footer_text"),
        FieldPanel("funding_notice"),
        FieldPanel("contact_email"),
        InlinePanel("social_links", label=_("Social media links")),
    ]

    class Meta:
        verbose_name = _("site settings")


class SocialLink(Orderable):
    """A link to one of the programme's social media accounts."""

    class Platform(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        X = "x", "X (Twitter)"
        LINKEDIN = "linkedin", "LinkedIn"
        YOUTUBE = "youtube", "YouTube"
        INSTAGRAM = "instagram", "Instagram"
        FLICKR = "flickr", "Flickr"

    settings = ParentalKey(
        SiteSettings, on_delete=models.CASCADE, related_name="social_links"
    )
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    url = models.URLField(_("address"))

    panels = [FieldPanel("platform"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("social media link")

    def __str__(self):
        return self.get_platform_display()
