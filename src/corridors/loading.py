"""Read a network file, check everything a schema can and cannot, and build the model.

Every problem is collected with its place (``edges[12].km``) before anything is
raised, so a user fixing a file sees the whole list at once.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable
from datetime import date
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from corridors.bulk import gc_paused
from corridors.errors import DataError
from corridors.geo import great_circle_km
from corridors.model import (
    DELAY_EFFECTS,
    DELAY_EVENTS,
    EVENTS,
    EXTRA_FAMILIES,
    KM_BASES,
    MODES,
    MONTHS,
    NODE_KINDS,
    PARAMETER_METRICS,
    SPREAD_FAMILIES,
    STATUSES,
    Corridor,
    Delay,
    Edge,
    Network,
    Node,
    Parameter,
    Project,
    Risk,
    Source,
)

SUPPORTED_SCHEMA_VERSIONS = (1,)
MAX_FILE_BYTES = 256 * 1024 * 1024  # a 100,000-node network is ~60 MB; stops runaway inputs
# Nesting deeper than the JSON parser accepts (about 1,000 levels in CPython) is refused too;
# a network file needs five.
ENV_VAR = "CORRIDORS_DATA"
GREAT_CIRCLE_TOLERANCE_KM = 0.5  # data rounds lengths to whole km
TRACK_END_KM = 1.0  # a track's first and last points lie on the edge's end nodes
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FACTOR_ID = re.compile(r"^[a-z][a-z0-9_]*$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
PROJECT_KINDS = ("new_line", "second_track", "modernisation", "bypass", "port")


def bundled_data_path() -> Path:
    """The network shipped with corridors: inside the wheel, or data/ in a source checkout."""
    packaged = Path(str(resources.files("corridors"))) / "data" / "routes.json"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "routes.json"


def resolve_data_path(option: str | None) -> Path:
    """`--data` wins, then $CORRIDORS_DATA, then the bundled network."""
    if option:
        return Path(option)
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    return bundled_data_path()


def load_network(path: Path | str | None = None) -> Network:
    """Load and validate a network file; raise DataError listing every problem."""
    file = resolve_data_path(str(path) if path is not None else None)
    with gc_paused():
        return parse_network(_read_json(file), label=str(file))


def _read_json(file: Path) -> object:
    label = str(file)
    try:
        size = file.stat().st_size
        if file.is_dir():
            raise DataError(label, ["is a directory, not a network file"])
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            raise DataError(label, [f"file is {size:,} bytes; the limit is {limit} MiB"])
        raw = file.read_bytes()
    except FileNotFoundError:
        raise DataError(label, ["file not found"]) from None
    except PermissionError:
        raise DataError(label, ["permission denied"]) from None
    except OSError as err:
        raise DataError(label, [err.strerror or str(err)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataError(label, [f"not UTF-8 text (byte {err.start})"]) from None
    if not text.strip():
        raise DataError(label, ["file is empty"])
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as err:
        raise DataError(
            label, [f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}"]
        ) from None
    except ValueError as err:  # from the hooks below
        raise DataError(label, [f"not valid JSON: {err}"]) from None
    except RecursionError:
        raise DataError(label, ["not valid JSON: nested too deeply"]) from None


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)  # in C; a key given twice shows as a shorter dict
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return result


class _Checker:
    """Collects problems; each check returns the value when valid, else None."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, place: str, message: str) -> None:
        self.problems.append(f"{place}: {message}")

    def field(
        self,
        obj: dict[str, Any],
        key: str,
        place: str,
        check: Callable[[Any], str | None],
        *,
        required: bool = True,
    ) -> Any:
        if key not in obj:
            if required:
                self.fail(f"{place}.{key}" if place else key, "missing")
            return None
        value = obj[key]
        problem = check(value)
        if problem:
            self.fail(f"{place}.{key}" if place else key, problem)
            return None
        return value

    def items(
        self, doc: dict[str, Any], key: str, *, required: bool = True
    ) -> list[tuple[str, dict[str, Any]]]:
        """The objects of a top-level list, each with its place."""
        value = doc.get(key)
        if value is None:
            if required:
                self.fail(key, "missing")
            return []
        if not isinstance(value, list):
            self.fail(key, f"must be a list, got {_kind(value)}")
            return []
        out = []
        for index, item in enumerate(value):
            place = f"{key}[{index}]"
            if isinstance(item, dict):
                out.append((place, item))
            else:
                self.fail(place, f"must be an object, got {_kind(item)}")
        return out

    def unique_ids(
        self, entries: list[tuple[str, dict[str, Any]]], pattern: re.Pattern[str]
    ) -> dict[str, str]:
        """Check ids; return id -> place for the valid, unique ones."""
        seen: dict[str, str] = {}
        match = pattern.match
        for place, obj in entries:
            ident = obj.get("id")
            if isinstance(ident, str) and ident not in seen and match(ident):
                seen[ident] = place  # the common case, without building the checks below
                continue
            ident = self.field(obj, "id", place, _matches(pattern))
            if ident is None:
                continue
            if ident in seen:
                self.fail(f"{place}.id", f"duplicate id {ident!r} (first at {seen[ident]})")
            else:
                seen[ident] = place
        return seen


def _own_id(ids: dict[str, str], obj: dict[str, Any], place: str) -> str | None:
    """The object's id if it is valid and this object is its first holder."""
    ident = obj.get("id")
    return ident if isinstance(ident, str) and ids.get(ident) == place else None


def _kind(value: object) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        type(None): "null",
        int: "an integer",
        float: "a number",
    }.get(type(value), type(value).__name__)


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return f"must be a string, got {_kind(value)}"
    if not value.strip():
        return "must not be empty"
    return None


def _matches(pattern: re.Pattern[str]) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if not isinstance(value, str) or not pattern.match(value):
            return f"must match {pattern.pattern}, got {value!r}"
        return None

    return check


def _number(
    low: float | None = None, high: float | None = None, *, positive: bool = False
) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"must be a number, got {_kind(value)}"
        if not math.isfinite(value):
            return f"must be finite, got {value}"
        if positive and value <= 0:
            return f"must be positive, got {value}"
        if (low is not None and value < low) or (high is not None and value > high):
            return f"must be between {low} and {high}, got {value}"
        return None

    return check


def _year_or_null(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1800 <= value <= 2200:
        return f"must be a year (integer) or null, got {value!r}"
    return None


def _one_of(choices: tuple[str, ...]) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if value not in choices:
            return f"must be one of {', '.join(choices)}; got {value!r}"
        return None

    return check


def _string_list(value: object) -> str | None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return f"must be a list of strings, got {_kind(value)}"
    return None


def _bool(value: object) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, got {_kind(value)}"


def _iso_date(value: object) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return None
    return f"must be a date YYYY-MM-DD, got {value!r}"


def parse_network(doc: object, label: str = "<network>") -> Network:
    """Validate a decoded network document and build the model, or raise DataError."""
    if not isinstance(doc, dict):
        raise DataError(label, [f"top level must be a JSON object, got {_kind(doc)}"])
    check = _Checker()
    version = check.field(doc, "schema_version", "", _one_of_ints(SUPPORTED_SCHEMA_VERSIONS))
    as_of = check.field(doc, "as_of", "", _iso_date)

    source_entries = check.items(doc, "sources")
    source_ids = check.unique_ids(source_entries, SLUG)
    sources = {}
    for place, obj in source_entries:
        title = check.field(obj, "title", place, _text)
        publisher = check.field(obj, "publisher", place, _text)
        year = check.field(obj, "year", place, _year_or_null)
        url = check.field(obj, "url", place, _url)
        ident = _own_id(source_ids, obj, place)
        if ident:
            sources[ident] = Source(ident, title or "", publisher or "", year, url or "")

    factor_entries = check.items(doc, "risk_factors", required=False)
    factors = check.unique_ids(factor_entries, FACTOR_ID)
    for place, obj in factor_entries:
        check.field(obj, "name", place, _text)

    corridor_entries = check.items(doc, "corridors")
    corridor_ids = check.unique_ids(corridor_entries, SLUG)
    corridors = []
    for place, obj in corridor_entries:
        name = check.field(obj, "name", place, _text)
        short = check.field(obj, "short_name", place, _text, required=False)
        ident = _own_id(corridor_ids, obj, place)
        if ident:
            corridors.append(Corridor(ident, name or ident, short or name or ident))
    if not corridor_entries and isinstance(doc.get("corridors"), list):
        check.fail("corridors", "must list at least one corridor")

    def source_refs(obj: dict[str, Any], place: str) -> tuple[str, ...]:
        refs = check.field(obj, "sources", place, _string_list)
        if refs is None:
            return ()
        if not refs:
            check.fail(f"{place}.sources", "must cite at least one source")
        for index, ref in enumerate(refs):
            if ref not in source_ids:
                check.fail(f"{place}.sources[{index}]", f"unknown source id {ref!r}")
        return tuple(refs)

    def risks(obj: dict[str, Any], place: str) -> tuple[Risk, ...]:
        table = obj.get("risks")
        if table is None:
            return ()
        if not isinstance(table, dict):
            check.fail(f"{place}.risks", f"must be an object of risk factors, got {_kind(table)}")
            return ()
        out = []
        for factor, entry in table.items():
            where = f"{place}.risks.{factor}"
            if factor not in factors:
                check.fail(where, f"unknown risk factor {factor!r} (not in risk_factors)")
                continue
            if not isinstance(entry, dict):
                check.fail(where, f"must be an object with value, why and sources, got {_kind(entry)}")
                continue
            value = check.field(entry, "value", where, _number(0, 1))
            why = check.field(entry, "why", where, _text)
            refs = source_refs(entry, where)
            if value is not None and why is not None:
                out.append(Risk(factor, float(value), why, refs))
        return tuple(out)

    node_entries = check.items(doc, "nodes")
    node_ids = check.unique_ids(node_entries, SLUG)
    nodes: dict[str, Node] = {}
    quick = _Quick(factors, source_ids, corridor_ids)
    for place, obj in node_entries:
        if (record := quick.node(obj, place, node_ids)) is not None:
            nodes[record.id] = record
            continue
        name = check.field(obj, "name", place, _text)
        aliases = check.field(obj, "aliases", place, _string_list, required=False) or []
        country = check.field(obj, "country", place, _matches(COUNTRY))
        lat = check.field(obj, "lat", place, _number(-90, 90))
        lon = check.field(obj, "lon", place, _number(-180, 180))
        kind = check.field(obj, "kind", place, _one_of(NODE_KINDS))
        node_risks = risks(obj, place)
        ident = _own_id(node_ids, obj, place)
        if ident and None not in (name, country, lat, lon, kind):
            nodes[ident] = Node(
                ident, name, tuple(aliases), country, float(lat), float(lon), kind, node_risks
            )

    edge_entries = check.items(doc, "edges")
    edge_ids = check.unique_ids(edge_entries, SLUG)
    edges = []
    for place, obj in edge_entries:
        if (found := quick.edge(obj, place, edge_ids, nodes)) is not None:
            edges.append(found)
            continue
        start = check.field(obj, "from", place, _text)
        end = check.field(obj, "to", place, _text)
        for key, ref in (("from", start), ("to", end)):
            if ref is not None and ref not in node_ids:
                check.fail(f"{place}.{key}", f"unknown node id {ref!r}")
        if start is not None and start == end:
            check.fail(place, f"self-loop: from and to are both {start!r}")
        mode = check.field(obj, "mode", place, _one_of(MODES))
        km = check.field(obj, "km", place, _number(positive=True))
        basis = check.field(obj, "km_basis", place, _one_of(KM_BASES))
        if basis in ("derived", "estimate", "measured"):
            check.field(obj, "km_note", place, _text)
        status = check.field(obj, "status", place, _one_of(STATUSES))
        opens = check.field(obj, "opens", place, _year_or_null, required=False)
        if status in ("under_construction", "planned") and obj.get("opens") is None:
            check.fail(f"{place}.opens", f"a line that is {status} needs its opening year")
        lane = check.field(obj, "corridors", place, _string_list)
        for index, ref in enumerate(lane or []):
            if ref not in corridor_ids:
                check.fail(f"{place}.corridors[{index}]", f"unknown corridor id {ref!r}")
        refs = source_refs(obj, place)
        gauge = check.field(obj, "gauge_mm", place, _number(300, 2000), required=False)
        oneway = check.field(obj, "oneway", place, _bool, required=False)
        edge_risks = risks(obj, place)
        track: tuple[tuple[float, float], ...] | str = ()
        if km is not None and start in nodes and end in nodes:
            a, b = nodes[start], nodes[end]
            if "geometry" in obj and isinstance(track := _track(obj["geometry"], a, b), str):
                check.fail(f"{place}.geometry", track)
            floor = great_circle_km(a.lat, a.lon, b.lat, b.lon)
            if km + GREAT_CIRCLE_TOLERANCE_KM < floor:
                check.fail(
                    f"{place}.km",
                    f"{km} km is shorter than the great-circle distance "
                    f"{floor:.0f} km between {start} and {end}",
                )
        ident = _own_id(edge_ids, obj, place)
        if ident and None not in (start, end, mode, km, basis, status, lane):
            edges.append(
                Edge(
                    ident,
                    start,
                    end,
                    mode,
                    float(km),
                    basis,
                    status,
                    opens,
                    tuple(lane),
                    refs,
                    int(gauge) if gauge is not None else None,
                    bool(oneway),
                    edge_risks,
                    track if isinstance(track, tuple) else (),
                )
            )

    projects = []
    for place, obj in check.items(doc, "projects", required=False):
        ident = check.field(obj, "id", place, _matches(SLUG))
        name = check.field(obj, "name", place, _text)
        check.field(obj, "kind", place, _one_of(PROJECT_KINDS))
        status = check.field(obj, "status", place, _one_of(STATUSES))
        opens = check.field(obj, "opens", place, _year_or_null, required=False)
        edge_refs = check.field(obj, "edges", place, _string_list, required=False) or []
        node_refs = check.field(obj, "nodes", place, _string_list, required=False) or []
        for index, ref in enumerate(edge_refs):
            if ref not in edge_ids:
                check.fail(f"{place}.edges[{index}]", f"unknown edge id {ref!r}")
        for index, ref in enumerate(node_refs):
            if ref not in node_ids:
                check.fail(f"{place}.nodes[{index}]", f"unknown node id {ref!r}")
        source_refs(obj, place)
        if ident and name and status:
            projects.append(Project(ident, name, status, opens, tuple(edge_refs), tuple(node_refs)))

    parameters = _parameters(check, doc, node_ids, edge_ids, {e.mode for e in edges}, source_refs)
    delays = _delays(check, doc, node_ids, edge_ids, source_refs)

    if check.problems:
        raise DataError(label, check.problems)
    return Network(
        schema_version=version,
        as_of=as_of,
        label=label,
        nodes=MappingProxyType(nodes),
        edges=tuple(edges),
        corridors=tuple(corridors),
        sources=MappingProxyType(sources),
        risk_factors=tuple(factors),
        projects=tuple(projects),
        parameters=parameters,
        delays=delays,
    )


_REAL = (int, float)  # bool is neither: type(True) is bool


class _Quick:
    """The common case at a glance: a node or edge whose every field is plainly valid.

    Each method returns the record the full checks in `parse_network` would build, or
    None whenever anything is unusual; the full checks then run on that object and
    name its problems. A None is always safe, so these tests may be stricter than the
    full ones, never looser. Repeated values (modes, countries, corridor lists, node
    ids in edges) are shared, which keeps a large network's records small.
    """

    def __init__(
        self, factors: dict[str, str], source_ids: dict[str, str], corridor_ids: dict[str, str]
    ) -> None:
        self.factors = factors
        self.source_ids = source_ids
        self.corridor_ids = corridor_ids
        self.shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # equal tuples, one object
        self.modes = {value: value for value in MODES}
        self.bases = {value: value for value in KM_BASES}
        self.statuses = {value: value for value in STATUSES}
        self.kinds = {value: value for value in NODE_KINDS}
        self.countries: dict[str, str] = {}  # codes seen valid, each one shared string

    def _refs(self, refs: object) -> tuple[str, ...] | None:
        if type(refs) is not list or not refs:
            return None
        for ref in refs:
            if type(ref) is not str or ref not in self.source_ids:
                return None
        found = tuple(refs)
        shared: tuple[str, ...] = self.shared.setdefault(found, found)
        return shared

    def _risks(self, table: object) -> tuple[Risk, ...] | None:
        if table is None:
            return ()
        if type(table) is not dict:
            return None
        out = []
        for factor, entry in table.items():
            if factor not in self.factors or type(entry) is not dict:
                return None
            value: Any = entry.get("value")
            why: Any = entry.get("why")
            refs = self._refs(entry.get("sources"))
            if type(value) not in _REAL or not 0 <= value <= 1 or type(why) is not str or not why.strip():
                return None
            if refs is None:
                return None
            out.append(Risk(factor, float(value), why, refs))
        return tuple(out)

    def node(self, obj: dict[str, Any], place: str, node_ids: dict[str, str]) -> Node | None:
        try:
            return self._node(obj, place, node_ids)
        except TypeError:  # an unhashable value where a name belongs: the full checks say which
            return None

    def _node(self, obj: dict[str, Any], place: str, node_ids: dict[str, str]) -> Node | None:
        get: Callable[[str], Any] = obj.get
        ident, name, country = get("id"), get("name"), get("country")
        lat, lon, kind = get("lat"), get("lon"), self.kinds.get(get("kind"))
        if (
            node_ids.get(ident) != place
            or kind is None
            or type(name) is not str
            or not name.strip()
            or type(lat) not in _REAL
            or not -90 <= lat <= 90
            or type(lon) not in _REAL
            or not -180 <= lon <= 180
        ):
            return None
        code = self.countries.get(country)
        if code is None:
            if type(country) is not str or not COUNTRY.match(country):
                return None
            code = self.countries[country] = country
        aliases = get("aliases") if "aliases" in obj else []
        if type(aliases) is not list or any(type(alias) is not str for alias in aliases):
            return None
        risks = self._risks(get("risks")) if "risks" in obj else ()
        if risks is None:
            return None
        return Node(ident, name, tuple(aliases), code, float(lat), float(lon), kind, risks)

    def edge(
        self, obj: dict[str, Any], place: str, edge_ids: dict[str, str], nodes: dict[str, Node]
    ) -> Edge | None:
        try:
            return self._edge(obj, place, edge_ids, nodes)
        except TypeError:  # an unhashable value where a name belongs: the full checks say which
            return None

    def _edge(
        self, obj: dict[str, Any], place: str, edge_ids: dict[str, str], nodes: dict[str, Node]
    ) -> Edge | None:
        # Look-ups double as checks: only a valid id is in edge_ids or nodes, and only a
        # valid mode, basis or status is in the canonical tables (which return the one
        # shared string).
        get: Callable[[str], Any] = obj.get
        ident = get("id")
        if edge_ids.get(ident) != place:
            return None
        a, b = nodes.get(get("from")), nodes.get(get("to"))
        mode, basis = self.modes.get(get("mode")), self.bases.get(get("km_basis"))
        status = self.statuses.get(get("status"))
        km = get("km")
        if (
            a is None
            or b is None
            or a is b
            or mode is None
            or basis is None
            or status is None
            or type(km) not in _REAL
            or not 0 < km < math.inf
        ):
            return None
        if basis != "sourced":
            note = get("km_note")
            if type(note) is not str or not note.strip():
                return None
        opens = get("opens")
        if opens is None:
            if status != "operational":
                return None
        elif type(opens) is not int or not 1800 <= opens <= 2200:
            return None
        lane = get("corridors")
        if type(lane) is not list:
            return None
        corridor_ids = self.corridor_ids
        for ref in lane:
            if type(ref) is not str or ref not in corridor_ids:
                return None
        refs = self._refs(get("sources"))
        gauge = get("gauge_mm")
        if gauge is None:
            if "gauge_mm" in obj:
                return None
        elif type(gauge) not in _REAL or not 300 <= gauge <= 2000:
            return None
        oneway = obj.get("oneway", False)
        risks = self._risks(get("risks")) if "risks" in obj else ()
        if refs is None or type(oneway) is not bool or risks is None:
            return None
        if km + GREAT_CIRCLE_TOLERANCE_KM < great_circle_km(a.lat, a.lon, b.lat, b.lon):
            return None
        track = _track(get("geometry"), a, b) if "geometry" in obj else ()
        if isinstance(track, str):
            return None
        corridors = tuple(lane)
        return Edge(
            ident,
            a.id,
            b.id,
            mode,
            float(km),
            basis,
            status,
            opens,
            self.shared.setdefault(corridors, corridors),
            refs,
            int(gauge) if gauge is not None else None,
            oneway,
            risks,
            track,
        )


def _track(value: object, a: Node, b: Node) -> tuple[tuple[float, float], ...] | str:
    """The polyline of an edge's track, [lon, lat] from `a` to `b`, or what is wrong with it."""
    if type(value) is not list or len(value) < 2:
        return "must be a list of at least two [lon, lat] points"
    points = []
    for index, point in enumerate(value):
        if (
            type(point) is not list
            or len(point) != 2
            or any(type(c) not in _REAL or not math.isfinite(c) for c in point)
            or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90)
        ):
            return f"point {index} is not a finite [lon, lat] in range"
        points.append((float(point[0]), float(point[1])))
    for (lon, lat), node in ((points[0], a), (points[-1], b)):
        if great_circle_km(lat, lon, node.lat, node.lon) > TRACK_END_KM:
            far = f"an end point is more than {TRACK_END_KM:g} km from {node.id}"
            return f"must run from {a.id} to {b.id}: {far}"
    return tuple(points)


def _one_of_ints(choices: tuple[int, ...]) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if isinstance(value, bool) or value not in choices:
            return (
                f"unsupported schema_version {value!r}; this corridors reads {', '.join(map(str, choices))}"
            )
        return None

    return check


def _url(value: object) -> str | None:
    if not isinstance(value, str) or not re.match(r"^https?://\S+$", value):
        return f"must be an http(s) URL, got {value!r}"
    return None


def _selectors(
    check: _Checker, obj: dict[str, Any], place: str, node_ids: dict[str, str], edge_ids: dict[str, str]
) -> tuple[str | None, str | None, str | None]:
    """Where a parameter or delay applies beyond its mode or event: a country, a node, an edge."""
    country = check.field(obj, "country", place, _matches(COUNTRY), required=False)
    node = check.field(obj, "node", place, _text, required=False)
    edge = check.field(obj, "edge", place, _text, required=False)
    if node is not None and node not in node_ids:
        check.fail(f"{place}.node", f"unknown node id {node!r}")
    if edge is not None and edge not in edge_ids:
        check.fail(f"{place}.edge", f"unknown edge id {edge!r}")
    return country, node, edge


def _parameters(
    check: _Checker,
    doc: dict[str, Any],
    node_ids: dict[str, str],
    edge_ids: dict[str, str],
    modes_used: set[str],
    source_refs: Callable[[dict[str, Any], str], tuple[str, ...]],
) -> tuple[Parameter, ...]:
    """The time, cost and emissions parameters; if any are given, every default must be."""
    entries = check.items(doc, "parameters", required=False)
    ids = check.unique_ids(entries, SLUG)
    out = []
    for place, obj in entries:
        metric = check.field(obj, "metric", place, _one_of(tuple(PARAMETER_METRICS)))
        positive = metric in ("speed_kmh", "cargo_t")
        value = check.field(obj, "value", place, _number(0, 1e9, positive=positive))
        check.field(obj, "basis", place, _one_of(KM_BASES))
        check.field(obj, "note", place, _text)
        source_refs(obj, place)
        selector = PARAMETER_METRICS.get(metric) if metric else None
        mode = event = None
        if selector == "mode":
            mode = check.field(obj, "mode", place, _one_of(MODES))
        elif selector == "event":
            event = check.field(obj, "event", place, _one_of(EVENTS))
        country, node, edge = _selectors(check, obj, place, node_ids, edge_ids)
        from_year = check.field(obj, "from_year", place, _year_or_null, required=False)
        ident = _own_id(ids, obj, place)
        if ident and metric and value is not None and (selector is None or mode or event):
            out.append(Parameter(ident, metric, float(value), mode, event, country, node, edge, from_year))
    if out:
        defaults = {(p.metric, p.mode or p.event) for p in out if not p.specificity and p.from_year is None}
        needed: list[tuple[str, str | None]] = [("cargo_t", None)]
        needed += [
            (m, mode) for m, sel in PARAMETER_METRICS.items() if sel == "mode" for mode in sorted(modes_used)
        ]
        needed += [(m, event) for m, sel in PARAMETER_METRICS.items() if sel == "event" for event in EVENTS]
        for metric, what in needed:
            if (metric, what) not in defaults:
                suffix = f" for {what}" if what else ""
                check.fail(
                    "parameters",
                    f"no default {metric}{suffix} (one without country, node, edge or from_year)",
                )
    return tuple(out)


MAX_DELAY_HOURS = 24 * 365  # one draw of a single delay; far above any reported wait
MAX_SIGMA = 3.0  # a lognormal sigma of 3 already spans a factor of 10^4 between P5 and P95


def _delays(
    check: _Checker,
    doc: dict[str, Any],
    node_ids: dict[str, str],
    edge_ids: dict[str, str],
    source_refs: Callable[[dict[str, Any], str], tuple[str, ...]],
) -> tuple[Delay, ...]:
    """The delay distributions of the simulation (see simulation.py), every problem with its place."""
    entries = check.items(doc, "delays", required=False)
    ids = check.unique_ids(entries, SLUG)
    out = []
    for place, obj in entries:
        event = check.field(obj, "event", place, _one_of(DELAY_EVENTS))
        effect = check.field(obj, "effect", place, _one_of(DELAY_EFFECTS))
        check.field(obj, "basis", place, _one_of(KM_BASES))
        check.field(obj, "note", place, _text)
        source_refs(obj, place)
        mode = check.field(obj, "mode", place, _one_of(MODES), required=False)
        country, node, edge = _selectors(check, obj, place, node_ids, edge_ids)
        shape = _distribution(check, obj, place, effect)
        months = _month_probabilities(check, obj, place, effect)
        ident = _own_id(ids, obj, place)
        if ident and event and effect and shape is not None and months is not None:
            family, params, anchor = shape
            out.append(Delay(ident, event, effect, family, params, anchor, months, mode, country, node, edge))
    return tuple(out)


def _distribution(
    check: _Checker, obj: dict[str, Any], place: str, effect: str | None
) -> tuple[str, tuple[tuple[str, float], ...], str] | None:
    """A delay's `distribution`: its family, the family's parameters and (spreads) the anchor."""
    where = f"{place}.distribution"
    shape = obj.get("distribution")
    if shape is None:
        check.fail(where, "missing")
        return None
    if not isinstance(shape, dict):
        check.fail(where, f"must be an object with a family and its parameters, got {_kind(shape)}")
        return None
    if effect is None:
        return None
    families = SPREAD_FAMILIES if effect == "spread" else EXTRA_FAMILIES
    family = check.field(shape, "family", where, _one_of(tuple(families)))
    if family is None:
        return None
    names = families[family]
    allowed = {"family", *names, *(("anchor",) if effect == "spread" and family == "lognormal" else ())}
    for key in shape:
        if key not in allowed:
            check.fail(
                f"{where}.{key}",
                f"not a parameter of {family} {effect}s; they take {', '.join(names) or 'none'}",
            )
    params: list[tuple[str, float]] = []
    for name in names:
        high = MAX_SIGMA if name == "sigma" else MAX_DELAY_HOURS
        value = check.field(shape, name, where, _number(0, high))
        if value is not None:
            params.append((name, float(value)))
    anchor = "mean"
    if "anchor" in allowed:
        anchor = check.field(shape, "anchor", where, _one_of(("mean", "median")))
    if len(params) != len(names) or anchor is None:
        return None
    values = dict(params)
    if family == "triangular" and not values["low_hours"] <= values["mode_hours"] <= values["high_hours"]:
        check.fail(where, "a triangular distribution needs low_hours <= mode_hours <= high_hours")
        return None
    if family == "uniform" and values["low_hours"] > values["high_hours"]:
        check.fail(where, "a uniform distribution needs low_hours <= high_hours")
        return None
    return family, tuple(params), anchor


def _month_probabilities(
    check: _Checker, obj: dict[str, Any], place: str, effect: str | None
) -> tuple[float, ...] | None:
    """An extra's chance of happening, per month: `probability` all year, or `months` (others 0)."""
    given = [key for key in ("probability", "months") if key in obj]
    if effect == "spread":
        for key in given:
            check.fail(f"{place}.{key}", "only an extra has a probability; a spread always applies")
        return ()
    if effect is None:
        return None
    if len(given) != 1:
        check.fail(place, "an extra needs exactly one of probability (all year) or months")
        return None
    if given[0] == "probability":
        value = check.field(obj, "probability", place, _number(0, 1))
        return None if value is None else (float(value),) * 12
    table = obj["months"]
    if not isinstance(table, dict) or not table:
        check.fail(
            f"{place}.months", f"must be an object of month (jan..dec) -> probability, got {_kind(table)}"
        )
        return None
    probabilities = [0.0] * 12
    ok = True
    for key, value in table.items():
        if key not in MONTHS:
            check.fail(f"{place}.months.{key}", f"unknown month {key!r}; use {', '.join(MONTHS)}")
            ok = False
            continue
        problem = _number(0, 1)(value)
        if problem:
            check.fail(f"{place}.months.{key}", problem)
            ok = False
            continue
        probabilities[MONTHS.index(key)] = float(value)
    return tuple(probabilities) if ok else None
