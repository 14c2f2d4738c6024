"""`map`: the SVG map."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from corridors.cli.app import app
from corridors.cli.common import (
    check_year,
    deliver,
    load,
    reporting,
)
from corridors.cli.options import (
    AsOfOption,
    ByOption,
    DataOption,
    OutputOption,
    complete_node,
)
from corridors.errors import UsageError

if TYPE_CHECKING:
    from corridors.network.graph import CorridorGraph


@app.command(
    "map",
    epilog="""\b
Examples:
  corridors map -o network.svg
  corridors map --from Xian --to Istanbul -o route.svg
  corridors map --from Xian --to Duisburg --compare -o compare.svg
  corridors map --from Aktau --to Moiynty --as-of 2027 > route.svg""",
)
def map_(
    origin: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="PLACE", help="Highlight a route from here.", autocompletion=complete_node
        ),
    ] = None,
    destination: Annotated[
        str | None,
        typer.Option("--to", metavar="PLACE", help="...to here.", autocompletion=complete_node),
    ] = None,
    compare_routes: Annotated[
        bool, typer.Option("--compare", help="Highlight each corridor's best route instead of one route.")
    ] = False,
    by: ByOption = "km",
    as_of: AsOfOption = None,
    data: DataOption = None,
    output: OutputOption = None,
) -> None:
    """A self-contained SVG map: the network, a route (--from/--to) or a comparison (--compare).

    Lines are coloured by corridor (shared track shows one line per corridor), dashed
    where under construction or planned, dotted for ferries; the route is highlighted.
    """
    with reporting():
        from corridors.render.svgmap import render_svg

        network, cgraph = load(data)
        check_year(network, as_of)
        if (origin is None) != (destination is None):
            raise UsageError("give both --from and --to, or neither")
        if compare_routes and origin is None:
            raise UsageError("--compare needs --from and --to")
        title, highlights = "Freight corridors: the network", list[Any]()
        if origin is not None and destination is not None:
            title, highlights = _map_routes(cgraph, origin, destination, by, as_of, compare_routes)
        when = f"projects open by {as_of}" if as_of else "operational lines"
        subtitle = f"{when}; data as of {network.as_of}"
        deliver([render_svg(network, title=title, highlights=highlights, subtitle=subtitle)], output)


def _map_routes(
    cgraph: CorridorGraph, origin: str, destination: str, by: str, as_of: int | None, compare: bool
) -> tuple[str, list[Any]]:
    from corridors.analysis.routing import best_route, compare_corridors
    from corridors.analysis.scenario import Scenario, resolve_node
    from corridors.render.svgmap import HIGHLIGHT, PALETTE, Highlight

    network = cgraph.network
    start, end = resolve_node(network, origin), resolve_node(network, destination)
    from corridors.analysis.criteria import route_label

    label = route_label(by)
    if not compare:
        route = best_route(cgraph, start.id, end.id, by=by, scenario=Scenario(as_of=as_of))
        text = f"{start.name} → {end.name}: {route.totals.km:,.0f} km, {label}"
        return f"{start.name} → {end.name}", [Highlight(route.nodes, HIGHLIGHT, text)]
    comparison = compare_corridors(cgraph, start.id, end.id, by=by, as_of=as_of)
    highlights = []
    for index, corridor in enumerate(comparison.corridors):
        if corridor.route is not None:
            text = f"{corridor.name}: {corridor.route.totals.km:,.0f} km"
            highlights.append(Highlight(corridor.route.nodes, PALETTE[index % len(PALETTE)], text))
    return f"{start.name} → {end.name}: corridors compared ({label})", highlights
