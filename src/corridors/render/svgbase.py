"""What the map's modules and the charts share: the page, the colours, boxes and escaped text.

Corridors differ in colour (Okabe-Ito, safe for colour-blind readers) and in dash; the
charts use the same, so a corridor looks the same on a map and a chart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from corridors.safetext import xml_text as xml_text  # the map's and the charts' escaping

WIDTH = 1200


MARGIN = 24


TITLE_HEIGHT = 46


FONT_SIZE = 11.0


CHAR_WIDTH = 0.6  # average glyph advance of a sans-serif font, in ems (a safe over-estimate)


CAPS_WIDTH = 0.72  # the same for capitals (country names)


MARKER_RADIUS = 3.2


LEGEND_ROW = 20


# Okabe & Ito (2008), "Color Universal Design": distinct for the common colour blindnesses.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")


DASHES = ("", "9 3.5", "2.5 2.5", "9 3 2 3", "5 2", "1 2")


UNASSIGNED = "#7a7a7a"


HIGHLIGHT = "#ffcf1a"


SEA, LAND, BORDER, COAST = "#d7e7f3", "#f4f1e8", "#b3a794", "#93b1c6"


ATTRIBUTION = "Made with Natural Earth"


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


def text_box(
    x: float, baseline: float, text: str, size: float, anchor: str, char_width: float = CHAR_WIDTH
) -> Box:
    width = char_width * size * len(text) + 2  # + the white halo around the glyphs
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, baseline - size * 0.95, left + width, baseline + size * 0.3)


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _points(points: Iterable[Point]) -> str:
    return " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
