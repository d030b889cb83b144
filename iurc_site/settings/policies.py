"""The Content-Security-Policy of the public site, built from the few origins it uses."""

from urllib.parse import urlsplit

from csp.constants import NONE, SELF


def origin_of(url):
    """The scheme://host[:port] of a URL (or URL template), or None when it has none."""
    parts = urlsplit(url.replace("{s}", "a"))
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(tile_url="", media_origins=(), frame_origins=()):
    """CSP directives: this site only, plus the map tiles, media and video embeds used.

    `tile_url` is the optional online map layer (IURC_MAP_TILE_URL, with Leaflet's
    {s} subdomains, allowed as a wildcard); `media_origins` where uploaded images are
    served from when not from this site (S3, a CDN); `frame_origins` the video players
    a page body may embed.
    """
    images = [SELF, "data:", *media_origins]
    if tile_url:
        origin = origin_of(tile_url)
        if origin:
            images.append(
                origin.replace("://a.", "://*.") if "{s}" in tile_url else origin
            )
    return {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": images,
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, *media_origins],
        "frame-src": [SELF, *frame_origins],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
