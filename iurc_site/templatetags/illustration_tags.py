"""Template tags for generated illustrations (iurc_site/illustrations)."""

from django import template
from django.utils.translation import get_language

from iurc_site.illustrations.captions import caption, is_illustration
from iurc_site.illustrations.pages import places_of

register = template.Library()


@register.filter(name="is_illustration")
def is_illustration_filter(image):
    """{% if page.image|is_illustration %}: a generated map rather than a photo."""
    return is_illustration(image)


@register.simple_tag
def illustration_caption(page):
    """The caption of the page's generated map, in the visitor's language."""
    return caption(places_of(page), get_language() or "en")
