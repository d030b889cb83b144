"""Regional fields that visitors read, registered for translation."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from regions.models import (
    PairingExplorerPage,
    PairingPage,
    RegionIndexPage,
    RegionPage,
    RegionTeamMember,
)


@register(RegionIndexPage)
class RegionIndexPageTranslation(TranslationOptions):
    fields = ()


@register(PairingExplorerPage)
class PairingExplorerPageTranslation(TranslationOptions):
    fields = ()


@register(RegionPage)
class RegionPageTranslation(TranslationOptions):
    fields = ("subsite_label",)


@register(RegionTeamMember)
class RegionTeamMemberTranslation(TranslationOptions):
    fields = ("role",)


@register(PairingPage)
class PairingPageTranslation(TranslationOptions):
    fields = ("description",)
