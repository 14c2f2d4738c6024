"""`nodes`, `edges`, `sources` and `show`: what the network holds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from corridors.cli import common
from corridors.cli.app import app
from corridors.cli.common import (
    View,
    geojson_text,
    reporting,
)
from corridors.cli.options import (
    PLACE,
    DataOption,
    FormatOption,
    JsonOption,
    OutputOption,
)

if TYPE_CHECKING:
    from corridors.network.model import Network


@app.command(
    epilog="""\b
Examples:
  corridors nodes
  corridors nodes --json | jq -r '.nodes[] | select(.country == "KZ") | .name'
  corridors nodes --format csv -o nodes.csv
  corridors nodes --format geojson -o nodes.geojson"""
)
def nodes(
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The places in the network, with country, kind and corridors."""
    with reporting():
        from corridors.analysis.scenario import RiskModel
        from corridors.network.loading import load_network
        from corridors.render.exports import NODE_COLUMNS, node_rows
        from corridors.render.geojson import nodes_geojson
        from corridors.render.jsondoc import node_corridors, node_dicts, nodes_json
        from corridors.render.tables_lists import nodes_text

        network = load_network(data)
        query = {"data": data}
        entries = node_dicts(network, RiskModel())
        view = View(
            json=lambda: nodes_json(query, network, RiskModel()),
            table=lambda: nodes_text(network, node_corridors(network)),
            columns=NODE_COLUMNS,
            rows=lambda: node_rows(entries),
            geojson=lambda: geojson_text("nodes", query, network, nodes_geojson, entries),
        )
        common.show(view, fmt, json_out, output)


@app.command(
    epilog="""\b
Examples:
  corridors edges
  corridors edges --json | jq '.edges[] | select(.status != "operational") | {id, opens}'
  corridors edges --format csv -o edges.csv
  corridors edges --format geojson -o network.geojson"""
)
def edges(
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The lines of the network: km and how it is known, status, opening year, corridors, sources."""
    with reporting():
        from corridors.analysis.scenario import RiskModel
        from corridors.network.loading import load_network
        from corridors.render.exports import EDGE_COLUMNS, edge_rows
        from corridors.render.geojson import edges_geojson
        from corridors.render.jsondoc import edge_dicts, edges_json
        from corridors.render.tables_lists import edges_text

        network = load_network(data)
        entries = edge_dicts(network, RiskModel())
        query = {"data": data}
        view = View(
            json=lambda: edges_json(query, network, RiskModel()),
            table=lambda: edges_text(entries),
            columns=EDGE_COLUMNS,
            rows=lambda: edge_rows(entries),
            geojson=lambda: geojson_text("edges", query, network, edges_geojson, entries),
        )
        common.show(view, fmt, json_out, output)


@app.command(
    epilog="""\b
Examples:
  corridors sources
  corridors sources --json | jq -r '.sources[] | "\\(.id)\\t\\(.url)"'
  corridors sources --format markdown"""
)
def sources(
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The bibliography: every source the data cites, with title, publisher, year and URL."""
    with reporting():
        from corridors.network.loading import load_network
        from corridors.render.exports import SOURCE_COLUMNS, source_rows
        from corridors.render.jsondoc import source_dict, sources_json
        from corridors.render.tables_lists import sources_text

        network = load_network(data)
        entries = [source_dict(source) for source in network.sources.values()]
        view = View(
            json=lambda: sources_json({"data": data}, network),
            table=lambda: sources_text(entries),
            columns=SOURCE_COLUMNS,
            rows=lambda: source_rows(entries),
        )
        common.show(view, fmt, json_out, output)


@app.command(
    epilog="""\b
Examples:
  corridors risks --corridor middle
  corridors risks --country GE --factor conflict
  corridors risks --json | jq '.risks[] | select(.value > 0) | {place, factor, value}'
  corridors risks --format csv -o risks.csv"""
)
def risks(
    corridor: Annotated[str | None, typer.Option("--corridor", help="Only places on this corridor.")] = None,
    country: Annotated[
        str | None,
        typer.Option("--country", metavar="CC", help="Only this country, its nodes and its edges."),
    ] = None,
    factor: Annotated[str | None, typer.Option("--factor", help="Only this risk factor.")] = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Every stated risk value: place (country, node or edge), factor, value, why and sources."""
    with reporting():
        from corridors.network.loading import load_network
        from corridors.render.risklist import RISK_COLUMNS, risk_rows, risks_json
        from corridors.render.tables_lists import risks_text

        network = load_network(data)
        rows = risk_rows(network, corridor=corridor, country=country, factor=factor)
        query = {"corridor": corridor, "country": country and country.upper(), "factor": factor, "data": data}
        view = View(
            json=lambda: risks_json(query, network, rows),
            table=lambda: risks_text(rows),
            columns=RISK_COLUMNS,
            rows=lambda: rows,
        )
        common.show(view, fmt, json_out, output)


@app.command(
    epilog="""\b
Examples:
  corridors show Aktau
  corridors show "Malaszewicze"
  corridors show aktau-alat
  corridors show aktau --json | jq '.neighbours[] | {node, km, mode}'"""
)
def show(
    place: Annotated[
        str,
        typer.Argument(
            metavar="PLACE",
            help="Node id, name or alias, or an edge id (a node wins).",
            click_type=PLACE,
        ),
    ],
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """One place or line: a node with its neighbours, or an edge with its length, geometry and risks."""
    with reporting():
        from corridors.analysis.scenario import resolve_shown
        from corridors.network.loading import load_network

        network = load_network(data)
        kind, ident = resolve_shown(network, place)
        view = _edge_view(network, ident, data) if kind == "edge" else _node_view(network, ident, data)
        common.show(view, fmt, json_out, output)


def _node_view(network: Network, ident: str, data: str | None) -> View:
    from corridors.analysis.scenario import RiskModel
    from corridors.render.exports import NEIGHBOUR_COLUMNS, keyed_rows
    from corridors.render.jsondoc import show_dict, show_json
    from corridors.render.tables_lists import show_text

    shown = show_dict(network, RiskModel(), ident)
    return View(
        json=lambda: show_json({"node": ident, "data": data}, network, RiskModel(), ident),
        table=lambda: show_text(shown),
        columns=NEIGHBOUR_COLUMNS,
        rows=lambda: keyed_rows(NEIGHBOUR_COLUMNS, shown["neighbours"]),
    )


def _edge_view(network: Network, ident: str, data: str | None) -> View:
    """An edge's record; its flat rows are its risk factors, as `risks` lists them."""
    from corridors.analysis.scenario import RiskModel
    from corridors.render.jsondoc import dumps, envelope
    from corridors.render.risklist import RISK_COLUMNS, risk_rows, show_edge_dict
    from corridors.render.tables_lists import show_edge_text

    shown = show_edge_dict(network, RiskModel(), ident)
    return View(
        json=lambda: dumps({**envelope("show", {"edge": ident, "data": data}, network), **shown}),
        table=lambda: show_edge_text(shown),
        columns=RISK_COLUMNS,
        rows=lambda: [
            row for row in risk_rows(network) if row["place_kind"] == "edge" and row["place"] == ident
        ],
    )
