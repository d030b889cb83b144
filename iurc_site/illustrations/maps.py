"""A map of the places a page is about: country outlines, a dot per place, names, a title.

    png = place_map([MapPlace("Umeå", 63.83, 20.26), ...], title="...", language="en")

The same input always gives the same bytes (no time stamp, no randomness), so that the
demo loader can tell an illustration it already stored.
"""

import io
import math
from dataclasses import dataclass

from PIL import Image, ImageDraw

from iurc_site.illustrations.fonts import font
from iurc_site.illustrations.world import country_rings

# The programme's colours (static/css/site.css).
EU_BLUE = "#003399"
EU_BLUE_DARK = "#0b1f4b"
EU_YELLOW = "#ffcc00"
INK = "#1b2333"
LINE = "#d9dee8"
PAPER = "#ffffff"
SEA = "#dfe7f5"

SIZE = (1200, 630)  # Open Graph's size; hero (3:1) and card crops keep the middle
SUPERSAMPLE = 2  # drawn twice as large, then reduced: smooth edges
# The places are fitted into this middle part, so that crops keep them all.
INNER_WIDTH, INNER_HEIGHT = 0.56, 0.4
MIN_SPAN = 14.0  # degrees: a single place still shows its surroundings


@dataclass(frozen=True)
class MapPlace:
    name: str
    latitude: float
    longitude: float


class _Projection:
    """Equirectangular, with longitudes shrunk by the cosine of the middle latitude."""

    def __init__(self, places, width, height, title_height):
        longitudes = [place.longitude for place in places] or [10.0]
        latitudes = [place.latitude for place in places] or [50.0]
        west, east = min(longitudes), max(longitudes)
        south, north = min(latitudes), max(latitudes)
        self.shrink = max(math.cos(math.radians((north + south) / 2)), 0.2)
        span_x = max((east - west) * self.shrink, MIN_SPAN)
        span_y = max(north - south, MIN_SPAN / 2)
        map_height = height - title_height
        self.scale = min(
            width * INNER_WIDTH / span_x, map_height * INNER_HEIGHT / span_y
        )
        self.centre_x = (west + east) / 2 * self.shrink
        self.centre_y = (north + south) / 2
        self.offset_x = width / 2
        self.offset_y = map_height / 2

    def __call__(self, longitude, latitude):
        return (
            self.offset_x + (longitude * self.shrink - self.centre_x) * self.scale,
            self.offset_y - (latitude - self.centre_y) * self.scale,
        )


def _draw_countries(draw, project, width, height):
    for ring in country_rings():
        points = [project(longitude, latitude) for longitude, latitude in ring]
        xs = [x for x, _y in points]
        ys = [y for _x, y in points]
        if max(xs) < 0 or min(xs) > width or max(ys) < 0 or min(ys) > height:
            continue
        if len(points) >= 3:
            draw.polygon(points, fill=PAPER, outline=LINE, width=SUPERSAMPLE)


def _label_position(draw, text, text_font, x, y, radius, width):
    left, top, right, bottom = draw.textbbox((0, 0), text, font=text_font)
    text_width, text_height = right - left, bottom - top
    gap = radius * 1.6
    if x + gap + text_width < width - gap:
        return x + gap - left, y - text_height / 2 - top
    return x - gap - text_width - left, y - text_height / 2 - top


def place_map(
    places, *, title="", language="en", labels=True, place_labels=None, size=SIZE
):
    """PNG bytes of a map of `places` (MapPlace); names and title only when `labels`
    (place_labels=False leaves out the places' names but keeps the title)."""
    place_labels = labels if place_labels is None else place_labels
    width, height = (side * SUPERSAMPLE for side in size)
    title_height = round(height * 0.16) if labels and title else 0
    image = Image.new("RGB", (width, height), SEA)
    draw = ImageDraw.Draw(image)
    project = _Projection(places, width, height, title_height)
    _draw_countries(draw, project, width, height - title_height)

    radius = (9 if len(places) <= 8 else 6) * SUPERSAMPLE
    points = [project(place.longitude, place.latitude) for place in places]
    if 1 < len(points) <= 4:  # a pair or a trio: joined up
        draw.line(points, fill=EU_BLUE, width=2 * SUPERSAMPLE, joint="curve")
    for x, y in points:
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=EU_YELLOW,
            outline=EU_BLUE,
            width=3 * SUPERSAMPLE,
        )
    if place_labels:
        label_font = font(language, 26 * SUPERSAMPLE, bold=True)
        for place, (x, y) in zip(places, points, strict=True):
            position = _label_position(
                draw, place.name, label_font, x, y, radius, width
            )
            draw.text(
                position,
                place.name,
                font=label_font,
                fill=INK,
                stroke_width=4 * SUPERSAMPLE,
                stroke_fill=PAPER,
            )
    if title_height:
        top = height - title_height
        draw.rectangle((0, top, width, height), fill=EU_BLUE_DARK)
        draw.rectangle((0, top, width, top + 3 * SUPERSAMPLE), fill=EU_YELLOW)
        title_font = font(language, 30 * SUPERSAMPLE, bold=True)
        text = _fit(draw, title, title_font, width - 80 * SUPERSAMPLE)
        left, text_top, _right, bottom = draw.textbbox((0, 0), text, font=title_font)
        draw.text(
            (
                40 * SUPERSAMPLE - left,
                top + (title_height - (bottom - text_top)) / 2 - text_top,
            ),
            text,
            font=title_font,
            fill=PAPER,
        )

    image = image.resize(size, Image.Resampling.LANCZOS)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def _fit(draw, text, text_font, max_width):
    """The text, cut with an ellipsis where it is wider than max_width."""
    if draw.textlength(text, font=text_font) <= max_width:
        return text
    while text and draw.textlength(text + "…", font=text_font) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"
