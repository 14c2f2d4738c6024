"""Map projections and the view: which (lon, lat) box is drawn and how a point becomes a pixel.

Per view: a spherical Lambert conformal conic for a band north of the equator (standard
parallels at one sixth and five sixths of its latitude range, central meridian in its
middle: scale within about 1-2 % across a band like Europe-China), and Equal Earth for
views that cross the equator or span more than 50 degrees of latitude (the sea routes by
Suez and the Cape), where a conic degenerates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from corridors.network.geo import EARTH_RADIUS_KM
from corridors.render.svgbase import MARGIN, TITLE_HEIGHT, Bbox, Box, Point

# Named views (west, south, east, north in degrees). "eurasia" holds the sea routes too.
REGIONS: dict[str, tuple[float, float, float, float]] = {
    "kazakhstan": (45.5, 39.0, 88.5, 56.0),
    "caspian": (39.5, 35.5, 63.0, 48.5),
    "europe": (-11.0, 35.0, 45.0, 61.0),
    "eurasia": (-20.0, -37.0, 125.0, 62.0),
}


class Projection(Protocol):
    def project(self, lon: float, lat: float) -> Point: ...

    @property
    def caption(self) -> str: ...


@dataclass(frozen=True)
class LambertConic:
    """Spherical Lambert conformal conic (Snyder 1987, eqs. 15-1 to 15-3), in km."""

    lon0: float
    lat0: float
    lat1: float
    lat2: float

    @cached_property
    def _constants(self) -> tuple[float, float, float]:
        p0, p1, p2 = (math.radians(v) for v in (self.lat0, self.lat1, self.lat2))
        if abs(p1 - p2) < 1e-9:
            n = math.sin(p1)
        else:
            n = math.log(math.cos(p1) / math.cos(p2)) / math.log(
                math.tan(math.pi / 4 + p2 / 2) / math.tan(math.pi / 4 + p1 / 2)
            )
        f = math.cos(p1) * math.tan(math.pi / 4 + p1 / 2) ** n / n
        rho0 = f / math.tan(math.pi / 4 + p0 / 2) ** n
        return n, f, rho0

    def project(self, lon: float, lat: float) -> Point:
        """(x, y) in km, y growing north; longitudes are taken relative to lon0 across +/-180."""
        n, f, rho0 = self._constants
        lat = max(-89.0, min(89.0, lat))
        rho = f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** n
        dlon = (lon - self.lon0 + 180.0) % 360.0 - 180.0
        theta = n * math.radians(dlon)
        return EARTH_RADIUS_KM * rho * math.sin(theta), EARTH_RADIUS_KM * (rho0 - rho * math.cos(theta))

    @property
    def caption(self) -> str:
        return f"Lambert conformal conic, parallels {self.lat1:.0f}°N and {self.lat2:.0f}°N"


@dataclass(frozen=True)
class EqualEarth:
    """Equal Earth (Šavrič, Patterson and Jenny 2018), spherical, in km: for views across the equator."""

    lon0: float

    def project(self, lon: float, lat: float) -> Point:
        a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
        theta = math.asin(math.sqrt(3) / 2 * math.sin(math.radians(lat)))
        t2 = theta * theta
        t6 = t2 * t2 * t2
        dlon = math.radians((lon - self.lon0 + 180.0) % 360.0 - 180.0)
        x = (
            2
            * math.sqrt(3)
            * dlon
            * math.cos(theta)
            / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1))
        )
        y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
        return EARTH_RADIUS_KM * x, EARTH_RADIUS_KM * y

    @property
    def caption(self) -> str:
        return f"Equal Earth, central meridian {self.lon0:.0f}°E"


def fit_projection(points: Iterable[Point]) -> LambertConic:
    """A conic for the (lon, lat) points: mean longitude (circular), parallels at 1/6 and 5/6."""
    pts = list(points)
    sx = sum(math.cos(math.radians(lon)) for lon, _ in pts)
    sy = sum(math.sin(math.radians(lon)) for lon, _ in pts)
    lon0 = math.degrees(math.atan2(sy, sx))
    lats = [lat for _, lat in pts]
    low, high = min(lats), max(lats)
    span = max(high - low, 2.0)
    mid = (low + high) / 2
    lat1, lat2 = mid - span / 3, mid + span / 3
    if lat1 < 0 < lat2 or abs(lat1 + lat2) < 1:  # a conic straddling the equator degenerates
        lat1, lat2 = (mid, mid) if abs(mid) > 1 else (1.0, 1.0)
    return LambertConic(lon0, mid, lat1, lat2)


def projection_for(bbox: Bbox) -> Projection:
    """Lambert conic for a band north (or south) of the equator, Equal Earth otherwise."""
    west, south, east, north = bbox
    if south < 5 < north or north - south > 50:
        return EqualEarth((west + east) / 2)
    return fit_projection([(west, south), ((west + east) / 2, south), (east, north)])


def view_of(points: Iterable[Point], pad: float = 0.08, min_span: float = 6.0) -> Bbox:
    """The (lon, lat) box around the points, padded by a share of its size, at least min_span wide."""
    pts = list(points)
    if not pts:  # a network with no places: the whole of the corridors' world
        return REGIONS["eurasia"]
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    dx = max((east - west) * pad, (min_span - (east - west)) / 2, 0.5)
    dy = max((north - south) * pad, (min_span * 0.6 - (north - south)) / 2, 0.5)
    return (west - dx, max(-85.0, south - dy), east + dx, min(85.0, north + dy))


def parse_bbox(text: str) -> Bbox:
    """W,S,E,N in degrees, as --bbox takes it; ValueError with a reason otherwise."""
    parts = text.split(",")
    if len(parts) != 4:
        raise ValueError("give four numbers W,S,E,N (degrees)")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ValueError("give four numbers W,S,E,N (degrees)") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise ValueError("give four finite numbers W,S,E,N (degrees)")
    if not (-180 <= west < east <= 180 and -85 <= south < north <= 85):
        raise ValueError("need -180 <= W < E <= 180 and -85 <= S < N <= 85")
    return west, south, east, north


@dataclass(frozen=True)
class Frame:
    """Where the map sits on the page and how (lon, lat) becomes a pixel."""

    projection: Projection
    scale: float  # px per km
    cx: float  # projected centre, km
    cy: float
    box: Box

    def px(self, lon: float, lat: float) -> Point:
        x, y = self.projection.project(lon, lat)
        return (
            (self.box.x0 + self.box.x1) / 2 + (x - self.cx) * self.scale,
            (self.box.y0 + self.box.y1) / 2 - (y - self.cy) * self.scale,
        )


def _frame(bbox: Bbox, width: int, height: int | None, legend_h: float) -> tuple[Frame, int]:
    """Fit the view box to the width (and height, when given); the page height."""
    projection = projection_for(bbox)
    west, south, east, north = bbox
    steps = 24
    ring = [(west + (east - west) * i / steps, south) for i in range(steps + 1)]
    ring += [(west + (east - west) * i / steps, north) for i in range(steps + 1)]
    ring += [(west, south + (north - south) * i / steps) for i in range(steps + 1)]
    ring += [(east, south + (north - south) * i / steps) for i in range(steps + 1)]
    xy = [projection.project(lon, lat) for lon, lat in ring]
    x0, x1 = min(p[0] for p in xy), max(p[0] for p in xy)
    y0, y1 = min(p[1] for p in xy), max(p[1] for p in xy)
    span_x, span_y = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    box_w = width - 2 * MARGIN
    top = MARGIN + TITLE_HEIGHT
    if height is None:
        scale = box_w / span_x
        box_h = min(max(span_y * scale, 0.4 * box_w), 0.85 * box_w)
        scale = min(scale, box_h / span_y)
        height = math.ceil(top + box_h + legend_h + MARGIN)
    else:
        box_h = max(height - top - legend_h - MARGIN, 80.0)
        scale = min(box_w / span_x, box_h / span_y)
    box = Box(MARGIN, top, MARGIN + box_w, top + box_h)
    return Frame(projection, scale, (x0 + x1) / 2, (y0 + y1) / 2, box), height


def _inverse(frame: Frame, x: float, y: float) -> Point:
    """The (lon, lat) under a pixel, by Newton steps on the forward projection (smooth near the centre)."""
    lon, lat = 0.0, 0.0
    if isinstance(frame.projection, EqualEarth):
        lon = frame.projection.lon0
    elif isinstance(frame.projection, LambertConic):
        lon, lat = frame.projection.lon0, frame.projection.lat0
    for _ in range(20):
        px, py = frame.px(lon, lat)
        if math.hypot(px - x, py - y) < 0.01:
            break
        h = 1e-3
        ax, ay = frame.px(lon + h, lat)
        bx, by = frame.px(lon, lat + h)
        j11, j21, j12, j22 = (ax - px) / h, (ay - py) / h, (bx - px) / h, (by - py) / h
        det = j11 * j22 - j12 * j21
        if abs(det) < 1e-12:
            break
        dx, dy = x - px, y - py
        lon += (j22 * dx - j12 * dy) / det
        lat = max(-85.0, min(85.0, lat + (-j21 * dx + j11 * dy) / det))
    return lon, lat
