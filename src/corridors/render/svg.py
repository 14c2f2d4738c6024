"""Primitives the SVG charts share: scales with nice ticks, axes, legend, labels, the document.

Every chart is one self-contained SVG 1.1 document: inline presentation attributes, the
generic ``sans-serif`` font, no scripts, links, images or styles from elsewhere, a
<title> and a <desc> for screen readers. Text from the data goes through `xml_text`.
`Box`, `text_box` and `xml_text` are the map's (svgmap.py), shared rather than copied.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from corridors.render.svgmap import DASHES, PALETTE, text_box, xml_text
from corridors.render.svgmap import Box as Box  # re-exported: the charts lay out with it too

# The map's Okabe & Ito colours and dashes, so a corridor looks the same on a map and a chart.
INK, MUTED, GRID = "#1c2833", "#546e7a", "#e3e8ec"
FONT_SIZE = 11.0
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


def fmt(value: float) -> str:
    """A coordinate: one decimal at most, no trailing zeros."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def style(index: int) -> tuple[str, str]:
    """The colour and dash pattern of series `index`."""
    return PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)]


def nice_ticks(high: float, target: int = 6, low: float = 0.0) -> tuple[float, ...]:
    """Ticks from `low` down and `high` up to a round step (1, 2, 2.5 or 5 x 10^k), about `target`."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / target
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(s * power for s in NICE_STEPS if s * power >= raw * (1 - 1e-9))
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return tuple(round(i * step, 10) for i in range(first, last + 1))


def tick_text(value: float) -> str:
    return f"{value:,.0f}" if value == round(value) else f"{value:,.1f}".rstrip("0")


@dataclass(frozen=True)
class Plot:
    """A panel: its pixel box and the data ranges its axes show, from the first tick to the last."""

    box: Box
    x_ticks: tuple[float, ...]
    y_ticks: tuple[float, ...]

    def x(self, value: float) -> float:
        low, high = self.x_ticks[0], self.x_ticks[-1]
        return self.box.x0 + (value - low) / (high - low) * (self.box.x1 - self.box.x0)

    def y(self, value: float) -> float:
        low, high = self.y_ticks[0], self.y_ticks[-1]
        return self.box.y1 - (value - low) / (high - low) * (self.box.y1 - self.box.y0)


def axes(plot: Plot, x_label: str, y_label: str, y_text: Callable[[float], str] = tick_text) -> list[str]:
    """Grid lines, ticks with their values, the axis lines and their titles."""
    box = plot.box
    out = [f'<g stroke="{GRID}" stroke-width="1">']
    out += [
        f'<line x1="{fmt(box.x0)}" x2="{fmt(box.x1)}" y1="{fmt(plot.y(t))}" y2="{fmt(plot.y(t))}"/>'
        for t in plot.y_ticks
    ]
    out += [
        f'<line x1="{fmt(plot.x(t))}" x2="{fmt(plot.x(t))}" y1="{fmt(box.y0)}" y2="{fmt(box.y1)}"/>'
        for t in plot.x_ticks
    ]
    out.append("</g>")
    out.append(f'<g fill="{MUTED}" font-size="10">')
    out += [
        f'<text x="{fmt(plot.x(t))}" y="{fmt(box.y1 + 14)}" text-anchor="middle">{tick_text(t)}</text>'
        for t in plot.x_ticks
    ]
    out += [
        f'<text x="{fmt(box.x0 - 6)}" y="{fmt(plot.y(t) + 3.5)}" text-anchor="end">'
        f"{xml_text(y_text(t))}</text>"
        for t in plot.y_ticks
    ]
    out.append("</g>")
    out.append(
        f'<path d="M{fmt(box.x0)},{fmt(box.y0)}V{fmt(box.y1)}H{fmt(box.x1)}" fill="none" stroke="{MUTED}"/>'
    )
    middle = (box.y0 + box.y1) / 2
    out.append(
        f'<text x="{fmt((box.x0 + box.x1) / 2)}" y="{fmt(box.y1 + 32)}" text-anchor="middle" '
        f'fill="{INK}">{xml_text(x_label)}</text>'
    )
    out.append(
        f'<text transform="translate({fmt(box.x0 - 52)},{fmt(middle)}) rotate(-90)" text-anchor="middle" '
        f'fill="{INK}">{xml_text(y_label)}</text>'
    )
    return out


def line_sample(x: float, y: float, index: int, width: float = 28) -> str:
    colour, dash = style(index)
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{fmt(x)}" x2="{fmt(x + width)}" y1="{fmt(y)}" y2="{fmt(y)}" stroke="{colour}" '
        f'stroke-width="2.5"{dashed}/>'
    )


def legend(rows: Sequence[tuple[int, str]], x: float, y: float, row: float = 18) -> list[str]:
    """One row per series: its line sample and its text, from baseline `y` down."""
    out = []
    for i, (index, text) in enumerate(rows):
        base = y + i * row
        out.append(line_sample(x, base - 4, index))
        out.append(f'<text x="{fmt(x + 36)}" y="{fmt(base)}" fill="{INK}">{xml_text(text)}</text>')
    return out


@dataclass(frozen=True)
class Label:
    """A label wanted at (x, y): candidate positions are tried in order, larger `weight` first."""

    text: str
    candidates: tuple[tuple[float, float, str], ...]  # (x, baseline, anchor)
    weight: float
    colour: str = INK
    point: tuple[float, float] | None = None  # what it names: a leader line joins a moved label to it
    near: int = 2  # candidates before this index sit next to the point and need no leader


def place_labels(labels: Sequence[Label], bounds: Box, taken: Sequence[Box] = ()) -> list[str]:
    """Greedy: each label at its first candidate inside `bounds` clear of the others; else left out."""
    placed: list[Box] = list(taken)
    out = []
    for label in sorted(labels, key=lambda item: -item.weight):
        for index, (x, y, anchor) in enumerate(label.candidates):
            box = text_box(x, y, label.text, 10, anchor)
            if box.inside(bounds) and not any(box.overlaps(other) for other in placed):
                placed.append(box)
                if label.point is not None and index >= label.near:
                    px, py = label.point
                    ly = min(max(py, box.y0 + 2), box.y1 - 2)
                    out.append(
                        f'<line x1="{fmt(px)}" y1="{fmt(py)}" x2="{fmt(x)}" y2="{fmt(ly)}" '
                        f'stroke="{MUTED}" stroke-width="0.8" paint-order="normal"/>'
                    )
                out.append(
                    f'<text x="{fmt(x)}" y="{fmt(y)}" text-anchor="{anchor}" font-size="10" '
                    f'fill="{label.colour}">{xml_text(label.text)}</text>'
                )
                break
    if not out:
        return []
    halo = '<g stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">'
    return [halo, *out, "</g>"]


def document(width: float, height: float, title: str, desc: str, body: Sequence[str]) -> str:
    """The SVG file: title and description first (what a screen reader announces), then `body`."""
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{fmt(width)}" height="{fmt(height)}" '
        f'viewBox="0 0 {fmt(width)} {fmt(height)}" role="img" font-family="sans-serif" '
        f'font-size="{fmt(FONT_SIZE)}">',
        f"<title>{xml_text(title)}</title>",
        f"<desc>{xml_text(desc)}</desc>",
        f'<rect width="{fmt(width)}" height="{fmt(height)}" fill="#ffffff"/>',
    ]
    return "\n".join([*head, *body, "</svg>"]) + "\n"


def heading(title: str, subtitle: str, x: float, y: float) -> list[str]:
    out = [
        f'<text x="{fmt(x)}" y="{fmt(y)}" font-size="17" font-weight="bold" fill="{INK}">'
        f"{xml_text(title)}</text>"
    ]
    if subtitle:
        out.append(f'<text x="{fmt(x)}" y="{fmt(y + 18)}" fill="{MUTED}">{xml_text(subtitle)}</text>')
    return out
