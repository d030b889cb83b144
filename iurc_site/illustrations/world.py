"""The world's country outlines, decoded from the TopoJSON file the site's map uses."""

import itertools
import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings

COUNTRIES_FILE = (
    Path(settings.BASE_DIR) / "static/vendor/world-atlas/countries-110m.json"
)


def _decode_arcs(topology):
    """Absolute (longitude, latitude) points of each arc (quantized, delta-encoded)."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _ring(arcs, indexes):
    """A ring from arc indexes; ~i means arc i reversed; shared end points are dropped."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


@lru_cache(maxsize=1)
def country_rings():
    """Every country's outer and inner rings, as tuples of (longitude, latitude)."""
    topology = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    rings = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        for polygon in polygons:
            rings.extend(_unwrapped(_ring(arcs, ring)) for ring in polygon)
    return tuple(rings)


def _unwrapped(points):
    """A ring that crosses the 180th meridian, drawn on the east side: no band across."""
    crosses = any(abs(a[0] - b[0]) > 180 for a, b in itertools.pairwise(points))
    if not crosses:
        return tuple(points)
    return tuple((x + 360 if x < 0 else x, y) for x, y in points)
