"""Reference-data fields that visitors read, registered for translation."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from partners.models import Organisation, Place, PolicyFramework, Theme


@register(Place)
class PlaceTranslation(TranslationOptions):
    # Only where the name differs (Roma, Milão, 鹿特丹); empty falls back to English.
    fields = ("name",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(PolicyFramework)
class PolicyFrameworkTranslation(TranslationOptions):
    fields = ("name",)
