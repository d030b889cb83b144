"""The newsroom: news ("Reads") written by the programme team and by each region.

A news index page sits under the home page (programme-wide news) and at most one under
each region page (that region's news); news pages sit under a news index. The region of
a news page is therefore given by where it is in the tree, so that a region's
coordinators, whose permissions cover their region's subtree, write only their region's
news.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from iurc_site.models import ContentPage

NEWS_PER_PAGE = 12
WORDS_PER_MINUTE = 200
# Chinese and Thai are written without spaces between words: their reading time is
# counted in characters instead (about 300 Chinese characters, or 1,000 Thai
# characters, a minute: the pace of 200 words in English).
CHARACTERS_PER_MINUTE = {"zh-hans": 300, "th": 1000}


def reading_minutes_of(text, language_code):
    """Minutes to read `text` in that language: at least 1."""
    per_minute = CHARACTERS_PER_MINUTE.get(language_code)
    if per_minute:
        amount = len("".join(text.split()))
    else:
        per_minute = WORDS_PER_MINUTE
        amount = len(text.split())
    return max(1, round(amount / per_minute))


class Author(models.Model):
    """Who wrote a news item: a person (name, role, region) or a team ("IURC North America")."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        TEAM = "team", _("Team")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.PERSON
    )
    role = models.CharField(
        _("role"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Regional communications officer"),
    )
    region = models.ForeignKey(
        "regions.RegionPage",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_authors",
        help_text=_("Empty for the programme-wide team."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("role"),
        FieldPanel("region"),
    ]

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsIndexPage(ContentPage):
    """The list of news: programme-wide under the home page, or one region's under it."""

    parent_page_types = ["iurc_site.HomePage", "regions.RegionPage"]
    subpage_types = ["newsroom.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    @cached_property
    def region(self):
        """The region whose news this is, or None for the programme-wide index."""
        from regions.models import RegionPage

        if not self.path:
            return None
        return RegionPage.objects.filter(path=self.path[: -self.steplen]).first()

    def news(self):
        """The live news this index lists: every news item, or its region's."""
        from newsroom.listing import news_pages

        if self.region is not None:
            return news_pages().descendant_of(self.region)
        return news_pages()

    def get_context(self, request, *args, **kwargs):
        from newsroom.listing import news_listing

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = news_listing(self, request)
        return context


class HeroImage(models.Model):
    """A picture at the top of the page and on its cards, with its caption and credit."""

    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("caption"), max_length=300, blank=True)
    hero_credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("E.g. © City of Umeå, CC BY 4.0"),
    )

    class Meta:
        abstract = True

    @staticmethod
    def hero_panel():
        return MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_caption"),
                FieldPanel("hero_credit"),
            ],
            heading=_("Hero image"),
        )


def places_to_illustrate(page, own_places):
    """What a generated illustration of `page` maps: `own_places`, else the places of the
    page's pairings, else those of its region's pairings (or of all pairings, for a
    programme-wide item)."""
    from regions.models import PairingPage

    if own_places:
        return own_places
    pairings = PairingPage.objects.live().public()
    if page.pk and page.pairings.exists():
        pairings = pairings.filter(pk__in=page.pairings.values("pk"))
    elif page.region is not None:
        pairings = pairings.descendant_of(page.region)
    seen = {}
    for pairing in pairings.order_by("path").prefetch_related(
        "eu_places__place", "partner_places__place"
    ):
        for place in pairing.all_places:
            seen.setdefault(place.pk, place)
    return list(seen.values())


class NewsPage(ContentPage, HeroImage):  # noqa: DJ008 -- Page has __str__
    """A news item ("Read"): dated, signed, with a hero image and what it is about."""

    date = models.DateField(_("date"), default=timezone.localdate)
    authors = ParentalManyToManyField(
        Author, verbose_name=_("authors"), blank=True, related_name="news"
    )
    pairings = ParentalManyToManyField(
        "regions.PairingPage",
        verbose_name=_("pairings it is about"),
        blank=True,
        related_name="news",
    )
    places = ParentalManyToManyField(
        "partners.Place",
        verbose_name=_("places it is about"),
        blank=True,
        related_name="news",
    )
    themes = ParentalManyToManyField(
        "partners.Theme",
        verbose_name=_("themes"),
        blank=True,
        related_name="news",
    )
    source_url = models.URLField(
        _("source"), blank=True, help_text=_("Where the facts of this item come from.")
    )
    # {language code: minutes}, worked out from the introduction and body on every save.
    reading_minutes = models.JSONField(
        _("reading time"), default=dict, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("authors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("intro"),
        HeroImage.hero_panel(),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("pairings"),
                FieldPanel("places"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("What it is about"),
        ),
        FieldPanel("source_url"),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.FilterField("date"),
    ]

    parent_page_types = ["newsroom.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")

    def save(self, *args, **kwargs):
        self.reading_minutes = self.compute_reading_minutes()
        return super().save(*args, **kwargs)

    def compute_reading_minutes(self):
        """{language: minutes} of the introduction and body as each language reads them."""
        minutes = {}
        for code, _name in settings.LANGUAGES:
            with override(code):
                minutes[code] = reading_minutes_of(self.reading_text(), code)
        return minutes

    def reading_text(self):
        """The introduction and body in the active language (English where missing)."""
        parts = [self.intro or ""]
        if self.body:
            block = self._meta.get_field("body").stream_block
            parts += [
                strip_tags(str(text))
                for text in block.get_searchable_content(self.body)
            ]
        return " ".join(parts)

    @property
    def reading_time(self):
        """Minutes to read the item in the active language."""
        code = get_language() or settings.LANGUAGE_CODE
        stored = self.reading_minutes or {}
        return stored.get(code) or stored.get(settings.LANGUAGE_CODE) or 1

    @cached_property
    def region(self):
        """The region the item belongs to (its index's parent), or None if programme-wide."""
        from regions.models import RegionPage

        if not self.path or self.depth < 6:  # a new page, or programme-wide news
            return None
        return (
            RegionPage.objects.filter(path=self.path[: -2 * self.steplen])
            .select_related("hero_image")
            .first()
        )

    @cached_property
    def author_list(self):
        return list(self.authors.all())

    @cached_property
    def theme_list(self):
        return list(self.themes.all())

    def localized_field(self, field_name, code):
        return getattr(self, build_localized_fieldname(field_name, code), None)

    def illustration_places(self):
        return places_to_illustrate(self, list(self.places.all()))


# Events and calls to apply live in their own module; importing them here registers
# them with the app.
from newsroom.events import CallPage, EventPage, EventsIndexPage  # noqa: E402, F401
