"""Publication fields that visitors read, registered for translation.

The library page's title, slug and SEO fields are registered by
wagtail-modeltranslation itself; introduction and body by ContentPage.
"""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from publications.models import Publication, PublicationsLibraryPage


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(PublicationsLibraryPage)
class PublicationsLibraryPageTranslation(TranslationOptions):
    fields = ()
