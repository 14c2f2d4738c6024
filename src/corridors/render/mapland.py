"""The base map drawn: land, coasts, borders, a graticule and the names of countries and seas.

Land, coasts, borders and country names come from Natural Earth (public domain), bundled
(see basemap.py); the sea names are placed by hand.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from corridors.render.basemap import Basemap
from corridors.render.labels import LabelRequest, PlacedLabel
from corridors.render.projection import Frame
from corridors.render.svgbase import (
    BORDER,
    CAPS_WIDTH,
    COAST,
    LAND,
    SEA,
    Bbox,
    Box,
    Point,
    _fmt,
    _points,
    xml_text,
)

# Hand-placed sea names (not from Natural Earth): name, lon, lat.
SEAS = (
    ("Caspian Sea", 50.6, 41.7),
    ("Black Sea", 34.3, 43.2),
    ("Mediterranean Sea", 17.5, 35.0),
    ("Baltic Sea", 19.3, 56.6),
    ("North Sea", 3.5, 56.0),
    ("Red Sea", 38.6, 20.8),
    ("Arabian Sea", 63.0, 15.0),
    ("Bay of Bengal", 88.5, 14.5),
    ("South China Sea", 114.0, 14.0),
    ("Indian Ocean", 75.0, -10.0),
    ("Atlantic Ocean", -13.0, 8.0),
    ("Persian Gulf", 51.5, 26.8),
    ("Yellow Sea", 123.0, 35.5),
)


def _thin(points: list[Point], tolerance: float) -> list[Point]:
    """Drop points within `tolerance` px of the last one kept (ends kept): pixels, not data."""
    if len(points) < 3:
        return points
    kept = [points[0]]
    for p in points[1:-1]:
        if abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= tolerance:
            kept.append(p)
    kept.append(points[-1])
    return kept


def _basemap(basemap: Basemap, frame: Frame, near: Box) -> tuple[list[str], list[LabelRequest]]:
    """Land (one path), borders and coasts (one path each), and a name request per country."""
    cache: dict[int, list[Point]] = {}
    bounds: dict[int, Box] = {}

    def arc(i: int) -> list[Point]:
        if i not in cache:
            cache[i] = _thin([frame.px(lon, lat) for lon, lat in basemap.arcs[i]], 0.8)
            xs, ys = [p[0] for p in cache[i]], [p[1] for p in cache[i]]
            bounds[i] = Box(min(xs), min(ys), max(xs), max(ys))
        return cache[i]

    def ring_px(ring: tuple[int, ...]) -> list[Point]:
        points: list[Point] = []
        for a in ring:
            line = arc(a if a >= 0 else ~a)
            line = line if a >= 0 else line[::-1]
            points.extend(line[1:] if points else line)
        return points

    land: list[str] = []
    requests: list[LabelRequest] = []
    box = frame.box
    for country in basemap.countries:
        best: tuple[float, Point] | None = None
        for polygon in country.polygons:
            for r, ring in enumerate(polygon):
                points = ring_px(ring)
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                if not Box(min(xs), min(ys), max(xs), max(ys)).overlaps(near):
                    continue
                land.append("M" + "L".join(f"{_fmt(x)} {_fmt(y)}" for x, y in points) + "Z")
                if r == 0:
                    area, centre = _clipped_centroid(points, box)
                    if area > 0 and (best is None or area > best[0]):
                        best = (area, centre)
        if best is not None and (request := _country_label(country.name, *best)):
            requests.append(request)
    uses = basemap.arc_uses()
    borders: list[str] = []
    coasts: list[str] = []
    for i, count in sorted(uses.items()):
        if i not in bounds or not bounds[i].overlaps(near):
            continue
        d = "M" + "L".join(f"{_fmt(x)} {_fmt(y)}" for x, y in cache[i])
        (borders if count > 1 else coasts).append(d)
    requests += [
        LabelRequest("sea:" + n, *frame.px(lon, lat), n, (7, 0), 11.0, True, 0.55) for n, lon, lat in SEAS
    ]
    return [
        f'<path d="{"".join(land)}" fill="{LAND}" fill-rule="evenodd" stroke="none"/>',
        f'<path d="{"".join(coasts)}" fill="none" stroke="{COAST}" stroke-width="0.8"/>',
        f'<path d="{"".join(borders)}" fill="none" stroke="{BORDER}" stroke-width="0.9" '
        'stroke-dasharray="4 1.5"/>',
    ], requests


def _country_label(name: str, area: float, centre: Point) -> LabelRequest | None:
    """The country's name in capitals at the centre of its largest piece on the map, if it fits."""
    text = name.upper()
    size = 10.0
    width = CAPS_WIDTH * size * len(text)
    if area <= (width * 2.2) ** 2 * 0.35:
        return None
    return LabelRequest("country:" + name, *centre, text, (8, -area), size, True, CAPS_WIDTH)


def _clipped_centroid(points: Sequence[Point], box: Box) -> tuple[float, Point]:
    """Area and centroid of the ring clipped to the box (Sutherland-Hodgman); 0 if the centre is off-land."""
    ring = list(points)
    edges: tuple[tuple[Callable[[Point], bool], Callable[[Point, Point], Point]], ...] = (
        (lambda p: p[0] >= box.x0, lambda a, b: _cut_x(a, b, box.x0)),
        (lambda p: p[0] <= box.x1, lambda a, b: _cut_x(a, b, box.x1)),
        (lambda p: p[1] >= box.y0, lambda a, b: _cut_y(a, b, box.y0)),
        (lambda p: p[1] <= box.y1, lambda a, b: _cut_y(a, b, box.y1)),
    )
    for keep, cut in edges:
        if not ring:
            break
        clipped: list[Point] = []
        for i, p in enumerate(ring):
            q = ring[i - 1]
            if keep(p):
                if not keep(q):
                    clipped.append(cut(q, p))
                clipped.append(p)
            elif keep(q):
                clipped.append(cut(q, p))
        ring = clipped
    if len(ring) < 3:
        return 0.0, (0.0, 0.0)
    a = cx = cy = 0.0
    for i, (x1, y1) in enumerate(ring):
        x2, y2 = ring[(i + 1) % len(ring)]
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(a) < 1e-9:
        return 0.0, (0.0, 0.0)
    centre = (cx / (3 * a), cy / (3 * a))
    return (abs(a) / 2, centre) if _contains(ring, centre) else (0.0, centre)


def _cut_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cut_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def _contains(ring: Sequence[Point], p: Point) -> bool:
    inside = False
    for i, (x1, y1) in enumerate(ring):
        x2, y2 = ring[i - 1]
        if (y1 > p[1]) != (y2 > p[1]) and p[0] < x1 + (p[1] - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _area_text(label: PlacedLabel) -> str:
    sea = label.key.startswith("sea:")
    style = 'fill="#4f7fa3" font-style="italic"' if sea else 'fill="#8c826f" letter-spacing="0"'
    return (
        f'<text x="{_fmt(label.x)}" y="{_fmt(label.y)}" text-anchor="middle" font-size="{_fmt(label.size)}" '
        f'{style} stroke="{SEA if sea else LAND}" stroke-width="2.5" paint-order="stroke">'
        f"{xml_text(label.text)}</text>"
    )


def _graticule(frame: Frame, view: Bbox) -> list[str]:
    """Meridians and parallels every 10 degrees over the view (under the land: seen on the sea)."""
    west, south, east, north = view
    lat_lo, lat_hi = math.floor(south / 10 - 1) * 10, math.ceil(north / 10 + 1) * 10
    lon_lo, lon_hi = math.floor(west / 10 - 1) * 10, math.ceil(east / 10 + 1) * 10
    lat_lo, lat_hi = max(lat_lo, -80), min(lat_hi, 80)
    out = ['<g stroke="#c3d6e6" stroke-width="0.7" fill="none">']
    for lat in range(lat_lo, lat_hi + 1, 10):
        out.append(
            f'<polyline points="{_points(frame.px(lon, lat) for lon in range(lon_lo, lon_hi + 1, 2))}"/>'
        )
    for lon in range(lon_lo, lon_hi + 1, 10):
        out.append(
            f'<polyline points="{_points(frame.px(lon, lat) for lat in range(lat_lo, lat_hi + 1, 2))}"/>'
        )
    out.append("</g>")
    return out
