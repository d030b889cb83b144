"""Programme-level fields that visitors read, registered for translation.

Page title, slug, SEO title and search description are registered by
wagtail-modeltranslation itself.
"""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from iurc_site.models import (
    ContentPage,
    HomePage,
    PhaseSubsiteLink,
    ProgrammePhasePage,
    SiteImage,
    SiteSettings,
    StandardPage,
    Testimonial,
)


@register(ContentPage)
class ContentPageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ()


@register(StandardPage)
class StandardPageTranslation(TranslationOptions):
    fields = ()


@register(ProgrammePhasePage)
class ProgrammePhasePageTranslation(TranslationOptions):
    fields = ("funding_instrument", "round_name")


@register(PhaseSubsiteLink)
class PhaseSubsiteLinkTranslation(TranslationOptions):
    fields = ("label",)


@register(Testimonial)
class TestimonialTranslation(TranslationOptions):
    fields = ("quote", "role")


@register(SiteImage)
class SiteImageTranslation(TranslationOptions):
    fields = ("description",)


@register(SiteSettings)
class SiteSettingsTranslation(TranslationOptions):
    fields = ("footer_text", "funding_notice")
