"""What the public search looks through: every page and place, once per language."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """A page, place or publication as a visitor in one language reads it, ready to be
    searched.

    Wagtail's own search index keeps every language of a page in one entry, so it cannot
    tell a Malay match from an English one; the public search needs one entry per
    language (see docs/search.md).
    """

    class Kind(models.TextChoices):
        # In the order the results page shows the groups.
        PAIRING = "pairing", _("Pairings")
        REGION = "region", _("Regions")
        PAGE = "page", _("Programme pages")
        PUBLICATION = "publication", _("Publications")
        PLACE = "place", _("Places")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=255)
    # The language the title is written in: the document's, or English where the
    # title is not translated (for the lang attribute of the result).
    title_language = models.CharField(max_length=10)
    summary = models.TextField(blank=True)
    # The title and the rest of the text as search words (sitesearch.text.search_text):
    # lower case, without accents, Chinese and Thai cut into words.
    title_words = models.TextField(blank=True)
    body_words = models.TextField(blank=True)
    # PostgreSQL only: title_words weighted A and body_words C, filled on every save.
    vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                name="unique_search_document_per_language",
            )
        ]
        indexes = [models.Index(fields=["language", "kind"])]

    def __str__(self):
        return f"{self.title} [{self.language}]"
