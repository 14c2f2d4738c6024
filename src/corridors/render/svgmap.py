"""A self-contained SVG map of the network, a route or a comparison, on a real base map.

No scripts, fonts, images, tiles or links: plain SVG 1.1 with a generic ``sans-serif``
font, so it opens offline in any browser and embeds in documents. Land, coasts, borders
and country names come from Natural Earth (public domain), bundled (see basemap.py).

Projection, per view: a spherical Lambert conformal conic for a band north of the
equator (standard parallels at one sixth and five sixths of its latitude range, central
meridian in its middle: scale within about 1-2 % across a band like Europe-China), and
Equal Earth for views that cross the equator or span more than 50 degrees of latitude
(the sea routes by Suez and the Cape), where a conic degenerates.

Lines follow an edge's measured track (``edge.geometry``, [lon, lat] points) where the
data has one and run straight between its two places otherwise; the legend says which.
Corridors differ in colour (Okabe-Ito, safe for colour-blind readers) and in dash.

Labels are placed greedily, most important first (route ends; hubs, ports and the places
projects name; the rest of the route; everything else; then seas and countries): each
tries eight positions around its place and takes the first free one; a label with no
free position is left out rather than drawn over another. Boxes are kept in a grid of
cells, so placement is near-linear in the number of places.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from corridors.network.geo import EARTH_RADIUS_KM, great_circle_km
from corridors.network.model import Edge, Network
from corridors.network.modes import WATER_MODES
from corridors.render.basemap import Basemap, load_basemap

WIDTH = 1200
MARGIN = 24
TITLE_HEIGHT = 46
FONT_SIZE = 11.0
CHAR_WIDTH = 0.6  # average glyph advance of a sans-serif font, in ems (a safe over-estimate)
CAPS_WIDTH = 0.72  # the same for capitals (country names)
MARKER_RADIUS = 3.2
LEGEND_ROW = 20
AMBIGUITY = 1.3  # another marker this much nearer than the label's own one makes it ambiguous
TIE = 1.0  # px: another marker this close to as near as the label's own one is a tie, so ambiguous
# Okabe & Ito (2008), "Color Universal Design": distinct for the common colour blindnesses.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
DASHES = ("", "9 3.5", "2.5 2.5", "9 3 2 3", "5 2", "1 2")
UNASSIGNED = "#7a7a7a"
HIGHLIGHT = "#ffcf1a"
SEA, LAND, BORDER, COAST = "#d7e7f3", "#f4f1e8", "#b3a794", "#93b1c6"
KIND_PRIORITY = {"hub": 0, "port": 1, "city": 2, "terminal": 3, "border": 4, "junction": 5}
KEY_KINDS = ("hub", "port")  # always labelled, with the places projects name and route ends
ATTRIBUTION = "Made with Natural Earth"

# Named views (west, south, east, north in degrees). "eurasia" holds the sea routes too.
REGIONS: dict[str, tuple[float, float, float, float]] = {
    "kazakhstan": (45.5, 39.0, 88.5, 56.0),
    "caspian": (39.5, 35.5, 63.0, 48.5),
    "europe": (-11.0, 35.0, 45.0, 61.0),
    "eurasia": (-20.0, -37.0, 125.0, 62.0),
}
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

Bbox = tuple[float, float, float, float]
Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, other: Box) -> bool:
        return other.x0 <= self.x0 and self.x1 <= other.x1 and other.y0 <= self.y0 and self.y1 <= other.y1


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
class LabelRequest:
    key: str
    x: float  # the node's position (an area label's centre)
    y: float
    text: str
    priority: tuple[float, ...]  # smaller first
    size: float = FONT_SIZE
    area: bool = False  # a country or sea name: centred on the point, never beside it
    char_width: float = CHAR_WIDTH
    must: bool = False  # a key place: tries a second ring of positions further out


@dataclass(frozen=True)
class PlacedLabel:
    key: str
    x: float  # text anchor point
    y: float  # baseline
    anchor: str  # start, middle, end
    box: Box
    text: str
    size: float
    area: bool = False
    leader: tuple[float, float, float, float] | None = None  # marker centre -> label, when needed


def text_box(
    x: float, baseline: float, text: str, size: float, anchor: str, char_width: float = CHAR_WIDTH
) -> Box:
    width = char_width * size * len(text) + 2  # + the white halo around the glyphs
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, baseline - size * 0.95, left + width, baseline + size * 0.3)


_Positions = tuple[tuple[float, float, str], ...]


def _candidates(req: LabelRequest) -> _Positions:
    s = req.size
    x, y = req.x, req.y
    if req.area:
        dx, dy = s * 3, s * 1.3
        offsets = sorted(
            ((i, j) for i in (-1, 0, 1) for j in (-1, 0, 1)), key=lambda o: abs(o[0]) + abs(o[1])
        )
        return tuple((x + i * dx, y + s * 0.35 + j * dy, "middle") for i, j in offsets)
    gap = MARKER_RADIUS + 2.5
    near = _ring(x, y, s, gap)
    if not req.must:
        return near
    return near + tuple(p for out in (0.9, 2.0, 3.2, 4.5) for p in _ring(x, y, s, gap + s * out))


_RING = range(8)  # the first ring's positions; further ones get a leader line


def _ring(x: float, y: float, s: float, gap: float) -> _Positions:
    return (
        (x + gap, y + s * 0.35, "start"),  # right
        (x - gap, y + s * 0.35, "end"),  # left
        (x, y - gap - s * 0.3, "middle"),  # above
        (x, y + gap + s * 0.95, "middle"),  # below
        (x + gap * 0.8, y - gap * 0.8, "start"),  # above right
        (x - gap * 0.8, y - gap * 0.8, "end"),  # above left
        (x + gap * 0.8, y + gap * 0.8 + s * 0.7, "start"),  # below right
        (x - gap * 0.8, y + gap * 0.8 + s * 0.7, "end"),  # below left
    )


@dataclass
class Grid:
    """Boxes bucketed by square cells: finding what a box overlaps looks at its own cells only."""

    cell: float = 40.0
    cells: dict[tuple[int, int], list[tuple[Box, str]]] = field(default_factory=dict)

    def _keys(self, box: Box) -> Iterator[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(box.x0 / c), math.floor(box.x1 / c) + 1):
            for j in range(math.floor(box.y0 / c), math.floor(box.y1 / c) + 1):
                yield i, j

    def add(self, box: Box, key: str = "") -> None:
        for k in self._keys(box):
            self.cells.setdefault(k, []).append((box, key))

    def within(self, box: Box) -> Iterator[tuple[Box, str]]:
        """Every stored box in the cells `box` covers (a superset of those overlapping it)."""
        for k in self._keys(box):
            yield from self.cells.get(k, ())

    def hits(self, box: Box, ignore: str | None = None) -> bool:
        for k in self._keys(box):
            for other, key in self.cells.get(k, ()):
                if key != ignore and box.overlaps(other):
                    return True
        return False


def place_labels(
    requests: Sequence[LabelRequest],
    obstacles: Sequence[Box],
    bounds: Box,
    *,
    markers: Mapping[str, Box] | None = None,
    lines: Sequence[Box] = (),
) -> list[PlacedLabel]:
    """Greedy placement: each label, most important first, at its first free candidate.

    `markers` (node key -> marker box) are obstacles a node's own label may touch. A label
    goes where no other marker is nearer to it than its own (so it reads as that place's);
    a key place (`must`) that finds no such position takes the first free one. A place
    whose marker lies mostly under one already labelled is left unlabelled (two labels for
    what looks like one dot would leave the reader guessing which is which). `lines` are
    obstacles for area labels only: a country name over a railway hides the railway.
    """
    marks = markers or {}
    placed: list[PlacedLabel] = []
    taken, solid, tracks = Grid(), Grid(), Grid(cell=24.0)
    for obstacle in obstacles:
        solid.add(obstacle)
    for key, box in marks.items():
        solid.add(box, key)
    for box in lines:
        tracks.add(box)
    labelled = Grid(cell=16.0)
    for req in sorted(requests, key=lambda r: (r.priority, r.key)):
        own = marks.get(req.key)
        core = own and Box(
            own.x0 + MARKER_RADIUS / 2,
            own.y0 + MARKER_RADIUS / 2,
            own.x1 - MARKER_RADIUS / 2,
            own.y1 - MARKER_RADIUS / 2,
        )
        if core and labelled.hits(core):
            continue
        chosen = fallback = None
        for i, (x, y, anchor) in enumerate(_candidates(req)):
            box = text_box(x, y, req.text, req.size, anchor, req.char_width)
            if not box.inside(bounds) or taken.hits(box) or solid.hits(box, ignore=req.key):
                continue
            if req.area and tracks.hits(box):
                continue
            if own is not None and i >= len(_RING) and _crosses(_leader(own, box), taken):
                continue
            if own is None or not _nearer_marker(box, own, req.key, solid):
                chosen = (i, x, y, anchor, box)
                break
            if fallback is None:
                fallback = (i, x, y, anchor, box)
        if chosen is None and req.must:
            chosen = fallback
        if chosen is None:
            continue
        i, x, y, anchor, box = chosen
        leader = None
        if own is not None and (i >= len(_RING) or chosen is fallback):  # off to the side: point to it
            leader = _leader(own, box)
        placed.append(PlacedLabel(req.key, x, y, anchor, box, req.text, req.size, req.area, leader))
        taken.add(box)
        for point in _along(leader) if leader else ():
            taken.add(point)
        if core:
            labelled.add(core)
    return placed


def _along(line: tuple[float, float, float, float], step: float = 2.0) -> Iterator[Box]:
    """Tiny boxes every `step` px along a leader line: what a label must not cover."""
    x1, y1, x2, y2 = line
    n = max(1, int(math.hypot(x2 - x1, y2 - y1) / step))
    for i in range(n + 1):
        x, y = x1 + (x2 - x1) * i / n, y1 + (y2 - y1) * i / n
        yield Box(x - 0.5, y - 0.5, x + 0.5, y + 0.5)


def _crosses(line: tuple[float, float, float, float], taken: Grid) -> bool:
    """Whether a leader line would run through a label already placed (or its leader)."""
    return any(taken.hits(point) for point in _along(line))


def _leader(own: Box, box: Box) -> tuple[float, float, float, float]:
    """A line from the marker's edge to the nearest point of the label's box."""
    ox, oy = (own.x0 + own.x1) / 2, (own.y0 + own.y1) / 2
    ex, ey = min(max(ox, box.x0), box.x1), min(max(oy, box.y0 + 2), box.y1 - 2)
    length = math.hypot(ex - ox, ey - oy) or 1.0
    start = MARKER_RADIUS + 0.5
    return ox + (ex - ox) * start / length, oy + (ey - oy) * start / length, ex, ey


def _gap(box: Box, x: float, y: float) -> float:
    return math.hypot(max(box.x0 - x, 0.0, x - box.x1), max(box.y0 - y, 0.0, y - box.y1))


def _nearer_marker(box: Box, own: Box, key: str, markers: Grid) -> bool:
    """Whether another place's marker (not one under this one's) could be read as the label's.

    It could when it is nearer the label's box than its own or as near (within TIE: the
    eye cannot tell, and the SVG rounds to 0.1 px), or about as near (within AMBIGUITY)
    the line through the middle of the text: the eye ties a label to the dot level with it.
    """
    ox, oy = (own.x0 + own.x1) / 2, (own.y0 + own.y1) / 2
    mid = (box.y0 + box.y1) / 2
    line = Box(box.x0, mid, box.x1, mid)
    near, level = _gap(box, ox, oy), _gap(line, ox, oy) * AMBIGUITY
    reach = max(near + TIE, level)
    search = Box(box.x0 - reach, box.y0 - reach, box.x1 + reach, box.y1 + reach)
    for other, other_key in markers.within(search):
        if other_key in ("", key):
            continue
        x, y = (other.x0 + other.x1) / 2, (other.y0 + other.y1) / 2
        if math.hypot(x - ox, y - oy) <= 2 * MARKER_RADIUS:
            continue
        if _gap(box, x, y) < near + TIE or _gap(line, x, y) < level:
            return True
    return False


def xml_text(text: str) -> str:
    """Escape for XML text and attribute values; characters XML 1.0 forbids become U+FFFD."""
    cleaned = "".join(
        ch
        if (ch in "\t\n\r" or 0x20 <= ord(ch) <= 0xD7FF or 0xE000 <= ord(ch) <= 0xFFFD or ord(ch) > 0xFFFF)
        else "\ufffd"
        for ch in text
    )
    return (
        cleaned.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


@dataclass(frozen=True)
class Highlight:
    """A route to draw over the network: its node ids, a colour and a legend line."""

    nodes: tuple[str, ...]
    color: str
    label: str


def _nice_length(km: float) -> float:
    for step in (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if step >= km:
            return float(step)
    return 10000.0


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def track(edge: Edge) -> tuple[Point, ...]:
    """The edge's measured track as (lon, lat) points, or () when the data has none."""
    geometry = getattr(edge, "geometry", None)
    if not geometry or len(geometry) < 2:
        return ()
    return tuple((float(p[0]), float(p[1])) for p in geometry)


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


def render_svg(
    network: Network,
    *,
    title: str,
    highlights: Sequence[Highlight] = (),
    subtitle: str = "",
    as_of: int | None = None,
    bbox: Bbox | None = None,
    width: int = WIDTH,
    height: int | None = None,
) -> str:
    """The whole SVG document as text.

    The view is `bbox` (W, S, E, N degrees) when given, else the routes shown, else the
    whole network. A line counts as open when it is open in `as_of` (today's lines without).
    """
    shown = {n for h in highlights for n in h.nodes} or set(network.nodes)
    extent: list[Point] = [(network.nodes[n].lon, network.nodes[n].lat) for n in shown]
    if not highlights:
        extent += [p for e in network.edges for p in track(e)]
    view = bbox or view_of(extent)

    corridor_ids = [c.id for c in network.corridors]
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(corridor_ids)}
    dashes = {c: DASHES[i % len(DASHES)] for i, c in enumerate(corridor_ids)}
    tracks = {e.id: track(e) for e in network.edges}
    mixed = any(tracks.values()) and not all(tracks.values())
    legend = _Legend(network, colours, dashes, highlights, as_of, mixed, any(tracks.values()), width)
    frame, height = _frame(view, width, height, legend.height)
    box = frame.box
    near = Box(box.x0 - 200, box.y0 - 200, box.x1 + 200, box.y1 + 200)  # draw what may show

    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="{_fmt(FONT_SIZE)}">',
        f"<title>{xml_text(title)}</title>",
        f"<desc>{xml_text(_describe(network, highlights, subtitle))}</desc>",
        f'<defs><clipPath id="map"><rect x="{_fmt(box.x0)}" y="{_fmt(box.y0)}" '
        f'width="{_fmt(box.x1 - box.x0)}" height="{_fmt(box.y1 - box.y0)}"/></clipPath></defs>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<rect x="{_fmt(box.x0)}" y="{_fmt(box.y0)}" width="{_fmt(box.x1 - box.x0)}" '
        f'height="{_fmt(box.y1 - box.y0)}" fill="{SEA}"/>',
        '<g clip-path="url(#map)">',
    ]
    out.extend(_graticule(frame, view))
    basemap = load_basemap()
    land, area_labels = _basemap(basemap, frame, near)
    out.extend(land)

    pos = {ident: frame.px(n.lon, n.lat) for ident, n in network.nodes.items()}
    lines_px = {
        e.id: [frame.px(lon, lat) for lon, lat in tracks[e.id]] or [pos[e.source], pos[e.target]]
        for e in network.edges
    }
    visible_edges = [e for e in network.edges if _touches(lines_px[e.id], near)]
    edge_index = _edge_index(network.edges)
    for highlight in highlights:
        points = _route_points(highlight.nodes, edge_index, lines_px, pos)
        out.append(
            f'<polyline points="{_points(points)}" fill="none" stroke="{highlight.color}" '
            'stroke-opacity="0.55" stroke-width="11" stroke-linecap="round" stroke-linejoin="round"/>'
        )
    out.append('<g fill="none" stroke-linecap="butt" stroke-linejoin="round">')
    for edge in visible_edges:
        out.extend(
            _edge_lines(
                edge, lines_px[edge.id], colours, dashes, as_of, straight=not tracks[edge.id], faint=mixed
            )
        )
    out.append("</g>")

    on_route = {n for h in highlights for n in h.nodes}
    visible = {ident for ident, (x, y) in pos.items() if box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1}
    degree: dict[str, int] = {}
    for key in edge_index:
        for n in key:
            degree[n] = degree.get(n, 0) + 1
    out.append('<g stroke="#263238" stroke-width="1">')
    for ident in sorted(visible, key=lambda i: (i in on_route, i)):
        node = network.nodes[ident]
        x, y = pos[ident]
        radius = MARKER_RADIUS + (1.2 if ident in on_route else 0)
        fill = "#ffffff" if node.kind == "border" else ("#0277bd" if node.kind == "port" else "#37474f")
        out.append(  # the name as a tooltip, for places too crowded to label
            f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(radius)}" fill="{fill}">'
            f"<title>{xml_text(node.name)}</title></circle>"
        )
    out.append("</g>")
    out.append("</g>")  # end of the clipped map

    in_projects: dict[str, int] = {}
    for project in network.projects:
        for n in project.nodes:
            in_projects[n] = in_projects.get(n, 0) + 1
    ends = {h.nodes[0] for h in highlights if h.nodes} | {h.nodes[-1] for h in highlights if h.nodes}
    route_order = {n: i for h in highlights for i, n in enumerate(h.nodes)}

    def tier(ident: str) -> int:
        key = ident in in_projects or network.nodes[ident].kind in KEY_KINDS
        if ident in ends:
            return 0
        if key:
            return 1 if ident in on_route or not on_route else 2
        return 3 if ident in on_route else 4

    requests = [
        LabelRequest(
            ident,
            *pos[ident],
            network.nodes[ident].name,
            (
                tier(ident),
                route_order.get(ident, 0),
                -in_projects.get(ident, 0) - (network.nodes[ident].kind in KEY_KINDS),
                KIND_PRIORITY.get(network.nodes[ident].kind, 9),
                -degree.get(ident, 0),
            ),
            FONT_SIZE + (1.0 if ident in on_route else 0),  # bold is wider: size it up in the estimate
            must=tier(ident) < 3,
        )
        for ident in visible
    ]
    requests += area_labels
    markers = {
        ident: Box(
            pos[ident][0] - MARKER_RADIUS,
            pos[ident][1] - MARKER_RADIUS,
            pos[ident][0] + MARKER_RADIUS,
            pos[ident][1] + MARKER_RADIUS,
        )
        for ident in visible
    }
    samples = [b for e in visible_edges for b in _samples(lines_px[e.id], box)]
    scale_bar, scale_box = _scale_bar(frame)
    credit = Box(box.x1 - 8 - 9 * CHAR_WIDTH * len(ATTRIBUTION), box.y1 - 17, box.x1, box.y1)
    labels = place_labels(requests, [scale_box, credit], box, markers=markers, lines=samples)
    out.extend(_area_text(label) for label in labels if label.area)
    out.append(
        '<g fill="#1c2833" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">'
    )
    leaders = [label.leader for label in labels if label.leader]
    if leaders:
        out.append('<g stroke="#1c2833" stroke-width="0.8">')
        out.extend(
            f'<line x1="{_fmt(a)}" y1="{_fmt(b)}" x2="{_fmt(c)}" y2="{_fmt(d)}"/>' for a, b, c, d in leaders
        )
        out.append("</g>")
    for label in labels:
        if label.area:
            continue
        weight = ' font-weight="bold"' if label.key in on_route else ""
        out.append(
            f'<text x="{_fmt(label.x)}" y="{_fmt(label.y)}" text-anchor="{label.anchor}" '
            f'font-size="{_fmt(label.size - 0.5 if weight else label.size)}"{weight}>'
            f"{xml_text(label.text)}</text>"
        )
    out.append("</g>")
    out.append(
        f'<rect x="{_fmt(box.x0)}" y="{_fmt(box.y0)}" width="{_fmt(box.x1 - box.x0)}" '
        f'height="{_fmt(box.y1 - box.y0)}" fill="none" stroke="#9aa7b3"/>'
    )
    out.append(
        f'<text x="{MARGIN}" y="{MARGIN + 16}" font-size="17" font-weight="bold" fill="#1c2833">'
        f"{xml_text(title)}</text>"
    )
    if subtitle:
        out.append(
            f'<text x="{MARGIN}" y="{MARGIN + 34}" font-size="11" fill="#546e7a">{xml_text(subtitle)}</text>'
        )
    out.extend(scale_bar)
    out.append(
        f'<text x="{_fmt(box.x1 - 6)}" y="{_fmt(box.y1 - 6)}" text-anchor="end" font-size="9" fill="#546e7a" '
        f'stroke="#ffffff" stroke-width="2.5" paint-order="stroke">{ATTRIBUTION}</text>'
    )
    out.extend(legend.render(box.y1 + 24))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _describe(network: Network, highlights: Sequence[Highlight], subtitle: str) -> str:
    routes = "; ".join(h.label for h in highlights)
    return (
        f"Map of {len(network.nodes)} places and {len(network.edges)} lines"
        + (f"; highlighted: {routes}" if routes else "")
        + (f"; {subtitle}" if subtitle else "")
        + f". Base map: {ATTRIBUTION}."
    )


def _points(points: Iterable[Point]) -> str:
    return " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)


def _touches(points: Sequence[Point], box: Box) -> bool:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys)).overlaps(box) or (
        min(xs) == max(xs) and box.x0 <= xs[0] <= box.x1 and box.y0 <= min(ys) <= box.y1
    )


def _samples(points: Sequence[Point], box: Box, step: float = 8.0) -> Iterator[Box]:
    """Small boxes along a line, every `step` px: what an area label must not cover."""
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        n = max(1, int(math.hypot(x2 - x1, y2 - y1) / step))
        for i in range(n + 1):
            x, y = x1 + (x2 - x1) * i / n, y1 + (y2 - y1) * i / n
            if box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1:
                yield Box(x - 2, y - 2, x + 2, y + 2)


def _edge_index(edges: Sequence[Edge]) -> dict[tuple[str, str], list[Edge]]:
    index: dict[tuple[str, str], list[Edge]] = {}
    for edge in edges:
        a, b = sorted((edge.source, edge.target))
        index.setdefault((a, b), []).append(edge)
    return index


def _route_points(
    nodes: Sequence[str],
    index: Mapping[tuple[str, str], list[Edge]],
    lines_px: Mapping[str, list[Point]],
    pos: Mapping[str, Point],
) -> list[Point]:
    """The route along each leg's drawn line (its track where there is one)."""
    points = [pos[nodes[0]]] if nodes else []
    for a, b in itertools.pairwise(nodes):
        legs = index.get((min(a, b), max(a, b)), [])
        line = max((lines_px[e.id] for e in legs), key=len, default=[pos[a], pos[b]])
        if len(line) > 2:
            forward = math.dist(line[0], pos[a]) <= math.dist(line[-1], pos[a])
            points.extend((line if forward else line[::-1])[1:-1])
        points.append(pos[b])
    return points


def _offset(points: Sequence[Point], shift: float) -> list[Point]:
    """The line moved sideways by `shift` px (left of its direction), joints mitred by averaging."""
    if shift == 0:
        return list(points)
    normals = []
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        normals.append((-(y2 - y1) / length, (x2 - x1) / length))
    out = []
    for i, (x, y) in enumerate(points):
        a = normals[max(i - 1, 0)]
        b = normals[min(i, len(normals) - 1)]
        nx_, ny_ = a[0] + b[0], a[1] + b[1]
        norm = math.hypot(nx_, ny_) or 1.0
        out.append((x + nx_ / norm * shift, y + ny_ / norm * shift))
    return out


def _edge_lines(
    edge: Edge,
    points: Sequence[Point],
    colours: Mapping[str, str],
    dashes: Mapping[str, str],
    as_of: int | None,
    *,
    straight: bool,
    faint: bool,
) -> list[str]:
    """One line per corridor the edge belongs to, side by side, so shared track shows both.

    Colour and dash tell corridors apart; ferries and sea legs are dotted; a line not open
    (in the scenario year) is hollow; a line drawn straight, on a map that also has
    measured track, is faint.
    """
    lanes = [c for c in edge.corridors if c in colours] or [""]
    sea = edge.mode in WATER_MODES
    width = 2.8 if sea else 2.6 if edge.mode == "rail" else 1.6
    is_open = edge.available(as_of)
    step = width * 1.05
    classes = " ".join(
        ["edge", edge.mode, "open" if is_open else "not-open", "straight" if straight else "track"]
    )
    lines = []
    for i, corridor in enumerate(lanes):
        colour = colours.get(corridor, UNASSIGNED)
        dash = "0.1 4.6" if sea else dashes.get(corridor, "")
        cap = ' stroke-linecap="round"' if sea else ""
        shift = (i - (len(lanes) - 1) / 2) * step
        d = _points(_offset(points, shift))
        opacity = ' stroke-opacity="0.55"' if straight and faint else ""
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        tag = "line" if len(points) == 2 else "polyline"
        if tag == "line":
            (x1, y1), (x2, y2) = _offset(points, shift)
            geometry = f'x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}"'
        else:
            geometry = f'points="{d}"'
        lines.append(
            f'<{tag} class="{classes}" {geometry} stroke="{colour}" stroke-width="{_fmt(width)}"'
            f"{dash_attr}{cap}{opacity}/>"
        )
        if not is_open:  # hollow: a white core along the coloured line
            lines.append(
                f'<{tag} class="{classes} core" {geometry} stroke="#ffffff" '
                f'stroke-width="{_fmt(width * 0.45)}"/>'
            )
    return lines


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
        if best is not None:
            text = country.name.upper()
            size = 10.0
            width = CAPS_WIDTH * size * len(text)
            if best[0] > (width * 2.2) ** 2 * 0.35:
                requests.append(
                    LabelRequest(
                        "country:" + country.name, *best[1], text, (8, -best[0]), size, True, CAPS_WIDTH
                    )
                )
    uses = basemap.arc_uses()
    borders: list[str] = []
    coasts: list[str] = []
    for i, count in sorted(uses.items()):
        if i not in bounds or not bounds[i].overlaps(near):
            continue
        d = "M" + "L".join(f"{_fmt(x)} {_fmt(y)}" for x, y in cache[i])
        (borders if count > 1 else coasts).append(d)
    for name, lon, lat in SEAS:
        x, y = frame.px(lon, lat)
        requests.append(LabelRequest("sea:" + name, x, y, name, (7, 0), 11.0, True, 0.55))
    return [
        f'<path d="{"".join(land)}" fill="{LAND}" fill-rule="evenodd" stroke="none"/>',
        f'<path d="{"".join(coasts)}" fill="none" stroke="{COAST}" stroke-width="0.8"/>',
        f'<path d="{"".join(borders)}" fill="none" stroke="{BORDER}" stroke-width="0.9" '
        'stroke-dasharray="4 1.5"/>',
    ], requests


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


def _scale_bar(frame: Frame) -> tuple[list[str], Box]:
    """A bar of a round number of km, measured at the centre of the map, and the box it covers."""
    box = frame.box
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    lon, lat = _inverse(frame, cx, cy)
    a, b = frame.px(lon - 0.5, lat), frame.px(lon + 0.5, lat)
    px_per_km = math.dist(a, b) / great_circle_km(lat, lon - 0.5, lat, lon + 0.5)
    km = _nice_length(150.0 / px_per_km)
    px = km * px_per_km
    x0, y0 = box.x0 + 14, box.y1 - 16
    half = km / 2
    caption = f"{frame.projection.caption}; scale at the map's centre"
    width = px + 34 + 4.0 * len(caption)
    return [
        '<g font-size="10" fill="#263238">',
        f'<rect x="{_fmt(x0 - 6)}" y="{_fmt(y0 - 22)}" width="{_fmt(width)}" '
        'height="32" fill="#ffffff" fill-opacity="0.85"/>',
        f'<rect x="{_fmt(x0)}" y="{_fmt(y0)}" width="{_fmt(px / 2)}" height="4" fill="#263238"/>',
        f'<rect x="{_fmt(x0 + px / 2)}" y="{_fmt(y0)}" width="{_fmt(px / 2)}" height="4" fill="#ffffff" '
        'stroke="#263238" stroke-width="0.8"/>',
        f'<text x="{_fmt(x0)}" y="{_fmt(y0 - 4)}" text-anchor="middle">0</text>',
        f'<text x="{_fmt(x0 + px / 2)}" y="{_fmt(y0 - 4)}" text-anchor="middle">{half:,.0f}</text>',
        f'<text x="{_fmt(x0 + px)}" y="{_fmt(y0 - 4)}" text-anchor="middle">{km:,.0f} km</text>',
        f'<text x="{_fmt(x0 + px + 22)}" y="{_fmt(y0 + 5)}" font-size="8.5" fill="#546e7a">'
        f"{xml_text(caption)}</text>",
        "</g>",
    ], Box(x0 - 6, y0 - 22, x0 - 6 + width, y0 + 10)


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


@dataclass(frozen=True)
class _Legend:
    network: Network
    colours: Mapping[str, str]
    dashes: Mapping[str, str]
    highlights: Sequence[Highlight]
    as_of: int | None
    mixed: bool
    any_track: bool
    width: int

    def _items(self) -> list[list[tuple[str, str]]]:
        rows: list[list[tuple[str, str]]] = []
        line = '<line x1="{x}" y1="{y}" x2="{x2}" y2="{y}" '
        rows.append(
            [
                (
                    line
                    + f'stroke="{self.colours[c.id]}" stroke-width="3"'
                    + (f' stroke-dasharray="{self.dashes[c.id]}"' if self.dashes[c.id] else "")
                    + "/>",
                    c.short_name,
                )
                for c in self.network.corridors
            ]
            + (
                [(line + f'stroke="{UNASSIGNED}" stroke-width="2.6"/>', "other line")]
                if any(not e.corridors for e in self.network.edges)
                else []
            )
        )
        closed = f"not open by {self.as_of}" if self.as_of else "under construction or planned"
        hollow = line + 'stroke="#555" stroke-width="3"/>' + line + 'stroke="#fff" stroke-width="1.3"/>'
        shut = any(not e.available(self.as_of) for e in self.network.edges)
        second = [(hollow, closed)] if shut else []
        second += [
            (
                line + 'stroke="#555" stroke-width="2.8" stroke-linecap="round" stroke-dasharray="0.1 4.6"/>',
                "ferry or sea",
            ),
        ]
        if self.mixed:
            second.append(
                (
                    line + 'stroke="#555" stroke-width="2.6" stroke-opacity="0.55"/>',
                    "drawn straight: no track in the data",
                )
            )
        rows.append(second)
        rows.append(
            [
                ('<circle cx="{x13}" cy="{y}" r="3.2" fill="#37474f" stroke="#263238"/>', "place"),
                ('<circle cx="{x13}" cy="{y}" r="3.2" fill="#0277bd" stroke="#263238"/>', "port"),
                ('<circle cx="{x13}" cy="{y}" r="3.2" fill="#ffffff" stroke="#263238"/>', "border crossing"),
            ]
        )
        for h in self.highlights:
            rows.append(
                [
                    (
                        f'<line x1="{{x}}" y1="{{y}}" x2="{{x2}}" y2="{{y}}" stroke="{h.color}" '
                        'stroke-opacity="0.55" stroke-width="11" stroke-linecap="round"/>',
                        h.label,
                    )
                ]
            )
        return rows

    def _note(self) -> str:
        if self.mixed:
            return "Lines follow the track where the data has it; shared track shows one line per corridor."
        if self.any_track:
            return "Lines follow the track; shared track shows one line per corridor."
        return (
            "Lines drawn straight between places (no track in the data); "
            "shared track shows one line per corridor."
        )

    def _layout(self, y: float) -> tuple[list[str], float]:
        out = ['<g font-size="11" fill="#263238">']
        right = self.width - MARGIN
        for row in self._items():
            x = float(MARGIN)
            for sample, text in row:
                advance = 38 + CHAR_WIDTH * 11 * len(text) + 18
                if x > MARGIN and x + advance - 18 > right:
                    x, y = float(MARGIN), y + LEGEND_ROW
                out.append(sample.format(x=_fmt(x), x2=_fmt(x + 26), x13=_fmt(x + 13), y=_fmt(y - 4)))
                out.append(f'<text x="{_fmt(x + 38)}" y="{_fmt(y)}">{xml_text(text)}</text>')
                x += advance
            y += LEGEND_ROW
        out.append(
            f'<text x="{MARGIN}" y="{_fmt(y)}" font-size="9.5" fill="#546e7a">{xml_text(self._note())}</text>'
        )
        out.append("</g>")
        return out, y

    @property
    def height(self) -> float:
        _, end = self._layout(0.0)
        return end + 24 + 8

    def render(self, y: float) -> list[str]:
        return self._layout(y)[0]
