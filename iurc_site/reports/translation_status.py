"""Which pages and publications have English text that is not yet translated, and into
which languages.

A field counts when it has English text and is empty in a language (visitors of that
language then read the English text). The fields are those registered for translation
(each app's translation.py) on the page itself; slugs and URL paths are left out, since
they fall back without a visitor noticing. A publication's title and summary count the
same way.
"""

from django.conf import settings
from django.utils.functional import cached_property

from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
OTHER_LANGUAGES = [
    code for code, _name in settings.LANGUAGES if code != DEFAULT_LANGUAGE
]
NOT_READ_BY_VISITORS = {"slug", "url_path"}


def translated_fields(model):
    """The names of the model's translated fields that visitors read."""
    if model not in translator.get_registered_models():
        return []
    names = translator.get_options_for_model(model).get_field_names()
    return [name for name in names if name not in NOT_READ_BY_VISITORS]


def has_text(value):
    """False for None, "", an empty stream or empty rich text."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip()) and value.strip() not in ("<p></p>", "<p><br/></p>")
    try:
        return len(value) > 0
    except TypeError:
        return True


class TranslationStatus:
    """The languages a page (or a publication) is missing, each with the labels of the
    fields concerned."""

    def __init__(self, page):
        self.page = page

    @cached_property
    def missing(self):
        """{language code: [field labels]}, in the order of settings.LANGUAGES."""
        model = type(self.page)
        missing = {}
        for name in translated_fields(model):
            if not has_text(
                getattr(self.page, build_localized_fieldname(name, DEFAULT_LANGUAGE))
            ):
                continue
            label = str(model._meta.get_field(name).verbose_name)
            for code in OTHER_LANGUAGES:
                value = getattr(self.page, build_localized_fieldname(name, code), None)
                if not has_text(value):
                    missing.setdefault(code, []).append(label)
        return {code: missing[code] for code in OTHER_LANGUAGES if code in missing}


def pages_with_missing_translations(pages, language=None):
    """(page, TranslationStatus) for the pages missing `language` (or any language)."""
    result = []
    for page in pages.specific().iterator(chunk_size=500):
        if isinstance(page, Page) and page.depth > 1:
            status = TranslationStatus(page)
            if (language in status.missing) if language else status.missing:
                result.append((page, status))
    return result


def publications_with_missing_translations(publications, language=None):
    """(publication, TranslationStatus) for the publications missing `language` (or any)."""
    result = []
    for publication in publications.order_by("title_en", "pk").iterator(chunk_size=500):
        status = TranslationStatus(publication)
        if (language in status.missing) if language else status.missing:
            result.append((publication, status))
    return result
