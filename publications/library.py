"""The library's listing: filters in the URL, counts per option, pagination, notices.

Filter values do not depend on the visitor's language (a type's value, a region's English
slug, a language code, a year, a theme's slug), so a link keeps its meaning when the
visitor switches language. A value we do not know drops that filter only, with a notice;
a page number out of range shows the nearest page, with a notice. Whatever the query
string, the answer is the listing.

The counts per option are those of the pairing explorer (regions/explorer/facets.py):
for each filter, how many publications choosing that option would give with the
visitor's other filters, in one aggregate query per filter.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, Count, F, Q, When
from django.http import QueryDict
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from iurc_site.caching import content_version
from publications.models import FILE_LANGUAGES, Publication
from publications.pages import attach_urls
from regions.explorer.facets import Choice, Facet, fallback_lang, grouped_counts
from regions.explorer.filters import Vocabulary, shown_value

PUBLICATIONS_PER_PAGE = 12
CACHE_SECONDS = 60 * 60
FILTER_NAMES = ("type", "region", "language", "year", "theme")
LANGUAGE_NAMES = dict(FILE_LANGUAGES)
# Longer values are not ours: no type, slug, code or year is that long.
MAX_VALUE_LENGTH = 100


def library_publications(region=None):
    """The publications a library lists (of a region, or all), newest first, with what a
    card shows loaded in a fixed number of queries."""
    publications = (
        Publication.objects.public()
        .select_related("region")
        .prefetch_related("themes")
        .order_by(F("year").desc(nulls_last=True), "-created_at", "-pk")
    )
    if region is not None:
        publications = publications.filter(region=region)
    return publications


def file_format(publication):
    """ "PDF, 1.2 MB": the file's format and size, as the download button says."""
    extension = (publication.file_extension or "").upper() or gettext("File")
    if publication.file_size is None:
        return extension
    return f"{extension}, {filesizeformat(publication.file_size)}"


# --- The filters ------------------------------------------------------------------------


@dataclass
class LibraryFilters:
    """The visitor's filters, checked: {name: value} with model instances where there are some."""

    values: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    notices: list = field(default_factory=list)

    def apply(self, publications, *, leave_out=None):
        for name, value in self.values.items():
            if name != leave_out:
                publications = FILTERS[name](publications, value)
        return publications

    def query(self, **changes):
        params = {**self.params, **changes}
        query = QueryDict(mutable=True)
        for name in FILTER_NAMES:
            if params.get(name) not in (None, ""):
                query[name] = str(params[name])
        return query

    def cache_parts(self, *parts):
        digest = hashlib.sha256(self.query().urlencode().encode()).hexdigest()[:32]
        return (*parts, digest)


def by_theme(publications, theme):
    through = Publication.themes.through
    return publications.filter(
        pk__in=through.objects.filter(theme=theme).values("publication_id")
    )


def has_language(code):
    """Publications whose file is in that language. JSON containment (`contains`) is
    PostgreSQL's only; the list's text holds each code in quotes on every database."""
    return Q(file_languages__icontains=f'"{code}"')


FILTERS = {
    "type": lambda publications, kind: publications.filter(kind=kind),
    "region": lambda publications, region: publications.filter(region=region),
    "language": lambda publications, code: publications.filter(has_language(code)),
    "year": lambda publications, year: publications.filter(year=year),
    "theme": by_theme,
}


def _unknown(name, value):
    messages = {
        "type": _("There is no publication type “%(value)s”: showing every type."),
        "region": _("There is no region “%(value)s”: showing every region."),
        "language": _("There is no language “%(value)s”: showing every language."),
        "year": _("There is no year “%(value)s”: showing every year."),
        "theme": _("There is no theme “%(value)s”: showing every theme."),
    }
    return str(messages[name]) % {"value": shown_value(" ".join(value.split()))}


def read_filters(params, vocabulary, regional):
    """The filters in `params` (a QueryDict), checked against what exists."""
    filters = LibraryFilters()
    kinds = {member.value for member in Publication.Kind}
    for name in FILTER_NAMES:
        if name == "region" and regional:
            continue  # a region's library lists that region's only
        # A filter given twice uses its first value, as in the pairing explorer.
        given = [value.strip() for value in params.getlist(name) if value.strip()]
        if not given:
            continue
        value = given[0]
        known = None
        if len(value) <= MAX_VALUE_LENGTH:
            if name == "type" and value in kinds:
                known = value
            elif name == "region":
                known = vocabulary.regions.get(value)
            elif name == "language" and value in LANGUAGE_NAMES:
                known = value
            elif name == "theme":
                known = vocabulary.themes.get(value)
            elif name == "year" and len(value) == 4 and value.isascii():
                known = int(value) if value.isdigit() else None
        if known is None:
            filters.notices.append(_unknown(name, value))
            continue
        filters.values[name] = known
        filters.params[name] = value
    return filters


# --- Counts per option ------------------------------------------------------------------


def language_counts(visible, matching):
    """{code: (total, count)}: a publication counts once per language of its file."""
    matching_ids = matching.values("pk")
    aggregates = {}
    for index, (code, _name) in enumerate(FILE_LANGUAGES):
        has = has_language(code)
        aggregates[f"total_{index}"] = Count("pk", filter=has)
        aggregates[f"count_{index}"] = Count("pk", filter=has & Q(pk__in=matching_ids))
    row = visible.order_by().aggregate(**aggregates)
    return {
        code: (row[f"total_{index}"], row[f"count_{index}"])
        for index, (code, _name) in enumerate(FILE_LANGUAGES)
    }


def theme_counts(visible, matching):
    through = Publication.themes.through
    rows = (
        through.objects.filter(publication__in=visible.values("pk"))
        .values("theme_id")
        .annotate(
            total=Count("publication_id"),
            count=Count(
                "publication_id", filter=Q(publication__in=matching.values("pk"))
            ),
        )
    )
    return {row["theme_id"]: (row["total"], row["count"]) for row in rows}


def facet_counts(filters, visible, scope):
    """Every filter's {value: (total, count)} and the number of matches, cached under
    the content version: six aggregate queries when not cached."""

    def matching(name):
        return filters.apply(visible, leave_out=name)

    def count():
        return {
            "type": grouped_counts(visible, matching("type"), "kind"),
            "region": grouped_counts(visible, matching("region"), "region_id"),
            "language": language_counts(visible, matching("language")),
            "year": grouped_counts(visible, matching("year"), "year"),
            "theme": theme_counts(visible, matching("theme")),
            "total": filters.apply(visible).count(),
        }

    return content_version.cached(
        filters.cache_parts("library-counts", scope), count, CACHE_SECONDS
    )


def build_facets(filters, counts, vocabulary, regional):
    """The library's filters with their options and counts, in the order the form shows them."""

    def choice(name, value, label, total_and_count, lang=""):
        total, count = total_and_count
        selected = filters.params.get(name) == str(value)
        if total == 0 and not selected:
            return None  # nothing listed has it: not worth offering
        return Choice(str(value), label, count, selected, lang)

    def facet(name, label, empty_label, choices):
        return Facet(
            name=name,
            label=label,
            empty_label=empty_label,
            choices=[option for option in choices if option is not None],
        )

    facets = [
        facet(
            "type",
            _("Type"),
            _("All types"),
            [
                choice(
                    "type",
                    member.value,
                    member.label,
                    counts["type"].get(member.value, (0, 0)),
                )
                for member in Publication.Kind
            ],
        )
    ]
    if not regional:
        facets.append(
            facet(
                "region",
                _("Region"),
                _("All regions"),
                [
                    choice(
                        "region",
                        slug,
                        region.title,
                        counts["region"].get(region.pk, (0, 0)),
                        fallback_lang(region, "title"),
                    )
                    for slug, region in vocabulary.regions.items()
                ],
            )
        )
    facets.append(
        facet(
            "language",
            _("Language"),
            _("All languages"),
            [
                choice("language", code, name, counts["language"].get(code, (0, 0)))
                for code, name in FILE_LANGUAGES
            ],
        )
    )
    years = dict(counts["year"])
    if filters.values.get("year"):
        years.setdefault(filters.values["year"], (0, 0))
    facets.append(
        facet(
            "year",
            _("Year"),
            _("All years"),
            [
                choice("year", year, str(year), years[year])
                for year in sorted((y for y in years if y is not None), reverse=True)
            ],
        )
    )
    facets.append(
        facet(
            "theme",
            _("Theme"),
            _("All themes"),
            [
                choice(
                    "theme",
                    slug,
                    theme.name,
                    counts["theme"].get(theme.pk, (0, 0)),
                    fallback_lang(theme, "name"),
                )
                for slug, theme in vocabulary.themes.items()
            ],
        )
    )
    return facets


# --- The listing ------------------------------------------------------------------------


@dataclass
class Listing:
    """What the library shows: a page of publications, the filters and any notices."""

    page_obj: object
    facets: list
    total: int
    notices: list = field(default_factory=list)
    query: QueryDict = field(default_factory=QueryDict)

    @property
    def is_filtered(self):
        return bool(self.query)


def page_of(publications, total, params, notices, request=None):
    """The page ?page= asks for, or the nearest one with a notice."""
    paginator = Paginator(publications, PUBLICATIONS_PER_PAGE)
    paginator.count = total  # counted with the facets (and cached with them)
    value = params.get("page", "")
    page_obj = paginator.get_page(value)
    if value and str(page_obj.number) != value:
        notices.append(
            gettext("There is no page “%(value)s”: showing page %(number)s.")
            % {"value": shown_value(" ".join(value.split())), "number": page_obj.number}
        )
    page_obj.object_list = attach_urls(page_obj.object_list, request)
    return page_obj


def library_listing(library, request):
    """The listing of `library` for the filters and page number in the request."""
    vocabulary = Vocabulary.load()
    region = library.region
    regional = region is not None
    filters = read_filters(request.GET, vocabulary, regional)
    visible = library_publications(region)
    scope = region.pk if regional else "all"
    counts = facet_counts(filters, visible, scope)
    notices = list(filters.notices)
    page_obj = page_of(
        filters.apply(visible), counts["total"], request.GET, notices, request
    )
    query = filters.query()
    query.mutable = False
    return Listing(
        page_obj=page_obj,
        facets=build_facets(filters, counts, vocabulary, regional),
        total=counts["total"],
        notices=notices,
        query=query,
    )


# --- Elsewhere on the site --------------------------------------------------------------


def publications_about(pairing, limit=6, request=None):
    """A pairing's publications, its action plans first, with their addresses."""
    publications = (
        Publication.objects.public()
        .filter(pairings=pairing)
        .select_related("region")
        .order_by(
            # Action plans first, then the newest.
            Case(When(kind=Publication.Kind.ACTION_PLAN, then=0), default=1),
            F("year").desc(nulls_last=True),
            "-pk",
        )
    )
    return attach_urls(publications[:limit], request)


def latest_publications(region=None, limit=3, request=None):
    """The newest publications of a region (or of the programme), with their addresses."""
    publications = library_publications(region).order_by(
        F("year").desc(nulls_last=True), "-created_at", "-pk"
    )
    return attach_urls(publications[:limit], request)


def library_url(region=None, request=None):
    """The address of a region's library, else the programme-wide one filtered to the
    region, or "" when there is no library."""
    from publications.pages import PublicationsLibraryPage, libraries

    found = libraries()
    if region is not None and region.pk in found:
        page = (
            PublicationsLibraryPage.objects.live().filter(pk=found[region.pk]).first()
        )
        return page.get_url(request) if page else ""
    if None not in found:
        return ""
    page = PublicationsLibraryPage.objects.live().filter(pk=found[None]).first()
    url = page.get_url(request) if page else ""
    if url and region is not None:
        url = f"{url}?region={region.slug_en}"
    return url
