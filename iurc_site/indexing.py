"""Deferring search and reference indexing to the end of a bulk change.

Every save of a page, place or theme updates its search index entry and its entries in
Wagtail's reference index, at once. Importing a pairing saves its page three times
(created, revision saved, published), so a file of thousands of rows did that work
three times per row, row by row. Inside `deferred_indexing()` those updates are only
noted; when the block ends, each object touched is indexed once, the search entries in
bulk. The deferral is per thread, so other requests of the same process index as usual.
"""

from contextlib import contextmanager

from asgiref.local import Local

# Models mix in DeferrableIndexingMixin, so Wagtail's models and signal handlers are
# imported where they are used, not when this module loads with the models.
_state = Local()
BATCH_SIZE = 500


class DeferrableIndexingMixin:
    """For an indexed model: inside deferred_indexing(), note a save instead of indexing it.

    modelsearch asks the model for the instance to index after each save; answering None
    makes it skip the work.
    """

    def get_indexed_instance(self):
        pending = getattr(_state, "pending", None)
        if pending is not None:
            pending.setdefault(type(self), set()).add(self.pk)
            return None
        return super().get_indexed_instance()


def defer(instance):
    """Note an object saved without signals (bulk_create) for indexing at the block's end."""
    _state.pending.setdefault(type(instance), set()).add(instance.pk)


def index_objects(model, pks):
    """Bring the search and reference index entries of these objects up to date."""
    from wagtail.models import ReferenceIndex
    from wagtail.search.backends import get_search_backends

    pks = sorted(pks)
    backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, len(pks), BATCH_SIZE):
        objects = list(
            model.get_indexed_objects().filter(pk__in=pks[start : start + BATCH_SIZE])
        )
        for backend in backends:
            backend.add_bulk(model, objects)
        if ReferenceIndex.is_indexed(model):
            for instance in objects:
                ReferenceIndex.create_or_update_for_object(instance)


@contextmanager
def deferred_indexing():
    """Index what is saved in the block once per object, when the block ends without error."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    if getattr(_state, "pending", None) is not None:  # nested: the outer block indexes
        yield
        return
    _state.pending = {}
    try:
        with disable_reference_index_auto_update():
            yield
        pending, _state.pending = _state.pending, None
        for model, pks in pending.items():
            index_objects(model, pks)
    finally:
        _state.pending = None
