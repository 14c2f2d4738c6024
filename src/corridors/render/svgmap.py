"""A self-contained SVG map of the network, a route or a comparison, on a real base map.

No scripts, fonts, images, tiles or links: plain SVG 1.1 with a generic ``sans-serif``
font, so it opens offline in any browser and embeds in documents. This module composes
the map; its parts are apart: projection.py (projections, the view), mapland.py (land,
borders, names of countries and seas), maplines.py (the lines), labels.py (placement),
maplegend.py (legend, scale bar) and svgbase.py (page, colours, boxes, escaping).

Labels go most important first: route ends; hubs, ports and the places projects name;
the rest of the route; everything else; then seas and countries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from corridors.network.model import Edge, Network
from corridors.render.basemap import load_basemap
from corridors.render.labels import Grid, LabelRequest, PlacedLabel, place_labels
from corridors.render.mapland import _area_text, _basemap, _graticule
from corridors.render.maplegend import _Legend, _scale_bar
from corridors.render.maplines import (
    Highlight,
    _edge_index,
    _edge_lines,
    _route_points,
    _samples,
    _touches,
    track,
)
from corridors.render.projection import (
    REGIONS,
    EqualEarth,
    LambertConic,
    _frame,
    fit_projection,
    parse_bbox,
    projection_for,
    view_of,
)
from corridors.render.svgbase import (
    ATTRIBUTION,
    BORDER,
    CHAR_WIDTH,
    COAST,
    DASHES,
    FONT_SIZE,
    HIGHLIGHT,
    LAND,
    MARGIN,
    MARKER_RADIUS,
    PALETTE,
    SEA,
    WIDTH,
    Bbox,
    Box,
    Point,
    _fmt,
    _points,
    text_box,
    xml_text,
)

__all__ = [  # what other modules and the tests import from here
    "BORDER",
    "COAST",
    "DASHES",
    "HIGHLIGHT",
    "LAND",
    "MARKER_RADIUS",
    "PALETTE",
    "REGIONS",
    "SEA",
    "Box",
    "EqualEarth",
    "Grid",
    "Highlight",
    "LabelRequest",
    "LambertConic",
    "PlacedLabel",
    "fit_projection",
    "parse_bbox",
    "place_labels",
    "projection_for",
    "render_svg",
    "text_box",
    "track",
    "view_of",
    "xml_text",
]

KIND_PRIORITY = {"hub": 0, "port": 1, "city": 2, "terminal": 3, "border": 4, "junction": 5}


KEY_KINDS = ("hub", "port")  # always labelled, with the places projects name and route ends


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
    view = bbox or _view(network, highlights)
    corridor_ids = [c.id for c in network.corridors]
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(corridor_ids)}
    dashes = {c: DASHES[i % len(DASHES)] for i, c in enumerate(corridor_ids)}
    tracks = {e.id: track(e) for e in network.edges}
    mixed = any(tracks.values()) and not all(tracks.values())
    legend = _Legend(network, colours, dashes, highlights, as_of, mixed, any(tracks.values()), width)
    frame, height = _frame(view, width, height, legend.height)
    box = frame.box
    near = Box(box.x0 - 200, box.y0 - 200, box.x1 + 200, box.y1 + 200)  # draw what may show

    out = _head(width, height, title, _describe(network, highlights, subtitle), box)
    out.extend(_graticule(frame, view))
    land, area_labels = _basemap(load_basemap(), frame, near)
    out.extend(land)

    pos = {ident: frame.px(n.lon, n.lat) for ident, n in network.nodes.items()}
    lines_px = {
        e.id: [frame.px(lon, lat) for lon, lat in tracks[e.id]] or [pos[e.source], pos[e.target]]
        for e in network.edges
    }
    visible_edges = [e for e in network.edges if _touches(lines_px[e.id], near)]
    edge_index = _edge_index(network.edges)
    out.extend(_highlight_lines(highlights, edge_index, lines_px, pos))
    out.extend(_edge_group(visible_edges, lines_px, tracks, colours, dashes, as_of, mixed=mixed))

    on_route = {n for h in highlights for n in h.nodes}
    visible = {ident for ident, (x, y) in pos.items() if box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1}
    out.extend(_markers(network, pos, visible, on_route))
    out.append("</g>")  # end of the clipped map

    requests = _place_requests(network, highlights, pos, visible, edge_index) + area_labels
    samples = [b for e in visible_edges for b in _samples(lines_px[e.id], box)]
    scale_bar, scale_box = _scale_bar(frame)
    labels = _labels(requests, {ident: pos[ident] for ident in visible}, box, scale_box, samples)
    out.extend(_label_text(labels, on_route))
    out.extend(_foot(box, title, subtitle))
    out.extend(scale_bar)
    out.append(_credit(box))
    out.extend(legend.render(box.y1 + 24))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _highlight_lines(
    highlights: Sequence[Highlight],
    edge_index: Mapping[tuple[str, str], list[Edge]],
    lines_px: Mapping[str, list[Point]],
    pos: Mapping[str, Point],
) -> list[str]:
    """A broad translucent band along each route shown, under the lines."""
    out = []
    for highlight in highlights:
        points = _route_points(highlight.nodes, edge_index, lines_px, pos)
        out.append(
            f'<polyline points="{_points(points)}" fill="none" stroke="{highlight.color}" '
            'stroke-opacity="0.55" stroke-width="11" stroke-linecap="round" stroke-linejoin="round"/>'
        )
    return out


def _labels(
    requests: Sequence[LabelRequest],
    places: Mapping[str, Point],
    box: Box,
    scale_box: Box,
    samples: Sequence[Box],
) -> list[PlacedLabel]:
    """The labels placed around the places' markers, clear of the scale bar and the credit."""
    markers = {
        ident: Box(x - MARKER_RADIUS, y - MARKER_RADIUS, x + MARKER_RADIUS, y + MARKER_RADIUS)
        for ident, (x, y) in places.items()
    }
    credit = Box(box.x1 - 8 - 9 * CHAR_WIDTH * len(ATTRIBUTION), box.y1 - 17, box.x1, box.y1)
    return place_labels(requests, [scale_box, credit], box, markers=markers, lines=samples)


def _edge_group(
    edges: Sequence[Edge],
    lines_px: Mapping[str, list[Point]],
    tracks: Mapping[str, tuple[Point, ...]],
    colours: Mapping[str, str],
    dashes: Mapping[str, str],
    as_of: int | None,
    *,
    mixed: bool,
) -> list[str]:
    """The lines in view, each along its track or straight (faint where the map mixes both)."""
    out = ['<g fill="none" stroke-linecap="butt" stroke-linejoin="round">']
    for edge in edges:
        straight = not tracks[edge.id]
        out.extend(
            _edge_lines(edge, lines_px[edge.id], colours, dashes, as_of, straight=straight, faint=mixed)
        )
    out.append("</g>")
    return out


def _credit(box: Box) -> str:
    """Natural Earth's credit, in the map's bottom right corner."""
    return (
        f'<text x="{_fmt(box.x1 - 6)}" y="{_fmt(box.y1 - 6)}" text-anchor="end" font-size="9" fill="#546e7a" '
        f'stroke="#ffffff" stroke-width="2.5" paint-order="stroke">{ATTRIBUTION}</text>'
    )


def _view(network: Network, highlights: Sequence[Highlight]) -> Bbox:
    """The routes shown, else the whole network with its tracks."""
    shown = {n for h in highlights for n in h.nodes} or set(network.nodes)
    extent: list[Point] = [(network.nodes[n].lon, network.nodes[n].lat) for n in shown]
    if not highlights:
        extent += [p for e in network.edges for p in track(e)]
    return view_of(extent)


def _head(width: int, height: int, title: str, desc: str, box: Box) -> list[str]:
    """The document's start, up to the open group clipped to the map."""
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="{_fmt(FONT_SIZE)}">',
        f"<title>{xml_text(title)}</title>",
        f"<desc>{xml_text(desc)}</desc>",
        f'<defs><clipPath id="map"><rect x="{_fmt(box.x0)}" y="{_fmt(box.y0)}" '
        f'width="{_fmt(box.x1 - box.x0)}" height="{_fmt(box.y1 - box.y0)}"/></clipPath></defs>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<rect x="{_fmt(box.x0)}" y="{_fmt(box.y0)}" width="{_fmt(box.x1 - box.x0)}" '
        f'height="{_fmt(box.y1 - box.y0)}" fill="{SEA}"/>',
        '<g clip-path="url(#map)">',
    ]


def _markers(network: Network, pos: Mapping[str, Point], visible: set[str], on_route: set[str]) -> list[str]:
    """A dot per place in view, the route's drawn last (on top) and larger."""
    out = ['<g stroke="#263238" stroke-width="1">']
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
    return out


def _place_requests(
    network: Network,
    highlights: Sequence[Highlight],
    pos: Mapping[str, Point],
    visible: set[str],
    edge_index: Mapping[tuple[str, str], list[Edge]],
) -> list[LabelRequest]:
    """A label request per place in view, ranked: route ends, key places, the route, the rest."""
    on_route = {n for h in highlights for n in h.nodes}
    degree: dict[str, int] = {}
    for key in edge_index:
        for n in key:
            degree[n] = degree.get(n, 0) + 1
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

    return [
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


def _label_text(labels: Sequence[PlacedLabel], on_route: set[str]) -> list[str]:
    """Country and sea names, then the leader lines, then the places' names (the route's bold)."""
    out = [_area_text(label) for label in labels if label.area]
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
    return out


def _foot(box: Box, title: str, subtitle: str) -> list[str]:
    """The map's frame, the title and the subtitle."""
    out = [
        f'<rect x="{_fmt(box.x0)}" y="{_fmt(box.y0)}" width="{_fmt(box.x1 - box.x0)}" '
        f'height="{_fmt(box.y1 - box.y0)}" fill="none" stroke="#9aa7b3"/>',
        f'<text x="{MARGIN}" y="{MARGIN + 16}" font-size="17" font-weight="bold" fill="#1c2833">'
        f"{xml_text(title)}</text>",
    ]
    if subtitle:
        out.append(
            f'<text x="{MARGIN}" y="{MARGIN + 34}" font-size="11" fill="#546e7a">{xml_text(subtitle)}</text>'
        )
    return out


def _describe(network: Network, highlights: Sequence[Highlight], subtitle: str) -> str:
    routes = "; ".join(h.label for h in highlights)
    return (
        f"Map of {len(network.nodes)} places and {len(network.edges)} lines"
        + (f"; highlighted: {routes}" if routes else "")
        + (f"; {subtitle}" if subtitle else "")
        + f". Base map: {ATTRIBUTION}."
    )
