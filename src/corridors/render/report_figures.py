"""The report's figures: the map, the time/cost-distance chart, the simulated days, the tornado.

Each draws the routes the comparison found, with the same renderer as `map`, `compare --chart
tcd`, `simulate --chart distribution` and `sensitivity --chart tornado`, and says in words what a
figure leaves out (a corridor without a route, a sensitivity that cannot be computed).
"""

from __future__ import annotations

from corridors.analysis.criteria import route_label
from corridors.render.report import Page, esc, figure, intro, paragraph

MAP_WIDTH = 1000
TORNADO_TOP = 12  # inputs on the tornado: the rest add little and would crowd a printed page


def _missing(page: Page) -> str:
    """A sentence naming the corridors a figure cannot draw, or nothing."""
    short = page.short
    missing = [short.get(c.id, c.id) for c in page.report.comparison.corridors if c.route is None]
    if not missing:
        return ""
    return f'<p class="note">Not drawn, with no route for this query: {esc(", ".join(missing))}.</p>'


def route_map(page: Page) -> str:
    from corridors.render.svgmap import PALETTE, Highlight, render_svg

    comparison = page.report.comparison
    highlights = [
        Highlight(c.route.nodes, PALETTE[index % len(PALETTE)], f"{c.name}: {c.route.totals.km:,.0f} km")
        for index, c in enumerate(comparison.corridors)
        if c.route is not None
    ]
    as_of = page.query.get("as_of")
    svg = render_svg(
        page.network,
        title=f"{page.ends}: each corridor's route",
        highlights=highlights,
        subtitle=f"{page.basis}; data as of {page.network.as_of}",
        as_of=as_of,
        width=MAP_WIDTH,
    )
    caption = (
        "Each corridor's route in its colour, over the whole network (coloured and dashed by corridor, "
        "hollow where not open, dotted for ferries and sea). Lines follow the measured track where the "
        "data has it and run straight otherwise."
    )
    return figure(svg, "fig-map", caption) + _missing(page)


def time_cost_distance(page: Page) -> str:
    from corridors.render.charts import compare_chart

    comparison = page.report.comparison
    if all(c.route is None for c in comparison.corridors):
        return paragraph("No corridor has a route between these places.")
    by = str(page.query["by"])
    svg = compare_chart(page.network, comparison, by, page.query.get("as_of"))
    caption = (
        "Cumulative distance against cumulative days (above) and cost (below), one line per corridor "
        "(the UNESCAP time/cost-distance method). A sloped segment is a move, a vertical step a wait "
        "without distance: a border, a gauge change, a port wait for a sailing, a transshipment."
    )
    return figure(svg, "fig-tcd", caption) + _missing(page)


def reliability(page: Page) -> str:
    from corridors.analysis.simulation import month_name
    from corridors.render.charts_analysis import simulation_svg
    from corridors.render.report_sections import simulation_table

    result = page.report.simulation
    if all(c.days is None for c in result.corridors):
        return paragraph("No corridor has a route between these places.")
    routes = f"each corridor's route above ({route_label(str(page.query['by']))})"
    text = (
        f"{result.runs:,} journeys per corridor ({month_name(result.month)}, seed {result.seed}) along "
        f"{routes}: border queues, port handling, ferry waits and seasonal closures vary around the "
        "model's days as the data's delay records say. The same command with another --runs or --seed "
        "gives another sample of the same distributions."
    )
    caption = "Door-to-door days over the simulated journeys, as % of journeys per day."
    svg = simulation_svg(page.network, result, routes)
    return intro(text) + figure(svg, "fig-days", caption) + simulation_table(page)


def sensitivity(page: Page) -> str:
    from corridors.analysis.sensitivity import Sensitivity
    from corridors.render.charts_analysis import tornado_scale, tornado_svg

    result: Sensitivity | None = page.report.sensitivity
    if result is None:
        return paragraph(f"No sensitivity here: {page.report.why_no_sensitivity}.")
    short = page.short
    a, b = short.get(result.corridor_a, result.corridor_a), short.get(result.corridor_b, result.corridor_b)
    divide, unit = tornado_scale(result.criterion)
    flippers = result.flippers
    verdict = (
        f"{len(flippers)} input(s) can reverse it within their ranges: "
        + ", ".join(s.input.id for s in flippers[:8])
        + (" ..." if len(flippers) > 8 else "")
        + "."
        if flippers
        else "No single input can reverse it within its range."
    )
    pair = "the two corridors asked for" if len(page.query.get("corridors") or ()) == 2 else "the two best"
    text = (
        f"{a} against {b}, {pair} by {result.criterion}: {a} minus {b} is "
        f"{result.difference / divide:,.2f} {unit}. Each estimated input (an edge's length or a model "
        f"parameter) is set to the low and the high end of its range in turn, the others kept. {verdict}"
    )
    caption = (
        f"The {min(TORNADO_TOP, len(result.swings))} inputs that move the difference most, of "
        f"{len(result.swings)}; corridors sensitivity --json lists every one."
    )
    svg = tornado_svg(page.network, result, TORNADO_TOP)
    return intro(text) + figure(svg, "fig-tornado", caption)
