"""Demo illustrations: each demo pairing, news item and event without a picture gets a
map of its places (iurc_site/illustrations), stored as a Wagtail image with alt text in
every language; news items and events also get a caption in every language and a credit.

An image is found again by its title (a stable key made from the page's English slug),
so loading twice stores no second image, and a page that has a picture keeps it.
"""

from io import BytesIO

from django.conf import settings
from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Collection

from iurc_site.illustrations.captions import (
    ILLUSTRATION_CREDIT,
    alt_text,
    caption,
    illustration_file_name,
)
from iurc_site.illustrations.pages import page_map, places_of
from newsroom.models import EventPage, NewsPage
from regions.models import PairingPage

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
COLLECTION_NAME = "Generated illustrations"


def _collection():
    existing = Collection.objects.filter(name=COLLECTION_NAME).first()
    if existing is not None:
        return existing
    return Collection.get_first_root_node().add_child(name=COLLECTION_NAME)


def illustration_for(loader, page, collection):
    """The stored illustration of the page: found by its title, else made and stored."""
    from iurc_site.demo_content.loader import localized

    image_model = get_image_model()
    key = illustration_file_name(page)
    image = image_model.objects.filter(title=key).first()
    if image is not None:
        return image
    places = places_of(page)
    image = image_model(title=key, collection=collection)
    for code in LANGUAGE_CODES:
        setattr(image, localized("description", code), alt_text(places, code))
    image.file = ImageFile(BytesIO(page_map(page, labels=False)), name=key)
    image.save()
    loader.report.add(f"illustration {key}")
    return image


def load_illustrations(loader, demo_pages):
    """Give each demo pairing, news item and event that has places and no picture its map."""
    from iurc_site.demo_content.loader import localized

    collection = None
    ids = [page.pk for page in demo_pages]
    pairings = PairingPage.objects.filter(
        pk__in=ids, image__isnull=True
    ).prefetch_related("eu_places__place", "partner_places__place")
    news = NewsPage.objects.filter(pk__in=ids, hero_image__isnull=True)
    news = news.prefetch_related("places")
    events = EventPage.objects.filter(pk__in=ids, hero_image__isnull=True)
    events = events.select_related("place")
    pages = [*pairings.order_by("path"), *news.order_by("path")]
    for page in [*pages, *events.order_by("path")]:
        if not page.live or page.has_unpublished_changes:
            continue  # an editor's draft is not overwritten
        places = places_of(page)
        if not places:
            continue
        collection = collection or _collection()
        image = illustration_for(loader, page, collection)
        if isinstance(page, PairingPage):
            page.image = image
        else:
            page.hero_image = image
            page.hero_credit = ILLUSTRATION_CREDIT
            for code in LANGUAGE_CODES:
                setattr(page, localized("hero_caption", code), caption(places, code))
        page.save_revision(log_action=True).publish()
