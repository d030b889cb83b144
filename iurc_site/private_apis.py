"""The one module that touches private APIs of Django, Wagtail and the libraries we use.

Everything else in the project calls the small functions below, so that an upgrade
breaks here, in one place, and `tests/iurc_site/test_private_apis.py` says which API went
away before any page does. `install()` applies the four patches the site runs with; it
is called once, from `IurcSiteConfig.ready()`.

Private APIs used (each attribute that exists before a request is checked by the test
named above, and so is each accessor below but `insert_rows` and `set_cached_parent`,
which the pairing import's tests exercise):

Django
- `connection.in_atomic_block`, `connection.run_on_commit`: whether a callback is already
  waiting for the current transaction to commit (one bump per transaction, however
  many pages an import publishes).
- `HttpRequest._get_raw_host()`: the Host header without the ALLOWED_HOSTS check, to key
  the site lookup cache before Wagtail validates the host.
- `Model._base_manager._insert()`: INSERT the rows of a multi-table child in bulk (the
  pairing import; Django refuses bulk_create there).
- `OutputWrapper._out`: the real stream behind a command's stderr, for tqdm's progress bar
  (the wrapper would add a newline to every redraw).

Wagtail
- `Site._find_for_request`: replaced by a version cached per host (caching/routing.py).
- `Page._get_site_root_paths`: replaced on every page type by a per-language cached one.
- `request._wagtail_route_for_request`: where Wagtail keeps a request's route; the cached
  router keeps it there too, so Wagtail's own code finds it.
- `Page._cached_parent_obj`: set by the bulk import so `set_url_path` needs no query.
- `ReferenceIndex._extract_references_from_object`, `ReferenceIndex._get_content_path_hash`:
  the reference index written in bulk (editorial/deferred_indexing.py).
- treebeard's `MP_Node._get_path`, `MP_Node._str2int`: tree paths of bulk-imported pages.

wagtail-modeltranslation
- `patch_wagtailadmin._validate_slugs`: replaced by a check that asks the database for
  clashing siblings instead of loading every sibling (editorial/slug_validation.py).
- `patch_wagtailadmin._localized_site_get_site_root_paths`: its per-language root paths,
  which our cached version computes once per language.
- `WagtailTranslator._patch_panels` (and `patched_model`): expands a translated field's
  panel into one per language, for panels defined on snippet viewsets.

Undocumented but public-named internals used elsewhere, listed so an upgrade checks them
too: Django's `get_path_info`, `get_script_name` (django.core.handlers.wsgi) and
`parse_cookie` in caching/fast_path.py, which must build the path, script name and
cookies exactly as Django's request does; `split_domain_port` in caching/routing.py;
Wagtail's `HTTPBackend.cache_scheme` / `cache_netloc` and an app config whose ready()
only registers the per-page purge handlers, in caching/frontend.py.

django-redis
- `RedisCache.client` (a property building the client): wrapped so that every call to
  Redis first asks the circuit breaker (caching/redis_backend.py).

Django, undocumented: `connections.create_connection(alias)`, a second connection to the
same database, outside the current transaction (a job's progress, worker/progress.py).

pypdf
- `PdfReader.xref`, `PdfReader.xref_objStm`: the object numbers of a PDF's
  cross-reference tables, so that the upload check decodes every stream of an uploaded
  file, not only those its pages use (publications/validation.py).

django-tasks-db
- `Worker` of its `db_worker` command (and its `running` and `running_task`
  attributes): the loop that claims and runs queued tasks, which our worker
  (iurc_site/worker/loop.py) runs in batches between its own duties.
"""

from django.db import connection, transaction

# Wagtail, wagtail-modeltranslation and django-redis are imported inside the functions:
# the caching modules import this one while the app registry is still loading models.


def private_attributes():
    """(owner, attribute name) of every private API above that exists before a request.

    The test checks each against the installed versions, as well as each accessor below.
    """
    from django.db.utils import ConnectionHandler

    from wagtail.models import Page, ReferenceIndex, Site
    from wagtail_modeltranslation import patch_wagtailadmin
    from wagtail_modeltranslation.patch_wagtailadmin import WagtailTranslator

    from django_redis.cache import RedisCache
    from django_tasks_db.management.commands.db_worker import Worker

    return (
        (Site, "_find_for_request"),
        (Page, "_get_site_root_paths"),
        (Page, "_get_path"),
        (Page, "_str2int"),
        (Page, "route_for_request"),
        (ReferenceIndex, "_extract_references_from_object"),
        (ReferenceIndex, "_get_content_path_hash"),
        (patch_wagtailadmin, "_validate_slugs"),
        (patch_wagtailadmin, "_localized_site_get_site_root_paths"),
        (WagtailTranslator, "_patch_panels"),
        (RedisCache, "client"),
        (ConnectionHandler, "create_connection"),
        (Worker, "run"),
        (Worker, "run_task"),
    )


# --- Django --------------------------------------------------------------------------


def in_transaction() -> bool:
    """Whether the default connection is inside transaction.atomic()."""
    return connection.in_atomic_block


class _AfterCommit:
    """A callback given to transaction.on_commit() that knows whether it has run."""

    def __init__(self, action):
        self.action = action
        self.done = False

    def __call__(self):
        self.done = True
        self.action()


def after_commit(action) -> None:
    """Run `action` once the current transaction commits (at once outside one)."""
    transaction.on_commit(_AfterCommit(action))


def commit_callback_pending(action) -> bool:
    """Whether after_commit(action) was called in this transaction and has not run yet.

    Django drops the callbacks of a rolled-back transaction or savepoint, so a True here
    never outlives the change it stands for.
    """
    return connection.in_atomic_block and any(
        isinstance(registered, _AfterCommit)
        and registered.action is action
        and not registered.done
        for _savepoints, registered, *_rest in connection.run_on_commit
    )


def raw_host(request) -> str:
    """The request's Host (or X-Forwarded-Host) before Django validates it."""
    return request._get_raw_host()


def insert_rows(model, objects, fields) -> None:
    """INSERT the rows of `objects` into `model`'s own table, without signals."""
    model._base_manager._insert(objects, fields=fields, using="default")


def mark_saved(instance) -> None:
    """Tell Django the instance now has a row (after insert_rows)."""
    instance._state.adding = False
    instance._state.db = "default"


def second_connection():
    """A new connection to the default database, with its own transactions (close it)."""
    from django.db import DEFAULT_DB_ALIAS, connections

    return connections.create_connection(DEFAULT_DB_ALIAS)


def underlying_stream(output_wrapper):
    """The stream a management command's stdout or stderr wrapper writes to."""
    return output_wrapper._out


# --- Wagtail and treebeard -------------------------------------------------------------


def remembered_route(request):
    """The route Wagtail already found for this request, or None."""
    return getattr(request, "_wagtail_route_for_request", None)


def remember_route(request, route):
    """Keep the route where Wagtail's own code looks for it."""
    request._wagtail_route_for_request = route
    return route


def set_cached_parent(page, parent) -> None:
    """Let page.get_parent() (and set_url_path) use `parent` without a query."""
    page._cached_parent_obj = parent


def tree_step_number(step: str) -> int:
    """The number a treebeard path step ("0001") stands for."""
    from wagtail.models import Page

    return Page._str2int(step)


def tree_path(parent_path: str, depth: int, step: int) -> str:
    """The treebeard path of the `step`th child of the page at `parent_path`."""
    from wagtail.models import Page

    return Page._get_path(parent_path, depth, step)


def references_of(instance):
    """The reference-index entries Wagtail would record for `instance`."""
    from wagtail.models import ReferenceIndex

    return ReferenceIndex._extract_references_from_object(instance)


def content_path_hash(content_path: str):
    """The hash Wagtail stores beside a reference's content path."""
    from wagtail.models import ReferenceIndex

    return ReferenceIndex._get_content_path_hash(content_path)


# --- wagtail-modeltranslation ------------------------------------------------------------


def modeltranslation_site_root_paths():
    """wagtail-modeltranslation's site root paths, in the active language."""
    from wagtail_modeltranslation import patch_wagtailadmin

    return patch_wagtailadmin._localized_site_get_site_root_paths()


def expand_translated_panels(model, panels):
    """One panel per language for each panel of a translated field of `model`."""
    from wagtail_modeltranslation.patch_wagtailadmin import WagtailTranslator

    expander = WagtailTranslator.__new__(WagtailTranslator)  # skip its model patching
    expander.patched_model = model
    return expander._patch_panels(panels)


# --- django-redis ---------------------------------------------------------------------------


def django_redis_client(cache):
    """The client django-redis builds for `cache`, bypassing a subclass's override."""
    from django_redis.cache import RedisCache

    return RedisCache.client.fget(cache)


# --- django-tasks-db -------------------------------------------------------------------------


def queued_task_runner(*, backend_name: str, worker_id: str):
    """django-tasks-db's worker loop, set to run every ready task once, then return.

    `run()` runs them; setting `running = False` while `running_task` is true lets the
    current task finish and stops before the next.
    """
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["*"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name=backend_name,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
    )


# --- The patches ------------------------------------------------------------------------------


# --- pypdf ---------------------------------------------------------------------------


def pdf_object_numbers(reader) -> list[int]:
    """Every object number the PDF's cross-reference tables and object streams list."""
    numbers = set()
    for generation_table in reader.xref.values():
        numbers.update(generation_table)
    numbers.update(reader.xref_objStm)
    return sorted(numbers)


def install() -> None:
    """Install the site's patches of Wagtail and wagtail-modeltranslation (once, at start)."""
    from wagtail.models import Page, Site
    from wagtail_modeltranslation import patch_wagtailadmin

    from iurc_site.caching.routing import (
        site_root_paths_per_language,
        with_cached_routes,
        with_cached_sites,
    )
    from iurc_site.editorial.slug_validation import validate_translated_slugs

    if getattr(Page.route_for_request, "__wrapped__", None) is None:
        Page.route_for_request = staticmethod(
            with_cached_routes(Page.route_for_request)
        )
        Site._find_for_request = staticmethod(with_cached_sites(Site._find_for_request))
    # After wagtail-modeltranslation, which set its own on every translated page type.
    _install_on_every_page_type(Page, site_root_paths_per_language)
    patch_wagtailadmin._validate_slugs = validate_translated_slugs


def _install_on_every_page_type(page_type, site_root_paths):
    page_type._get_site_root_paths = site_root_paths
    for subtype in page_type.__subclasses__():
        _install_on_every_page_type(subtype, site_root_paths)
