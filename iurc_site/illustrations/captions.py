"""The texts that go with an illustration: alt text, caption and credit, per language."""

from pathlib import PurePosixPath

from django.utils.translation import gettext, override

FILE_PREFIX = "iurc-illustration-"
# The country outlines' source; shown as "Map data: Natural Earth".
ILLUSTRATION_CREDIT = "Natural Earth"


def illustration_file_name(page):
    """The stored illustration's file name and title: stable for a page."""
    return f"{FILE_PREFIX}page-{page.pk}.png"


def is_illustration(image):
    """Whether a stored image is a generated illustration (not a photo)."""
    name = getattr(getattr(image, "file", None), "name", "") or ""
    return PurePosixPath(name).name.startswith(FILE_PREFIX)


NAMED_PLACES = 6  # a longer list is cut: "map of A, B, ... and other places"


def place_names(places, language_code):
    """The places' names in the language, as a list a reader of it expects."""
    with override(language_code):
        names = [str(place.name) for place in places[:NAMED_PLACES]]
        separator = "、" if language_code.startswith("zh") else ", "
        return separator.join(names)


def alt_text(places, language_code):
    """ "Map of Umeå, Seattle", in the language."""
    with override(language_code):
        names = {"places": place_names(places, language_code)}
        if len(places) > NAMED_PLACES:
            return gettext("Map of %(places)s and other places") % names
        return gettext("Map of %(places)s") % names


def caption(places, language_code):
    """The caption saying the illustration is generated, in the language."""
    with override(language_code):
        names = {"places": place_names(places, language_code)}
        if len(places) > NAMED_PLACES:
            return (
                gettext(
                    "Illustration generated from the programme's data: map of "
                    "%(places)s and other places"
                )
                % names
            )
        return (
            gettext(
                "Illustration generated from the programme's data: map of %(places)s"
            )
            % names
        )
