"""What each page, place or publication contributes to its search document, per language.

Each builder runs with the document's language active, so every translated field reads
as a visitor of that language sees it: its own text, or English where it has none.
"""

from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from partners.models import Place
from publications.models import Publication
from sitesearch.models import SearchDocument
from sitesearch.text import long_text_words

SUMMARY_WORDS = 40
# A file's words in a document: at most this many bytes of distinct words (its vector
# must stay under PostgreSQL's 1 MB, with the title and summary beside them).
FILE_WORDS_MAX_BYTES = 600_000


@dataclass
class DocumentContent:
    """The texts of one document: shown (title, summary) and searched (title, texts,
    and `words`, already cut: a file's text)."""

    kind: str
    title: str
    summary: str = ""
    texts: list = field(default_factory=list)
    words: str = ""


def _plain(value):
    return " ".join(strip_tags(str(value or "")).split())


def _summary(*candidates):
    for candidate in candidates:
        text = _plain(candidate)
        if text:
            return Truncator(text).words(SUMMARY_WORDS)
    return ""


def _searchable_content(page, field_name):
    """The text of a StreamField or rich-text field, as Wagtail's own indexing reads it."""
    value = getattr(page, field_name, None)
    if not value:
        return []
    model_field = page._meta.get_field(field_name)
    if hasattr(model_field, "get_searchable_content"):
        return [_plain(text) for text in model_field.get_searchable_content(value)]
    return [get_text_for_indexing(str(value))]


def _testimonial_texts(page):
    return [
        text
        for testimonial in page.testimonials.all()
        for text in (testimonial.quote, testimonial.speaker, testimonial.role)
    ]


def _place_texts(place):
    # The English name too, as for the place itself (see place_content).
    return [place.name, place.name_en, place.country_name]


def _network_member_texts(page):
    """A thematic network: its members' names and profiles, in this language."""
    from networks.models import ThematicNetworkPage

    if not isinstance(page, ThematicNetworkPage):
        return []
    texts = []
    for member in page.member_list:
        if member.place_id:
            texts += _place_texts(member.place)
        elif member.organisation_id:
            texts += [member.organisation.name, member.organisation.acronym]
        texts.append(member.profile)
    return texts


def page_content(page):
    """Any page: title, SEO texts, introduction, body and testimonials."""
    from newsroom.models import CallPage, EventPage, NewsPage
    from regions.models import PairingPage, RegionPage

    page = page.specific
    intro = getattr(page, "intro", "")
    texts = [
        page.seo_title,
        page.search_description,
        intro,
        *_searchable_content(page, "body"),
        *_testimonial_texts(page),
        *_network_member_texts(page),
    ]
    kind = SearchDocument.Kind.PAGE
    summary = _summary(page.search_description, intro)
    if isinstance(page, PairingPage):
        kind = SearchDocument.Kind.PAIRING
        description = _searchable_content(page, "description")
        texts += description
        for place in page.all_places:
            texts += _place_texts(place)
        texts += [theme.name for theme in page.themes.all()]
        if page.phase_id:
            texts += [page.phase.short_name]
        summary = _summary(
            page.search_description,
            " ".join(description),
            " · ".join(
                f"{place.name} ({place.country_name})" for place in page.all_places
            ),
        )
    elif isinstance(page, NewsPage):
        # Found by who wrote it and what it is about, in this language.
        texts += [author.name for author in page.authors.all()]
        texts += [theme.name for theme in page.themes.all()]
        for place in page.places.all():
            texts += _place_texts(place)
    elif isinstance(page, EventPage):
        # Found by where it happens, who organises it and its agenda, in this language.
        texts += [page.venue, page.get_kind_display()]
        texts += _searchable_content(page, "agenda")
        if page.place is not None:
            texts += _place_texts(page.place)
        for organisations in (page.organisers, page.co_organisers, page.supporters):
            texts += [organisation.name for organisation in organisations.all()]
    elif isinstance(page, CallPage):
        texts += [page.eligibility]
    elif isinstance(page, RegionPage):
        kind = SearchDocument.Kind.REGION
        texts += page.country_names
    elif hasattr(page, "short_name"):  # a programme phase
        texts += [page.short_name, page.funding_instrument]
        texts += [body.name for body in page.implementing_bodies.all()]
        texts += [body.acronym for body in page.implementing_bodies.all()]
    return DocumentContent(kind, page.title, summary, texts)


def place_content(place):
    """A place: its name in this language, its country, and the English name too."""
    return DocumentContent(
        SearchDocument.Kind.PLACE,
        place.name,
        _summary(f"{place.get_kind_display()} · {place.country_name}"),
        # The English name too: a place is often written in Latin letters (Rotterdam
        # on a Chinese page), and its English name is its name in the gazetteer.
        [place.name_en, place.country_name],
    )


def file_words(publication):
    """The search words of the text inside the publication's file.

    The same in every language: the text is cut by its own script (Thai as Thai, Chinese
    with jieba) whatever the document's language, so a Thai phrase in a file is found
    from the English search too. Cut once per instance, not once per language.
    """
    text = publication.extracted_text or ""
    cached = getattr(publication, "_search_file_words", None)
    if cached is None or cached[0] is not text:
        cached = (text, long_text_words(text, FILE_WORDS_MAX_BYTES) if text else "")
        publication._search_file_words = cached
    return cached[1]


def publication_content(publication):
    """A publication: its title and summary in this language, and the file's text."""
    return DocumentContent(
        SearchDocument.Kind.PUBLICATION,
        publication.title,
        _summary(publication.summary, publication.extracted_text[:2000]),
        [publication.summary, *publication.language_names],
        file_words(publication),
    )


def with_document_data(queryset):
    """The queryset, loading with it what page_content() reads of each pairing (and
    the collection of each publication)."""
    from regions.models import PairingPage

    if issubclass(queryset.model, PairingPage):
        return queryset.select_related("phase").prefetch_related(
            "eu_places__place", "partner_places__place", "themes", "testimonials"
        )
    if issubclass(queryset.model, Publication):
        return queryset.select_related("collection")
    return queryset


def content_for(instance):
    """The document content of a page, place or publication, in the active language."""
    if isinstance(instance, Place):
        return place_content(instance)
    if isinstance(instance, Page):
        return page_content(instance)
    if isinstance(instance, Publication):
        return publication_content(instance)
    raise TypeError(f"{type(instance).__name__} is not searchable")
