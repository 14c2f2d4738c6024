"""The quick path of validation: plainly valid nodes and edges built at a glance."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from corridors.network.checks import (
    COUNTRY,
    GREAT_CIRCLE_TOLERANCE_KM,
    MAX_EDGE_KM,
    NOTED_BASES,
)
from corridors.network.geo import great_circle_km
from corridors.network.model import (
    KM_BASES,
    NODE_KINDS,
    STATUSES,
    Edge,
    Node,
    Risk,
)
from corridors.network.modes import MODES

_REAL = (int, float)  # bool is neither: type(True) is bool


def _opens_ok(status: str, opens: Any) -> bool:
    """An operational line may omit its year; any other needs one."""
    if opens is None:
        return status == "operational"
    return type(opens) is int and 1800 <= opens <= 2200


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
            if type(value) not in _REAL or not 0 <= value <= 1 or type(why) is not str or not why.strip():
                return None
            refs = () if value == 0 and "sources" not in entry else self._refs(entry.get("sources"))
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
        # Look-ups double as checks: only valid ids, modes, bases and statuses are in the tables.
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
            or not 0 < km <= MAX_EDGE_KM
            or "geometry" in obj  # drawn lines are few: the full checks take them
        ):
            return None
        note = get("km_note")
        if ("km_note" in obj or basis in NOTED_BASES) and (type(note) is not str or not note.strip()):
            return None
        opens = get("opens")
        if not _opens_ok(status, opens):
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
        corridors = self.shared.setdefault(tuple(lane), tuple(lane))
        gauge_mm = int(gauge) if gauge is not None else None
        return Edge(
            ident, a.id, b.id, mode, float(km), basis, status, opens, corridors, refs, gauge_mm, oneway,
            risks, note,
        )  # fmt: skip
