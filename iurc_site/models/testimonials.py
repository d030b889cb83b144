"""Testimonials: quotes from people and places in the programme, attached to pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable


class Testimonial(Orderable):
    """A quote shown on a page: said by a person (with role) or on behalf of a place."""

    # Keyed to Page so that programme pages and pairings share one model; a testimonial
    # follows its page's permissions, publishing and revisions.
    page = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="testimonials"
    )
    quote = models.TextField(_("quote"))
    speaker = models.CharField(
        _("speaker"),
        max_length=150,
        blank=True,
        help_text=_("Leave empty for a quote from a place."),
    )
    role = models.CharField(
        _("role"),
        max_length=250,
        blank=True,
        help_text=_(
            "E.g. Principal Adviser for International Relations, DG REGIO, European Commission"
        ),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonials",
    )
    place = models.ForeignKey(
        "partners.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonials",
    )

    panels = [
        FieldPanel("quote"),
        MultiFieldPanel(
            [
                FieldPanel("speaker"),
                FieldPanel("role"),
                FieldPanel("organisation"),
                FieldPanel("place"),
            ],
            heading=_("Who said it"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")

    def __str__(self):
        return f"{self.attribution}: {self.quote[:60]}"

    @property
    def attribution(self):
        """Who said it, as shown under the quote: the speaker, else the place."""
        if self.speaker:
            return self.speaker
        if self.place_id:
            return f"{self.place.name} ({self.place.country_name})"
        return self.organisation.short_name if self.organisation_id else ""
