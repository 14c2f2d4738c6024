"""A self-contained SVG map of the network, a route or a comparison.

No scripts, fonts, images or tiles: the file is plain SVG 1.1 with a generic
``sans-serif`` font, so it opens offline in any browser and embeds in documents.

Projection: a spherical Lambert conformal conic fitted to the network's extent
(standard parallels at one sixth and five sixths of its latitude range, central
meridian at its mean longitude). Conformal, so shapes and angles look right; the scale
is true on the two standard parallels and within about 1-2 % between them for a band
as narrow as ours, which is why one scale bar serves the whole map.

Labels are placed greedily, most important first (the chosen route's nodes, then hubs
and ports, then the rest): each tries eight positions around its node and takes the
first whose box overlaps no placed label and no node marker; a label with no free
position is left out rather than drawn over another.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from corridors.network.geo import EARTH_RADIUS_KM
from corridors.network.model import Edge, Network

WIDTH = 1200
MAX_MAP_HEIGHT = 760
MARGIN = 24
TITLE_HEIGHT = 34
FONT_SIZE = 11.0
CHAR_WIDTH = 0.6  # average glyph advance of a sans-serif font, in ems (a safe over-estimate)
LINE_HEIGHT = 1.25
MARKER_RADIUS = 3.2
PALETTE = ("#e66101", "#5e3c99", "#1b7837", "#b2182b", "#2166ac", "#8c510a")
UNASSIGNED = "#9e9e9e"
HIGHLIGHT = "#ffd42a"
KIND_PRIORITY = {"hub": 0, "port": 1, "city": 2, "terminal": 3, "border": 4, "junction": 5}


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


@dataclass(frozen=True)
class LambertConic:
    """Spherical Lambert conformal conic (Snyder 1987, eqs. 15-1 to 15-3), in km."""

    lon0: float
    lat0: float
    lat1: float
    lat2: float

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

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """(x, y) in km, y growing north; longitudes are taken relative to lon0 across +/-180."""
        n, f, rho0 = self._constants()
        lat = max(-89.0, min(89.0, lat))
        rho = f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** n
        dlon = (lon - self.lon0 + 180.0) % 360.0 - 180.0
        theta = n * math.radians(dlon)
        return EARTH_RADIUS_KM * rho * math.sin(theta), EARTH_RADIUS_KM * (rho0 - rho * math.cos(theta))


def fit_projection(points: Iterable[tuple[float, float]]) -> LambertConic:
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


@dataclass(frozen=True)
class LabelRequest:
    key: str
    x: float  # the node's position
    y: float
    text: str
    priority: tuple[float, ...]  # smaller first
    size: float = FONT_SIZE


@dataclass(frozen=True)
class PlacedLabel:
    key: str
    x: float  # text anchor point
    y: float  # baseline
    anchor: str  # start, middle, end
    box: Box
    text: str
    size: float


def text_box(x: float, baseline: float, text: str, size: float, anchor: str) -> Box:
    width = CHAR_WIDTH * size * len(text) + 2  # + the white halo around the glyphs
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, baseline - size * 0.95, left + width, baseline + size * 0.3)


_Positions = tuple[tuple[float, float, str], ...]


def _candidates(req: LabelRequest) -> _Positions:
    gap = MARKER_RADIUS + 2.5
    s = req.size
    x, y = req.x, req.y
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


def place_labels(
    requests: Sequence[LabelRequest], obstacles: Sequence[Box], bounds: Box
) -> list[PlacedLabel]:
    """Greedy placement: each label, most important first, at its first free candidate."""
    placed: list[PlacedLabel] = []
    for req in sorted(requests, key=lambda r: r.priority):
        own = Box(req.x - MARKER_RADIUS, req.y - MARKER_RADIUS, req.x + MARKER_RADIUS, req.y + MARKER_RADIUS)
        for x, y, anchor in _candidates(req):
            box = text_box(x, y, req.text, req.size, anchor)
            if not box.inside(bounds):
                continue
            if any(box.overlaps(label.box) for label in placed):
                continue
            if any(box.overlaps(obstacle) for obstacle in obstacles if obstacle != own):
                continue
            placed.append(PlacedLabel(req.key, x, y, anchor, box, req.text, req.size))
            break
    return placed


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
    for step in (50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if step >= km:
            return float(step)
    return 10000.0


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def render_svg(
    network: Network,
    *,
    title: str,
    highlights: Sequence[Highlight] = (),
    subtitle: str = "",
) -> str:
    """The whole SVG document as text."""
    projection = fit_projection((n.lon, n.lat) for n in network.nodes.values())
    raw = {ident: projection.project(n.lon, n.lat) for ident, n in network.nodes.items()}
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span_x = max(max(xs) - min(xs), 1.0)
    span_y = max(max(ys) - min(ys), 1.0)
    pad = 70.0  # room for labels at the edges
    inner_w = WIDTH - 2 * MARGIN - 2 * pad
    scale = inner_w / span_x
    map_h = span_y * scale + 2 * pad
    if map_h > MAX_MAP_HEIGHT:
        scale *= (MAX_MAP_HEIGHT - 2 * pad) / (span_y * scale)
        map_h = MAX_MAP_HEIGHT
    top = MARGIN + TITLE_HEIGHT
    offset_x = (WIDTH - span_x * scale) / 2

    def to_px(x: float, y: float) -> tuple[float, float]:
        return offset_x + (x - min(xs)) * scale, top + pad + (max(ys) - y) * scale

    pos = {ident: to_px(*p) for ident, p in raw.items()}
    map_box = Box(MARGIN, top, WIDTH - MARGIN, top + map_h)

    corridor_ids = [c.id for c in network.corridors]
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(corridor_ids)}
    legend_rows = 2 + len(highlights)
    height = int(top + map_h + 16 + legend_rows * 20 + MARGIN)

    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="{_fmt(FONT_SIZE)}">',
        f"<title>{xml_text(title)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<rect x="{_fmt(map_box.x0)}" y="{_fmt(map_box.y0)}" width="{_fmt(map_box.x1 - map_box.x0)}" '
        f'height="{_fmt(map_box.y1 - map_box.y0)}" fill="#f4f7fa" stroke="#c9d3dd"/>',
    ]
    out.extend(_graticule(projection, to_px, map_box, network))
    # highlighted routes under the network, so the corridor colours stay readable on top
    edge_index = _edge_index(network.edges)
    for highlight in highlights:
        points = " ".join(f"{_fmt(pos[n][0])},{_fmt(pos[n][1])}" for n in highlight.nodes)
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{highlight.color}" stroke-opacity="0.45" '
            'stroke-width="11" stroke-linecap="round" stroke-linejoin="round"/>'
        )
    out.append('<g fill="none" stroke-linecap="round">')
    for edge in network.edges:
        out.extend(_edge_lines(edge, pos, colours))
    out.append("</g>")
    on_route = {n for h in highlights for n in h.nodes}
    degree: dict[str, int] = {}
    for key in edge_index:
        for n in key:
            degree[n] = degree.get(n, 0) + 1
    out.append('<g stroke="#263238" stroke-width="1">')
    for ident, node in network.nodes.items():
        x, y = pos[ident]
        radius = MARKER_RADIUS + (1.2 if ident in on_route else 0)
        fill = "#ffffff" if node.kind == "border" else ("#0277bd" if node.kind == "port" else "#37474f")
        out.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(radius)}" fill="{fill}"/>')
    out.append("</g>")

    route_order = {n: i for h in highlights for i, n in enumerate(h.nodes)}
    requests = [
        LabelRequest(
            ident,
            *pos[ident],
            node.name,
            (
                0 if ident in on_route else 1,
                route_order.get(ident, 0) if ident in on_route else KIND_PRIORITY.get(node.kind, 9),
                -degree.get(ident, 0),
            ),
            FONT_SIZE + (1.0 if ident in on_route else 0),  # bold is wider: size it up in the estimate
        )
        for ident, node in network.nodes.items()
    ]
    markers = [
        Box(x - MARKER_RADIUS, y - MARKER_RADIUS, x + MARKER_RADIUS, y + MARKER_RADIUS)
        for x, y in pos.values()
    ]
    labels = place_labels(requests, markers, map_box)
    out.append(
        '<g fill="#1c2833" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">'
    )
    for label in labels:
        weight = ' font-weight="bold"' if label.key in on_route else ""
        out.append(
            f'<text x="{_fmt(label.x)}" y="{_fmt(label.y)}" text-anchor="{label.anchor}" '
            f'font-size="{_fmt(label.size - 0.5 if weight else label.size)}"{weight}>'
            f"{xml_text(label.text)}</text>"
        )
    out.append("</g>")

    out.append(
        f'<text x="{MARGIN}" y="{MARGIN + 16}" font-size="17" font-weight="bold" fill="#1c2833">'
        f"{xml_text(title)}</text>"
    )
    if subtitle:
        out.append(
            f'<text x="{WIDTH - MARGIN}" y="{MARGIN + 16}" text-anchor="end" font-size="11" fill="#546e7a">'
            f"{xml_text(subtitle)}</text>"
        )
    out.extend(_scale_bar(projection, scale, map_box))
    out.extend(_legend(network, colours, highlights, map_box.y1 + 22))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _edge_index(edges: Sequence[Edge]) -> dict[tuple[str, str], list[Edge]]:
    index: dict[tuple[str, str], list[Edge]] = {}
    for edge in edges:
        a, b = sorted((edge.source, edge.target))
        index.setdefault((a, b), []).append(edge)
    return index


def _dash(edge: Edge) -> str:
    if edge.mode in ("ferry", "sea"):
        return ' stroke-dasharray="0.5 5"'
    if edge.status != "operational":
        return ' stroke-dasharray="7 4"'
    return ""


def _edge_lines(edge: Edge, pos: Mapping[str, tuple[float, float]], colours: Mapping[str, str]) -> list[str]:
    """One line per corridor the edge belongs to, side by side, so shared track shows both."""
    (x1, y1), (x2, y2) = pos[edge.source], pos[edge.target]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    nx_, ny_ = -(y2 - y1) / length, (x2 - x1) / length
    lanes = [colours[c] for c in edge.corridors if c in colours] or [UNASSIGNED]
    width = 3.0 if edge.mode in ("ferry", "sea") else 2.2 if edge.mode == "rail" else 1.4
    step = width * 0.95
    lines = []
    for i, colour in enumerate(lanes):
        shift = (i - (len(lanes) - 1) / 2) * step
        dx, dy = nx_ * shift, ny_ * shift
        opacity = ' stroke-opacity="0.75"' if edge.status != "operational" else ""
        lines.append(
            f'<line x1="{_fmt(x1 + dx)}" y1="{_fmt(y1 + dy)}" x2="{_fmt(x2 + dx)}" y2="{_fmt(y2 + dy)}" '
            f'stroke="{colour}" stroke-width="{_fmt(width)}"{_dash(edge)}{opacity}/>'
        )
    return lines


def _graticule(projection: LambertConic, to_px: object, box: Box, network: Network) -> list[str]:
    assert callable(to_px)
    lons = [n.lon for n in network.nodes.values()]
    lats = [n.lat for n in network.nodes.values()]
    out = ['<g stroke="#dde3ea" stroke-width="0.8" fill="none">']
    lat_lo, lat_hi = math.floor(min(lats) / 10 - 1) * 10, math.ceil(max(lats) / 10 + 1) * 10
    lon_c = projection.lon0
    lon_lo, lon_hi = math.floor((min(lons) - 30) / 10) * 10, math.ceil((max(lons) + 30) / 10) * 10
    if max(lons) - min(lons) > 180:  # spans the antimeridian: draw around the central meridian
        lon_lo, lon_hi = math.floor((lon_c - 120) / 10) * 10, math.ceil((lon_c + 120) / 10) * 10
    paths = []
    for lat in range(int(lat_lo), int(lat_hi) + 1, 10):
        paths.append([to_px(*projection.project(lon, lat)) for lon in range(lon_lo, lon_hi + 1, 2)])
    for lon in range(lon_lo, lon_hi + 1, 10):
        paths.append([to_px(*projection.project(lon, lat)) for lat in range(int(lat_lo), int(lat_hi) + 1, 2)])
    clip = (
        f'<clipPath id="map"><rect x="{_fmt(box.x0)}" y="{_fmt(box.y0)}" '
        f'width="{_fmt(box.x1 - box.x0)}" height="{_fmt(box.y1 - box.y0)}"/></clipPath>'
    )
    out.insert(0, f"<defs>{clip}</defs>")
    out[1] = out[1][:-1] + ' clip-path="url(#map)">'
    for points in paths:
        out.append(f'<polyline points="{" ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)}"/>')
    out.append("</g>")
    return out


def _scale_bar(projection: LambertConic, scale: float, box: Box) -> list[str]:
    """A bar of a round number of km, true at the standard parallels (about 1-2 % off between)."""
    target_px = 160.0
    km = _nice_length(target_px / scale)
    px = km * scale
    x0, y0 = box.x0 + 14, box.y1 - 16
    half = km / 2
    return [
        '<g font-size="10" fill="#263238">',
        f'<rect x="{_fmt(x0 - 6)}" y="{_fmt(y0 - 22)}" width="{_fmt(px + 60)}" height="32" fill="#ffffff" '
        'fill-opacity="0.85"/>',
        f'<rect x="{_fmt(x0)}" y="{_fmt(y0)}" width="{_fmt(px / 2)}" height="4" fill="#263238"/>',
        f'<rect x="{_fmt(x0 + px / 2)}" y="{_fmt(y0)}" width="{_fmt(px / 2)}" height="4" fill="#ffffff" '
        'stroke="#263238" stroke-width="0.8"/>',
        f'<text x="{_fmt(x0)}" y="{_fmt(y0 - 4)}" text-anchor="middle">0</text>',
        f'<text x="{_fmt(x0 + px / 2)}" y="{_fmt(y0 - 4)}" text-anchor="middle">{half:,.0f}</text>',
        f'<text x="{_fmt(x0 + px)}" y="{_fmt(y0 - 4)}" text-anchor="middle">{km:,.0f} km</text>',
        f'<text x="{_fmt(x0 + px + 8)}" y="{_fmt(y0 + 5)}" font-size="8.5" fill="#546e7a">'
        f"Lambert conformal conic, parallels {projection.lat1:.0f}°N and {projection.lat2:.0f}°N</text>",
        "</g>",
    ]


def _legend(
    network: Network, colours: Mapping[str, str], highlights: Sequence[Highlight], y: float
) -> list[str]:
    out = ['<g font-size="11" fill="#263238">']
    x = float(MARGIN)

    def item(sample: str, text: str) -> None:
        nonlocal x
        out.append(sample.format(x=_fmt(x), x2=_fmt(x + 26), x13=_fmt(x + 13), y=_fmt(y - 4)))
        out.append(f'<text x="{_fmt(x + 38)}" y="{_fmt(y)}">{xml_text(text)}</text>')
        x += 38 + CHAR_WIDTH * 11 * len(text) + 18

    for corridor in network.corridors:
        colour = colours[corridor.id]
        item(
            f'<line x1="{{x}}" y1="{{y}}" x2="{{x2}}" y2="{{y}}" stroke="{colour}" stroke-width="3"/>',
            corridor.short_name,
        )
    item(
        '<line x1="{x}" y1="{y}" x2="{x2}" y2="{y}" stroke="#555" stroke-width="2.2" '
        'stroke-dasharray="7 4"/>',
        "under construction or planned",
    )
    item(
        '<line x1="{x}" y1="{y}" x2="{x2}" y2="{y}" stroke="#555" stroke-width="3" stroke-linecap="round" '
        'stroke-dasharray="0.5 5"/>',
        "ferry or sea",
    )
    y += 20
    x = float(MARGIN)
    item('<circle cx="{x13}" cy="{y}" r="3.2" fill="#37474f" stroke="#263238"/>', "place")
    item('<circle cx="{x13}" cy="{y}" r="3.2" fill="#0277bd" stroke="#263238"/>', "port")
    item('<circle cx="{x13}" cy="{y}" r="3.2" fill="#ffffff" stroke="#263238"/>', "border crossing")
    out.append(
        f'<text x="{WIDTH - MARGIN}" y="{_fmt(y)}" text-anchor="end" font-size="9.5" fill="#546e7a">'
        "Lines drawn straight between nodes; shared track shows one line per corridor.</text>"
    )
    for highlight in highlights:
        y += 20
        x = float(MARGIN)
        item(
            f'<line x1="{{x}}" y1="{{y}}" x2="{{x2}}" y2="{{y}}" stroke="{highlight.color}" '
            'stroke-opacity="0.45" stroke-width="11" stroke-linecap="round"/>',
            highlight.label,
        )
    out.append("</g>")
    return out
