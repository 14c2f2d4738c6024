"""What the analysis returns: frozen records that renderers turn into tables or JSON."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from corridors.analysis.criteria import AMOUNTS
from corridors.network.modes import GAUGED_MODES

KM_DIGITS = 1
RISK_DIGITS = 4


def amounts(record: Leg | Stop | Totals, *, days: bool = False) -> dict[str, float]:
    """The record's amounts by criterion key, rounded as the registry says (and days after hours)."""
    out: dict[str, float] = {}
    for criterion in AMOUNTS:
        out[criterion.key] = criterion.rounded(getattr(record, criterion.key))
        if days and criterion.per_day:
            out["days"] = round(getattr(record, criterion.key) / 24, 2)
    return out


@dataclass(frozen=True)
class Leg:
    """One edge of a route, in the direction travelled."""

    source: str
    target: str
    edge_id: str
    mode: str
    km: float
    km_basis: str
    status: str
    opens: int | None
    gauge_mm: int | None
    corridors: tuple[str, ...]
    sources: tuple[str, ...]
    risk: float  # combined risk of the edge, 0..1
    risk_km: float  # km x risk: the edge's risk exposure
    hours: float = 0.0  # moving time plus border dwell and the wait for a sailing
    cost_usd: float = 0.0
    co2e_kg: float = 0.0  # tank to wheel
    co2e_wtw_kg: float = 0.0  # well to wheel

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "edge_id": self.edge_id,
            "mode": self.mode,
            "km": round(self.km, KM_DIGITS),
            "km_basis": self.km_basis,
            "status": self.status,
            "opens": self.opens,
            "gauge_mm": self.gauge_mm,
            "corridors": list(self.corridors),
            "risk": round(self.risk, RISK_DIGITS),
            "risk_km": round(self.risk_km, KM_DIGITS),
            **amounts(self),
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Stop:
    """A transshipment or gauge change at a place between two legs."""

    node: str
    event: str
    hours: float
    cost_usd: float
    co2e_kg: float
    co2e_wtw_kg: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "node": self.node,
            "event": self.event,
            **amounts(self),
        }


@dataclass(frozen=True)
class NodeRisk:
    """A risky node the route passes (a port, a border or gauge-change point)."""

    node: str
    risk: float
    risk_km: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "node": self.node,
            "risk": round(self.risk, RISK_DIGITS),
            "risk_km": round(self.risk_km, KM_DIGITS),
        }


@dataclass(frozen=True)
class Totals:
    km: float
    legs: int
    border_crossings: int
    gauge_changes: int
    mode_changes: int
    water_km: float  # ferry and sea
    estimated_km: float  # km resting on estimates rather than published lengths
    risk: float  # exposure-weighted mean risk, 0..1
    risk_km: float  # edge and node risk exposure, in km-equivalents
    risk_weighted_km: float  # km + risk_weight x risk_km
    hours: float = 0.0
    cost_usd: float = 0.0
    co2e_kg: float = 0.0
    co2e_wtw_kg: float = 0.0

    @property
    def days(self) -> float:
        return self.hours / 24

    def to_dict(self) -> dict[str, Any]:
        return {
            "km": round(self.km, KM_DIGITS),
            "legs": self.legs,
            "border_crossings": self.border_crossings,
            "gauge_changes": self.gauge_changes,
            "mode_changes": self.mode_changes,
            "water_km": round(self.water_km, KM_DIGITS),
            "estimated_km": round(self.estimated_km, KM_DIGITS),
            "risk": round(self.risk, RISK_DIGITS),
            "risk_km": round(self.risk_km, KM_DIGITS),
            "risk_weighted_km": round(self.risk_weighted_km, KM_DIGITS),
            **amounts(self, days=True),
        }


@dataclass(frozen=True)
class Route:
    criterion: str  # what it is best by: an objective label (criteria.route_label), or "pareto"
    nodes: tuple[str, ...]
    legs: tuple[Leg, ...]
    node_risks: tuple[NodeRisk, ...]
    totals: Totals
    stops: tuple[Stop, ...] = ()

    def stops_before_legs(self) -> list[Stop | None]:
        """The stop (if any) before each leg, by position: a route may pass a place twice."""
        pending = iter(self.stops)
        out: list[Stop | None] = [None]
        for before, after in pairwise(self.legs):
            regauged = before.mode in GAUGED_MODES and before.gauge_mm != after.gauge_mm
            out.append(next(pending) if before.mode != after.mode or regauged else None)
        return out[: len(self.legs)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion,
            "nodes": list(self.nodes),
            "legs": [leg.to_dict() for leg in self.legs],
            "stops": [stop.to_dict() for stop in self.stops],
            "node_risks": [risk.to_dict() for risk in self.node_risks],
            "totals": self.totals.to_dict(),
        }


@dataclass(frozen=True)
class CorridorRoute:
    """The best route of one corridor, or None where the corridor does not join the places."""

    id: str
    name: str
    route: Route | None
    km_more_than_shortest: float | None

    def to_dict(self) -> dict[str, Any]:
        route = self.route
        return {
            "id": self.id,
            "name": self.name,
            "route_found": route is not None,
            "nodes": list(route.nodes) if route else [],
            "legs": [leg.to_dict() for leg in route.legs] if route else [],
            "stops": [stop.to_dict() for stop in route.stops] if route else [],
            "node_risks": [risk.to_dict() for risk in route.node_risks] if route else [],
            "totals": route.totals.to_dict() if route else None,
            "km_more_than_shortest": (
                round(self.km_more_than_shortest, KM_DIGITS)
                if self.km_more_than_shortest is not None
                else None
            ),
        }


@dataclass(frozen=True)
class Comparison:
    origin: str
    destination: str
    corridors: tuple[CorridorRoute, ...]

    @property
    def shortest(self) -> CorridorRoute | None:
        found = [c for c in self.corridors if c.route is not None]
        return min(found, key=lambda c: c.route.totals.km if c.route else 0.0, default=None)

    def to_dict(self) -> dict[str, Any]:
        shortest = self.shortest
        return {
            "origin": self.origin,
            "destination": self.destination,
            "shortest_corridor": shortest.id if shortest else None,
            "corridors": [corridor.to_dict() for corridor in self.corridors],
        }


@dataclass(frozen=True)
class Routes:
    """The routes `path` or `pareto` found between two places, best first."""

    origin: str
    destination: str
    routes: tuple[Route, ...]
    criteria: tuple[str, ...] = ()  # pareto: the criteria of the front

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"origin": self.origin, "destination": self.destination}
        if self.criteria:
            out["criteria"] = list(self.criteria)
        out["routes"] = [route.to_dict() for route in self.routes]
        return out
