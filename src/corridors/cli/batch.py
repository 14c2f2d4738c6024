"""Batch `path` queries: read pairs from CSV or JSON Lines, answer each with one NDJSON line.

The network is loaded and the graph built once by the caller. Input is read lazily and
each answer is yielded as soon as it is computed, so a long batch streams. A pair that
fails becomes an error object on its line and the batch goes on: so does a line that is not
UTF-8, too long, not JSON, nested too deep, with a giant integer or a key given twice.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import IO, Any

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
MAX_LINE_BYTES = 1 << 20  # a query takes a few dozen bytes: a longer line is refused, never held
MAX_SKIP_BYTES = 64 << 20  # a "line" longer than this is not a batch file (/dev/zero): stop there
MAX_DIGITS = 30  # a JSON integer longer than this is no year or weight (and Python caps int parsing)
SHOWN = 60  # characters of a bad value an error message quotes


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


def shown(value: object) -> str:
    """A value as an error message quotes it: repr, cut to SHOWN characters."""
    text = repr(value)
    return text if len(text) <= SHOWN else f"{text[: SHOWN - 5]}...{text[-2:]}"


def decoded_lines(handle: IO[bytes]) -> Iterator[str | BatchProblem]:
    """The lines of a batch, decoded one by one: a BOM is dropped; a line that is not UTF-8 or
    longer than MAX_LINE_BYTES becomes a problem of its own, and the lines after it still run."""
    for number in itertools.count(1):
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES:
            _skip_line(handle, number)
            yield BatchProblem(number, f"longer than {MAX_LINE_BYTES:,} bytes")
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield BatchProblem(number, f"not UTF-8 text (byte {err.start + 1} of the line)")


def _skip_line(handle: IO[bytes], number: int) -> None:
    skipped = 0
    while skipped <= MAX_SKIP_BYTES:
        chunk = handle.readline(MAX_LINE_BYTES)
        if not chunk or chunk.endswith(b"\n"):
            return
        skipped += len(chunk)
    raise UsageError(f"--batch: line {number} runs past {MAX_SKIP_BYTES >> 20} MiB: not a batch file")


def _query(line: int, values: Mapping[str, Any]) -> BatchQuery | BatchProblem:
    problems = []
    origin, destination = values.get("from"), values.get("to")
    for key, value in (("from", origin), ("to", destination)):
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{key} must be a place name")
    by = values.get("by") or None
    if by is not None and by not in BY_CHOICES:
        problems.append(f"by must be one of {', '.join(BY_CHOICES)}, got {shown(by)}")
    as_of: int | None = None
    raw_year = values.get("as_of")
    if raw_year not in (None, ""):
        try:
            as_of = int(str(raw_year))
        except ValueError:
            problems.append(f"as_of must be a year, got {shown(raw_year)}")
    weight: float | None = None
    raw_weight = values.get("risk_weight")
    if raw_weight not in (None, ""):
        try:
            weight = float(str(raw_weight))
        except ValueError:
            weight = math.nan
        if not 0 <= weight <= MAX_RISK_WEIGHT:
            limit = f"{MAX_RISK_WEIGHT:g}"
            problems.append(f"risk_weight must be a number from 0 to {limit}, got {shown(raw_weight)}")
    if problems:
        return BatchProblem(line, "; ".join(problems))
    assert isinstance(origin, str) and isinstance(destination, str)
    return BatchQuery(line, origin, destination, by, as_of, weight)


def _unknown_columns(keys: Iterable[str]) -> list[str]:
    return [key for key in keys if key not in COLUMNS]


def _header(reader: Iterator[list[str]], first_line: int) -> list[str]:
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except csv.Error as err:
        raise UsageError(f"batch CSV header on line {first_line}: {err}") from None
    detail = []
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        detail.append(f"missing {', '.join(missing)}")
    unknown = _unknown_columns(header)
    if unknown:
        detail.append(f"unknown {', '.join(shown(c) for c in unknown)}")
    twice = sorted({column for column in header if header.count(column) > 1})
    if twice:
        detail.append(f"{', '.join(twice)} given twice")
    if detail:
        raise UsageError(
            f"batch CSV header on line {first_line}: {'; '.join(detail)} (columns: {', '.join(COLUMNS)})"
        )
    return header


def _read_csv(
    first: str, rest: Iterator[tuple[int, str | BatchProblem]], first_line: int
) -> Iterator[BatchQuery | BatchProblem]:
    current = [first_line]
    pending: list[BatchProblem] = []  # lines the CSV reader never sees (not UTF-8, too long)

    def texts() -> Iterator[str]:
        yield first
        for number, text in rest:
            current[0] = number
            if isinstance(text, BatchProblem):
                pending.append(text)
                text = "\n"
            yield text

    reader = csv.reader(texts())
    header = _header(reader, first_line)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            yield from pending
            pending.clear()
            yield BatchProblem(current[0], f"not valid CSV: {err}")
            continue
        yield from pending
        pending.clear()
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            yield BatchProblem(current[0], f"{len(cells)} cells for {len(header)} columns")
            continue
        yield _query(current[0], {key: cell.strip() for key, cell in zip(header, cells, strict=True)})
    yield from pending


class _RefusedError(ValueError):
    """A JSON line the parser reads but a batch refuses (a key twice, a giant integer)."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _RefusedError(f"key {shown(key)} given twice")
        out[key] = value
    return out


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _RefusedError(f"an integer of {len(text.lstrip('-')):,} digits (at most {MAX_DIGITS})")
    return int(text)


def _parsed(text: str) -> Any:
    """The JSON value of a line, or a BatchProblem's message (str) saying why there is none."""
    try:
        return json.loads(text, object_pairs_hook=_object, parse_int=_integer)
    except _RefusedError as err:
        return str(err)
    except json.JSONDecodeError as err:
        return f"not valid JSON: {err.msg} at column {err.colno}"
    except RecursionError:
        return "not valid JSON: nested too deeply"


def _read_json_lines(
    lines: Iterator[tuple[int, str | BatchProblem]],
) -> Iterator[BatchQuery | BatchProblem]:
    for number, text in lines:
        if isinstance(text, BatchProblem):
            yield text
            continue
        if not text.strip():
            continue
        values = _parsed(text)
        if isinstance(values, str):
            yield BatchProblem(number, values)
            continue
        if not isinstance(values, dict):
            yield BatchProblem(number, "must be a JSON object with from and to")
            continue
        unknown = _unknown_columns(values)
        if unknown:
            listed = ", ".join(shown(key) for key in unknown)
            yield BatchProblem(number, f"unknown keys {listed} (keys: {', '.join(COLUMNS)})")
            continue
        yield _query(number, values)


def read_batch(lines: Iterable[str | BatchProblem]) -> Iterator[BatchQuery | BatchProblem]:
    """Queries from CSV (a header row naming the columns) or JSON Lines, told apart by the first line.

    Line numbers count every physical line from 1, blank ones and the CSV header included.
    `lines` are text, or problems in place of lines that could not be read (decoded_lines).
    """
    numbered = enumerate(lines, 1)
    for number, text in numbered:
        if isinstance(text, BatchProblem):  # the line that says CSV or JSON Lines cannot be read
            raise UsageError(f"--batch: line {number}, the first, is {text.message}")
        if not text.strip():
            continue
        if text.lstrip().startswith("{"):
            yield from _read_json_lines(itertools.chain([(number, text)], numbered))
        else:
            yield from _read_csv(text, numbered, number)
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
