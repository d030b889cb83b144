"""Emptying every cache alias (the fragments cache keeps a copy in this process's memory)."""

from iurc_site.fragment_cache import clear_all_caches as clear_caches

__all__ = ["clear_caches"]
