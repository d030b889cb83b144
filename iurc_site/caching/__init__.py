"""Everything the site caches, and what makes it stale. docs/architecture.md draws it.

- `page_cache`: whole anonymous responses per URL, answered before Django's session,
  locale and authentication middleware (and, under gunicorn, before Django builds a
  request at all: `fast_path`);
- `generation`: the page cache's number; bumping it makes every stored page stale;
- `content_version`: the number cached fragments, routes and facet counts are keyed
  by, and `fragments`, the cache that keeps them in each process's memory;
- `invalidation`: the one list of what changes what visitors see, and the one handler
  that bumps both numbers;
- `routing`: Wagtail's routing, site lookup and root paths, cached;
- `release`: the id of the deployed files, part of every key;
- `redis_backend`: django-redis with a circuit breaker for a Redis that hangs;
- `frontend`: Cache-Control for a CDN in front, and its purge on every bump.
"""
