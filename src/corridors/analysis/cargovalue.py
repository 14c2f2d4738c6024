"""Rail against sea over the cargo value, exactly: each corridor's routes re-optimised per value.

With a value of time x (USD per day in transit: the share per day times the cargo value), a
route's generalised cost is ``cost + x * days``: a straight line in x. A corridor's best is
the lower envelope of its routes' lines, found exactly by the same parametric search as the
risk weight's (`breakeven.envelope`), here from x = 0 (the cheapest route) to x = infinity (the fastest,
then cheapest). A land and a sea corridor are then compared piece by piece, where both are
straight lines, so every crossing is exact up to rounding; one envelope serves every value of
time, since only the product x = share x value enters.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from corridors.analysis.breakeven import REL_TOL
from corridors.analysis.router import Router
from corridors.analysis.scenario import Avoid, Objective, RiskModel, Scenario
from corridors.analysis.valueoftime import (
    ABOVE,
    ALWAYS,
    BELOW,
    NEVER,
    SEA_SHARE,
    VOT_HIGH_PCT,
    VOT_LOW_PCT,
    VOT_SOURCE,
    RailSea,
)
from corridors.errors import NoRouteError, UsageError
from corridors.network.graph import CorridorGraph


@dataclass(frozen=True)
class CargoLine:
    """One route's generalised cost over the value of time x (USD per day): cost + x * days."""

    cost_usd: float
    days: float
    nodes: tuple[str, ...]
    edges: tuple[str, ...]

    def at(self, x: float) -> float:
        return self.cost_usd + x * self.days


@dataclass(frozen=True)
class CargoPiece:
    start: float  # USD per day of transit
    end: float  # math.inf for the last piece
    line: CargoLine


def solve_cargo(table: Any, origin: str, destination: str, x: float) -> CargoLine:
    """The corridor's best route at x USD per day (x = inf: fastest, then cheapest), over `table`.

    `table` is a `basket.ArcTable`; each arc takes its best parallel edge at this x.
    """
    from corridors.analysis.basket import VECTOR_KEYS
    from corridors.network.graph import START

    k_hours, k_cost = VECTOR_KEYS.index("hours"), VECTOR_KEYS.index("cost_usd")

    def key(vector: tuple[float, ...]) -> tuple[float, float]:
        days, cost = vector[k_hours] / 24, vector[k_cost]
        return (days, cost) if math.isinf(x) else (cost + x * days, 0.0)

    states, arcs = table.states, table.arcs
    start = table.index[(origin, START)]
    best: dict[int, tuple[float, float]] = {start: (0.0, 0.0)}
    parent: dict[int, tuple[int, Any]] = {}
    done: set[int] = set()
    heap: list[tuple[tuple[float, float], int]] = [((0.0, 0.0), start)]
    while heap:
        cost, here = heapq.heappop(heap)
        if here in done:
            continue
        done.add(here)
        place, arriving = states[here]
        if place == destination and arriving != START:
            nodes, edges, hours, usd = [place], [], 0.0, 0.0
            state = here
            while state in parent:
                state, candidate = parent[state]
                nodes.append(states[state][0])
                edges.append(candidate.edge)
                hours += candidate.vector[k_hours]
                usd += candidate.vector[k_cost]
            return CargoLine(usd, hours / 24, tuple(reversed(nodes)), tuple(reversed(edges)))
        for there, candidates in arcs[here]:
            if there in done:
                continue
            chosen = min(candidates, key=lambda c: key(c.vector))
            step = key(chosen.vector)
            total = (cost[0] + step[0], cost[1] + step[1])
            if total < best.get(there, (math.inf, math.inf)):
                best[there] = total
                parent[there] = (here, chosen)
                heapq.heappush(heap, (total, there))
    raise NoRouteError(f"no route from {origin} to {destination}")


def cargo_envelope(table: Any, origin: str, destination: str) -> list[CargoPiece]:
    """The lower envelope of the corridor's route lines over x in [0, inf), exactly."""

    def close(a: float, b: float) -> bool:
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)

    def lower_at(lo: float, hi: float, a: CargoLine, b: CargoLine) -> CargoLine:
        if math.isinf(hi):  # beyond every crossing the smaller slope wins, then the lower cost
            return min(a, b, key=lambda line: (line.days, line.cost_usd))
        middle = (lo + hi) / 2
        return a if a.at(middle) <= b.at(middle) else b

    def pieces(lo: float, a: CargoLine, hi: float, b: CargoLine) -> list[CargoPiece]:
        if close(a.days, b.days):
            return [CargoPiece(lo, hi, lower_at(lo, hi, a, b))]
        cross = (b.cost_usd - a.cost_usd) / (a.days - b.days)
        if not lo < cross < hi:
            return [CargoPiece(lo, hi, lower_at(lo, hi, a, b))]
        c = solve_cargo(table, origin, destination, cross)
        if c.at(cross) >= a.at(cross) - REL_TOL * abs(a.at(cross)) - 1e-9:
            return [CargoPiece(lo, cross, a), CargoPiece(cross, hi, b)]
        return pieces(lo, a, cross, c) + pieces(cross, c, hi, b)

    found = pieces(0.0, solve_cargo(table, origin, destination, 0.0), math.inf,
                   solve_cargo(table, origin, destination, math.inf))  # fmt: skip
    merged: list[CargoPiece] = []
    for piece in found:
        last = merged[-1] if merged else None
        if last and last.line.nodes == piece.line.nodes:
            merged[-1] = CargoPiece(last.start, piece.end, last.line)
        else:
            merged.append(piece)
    return merged


def _piece_at(pieces: Sequence[CargoPiece], x: float) -> CargoLine:
    for piece in pieces:
        if piece.start <= x <= piece.end:
            return piece.line
    return pieces[-1].line


def land_wins(land: Sequence[CargoPiece], sea: Sequence[CargoPiece]) -> tuple[tuple[float, float], ...]:
    """The x intervals (USD per day; end inf if unbounded) where land's envelope is below sea's."""
    cuts = sorted({0.0, *(p.start for p in land), *(p.start for p in sea)})
    points = set(cuts)
    bounds = [*cuts, math.inf]
    for lo, hi in itertools.pairwise(bounds):
        probe = lo + 1.0 if math.isinf(hi) else (lo + hi) / 2
        a, b = _piece_at(land, probe), _piece_at(sea, probe)
        if a.days != b.days:
            cross = (b.cost_usd - a.cost_usd) / (a.days - b.days)
            if lo < cross < hi:
                points.add(cross)
    ordered = [*sorted(points), math.inf]
    out: list[tuple[float, float]] = []
    for lo, hi in itertools.pairwise(ordered):
        probe = lo + 1.0 if math.isinf(hi) else (lo + hi) / 2
        a, b = _piece_at(land, probe), _piece_at(sea, probe)
        gap = a.at(probe) - b.at(probe)
        if gap < -REL_TOL * max(abs(a.at(probe)), 1.0):
            if out and out[-1][1] == lo:
                out[-1] = (out[-1][0], hi)
            else:
                out.append((lo, hi))
    return tuple(out)


@dataclass(frozen=True)
class ExactRailSea(RailSea):
    """RailSea at the first value where the winner changes, with every interval where land wins."""

    land_wins_usd: tuple[tuple[float, float | None], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["land_wins_cargo_value_usd"] = [
            [round(lo), None if hi is None else round(hi)] for lo, hi in self.land_wins_usd
        ]
        return out


@dataclass(frozen=True)
class CargoCorridor:
    """One corridor's best routes over the cargo value: its envelope, and whether it is a sea route."""

    id: str
    sea: bool
    pieces: tuple[CargoPiece, ...]

    def to_dict(self, pct_per_day: float) -> dict[str, Any]:
        def usd(x: float) -> float | None:
            return None if math.isinf(x) else round(x / (pct_per_day / 100))

        return {
            "id": self.id,
            "sea": self.sea,
            "routes": [
                {
                    "from_cargo_value_usd": usd(p.start),
                    "to_cargo_value_usd": usd(p.end),
                    "cost_usd": round(p.line.cost_usd),
                    "days": round(p.line.days, 2),
                    "nodes": list(p.line.nodes),
                }
                for p in self.pieces
            ],
        }


@dataclass(frozen=True)
class CargoValue:
    """breakeven --over cargo-value, exact: the envelopes and each land corridor against each sea one."""

    pct_per_day: float
    corridors: tuple[CargoCorridor, ...]
    entries: tuple[ExactRailSea, ...]
    unreachable: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "value_of_time_pct_per_day": self.pct_per_day,
            "value_of_time_range_pct_per_day": [VOT_LOW_PCT, VOT_HIGH_PCT],
            "value_of_time_source": VOT_SOURCE,
            "method": "exact lower envelope of each corridor's routes over the cargo value",
            "entries": [e.to_dict() for e in self.entries],
            "corridors": [c.to_dict(self.pct_per_day) for c in self.corridors],
            "unreachable": list(self.unreachable),
        }


def cargo_breakeven(
    cgraph: CorridorGraph,
    origin: str,
    destination: str,
    pct_per_day: float,
    *,
    model: RiskModel | None = None,
    as_of: int | None = None,
    avoid: Avoid | None = None,
) -> CargoValue:
    """Every land corridor against every sea corridor, routes re-optimised at every cargo value."""
    from corridors.analysis.basket import ArcTable
    from corridors.network.modes import WATER_MODES

    if origin == destination:
        raise UsageError(f"origin and destination are the same place ({origin})")
    network = cgraph.network
    water = {e.id: e.km for e in network.edges if e.mode in WATER_MODES}
    km = {e.id: e.km for e in network.edges}
    corridors, unreachable = [], []
    for corridor in network.corridors:
        scenario = Scenario(as_of=as_of, corridor=corridor.id, avoid=avoid or Avoid())
        table = ArcTable(Router(cgraph, model or RiskModel(), scenario), Objective("cost"))
        try:
            pieces = cargo_envelope(table, origin, destination)
        except NoRouteError:
            unreachable.append(corridor.id)
            continue
        cheapest = pieces[0].line.edges
        total = sum(km[e] for e in cheapest)
        sea = sum(water.get(e, 0.0) for e in cheapest) > SEA_SHARE * total
        corridors.append(CargoCorridor(corridor.id, sea, tuple(pieces)))
    if not corridors:
        when = f" with projects open by {as_of}" if as_of else " on operational lines"
        raise NoRouteError(f"no corridor joins {origin} and {destination}{when}")
    entries = [
        exact_rail_sea(land, sea, pct_per_day)
        for land in corridors
        if not land.sea
        for sea in corridors
        if sea.sea
    ]
    return CargoValue(pct_per_day, tuple(corridors), tuple(entries), tuple(unreachable))


def exact_rail_sea(land: CargoCorridor, sea: CargoCorridor, pct_per_day: float) -> ExactRailSea:
    """One land corridor against one sea corridor: where land wins, in cargo value per container."""
    wins = land_wins(land.pieces, sea.pieces)
    boundaries = [x for lo, hi in wins for x in (lo, hi) if 0.0 < x < math.inf]
    first = boundaries[0] if boundaries else None
    at = first if first is not None else 0.0
    a, b = _piece_at(land.pieces, at), _piece_at(sea.pieces, at)
    if not wins:
        verdict = NEVER
    elif not boundaries:
        verdict = ALWAYS
    else:
        verdict = ABOVE if any(lo == first for lo, _ in wins) else BELOW

    def value(x: float | None, pct: float) -> float | None:
        return None if x is None else x / (pct / 100)

    share = pct_per_day / 100

    return ExactRailSea(
        land.id, sea.id, b.days - a.days, a.cost_usd - b.cost_usd, verdict,
        value(first, pct_per_day), value(first, VOT_HIGH_PCT), value(first, VOT_LOW_PCT),
        tuple((lo / share, None if math.isinf(hi) else hi / share) for lo, hi in wins),
    )  # fmt: skip


def route_changes(result: CargoValue, short: Mapping[str, str]) -> tuple[str, ...]:
    """One sentence per corridor whose best route changes with the cargo value."""
    out = []
    for corridor in result.corridors:
        for before, after in itertools.pairwise(corridor.pieces):
            value = after.start / (result.pct_per_day / 100)
            saved = before.line.days - after.line.days
            dearer = after.line.cost_usd - before.line.cost_usd
            out.append(
                f"{short[corridor.id]}: above USD {round(value, -2):,.0f} of cargo its best route changes "
                f"({saved:,.1f} days faster, USD {dearer:,.0f} dearer)."
            )
    return tuple(out)
