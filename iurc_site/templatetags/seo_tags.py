"""Template tags for what search engines and link previews read (iurc_site.seo)."""

from django import template
from django.utils.translation import get_language

from wagtail.models import Page, Site

from iurc_site.caching import content_version
from iurc_site.seo import meta as seo
from iurc_site.seo import structured_data
from partners.models import Place

register = template.Library()
FACTS_CACHE_SECONDS = 60 * 60


def _shown(context):
    """The page or place that the template shows, if any."""
    page = context.get("page")
    page = page if isinstance(page, Page) and page.pk else None
    place = context.get("place")
    return page, place if isinstance(place, Place) else None


def _published(request, name, instance, compute):
    """compute(), cached per object and language under the content version.

    What search engines read about a page or place depends only on published content
    (a pairing's description names its places, its picture may be its region's).
    """
    return content_version.cached_for(
        request,
        # Pages and places number their rows apart.
        [name, instance._meta.label_lower, instance.pk, get_language()],
        compute,
        FACTS_CACHE_SECONDS,
    )


@register.simple_tag(takes_context=True)
def page_meta(context):
    """{% page_meta as meta %}: title, description, image and locales of the view."""
    page, place = _shown(context)
    request = context.get("request")

    def meta():
        return seo.meta_for(request, page=page, place=place)

    shown = page or place
    return meta() if shown is None else _published(request, "meta", shown, meta)


def cached_site_facts(request):
    """The site settings that structured data names (e-mail, social links), cached."""
    from iurc_site.models import SiteSettings

    site = Site.find_for_request(request)

    def read_facts():
        site_settings = SiteSettings.load(request)
        return structured_data.SiteFacts(
            contact_email=site_settings.contact_email,
            same_as=[link.url for link in site_settings.social_links.all()],
        )

    return content_version.cached(
        ["site-facts", site.pk if site else 0], read_facts, FACTS_CACHE_SECONDS
    )


@register.simple_tag(takes_context=True)
def structured_data_for_view(context):
    """The schema.org JSON-LD of the home page, a pairing, a news item, an event, a
    thematic network or a place profile ("" otherwise)."""
    from iurc_site.models import HomePage
    from networks.models import ThematicNetworkPage
    from newsroom.models import EventPage, NewsPage
    from regions.models import PairingPage

    request = context.get("request")
    page, place = _shown(context)
    if request is None:
        return ""
    if page is not None:
        page = page.specific
        if isinstance(page, HomePage):
            return structured_data.json_ld(
                structured_data.home_data(request, page, cached_site_facts(request))
            )
        if isinstance(page, PairingPage):

            def pairing_json_ld():
                site = Site.find_for_request(request)
                home = site.root_page.specific if site else None
                return structured_data.json_ld(
                    structured_data.pairing_data(request, page, home)
                )

            return _published(request, "pairing-json-ld", page, pairing_json_ld)
        if isinstance(page, NewsPage):

            def news_json_ld():
                site = Site.find_for_request(request)
                home = site.root_page.specific if site else None
                return structured_data.json_ld(
                    structured_data.news_article_data(request, page, home)
                )

            return _published(request, "news-json-ld", page, news_json_ld)
        if isinstance(page, EventPage):

            def event_json_ld():
                site = Site.find_for_request(request)
                home = site.root_page.specific if site else None
                return structured_data.json_ld(
                    structured_data.event_data(request, page, home)
                )

            return _published(request, "event-json-ld", page, event_json_ld)
        if isinstance(page, ThematicNetworkPage):

            def network_json_ld():
                site = Site.find_for_request(request)
                home = site.root_page.specific if site else None
                return structured_data.json_ld(
                    structured_data.network_data(request, page, home)
                )

            return _published(request, "network-json-ld", page, network_json_ld)
        return ""
    if place is not None:
        return _published(
            request,
            "place-json-ld",
            place,
            lambda: structured_data.json_ld(
                structured_data.place_profile_data(request, place)
            ),
        )
    return ""


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The absolute address of this view in the active language (as rel=canonical says)."""
    from iurc_site.templatetags.iurc_tags import language_links

    request = context.get("request")
    for link in language_links(context):
        if link.is_current and link.url and request is not None:
            return request.build_absolute_uri(link.url)
    return ""
