"""The map's legend and scale bar."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from corridors.network.geo import great_circle_km
from corridors.network.model import Network
from corridors.render.maplines import Highlight
from corridors.render.projection import Frame, _inverse
from corridors.render.svgbase import CHAR_WIDTH, LEGEND_ROW, MARGIN, UNASSIGNED, Box, _fmt, xml_text


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


def _nice_length(km: float) -> float:
    for step in (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if step >= km:
            return float(step)
    return 10000.0
