"""The site's document model: a Wagtail document that is also a publication.

Every uploaded file is a Publication (WAGTAILDOCS_DOCUMENT_MODEL). Beyond Wagtail's
title, file, collection and tags it knows what kind of document it is, the languages the
file is written in, the region, pairings, programme phase and themes it belongs to, the
year, a translated summary and a cover image, and the text extracted from the file for
the site search.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from modeltranslation.utils import build_localized_fieldname
from wagtail.documents.models import AbstractDocument, DocumentQuerySet
from wagtail.images import get_image_model_string
from wagtail.models import Collection, CollectionViewRestriction

# The languages a file may be written in: the site's languages and those of the programme's
# European partners. A publication's file languages decide how its text is cut into words
# for the search (Chinese and Thai have no spaces).
FILE_LANGUAGES = [
    ("en", _("English")),
    ("ms", _("Malay")),
    ("zh-hans", _("Chinese")),
    ("vi", _("Vietnamese")),
    ("th", _("Thai")),
    ("pt", _("Portuguese")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("id", _("Indonesian")),
]


class PublicationQuerySet(DocumentQuerySet):
    def public(self):
        """The publications anyone may see listed: their collection, and each collection
        above it, has no view restriction (a restriction covers the collections below)."""
        restricted = Collection.objects.filter(
            pk__in=CollectionViewRestriction.objects.values("collection_id")
        ).values_list("path", flat=True)
        condition = models.Q()
        for path in restricted:
            condition |= models.Q(collection__path__startswith=path)
        return self.exclude(condition) if condition else self


class Publication(AbstractDocument):
    """An uploaded document: a brochure, a case study, a pairing's action plan, ..."""

    class Kind(models.TextChoices):
        BROCHURE = "brochure", _("Brochure")
        FINAL_PUBLICATION = "final_publication", _("Final publication")
        CASE_STUDY = "case_study", _("Case study")
        FACTSHEET = "factsheet", _("Factsheet")
        GUIDELINE = "guideline", _("Guideline")
        ACTION_PLAN = "action_plan", _("Action plan")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    class Extraction(models.TextChoices):
        NOT_APPLICABLE = "not_applicable", _("Not a PDF: no text extracted")
        PENDING = "pending", _("Waiting for the text to be extracted")
        DONE = "done", _("Text extracted")
        FAILED = "failed", _("The text could not be read")

    kind = models.CharField(
        _("type"), max_length=30, choices=Kind.choices, default=Kind.OTHER
    )
    file_languages = models.JSONField(
        _("languages of the file"),
        default=list,
        blank=True,
        help_text=_("The languages the file itself is written in."),
    )
    summary = models.TextField(_("summary"), blank=True)
    region = models.ForeignKey(
        "regions.RegionPage",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
    )
    pairings = ParentalManyToManyField(
        "regions.PairingPage",
        verbose_name=_("pairings"),
        blank=True,
        related_name="publications",
    )
    phase = models.ForeignKey(
        "iurc_site.ProgrammePhasePage",
        verbose_name=_("programme phase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
    )
    themes = ParentalManyToManyField(
        "partners.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="publications",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    cover_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_url = models.URLField(
        _("source"),
        blank=True,
        help_text=_("Where the original of this document is published, if elsewhere."),
    )
    # The text inside the file, for the site search; filled outside the request for a
    # large file. The status and message are shown to editors.
    extracted_text = models.TextField(editable=False, blank=True)
    extraction_status = models.CharField(
        max_length=20,
        choices=Extraction.choices,
        default=Extraction.NOT_APPLICABLE,
        editable=False,
    )
    extraction_message = models.CharField(max_length=300, blank=True, editable=False)
    # Which file the status and text above are of ("<hash>:<name>"): a save whose file
    # differs extracts again (publications/extraction.py).
    extraction_source = models.CharField(max_length=255, blank=True, editable=False)

    objects = PublicationQuerySet.as_manager()

    # "title" is the English title (the admin runs in English) and keeps the name
    # Wagtail's multiple upload fills from the file name; the other languages and the
    # summary are edited per language (publications/forms.py).
    admin_form_fields = (
        "title",
        *(
            build_localized_fieldname("title", code)
            for code, _name in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        ),
        "file",
        "collection",
        "kind",
        "file_languages",
        *(
            build_localized_fieldname("summary", code)
            for code, _name in settings.LANGUAGES
        ),
        "region",
        "pairings",
        "phase",
        "themes",
        "year",
        "cover_image",
        "source_url",
        "tags",
    )

    class Meta(AbstractDocument.Meta):
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        # Permissions stay those of wagtaildocs.Document, which Wagtail checks for any
        # document model (its collection permission policy).

    @property
    def language_names(self):
        names = dict(FILE_LANGUAGES)
        return [names.get(code, code) for code in self.file_languages]


# The library's page type lives in its own module; importing it here registers it.
from publications.pages import PublicationsLibraryPage  # noqa: E402, F401
