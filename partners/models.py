"""Shared reference data: the places, organisations, themes and goals that pages point to."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model_string
from wagtail.search import index

from anyascii import anyascii
from django_countries.fields import CountryField

from iurc_site.editorial.deferred_indexing import DeferrableIndexingMixin
from partners.countries import country_name


def ascii_slug(text):
    """A URL slug in plain ASCII: "São Paulo" -> "sao-paulo", "Pitești" -> "pitesti"."""
    return slugify(anyascii(text or ""))


class Place(DeferrableIndexingMixin, index.Indexed, models.Model):
    """A city or a sub-national region taking part in a pairing."""

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        REGION = "region", _("Region")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        allow_unicode=False,
        blank=True,
        help_text=_("Used in the place's web address; unique within its country."),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.CITY
    )
    country = CountryField(_("country"))
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=10, decimal_places=1, null=True, blank=True
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("country"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "slug"], name="unique_place_slug_per_country"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.country.code})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.free_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The place's profile, in the active language."""
        return reverse(
            "place_detail",
            kwargs={"country": self.country.code.lower(), "slug": self.slug},
        )

    def free_slug(self):
        """A slug not yet taken in this country: valencia, then valencia-region, valencia-2."""
        base = ascii_slug(self.name_en or self.name) or "place"
        taken = set(
            Place.objects.filter(country=self.country, slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        for candidate in [base, f"{base}-{self.kind}"]:
            if candidate not in taken:
                return candidate
        number = 2
        while f"{base}-{number}" in taken:
            number += 1
        return f"{base}-{number}"

    @property
    def country_name(self):
        """The country's name in the active language."""
        return country_name(self.country.code)

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None


class Organisation(index.Indexed, models.Model):
    """A body with a role in the programme: funder, consortium member, implementer, partner."""

    class Role(models.TextChoices):
        FUNDER = "funder", _("Funder")
        CONSORTIUM = "consortium", _("Consortium member")
        IMPLEMENTER = "implementer", _("Implementing body")
        PARTNER = "partner", _("Partner")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("website"), blank=True)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.AutocompleteField("name"),
        index.FilterField("role"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self):
        """The acronym where there is one (DG REGIO), else the full name."""
        return self.acronym or self.name


class Theme(DeferrableIndexingMixin, index.Indexed, models.Model):
    """A topic a pairing works on (urban mobility, circular economy, ...)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = ascii_slug(self.name_en or self.name)
        super().save(*args, **kwargs)


class PolicyFramework(models.Model):
    """A policy agenda the programme serves (New Urban Agenda, Agenda 2030, ...)."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("web address"), blank=True)

    class Meta:
        verbose_name = _("policy framework")
        verbose_name_plural = _("policy frameworks")
        ordering = ["name"]

    def __str__(self):
        return self.name


# The UN's 17 Sustainable Development Goals, by number. Their names are template-grade
# text, so they are translated in the .po files like every other interface string.
SDG_NAMES = {
    1: _("No poverty"),
    2: _("Zero hunger"),
    3: _("Good health and well-being"),
    4: _("Quality education"),
    5: _("Gender equality"),
    6: _("Clean water and sanitation"),
    7: _("Affordable and clean energy"),
    8: _("Decent work and economic growth"),
    9: _("Industry, innovation and infrastructure"),
    10: _("Reduced inequalities"),
    11: _("Sustainable cities and communities"),
    12: _("Responsible consumption and production"),
    13: _("Climate action"),
    14: _("Life below water"),
    15: _("Life on land"),
    16: _("Peace, justice and strong institutions"),
    17: _("Partnerships for the goals"),
}


class SustainableDevelopmentGoal(models.Model):
    """One of the UN's 17 SDGs; the rows are created by a data migration."""

    number = models.PositiveSmallIntegerField(
        _("number"), primary_key=True, choices=sorted(SDG_NAMES.items())
    )

    class Meta:
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")
        ordering = ["number"]

    def __str__(self):
        return _("SDG %(number)s: %(name)s") % {
            "number": self.number,
            "name": self.name,
        }

    @property
    def name(self):
        return SDG_NAMES[self.number]


class PairingImport(models.Model):
    """An uploaded pairings spreadsheet: kept between its preview and the editor's
    confirmation, then as the history of imports.

    The file is stored in the database, not in media storage, so that it is never
    served to anyone and disappears with its record.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Waiting for confirmation")
        INVALID = "invalid", _("Rejected (errors in the file)")
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Importing")
        FAILED = "failed", _("Failed (nothing was saved)")
        APPLIED = "applied", _("Imported")
        CANCELLED = "cancelled", _("Cancelled")

    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file content"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    as_drafts = models.BooleanField(
        _("save as drafts"),
        default=False,
        help_text=_("Save the pairings as drafts instead of publishing them."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED
    )
    # Counts (and, for a rejected file, the row errors) of the last check or of the import.
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    # The job that imports the file once confirmed (a django-tasks result id), and why
    # it failed, if it did.
    task_id = models.CharField(_("job id"), max_length=64, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True, editable=False)

    class Meta:
        verbose_name = _("pairing import")
        verbose_name_plural = _("pairing imports")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.file_name

    @property
    def in_progress(self):
        """Confirmed and not finished: queued for the worker or being imported."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def summary_text(self):
        """ "12 created, 3 updated, 1 unchanged" or "4 errors", for the history listing."""
        if self.status == self.Status.INVALID:
            return _("%(count)s errors") % {
                "count": len(self.summary.get("errors", []))
            }
        if self.status == self.Status.FAILED:
            return self.error
        if self.status != self.Status.APPLIED:
            return _("%(to_create)s to create, %(to_update)s to update") % {
                "to_create": self.summary.get("to_create", 0),
                "to_update": self.summary.get("to_update", 0),
            }
        return _(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged"
        ) % {
            "created": self.summary.get("created", 0),
            "updated": self.summary.get("updated", 0),
            "unchanged": self.summary.get("unchanged", 0),
        }
