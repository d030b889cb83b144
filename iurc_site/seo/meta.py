"""What search engines and link previews read about a page: title, description, image.

Every text is the visitor's language: a page's own SEO title or description in that
language when an editor wrote one, else its translated title and introduction. An SEO
text written only in English never shows on a Malay page whose title is in Malay.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from iurc_site.illustrations.captions import alt_text, is_illustration
from iurc_site.illustrations.maps import SIZE as OPEN_GRAPH_SIZE
from iurc_site.illustrations.pages import places_of
from partners.models import Place

logger = logging.getLogger(__name__)
DESCRIPTION_CHARACTERS = 160
SOCIAL_IMAGE_FILTER = "fill-1200x630"
DEFAULT_IMAGE = "img/social-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)


@dataclass
class SocialImage:
    """An image for link previews (Open Graph, Twitter cards)."""

    url: str
    width: int
    height: int
    alt: str


@dataclass
class PageMeta:
    """The SEO and link-preview facts of what is being shown."""

    title: str = ""
    description: str = ""
    og_type: str = "website"
    image: SocialImage | None = None
    locale: str = ""
    alternate_locales: list = field(default_factory=list)
    # Articles (news items): the date they were published, ISO 8601.
    published_time: str = ""


def og_locale(language_code):
    """The Open Graph locale of a site language: "ms" -> "ms_MY"."""
    return settings.OPEN_GRAPH_LOCALES.get(
        language_code, language_code.replace("-", "_")
    )


def own_text(instance, field_name):
    """The field's text in the active language only (no English fallback), or ""."""
    language = get_language() or settings.LANGUAGE_CODE
    return getattr(instance, build_localized_fieldname(field_name, language), "") or ""


def _shorten(text):
    """Plain text of at most DESCRIPTION_CHARACTERS, cut after a word where there are spaces."""
    text = " ".join(strip_tags(str(text or "")).split())
    if len(text) <= DESCRIPTION_CHARACTERS:
        return text
    cut = text[: DESCRIPTION_CHARACTERS - 1]
    head, space, _tail = cut.rpartition(" ")
    if space and len(head) > DESCRIPTION_CHARACTERS * 3 // 4:
        cut = head
    return cut.rstrip(" ,;:·–-") + "…"


def _pairing_description(page):
    places = " · ".join(
        f"{place.name} ({place.country_name})" for place in page.all_places
    )
    return _("%(places)s: a pairing of the IURC programme.") % {"places": places}


def page_description(page):
    """The page's description: its own SEO description, intro, description, or a summary."""
    from regions.models import PairingPage

    for text in (
        own_text(page, "search_description"),
        getattr(page, "intro", ""),
        getattr(page, "description", ""),
    ):
        if _shorten(text):
            return _shorten(text)
    if isinstance(page, PairingPage):
        return _shorten(_pairing_description(page))
    return ""


def place_description(place):
    return _shorten(
        _("%(name)s, %(country)s: its pairings in the IURC programme.")
        % {"name": place.name, "country": place.country_name}
    )


def page_image(page):
    """The page's picture (hero image or image); a pairing without one shows its region's."""
    from regions.models import PairingPage

    for attribute in ("hero_image", "image"):
        image = getattr(page, attribute, None)
        if image is not None:
            return image
    if isinstance(page, PairingPage):
        return getattr(page.region, "hero_image", None)
    return None


def generated_social_image(request, page):
    """The page's generated map (iurc_site/illustrations) if it has places, else None."""
    places = places_of(page)
    if not places:
        return None
    width, height = OPEN_GRAPH_SIZE
    return SocialImage(
        request.build_absolute_uri(
            reverse("open_graph_image", kwargs={"page_id": page.pk})
        ),
        width,
        height,
        alt_text(places, get_language() or settings.LANGUAGE_CODE),
    )


def social_image(request, image=None):
    """A 1200×630 rendition of `image`, or the site's default picture."""
    if image is not None:
        try:
            rendition = image.get_rendition(SOCIAL_IMAGE_FILTER)
        except OSError:  # Wagtail's SourceImageIOError included
            # A missing or unreadable original must not break the page it illustrates.
            logger.warning("No social image rendition of image %s", image.pk)
        else:
            return SocialImage(
                request.build_absolute_uri(rendition.url),
                rendition.width,
                rendition.height,
                image.default_alt_text,
            )
    width, height = DEFAULT_IMAGE_SIZE
    return SocialImage(
        request.build_absolute_uri(static(DEFAULT_IMAGE)),
        width,
        height,
        _(
            "IURC: International Urban and Regional Cooperation, a programme of the European Union"
        ),
    )


def meta_for(request, page=None, place=None):
    """The SEO facts for a page, a place profile, or any other view (site defaults)."""
    language = get_language() or settings.LANGUAGE_CODE
    meta = PageMeta(
        locale=og_locale(language),
        alternate_locales=[
            og_locale(code) for code, _name in settings.LANGUAGES if code != language
        ],
    )
    image = None
    if isinstance(page, Page):
        meta.title = own_text(page, "seo_title") or page.title
        meta.description = page_description(page)
        meta.og_type = "website" if page.depth <= 2 else "article"
        image = page_image(page)
        if request is not None and (image is None or is_illustration(image)):
            generated = generated_social_image(request, page)
            if generated is not None:
                meta.image = generated
        from newsroom.models import CallPage, EventPage, NewsPage

        if isinstance(page, NewsPage):
            meta.published_time = page.date.isoformat()
        elif isinstance(page, EventPage | CallPage):
            # Open Graph has no event type: an event or a call is a website page.
            meta.og_type = "website"
    elif isinstance(place, Place):
        meta.title = place.name
        meta.description = place_description(place)
        # Open Graph has no standard type for a place; a profile page is a website.
    if meta.image is None and request is not None:
        meta.image = social_image(request, image)
    return meta


def publication_meta(request, publication):
    """The SEO facts of a publication's page: its title, summary and cover image."""
    language = get_language() or settings.LANGUAGE_CODE
    return PageMeta(
        title=publication.title,
        description=_shorten(publication.summary),
        # Open Graph's article: a written work, as a report or a brochure is.
        og_type="article",
        image=social_image(request, publication.cover_image),
        locale=og_locale(language),
        alternate_locales=[
            og_locale(code) for code, _name in settings.LANGUAGES if code != language
        ],
    )
