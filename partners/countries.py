"""Country names in the visitor's language, from the Unicode CLDR (via Babel).

django-countries validates the ISO codes; its own translations lack Malay, Thai and
plain Portuguese, so names shown to visitors come from here.
"""

from functools import lru_cache

from django.utils.translation import get_language, to_locale

from babel import Locale, UnknownLocaleError


@lru_cache(maxsize=32)
def _territories(language_code):
    try:
        return Locale.parse(to_locale(language_code)).territories
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en").territories


def country_name(code, language_code=None):
    """The name of the country with ISO 3166 code `code`, in the given or active language."""
    if not code:
        return ""
    territories = _territories(language_code or get_language() or "en")
    return territories.get(str(code).upper()) or _territories("en").get(
        str(code).upper(), code
    )
