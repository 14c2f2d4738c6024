"""`projects` and `critical`: questions over a basket of origin-destination pairs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from corridors.cli.app import app
from corridors.cli.common import View, check_year, load, reporting, show
from corridors.cli.options import (
    AsOfOption,
    ByOption,
    DataOption,
    FormatOption,
    JsonOption,
    OutputOption,
)

if TYPE_CHECKING:
    from corridors.analysis.critical import Criticality
    from corridors.analysis.projects import ProjectRanking
    from corridors.network.model import Network

PairsOption = Annotated[
    str | None,
    typer.Option(
        "--pairs",
        metavar="FILE",
        help="CSV with a from,to header: the pairs to judge by. Default: the network's Chinese hubs "
        "and ports x European hubs, ports and terminals.",
    ),
]
BasketCorridorOption = Annotated[
    str | None, typer.Option("--corridor", metavar="ID", help="Search only this corridor's lines.")
]


def _setup(data: str | None, pairs_file: str | None, as_of: int | None, corridor: str | None) -> Any:
    from corridors.analysis.basket import default_basket, read_pairs
    from corridors.analysis.queries import parse_corridors

    network, cgraph = load(data)
    check_year(network, as_of)
    lines = parse_corridors(network, [corridor])[0] if corridor else None
    pairs = read_pairs(network, pairs_file) if pairs_file else default_basket(network)
    return network, cgraph, pairs, lines


@app.command(
    epilog="""\b
Examples:
  corridors projects
  corridors projects --by cost --as-of 2027
  corridors projects --json | jq '.projects[] | {id, saved_days}'
  corridors projects --format csv -o projects.csv"""
)
def projects(
    by: ByOption = "hours",
    as_of: AsOfOption = None,
    corridor: BasketCorridorOption = None,
    pairs: PairsOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Ranks the priority projects by what they save over a basket of pairs (with and without each).

    The network as of --as-of (default: the year the last project opens); each project is
    judged on the lines of the corridors it belongs to, unless --corridor names one.
    """
    with reporting():
        from corridors.analysis.projects import rank_projects
        from corridors.analysis.scenario import objectives

        network, cgraph, basket, lines = _setup(data, pairs, as_of, corridor)
        result = rank_projects(cgraph, basket, objectives(by, 1.0)[0], as_of=as_of, corridor=lines)
        query = {"by": by, "as_of": as_of, "corridor": lines, "pairs": pairs, "data": data}
        show(projects_view(network, result, query), fmt, json_out, output)


@app.command(
    epilog="""\b
Examples:
  corridors critical
  corridors critical --corridor middle --top 10
  corridors critical --json | jq '.losses[0]'
  corridors critical --format markdown"""
)
def critical(
    by: ByOption = "hours",
    top: Annotated[int, typer.Option("--top", min=1, max=10_000, help="Show the N worst.")] = 15,
    as_of: AsOfOption = None,
    corridor: BasketCorridorOption = None,
    pairs: PairsOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Ranks edges and places by what their loss costs over a basket of pairs (extra days, cost, cut off)."""
    with reporting():
        from corridors.analysis.critical import critical_links
        from corridors.analysis.scenario import objectives

        network, cgraph, basket, lines = _setup(data, pairs, as_of, corridor)
        result = critical_links(cgraph, basket, objectives(by, 1.0)[0], as_of=as_of, corridor=lines)
        query = {"by": by, "as_of": as_of, "corridor": lines, "pairs": pairs, "top": top, "data": data}
        show(critical_view(network, result, query, top), fmt, json_out, output)


def projects_view(network: Network, result: ProjectRanking, query: dict[str, Any]) -> View:
    from corridors.render.jsondoc import analysis_json
    from corridors.render.rows_analysis import PROJECTS_COLUMNS, projects_rows
    from corridors.render.tables_basket import projects_text

    return View(
        json=lambda: analysis_json("projects", query, network, result),
        table=lambda: projects_text(result),
        columns=PROJECTS_COLUMNS,
        rows=lambda: projects_rows(p.to_dict() for p in result.projects),
    )


def critical_view(network: Network, result: Criticality, query: dict[str, Any], top: int) -> View:
    """The JSON has every loss; the table and the rows the --top worst."""
    from corridors.render.jsondoc import analysis_json
    from corridors.render.rows_analysis import CRITICAL_COLUMNS, critical_rows
    from corridors.render.tables_basket import critical_text

    return View(
        json=lambda: analysis_json("critical", query, network, result),
        table=lambda: critical_text(result, top),
        columns=CRITICAL_COLUMNS,
        rows=lambda: critical_rows(loss.to_dict() for loss in result.losses[:top]),
    )
