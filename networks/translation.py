"""Thematic network fields that visitors read, registered for translation.

Page title, slug, SEO title and search description are registered by
wagtail-modeltranslation itself; introduction and body by ContentPage.
"""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from networks.models import (
    NetworkMember,
    ThematicNetworkPage,
    ThematicNetworksIndexPage,
)


@register(ThematicNetworksIndexPage)
class ThematicNetworksIndexPageTranslation(TranslationOptions):
    fields = ()


@register(ThematicNetworkPage)
class ThematicNetworkPageTranslation(TranslationOptions):
    fields = ()


@register(NetworkMember)
class NetworkMemberTranslation(TranslationOptions):
    # The credit names a person or body and stays as it is; a licence can be a sentence.
    fields = ("profile", "photo_licence", "phase_one_link_text")
