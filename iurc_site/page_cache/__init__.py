"""The anonymous page cache: whole responses per URL (and so per language), shared by
every server process through the cache backend (Redis in production).

- `middleware`: answers a hit before sessions, locale or authentication run, and stores
  what may be shown to every anonymous visitor;
- `generation`: one number that is part of every key; bumping it empties the page cache
  for every language and every process at once;
- `invalidation`: the signals that bump it (publishing, moving, deleting pages, saving
  reference data, site settings, images, redirects).

See README, "Caching".
"""
