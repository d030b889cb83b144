"""{% responsive_image %}: an image as a <picture> with WebP and its own format at several
widths, its width and height set (no layout shift), lazy below the fold.

    {% load responsive_images %}
    {% responsive_image page.hero_image "hero" class="hero-image" %}

Each role keeps the rendition the page showed before as the `src` (the same picture for
browsers that ignore srcset) and adds narrower and wider copies for the browser to choose
from by its viewport and pixel density. Alt text is the image's (or the block's), as with
Wagtail's {% image %}, whose renditions and HTML this uses.
"""

from dataclasses import dataclass
from pathlib import PurePosixPath

from django import template

from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

register = template.Library()

# The original's format for browsers without WebP (a GIF's first frame as PNG).
FALLBACK_FORMATS = {
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
    ".gif": "png",
    ".webp": "jpeg",
    ".avif": "jpeg",
}


@dataclass(frozen=True)
class ImageRole:
    """Where an image is shown: its renditions, how wide it is drawn, how it loads."""

    operation: str  # "fill-{width}x{height}" or "width-{width}"
    widths: tuple  # the first is the `src`, the one the page showed before
    sizes: str  # how wide the image is drawn, for the browser's choice
    ratio: tuple = ()  # (width, height) for fill operations
    above_the_fold: bool = False

    def spec(self, width):
        if self.ratio:
            height = round(width * self.ratio[1] / self.ratio[0])
            return self.operation.format(width=width, height=height)
        return self.operation.format(width=width)


ROLES = {
    # A region's banner, under its title: the largest thing in the first screen.
    "hero": ImageRole(
        "fill-{width}x{height}",
        (1200, 600, 900, 1800),
        "(max-width: 1240px) calc(100vw - 2.5rem), 1200px",
        ratio=(3, 1),
        above_the_fold=True,
    ),
    # A pairing's photo, beside its facts.
    "pairing": ImageRole(
        "width-{width}",
        (1000, 500, 750, 1500),
        "(max-width: 900px) calc(100vw - 2.5rem), 760px",
        above_the_fold=True,
    ),
    # A region card in a grid of cards.
    "card": ImageRole(
        "fill-{width}x{height}",
        (640, 320, 960),
        "(max-width: 640px) calc(100vw - 2.5rem), (max-width: 1000px) 50vw, 400px",
        ratio=(16, 9),
    ),
    # A figure in a page body.
    "figure": ImageRole(
        "width-{width}",
        (1200, 400, 800, 1600),
        "(max-width: 800px) calc(100vw - 2.5rem), 760px",
    ),
}


def fallback_format(image):
    return FALLBACK_FORMATS.get(PurePosixPath(image.file.name).suffix.lower(), "jpeg")


def rendition_specs(image, role):
    """The filter specs of the role's widths that the original is wide enough for, each
    in WebP and in the fallback format (the `src` first)."""
    extra = [width for width in role.widths[1:] if width < (image.width or width + 1)]
    widths = [role.widths[0], *sorted(extra)]
    fallback = fallback_format(image)
    return [
        f"{role.spec(width)}|format-{image_format}"
        for image_format in ("webp", fallback)
        for width in widths
    ]


@register.simple_tag
def responsive_image(image, role_name, **attrs):
    """The <picture> for `image` in the named role (hero, pairing, card, figure)."""
    if not image:
        return ""
    role = ROLES[role_name]
    renditions = get_renditions_or_not_found(image, rendition_specs(image, role))
    attrs = {"sizes": role.sizes, "decoding": "async", **attrs}
    if role.above_the_fold:
        attrs.setdefault("fetchpriority", "high")
    else:
        attrs.setdefault("loading", "lazy")
    return Picture(renditions, attrs)
