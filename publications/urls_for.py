"""Where a visitor reads a publication: the address search results link to."""


def public_urls(pairs, request=None):
    """{(publication id, language code): address} for (publication, language) pairs: the
    publication's page in its library in that language, or the file itself (Wagtail's
    serve view, /documents/<id>/<name>) where no library is published."""
    from publications.pages import page_urls

    if not pairs:
        return {}
    pages = page_urls(pairs, request)
    return {
        (publication.pk, language): pages[(publication.pk, language)] or publication.url
        for publication, language in pairs
    }


def public_url(publication, request=None):
    """The address of one publication in the active language (see public_urls)."""
    from django.utils.translation import get_language

    language = get_language()
    return public_urls([(publication, language)], request)[(publication.pk, language)]
