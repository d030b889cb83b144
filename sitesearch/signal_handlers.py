"""Keeping the search documents in step with publishing, reference data and publications."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from partners.models import Organisation, Place, Theme
from publications.models import Publication
from sitesearch import indexing


def on_page_published(sender, instance, **kwargs):
    indexing.index(instance)


def on_page_unpublished(sender, instance, **kwargs):
    indexing.remove(instance)


def on_page_moved(sender, instance, **kwargs):
    # Addresses are worked out when results are shown, but a page moved under a
    # private section must leave the search (and one moved out of it come back).
    indexing.index_page_tree(instance)


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page | Place | Publication):
        indexing.remove(type(instance), instance.pk)


def on_place_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    indexing.index(instance)
    # A pairing's document holds its places' names.
    for pairing in indexing.pairings_of_place(instance):
        indexing.index(pairing)


def on_theme_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        for pairing in instance.pairings.live():
            indexing.index(pairing)


def on_organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        for phase in instance.phases.live():
            indexing.index(phase)


def on_view_restriction_changed(sender, instance, raw=False, **kwargs):
    # A restricted page (and everything under it) leaves the public search; lifting
    # the restriction brings it back.
    if not raw:
        indexing.index_page_tree(instance.page)


def on_publication_saved(sender, instance, raw=False, **kwargs):
    # Every save: its title, summary, collection (private or not) or file's text may
    # have changed; the extraction saves the text it read, which comes back here.
    if not raw:
        indexing.index(instance)


def on_collection_restriction_changed(sender, instance, raw=False, **kwargs):
    # A collection behind a password or login takes its publications (and those of
    # the collections under it) out of the public search; lifting it brings them back.
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if not raw and collection is not None:  # None: the collection is being deleted
        indexing.index_publications_of_collection(collection)


def connect():
    page_published.connect(on_page_published, dispatch_uid="sitesearch_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="sitesearch_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="sitesearch_moved")
    post_delete.connect(on_deleted, dispatch_uid="sitesearch_deleted")
    post_save.connect(on_place_saved, sender=Place, dispatch_uid="sitesearch_place")
    post_save.connect(on_theme_saved, sender=Theme, dispatch_uid="sitesearch_theme")
    post_save.connect(
        on_organisation_saved, sender=Organisation, dispatch_uid="sitesearch_org"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"sitesearch_restriction_{id(signal)}",
        )
        signal.connect(
            on_collection_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"sitesearch_collection_restriction_{id(signal)}",
        )
    post_save.connect(
        on_publication_saved, sender=Publication, dispatch_uid="sitesearch_publication"
    )
