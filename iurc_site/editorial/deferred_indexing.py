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

from iurc_site.private_apis import content_path_hash, references_of

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


def _child_relation_names(model):
    from modelcluster.models import ClusterableModel, get_all_child_relations

    if not issubclass(model, ClusterableModel):
        return []
    return [relation.get_accessor_name() for relation in get_all_child_relations(model)]


def update_references(model, objects):
    """ReferenceIndex.create_or_update_for_object for many objects: a few queries in all.

    The same rule as Wagtail's, per object: add the references found and not yet
    recorded, delete the recorded ones no longer found (unless recorded under a more
    specific model than this one).
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from wagtail.models import ReferenceIndex

    if not objects:
        return
    content_types = [
        ContentType.objects.get_for_model(cls, for_concrete_model=False)
        for cls in [model, *model._meta.get_parent_list()]
    ]
    content_type, base_content_type = content_types[0], content_types[-1]
    known_content_type_ids = {ct.id for ct in content_types}
    found = {str(instance.pk): set(references_of(instance)) for instance in objects}
    recorded = {}
    for row in ReferenceIndex.objects.filter(
        base_content_type=base_content_type, object_id__in=list(found)
    ).values_list(
        "id",
        "content_type_id",
        "object_id",
        "to_content_type",
        "to_object_id",
        "model_path",
        "content_path",
    ):
        reference_id, content_type_id, object_id, *reference = row
        recorded.setdefault(object_id, {})[tuple(reference)] = (
            content_type_id,
            reference_id,
        )
    new, stale = [], []
    for object_id, references in found.items():
        existing = recorded.get(object_id, {})
        new += [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=object_id,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in (
                references - set(existing)
            )
        ]
        stale += [
            reference_id
            for reference, (content_type_id, reference_id) in existing.items()
            if reference not in references and content_type_id in known_content_type_ids
        ]
    ReferenceIndex.objects.bulk_create(
        new,
        batch_size=BATCH_SIZE,
        ignore_conflicts=connection.features.supports_ignore_conflicts,
    )
    if stale:
        ReferenceIndex.objects.filter(id__in=stale).delete()


def index_objects(model, pks):
    """Bring the search and reference index entries of these objects up to date."""
    from wagtail.models import ReferenceIndex
    from wagtail.search.backends import get_search_backends

    pks = sorted(pks)
    backends = list(get_search_backends(with_auto_update=True))
    references = ReferenceIndex.is_indexed(model)
    for start in range(0, len(pks), BATCH_SIZE):
        objects = model.get_indexed_objects().filter(
            pk__in=pks[start : start + BATCH_SIZE]
        )
        if references:
            # The reference index reads each object's child relations (a pairing's places).
            objects = objects.prefetch_related(*_child_relation_names(model))
        objects = list(objects)
        for backend in backends:
            backend.add_bulk(model, objects)
        if references:
            update_references(model, objects)


def flush():
    """Inside deferred_indexing(): index what was saved so far now, not at the end.

    Nothing when the block hands what it noted to `collect` (indexed later, as a job).
    """
    pending = getattr(_state, "pending", None)
    if not pending or getattr(_state, "collect", None) is not None:
        return
    _state.pending = {}
    for model, pks in pending.items():
        index_objects(model, pks)


@contextmanager
def deferred_indexing(collect=None):
    """Index what is saved in the block once per object, when the block ends without error.

    With `collect`, the block indexes nothing: `collect({model: pks})` receives what
    it would have indexed (the pairing import queues it as a job, worker/tasks.py).
    """
    from wagtail.signal_handlers import disable_reference_index_auto_update

    if getattr(_state, "pending", None) is not None:  # nested: the outer block indexes
        yield
        return
    _state.pending, _state.collect = {}, collect
    try:
        with disable_reference_index_auto_update():
            yield
        pending, _state.pending = _state.pending, None
        if collect is not None:
            collect(pending)
            return
        for model, pks in pending.items():
            index_objects(model, pks)
    finally:
        _state.pending = _state.collect = None
