"""Programme-level pages: the home page, standard pages and programme phases."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from iurc_site.blocks import BodyBlock
from iurc_site.caching import content_version
from iurc_site.caching.routing import ROUTE_CACHE_SECONDS
from iurc_site.models.mixins import (
    CachedViewRestrictionsMixin,
    EnglishAdminColumnsMixin,
    ReadOnlyMethodsMixin,
)

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]
ROMAN_NUMERALS = {
    1: "I",
    2: "II",
    3: "III",
    4: "IV",
    5: "V",
    6: "VI",
    7: "VII",
    8: "VIII",
    9: "IX",
}


class ContentPage(
    ReadOnlyMethodsMixin, CachedViewRestrictionsMixin, EnglishAdminColumnsMixin, Page
):
    """What every page of the site has: an introduction and a body, both translated."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown under the title and in listings."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True


class HomePage(ContentPage):
    """The programme hub at "/": introduction, phases with their sub-sites, regions."""

    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("hero_image"),
        InlinePanel("testimonials", label=_("Testimonials")),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "iurc_site.StandardPage",
        "iurc_site.ProgrammePhasePage",
        "regions.RegionIndexPage",
        "regions.PairingExplorerPage",
        "newsroom.NewsIndexPage",
        "newsroom.EventsIndexPage",
        "networks.ThematicNetworksIndexPage",
        "publications.PublicationsLibraryPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from regions.models import (
            PairingPage,
            RegionIndexPage,
            RegionPage,
            with_listing_relations,
            with_pairing_counts,
        )

        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template caches the sections that show them (see home_page.html).
        context["phases"] = (
            ProgrammePhasePage.objects.child_of(self)
            .live()
            .defer_streamfields()
            .order_by("-start_year")
            .prefetch_related("subsite_links__link_page")
        )

        def region_index_url():
            region_index = RegionIndexPage.objects.child_of(self).live().first()
            return region_index.get_url(request) if region_index else ""

        context["region_index_url"] = content_version.cached_for(
            request,
            ["region-index-url", self.pk, get_language()],
            region_index_url,
            ROUTE_CACHE_SECONDS,
        )
        context["regions"] = SimpleLazyObject(
            lambda: with_pairing_counts(
                RegionPage.objects.descendant_of(self)
                .live()
                .defer_streamfields()
                .select_related("hero_image")
            )
        )
        context["recent_pairings"] = with_listing_relations(
            PairingPage.objects.descendant_of(self).live()
        ).order_by(models.F("start_year").desc(nulls_last=True), "-first_published_at")[
            :6
        ]
        return context


class StandardPage(ContentPage):
    """A page of text such as "About IURC", with optional testimonials after its introduction."""

    content_panels = [
        *ContentPage.content_panels,
        InlinePanel("testimonials", label=_("Testimonials")),
    ]

    parent_page_types = [
        "iurc_site.HomePage",
        "iurc_site.StandardPage",
        "regions.RegionPage",
    ]
    subpage_types = ["iurc_site.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class ProgrammePhasePage(ContentPage):
    """A round of the programme (IUC, Phase I; IURC, Phase II) and its regional sub-sites."""

    class SubsiteKind(models.TextChoices):
        PAGES = "pages", _("Pages of this site")
        WEBSITES = "websites", _("Separate websites")

    short_name = models.CharField(
        _("short name"), max_length=20, help_text=_("E.g. IUC or IURC")
    )
    phase_number = models.PositiveSmallIntegerField(
        _("phase number"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    round_name = models.CharField(
        _("name of this round"),
        max_length=80,
        blank=True,
        help_text=_(
            'For a regional round with a name of its own, e.g. "Phase 2 (IURC2)": shown '
            'instead of "Phase III".'
        ),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    funding_instrument = models.CharField(
        _("funding instrument"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Partnership Instrument"),
    )
    implementing_bodies = ParentalManyToManyField(
        "partners.Organisation",
        verbose_name=_("implementing bodies"),
        blank=True,
        related_name="phases",
    )
    policy_frameworks = ParentalManyToManyField(
        "partners.PolicyFramework",
        verbose_name=_("policy frameworks served"),
        blank=True,
    )
    subsite_kind = models.CharField(
        _("its regional sub-sites are"),
        max_length=10,
        choices=SubsiteKind.choices,
        default=SubsiteKind.PAGES,
        help_text=_(
            'Sets the wording: "Visit the … pages / Visit page" or "… websites / Visit website".'
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel(
            [
                FieldPanel("short_name"),
                FieldPanel("phase_number"),
                FieldPanel("round_name"),
            ]
        ),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
        MultiFieldPanel(
            [
                FieldPanel("funding_instrument"),
                FieldPanel("implementing_bodies"),
                FieldPanel("policy_frameworks"),
            ],
            heading=_("Funding and policy"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("subsite_kind"),
                InlinePanel("subsite_links", label=_("Sub-site link")),
            ],
            heading=_("Regional sub-sites"),
        ),
        InlinePanel("testimonials", label=_("Testimonials")),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("short_name"),
        index.FilterField("start_year"),
    ]

    parent_page_types = ["iurc_site.HomePage"]
    subpage_types = ["iurc_site.StandardPage"]

    class Meta:
        verbose_name = _("programme phase")
        verbose_name_plural = _("programme phases")

    def clean(self):
        super().clean()
        if self.end_year and self.start_year and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("The end year cannot be before the start year.")}
            )

    def get_context(self, request, *args, **kwargs):
        from regions.models import RegionPage, with_pairing_counts

        context = super().get_context(request, *args, **kwargs)
        context["phase_regions"] = with_pairing_counts(
            RegionPage.objects.live().filter(phases=self).select_related("hero_image"),
            pairings=self.pairings.all(),
        )
        context["pairing_count"] = self.pairings.live().count()
        return context

    @cached_property
    def subsite_link_list(self):
        """The sub-site links with their pages, in one query (or the prefetched ones)."""
        links = self.subsite_links
        if "subsite_links" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("link_page")
        return list(links.all())

    @property
    def phase_label(self):
        """ "Phase II", in the active language, or the round's own name."""
        if self.round_name:
            return self.round_name
        numeral = ROMAN_NUMERALS.get(self.phase_number, str(self.phase_number))
        return _("Phase %(numeral)s") % {"numeral": numeral}

    @property
    def years(self):
        """ "2016–2020", or "2021–" while it runs."""
        return f"{self.start_year}–{self.end_year or ''}"


class PhaseSubsiteLink(Orderable):
    """One link in a phase's list of regional sub-sites: an internal page or an external address."""

    phase = ParentalKey(
        ProgrammePhasePage, on_delete=models.CASCADE, related_name="subsite_links"
    )
    label = models.CharField(
        _("label"), max_length=150, help_text=_("E.g. IURC Latin America")
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page on this site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(_("external address"), blank=True)

    panels = [FieldPanel("label"), FieldPanel("link_page"), FieldPanel("link_url")]

    class Meta(Orderable.Meta):
        verbose_name = _("sub-site link")
        verbose_name_plural = _("sub-site links")

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(
                _(
                    "Choose a page on this site or give an external address (one of the two)."
                )
            )

    @property
    def url(self):
        """Where the link goes, in the active language for an internal page."""
        if self.link_page_id:
            return self.link_page.url if self.link_page.live else ""
        return self.link_url

    @property
    def is_external(self):
        return not self.link_page_id
