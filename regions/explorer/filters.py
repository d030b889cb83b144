"""Reading the explorer's filters from the URL, checking them, and applying them.

Filter values in the URL do not depend on the visitor's language (a region's English
slug, an ISO country code, a theme's slug, a phase's or a thematic network's English
slug), so a link keeps its
meaning when the visitor switches language. A value we do not know drops that filter
only, with a notice; a filter given twice uses its first value.
"""

import hashlib
import unicodedata
from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modeltranslation.utils import build_localized_fieldname, get_language

from django_countries import countries

from iurc_site.caching import content_version
from iurc_site.models import ProgrammePhasePage
from partners.countries import country_name
from partners.models import Place, Theme
from regions.models import PairingEuPlace, PairingPage, PairingPartnerPlace, RegionPage

FILTER_NAMES = (
    "q",
    "region",
    "country",
    "theme",
    "phase",
    "network",
    "strand",
    "kind",
    "year",
)
MAX_TEXT_LENGTH = 100
# Start years the model accepts (PairingPage.start_year's validators).
YEARS = range(1990, 2101)
SHOWN_VALUE_LENGTH = 40
# What depends only on published content (the vocabulary, facet counts, map data) is
# cached under the content version, which publishing changes.
CACHE_SECONDS = 60 * 60


def explorable_pairings():
    """The pairings a visitor may see: live, and not behind a view restriction."""
    from iurc_site.caching.routing import any_view_restriction

    pairings = PairingPage.objects.live()
    # public() reads every view restriction (a query) to exclude what they cover.
    return pairings.public() if any_view_restriction() else pairings


@dataclass
class Vocabulary:
    """The regions, phases, themes and networks the filters can name, keyed by their URL value."""

    regions: dict
    phases: dict
    themes: dict
    networks: dict

    @classmethod
    def load(cls):
        """Four queries, whatever the number of pairings; cached per content version."""
        return content_version.cached(
            ["explorer-vocabulary"], cls._from_database, CACHE_SECONDS
        )

    @classmethod
    def _from_database(cls):
        from networks.models import ThematicNetworkPage

        regions = (
            RegionPage.objects.live().public().defer_streamfields().order_by("path")
        )
        phases = (
            ProgrammePhasePage.objects.live()
            .public()
            .defer_streamfields()
            .order_by("-start_year")
        )
        themes = sorted(Theme.objects.all(), key=lambda theme: theme.name.casefold())
        networks = (
            ThematicNetworkPage.objects.live()
            .public()
            .defer_streamfields()
            .order_by("path")
        )
        return cls(
            regions={region.slug_en: region for region in regions},
            phases={phase.slug_en: phase for phase in phases},
            themes={theme.slug: theme for theme in themes},
            networks={network.slug_en: network for network in networks},
        )


class ExplorerForm(forms.Form):
    """Checks each filter's value against what exists (one field per filter)."""

    q = forms.CharField(label=_("Words"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    phase = forms.ChoiceField(label=_("Programme phase"), required=False)
    network = forms.ChoiceField(label=_("Thematic network"), required=False)
    strand = forms.ChoiceField(
        label=_("Strand"), required=False, choices=PairingPage.Strand.choices
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=PairingPage.Kind.choices
    )
    year = forms.TypedChoiceField(
        label=_("Start year"),
        required=False,
        coerce=int,
        choices=[(str(year), str(year)) for year in YEARS],
    )

    def __init__(self, data, vocabulary):
        super().__init__(data)
        self.fields["region"].choices = [(slug, slug) for slug in vocabulary.regions]
        self.fields["phase"].choices = [(slug, slug) for slug in vocabulary.phases]
        self.fields["theme"].choices = [(slug, slug) for slug in vocabulary.themes]
        self.fields["network"].choices = [(slug, slug) for slug in vocabulary.networks]
        self.fields["country"].choices = [(code, code) for code, _name in countries]


def clean_text(text):
    """The text without control characters (PostgreSQL refuses NUL) and runs of spaces."""
    text = "".join(
        character if unicodedata.category(character) != "Cc" else " "
        for character in text
    )
    return " ".join(text.split())


def shown_value(value):
    """A visitor's value as quoted back in a notice: short enough to read."""
    if len(value) > SHOWN_VALUE_LENGTH:
        return value[: SHOWN_VALUE_LENGTH - 1] + "…"
    return value


@dataclass
class ExplorerFilters:
    """The visitor's filters, checked: {name: value} with model instances where there are some."""

    values: dict = field(default_factory=dict)
    # The same filters as they go into a URL: {name: "latin-america"}.
    params: dict = field(default_factory=dict)
    notices: list = field(default_factory=list)
    vocabulary: Vocabulary | None = None

    def apply(self, queryset, *, leave_out=None):
        """`queryset` narrowed by every filter but `leave_out` (used for facet counts)."""
        for name, value in self.values.items():
            if name != leave_out:
                queryset = FILTERS[name](queryset, value)
        return queryset

    def query(self, **changes):
        """A QueryDict of these filters with `changes` (a value of None removes a filter)."""
        params = {**self.params, **changes}
        query = QueryDict(mutable=True)
        for name in FILTER_NAMES:
            if params.get(name) not in (None, ""):
                query[name] = str(params[name])
        return query

    def __bool__(self):
        return bool(self.values)

    def cache_parts(self, *parts):
        """Cache key parts for what these filters give (the words' language counts too)."""
        query = self.query()
        if "q" in query:
            parts = (*parts, get_language())
        digest = hashlib.sha256(query.urlencode().encode()).hexdigest()[:32]
        return (*parts, digest)

    def cache_key(self, *parts):
        """A cache key (under the content version) for what these filters give."""
        return content_version.key(*self.cache_parts(*parts))


def read_filters(params, vocabulary=None):
    """The filters in `params` (a QueryDict), checked; what we could not use is in `notices`."""
    vocabulary = vocabulary or Vocabulary.load()
    notices = []
    data = {}
    for name in FILTER_NAMES:
        given = [value.strip() for value in params.getlist(name) if value.strip()]
        if not given:
            continue
        if len(set(given)) > 1:
            notices.append(
                gettext(
                    "%(filter)s was given more than once; only the first value is used."
                )
                % {"filter": ExplorerForm.base_fields[name].label}
            )
        data[name] = given[0]

    if "q" in data:
        text = clean_text(data["q"])
        if len(text) > MAX_TEXT_LENGTH:
            text = text[:MAX_TEXT_LENGTH].rstrip()
            notices.append(
                gettext("Only the first %(count)s characters of your words are used.")
                % {"count": MAX_TEXT_LENGTH}
            )
        data["q"] = text
    if "country" in data:
        data["country"] = data["country"].upper()

    form = ExplorerForm(data, vocabulary)
    form.is_valid()
    for name in form.errors:
        notices.append(
            gettext(
                "%(filter)s: “%(value)s” is not one of the choices, so this filter is not used."
            )
            % {"filter": form.fields[name].label, "value": shown_value(data[name])}
        )

    filters = ExplorerFilters(notices=notices, vocabulary=vocabulary)
    for name in FILTER_NAMES:
        value = form.cleaned_data.get(name)
        if name in form.errors or value in (None, ""):
            continue
        filters.params[name] = data[name]
        filters.values[name] = {
            "region": vocabulary.regions.get,
            "phase": vocabulary.phases.get,
            "theme": vocabulary.themes.get,
            "network": vocabulary.networks.get,
        }.get(name, lambda value: value)(value)
    return filters


# --- Applying one filter --------------------------------------------------------------


def pairings_with_places(places):
    """Q: the pairing has one of `places` (a Place queryset) on either side."""
    return Q(
        pk__in=PairingEuPlace.objects.filter(place__in=places).values("pairing_id")
    ) | Q(
        pk__in=PairingPartnerPlace.objects.filter(place__in=places).values("pairing_id")
    )


def countries_named(text):
    """ISO codes of the countries whose name, in the visitor's language or English, has `text`."""
    needle = text.casefold()
    if len(needle) < 2:
        return []
    return [
        code
        for code, _name in countries
        if needle in country_name(code).casefold()
        or needle in country_name(code, "en").casefold()
    ]


def localized_fields(name):
    """The visitor's language's column of a translated field, and the English one."""
    return {build_localized_fieldname(name, get_language()), f"{name}_en"}


def by_text(queryset, text):
    """Pairings whose title, or one of whose places or their countries, contains `text`."""
    in_title = Q()
    for column in localized_fields("title"):
        in_title |= Q(**{f"{column}__icontains": text})
    named = Q(country__in=countries_named(text))
    for column in localized_fields("name"):
        named |= Q(**{f"{column}__icontains": text})
    return queryset.filter(in_title | pairings_with_places(Place.objects.filter(named)))


def by_region(queryset, region):
    return queryset.filter(path__startswith=region.path, depth__gt=region.depth)


def by_country(queryset, code):
    return queryset.filter(pairings_with_places(Place.objects.filter(country=code)))


def by_theme(queryset, theme):
    through = PairingPage.themes.through
    return queryset.filter(
        pk__in=through.objects.filter(theme=theme).values("pairingpage_id")
    )


def by_network(queryset, network):
    """Pairings with a place that is a member of the network."""
    from networks.models import NetworkMember

    members = NetworkMember.objects.filter(network=network, place__isnull=False)
    return queryset.filter(
        pairings_with_places(Place.objects.filter(pk__in=members.values("place_id")))
    )


FILTERS = {
    "q": by_text,
    "region": by_region,
    "country": by_country,
    "theme": by_theme,
    "phase": lambda queryset, phase: queryset.filter(phase=phase),
    "network": by_network,
    "strand": lambda queryset, strand: queryset.filter(strand=strand),
    "kind": lambda queryset, kind: queryset.filter(kind=kind),
    "year": lambda queryset, year: queryset.filter(start_year=year),
}
