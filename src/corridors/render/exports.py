"""Flat exports: the rows behind CSV, NDJSON and Markdown, and the writers for them.

Each command has one row shape (its columns are listed here and in the README); CSV,
NDJSON and Markdown carry the same rows. Renderers yield text line by line, so a caller
can flush each line as it is produced.

CSV cells from the data that start with ``= + - @`` (or a tab or carriage return) get a
leading apostrophe: spreadsheets would otherwise run them as formulas. Numbers are never
prefixed (a negative longitude stays a number).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from corridors.analysis.criteria import AMOUNTS
from corridors.analysis.metrics import Amounts, CostModel
from corridors.analysis.results import Comparison, Leg, NodeRisk, Route, Totals, amounts
from corridors.network.model import Network
from corridors.safetext import visible

Row = dict[str, Any]

LIST_SEPARATOR = ";"  # joins list cells (corridors, sources) in CSV
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# In a Markdown cell: a pipe ends the cell, brackets make links and images, and raw HTML
# (<script>, <img onerror>) is HTML to the renderer: all shown literally instead.
_MARKDOWN = str.maketrans(
    {"\\": "\\\\", "|": "\\|", "[": "\\[", "]": "\\]", "<": "&lt;", ">": "&gt;", "&": "&amp;"}
)

PATH_COLUMNS = (
    "route_rank",
    "criterion",
    "leg",
    "part",
    "from",
    "from_name",
    "to",
    "to_name",
    "edge_id",
    "mode",
    "km",
    "km_basis",
    "status",
    "opens",
    "gauge_mm",
    "corridors",
    "risk",
    "risk_km",
    *(c.key for c in AMOUNTS),
    "sources",
)
TOTALS_COLUMNS = tuple(Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0).to_dict())
COMPARE_COLUMNS = (
    "corridor",
    "name",
    "route_found",
    "km_more_than_shortest",
    *TOTALS_COLUMNS,
    "nodes",
)
NODE_COLUMNS = ("id", "name", "aliases", "country", "kind", "lat", "lon", "corridors", "risk")
EDGE_COLUMNS = (
    "id",
    "from",
    "to",
    "mode",
    "km",
    "km_basis",
    "status",
    "opens",
    "gauge_mm",
    "oneway",
    "corridors",
    "sources",
)
SOURCE_COLUMNS = ("id", "title", "publisher", "year", "url")


def path_rows(network: Network, routes: Sequence[Route], as_of: int | None = None) -> Iterator[Row]:
    """One row per part of a route, in travel order, so that a route's rows add up to its totals.

    `part` says what a row is: `leg` (moving along an edge: its km, its risk exposure and
    the running time, cost and CO2e), the waits of that leg at its departure place
    (`border`, `ferry_wait`: 0 km, from `CostModel.leg_parts` of scenario year `as_of`),
    the stop before it (`transshipment`, `gauge_change`) and a risky place the route
    passes (`node_risk`: the place's risk and risk_km, nothing else). Every row carries the
    number of the leg it belongs to (a place's risk: the leg that leaves it, the last leg
    for the destination). `route_rank` 1 is the best route by the criterion asked for.
    """
    costs = CostModel(network, as_of or network.as_of_year)
    edges = {edge.id: edge for edge in network.edges}
    for rank, route in enumerate(routes, 1):
        risky = _node_risks_by_position(route)
        for number, (leg, stop) in enumerate(zip(route.legs, route.stops_before_legs(), strict=True), 1):
            place = {"route_rank": rank, "criterion": route.criterion, "leg": number}
            here = risky[number - 1]
            if here is not None:
                yield _node_risk_row(network, place, here)
            if stop is not None:
                yield _place_row(network, place, stop.event, stop.node, amounts(stop))
            yield from _leg_rows(network, place, leg, costs.leg_parts(edges[leg.edge_id], leg.source))
        last = risky[-1]
        if last is not None:
            place = {"route_rank": rank, "criterion": route.criterion, "leg": len(route.legs)}
            yield _node_risk_row(network, place, last)


def _node_risks_by_position(route: Route) -> list[NodeRisk | None]:
    """The risk of each place of `route` in travel order (None: no risk); a place may come twice."""
    pending = list(route.node_risks)
    out: list[NodeRisk | None] = []
    for node in route.nodes:
        out.append(pending.pop(0) if pending and pending[0].node == node else None)
    return out


def _place_row(network: Network, place: Row, part: str, node: str, values: Mapping[str, Any]) -> Row:
    """A row at one place (0 km): a stop, a wait or a place's risk."""
    name = network.nodes[node].name
    known = {**place, "part": part, "from": node, "from_name": name, "to": node, "to_name": name, "km": 0.0}
    known.update(values)
    return {column: known.get(column) for column in PATH_COLUMNS}


def _node_risk_row(network: Network, place: Row, risk: NodeRisk) -> Row:
    return _place_row(network, place, "node_risk", risk.node, risk.to_dict())


def _leg_rows(
    network: Network, place: Row, leg: Leg, parts: tuple[tuple[str, Amounts], ...]
) -> Iterator[Row]:
    """A leg's waits at its departure place (border, ferry_wait), then the leg itself, moving."""
    data = leg.to_dict()
    by_part = dict(parts)
    for part, values in by_part.items():
        if part != "running":
            row = _place_row(network, place, part, leg.source, _rounded(values))
            yield row | {"edge_id": leg.edge_id, "mode": leg.mode}
    running = _rounded(by_part["running"]) if "running" in by_part else amounts(leg)
    yield {
        **place,
        "part": "leg",
        "from": leg.source,
        "from_name": network.nodes[leg.source].name,
        "to": leg.target,
        "to_name": network.nodes[leg.target].name,
        **{key: data[key] for key in PATH_COLUMNS[8:]},
        **running,
    }


def _rounded(values: Amounts) -> dict[str, float]:
    return {c.key: c.rounded(values[c.key]) for c in AMOUNTS}


def compare_rows(comparison: Comparison) -> Iterator[Row]:
    """One row per corridor, its totals flattened (empty where the corridor has no route)."""
    for corridor in comparison.corridors:
        data = corridor.to_dict()
        totals = data["totals"] or dict.fromkeys(TOTALS_COLUMNS)
        yield {
            "corridor": corridor.id,
            "name": corridor.name,
            "route_found": data["route_found"],
            "km_more_than_shortest": data["km_more_than_shortest"],
            **totals,
            "nodes": data["nodes"],
        }


def node_rows(nodes: Iterable[Mapping[str, Any]]) -> Iterator[Row]:
    """The `nodes --json` entries without the per-factor breakdown."""
    for node in nodes:
        yield {key: node[key] for key in NODE_COLUMNS}


def edge_rows(edges: Iterable[Mapping[str, Any]]) -> Iterator[Row]:
    for edge in edges:
        yield {key: edge[key] for key in EDGE_COLUMNS}


def source_rows(sources: Iterable[Mapping[str, Any]]) -> Iterator[Row]:
    for source in sources:
        yield {key: source[key] for key in SOURCE_COLUMNS}


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, str):
        value = visible(value, keep="\t\n\r")  # quoting keeps these; no escape sequence survives
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


def to_csv(columns: Sequence[str], rows: Iterable[Row]) -> Iterator[str]:
    """RFC 4180 CSV (CRLF line ends, quoting where needed), a header row first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells: Iterable[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        return buffer.getvalue()

    yield line(columns)
    for row in rows:
        yield line(_csv_cell(row[column]) for column in columns)


def to_ndjson(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """One compact JSON object per line."""
    from corridors.render.jsondoc import dumps_line

    for row in rows:
        yield dumps_line(row)


def _md_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        value = ", ".join(str(item) for item in value)
    text = visible(" ".join(str(value).split()))  # a newline would end the table row
    return text.translate(_MARKDOWN)


def to_markdown(columns: Sequence[str], rows: Iterable[Row]) -> Iterator[str]:
    """A GitHub-flavoured Markdown table; numbers right-aligned."""
    materialised = list(rows)
    numeric = [
        any(isinstance(row[c], int | float) and not isinstance(row[c], bool) for row in materialised)
        for c in columns
    ]
    yield "| " + " | ".join(columns) + " |\n"
    yield "| " + " | ".join("---:" if num else "---" for num in numeric) + " |\n"
    for row in materialised:
        yield "| " + " | ".join(_md_cell(row[c]) for c in columns) + " |\n"


def render_rows(fmt: str, columns: Sequence[str], rows: Iterable[Row]) -> Iterator[str]:
    """Rows as `csv`, `ndjson` or `markdown`, line by line."""
    if fmt == "csv":
        return to_csv(columns, rows)
    if fmt == "ndjson":
        return to_ndjson(rows)
    if fmt == "markdown":
        return to_markdown(columns, rows)
    raise ValueError(f"not a row format: {fmt}")


BREAKEVEN_COLUMNS = (
    "from_risk_weight",
    "to_risk_weight",
    "rank",
    "corridor",
    "value_at_start",
    "value_at_end",
    "unweighted_value",
    "risk_exposure",
    "nodes",
)
SIMULATE_COLUMNS = (
    "corridor",
    "name",
    "route_found",
    "runs",
    "model_days",
    "mean",
    "std",
    "p50",
    "p90",
    "p95",
    "min",
    "max",
    "p_within_deadline",
    "delays",
)
NEIGHBOUR_COLUMNS = (
    "node",
    "name",
    "edge_id",
    "direction",
    "mode",
    "km",
    "km_basis",
    "status",
    "opens",
    "corridors",
)
PROBLEM_COLUMNS = ("place", "message")


def breakeven_rows(spans: Iterable[Mapping[str, Any]]) -> Iterator[Row]:
    """One row per span of risk weights and corridor, best first (the `--json` spans, flat)."""
    for span in spans:
        for rank, corridor in enumerate(span["corridors"], 1):
            yield {
                "from_risk_weight": span["from_risk_weight"],
                "to_risk_weight": span["to_risk_weight"],
                "rank": rank,
                "corridor": corridor["id"],
                **{key: corridor[key] for key in BREAKEVEN_COLUMNS[4:]},
            }


def simulate_rows(corridors: Iterable[Mapping[str, Any]]) -> Iterator[Row]:
    """One row per corridor: its days summary flat (empty without a route)."""
    for corridor in corridors:
        days = corridor["days"] or {}
        yield {
            "corridor": corridor["id"],
            "name": corridor["name"],
            "route_found": corridor["route_found"],
            "runs": corridor["runs"],
            "model_days": corridor["model_days"],
            **{key: days.get(key) for key in SIMULATE_COLUMNS[5:12]},
            "p_within_deadline": corridor.get("p_within_deadline"),
            "delays": corridor["delays"],
        }


def keyed_rows(columns: Sequence[str], entries: Iterable[Mapping[str, Any]]) -> Iterator[Row]:
    """Records already flat (neighbours, problems): their `columns`, in order."""
    for entry in entries:
        yield {key: entry[key] for key in columns}
