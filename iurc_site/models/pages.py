"""Programme-level pages: the home page, standard pages and programme phases."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http.request import split_domain_port
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page, PageViewRestriction, Site
from wagtail.search import index
from wagtail.url_routing import RouteResult

from iurc_site import content_version
from iurc_site.blocks import BodyBlock

ROUTE_CACHE_SECONDS = 60 * 60
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


class EnglishAdminColumnsMixin:
    """Saves a page with English active, whatever language the request runs in.

    modeltranslation fills the untranslated columns (title, slug, url_path and the
    draft_title the admin explorer shows) from the active language. An editor whose
    admin ran in Malay (a stored account preference, an Accept-Language header) would
    make every editor's explorer show Malay titles (STACK_NOTES pitfall 6).
    """

    def save(self, *args, **kwargs):
        with override(settings.LANGUAGE_CODE):
            return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        with override(settings.LANGUAGE_CODE):
            return super().save_revision(*args, **kwargs)


def with_cached_routes(route_for_request):
    """`route_for_request` (Wagtail's Page.route_for_request), with where each address leads cached.

    Routing fetches the site root's specific page, then walks the tree one level per
    path component, and wagtail-modeltranslation's version loads every child of each
    level to compare slugs in Python (all of a region's pairings for one pairing page).
    Installed in iurc_site.apps: a cached route costs one query, the page itself. The
    cache key carries the content version, so publishing, moving or deleting a page
    changes every route at once. Addresses that are not found are not cached.
    """

    def cached_route_for_request(request, path):
        if hasattr(request, "_wagtail_route_for_request"):
            return request._wagtail_route_for_request
        site = Site.find_for_request(request)
        if site is None:
            return route_for_request(request, path)
        address = "/".join(component for component in path.split("/") if component)
        key = content_version.key("route", site.pk, get_language(), address)
        # The fragments cache: this process's memory first (its key never changes meaning).
        target = caches["fragments"].get(key)
        if target is not None:
            content_type_id, pk = target
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            page = _page_or_none(model, pk)
            url_path = site.root_page.url_path + (f"{address}/" if address else "")
            if page is not None and page.live and page.url_path == url_path:
                request._wagtail_route_for_request = RouteResult(page)
                return request._wagtail_route_for_request
        result = route_for_request(request, path)  # None when not found: not cached
        if result is not None:
            page, args, kwargs = result
            if not args and not kwargs:
                caches["fragments"].set(
                    key, (page.content_type_id, page.pk), ROUTE_CACHE_SECONDS
                )
        return result

    cached_route_for_request.__wrapped__ = route_for_request
    return cached_route_for_request


def _page_or_none(model, pk):
    # get(), not first(): no ORDER BY to compile and run.
    if model is None:
        return None
    try:
        return model.objects.get(pk=pk)
    except model.DoesNotExist:
        return None


def with_cached_sites(find_site_for_request):
    """`find_site_for_request` (Wagtail's Site._find_for_request), cached per host and port.

    Wagtail looks the site up with one query per request; saving a site changes the
    content version. Installed in iurc_site.apps.
    """

    def cached_find_site_for_request(request):
        hostname = split_domain_port(request._get_raw_host())[0]
        return content_version.cached(
            ["site-for", hostname[:255], request.get_port()],
            lambda: find_site_for_request(request),
            ROUTE_CACHE_SECONDS,
        )

    cached_find_site_for_request.__wrapped__ = find_site_for_request
    return cached_find_site_for_request


def site_root_paths_per_language(self, cache_object=None, **kwargs):
    """Page._get_site_root_paths: the sites' root paths in the active language.

    Kept on the request (or page) per language, and in the fragments cache under the
    content version (saving a site or publishing a root page changes it).
    wagtail-modeltranslation's version keeps only the last language on the request, so
    a page that links to itself in seven languages read them from Redis 25 times.
    Installed on every page type in iurc_site.apps, after wagtail-modeltranslation.
    """
    from wagtail_modeltranslation.patch_wagtailadmin import (
        _localized_site_get_site_root_paths,
    )

    holder = cache_object or kwargs.get("request") or self
    by_language = getattr(holder, "_iurc_site_root_paths", None)
    if by_language is None:
        by_language = {}
        holder._iurc_site_root_paths = by_language
    language = get_language()
    if language not in by_language:
        by_language[language] = content_version.cached(
            ["site-root-paths", language], _localized_site_get_site_root_paths
        )
    return by_language[language]


def any_view_restriction():
    """Whether any page has a view restriction (cached under the content version)."""
    return content_version.cached(
        ["any-view-restriction"],
        PageViewRestriction.objects.exists,
        ROUTE_CACHE_SECONDS,
    )


class CachedViewRestrictionsMixin:
    """Skips Wagtail's per-request check of page privacy while no page has any.

    Wagtail looks up the view restrictions of a page and its ancestors on every
    request (two queries). Whether any restriction exists at all is cached under the
    content version, which saving or deleting a restriction changes; when one does,
    Wagtail's own check runs as before.
    """

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class ContentPage(CachedViewRestrictionsMixin, EnglishAdminColumnsMixin, Page):
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
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("phase_number")]),
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
        """ "Phase II", in the active language."""
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
