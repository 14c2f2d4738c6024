"""The network's lines: along an edge's measured track where the data has one, straight otherwise.

Shared track shows one line per corridor, side by side; a highlighted route follows the
lines drawn for its legs.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from corridors.network.model import Edge
from corridors.network.modes import WATER_MODES
from corridors.render.svgbase import UNASSIGNED, Box, Point, _fmt, _points


@dataclass(frozen=True)
class Highlight:
    """A route to draw over the network: its node ids, a colour and a legend line."""

    nodes: tuple[str, ...]
    color: str
    label: str


def track(edge: Edge) -> tuple[Point, ...]:
    """The edge's measured track as (lon, lat) points, or () when the data has none."""
    geometry = getattr(edge, "geometry", None)
    if not geometry or len(geometry) < 2:
        return ()
    return tuple((float(p[0]), float(p[1])) for p in geometry)


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
