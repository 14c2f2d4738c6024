"""Label placement: greedy, most important first, never one label over another.

Each label tries eight positions around its place (key places four more rings further
out, with a leader line) and takes the first free one that reads as its own place's; a
label with no free position is left out rather than drawn over another. Boxes are kept in
a grid of cells, so placement is near-linear in the number of places.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from corridors.render.svgbase import CHAR_WIDTH, FONT_SIZE, MARKER_RADIUS, Box, text_box

AMBIGUITY = 1.3  # another marker this much nearer than the label's own one makes it ambiguous


TIE = 1.0  # px: another marker this close to as near as the label's own one is a tie, so ambiguous


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
        chosen = _choose(req, own, bounds, taken, solid, tracks)
        if chosen is None:
            continue
        x, y, anchor, box, pointed = chosen
        leader = _leader(own, box) if own is not None and pointed else None
        placed.append(PlacedLabel(req.key, x, y, anchor, box, req.text, req.size, req.area, leader))
        taken.add(box)
        for point in _along(leader) if leader else ():
            taken.add(point)
        if core:
            labelled.add(core)
    return placed


def _choose(
    req: LabelRequest, own: Box | None, bounds: Box, taken: Grid, solid: Grid, tracks: Grid
) -> tuple[float, float, str, Box, bool] | None:
    """The label's first free position that reads as its own place's (or, for a key place, the
    first free one), and whether it needs a leader line; None if there is none."""
    fallback = None
    for i, (x, y, anchor) in enumerate(_candidates(req)):
        box = text_box(x, y, req.text, req.size, anchor, req.char_width)
        if not box.inside(bounds) or taken.hits(box) or solid.hits(box, ignore=req.key):
            continue
        if req.area and tracks.hits(box):
            continue
        if own is not None and i >= len(_RING) and _crosses(_leader(own, box), taken):
            continue
        if own is None or not _nearer_marker(box, own, req.key, solid):
            return x, y, anchor, box, i >= len(_RING)  # off to the side: point to it
        if fallback is None:
            fallback = (x, y, anchor, box, True)
    return fallback if req.must else None


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
