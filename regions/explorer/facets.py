"""How many pairings each option of each filter would give, counted in the database.

For each filter, one aggregate query groups all visible pairings by that filter's value
and counts two things: all of them (which options exist at all) and those that match
the visitor's *other* filters (what choosing that option would give). Eight queries,
whatever the number of pairings or options.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, Q
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _

from modeltranslation.utils import build_localized_fieldname, get_language
from wagtail.models import Page

from iurc_site.caching import content_version
from partners.countries import country_name
from partners.models import Place
from regions.explorer.filters import CACHE_SECONDS, ExplorerForm
from regions.models import PairingEuPlace, PairingPage, PairingPartnerPlace


@dataclass
class Choice:
    """One option of a filter: its URL value, its label, and how many pairings it gives."""

    value: str
    label: str
    count: int
    selected: bool = False
    # "en" when the label is the English fallback of an untranslated name.
    lang: str = ""


@dataclass
class Facet:
    """A filter as the explorer's form shows it."""

    name: str
    label: str
    empty_label: str
    choices: list = field(default_factory=list)

    @property
    def selected(self):
        return next((choice for choice in self.choices if choice.selected), None)


def fallback_lang(instance, field_name):
    """ "en" when `instance` shows the English text of an untranslated field."""
    language = get_language()
    if language == settings.LANGUAGE_CODE:
        return ""
    return (
        ""
        if getattr(instance, build_localized_fieldname(field_name, language))
        else "en"
    )


def grouped_counts(visible, matching, column):
    """{value of `column` (a name or an expression): (all visible pairings, those matching)}."""
    key = F(column) if isinstance(column, str) else column
    # annotate() then values(): modeltranslation's values() with only keyword
    # expressions would select, and so group by, every column.
    rows = (
        visible.order_by()
        .annotate(key=key)
        .values("key")
        .annotate(
            total=Count("pk"), count=Count("pk", filter=Q(pk__in=matching.values("pk")))
        )
    )
    return {row["key"]: (row["total"], row["count"]) for row in rows}


def region_counts(visible, matching):
    """Keyed by the region's path: a pairing's parent is its region."""
    parent_path = Substr("path", 1, Length("path") - Page.steplen)
    return grouped_counts(visible, matching, parent_path)


def theme_counts(visible, matching):
    through = PairingPage.themes.through
    rows = (
        through.objects.filter(pairingpage__in=visible.values("pk"))
        .values("theme_id")
        .annotate(
            total=Count("pairingpage_id"),
            count=Count(
                "pairingpage_id", filter=Q(pairingpage__in=matching.values("pk"))
            ),
        )
    )
    return {row["theme_id"]: (row["total"], row["count"]) for row in rows}


def _counts_over_places(visible, matching, group_column, join):
    """{group: (total, count)} where a pairing counts once per group that one of its
    places (either side) falls in; `join` joins `place_id` of the links to the group's
    table, `group_column` the group. One query over both sides."""
    visible_sql, visible_params = (
        visible.order_by().values("pk").query.sql_with_params()
    )
    matching_sql, matching_params = (
        matching.order_by().values("pk").query.sql_with_params()
    )
    # The ORM cannot group the union of the two link tables; the table names come
    # from the models and every value travels as a parameter.
    sql = f"""
        SELECT {group_column},
               COUNT(DISTINCT link.pairing_id),
               COUNT(DISTINCT link.pairing_id) FILTER (WHERE link.pairing_id IN ({matching_sql}))
        FROM (
            SELECT pairing_id, place_id FROM {PairingEuPlace._meta.db_table}
            UNION ALL
            SELECT pairing_id, place_id FROM {PairingPartnerPlace._meta.db_table}
        ) AS link
        {join}
        WHERE link.pairing_id IN ({visible_sql})
        GROUP BY {group_column}
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, (*matching_params, *visible_params))
        return {group: (total, count) for group, total, count in cursor.fetchall()}


def country_counts(visible, matching):
    """A pairing counts once per country it has on either side."""
    return _counts_over_places(
        visible,
        matching,
        "place.country",
        f"JOIN {Place._meta.db_table} AS place ON place.id = link.place_id",
    )


def network_counts(visible, matching):
    """A pairing counts once per network one of its places (either side) is a member of."""
    from networks.models import NetworkMember

    return _counts_over_places(
        visible,
        matching,
        "member.network_id",
        f"JOIN {NetworkMember._meta.db_table} AS member"
        " ON member.place_id = link.place_id",
    )


def facet_counts(filters, visible):
    """Every filter's {value: (total, count)} and the number of matches, cached.

    Eight aggregate queries and a count when not cached; the result depends only on
    the filters and the published pairings, so it is kept under the content version.
    """

    def matching(name):
        return filters.apply(visible, leave_out=name)

    def count():
        return {
            "region": region_counts(visible, matching("region")),
            "country": country_counts(visible, matching("country")),
            "theme": theme_counts(visible, matching("theme")),
            "phase": grouped_counts(visible, matching("phase"), "phase_id"),
            "network": network_counts(visible, matching("network")),
            "strand": grouped_counts(visible, matching("strand"), "strand"),
            "kind": grouped_counts(visible, matching("kind"), "kind"),
            "year": grouped_counts(visible, matching("year"), "start_year"),
            "total": filters.apply(visible).count(),
        }

    return content_version.cached(
        filters.cache_parts("explorer-counts"), count, CACHE_SECONDS
    )


def build_facets(filters, visible, counts_by_filter=None):
    """The explorer's filters with their options and counts, in the order the form shows them."""
    vocabulary = filters.vocabulary
    selected = filters.params
    if counts_by_filter is None:
        counts_by_filter = facet_counts(filters, visible)

    def choice(name, value, label, total_and_count, lang=""):
        total, count = total_and_count
        is_selected = selected.get(name) == str(value)
        if total == 0 and not is_selected:
            return None  # no visible pairing has it: not worth offering
        return Choice(str(value), label, count, is_selected, lang)

    def facet(name, empty_label, choices):
        return Facet(
            name=name,
            label=ExplorerForm.base_fields[name].label,
            empty_label=empty_label,
            choices=[option for option in choices if option is not None],
        )

    counts = dict(counts_by_filter["region"])
    regions = facet(
        "region",
        _("All regions"),
        [
            choice(
                "region",
                slug,
                region.title,
                counts.get(region.path, (0, 0)),
                fallback_lang(region, "title"),
            )
            for slug, region in vocabulary.regions.items()
        ],
    )

    counts = dict(counts_by_filter["country"])
    if selected.get("country"):
        counts.setdefault(selected["country"], (0, 0))
    country_choices = sorted(
        (
            choice("country", code, country_name(code), total_and_count)
            for code, total_and_count in counts.items()
        ),
        key=lambda option: option.label.casefold(),
    )
    countries = facet("country", _("All countries"), country_choices)

    counts = dict(counts_by_filter["theme"])
    themes = facet(
        "theme",
        _("All themes"),
        [
            choice(
                "theme",
                slug,
                theme.name,
                counts.get(theme.pk, (0, 0)),
                fallback_lang(theme, "name"),
            )
            for slug, theme in vocabulary.themes.items()
        ],
    )

    counts = dict(counts_by_filter["phase"])
    phases = facet(
        "phase",
        _("All phases"),
        [
            choice(
                "phase",
                slug,
                f"{phase.short_name} · {phase.phase_label}",
                counts.get(phase.pk, (0, 0)),
            )
            for slug, phase in vocabulary.phases.items()
        ],
    )

    counts = dict(counts_by_filter["network"])
    networks = facet(
        "network",
        _("All thematic networks"),
        [
            choice(
                "network",
                slug,
                network.title,
                counts.get(network.pk, (0, 0)),
                fallback_lang(network, "title"),
            )
            for slug, network in vocabulary.networks.items()
        ],
    )

    facets = [regions, countries, themes, phases, networks]
    for name, enum, empty_label in (
        ("strand", PairingPage.Strand, _("City and region")),
        ("kind", PairingPage.Kind, _("All kinds")),
    ):
        counts = dict(counts_by_filter[name])
        facets.append(
            facet(
                name,
                empty_label,
                [
                    choice(
                        name,
                        member.value,
                        member.label,
                        counts.get(member.value, (0, 0)),
                    )
                    for member in enum
                ],
            )
        )

    counts = dict(counts_by_filter["year"])
    if selected.get("year"):
        counts.setdefault(int(selected["year"]), (0, 0))
    years = sorted((year for year in counts if year is not None), reverse=True)
    facets.append(
        facet(
            "year",
            _("All years"),
            [choice("year", year, str(year), counts[year]) for year in years],
        )
    )
    return facets
