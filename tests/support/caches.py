"""Emptying every cache alias (the fragments cache keeps a copy in this process's memory)."""

from django.core.cache import caches


def clear_caches():
    for backend in caches.all():
        backend.clear()
