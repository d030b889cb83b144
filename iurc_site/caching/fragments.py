"""The "fragments" cache: this process's memory in front of the shared cache.

For entries whose key never changes meaning, which is what a key made by
`content_version.key()` is: publishing changes the version, so it makes new keys
instead of changing old entries. Such an entry can be kept in each process's memory
with no way to go stale, and reading it there costs no round trip to Redis. A page
reads a dozen of them (routes, menus, breadcrumbs, card lists), so this is most of
what a page served without the page cache spends beyond rendering.

A miss in memory reads the shared cache (the "default" alias, or OPTIONS["SHARED"]),
so that one worker's work after a publish serves the others; a write goes to both.
Memory is bounded by OPTIONS["LOCAL_MAX_ENTRIES"] (Django's LocMemCache culls the
least recently used third when full). Do not put entries here whose keys can be
reused for new content: other processes would keep the old value.
"""

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache

_MISSING = object()


def clear_all_caches() -> list[str]:
    """Empty every cache alias; returns their names.

    Clearing only the default alias would leave the fragments kept in this process's
    memory (tests, benchmarks, and `manage.py clear_caches` after a restore).
    """
    for alias in caches:
        caches[alias].clear()
    return list(caches)


class VersionedFragmentCache(BaseCache):
    """A LocMemCache in front of another cache alias; see the module's docstring."""

    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.shared_alias = options.get("SHARED", "default")
        self.local = LocMemCache(
            location or "iurc-fragments",
            {
                "TIMEOUT": params.get("TIMEOUT", 3600),
                "OPTIONS": {"MAX_ENTRIES": options.get("LOCAL_MAX_ENTRIES", 1000)},
            },
        )

    @property
    def shared(self):
        return caches[self.shared_alias]

    def get(self, key, default=None, version=None):
        value = self.local.get(key, _MISSING, version=version)
        if value is _MISSING:
            value = self.shared.get(key, _MISSING, version=version)
            if value is _MISSING:
                return default
            self.local.set(key, value, version=version)
        return value

    def get_many(self, keys, version=None):
        found = self.local.get_many(keys, version=version)
        missing = [key for key in keys if key not in found]
        if missing:
            from_shared = self.shared.get_many(missing, version=version)
            self.local.set_many(from_shared, version=version)
            found.update(from_shared)
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.shared.set(key, value, timeout, version=version)
        self.local.set(key, value, timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.get(key, _MISSING, version=version) is not _MISSING:
            return False
        self.set(key, value, timeout, version=version)
        return True

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self.local.touch(key, timeout, version=version)
        return self.shared.touch(key, timeout, version=version)

    def delete(self, key, version=None):
        deleted_here = self.local.delete(key, version=version)
        return self.shared.delete(key, version=version) or deleted_here

    def has_key(self, key, version=None):
        return self.get(key, _MISSING, version=version) is not _MISSING

    def clear(self):
        """Empties this process's memory and the shared cache (as the tests need)."""
        self.local.clear()
        self.shared.clear()

    def clear_local(self):
        """Empties only this process's memory."""
        self.local.clear()
