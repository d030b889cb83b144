"""Publication fields that visitors read, registered for translation."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from publications.models import Publication


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("title", "summary")
