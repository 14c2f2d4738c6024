"""`sensitivity`: which inputs decide between two corridors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import click
import typer

from corridors.analysis.criteria import NAMES, RISK_KM
from corridors.cli.app import app
from corridors.cli.common import View, load, reporting, show
from corridors.cli.options import (
    AsOfOption,
    Chart,
    ChartOption,
    CorridorOption,
    DataOption,
    FormatOption,
    FromArgument,
    FromOption,
    JsonOption,
    OutputOption,
    ToArgument,
    ToOption,
    places,
)
from corridors.errors import UsageError

if TYPE_CHECKING:
    from corridors.analysis.sensitivity import Sensitivity
    from corridors.network.model import Network


@app.command(
    epilog="""\b
Examples:
  corridors sensitivity
  corridors sensitivity Chongqing Rotterdam --corridor middle --corridor sea-suez
  corridors sensitivity --by cost --json | jq .flipping_inputs
  corridors sensitivity --format csv -o tornado.csv
  corridors sensitivity --chart tornado -o tornado.svg"""
)
def sensitivity(
    start: FromArgument = None,
    end: ToArgument = None,
    origin: FromOption = None,
    destination: ToOption = None,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            click_type=click.Choice((*NAMES, RISK_KM), case_sensitive=False),
            help="The criterion the corridors differ by (risk_km: risk exposure, where risk values swing).",
        ),
    ] = "hours",
    corridor: CorridorOption = None,
    top: Annotated[int, typer.Option("--top", min=1, max=10_000, help="Show the N largest swings.")] = 15,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    chart: ChartOption = None,
) -> None:
    """Ranks the inputs by how much they move the difference between two corridors (a tornado).

    Each input is swung over its range (see README: Uncertainty), one at a time; the inputs
    that change the sign of the difference can flip the verdict. Two --corridor name the
    corridors; by default the two best by --by.
    """
    with reporting():
        origin, destination = places(start, end, origin, destination)
        from corridors.analysis.queries import check_year, parse_corridors
        from corridors.analysis.routing import compare_corridors
        from corridors.analysis.scenario import resolve_node
        from corridors.analysis.sensitivity import pick_pair, swings

        network, cgraph = load(data)
        check_year(network, as_of)
        named = parse_corridors(network, corridor or []) if corridor else ()
        if corridor and len(named) != 2:
            raise UsageError("sensitivity compares two corridors: give --corridor twice, or none")
        start, end = resolve_node(network, origin).id, resolve_node(network, destination).id
        route_by = "risk" if by == RISK_KM else by  # the exposure's routes: the lowest risk-weighted km
        comparison = compare_corridors(cgraph, start, end, by=route_by, as_of=as_of, corridors=named)
        routes = [(c.id, c.route) for c in comparison.corridors if c.route is not None]
        if len(routes) < 2:
            raise UsageError(
                f"sensitivity needs two corridors with a route; only {len(routes)} joins the places"
            )
        i, j = pick_pair(routes, by, named)
        result = swings(routes[i], routes[j], by, network, as_of or network.as_of_year)
        query = {"from": start, "to": end, "by": by, "corridors": list(named), "as_of": as_of, "data": data}
        show(sensitivity_view(network, result, query, top), fmt, json_out, output, chart)


def sensitivity_view(network: Network, result: Sensitivity, query: dict[str, Any], top: int) -> View:
    """The JSON has every input; the table, the rows and the chart the --top largest swings."""
    from corridors.render.charts_analysis import tornado_svg
    from corridors.render.jsondoc import analysis_json
    from corridors.render.rows_analysis import SENSITIVITY_COLUMNS, sensitivity_rows
    from corridors.render.tables_sensitivity import sensitivity_text

    return View(
        json=lambda: analysis_json("sensitivity", query, network, result),
        table=lambda: sensitivity_text(network, result, top),
        columns=SENSITIVITY_COLUMNS,
        rows=lambda: sensitivity_rows(result.to_dict(), top),
        charts={Chart.tornado: lambda: tornado_svg(network, result, top)},
    )
