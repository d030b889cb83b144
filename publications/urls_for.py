"""Where a visitor reads a publication: the address search results link to."""


def public_url(publication):
    """The publication's public address.

    For now the document's own address (Wagtail's serve view, /documents/<id>/<name>);
    it becomes the publication's page in the library once that route exists.
    """
    return publication.url
