"""At what risk weight does the preferred corridor change?

For one corridor, the best risk-weighted cost as a function of the risk weight w is
``f(w) = min over routes (value + w * exposure)``: the lower envelope of straight lines,
one per route. It is found exactly by parametric search (evaluate at both ends; where the
two best lines cross, evaluate again; a new line appears only if it is lower there). The
corridors' envelopes are then compared piece by piece, where both are straight lines, so
each flip is the crossing of two lines, exact up to floating-point rounding.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from corridors.analysis.criteria import BY_NAME, NAMES
from corridors.analysis.results import Route
from corridors.analysis.router import Router
from corridors.analysis.scenario import Avoid, Objective, RiskModel, Scenario
from corridors.errors import NoRouteError, UsageError
from corridors.network.graph import CorridorGraph

REL_TOL = 1e-9


@dataclass(frozen=True)
class Line:
    """One route's risk-weighted cost: value + w x exposure."""

    value: float
    exposure: float
    route: Route

    def at(self, weight: float) -> float:
        return self.value + weight * self.exposure


@dataclass(frozen=True)
class Piece:
    start: float
    end: float
    line: Line


@dataclass(frozen=True)
class Span:
    """A range of risk weights over which the ranking of corridors does not change."""

    start: float
    end: float
    ranking: tuple[str, ...]
    lines: Mapping[str, Line]

    def to_dict(self) -> dict[str, Any]:
        return {
            "from_risk_weight": _r(self.start),
            "to_risk_weight": _r(self.end),
            "ranking": list(self.ranking),
            "corridors": [
                {
                    "id": ident,
                    "value_at_start": round(self.lines[ident].at(self.start), 3),
                    "value_at_end": round(self.lines[ident].at(self.end), 3),
                    "unweighted_value": round(self.lines[ident].value, 3),
                    "risk_exposure": round(self.lines[ident].exposure, 3),
                    "nodes": list(self.lines[ident].route.nodes),
                }
                for ident in self.ranking
            ],
        }


@dataclass(frozen=True)
class Breakeven:
    origin: str
    destination: str
    metric: str
    max_weight: float
    spans: tuple[Span, ...]
    unreachable: tuple[str, ...]

    @property
    def flips(self) -> tuple[tuple[float, Span, Span], ...]:
        return tuple(
            (b.start, a, b)
            for a, b in zip(self.spans, self.spans[1:], strict=False)
            if a.ranking[0] != b.ranking[0]
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "destination": self.destination,
            "metric": self.metric,
            "flips": [
                {"risk_weight": _r(weight), "before": list(before.ranking), "after": list(after.ranking)}
                for weight, before, after in self.flips
            ],
            "spans": [span.to_dict() for span in self.spans],
            "unreachable": list(self.unreachable),
        }


def _r(weight: float) -> float:
    return round(weight, 9)


def exposure(route: Route, metric: str, router: Router) -> float:
    """The route's risk exposure measured in `metric`, as the searches weigh it."""
    if metric == "km":
        return route.totals.risk_km
    key = BY_NAME[metric].key
    return math.fsum(getattr(leg, key) * leg.risk for leg in route.legs) + math.fsum(
        getattr(stop, key) * router.node_risk[stop.node] for stop in route.stops
    )


def _value(route: Route, metric: str) -> float:
    return float(getattr(route.totals, BY_NAME[metric].key))


def envelope(router: Router, origin: str, destination: str, metric: str, max_weight: float) -> list[Piece]:
    """The lower envelope of route lines over [0, max_weight], exactly."""

    def solve(weight: float) -> Line:
        route = router.best_route(origin, destination, Objective(metric, weight))
        return Line(_value(route, metric), exposure(route, metric, router), route)

    def close(a: float, b: float) -> bool:
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)

    def pieces(lo: float, a: Line, hi: float, b: Line) -> list[Piece]:
        if close(a.value, b.value) and close(a.exposure, b.exposure):
            return [Piece(lo, hi, a)]
        if close(a.exposure, b.exposure):  # parallel optima at both ends: equal everywhere
            return [Piece(lo, hi, a)]
        cross = (b.value - a.value) / (a.exposure - b.exposure)
        if not lo < cross < hi:
            return [Piece(lo, hi, a if a.at((lo + hi) / 2) <= b.at((lo + hi) / 2) else b)]
        c = solve(cross)
        if c.at(cross) >= a.at(cross) - REL_TOL * abs(a.at(cross)) - 1e-9:
            return [Piece(lo, cross, a), Piece(cross, hi, b)]
        return pieces(lo, a, cross, c) + pieces(cross, c, hi, b)

    merged: list[Piece] = []
    for piece in pieces(0.0, solve(0.0), max_weight, solve(max_weight)):
        last = merged[-1] if merged else None
        if (
            last
            and close(last.line.value, piece.line.value)
            and close(last.line.exposure, piece.line.exposure)
        ):
            merged[-1] = Piece(last.start, piece.end, last.line)
        else:
            merged.append(piece)
    return merged


def breakeven(
    cgraph: CorridorGraph,
    origin: str,
    destination: str,
    *,
    metric: str = "km",
    model: RiskModel | None = None,
    as_of: int | None = None,
    avoid: Avoid | None = None,
    max_weight: float = 100.0,
) -> Breakeven:
    """The risk weights at which the best corridor changes, over [0, max_weight]."""
    if metric not in BY_NAME:
        raise UsageError(f"breakeven compares by one of {', '.join(NAMES)}; got {metric!r}")
    if origin == destination:
        raise UsageError(f"origin and destination are the same place ({origin})")
    model = model or RiskModel()
    envelopes: dict[str, list[Piece]] = {}
    unreachable = []
    for corridor in cgraph.network.corridors:
        router = Router(cgraph, model, Scenario(as_of=as_of, corridor=corridor.id, avoid=avoid or Avoid()))
        try:
            envelopes[corridor.id] = envelope(router, origin, destination, metric, max_weight)
        except NoRouteError:
            unreachable.append(corridor.id)
    if not envelopes:
        when = f" with projects open by {as_of}" if as_of else " on operational lines"
        raise NoRouteError(f"no corridor joins {origin} and {destination}{when}")
    return Breakeven(
        origin, destination, metric, max_weight, _spans(envelopes, max_weight), tuple(unreachable)
    )


def _line_at(pieces: Sequence[Piece], weight: float) -> Line:
    for piece in pieces:
        if piece.start <= weight <= piece.end:
            return piece.line
    return pieces[-1].line


def _spans(envelopes: dict[str, list[Piece]], max_weight: float) -> tuple[Span, ...]:
    """Cut [0, max] where any envelope bends or two corridors' lines cross; rank in each piece."""
    cuts = {0.0, max_weight}
    for pieces in envelopes.values():
        cuts.update(piece.start for piece in pieces)
    bounds = sorted(cuts)
    points = set(bounds)
    ids = list(envelopes)
    for lo, hi in itertools.pairwise(bounds):
        middle = (lo + hi) / 2
        lines = {ident: _line_at(envelopes[ident], middle) for ident in ids}
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                la, lb = lines[a], lines[b]
                if la.exposure != lb.exposure:
                    cross = (lb.value - la.value) / (la.exposure - lb.exposure)
                    if lo < cross < hi:
                        points.add(cross)
    ordered = sorted(points)
    spans: list[Span] = []
    for lo, hi in itertools.pairwise(ordered):
        if hi - lo <= 1e-12:
            continue
        middle = (lo + hi) / 2
        lines = {ident: _line_at(envelopes[ident], middle) for ident in ids}
        ranking = tuple(sorted(ids, key=lambda ident: (lines[ident].at(middle), ids.index(ident))))
        same_lines = (
            spans
            and spans[-1].ranking == ranking
            and all(
                (spans[-1].lines[i].value, spans[-1].lines[i].exposure) == (lines[i].value, lines[i].exposure)
                for i in ids
            )
        )
        if spans and same_lines:
            spans[-1] = Span(spans[-1].start, hi, ranking, spans[-1].lines)
        else:
            spans.append(Span(lo, hi, ranking, MappingProxyType(lines)))
    return tuple(spans)
