"""The regional part of the page tree: regions, their sub-site roots, and their pairings.

Pairings live under their region so that Wagtail's page permissions, which
propagate down the tree, give a region's coordinators exactly their region.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch
from django.db.models.functions import Length, Substr
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from django_countries.fields import CountryField

from iurc_site.caching import content_version
from iurc_site.caching.page_cache import normalized_query
from iurc_site.editorial.deferred_indexing import DeferrableIndexingMixin
from iurc_site.models import ContentPage, EnglishAdminColumnsMixin
from iurc_site.models.mixins import ReadOnlyMethodsMixin
from iurc_site.models.pages import CachedViewRestrictionsMixin
from partners.countries import country_name

PAIRINGS_PER_PAGE = 24
COUNTS_CACHE_SECONDS = 60 * 60


def with_listing_relations(pairings):
    """`pairings` with what a pairing card shows, in four queries however many there are."""
    return pairings.select_related("phase").prefetch_related(
        Prefetch("eu_places", queryset=PairingEuPlace.objects.select_related("place")),
        Prefetch(
            "partner_places",
            queryset=PairingPartnerPlace.objects.select_related("place"),
        ),
        "themes",
    )


class RegionIndexPage(ContentPage):
    """The list of the programme's world regions ("/regions/")."""

    parent_page_types = ["iurc_site.HomePage"]
    subpage_types = ["regions.RegionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("region index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["regions"] = with_pairing_counts(
            RegionPage.objects.child_of(self)
            .live()
            .defer_streamfields()
            .select_related("hero_image")
        )
        return context


def pairing_counts_by_region(pairings=None):
    """{region page id: number of live pairings under it}, counted in the database.

    The counts of all pairings are cached under the content version.
    """
    if pairings is None:
        return content_version.cached(
            ["pairing-counts-by-region"],
            lambda: _pairing_counts_by_region(PairingPage.objects.all()),
            COUNTS_CACHE_SECONDS,
        )
    return _pairing_counts_by_region(pairings)


def _pairing_counts_by_region(pairings):
    counts = (
        pairings.live()
        .order_by()
        .annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
        .values("parent_path")
        .annotate(count=Count("id"))
    )
    count_by_path = {row["parent_path"]: row["count"] for row in counts}
    regions = RegionPage.objects.filter(path__in=count_by_path).values_list(
        "id", "path"
    )
    return {region_id: count_by_path[path] for region_id, path in regions}


def with_pairing_counts(regions, pairings=None):
    """The regions as a list, each with `pairing_count` (of `pairings`, default all) set."""
    counts = pairing_counts_by_region(pairings)
    regions = list(regions)
    for region in regions:
        region.pairing_count = counts.get(region.pk, 0)
    return regions


class RegionPage(ContentPage):
    """A world region (Latin America & Caribbean, China, ...): the root of its regional sub-site."""

    countries = CountryField(_("countries covered"), multiple=True, blank=True)
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subsite_url = models.URLField(
        _("sub-site address"),
        blank=True,
        help_text=_("The region's own website, if it has one."),
    )
    subsite_label = models.CharField(
        _("sub-site link label"),
        max_length=100,
        blank=True,
        help_text=_('Text of the link to the sub-site; "Visit page" when empty.'),
    )
    phases = ParentalManyToManyField(
        "iurc_site.ProgrammePhasePage",
        verbose_name=_("phases it ran in"),
        blank=True,
        related_name="regions",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("countries"),
        FieldPanel("phases"),
        MultiFieldPanel(
            [FieldPanel("subsite_url"), FieldPanel("subsite_label")],
            heading=_("Sub-site link"),
        ),
        FieldPanel("body"),
        InlinePanel("team_members", label=_("Team member")),
    ]

    parent_page_types = ["regions.RegionIndexPage"]
    subpage_types = [
        "regions.PairingPage",
        "iurc_site.StandardPage",
        "newsroom.NewsIndexPage",
        "newsroom.EventsIndexPage",
        "publications.PublicationsLibraryPage",
    ]

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    @property
    def country_names(self):
        """The region's countries, named in the active language, in alphabetical order."""
        return sorted(country_name(country.code) for country in self.countries)

    def pairings(self):
        """The region's live pairings, with what their listing shows loaded in a fixed number of queries."""
        return with_listing_relations(
            PairingPage.objects.child_of(self).live()
        ).order_by(models.F("start_year").desc(nulls_last=True), "title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.pairings(), PAIRINGS_PER_PAGE)
        # The count is the cached one of the home page's region cards.
        paginator.count = pairing_counts_by_region().get(self.pk, 0)
        # get_page() turns a missing, malformed or too-large ?page= into a valid page.
        context["pairings"] = paginator.get_page(request.GET.get("page"))
        # Names the cached card grid (components/pairing_cards.html).
        context["pairings_listing"] = f"region:{self.pk}:{context['pairings'].number}"
        context["phase_list"] = self.phases.live().order_by("start_year")
        return context


class PairingExplorerPage(ContentPage):
    """The pairing explorer: every pairing, narrowed by filters in the URL, with a map."""

    parent_page_types = ["iurc_site.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("pairing explorer")

    def get_context(self, request, *args, **kwargs):
        # The filtering lives in regions.explorer; the page only hands it the request.
        from regions.explorer import explore

        context = super().get_context(request, *args, **kwargs)
        # Worked out only if the template's cached copy for this query is missing.
        context["explorer"] = SimpleLazyObject(lambda: explore(request))
        context["explorer_query"] = normalized_query(
            request.META.get("QUERY_STRING", "")
        )
        return context


class RegionTeamMember(Orderable):
    """A member of the region's programme team, shown on the region page."""

    region = ParentalKey(
        RegionPage, on_delete=models.CASCADE, related_name="team_members"
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("email")]

    class Meta(Orderable.Meta):
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return self.name


class PairingPage(
    ReadOnlyMethodsMixin,
    CachedViewRestrictionsMixin,
    EnglishAdminColumnsMixin,
    DeferrableIndexingMixin,
    Page,
):
    """A cooperation between EU and partner places: a city pair, a trio or a cluster of regions."""

    class Strand(models.TextChoices):
        CITY = "city", _("City-to-city")
        REGION = "region", _("Region-to-region")

    class Kind(models.TextChoices):
        PAIR = "pair", _("Pair")
        TRIO = "trio", _("Trio")
        CLUSTER = "cluster", _("Cluster")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")

    strand = models.CharField(
        _("strand"), max_length=10, choices=Strand.choices, default=Strand.CITY
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.PAIR
    )
    phase = models.ForeignKey(
        "iurc_site.ProgrammePhasePage",
        verbose_name=_("programme phase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pairings",
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    themes = ParentalManyToManyField(
        "partners.Theme", verbose_name=_("themes"), blank=True, related_name="pairings"
    )
    sdgs = ParentalManyToManyField(
        "partners.SustainableDevelopmentGoal",
        verbose_name=_("sustainable development goals"),
        blank=True,
        related_name="pairings",
    )
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_url = models.URLField(
        _("source"), blank=True, help_text=_("Where the facts on this page come from.")
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("strand"), FieldPanel("kind")]),
        FieldRowPanel(
            [FieldPanel("phase"), FieldPanel("start_year"), FieldPanel("status")]
        ),
        InlinePanel("eu_places", label=_("EU place"), min_num=1),
        InlinePanel("partner_places", label=_("Partner place"), min_num=1),
        FieldPanel("themes"),
        FieldPanel("sdgs"),
        FieldPanel("description"),
        FieldPanel("image"),
        FieldPanel("source_url"),
        InlinePanel("testimonials", label=_("Testimonials")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.FilterField("strand"),
        index.FilterField("kind"),
        index.FilterField("start_year"),
        index.FilterField("status"),
    ]

    parent_page_types = ["regions.RegionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")

    def clean(self):
        super().clean()
        if (
            self.phase_id
            and self.start_year
            and self.phase.end_year
            and self.start_year > self.phase.end_year
        ):
            raise ValidationError(
                {"start_year": _("The start year is after the end of the phase.")}
            )

    def _places(self, relation):
        links = getattr(self, relation)
        if relation not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("place")  # one query, not one per place
        return [link.place for link in links.all()]

    @cached_property
    def eu_place_list(self):
        return self._places("eu_places")

    @cached_property
    def partner_place_list(self):
        return self._places("partner_places")

    @cached_property
    def theme_list(self):
        """The themes, loaded once for the page and its structured data."""
        return list(self.themes.all())

    @cached_property
    def region(self):
        """The region the pairing belongs to (its parent), with its hero image."""
        parent_path = self.path[: -self.steplen]
        region = (
            RegionPage.objects.select_related("hero_image")
            .filter(path=parent_path)
            .first()
        )
        return region or self.get_parent().specific

    @property
    def all_places(self):
        return self.eu_place_list + self.partner_place_list


class PairingPlace(Orderable):
    """A place on one side of a pairing, in the order the pairing names them."""

    place = models.ForeignKey(
        "partners.Place",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="%(class)s_links",
    )

    panels = [FieldPanel("place")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return str(self.place)


class PairingEuPlace(PairingPlace):
    """A European place of a pairing."""

    pairing = ParentalKey(
        PairingPage, on_delete=models.CASCADE, related_name="eu_places"
    )

    class Meta(PairingPlace.Meta):
        verbose_name = _("EU place")


class PairingPartnerPlace(PairingPlace):
    """A partner-country place of a pairing."""

    pairing = ParentalKey(
        PairingPage, on_delete=models.CASCADE, related_name="partner_places"
    )

    class Meta(PairingPlace.Meta):
        verbose_name = _("partner place")


class RegionEditorialRoles(models.Model):
    """The coordinators group and the image collection of one region.

    Created, renamed and repaired by `regions.editorial_roles`; the link lets a region
    be renamed without losing its group, whatever editors have called it since.
    """

    region = models.OneToOneField(
        RegionPage,
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="editorial_roles",
    )
    coordinators = models.OneToOneField(
        "auth.Group",
        verbose_name=_("coordinators group"),
        on_delete=models.CASCADE,
        related_name="coordinated_region",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("image collection"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("region editorial roles")
        verbose_name_plural = _("region editorial roles")

    def __str__(self):
        return str(self.coordinators)
