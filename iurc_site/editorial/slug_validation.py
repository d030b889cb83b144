"""The check that a page's slug in each language is free among its siblings, in the database.

wagtail-modeltranslation runs this check on every full clean of a page (every publish),
and does it by loading every sibling page into Python: under a region with thousands of
pairings, thousands of rows per save, which made importing pairings cost more per row
the more pairings a region had. This version asks the database for the few siblings
whose slug in some language equals one of the page's, and applies the same rule: in
each language, a slug (or, where a page has none in that language, its English slug)
must differ from every sibling's.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
SLUG_FIELDS = {code: build_localized_fieldname("slug", code) for code in LANGUAGE_CODES}
DEFAULT_SLUG_FIELD = SLUG_FIELDS[settings.MODELTRANSLATION_DEFAULT_LANGUAGE]


def _slug_in(values, code):
    """The slug a page answers to in that language: its own, else the English one."""
    return values.get(SLUG_FIELDS[code]) or values.get(DEFAULT_SLUG_FIELD) or ""


def validate_translated_slugs(page):
    """{slug_<lang>: message} for each language whose slug a sibling already uses."""
    parent = page.get_parent()
    if parent is None:
        return {}
    own = {field: getattr(page, field, None) for field in SLUG_FIELDS.values()}
    wanted = {code: _slug_in(own, code) for code in LANGUAGE_CODES}
    candidates = {slug for slug in wanted.values() if slug}
    if not candidates:
        return {}
    siblings = parent.get_children()
    if page.pk:
        siblings = siblings.exclude(pk=page.pk)
    clashing = siblings.filter(
        reduce(
            or_, [Q(**{f"{field}__in": candidates}) for field in SLUG_FIELDS.values()]
        )
    ).values(*SLUG_FIELDS.values())
    errors = {}
    for sibling in clashing:
        for code in LANGUAGE_CODES:
            if wanted[code] and _slug_in(sibling, code) == wanted[code]:
                errors[SLUG_FIELDS[code]] = _("This slug is already in use")
    return errors
