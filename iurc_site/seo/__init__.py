"""Search engines and link previews: meta tags (meta), structured data (JSON-LD),
sitemaps with hreflang alternates, robots.txt (views)."""
