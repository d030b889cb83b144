"""Where a visitor reads a publication: the address search results link to."""


def public_url(publication, request=None):
    """The publication's page in its library, in the active language; the file itself
    (Wagtail's serve view, /documents/<id>/<name>) where no library is published."""
    from publications.pages import attach_urls

    [publication] = attach_urls([publication], request)
    return publication.page_url or publication.url
