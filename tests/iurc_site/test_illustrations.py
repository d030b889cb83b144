"""Generated illustrations: a map of a page's places, with its names in the page's
language, stored for the demo pages and shown to link previews (Open Graph)."""

import io

from django.conf import settings
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw

from iurc_site.illustrations import fonts
from iurc_site.illustrations.captions import is_illustration
from iurc_site.illustrations.maps import MapPlace, place_map
from newsroom.models import EventPage, NewsPage
from regions.models import PairingPage

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
UMEA = MapPlace("Umeå", 63.83, 20.26)
SEATTLE = MapPlace("Seattle", 47.61, -122.33)
PRIVATE_USE = "\ue000"  # in no font: what the font draws for a missing glyph


def glyph_mask(text_font, character):
    """The pixels of one character drawn alone."""
    canvas = Image.new("L", (120, 120))
    ImageDraw.Draw(canvas).text((40, 40), character, font=text_font, fill=255)
    return canvas.tobytes()


@pytest.mark.parametrize(
    ("language_code", "name"),
    [("th", "เชียงใหม่"), ("zh-hans", "成都"), ("vi", "Đà Nẵng"), ("en", "Umeå")],
)
def test_place_names_are_drawn_with_real_glyphs_in_their_language(language_code, name):
    text_font = fonts.font(language_code, 40, bold=True)
    missing = glyph_mask(text_font, PRIVATE_USE)

    for character in name:
        assert glyph_mask(text_font, character) != missing, character
    assert fonts.font_file(language_code, bold=True) is not None


def test_the_same_places_give_the_same_bytes_and_other_places_other_bytes():
    first = place_map([UMEA, SEATTLE], title="Umeå – Seattle")
    again = place_map([UMEA, SEATTLE], title="Umeå – Seattle")
    other = place_map([UMEA], title="Umeå")

    assert first == again
    assert first != other
    assert Image.open(io.BytesIO(first)).size == (1200, 630)


def test_a_missing_font_gives_plainer_text_not_an_error(monkeypatch):
    nothing = {script: [] for script in fonts.CANDIDATES}
    monkeypatch.setattr(fonts, "CANDIDATES", nothing)
    monkeypatch.setattr(fonts, "BOLD_CANDIDATES", nothing)
    monkeypatch.setattr(fonts.shutil, "which", lambda _name: None)
    fonts.font_file.cache_clear()
    fonts.font.cache_clear()
    try:
        png = place_map([UMEA, SEATTLE], title="ลียง – เชียงใหม่", language="th")
    finally:
        fonts.font_file.cache_clear()
        fonts.font.cache_clear()

    assert Image.open(io.BytesIO(png)).size == (1200, 630)


@pytest.mark.django_db
def test_every_demo_pairing_news_item_and_event_has_a_generated_map_with_alt_text():
    pages = [
        *PairingPage.objects.live(),
        *NewsPage.objects.live(),
        *EventPage.objects.live(),
    ]

    assert pages
    for page in pages:
        image = page.image if isinstance(page, PairingPage) else page.hero_image
        assert image is not None and is_illustration(image), page
        for code in LANGUAGE_CODES:
            assert getattr(image, f"description_{code.replace('-', '_')}"), code
    for item in [*NewsPage.objects.live(), *EventPage.objects.live()]:
        assert item.hero_credit == "Natural Earth"
        for code in LANGUAGE_CODES:
            assert getattr(item, f"hero_caption_{code.replace('-', '_')}")


@pytest.mark.django_db
@pytest.mark.parametrize("language_code", ["en", "th"])
def test_an_events_map_shows_its_venue_on_the_page_its_card_and_link_previews(
    client, language_code
):
    """An event held in a place is illustrated by a map of that place: on its page with
    a caption naming it in the visitor's language, on its card, and as its Open Graph
    picture."""
    visit = EventPage.objects.live().exclude(place=None).first()
    with translation.override(language_code):
        url, index_url = visit.url, visit.get_parent().url
        place_name = str(visit.place.name)

    document = BeautifulSoup(client.get(url).content, "html.parser")

    figure = document.select_one("figure.news-hero")
    assert place_name in figure.select_one("img.hero-image")["alt"]
    assert place_name in figure.select_one("figcaption").get_text()
    assert open_graph(document, "og:image") == (
        f"http://testserver/{language_code}/og/{visit.pk}.png"
    )
    listing = BeautifulSoup(client.get(f"{index_url}?when=past").content, "html.parser")
    card = next(
        card
        for card in listing.select(".event-card")
        if card.select_one(f'a[href="{url}"]')
    )
    assert place_name in card.select_one("img.card__image")["alt"]


@pytest.mark.django_db
def test_a_pairings_alt_text_and_caption_name_its_places_in_the_visitors_language(
    client, demo_page
):
    pairing = demo_page("/regions/latin-america/seville-vitoria/")
    with translation.override("zh-hans"):
        names = [str(place.name) for place in pairing.all_places]
        url = pairing.url

    document = BeautifulSoup(client.get(url).content, "html.parser")

    image = document.select_one("figure img.hero-image")
    caption = document.select_one("figure figcaption").get_text()
    for name in names:
        assert name in image["alt"] and name in caption
    assert "Natural Earth" in caption


def open_graph(document, name):
    tag = document.find("meta", property=name)
    return tag["content"] if tag else None


@pytest.mark.django_db
@pytest.mark.parametrize("language_code", ["en", "th", "zh-hans"])
def test_a_page_without_a_photo_shows_its_map_to_link_previews(
    client, demo_page, language_code
):
    pairing = demo_page("/regions/latin-america/seville-vitoria/")
    with translation.override(language_code):
        url = pairing.url
        names = [str(place.name) for place in pairing.all_places]

    document = BeautifulSoup(client.get(url).content, "html.parser")

    image_url = open_graph(document, "og:image")
    assert image_url == f"http://testserver/{language_code}/og/{pairing.pk}.png"
    assert open_graph(document, "og:image:width") == "1200"
    assert open_graph(document, "og:image:height") == "630"
    assert all(name in open_graph(document, "og:image:alt") for name in names)
    response = client.get(image_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)


@pytest.mark.django_db
def test_the_map_is_drawn_once_then_served_from_the_cache(
    client, demo_page, monkeypatch
):
    from iurc_site.illustrations import views

    pairing = demo_page("/regions/latin-america/seville-vitoria/")
    calls = []
    original = views.page_map
    monkeypatch.setattr(
        views, "page_map", lambda *args, **kw: calls.append(1) or original(*args, **kw)
    )

    first = client.get(f"/en/og/{pairing.pk}.png").content
    second = client.get(f"/en/og/{pairing.pk}.png").content

    assert first == second and len(calls) == 1


@pytest.mark.django_db
def test_a_photo_is_kept_as_the_preview_image(client, demo_page):
    import wagtail_factories

    news = NewsPage.objects.live().exclude(places=None).first()
    news.hero_image = wagtail_factories.ImageFactory(
        description="Study visit", file__width=1600, file__height=1000
    )
    news.save_revision().publish()

    document = BeautifulSoup(client.get(news.url).content, "html.parser")

    assert "fill-1200x630" in open_graph(document, "og:image")
    assert open_graph(document, "og:image:alt") == "Study visit"


@pytest.mark.django_db
def test_no_map_for_an_unknown_a_draft_or_a_private_page(client, demo_page):
    draft = PairingPage.objects.live().order_by("path")[1]
    draft.unpublish()
    private = PairingPage.objects.live().order_by("path")[2]
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    about = demo_page("/about/")  # no places to map

    for page_id in (999999, draft.pk, private.pk, about.pk):
        response = client.get(f"/en/og/{page_id}.png")
        assert response.status_code == 404, page_id
    assert client.get("/en/og/abc.png").status_code == 404


@pytest.mark.django_db
def test_loading_the_demo_content_again_stores_no_second_image():
    from django.core.management import call_command

    before = get_image_model().objects.count()

    call_command("load_demo_content", verbosity=0)

    assert get_image_model().objects.count() == before


CONTENT_PAGES = [
    "/",
    "/regions/latin-america/",
    "/regions/latin-america/seville-vitoria/",
    "/news/",
    "/regions/latin-america/news/study-visit-umea-punta-arenas-may-27-30/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("language_code", ["en", "th", "zh-hans", "ms"])
def test_every_content_image_has_alt_text_in_the_visitors_language(
    client, demo_page, language_code
):
    for path in CONTENT_PAGES:
        page = demo_page(path)
        with translation.override(language_code):
            url = page.url
        document = BeautifulSoup(client.get(url).content, "html.parser")
        images = document.select("main img")
        for image in images:
            assert image.get("alt", "").strip(), (url, image.get("src"))
        if path != "/":
            assert images, url  # the demo pages do show pictures


@pytest.mark.django_db
def test_alt_text_falls_back_to_english_where_a_language_has_none(client, demo_page):
    pairing = demo_page("/regions/latin-america/seville-vitoria/")
    image = pairing.image
    image.description_th = ""
    image.save()
    with translation.override("th"):
        url = pairing.url

    document = BeautifulSoup(client.get(url).content, "html.parser")

    assert document.select_one("main img.hero-image")["alt"] == image.description_en
