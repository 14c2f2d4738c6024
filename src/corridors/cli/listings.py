"""`nodes`, `edges`, `sources` and `show`: what the network holds."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import typer

from corridors.cli.app import app
from corridors.cli.common import (
    choose_format,
    deliver,
    emit,
    emit_tables,
    geojson_text,
    reporting,
    tables_text,
)
from corridors.cli.options import (
    LIST_FORMATS,
    ROUTE_FORMATS,
    DataOption,
    Format,
    FormatOption,
    JsonOption,
    OutputOption,
    complete_node,
)

if TYPE_CHECKING:
    pass


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
        chosen = choose_format(fmt, json_out, ROUTE_FORMATS)
        from corridors.analysis.scenario import RiskModel
        from corridors.network.loading import load_network
        from corridors.render.jsondoc import node_corridors, node_dicts, nodes_json

        network = load_network(data)
        query = {"data": data}
        chunks: Iterable[str]
        if chosen is Format.json:
            chunks = [nodes_json(query, network, RiskModel())]
        elif chosen is Format.geojson:
            from corridors.render.geojson import nodes_geojson

            chunks = [geojson_text("nodes", query, network, nodes_geojson, node_dicts(network, RiskModel()))]
        elif chosen is Format.table:
            from corridors.render.tables_lists import nodes_text

            chunks = [tables_text(nodes_text(network, node_corridors(network)), to_file=bool(output))]
        else:
            from corridors.render.exports import NODE_COLUMNS, node_rows, render_rows

            chunks = render_rows(chosen.value, NODE_COLUMNS, node_rows(node_dicts(network, RiskModel())))
        deliver(chunks, output)


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
        chosen = choose_format(fmt, json_out, ROUTE_FORMATS)
        from corridors.analysis.scenario import RiskModel
        from corridors.network.loading import load_network
        from corridors.render.jsondoc import edge_dicts, edges_json

        network = load_network(data)
        entries = edge_dicts(network, RiskModel())
        query = {"data": data}
        chunks: Iterable[str]
        if chosen is Format.json:
            chunks = [edges_json(query, network, RiskModel())]
        elif chosen is Format.geojson:
            from corridors.render.geojson import edges_geojson

            chunks = [geojson_text("edges", query, network, edges_geojson, entries)]
        elif chosen is Format.table:
            from corridors.render.tables_lists import edges_text

            chunks = [tables_text(edges_text(entries), to_file=bool(output))]
        else:
            from corridors.render.exports import EDGE_COLUMNS, edge_rows, render_rows

            chunks = render_rows(chosen.value, EDGE_COLUMNS, edge_rows(entries))
        deliver(chunks, output)


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
        chosen = choose_format(fmt, json_out, LIST_FORMATS)
        from corridors.network.loading import load_network
        from corridors.render.jsondoc import source_dict, sources_json

        network = load_network(data)
        entries = [source_dict(source) for source in network.sources.values()]
        chunks: Iterable[str]
        if chosen is Format.json:
            chunks = [sources_json({"data": data}, network)]
        elif chosen is Format.table:
            from corridors.render.tables_lists import sources_text

            chunks = [tables_text(sources_text(entries), to_file=bool(output))]
        else:
            from corridors.render.exports import SOURCE_COLUMNS, render_rows, source_rows

            chunks = render_rows(chosen.value, SOURCE_COLUMNS, source_rows(entries))
        deliver(chunks, output)


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
        chosen = choose_format(fmt, json_out, LIST_FORMATS)
        from corridors.network.loading import load_network
        from corridors.render.risklist import RISK_COLUMNS, risk_rows, risks_json

        network = load_network(data)
        rows = risk_rows(network, corridor=corridor, country=country, factor=factor)
        chunks: Iterable[str]
        if chosen is Format.json:
            query = {
                "corridor": corridor,
                "country": country and country.upper(),
                "factor": factor,
                "data": data,
            }
            chunks = [risks_json(query, network, rows)]
        elif chosen is Format.table:
            from corridors.render.tables_lists import risks_text

            chunks = [tables_text(risks_text(rows), to_file=bool(output))]
        else:
            from corridors.render.exports import render_rows

            chunks = render_rows(chosen.value, RISK_COLUMNS, rows)
        deliver(chunks, output)


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
            autocompletion=complete_node,
        ),
    ],
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """One place or line: a node with its neighbours, or an edge with its length, geometry and risks."""
    with reporting():
        from corridors.analysis.scenario import RiskModel, resolve_shown
        from corridors.network.loading import load_network

        network = load_network(data)
        kind, ident = resolve_shown(network, place)
        if kind == "edge":
            from corridors.render.risklist import show_edge_dict

            shown = show_edge_dict(network, RiskModel(), ident)
            if json_out:
                from corridors.render.jsondoc import dumps, envelope

                emit(dumps({**envelope("show", {"edge": ident, "data": data}, network), **shown}))
            else:
                from corridors.render.tables_lists import show_edge_text

                emit_tables(show_edge_text(shown))
            return
        from corridors.render.jsondoc import show_dict, show_json

        if json_out:
            emit(show_json({"node": ident, "data": data}, network, RiskModel(), ident))
        else:
            from corridors.render.tables_lists import show_text

            emit_tables(show_text(show_dict(network, RiskModel(), ident)))
