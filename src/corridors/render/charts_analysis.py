"""SVG charts of the analyses: the `simulate` distribution, the `pareto` front, the `sensitivity` tornado.

One function per chart, each results in and SVG text out, on the primitives of `render.svg`.
"""

from __future__ import annotations

from collections.abc import Sequence

from corridors.analysis.criteria import BY_NAME
from corridors.analysis.results import Route
from corridors.analysis.sensitivity import Sensitivity, Swing
from corridors.analysis.simulation import CorridorSimulation, Simulation, month_name
from corridors.network.model import Network
from corridors.render.charts import route_countries
from corridors.render.svg import (
    FONT_SIZE,
    GRID,
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
    tick_text,
)
from corridors.render.svgmap import text_box, xml_text

WIDTH = 1000
LEFT, RIGHT, TOP = 84, 40, 24
HISTOGRAM_HEIGHT = 150
HISTOGRAM_GAP = 40
SCATTER_HEIGHT = 460


def simulation_svg(
    network: Network, result: Simulation, routes: str = "each corridor's fastest route"
) -> str:
    """One histogram per corridor on a shared days axis, with the deadline and P(within it)."""
    origin, destination = (network.nodes[n].name for n in (result.origin, result.destination))
    title = f"{origin} → {destination}: door-to-door days, {routes}"
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
    for index, corridor in enumerate(result.corridors):  # the index keeps each corridor's colour
        if corridor in found:
            box = Box(LEFT, top, WIDTH - RIGHT, top + HISTOGRAM_HEIGHT)
            body += _histogram(box, x_ticks, corridor, index, result.deadline_days)
            top += HISTOGRAM_HEIGHT + HISTOGRAM_GAP
    body.append(
        f'<text x="{fmt((LEFT + WIDTH - RIGHT) / 2)}" y="{fmt(top - HISTOGRAM_GAP + 34)}" '
        f'text-anchor="middle" fill="{INK}">Door-to-door days</text>'
    )
    missing = [c.name for c in result.corridors if c not in found]
    if missing:  # a line, not an empty panel each
        text = "; ".join(f"{name}: no route" for name in missing)
        body.append(f'<text x="{fmt(LEFT - 60)}" y="{fmt(top + 8)}" fill="{MUTED}">{xml_text(text)}</text>')
        top += 24
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


TORNADO_ROW = 24
TORNADO_BAR = 14
TORNADO_LABEL_MAX = 44  # characters of an input's label; longer ids are cut with an ellipsis
FLIPS_COLUMN = 64  # the right margin that says which inputs can flip the verdict
VALUE_ROOM = 56  # between the labels and the plot: the value at a bar's left end
STRIPE = "#f3f6f8"  # every other row's background, to follow a row from its label to its bar


def tornado_scale(criterion: str) -> tuple[float, str]:
    """What the difference is divided by to be read, and its unit: hours are read in days."""
    found = BY_NAME[criterion]
    return (24.0, "days") if found.per_day else (1.0, found.unit)


def tornado_svg(network: Network, result: Sensitivity, top: int = 15) -> str:
    """The `top` largest swings as bars around the difference at the data's values.

    Each bar runs from the difference with the input at the low end of its range (one colour)
    to the difference at the high end (another); the zero line, where the verdict flips, is
    drawn when it is near enough to the bars to share their scale, and said to be off it if not.
    """
    short = {c.id: c.short_name for c in network.corridors}
    a, b = short.get(result.corridor_a, result.corridor_a), short.get(result.corridor_b, result.corridor_b)
    divide, unit = tornado_scale(result.criterion)
    base = result.difference / divide
    shown = result.swings[:top]
    title = f"What decides {a} against {b} by {result.criterion}: the {len(shown)} largest swings"
    subtitle = (
        f"{a} minus {b} = {base:,.2f} {unit} at the data's values; each input swung over its range, "
        "one at a time, the others at their values"
    )
    labels = [_input_label(s) for s in shown]
    # the labels end right of their column (text-anchor end): a generous width estimate only
    # moves them left, and the value beside each bar's left end needs VALUE_ROOM
    label_width = max((text_box(0, 0, text, FONT_SIZE, "start", 0.5).x1 for text in labels), default=80.0)
    x0 = LEFT - 60 + label_width + VALUE_ROOM
    box = Box(x0, TOP + 96, WIDTH - FLIPS_COLUMN - 56, TOP + 96 + TORNADO_ROW * max(len(shown), 1))
    ends = [base, *(v / divide for s in shown for v in (s.low, s.high))]
    spread = max(ends) - min(ends) or abs(base) or 1.0
    zero_shown = min(ends) - 1.5 * spread <= 0 <= max(ends) + 1.5 * spread
    ticks = nice_ticks(
        max([*ends, 0.0] if zero_shown else ends), target=8, low=min([*ends, 0.0] if zero_shown else ends)
    )
    plot = Plot(box, ticks, (0.0, 1.0))
    body = heading(title, subtitle, LEFT - 60, TOP + 14)
    body += _tornado_key(LEFT - 60, TOP + 62, a, b)
    body += [  # every other row striped, under the grid, to follow a row from its label to its bar
        f'<rect x="{fmt(LEFT - 64)}" y="{fmt(box.y0 + TORNADO_ROW * row)}" width="{fmt(box.x1 - LEFT + 64)}" '
        f'height="{TORNADO_ROW}" fill="{STRIPE}"/>'
        for row in range(0, len(shown), 2)
    ]
    body += _tornado_axis(plot, f"{a} minus {b}, {unit}")
    values = [f'<g font-size="10" fill="{MUTED}" stroke="#ffffff" stroke-width="3" paint-order="stroke">']
    for row, (swing, label) in enumerate(zip(shown, labels, strict=True)):
        bars, texts = _tornado_row(plot, row, swing, label, base, divide)
        body += bars
        values += texts
    body += _tornado_marks(plot, base, zero_shown)
    body += [*values, "</g>"]  # over the lines, haloed
    if not shown:
        body.append(
            f'<text x="{fmt(box.x0)}" y="{fmt(box.y0 + 16)}" fill="{MUTED}">No estimated input changes '
            "the difference: the two routes share every uncertain input in the same amounts.</text>"
        )
    return document(WIDTH, box.y1 + 64, title, describe_tornado(result, a, b, top), body)


def _input_label(swing: Swing) -> str:
    item = swing.input
    ident = item.id if len(item.id) <= TORNADO_LABEL_MAX else item.id[: TORNADO_LABEL_MAX - 1] + "…"
    kind = "length" if item.kind == "km" else "parameter"
    return f"{ident} ({kind}, {item.basis} ±{item.half_width:.0%})"


def _tornado_key(x: float, y: float, a: str, b: str) -> list[str]:
    low, high = style(0)[0], style(1)[0]
    return [
        f'<rect x="{fmt(x)}" y="{fmt(y - 10)}" width="14" height="12" fill="{low}"/>',
        f'<text x="{fmt(x + 20)}" y="{fmt(y)}" fill="{INK}">input at the low end of its range</text>',
        f'<rect x="{fmt(x + 230)}" y="{fmt(y - 10)}" width="14" height="12" fill="{high}"/>',
        f'<text x="{fmt(x + 250)}" y="{fmt(y)}" fill="{INK}">at the high end</text>',
        f'<text x="{fmt(x + 360)}" y="{fmt(y)}" fill="{MUTED}">further left: better for {xml_text(a)}; '
        f"further right: better for {xml_text(b)}</text>",
    ]


def _tornado_axis(plot: Plot, title: str) -> list[str]:
    box = plot.box
    out = [f'<g stroke="{GRID}" stroke-width="1">']
    out += [
        f'<line x1="{fmt(plot.x(t))}" x2="{fmt(plot.x(t))}" y1="{fmt(box.y0)}" y2="{fmt(box.y1)}"/>'
        for t in plot.x_ticks
    ]
    out.append("</g>")
    out.append(f'<g fill="{MUTED}" font-size="10" text-anchor="middle">')
    out += [f'<text x="{fmt(plot.x(t))}" y="{fmt(box.y1 + 14)}">{tick_text(t)}</text>' for t in plot.x_ticks]
    out.append("</g>")
    out.append(
        f'<path d="M{fmt(box.x0)},{fmt(box.y1)}H{fmt(box.x1)}" fill="none" stroke="{MUTED}"/>'
        f'<text x="{fmt((box.x0 + box.x1) / 2)}" y="{fmt(box.y1 + 32)}" text-anchor="middle" '
        f'fill="{INK}">{xml_text(title)}</text>'
    )
    return out


def _tornado_row(
    plot: Plot, row: int, swing: Swing, label: str, base: float, divide: float
) -> tuple[list[str], list[str]]:
    """The row's label, bars and flip mark; and the values at the bars' ends, drawn last."""
    box = plot.box
    middle = box.y0 + TORNADO_ROW * (row + 0.5)
    top = middle - TORNADO_BAR / 2
    out = [
        f'<text x="{fmt(box.x0 - VALUE_ROOM + 6)}" y="{fmt(middle + 4)}" text-anchor="end" fill="{INK}">'
        f"{xml_text(label)}</text>",
    ]
    for index, value in ((0, swing.low / divide), (1, swing.high / divide)):
        x0, x1 = sorted((plot.x(base), plot.x(value)))
        out.append(
            f'<rect x="{fmt(x0)}" y="{fmt(top)}" width="{fmt(max(x1 - x0, 0.8))}" '
            f'height="{TORNADO_BAR}" fill="{style(index)[0]}"/>'
        )
    left, right = sorted((swing.low / divide, swing.high / divide))
    values = [
        f'<text x="{fmt(plot.x(min(left, base)) - 4)}" y="{fmt(middle + 3.5)}" text-anchor="end">'
        f"{left:,.2f}</text>",
        f'<text x="{fmt(plot.x(max(right, base)) + 4)}" y="{fmt(middle + 3.5)}">{right:,.2f}</text>',
    ]
    if swing.flips:
        out.append(
            f'<text x="{fmt(WIDTH - FLIPS_COLUMN)}" y="{fmt(middle + 4)}" font-weight="bold" '
            f'fill="{INK}">flips</text>'
        )
    return out, values


def _tornado_marks(plot: Plot, base: float, zero_shown: bool) -> list[str]:
    """The line at the data's values and the zero line (or a note that zero is off the scale)."""
    box = plot.box
    x = plot.x(base)
    out = [
        f'<line x1="{fmt(x)}" x2="{fmt(x)}" y1="{fmt(box.y0 - 8)}" y2="{fmt(box.y1)}" stroke="{INK}" '
        'stroke-width="1.5"/>',
        f'<text x="{fmt(x)}" y="{fmt(box.y0 - 12)}" text-anchor="middle" font-size="10" fill="{INK}">'
        f"at the data's values: {base:,.2f}</text>",
    ]
    if zero_shown:
        zero = plot.x(0.0)
        out.append(
            f'<line x1="{fmt(zero)}" x2="{fmt(zero)}" y1="{fmt(box.y0 - 8)}" y2="{fmt(box.y1)}" '
            f'stroke="{INK}" stroke-width="1.2" stroke-dasharray="5 3"/>'
        )
        out.append(
            f'<text x="{fmt(zero)}" y="{fmt(box.y1 + 48)}" text-anchor="middle" font-size="10" '
            f'fill="{INK}">0: no difference (the verdict flips past it)</text>'
        )
    else:
        out.append(
            f'<text x="{fmt(LEFT - 60)}" y="{fmt(box.y1 + 48)}" font-size="10" fill="{MUTED}">'
            "0, no difference (where the verdict would flip), lies off this scale: no input over its "
            "range comes near it.</text>"
        )
    return out


def describe_tornado(result: Sensitivity, a: str, b: str, top: int) -> str:
    divide, unit = tornado_scale(result.criterion)
    parts = [
        f"Tornado chart: {a} minus {b} by {result.criterion} is {result.difference / divide:,.2f} {unit} "
        "at the data's values; each bar is the difference with one input at the low and at the high "
        "end of its range."
    ]
    for swing in result.swings[:top]:
        flips = ", can flip the verdict" if swing.flips else ""
        parts.append(
            f"{swing.input.id} ({swing.input.basis}): {swing.low / divide:,.2f} at low, "
            f"{swing.high / divide:,.2f} at high{flips}."
        )
    if not result.swings:
        parts.append("No estimated input changes the difference.")
    return " ".join(parts)
