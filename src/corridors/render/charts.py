"""Time/cost-distance charts (the UNESCAP method) as self-contained SVG.

Two panels share the x axis, cumulative km: cumulative days above, cumulative cost in
USD per FEU below. Each route is one line: a move is a sloped segment (steeper is
slower, or dearer per km), a wait is a vertical step, drawn thicker so the bottlenecks
stand out, and labelled with its place and kind where there is room (the largest
first; a label that would overlap another is left out, the <desc> lists them all).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from corridors.analysis.criteria import route_label
from corridors.analysis.profile import Profile, route_profile
from corridors.analysis.results import Comparison, Route
from corridors.network.model import Network
from corridors.render.svg import (
    INK,
    Box,
    Label,
    Plot,
    axes,
    document,
    fmt,
    heading,
    legend,
    nice_ticks,
    place_labels,
    style,
)

WIDTH = 1100
LEFT, RIGHT, TOP = 84, 150, 24  # the right margin holds each line's end label
PANEL_HEIGHT = 330
PANEL_GAP = 64
MIN_LABEL_PX = 4.0  # a step shorter than this on screen gets no label
KIND_LABEL = {
    "border": "border",
    "gauge_change": "gauge change",
    "ferry_wait": "port wait",
    "transshipment": "transshipment",
}


@dataclass(frozen=True)
class Line:
    """One route on the chart: legend text, a short name for its end, its profile and style index."""

    label: str
    short: str
    profile: Profile
    style: int


@dataclass(frozen=True)
class Step:
    """Consecutive waits at one place, as one panel sees them (kinds with a non-zero amount)."""

    node: str
    kinds: tuple[str, ...]
    km: float
    low: float
    high: float


@dataclass(frozen=True)
class Panel:
    axis: int  # index into a profile point: 1 hours, 2 cost
    scale: float  # data units per axis unit
    title: str
    amount: Callable[[float], str]  # a step's size, in data units
    total: Callable[[float], str]  # a line's end, in data units


def _hours(value: float) -> str:
    return f"+{value:,.1f} h" if value < 10 else f"+{value:,.0f} h"


PANELS = (
    Panel(1, 24.0, "Cumulative time, days", _hours, lambda value: f"{value / 24:,.1f} days"),
    Panel(
        2,
        1.0,
        "Cumulative cost, USD per FEU",
        lambda value: f"+${value:,.0f}",
        lambda value: f"${value:,.0f}",
    ),
)


def steps(profile: Profile, axis: int) -> list[Step]:
    """The vertical steps of one profile on one axis (1 hours, 2 cost), waits at a place merged."""
    out: list[Step] = []
    points = profile.points()
    for segment, before, after in zip(profile.segments, points, points[1:], strict=False):
        amount = after[axis] - before[axis]
        if segment.km or amount <= 0:
            continue
        last = out[-1] if out else None
        if (
            last is not None
            and last.node == segment.node
            and last.km == before[0]
            and last.high == before[axis]
        ):
            kinds = last.kinds if segment.kind in last.kinds else (*last.kinds, segment.kind)
            out[-1] = Step(last.node, kinds, last.km, last.low, after[axis])
        else:
            out.append(Step(segment.node, (segment.kind,), before[0], before[axis], after[axis]))
    return out


def compare_chart(network: Network, comparison: Comparison, by: str, as_of: int | None) -> str:
    """Each corridor's best route, styled by the corridor's place in the data (as on the map)."""
    lines = [
        Line(c.name, c.name.split()[0], route_profile(network, c.route, as_of), index)
        for index, c in enumerate(comparison.corridors)
        if c.route is not None
    ]
    origin, destination = (network.nodes[n].name for n in (comparison.origin, comparison.destination))
    label = route_label(by)
    return tcd_svg(
        network,
        lines,
        title=f"{origin} → {destination}: time/cost-distance by corridor",
        subtitle=f"each corridor's best route ({label}); {_basis(network, as_of)}",
    )


def path_chart(network: Network, routes: Sequence[Route], as_of: int | None, *, alternatives: bool) -> str:
    """The routes `path` found: the best and its risk-weighted rival, or the K alternatives."""
    lines = []
    for index, route in enumerate(routes):
        label = route_label(route.criterion)
        rival = index > 0 and label.endswith("risk-weighted")
        short = f"#{index + 1}" if alternatives else ("risk-weighted" if rival else label)
        text = (
            f"#{index + 1} ({label}; {route_countries(network, route)})"
            if alternatives
            else label.capitalize()
        )
        lines.append(Line(text, short, route_profile(network, route, as_of), index))
    origin, destination = (network.nodes[n].name for n in (routes[0].nodes[0], routes[0].nodes[-1]))
    return tcd_svg(
        network,
        lines,
        title=f"{origin} → {destination}: time/cost-distance",
        subtitle=_basis(network, as_of),
    )


def route_countries(network: Network, route: Route) -> str:
    """The countries in the order the route enters them, as the tables' Countries column."""
    seen: list[str] = []
    for node in route.nodes:
        country = network.nodes[node].country
        if not seen or seen[-1] != country:
            seen.append(country)
    return " ".join(seen)


def _basis(network: Network, as_of: int | None) -> str:
    when = f"projects open by {as_of}" if as_of else "operational lines"
    return f"{when}; model figures per FEU, data as of {network.as_of}"


def tcd_svg(network: Network, lines: Sequence[Line], *, title: str, subtitle: str = "") -> str:
    """The whole chart as SVG text: both panels, the legend and the labelled steps."""
    names = {ident: node.name for ident, node in network.nodes.items()}
    top = TOP + 48 + 18 * len(lines) + 16
    x_ticks = nice_ticks(max((line.profile.points()[-1][0] for line in lines), default=1.0))
    body = heading(title, subtitle, LEFT - 60, TOP + 14)
    body += legend([(line.style, f"{line.label}: {totals(line)}") for line in lines], LEFT, TOP + 56)
    for number, panel in enumerate(PANELS):
        y0 = top + number * (PANEL_HEIGHT + PANEL_GAP)
        high = max((line.profile.points()[-1][panel.axis] / panel.scale for line in lines), default=1.0)
        plot = Plot(Box(LEFT, y0, WIDTH - RIGHT, y0 + PANEL_HEIGHT), x_ticks, nice_ticks(high))
        x_label = "Cumulative distance, km" if number == len(PANELS) - 1 else "km"
        body += axes(plot, x_label, panel.title)
        body += _panel(plot, panel, lines, names)
    height = top + len(PANELS) * (PANEL_HEIGHT + PANEL_GAP) - PANEL_GAP + 48
    return document(WIDTH, height, title, describe(lines, names), body)


def _panel(plot: Plot, panel: Panel, lines: Sequence[Line], names: dict[str, str]) -> list[str]:
    out: list[str] = []
    labels: dict[tuple[str, float, float], Label] = {}
    for line in lines:  # later lines are dashed: where routes share track, the first shows through
        colour, dash = style(line.style)
        xy = [(plot.x(p[0]), plot.y(p[panel.axis] / panel.scale)) for p in line.profile.points()]
        found = steps(line.profile, panel.axis)
        for step in found:
            x, low, high = plot.x(step.km), plot.y(step.low / panel.scale), plot.y(step.high / panel.scale)
            out.append(
                f'<line x1="{fmt(x)}" x2="{fmt(x)}" y1="{fmt(low)}" y2="{fmt(high)}" stroke="{colour}" '
                'stroke-width="6" stroke-opacity="0.35"/>'
            )
            if low - high >= MIN_LABEL_PX:
                text = f"{names[step.node]}: {' + '.join(KIND_LABEL[k] for k in step.kinds)} "
                text += panel.amount(step.high - step.low)
                middle = (low + high) / 2 + 3.5
                candidates = tuple(
                    (x + side * 6, middle + shift, "start" if side > 0 else "end")
                    for shift in (0, -12, 12, -24, 24)
                    for side in (1, -1)
                )
                point = (x, middle - 3.5)
                twin = any(  # another route's step at (almost) the same place says the same
                    other.text == text
                    and other.point
                    and abs(other.point[0] - x) + abs(other.point[1] - point[1]) < 12
                    for other in labels.values()
                )
                if not twin:
                    labels[(text, round(x), round(middle))] = Label(text, candidates, low - high, point=point)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        points = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in xy)
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.2" '
            f'stroke-linejoin="round"{dashed}/>'
        )
        end_x, end_y = xy[-1]
        end = f"{line.short} {panel.total(line.profile.points()[-1][panel.axis])}"
        labels[(end, 0, line.style)] = Label(
            end,
            (
                (end_x + 8, end_y + 4, "start"),
                (end_x + 8, end_y + 16, "start"),
                (end_x + 8, end_y - 8, "start"),
            ),
            1e9,
            colour=INK,
        )
    bounds = Box(plot.box.x0, plot.box.y0 - 14, plot.box.x1 + RIGHT - 4, plot.box.y1)
    return out + place_labels(list(labels.values()), bounds)


def totals(line: Line) -> str:
    km, hours, cost = line.profile.points()[-1]
    return f"{km:,.0f} km, {hours / 24:,.1f} days, USD {cost:,.0f} per FEU"


def describe(lines: Sequence[Line], names: dict[str, str]) -> str:
    """The chart in words: each route's totals and every wait, for screen readers and search."""
    parts = [
        "Time/cost-distance chart (UNESCAP method): cumulative distance in km against cumulative "
        "time in days (upper panel) and cumulative cost in USD per FEU (lower panel); vertical "
        "steps are waits without distance."
    ]
    for line in lines:
        waits = "; ".join(
            f"{KIND_LABEL[s.kind]} at {names[s.node]} {s.hours:,.1f} h, USD {s.cost_usd:,.0f}"
            for s in line.profile.segments
            if s.kind != "running"
        )
        parts.append(f"{line.label}: {totals(line)}; waits: {waits or 'none'}.")
    return " ".join(parts)
