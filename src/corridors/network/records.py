"""Build the model's records from a document that passed the schema and the checks.

Nothing here checks anything: schema.py and checks.py have, so every field is present
and of its type. Repeated tuples (corridor and source lists) are shared, which keeps a
large network's records small.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from types import MappingProxyType
from typing import Any, TypeVar

from corridors.network.model import (
    EXTRA_FAMILIES,
    MONTHS,
    SPREAD_FAMILIES,
    Corridor,
    Country,
    Delay,
    Edge,
    Network,
    Node,
    Parameter,
    Project,
    Risk,
    Source,
)

R = TypeVar("R")


def trusted(cls: type[R]) -> Callable[..., R]:
    """A frozen dataclass's constructor for values already checked, every field by name.

    The generated __init__ of a frozen dataclass sets each field through
    object.__setattr__: for an edge's 15 fields that is most of the time it takes to build
    a large network. This one, generated the same way dataclasses generate theirs, stores
    the fields straight into the instance's __dict__, in field order, so the dict stays the
    compact one the class's instances share keys in (a dict given whole would not: 70 MB
    more on 100,000 places). The record is the same (tests/test_loading_schema.py compares).
    """
    names = [field.name for field in fields(cls)]  # type: ignore[arg-type]
    body = "".join(f"    d[{name!r}] = {name}\n" for name in names)
    source = f"def make(*, {', '.join(names)}):\n    r = new(cls)\n    d = r.__dict__\n{body}    return r\n"
    space: dict[str, Any] = {"new": object.__new__, "cls": cls}
    exec(source, space)  # noqa: S102 (our own field names, as dataclasses does)
    make: Callable[..., R] = space["make"]
    return make


NEW_EDGE, NEW_NODE = trusted(Edge), trusted(Node)


class Builder:
    """One document's records; `shared` holds one copy of each repeated tuple of ids."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.shared: dict[tuple[str, ...], tuple[str, ...]] = {}

    def network(self, label: str) -> Network:
        nodes = self.nodes()
        return Network(
            schema_version=self.doc["schema_version"],
            as_of=self.doc["as_of"],
            label=label,
            nodes=MappingProxyType(nodes),
            edges=self.edges(nodes),
            corridors=self.corridors(),
            sources=MappingProxyType(self.sources()),
            risk_factors=self.risk_factors(),
            projects=self.projects(),
            parameters=self.parameters(),
            delays=self.delays(),
            countries=MappingProxyType(self.countries()),
        )

    def section(self, key: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.doc.get(key) or []
        return found

    def ids(self, refs: list[str]) -> tuple[str, ...]:
        found = tuple(refs)
        return self.shared.setdefault(found, found)

    def risks(self, obj: dict[str, Any]) -> tuple[Risk, ...]:
        table = obj.get("risks")
        if not table:
            return ()
        return tuple(
            Risk(factor, float(entry["value"]), entry["why"], self.ids(entry.get("sources") or []))
            for factor, entry in table.items()
        )

    def sources(self) -> dict[str, Source]:
        return {
            s["id"]: Source(s["id"], s["title"], s["publisher"], s["year"], s["url"])
            for s in self.section("sources")
        }

    def corridors(self) -> tuple[Corridor, ...]:
        return tuple(
            Corridor(c["id"], c["name"], c.get("short_name") or c["name"]) for c in self.section("corridors")
        )

    def nodes(self) -> dict[str, Node]:
        countries: dict[str, str] = {}  # one string per country code
        out = {}
        for n in self.section("nodes"):
            out[n["id"]] = NEW_NODE(
                id=n["id"],
                name=n["name"],
                aliases=tuple(n["aliases"]) if "aliases" in n else (),
                country=countries.setdefault(n["country"], n["country"]),
                lat=float(n["lat"]),
                lon=float(n["lon"]),
                kind=n["kind"],
                risks=self.risks(n) if "risks" in n else (),
            )
        return out

    def edges(self, nodes: dict[str, Node]) -> tuple[Edge, ...]:
        out: list[Edge] = []
        append, ids, risks, make = out.append, self.ids, self.risks, NEW_EDGE  # the hot loop
        for e in self.section("edges"):
            gauge, geometry = e.get("gauge_mm"), e.get("geometry")
            append(
                make(
                    id=e["id"],
                    source=nodes[e["from"]].id,  # the node's own string: one copy per place
                    target=nodes[e["to"]].id,
                    mode=e["mode"],
                    km=float(e["km"]),
                    km_basis=e["km_basis"],
                    status=e["status"],
                    opens=e.get("opens"),
                    corridors=ids(e["corridors"]),
                    sources=ids(e["sources"]),
                    gauge_mm=int(gauge) if gauge is not None else None,
                    oneway=e.get("oneway", False),
                    risks=risks(e) if "risks" in e else (),
                    km_note=e.get("km_note"),
                    geometry=tuple((float(lon), float(lat)) for lon, lat in geometry) if geometry else (),
                )
            )
        return tuple(out)

    def countries(self) -> dict[str, Country]:
        return {
            c["country"]: Country(c["country"], c["name"], self.risks(c)) for c in self.section("countries")
        }

    def projects(self) -> tuple[Project, ...]:
        return tuple(
            Project(
                p["id"],
                p["name"],
                p["status"],
                p.get("opens"),
                tuple(p.get("edges", ())),
                tuple(p.get("nodes", ())),
            )
            for p in self.section("projects")
        )

    def risk_factors(self) -> tuple[str, ...]:
        return tuple(f["id"] for f in self.section("risk_factors"))

    def parameters(self) -> tuple[Parameter, ...]:
        return tuple(parameter(p) for p in self.section("parameters"))

    def delays(self) -> tuple[Delay, ...]:
        return tuple(delay(d) for d in self.section("delays"))


def parameter(p: dict[str, Any]) -> Parameter:
    where = {key: p.get(key) for key in ("mode", "event", "country", "node", "edge", "from_year")}
    return Parameter(
        p["id"], p["metric"], float(p["value"]), **where, basis=p["basis"], sources=tuple(p["sources"])
    )


def delay(d: dict[str, Any]) -> Delay:
    shape = d["distribution"]
    names = (SPREAD_FAMILIES if d["effect"] == "spread" else EXTRA_FAMILIES)[shape["family"]]
    params = tuple((name, float(shape[name])) for name in names)
    if d["effect"] == "spread":
        months: tuple[float, ...] = ()
    elif "probability" in d:
        months = (float(d["probability"]),) * 12
    else:
        months = tuple(float(d["months"].get(month, 0.0)) for month in MONTHS)
    where = {key: d.get(key) for key in ("mode", "country", "node", "edge")}
    return Delay(
        d["id"],
        d["event"],
        d["effect"],
        shape["family"],
        params,
        shape.get("anchor", "mean"),
        months,
        **where,
    )
