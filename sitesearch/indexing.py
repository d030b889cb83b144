"""Writing search documents: one per language for every live, public page, every place
and every public publication."""

from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import translation

from modeltranslation.utils import build_localized_fieldname
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from asgiref.local import Local

from partners.models import Place
from publications.models import Publication
from sitesearch.documents import content_for, with_document_data
from sitesearch.models import SearchDocument
from sitesearch.text import search_text

TITLE_MAX_LENGTH = SearchDocument._meta.get_field("title").max_length
BATCH_SIZE = 500
PUBLICATION_BATCH_SIZE = 20
# Inside deferred_indexing(): {model: {pk}} of what index() was asked to (re)write.
_deferred = Local()


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def _content_type(instance_or_model):
    # Pages are filed under Page itself, so that a page is found by its id alone
    # whatever its type.
    model = (
        instance_or_model
        if isinstance(instance_or_model, type)
        else type(instance_or_model)
    )
    return ContentType.objects.get_for_model(Page if issubclass(model, Page) else model)


def is_public_page(page):
    """Live, reachable on a site, and not behind a password or login."""
    return (
        page.live
        and page.get_url_parts() is not None
        and not page.get_view_restrictions().exists()
    )


def is_public_publication(publication):
    """Not in a collection (or under one) that is behind a password or login."""
    return not publication.collection.get_view_restrictions().exists()


def is_public(instance):
    """Whether the instance belongs in the public search (every place does)."""
    if isinstance(instance, Page):
        return is_public_page(instance)
    if isinstance(instance, Publication):
        return is_public_publication(instance)
    return True


def _title_language(instance, code):
    title_field = "name" if isinstance(instance, Place) else "title"
    translated = getattr(instance, build_localized_fieldname(title_field, code), "")
    return code if translated else settings.LANGUAGE_CODE


def build_documents(instance):
    """The instance's unsaved documents, one per site language."""
    content_type = _content_type(instance)
    documents = []
    for code in language_codes():
        with translation.override(code):
            content = content_for(instance)
        documents.append(
            SearchDocument(
                content_type=content_type,
                object_id=instance.pk,
                language=code,
                kind=content.kind,
                title=content.title[:TITLE_MAX_LENGTH],
                title_language=_title_language(instance, code),
                summary=content.summary,
                title_words=search_text(content.title),
                body_words=" ".join(
                    words
                    for words in (search_text(*content.texts), content.words)
                    if words
                ),
            )
        )
    return documents


def _fill_vectors(documents):
    if connection.vendor != "postgresql":
        return  # the SQLite fallback searches the word columns directly
    pks = [document.pk for document in documents]
    for start in range(0, len(pks), BATCH_SIZE * 10):
        SearchDocument.objects.filter(
            pk__in=pks[start : start + BATCH_SIZE * 10]
        ).update(
            vector=SearchVector("title_words", weight="A", config="simple")
            + SearchVector("body_words", weight="C", config="simple")
        )


def remove(instance_or_model, pk=None):
    """Drop the documents of a page or place (e.g. unpublished or deleted)."""
    SearchDocument.objects.filter(
        content_type=_content_type(instance_or_model),
        object_id=instance_or_model.pk if pk is None else pk,
    ).delete()


def index(instance):
    """(Re)write the documents of a page or place; a page that is not public loses them.

    Inside deferred_indexing() this only notes the instance, for later.
    """
    pending = getattr(_deferred, "pending", None)
    if pending is not None:
        pending.setdefault(type(instance), set()).add(instance.pk)
        return []
    return _write(instance)


@transaction.atomic
def _write(instance):
    if not is_public(instance):
        remove(instance)
        return []
    remove(instance)
    documents = SearchDocument.objects.bulk_create(build_documents(instance))
    _fill_vectors(documents)
    return documents


def index_many(model, pks):
    """index() for many pages, places or publications of one model, in a few queries."""
    pks = sorted(pks)
    content_type = _content_type(model)
    restricted_paths = []
    if issubclass(model, Page):
        restricted_paths = list(
            PageViewRestriction.objects.values_list("page__path", flat=True)
        )
    elif issubclass(model, Publication):
        restricted_paths = list(
            CollectionViewRestriction.objects.values_list("collection__path", flat=True)
        )
    # A publication carries the text of its file (up to a million characters).
    batch_size = (
        PUBLICATION_BATCH_SIZE if issubclass(model, Publication) else BATCH_SIZE
    )
    written = []
    for start in range(0, len(pks), batch_size):
        chunk = pks[start : start + batch_size]
        instances = list(with_document_data(model.objects.filter(pk__in=chunk)))
        if issubclass(model, Publication):
            instances = [
                publication
                for publication in instances
                if not any(
                    publication.collection.path.startswith(path)
                    for path in restricted_paths
                )
            ]
        if issubclass(model, Page):
            instances = [
                page
                for page in instances
                if page.live
                and not any(page.path.startswith(path) for path in restricted_paths)
                and page.get_url_parts() is not None
            ]
        SearchDocument.objects.filter(
            content_type=content_type, object_id__in=chunk
        ).delete()
        documents = SearchDocument.objects.bulk_create(
            [
                document
                for instance in instances
                for document in build_documents(instance)
            ]
        )
        _fill_vectors(documents)
        written += documents
    return written


def flush():
    """Inside deferred_indexing(): write what was noted so far now, not at the end.

    Nothing when the block hands what it noted to `collect` (written later, as a job).
    """
    pending = getattr(_deferred, "pending", None)
    if not pending or getattr(_deferred, "collect", None) is not None:
        return
    _deferred.pending = {}
    for model, pks in pending.items():
        index_many(model, pks)


@contextmanager
def deferred_indexing(collect=None):
    """Write the documents of what is indexed in the block once each, in bulk, at its end.

    For bulk changes (the pairing import): index() then only notes what to write. With
    `collect`, nothing is written: `collect({model: pks})` receives what would have been.
    """
    if (
        getattr(_deferred, "pending", None) is not None
    ):  # nested: the outer block writes
        yield
        return
    _deferred.pending, _deferred.collect = {}, collect
    try:
        yield
        if collect is not None:
            collect(_deferred.pending)
        else:
            flush()
    finally:
        _deferred.pending = _deferred.collect = None


def index_page_tree(page):
    """A page and all its descendants (after a view restriction changed, for example)."""
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific():
        index(descendant)


def pairings_of_place(place):
    from regions.models import PairingPage

    return PairingPage.objects.live().filter(
        pk__in=[
            *place.pairingeuplace_links.values_list("pairing_id", flat=True),
            *place.pairingpartnerplace_links.values_list("pairing_id", flat=True),
        ]
    )


@transaction.atomic
def rebuild():
    """Every document anew: all public pages, all places, all public publications.
    Returns how many were written."""
    SearchDocument.objects.all().delete()
    written = 0
    pages = Page.objects.live().filter(depth__gt=1).specific()
    for page in pages.iterator(chunk_size=200):
        written += len(index(page))
    for place in Place.objects.iterator(chunk_size=200):
        written += len(index(place))
    publications = Publication.objects.values_list("pk", flat=True)
    written += len(index_many(Publication, list(publications)))
    return written


def index_publications_of_collection(collection):
    """The publications in a collection and the collections under it (after a view
    restriction on it changed)."""
    index_many(
        Publication,
        Publication.objects.filter(
            collection__path__startswith=collection.path
        ).values_list("pk", flat=True),
    )
