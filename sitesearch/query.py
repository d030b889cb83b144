"""Running a visitor's search: their language first, other languages only as a fallback."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When
from django.utils import translation

from wagtail.models import Page

from partners.models import Place
from publications.models import Publication
from publications.urls_for import public_urls
from sitesearch.indexing import language_codes
from sitesearch.models import SearchDocument
from sitesearch.text import clean_query, parse_query, tsquery_text

# A search reads at most this many matches: enough for any visitor, and it keeps every
# search to one bounded database query whatever the size of the site.
MAX_MATCHES = 200
FIELDS = (
    "pk",
    "content_type_id",
    "object_id",
    "language",
    "title_language",
    "kind",
    "title",
    "summary",
)


@dataclass
class Match:
    """One search result: a page or place, in the language its words were found in."""

    content_type_id: int
    object_id: int
    language: str
    title_language: str
    kind: str
    title: str
    summary: str
    rank: float = 0.0
    url: str = ""
    language_name: str = ""


@dataclass
class SearchResults:
    """All the matches of a query (at most MAX_MATCHES), best first."""

    query: str = ""
    was_shortened: bool = False
    too_many_words: bool = False
    searchable: bool = False
    language: str = ""
    in_other_languages: bool = False
    matches: list = field(default_factory=list)
    reached_limit: bool = False

    def of_kind(self, kind):
        return [match for match in self.matches if match.kind == kind]


def _postgres_matches(documents, parsed, **tsquery_options):
    query = SearchQuery(
        tsquery_text(parsed, **tsquery_options), search_type="raw", config="simple"
    )
    return documents.filter(vector=query).annotate(rank=SearchRank(F("vector"), query))


def _fallback_matches(documents, parsed, **tsquery_options):
    """SQLite (local runs only): every word somewhere in the words, titles first."""
    condition = Q()
    for term in parsed.terms:
        words = [" ".join(term.words)] if term.phrase else term.words
        term_condition = Q()
        for word in words:
            term_condition &= Q(title_words__contains=word) | Q(
                body_words__contains=word
            )
        condition &= ~term_condition if term.negated else term_condition
    in_title = Q()
    for word in parsed.words:
        in_title &= Q(title_words__contains=word)
    return documents.filter(condition).annotate(
        rank=Case(
            When(in_title, then=Value(1.0)),
            default=Value(0.1),
            output_field=FloatField(),
        )
    )


def _matching(documents, parsed, **tsquery_options):
    if connection.vendor == "postgresql":
        documents = _postgres_matches(documents, parsed, **tsquery_options)
    else:
        documents = _fallback_matches(documents, parsed, **tsquery_options)
    return [
        Match(**{name: row[name] for name in FIELDS if name != "pk"}, rank=row["rank"])
        for row in documents.order_by("-rank", "title", "pk").values(*FIELDS, "rank")[
            : MAX_MATCHES + 1
        ]
    ]


def _one_per_object(matches):
    """Each page or place once, in the language where it matched best."""
    seen = set()
    unique = []
    for match in matches:
        key = (match.content_type_id, match.object_id)
        if key not in seen:
            seen.add(key)
            unique.append(match)
    return unique


def search(raw_query, language=None):
    """Search the site for `raw_query` in `language` (default: the active one).

    Only when nothing matches in that language are the other languages searched; the
    results then say so (`in_other_languages`).
    """
    language = language or translation.get_language()
    if language not in language_codes():
        language = language_codes()[0]
    cleaned, was_shortened = clean_query(raw_query)
    parsed = parse_query(cleaned)
    results = SearchResults(
        query=cleaned,
        was_shortened=was_shortened,
        too_many_words=parsed.too_many_words,
        searchable=parsed.is_searchable,
        language=language,
    )
    if not parsed.is_searchable:
        return results
    documents = SearchDocument.objects.all()
    matches = _matching(documents.filter(language=language), parsed)
    if not matches:
        matches = _one_per_object(
            _matching(documents.exclude(language=language), parsed)
        )
        results.in_other_languages = bool(matches)
    results.reached_limit = len(matches) > MAX_MATCHES
    results.matches = matches[:MAX_MATCHES]
    return results


def suggest(raw_query, language=None, limit=8):
    """Titles in `language` that start with the words typed so far (for autocomplete)."""
    language = language or translation.get_language()
    cleaned, _was_shortened = clean_query(raw_query)
    parsed = parse_query(cleaned)
    if not parsed.is_searchable:
        return []
    documents = SearchDocument.objects.filter(language=language)
    matches = _matching(documents, parsed, all_prefixes=True, weight="A")[:limit]
    return add_urls(matches)


def add_urls(matches, request=None):
    """Give each match its address, in its own language; drop what is no longer public.

    Addresses are worked out now rather than stored, so that moving a page or changing
    a slug never leaves a stale link in the results. One query per kind of object.
    """
    content_types = ContentType.objects
    page_type_id = content_types.get_for_model(Page).pk
    publication_type_id = content_types.get_for_model(Publication).pk
    ids = {}
    for match in matches:
        ids.setdefault(match.content_type_id, set()).add(match.object_id)
    targets = {
        page_type_id: Page.objects.live(),
        # Not the text of the file, which the address does not need.
        publication_type_id: Publication.objects.defer("extracted_text"),
    }
    found = {
        type_id: targets.get(type_id, Place.objects).in_bulk(object_ids)
        for type_id, object_ids in ids.items()
    }
    languages = dict(settings.LANGUAGES)
    publication_addresses = public_urls(
        [
            (found[match.content_type_id][match.object_id], match.language)
            for match in matches
            if match.content_type_id == publication_type_id
            and match.object_id in found[match.content_type_id]
        ],
        request,
    )
    resolved = []
    for match in matches:
        target = found[match.content_type_id].get(match.object_id)
        if target is None:
            continue
        with translation.override(match.language):
            if isinstance(target, Page):
                match.url = target.get_url(request)
            elif isinstance(target, Publication):
                match.url = publication_addresses[(target.pk, match.language)]
            else:
                match.url = target.get_absolute_url()
        match.language_name = languages.get(match.language, match.language)
        if match.url:
            resolved.append(match)
    return resolved
