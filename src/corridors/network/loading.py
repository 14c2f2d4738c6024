"""Read a network file, check everything a schema can and cannot, and build the model.

Every problem is collected with its place (``edges[12].km``) before anything is
raised, so a user fixing a file sees the whole list at once.
"""

from __future__ import annotations

import os
from dataclasses import replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from corridors.errors import DataError
from corridors.network.bulk import gc_paused
from corridors.network.checks import (
    COUNTRY,
    FACTOR_ID,
    GREAT_CIRCLE_TOLERANCE_KM,
    NOTED_BASES,
    PROJECT_KINDS,
    SLUG,
    SUPPORTED_SCHEMA_VERSIONS,
    _bool,
    _Checker,
    _iso_date,
    _kind,
    _km,
    _matches,
    _number,
    _one_of,
    _one_of_ints,
    _own_id,
    _string_list,
    _text,
    _url,
    _year_or_null,
    track_ends,
)
from corridors.network.geo import great_circle_km
from corridors.network.model import (
    KM_BASES,
    NODE_KINDS,
    STATUSES,
    Corridor,
    Country,
    Edge,
    Network,
    Node,
    Project,
    Risk,
    Source,
)
from corridors.network.modes import MODES
from corridors.network.quick import _Quick
from corridors.network.reading import read_json
from corridors.network.sections import _delays, _parameters

ENV_VAR = "CORRIDORS_DATA"


def bundled_file(name: str) -> Path:
    """A data file shipped with corridors: inside the wheel, or data/ in a source checkout."""
    packaged = Path(str(resources.files("corridors"))) / "data" / name
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / name


def bundled_data_path() -> Path:
    """The network shipped with corridors."""
    return bundled_file("routes.json")


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
        return parse_network(read_json(file), label=str(file))


def load_for_analysis(path: Path | str | None = None, *, delays: bool = False) -> Network:
    """`load_network`, and a file without model parameters (or, with `delays`, without delay
    records) borrows the bundled ones: what every command and the Python API analyse."""
    network = load_network(path)
    if network.parameters and (network.delays or not delays):
        return network
    bundled = load_network(bundled_data_path())
    if not network.parameters:
        network = replace(network, parameters=bundled.parameters, parameters_from="bundled")
    if delays and not network.delays:
        network = replace(network, delays=bundled.delays)
    return network


def parse_network(doc: object, label: str = "<network>") -> Network:
    """Validate a decoded network document and build the model, or raise DataError."""
    if not isinstance(doc, dict):
        raise DataError(label, [f"top level must be a JSON object, got {_kind(doc)}"])
    parse = _Parse(doc)
    check = parse.check
    version = check.field(doc, "schema_version", "", _one_of_ints(SUPPORTED_SCHEMA_VERSIONS))
    as_of = check.field(doc, "as_of", "", _iso_date)
    sources = parse.sources()
    factors = parse.factors()
    corridors = parse.corridors()
    nodes = parse.nodes()
    countries = parse.countries(nodes)
    edges = parse.edges(nodes)
    projects = parse.projects()
    modes = {e.mode for e in edges}
    parameters = _parameters(check, doc, parse.node_ids, parse.edge_ids, modes, parse.source_refs)
    delays = _delays(check, doc, parse.node_ids, parse.edge_ids, parse.source_refs)
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
        countries=MappingProxyType(countries),
    )


class _Parse:
    """One document's sections, in the order they refer to each other; problems go to `check`."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.check = _Checker()
        self.source_ids: dict[str, str] = {}
        self.factor_ids: dict[str, str] = {}
        self.corridor_ids: dict[str, str] = {}
        self.node_ids: dict[str, str] = {}
        self.edge_ids: dict[str, str] = {}

    def sources(self) -> dict[str, Source]:
        check = self.check
        entries = check.items(self.doc, "sources")
        self.source_ids = check.unique_ids(entries, SLUG)
        sources = {}
        for place, obj in entries:
            title = check.field(obj, "title", place, _text)
            publisher = check.field(obj, "publisher", place, _text)
            year = check.field(obj, "year", place, _year_or_null)
            url = check.field(obj, "url", place, _url)
            ident = _own_id(self.source_ids, obj, place)
            if ident:
                sources[ident] = Source(ident, title or "", publisher or "", year, url or "")
        return sources

    def factors(self) -> dict[str, str]:
        entries = self.check.items(self.doc, "risk_factors", required=False)
        self.factor_ids = self.check.unique_ids(entries, FACTOR_ID)
        for place, obj in entries:
            self.check.field(obj, "name", place, _text)
        return self.factor_ids

    def corridors(self) -> list[Corridor]:
        check = self.check
        entries = check.items(self.doc, "corridors")
        self.corridor_ids = check.unique_ids(entries, SLUG)
        corridors = []
        for place, obj in entries:
            name = check.field(obj, "name", place, _text)
            short = check.field(obj, "short_name", place, _text, required=False)
            ident = _own_id(self.corridor_ids, obj, place)
            if ident:
                corridors.append(Corridor(ident, name or ident, short or name or ident))
        if not entries and isinstance(self.doc.get("corridors"), list):
            check.fail("corridors", "must list at least one corridor")
        return corridors

    def source_refs(self, obj: dict[str, Any], place: str) -> tuple[str, ...]:
        refs = self.check.field(obj, "sources", place, _string_list)
        if refs is None:
            return ()
        if not refs:
            self.check.fail(f"{place}.sources", "must cite at least one source")
        self.refs(refs, self.source_ids, f"{place}.sources", "source")
        return tuple(refs)

    def refs(self, refs: list[str], known: dict[str, str], where: str, noun: str) -> None:
        for index, ref in enumerate(refs):
            if ref not in known:
                self.check.fail(f"{where}[{index}]", f"unknown {noun} id {ref!r}")

    def risks(self, obj: dict[str, Any], place: str) -> tuple[Risk, ...]:
        check = self.check
        table = obj.get("risks")
        if table is None:
            return ()
        if not isinstance(table, dict):
            check.fail(f"{place}.risks", f"must be an object of risk factors, got {_kind(table)}")
            return ()
        out = []
        for factor, entry in table.items():
            where = f"{place}.risks.{factor}"
            if factor not in self.factor_ids:
                check.fail(where, f"unknown risk factor {factor!r} (not in risk_factors)")
                continue
            if not isinstance(entry, dict):
                check.fail(where, f"must be an object with value, why and sources, got {_kind(entry)}")
                continue
            value = check.field(entry, "value", where, _number(0, 1))
            why = check.field(entry, "why", where, _text)
            # a zero is a stated judgement ("none found"): its why may stand without a source
            refs = () if value == 0 and "sources" not in entry else self.source_refs(entry, where)
            if value is not None and why is not None:
                out.append(Risk(factor, float(value), why, refs))
        return tuple(out)

    def nodes(self) -> dict[str, Node]:
        check = self.check
        entries = check.items(self.doc, "nodes")
        self.node_ids = check.unique_ids(entries, SLUG)
        self.quick = _Quick(self.factor_ids, self.source_ids, self.corridor_ids)
        nodes: dict[str, Node] = {}
        quick, node_ids = self.quick.node, self.node_ids
        for place, obj in entries:
            if (record := quick(obj, place, node_ids)) is not None:
                nodes[record.id] = record
                continue
            name = check.field(obj, "name", place, _text)
            aliases = check.field(obj, "aliases", place, _string_list, required=False) or []
            country = check.field(obj, "country", place, _matches(COUNTRY))
            lat = check.field(obj, "lat", place, _number(-90, 90))
            lon = check.field(obj, "lon", place, _number(-180, 180))
            kind = check.field(obj, "kind", place, _one_of(NODE_KINDS))
            node_risks = self.risks(obj, place)
            ident = _own_id(self.node_ids, obj, place)
            if ident and None not in (name, country, lat, lon, kind):
                nodes[ident] = Node(
                    ident, name, tuple(aliases), country, float(lat), float(lon), kind, node_risks
                )
        return nodes

    def countries(self, nodes: dict[str, Node]) -> dict[str, Country]:
        """Country-wide risks, one record per country that has a node."""
        check = self.check
        present = {node.country for node in nodes.values()}
        out: dict[str, Country] = {}
        for place, obj in check.items(self.doc, "countries", required=False):
            code = check.field(obj, "country", place, _matches(COUNTRY))
            name = check.field(obj, "name", place, _text)
            risks = self.risks(obj, place)
            if code is None:
                continue
            if code in out:
                check.fail(f"{place}.country", f"duplicate country {code!r}")
            elif code not in present:
                check.fail(f"{place}.country", f"no node is in {code!r}")
            elif name is not None:
                out[code] = Country(code, name, risks)
        return out

    def edges(self, nodes: dict[str, Node]) -> list[Edge]:
        entries = self.check.items(self.doc, "edges")
        self.edge_ids = self.check.unique_ids(entries, SLUG)
        edges: list[Edge] = []
        quick, edge_ids, append = self.quick.edge, self.edge_ids, edges.append  # the hot loop
        for place, obj in entries:
            found = quick(obj, place, edge_ids, nodes)
            if found is None:
                found = self.edge(obj, place, nodes)
            if found is not None:
                append(found)
        return edges

    def edge(self, obj: dict[str, Any], place: str, nodes: dict[str, Node]) -> Edge | None:
        """The full checks of one edge, naming every problem; the edge if there is none that blocks it."""
        check = self.check
        start = check.field(obj, "from", place, _text)
        end = check.field(obj, "to", place, _text)
        for key, ref in (("from", start), ("to", end)):
            if ref is not None and ref not in self.node_ids:
                check.fail(f"{place}.{key}", f"unknown node id {ref!r}")
        if start is not None and start == end:
            check.fail(place, f"self-loop: from and to are both {start!r}")
        mode = check.field(obj, "mode", place, _one_of(MODES))
        km = check.field(obj, "km", place, _km)
        basis = check.field(obj, "km_basis", place, _one_of(KM_BASES))
        note = check.field(obj, "km_note", place, _text, required=basis in NOTED_BASES)
        status = check.field(obj, "status", place, _one_of(STATUSES))
        opens = check.field(obj, "opens", place, _year_or_null, required=False)
        if status in ("under_construction", "planned") and obj.get("opens") is None:
            check.fail(f"{place}.opens", f"a line that is {status} needs its opening year")
        lane = check.field(obj, "corridors", place, _string_list)
        self.refs(lane or [], self.corridor_ids, f"{place}.corridors", "corridor")
        refs = self.source_refs(obj, place)
        gauge = check.field(obj, "gauge_mm", place, _number(300, 2000), required=False)
        oneway = check.field(obj, "oneway", place, _bool, required=False)
        edge_risks = self.risks(obj, place)
        geometry = self.geometry(obj, place)
        if start in nodes and end in nodes:
            track_ends(check, place, geometry, nodes[start], nodes[end])
        if km is not None and start in nodes and end in nodes:
            self.great_circle_floor(place, km, nodes[start], nodes[end])
        ident = _own_id(self.edge_ids, obj, place)
        if not ident or None in (start, end, mode, km, basis, status, lane):
            return None
        gauge_mm = int(gauge) if gauge is not None else None
        return Edge(
            ident, start, end, mode, float(km), basis, status, opens, tuple(lane), refs, gauge_mm,
            bool(oneway), edge_risks, note, geometry,
        )  # fmt: skip

    def geometry(self, obj: dict[str, Any], place: str) -> tuple[tuple[float, float], ...]:
        """An edge's optional line: at least two [lon, lat] points."""
        points = obj.get("geometry")
        if points is None:
            return ()
        if not isinstance(points, list) or len(points) < 2:
            self.check.fail(f"{place}.geometry", "must be a list of at least two [lon, lat] points")
            return ()
        out = []
        for index, point in enumerate(points):
            lon = _number(-180, 180)(point[0]) if isinstance(point, list) and len(point) == 2 else "x"
            lat = _number(-90, 90)(point[1]) if isinstance(point, list) and len(point) == 2 else "x"
            if lon is not None or lat is not None:
                self.check.fail(f"{place}.geometry", f"point {index} is not a finite [lon, lat] in range")
                continue
            out.append((float(point[0]), float(point[1])))
        return tuple(out)

    def great_circle_floor(self, place: str, km: float, a: Node, b: Node) -> None:
        floor = great_circle_km(a.lat, a.lon, b.lat, b.lon)
        if km + GREAT_CIRCLE_TOLERANCE_KM < floor:
            self.check.fail(
                f"{place}.km",
                f"{km} km is shorter than the great-circle distance {floor:.0f} km between {a.id} and {b.id}",
            )

    def projects(self) -> list[Project]:
        check = self.check
        projects = []
        for place, obj in check.items(self.doc, "projects", required=False):
            ident = check.field(obj, "id", place, _matches(SLUG))
            name = check.field(obj, "name", place, _text)
            check.field(obj, "kind", place, _one_of(PROJECT_KINDS))
            status = check.field(obj, "status", place, _one_of(STATUSES))
            opens = check.field(obj, "opens", place, _year_or_null, required=False)
            edge_refs = check.field(obj, "edges", place, _string_list, required=False) or []
            node_refs = check.field(obj, "nodes", place, _string_list, required=False) or []
            self.refs(edge_refs, self.edge_ids, f"{place}.edges", "edge")
            self.refs(node_refs, self.node_ids, f"{place}.nodes", "node")
            self.source_refs(obj, place)
            if ident and name and status:
                projects.append(Project(ident, name, status, opens, tuple(edge_refs), tuple(node_refs)))
        return projects
