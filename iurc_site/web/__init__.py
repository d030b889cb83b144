"""The web layer around the pages: health probes, error pages, security headers and
the middleware of our own."""
