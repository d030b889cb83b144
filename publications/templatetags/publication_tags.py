"""Template tags of the publications library: a pairing's and a region's publications."""

from django import template

from publications import library

register = template.Library()


@register.simple_tag(takes_context=True)
def publications_about(context, pairing, limit=6):
    """{% publications_about page as publications %}: a pairing's action plans and publications."""
    return library.publications_about(pairing, limit, context.get("request"))


@register.simple_tag(takes_context=True)
def latest_publications(context, region=None, limit=3):
    """{% latest_publications region=page as publications %}: the newest of a region."""
    return library.latest_publications(region, limit, context.get("request"))


@register.simple_tag(takes_context=True)
def library_url(context, region=None):
    """The address of a region's library (or the programme's, filtered), or ""."""
    return library.library_url(region, context.get("request"))


@register.filter
def file_format(publication):
    """ "PDF, 1.2 MB"."""
    return library.file_format(publication)
