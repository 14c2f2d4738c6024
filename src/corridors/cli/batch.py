"""Batch `path` queries: read pairs from CSV or JSON Lines, answer each with one NDJSON line.

The network is loaded and the graph built once by the caller. Input is read lazily and
each answer is yielded as soon as it is computed, so a long batch streams. A pair that
fails becomes an error object on its line and the batch goes on.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from corridors.analysis.criteria import BY_CHOICES
from corridors.analysis.engine import worth_it
from corridors.analysis.queries import check_year
from corridors.analysis.router import Router
from corridors.analysis.routing import find_routes
from corridors.analysis.scenario import RiskModel, Scenario, resolve_node, risk_query
from corridors.errors import CorridorsError, ExitCode, UsageError
from corridors.network.graph import CorridorGraph
from corridors.render.jsondoc import OUTPUT_SCHEMA_VERSION, dumps_line, path_json

COLUMNS = ("from", "to", "by", "as_of", "risk_weight")
REQUIRED = ("from", "to")
MAX_RISK_WEIGHT = 1000.0
ROUTERS_KEPT = 4  # a router of a large network holds its compiled graphs: keep memory bounded


@dataclass(frozen=True)
class BatchQuery:
    """One pair to route; None means "the command line's value"."""

    line: int
    origin: str
    destination: str
    by: str | None = None
    as_of: int | None = None
    risk_weight: float | None = None


@dataclass(frozen=True)
class BatchProblem:
    """An input line that cannot be read as a query."""

    line: int
    message: str


def _query(line: int, values: Mapping[str, Any]) -> BatchQuery | BatchProblem:
    problems = []
    origin, destination = values.get("from"), values.get("to")
    for key, value in (("from", origin), ("to", destination)):
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{key} must be a place name")
    by = values.get("by") or None
    if by is not None and by not in BY_CHOICES:
        problems.append(f"by must be one of {', '.join(BY_CHOICES)}, got {by!r}")
    as_of: int | None = None
    raw_year = values.get("as_of")
    if raw_year not in (None, ""):
        try:
            as_of = int(str(raw_year))
        except ValueError:
            problems.append(f"as_of must be a year, got {raw_year!r}")
    weight: float | None = None
    raw_weight = values.get("risk_weight")
    if raw_weight not in (None, ""):
        try:
            weight = float(str(raw_weight))
        except ValueError:
            weight = math.nan
        if not 0 <= weight <= MAX_RISK_WEIGHT:
            problems.append(f"risk_weight must be a number from 0 to {MAX_RISK_WEIGHT:g}, got {raw_weight!r}")
    if problems:
        return BatchProblem(line, "; ".join(problems))
    assert isinstance(origin, str) and isinstance(destination, str)
    return BatchQuery(line, origin, destination, by, as_of, weight)


def _unknown_columns(keys: Iterable[str]) -> list[str]:
    return [key for key in keys if key not in COLUMNS]


def _read_csv(first: str, rest: Iterator[str], first_line: int) -> Iterator[BatchQuery | BatchProblem]:
    lines = itertools.chain([first], rest)
    numbered = ((number, text) for number, text in enumerate(lines, first_line))
    current = [first_line]

    def texts() -> Iterator[str]:
        for number, text in numbered:
            current[0] = number
            yield text

    reader = csv.reader(texts())
    header = [cell.strip().lower() for cell in next(reader)]
    missing = [column for column in REQUIRED if column not in header]
    unknown = _unknown_columns(header)
    if missing or unknown:
        detail = []
        if missing:
            detail.append(f"missing {', '.join(missing)}")
        if unknown:
            detail.append(f"unknown {', '.join(repr(c) for c in unknown)}")
        raise UsageError(
            f"batch CSV header on line {first_line}: {'; '.join(detail)} (columns: {', '.join(COLUMNS)})"
        )
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            yield BatchProblem(current[0], f"{len(cells)} cells for {len(header)} columns")
            continue
        yield _query(current[0], {key: cell.strip() for key, cell in zip(header, cells, strict=True)})


def _read_json_lines(lines: Iterator[tuple[int, str]]) -> Iterator[BatchQuery | BatchProblem]:
    for number, text in lines:
        if not text.strip():
            continue
        try:
            values = json.loads(text)
        except json.JSONDecodeError as err:
            yield BatchProblem(number, f"not valid JSON: {err.msg} at column {err.colno}")
            continue
        if not isinstance(values, dict):
            yield BatchProblem(number, "must be a JSON object with from and to")
            continue
        unknown = _unknown_columns(values)
        if unknown:
            listed = ", ".join(repr(key) for key in unknown)
            yield BatchProblem(number, f"unknown keys {listed} (keys: {', '.join(COLUMNS)})")
            continue
        yield _query(number, values)


def read_batch(lines: Iterable[str]) -> Iterator[BatchQuery | BatchProblem]:
    """Queries from CSV (a header row naming the columns) or JSON Lines, told apart by the first line.

    Line numbers count every physical line from 1, blank ones and the CSV header included.
    """
    numbered = enumerate(lines, 1)
    for number, text in numbered:
        if not text.strip():
            continue
        if text.lstrip().startswith("{"):
            yield from _read_json_lines(itertools.chain([(number, text)], numbered))
        else:
            yield from _read_csv(text, (rest for _, rest in numbered), number)
        return


def error_line(line: int, code: int, message: str) -> str:
    doc = {
        "schema_version": OUTPUT_SCHEMA_VERSION,
        "command": "path",
        "line": line,
        "error": {"code": code, "message": message},
    }
    return dumps_line(doc)


@dataclass(frozen=True)
class BatchResult:
    line: int
    text: str  # one NDJSON line
    exit_code: int  # 0, or the code the pair would have exited with on its own


def run_batch(
    cgraph: CorridorGraph,
    items: Iterable[BatchQuery | BatchProblem],
    *,
    by: str,
    model: RiskModel,
    as_of: int | None,
    data: str | None,
) -> Iterator[BatchResult]:
    """Answer each query in input order; per-line values override the command line's.

    One router (its edge table and compiled weights) per risk weight and year, reused by
    every line that asks for them: the few most recent are kept (`ROUTERS_KEPT`).
    """
    network = cgraph.network
    routers: dict[tuple[float, int | None], Router] = {}
    engine = worth_it(cgraph)
    for item in items:
        if isinstance(item, BatchProblem):
            code = int(ExitCode.USAGE)
            yield BatchResult(item.line, error_line(item.line, code, item.message), code)
            continue
        try:
            year = item.as_of if item.as_of is not None else as_of
            check_year(network, year)
            criterion = item.by or by
            pair_model = model if item.risk_weight is None else replace(model, risk_weight=item.risk_weight)
            start = resolve_node(network, item.origin).id
            end = resolve_node(network, item.destination).id
            key = (pair_model.risk_weight, year)
            router = routers.pop(key, None) or Router(cgraph, pair_model, Scenario(as_of=year), engine=engine)
            routers[key] = router  # most recent last
            while len(routers) > ROUTERS_KEPT:
                del routers[next(iter(routers))]
            routes = find_routes(cgraph, start, end, by=criterion, model=pair_model, router=router)
        except CorridorsError as err:
            code = int(err.exit_code)
            yield BatchResult(item.line, error_line(item.line, code, str(err)), code)
            continue
        query = {
            "from": start,
            "to": end,
            "by": criterion,
            "alternatives": 0,
            "via": [],
            "avoid": [],
            **risk_query(pair_model),
            "as_of": year,
            "data": data,
        }
        yield BatchResult(item.line, path_json(query, network, routes, compact=True), 0)
