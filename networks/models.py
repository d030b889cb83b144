"""Thematic networks: places and organisations of the programme working on shared themes.

One index page under the home page lists the networks; each network page has its
themes, its programme phase and its members. A member is a place or an organisation
(exactly one), with an optional photo (which needs its licence and credit), a short
profile and an optional link to what it did in the programme's first phase.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page

from iurc_site.models import ContentPage

PROFILE_MAX_CHARACTERS = 600


class ThematicNetworksIndexPage(ContentPage):
    """The list of the thematic networks ("/thematic-networks/")."""

    parent_page_types = ["iurc_site.HomePage"]
    subpage_types = ["networks.ThematicNetworkPage"]
    max_count = 1

    class Meta:
        verbose_name = _("thematic networks index page")

    def networks(self):
        """The live networks under this index, in the editors' order, with their cards' data."""
        return (
            ThematicNetworkPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .select_related("phase")
            .prefetch_related("themes")
            .annotate(member_count=Count("members"))
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = self.networks()
        return context


class ThematicNetworkPage(ContentPage):
    """One thematic network: what it is about, its phase, and its member cards."""

    themes = ParentalManyToManyField(
        "partners.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="networks",
    )
    phase = models.ForeignKey(
        "iurc_site.ProgrammePhasePage",
        verbose_name=_("programme phase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="networks",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("phase"),
            ],
            heading=_("What it is about"),
        ),
        InlinePanel("members", label=_("Member")),
        FieldPanel("body"),
    ]

    parent_page_types = ["networks.ThematicNetworksIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("thematic network")
        verbose_name_plural = _("thematic networks")

    @cached_property
    def theme_list(self):
        return list(self.themes.all())

    @cached_property
    def member_list(self):
        """The members with their place or organisation and photo, in a fixed number of
        queries however many there are (the photos' renditions included)."""
        return list(
            self.members.select_related("place", "organisation", "photo")
            .prefetch_related("photo__renditions")
            .order_by("sort_order", "pk")
        )

    def illustration_places(self):
        """What a generated illustration (the link preview's map) shows: the member places."""
        return [member.place for member in self.member_list if member.place_id]


class NetworkMember(Orderable):
    """A member card of a network: a place or an organisation, with photo and profile."""

    network = ParentalKey(
        ThematicNetworkPage, on_delete=models.CASCADE, related_name="members"
    )
    place = models.ForeignKey(
        "partners.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="network_memberships",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="network_memberships",
    )
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_licence = models.CharField(
        _("photo licence"),
        max_length=150,
        blank=True,
        help_text=_("Required with a photo. E.g. CC BY-SA 4.0"),
    )
    photo_credit = models.CharField(
        _("photo credit"),
        max_length=200,
        blank=True,
        help_text=_("Required with a photo: its author. E.g. Jane Doe"),
    )
    profile = models.TextField(
        _("profile"),
        blank=True,
        max_length=PROFILE_MAX_CHARACTERS,
        validators=[MaxLengthValidator(PROFILE_MAX_CHARACTERS)],
        help_text=_("Two to four sentences about the member (at most 600 characters)."),
    )
    phase_one_url = models.URLField(
        _("link to its work in Phase I"),
        blank=True,
        help_text=_("Optional: a page about what it did in IUC, the first phase."),
    )
    phase_one_link_text = models.CharField(
        _("text of that link"),
        max_length=150,
        blank=True,
        help_text=_("Empty: “Discover what we did in IUC”."),
    )

    panels = [
        FieldPanel("place"),
        FieldPanel("organisation"),
        MultiFieldPanel(
            [
                FieldPanel("photo"),
                FieldPanel("photo_licence"),
                FieldPanel("photo_credit"),
            ],
            heading=_("Photo"),
        ),
        FieldPanel("profile"),
        MultiFieldPanel(
            [FieldPanel("phase_one_url"), FieldPanel("phase_one_link_text")],
            heading=_("Phase I"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        constraints = [
            models.CheckConstraint(
                condition=Q(place__isnull=False, organisation__isnull=True)
                | Q(place__isnull=True, organisation__isnull=False),
                name="network_member_place_xor_organisation",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if bool(self.place_id) == bool(self.organisation_id):
            message = _("Choose a place or an organisation (one of the two).")
            errors["place"] = message
            errors["organisation"] = message
        if self.photo_id:
            # The licence is translated: the editor's form has one field per language,
            # and the English one is the one every language falls back to.
            licence_field = build_localized_fieldname(
                "photo_licence", settings.LANGUAGE_CODE
            )
            if not (getattr(self, licence_field, None) or "").strip():
                errors[licence_field] = _(
                    "Give the photo's licence (e.g. CC BY-SA 4.0)."
                )
            if not self.photo_credit.strip():
                errors["photo_credit"] = _("Give the photo's author.")
        if errors:
            raise ValidationError(errors)

    @property
    def member(self):
        """The place or organisation."""
        return self.place if self.place_id else self.organisation

    @property
    def name(self):
        member = self.member
        return member.name if member is not None else ""

    @property
    def url(self):
        """The place's profile, or the organisation's website ("" if it has none)."""
        if self.place_id:
            return self.place.get_absolute_url()
        if self.organisation_id:
            return self.organisation.url
        return ""

    @property
    def phase_one_label(self):
        return self.phase_one_link_text or gettext("Discover what we did in IUC")


def networks_of_place(place):
    """The live, public networks that `place` is a member of, in the order of the page tree."""
    return (
        ThematicNetworkPage.objects.live()
        .public()
        .defer_streamfields()
        .filter(members__place=place)
        .distinct()
        .order_by("path")
    )
