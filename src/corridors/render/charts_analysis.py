"""SVG charts of the analyses: the `simulate` distribution and the `pareto` front.

One function per chart, each results in and SVG text out, on the primitives of
`render.svg` (a sensitivity tornado will be one more function here).
"""

from __future__ import annotations

from collections.abc import Sequence

from corridors.analysis.results import Route
from corridors.analysis.simulation import CorridorSimulation, Simulation, month_name
from corridors.network.model import Network
from corridors.render.charts import route_countries
from corridors.render.svg import (
    INK,
    MUTED,
    Box,
    Label,
    Plot,
    axes,
    document,
    fmt,
    heading,
    nice_ticks,
    place_labels,
    style,
)
from corridors.render.svgmap import xml_text

WIDTH = 1000
LEFT, RIGHT, TOP = 84, 40, 24
HISTOGRAM_HEIGHT = 150
HISTOGRAM_GAP = 40
SCATTER_HEIGHT = 460


def simulation_svg(network: Network, result: Simulation) -> str:
    """One histogram per corridor on a shared days axis, with the deadline and P(within it)."""
    origin, destination = (network.nodes[n].name for n in (result.origin, result.destination))
    title = f"{origin} → {destination}: door-to-door days, each corridor's fastest route"
    subtitle = (
        f"{result.runs:,} simulated journeys per corridor, {month_name(result.month)}, seed {result.seed}"
    )
    found = [c for c in result.corridors if c.histogram is not None and c.days is not None]
    # About P0.5 to P99.5 and the deadline: a rare long tail would squeeze the rest
    ends = [day for c in found if c.histogram for day in _span(c.histogram.bin_edges_days)]
    if result.deadline_days is not None:
        ends.append(result.deadline_days)
    x_ticks = nice_ticks(max(ends, default=1.0), target=10, low=min(ends, default=0.0))
    body = heading(title, subtitle, LEFT - 60, TOP + 14)
    top = TOP + 76
    for index, corridor in enumerate(result.corridors):
        box = Box(LEFT, top, WIDTH - RIGHT, top + HISTOGRAM_HEIGHT)
        body += _histogram(box, x_ticks, corridor, index, result.deadline_days)
        top += HISTOGRAM_HEIGHT + HISTOGRAM_GAP
    body.append(
        f'<text x="{fmt((LEFT + WIDTH - RIGHT) / 2)}" y="{fmt(top - HISTOGRAM_GAP + 34)}" '
        f'text-anchor="middle" fill="{INK}">Door-to-door days</text>'
    )
    height = top + 10
    return document(WIDTH, height, title, describe_simulation(result), body)


def _span(edges: Sequence[float]) -> tuple[float, float]:
    """The inner bins and at most one bin's width of each open end bin (the min and the max)."""
    if len(edges) <= 3:
        return edges[0], edges[-1]
    width = edges[2] - edges[1]
    return max(edges[0], edges[1] - width), min(edges[-1], edges[-2] + width)


def _histogram(
    box: Box, x_ticks: tuple[float, ...], corridor: CorridorSimulation, index: int, deadline: float | None
) -> list[str]:
    name = xml_text(corridor.name)
    heading_y = fmt(box.y0 - 8)
    histogram, days = corridor.histogram, corridor.days
    if histogram is None or days is None:
        return [f'<text x="{fmt(box.x0)}" y="{heading_y}" fill="{MUTED}">{name}: no route</text>']
    edges, counts = histogram.bin_edges_days, histogram.counts
    total = sum(counts) or 1
    # % of journeys per day: the end bins run to the exact min and max, narrower than the rest
    density = [100 * n / total / max(b - a, 1e-9) for n, a, b in zip(counts, edges, edges[1:], strict=False)]
    plot = Plot(box, x_ticks, nice_ticks(max(density, default=1.0), target=3))
    out = axes(plot, "", "% per day")
    colour, _ = style(index)
    low, high = plot.x_ticks[0], plot.x_ticks[-1]
    for value, a, b in zip(density, edges, edges[1:], strict=False):
        x0, x1, y = plot.x(max(a, low)), plot.x(min(b, high)), plot.y(value)
        out.append(
            f'<rect x="{fmt(x0)}" y="{fmt(y)}" width="{fmt(max(x1 - x0 - 0.5, 0.5))}" '
            f'height="{fmt(box.y1 - y)}" fill="{colour}" fill-opacity="0.75"/>'
        )
    marks = (
        f"median {days.p50:,.1f} days, P90 {days.p90:,.1f}, mean {days.mean:,.1f}; "
        f"from {days.min:,.1f} to {days.max:,.1f}"
    )
    if deadline is not None and corridor.p_within_deadline is not None:
        x = plot.x(deadline)
        out.append(
            f'<line x1="{fmt(x)}" x2="{fmt(x)}" y1="{fmt(box.y0 - 4)}" y2="{fmt(box.y1)}" stroke="{INK}" '
            'stroke-width="1.5" stroke-dasharray="6 3"/>'
        )
        share = f"{100 * corridor.p_within_deadline:.1f}%"
        out.append(
            f'<text x="{fmt(x + 5)}" y="{fmt(box.y0 + 10)}" font-size="10" fill="{INK}">'
            f"P(within {deadline:g} days) = {share}</text>"
        )
    out.append(
        f'<text x="{fmt(box.x0)}" y="{heading_y}" fill="{INK}"><tspan font-weight="bold">{name}</tspan>'
        f'<tspan fill="{MUTED}"> {xml_text(marks)}</tspan></text>'
    )
    return out


def describe_simulation(result: Simulation) -> str:
    parts = [
        f"Distribution of door-to-door days over {result.runs:,} simulated journeys per corridor, "
        "as a histogram in % of journeys per day."
    ]
    for corridor in result.corridors:
        days = corridor.days
        if days is None:
            parts.append(f"{corridor.name}: no route.")
            continue
        text = (
            f"{corridor.name}: median {days.p50:,.1f} days, P90 {days.p90:,.1f}, "
            f"from {days.min:,.1f} to {days.max:,.1f}"
        )
        if result.deadline_days is not None and corridor.p_within_deadline is not None:
            text += f"; {100 * corridor.p_within_deadline:.1f}% within {result.deadline_days:g} days"
        parts.append(text + ".")
    return " ".join(parts)


def pareto_svg(network: Network, criteria: Sequence[str], routes: Sequence[Route]) -> str:
    """Days against cost, one point per route numbered as in the table; hollow where beaten on both."""
    origin, destination = (network.nodes[n].name for n in (routes[0].nodes[0], routes[0].nodes[-1]))
    title = f"{origin} → {destination}: {len(routes)} non-dominated routes, days against cost"
    subtitle = f"the front over {', '.join(criteria)}; model figures per FEU, data as of {network.as_of}"
    days = [route.totals.hours / 24 for route in routes]
    costs = [route.totals.cost_usd for route in routes]
    box = Box(LEFT, TOP + 56, WIDTH - RIGHT, TOP + 56 + SCATTER_HEIGHT)
    x_ticks = nice_ticks(max(days, default=1.0) * 1.05, low=min(days, default=0.0) * 0.95)
    y_ticks = nice_ticks(max(costs, default=1.0) * 1.03, low=min(costs, default=0.0) * 0.97)
    plot = Plot(box, x_ticks, y_ticks)
    body = heading(title, subtitle, LEFT - 60, TOP + 14)
    body += axes(plot, "Door-to-door days (model)", "Cost, USD per FEU (model)", lambda v: f"${v:,.0f}")
    colour, _ = style(0)
    labels = []
    markers = []
    for rank, (d, c) in enumerate(zip(days, costs, strict=True), 1):
        beaten = any(d2 <= d and c2 <= c and (d2, c2) != (d, c) for d2, c2 in zip(days, costs, strict=True))
        x, y = plot.x(d), plot.y(c)
        fill = "#ffffff" if beaten else colour
        body.append(
            f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="5" fill="{fill}" stroke="{colour}" stroke-width="2"/>'
        )
        markers.append(Box(x - 6, y - 6, x + 6, y + 6))
        text = f"#{rank}"
        candidates = (
            (x + 9, y + 4, "start"),
            (x - 9, y + 4, "end"),
            (x, y - 10, "middle"),
            (x, y + 18, "middle"),
        )
        labels.append(Label(text, candidates, -rank))
    body += place_labels(labels, Box(box.x0, box.y0 - 10, box.x1 + RIGHT, box.y1), markers)
    key_y = box.y1 + 58
    body.append(
        f'<text x="{fmt(box.x0)}" y="{fmt(key_y)}" fill="{MUTED}" font-size="10">Filled: no other route '
        "here is both faster and cheaper; hollow: beaten on days and cost, kept on the front for another "
        "criterion. #: the rank in the table (pareto without --chart).</text>"
    )
    for rank, route in enumerate(routes, 1):
        line = xml_text(route_line(network, rank, route))
        body.append(f'<text x="{fmt(box.x0)}" y="{fmt(key_y + 6 + 16 * rank)}" fill="{INK}">{line}</text>')
    return document(WIDTH, key_y + 20 + 16 * len(routes), title, describe_pareto(network, routes), body)


def describe_pareto(network: Network, routes: Sequence[Route]) -> str:
    parts = ["Scatter of the non-dominated routes: door-to-door days against cost in USD per FEU."]
    parts += [route_line(network, rank, route) + "." for rank, route in enumerate(routes, 1)]
    return " ".join(parts)


def route_line(network: Network, rank: int, route: Route) -> str:
    t = route.totals
    return (
        f"#{rank} {route_countries(network, route)}: {t.km:,.0f} km, {t.days:,.1f} days, "
        f"USD {t.cost_usd:,.0f}, {t.co2e_kg:,.0f} kg CO2e, risk {t.risk:.3f}"
    )
