"""WKT as the geometry graph writes it (POINT, MULTIPOLYGON; longitude latitude) to GeoJSON, and
point-in-polygon, for /map and the tests that check where the map puts each zone.

>>> parse_wkt("POINT(120.2 30.1)")
{'type': 'Point', 'coordinates': [120.2, 30.1]}
>>> square = parse_wkt("MULTIPOLYGON(((120 30,121 30,121 31,120 31,120 30)))")
>>> contains(square, 120.5, 30.5), contains(square, 121.5, 30.5)
(True, False)
"""
from __future__ import annotations

import re

__all__ = ["parse_wkt", "contains", "WktError"]

_NUMBER_PAIR = re.compile(r"(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)")


class WktError(ValueError):
    """A WKT literal of a kind or shape /map cannot draw."""


def _ring(text: str) -> list[list[float]]:
    return [[float(x), float(y)] for x, y in _NUMBER_PAIR.findall(text)]


def parse_wkt(text: str) -> dict:
    """A GeoJSON geometry for a POINT, POLYGON or MULTIPOLYGON (an optional <CRS IRI> prefix is dropped)."""
    body = re.sub(r"^\s*<[^>]*>\s*", "", text).strip()
    kind = body.split("(", 1)[0].strip().upper()
    if kind == "POINT":
        [point] = _ring(body) or [None]
        if point is None:
            raise WktError(f"not a point: {text[:60]}")
        return {"type": "Point", "coordinates": point}
    if kind in ("POLYGON", "MULTIPOLYGON"):
        inner = body[body.index("(") + 1: body.rindex(")")]
        if kind == "POLYGON":
            inner = "(" + inner + ")"
        polygons = []
        for polygon in re.findall(r"\(\s*(\(.*?\)(?:\s*,\s*\(.*?\))*)\s*\)", inner):
            polygons.append([_ring(ring) for ring in re.findall(r"\(([^()]*)\)", polygon)])
        if not polygons:
            raise WktError(f"no polygon in {text[:60]}")
        return {"type": "MultiPolygon", "coordinates": polygons}
    raise WktError(f"{kind or text[:20]!r} is not drawn; the map draws POINT, POLYGON and MULTIPOLYGON")


def contains(geometry: dict, x: float, y: float) -> bool:
    """Whether (x, y) lies inside a GeoJSON (Multi)Polygon (even-odd rule, so holes count)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    inside = False
    for polygon in polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
    return inside
