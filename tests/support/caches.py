"""Emptying every cache alias (the fragments cache keeps a copy in this process's memory)."""

from iurc_site.caching.fragments import clear_all_caches as clear_caches

__all__ = ["clear_caches"]
