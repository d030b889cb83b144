"""Newsroom fields that visitors read, registered for translation.

Page title, slug, SEO title and search description are registered by
wagtail-modeltranslation itself; introduction and body by ContentPage.
"""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from newsroom.models import (
    Author,
    CallPage,
    EventPage,
    EventsIndexPage,
    NewsIndexPage,
    NewsPage,
)


@register(Author)
class AuthorTranslation(TranslationOptions):
    # A team's name is translated ("IURC América del Norte"); a person's stays as it is.
    fields = ("name", "role")


@register(NewsIndexPage)
class NewsIndexPageTranslation(TranslationOptions):
    fields = ()


@register(NewsPage)
class NewsPageTranslation(TranslationOptions):
    fields = ("hero_caption",)


@register(EventsIndexPage)
class EventsIndexPageTranslation(TranslationOptions):
    fields = ()


@register(EventPage)
class EventPageTranslation(TranslationOptions):
    fields = ("venue", "agenda", "hero_caption")


@register(CallPage)
class CallPageTranslation(TranslationOptions):
    fields = ("eligibility",)
