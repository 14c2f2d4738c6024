"""The checks no schema can make: ids, references between records, geometry, completeness.

They run on the decoded document after the schema (schema.py) and report every problem
with its place, like the schema's. A record the schema found broken is still searched
for references (a user sees every problem at once) but never measured: its km or its
coordinates may not be numbers. The common case is a large, valid file: each check first
asks a cheap question of the whole section (a set difference, one pass), and looks for
places only when the answer is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from math import cos, pi, radians, sin
from operator import methodcaller
from typing import Any

from corridors.network.geo import EARTH_RADIUS_KM, great_circle_km
from corridors.network.model import EVENTS, PARAMETER_METRICS
from corridors.network.schema import Path, Problem

GREAT_CIRCLE_TOLERANCE_KM = 0.5  # data rounds lengths to whole km
TRACK_END_KM = 1.0  # a track's first and last points lie on the edge's end nodes
ID_SECTIONS = (
    "sources",
    "risk_factors",
    "corridors",
    "nodes",
    "edges",
    "projects",
    "parameters",
    "delays",
    "estimation_methods",
)

Broken = set[tuple[str | int | None, ...]]  # (section, index, field) of each schema problem; None: the record


def broken_fields(problems: Iterable[Problem]) -> Broken:
    """Where the schema found problems, to the field of a record: what the checks must not measure."""
    return {(*path[:3], None)[:3] for path, _ in problems}


def sound(broken: Broken, section: str, index: int, *fields: str) -> bool:
    return not broken or not any((section, index, field) in broken for field in fields)


def records(doc: dict[str, Any], section: str) -> list[dict[str, Any]]:
    """A section's objects, at their indexes (anything else as an empty object); none if not a list."""
    items = doc.get(section)
    if not isinstance(items, list):
        return []
    if set(map(type, items)) <= {dict}:  # the common case, in C
        return items
    return [item if isinstance(item, dict) else {} for item in items]


class Sections(dict[str, list[dict[str, Any]]]):
    """Each section's records, listed once however often the checks ask."""

    def __init__(self, doc: dict[str, Any]) -> None:
        super().__init__()
        self.doc = doc

    def __missing__(self, section: str) -> list[dict[str, Any]]:
        found = self[section] = records(self.doc, section)
        return found


def cross_problems(doc: dict[str, Any], broken: Broken) -> list[Problem]:
    """Every problem between records of a document; `broken` from the schema's problems."""
    found: list[Problem] = []
    sections = Sections(doc)
    known = {section: ids(sections[section], section, found) for section in ID_SECTIONS}
    found += references(sections, known)
    found += edge_problems(sections, known["nodes"], broken)
    found += countries(sections)
    found += parameter_defaults(sections, broken)
    found += delay_bounds(sections, broken)
    return found


def _distinct(items: list[dict[str, Any]], key: str) -> set[Any] | None:
    """The values at `key` (None where absent), or None if one cannot be hashed."""
    try:
        return set(map(methodcaller("get", key), items))
    except TypeError:
        return None


def ids(items: list[dict[str, Any]], section: str, found: list[Problem]) -> dict[str, int]:
    """id -> index of its first holder; a later holder of the same id is a problem."""
    named = list(map(methodcaller("get", "id"), items))
    try:
        unique = len(set(named)) == len(named)
    except TypeError:
        unique = False
    if unique:  # the common case: each id has one holder
        holders = dict(zip(named, range(len(named)), strict=True))
        holders.pop(None, None)
        return holders
    out: dict[str, int] = {}
    for index, ident in enumerate(named):
        if type(ident) is not str:
            continue
        first = out.setdefault(ident, index)
        if first != index:
            found.append(((section, index, "id"), f"duplicate id {ident!r} (first at {section}[{first}])"))
    return out


# Where records name others: (section, key) -> the section whose ids they name.
ONE_REF = {
    ("parameters", "node"): "nodes",
    ("parameters", "edge"): "edges",
    ("delays", "node"): "nodes",
    ("delays", "edge"): "edges",
}  # edges' from and to: edge_problems, on its way through the edges
MANY_REFS = {
    ("edges", "corridors"): "corridors",
    ("projects", "edges"): "edges",
    ("projects", "nodes"): "nodes",
}
NOUN = {"nodes": "node", "edges": "edge", "corridors": "corridor", "sources": "source"}
CITING = ("corridors", "edges", "projects", "parameters", "delays")  # records with a `sources` list
RISKY = ("nodes", "edges", "countries")  # records with a `risks` table


def references(sections: Sections, known: dict[str, dict[str, int]]) -> Iterator[Problem]:
    for (section, key), target in ONE_REF.items():
        items = sections[section]
        named = _distinct(items, key)
        if named is not None and named - {None} <= known[target].keys():
            continue
        for index, obj in enumerate(items):
            ref = obj.get(key)
            if isinstance(ref, str) and ref not in known[target]:
                yield (section, index, key), f"unknown {NOUN[target]} id {ref!r}"
    for (section, key), target in MANY_REFS.items():
        yield from _lists(section, key, sections[section], known[target], NOUN[target])
    sources = known["sources"]
    for section in CITING:
        yield from _lists(section, "sources", sections[section], sources, "source")
    coords = [obj.get("coords") for obj in sections["nodes"]]
    yield from _lists(
        "nodes", "sources", [c if isinstance(c, dict) else {} for c in coords], sources, "source", "coords"
    )
    for section in RISKY:
        for index, obj in enumerate(sections[section]):
            if "risks" in obj and isinstance(table := obj["risks"], dict):
                yield from _risks(table, (section, index, "risks"), known["risk_factors"], sources)


def _lists(
    section: str, key: str, items: list[dict[str, Any]], known: dict[str, int], noun: str, via: str = ""
) -> Iterator[Problem]:
    """Lists of ids at `key` in each record (`via` a field between): each id must be known."""
    try:  # the common case, in C: every list's ids together, all known
        if set().union(*map(methodcaller("get", key, ()), items)) <= known.keys():
            return
    except TypeError:
        pass
    where = (via, key) if via else (key,)
    for index, obj in enumerate(items):
        refs = obj.get(key)
        for position, ref in enumerate(refs if isinstance(refs, list) else ()):
            if isinstance(ref, str) and ref not in known:
                yield (section, index, *where, position), f"unknown {noun} id {ref!r}"


def _risks(
    table: dict[str, Any], where: Path, factors: dict[str, int], sources: dict[str, int]
) -> Iterator[Problem]:
    for factor, entry in table.items():
        if factor not in factors:
            yield (*where, factor), f"unknown risk factor {factor!r} (not in risk_factors)"
        refs = entry.get("sources") if isinstance(entry, dict) else None
        for position, ref in enumerate(refs if isinstance(refs, list) else []):
            if isinstance(ref, str) and ref not in sources:
                yield (*where, factor, "sources", position), f"unknown source id {ref!r}"


def edge_problems(sections: Sections, nodes: dict[str, int], broken: Broken) -> Iterator[Problem]:
    """Each edge's ends: known nodes, two different ones; and a sound edge between sound nodes
    no shorter than the great circle between them, its drawn line running from end to end."""
    places = {
        obj["id"]: _place(obj["id"], obj["lat"], obj["lon"])
        for index, obj in enumerate(sections["nodes"])
        if obj and sound(broken, "nodes", index, "id", "lat", "lon")  # {}: not an object (`records`)
    }
    half = 1 / (2 * EARTH_RADIUS_KM)
    for index, obj in enumerate(sections["edges"]):
        start, end = obj.get("from"), obj.get("to")
        if broken or start not in places or end not in places or start == end:
            yield from _ends(index, start, end, nodes)
            if not (sound(broken, "edges", index, "from", "to", "km", "geometry")):
                continue
        a, b = places.get(start), places.get(end)
        if a is None or b is None:
            continue
        # The haversine, inlined for a quarter of a million edges: the great circle's h against km's.
        h = sin((b[3] - a[3]) / 2) ** 2 + a[5] * b[5] * sin((b[4] - a[4]) / 2) ** 2
        reach = (obj["km"] + GREAT_CIRCLE_TOLERANCE_KM) * half
        if reach < pi / 2 and sin(reach) ** 2 < h:
            shortest = great_circle_km(a[1], a[2], b[1], b[2])
            far = f"the great-circle distance {shortest:.0f} km between {a[0]} and {b[0]}"
            yield ("edges", index, "km"), f"{obj['km']} km is shorter than {far}"
        if "geometry" in obj:
            yield from _track_ends(("edges", index, "geometry"), obj["geometry"], a, b)


def _ends(index: int, start: object, end: object, nodes: dict[str, int]) -> Iterator[Problem]:
    for key, ref in (("from", start), ("to", end)):
        if isinstance(ref, str) and ref not in nodes:
            yield ("edges", index, key), f"unknown node id {ref!r}"
    if isinstance(start, str) and start == end:
        yield ("edges", index), f"self-loop: from and to are both {start!r}"


_Place = tuple[str, float, float, float, float, float]  # id, lat, lon, phi, lambda, cos(phi)


def _place(ident: str, lat: float, lon: float) -> _Place:
    """A node's coordinates, in degrees and as the haversine wants them."""
    phi = radians(lat)
    return ident, lat, lon, phi, radians(lon), cos(phi)


def _track_ends(where: Path, track: list[list[float]], a: _Place, b: _Place) -> Iterator[Problem]:
    """A drawn track runs from the edge's `from` node to its `to` node, [lon, lat] in that order."""
    for (lon, lat), (ident, node_lat, node_lon, *_) in ((track[0], a), (track[-1], b)):
        if great_circle_km(lat, lon, node_lat, node_lon) > TRACK_END_KM:
            far = f"an end point is more than {TRACK_END_KM:g} km from {ident}"
            yield where, f"must run from {a[0]} to {b[0]}: {far}"
            return


def countries(sections: Sections) -> Iterator[Problem]:
    """One record per country, and only for a country that has a node."""
    present = {code for obj in sections["nodes"] if type(code := obj.get("country")) is str}
    seen: set[str] = set()
    for index, obj in enumerate(sections["countries"]):
        code = obj.get("country")
        if not isinstance(code, str):
            continue
        if code in seen:
            yield ("countries", index, "country"), f"duplicate country {code!r}"
        elif code not in present:
            yield ("countries", index, "country"), f"no node is in {code!r}"
        seen.add(code)


SCOPES = ("country", "node", "edge", "from_year")
# A file's own parameters are used whole or not at all: corridors never fills a gap with a
# figure of its own data (for electric rail, say, the well-to-tank factor is most of the CO2e).
WHY_NEEDED = {
    "co2e_wtt_kg_per_t_km": "; well-to-wheel CO2e needs the well-to-tank factor of every mode "
    "the file uses, and corridors does not mix one of its own into yours",
}


def parameter_defaults(sections: Sections, broken: Broken) -> Iterator[Problem]:
    """A file with its own parameters gives a default of every figure the model needs."""
    entries = sections["parameters"]
    if not entries:
        return
    defaults = {
        (obj["metric"], obj.get("mode") or obj.get("event"))
        for index, obj in enumerate(entries)
        if obj
        and sound(broken, "parameters", index, "metric", "mode", "event", *SCOPES)
        and not any(obj.get(key) is not None for key in SCOPES)
    }
    edges = sections["edges"]
    if broken:
        edges = [obj for index, obj in enumerate(edges) if obj and sound(broken, "edges", index, "mode")]
    modes = {obj["mode"] for obj in edges}
    for metric, what in needed(modes):
        if (metric, what) not in defaults:
            suffix = f" for {what}" if what else ""
            scope = "a record without country, node, edge or from_year"
            yield ("parameters",), f"no default {metric}{suffix} ({scope}){WHY_NEEDED.get(metric, '')}"


def needed(modes: Iterable[str]) -> list[tuple[str, str | None]]:
    """(metric, mode or event) of every default a file with its own parameters must give."""
    out: list[tuple[str, str | None]] = [("cargo_t", None)]
    out += [(m, mode) for m, by in PARAMETER_METRICS.items() if by == "mode" for mode in sorted(modes)]
    out += [(m, event) for m, by in PARAMETER_METRICS.items() if by == "event" for event in EVENTS]
    return out


def delay_bounds(sections: Sections, broken: Broken) -> Iterator[Problem]:
    """A triangular or uniform delay's bounds in order (a schema cannot compare two values)."""
    for index, obj in enumerate(sections["delays"]):
        if not obj or not sound(broken, "delays", index, "distribution", "effect"):
            continue
        shape = obj["distribution"]
        where = ("delays", index, "distribution")
        if shape["family"] == "triangular" and not (
            shape["low_hours"] <= shape["mode_hours"] <= shape["high_hours"]
        ):
            yield where, "a triangular distribution needs low_hours <= mode_hours <= high_hours"
        if shape["family"] == "uniform" and shape["low_hours"] > shape["high_hours"]:
            yield where, "a uniform distribution needs low_hours <= high_hours"
