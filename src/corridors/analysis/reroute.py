"""Each sample's best route inside a corridor: the state graph as terms, pruned by bounds, then Bellman-Ford.

Inputs that move can change which route is best (a shorter detour, a faster line), so every
sample is routed again. Every arc of the corridor's state graph (the states a search walks,
`network/graph.py`) is written as terms over the inputs (`uncertainty.leg_terms`,
`uncertainty.stop_terms`), weighted by the objective as `Router.step` weighs it. An arc whose
cheapest possible route through it (every column at its favourable end of its range) costs
more than the dearest possible best route cannot be on any sample's best route: it is dropped,
which is exact. A Bellman-Ford over the rest relaxes all samples at once (one numpy array per
state); each sample's totals are those of its own best route.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corridors.analysis.criteria import RISK_KM, criterion
from corridors.analysis.metrics import stop_event
from corridors.analysis.scenario import Objective
from corridors.analysis.uncertainty import (
    KEYS,
    Inputs,
    Term,
    Terms,
    evaluate,
    leg_terms,
    origin_terms,
    stop_terms,
)
from corridors.errors import NoRouteError
from corridors.network.graph import GROUPS, START


def objective_terms(
    objective: Objective, stop: Terms, leg: Terms, start_risk: int | None, edge_risk: int | None
) -> list[Term]:
    """A step's weight by `objective`, as `Router.step` computes it: the amount plus the risk weight
    times its exposure (for km the exposure is the risk_km terms; for an amount, the stop's part
    times the start's risk and the leg's part times the edge's)."""
    if objective.metric == "km":
        out = list(leg["km"])
        if objective.risk_weight:
            out += [Term(t.coefficient * objective.risk_weight, t.factors) for t in leg[RISK_KM]]
        return out
    key = criterion(objective.metric).key
    out = stop[key] + leg[key]
    if objective.risk_weight:
        for terms, column in ((stop[key], start_risk), (leg[key], edge_risk)):
            out += [x for t in terms if (x := t.times(column, objective.risk_weight)) is not None]
    return out


def bound(terms: Sequence[Term], low: Any, high: Any, *, upper: bool) -> float:
    """The smallest (or largest) the terms can add up to with every column within [low, high]."""
    total = 0.0
    for term in terms:
        value = term.coefficient
        for index, power in term.factors:
            end = high if (power > 0) == upper else low
            value *= float(end[0, index]) ** power
        total += value
    return total


@dataclass(frozen=True)
class Arc:
    """One state arc with the edge taken, as terms."""

    source: int
    target: int
    edge: str
    weight: list[Term]  # by the objective
    amounts: Terms  # by key


class Rerouter:
    """One corridor's best route for every sample: the state graph as terms, pruned, then Bellman-Ford.

    `router` gives the scenario (the corridor, the year, what to avoid) and the risk model.
    """

    def __init__(
        self, router: Any, objective: Objective, origin: str, destination: str, inputs: Inputs
    ) -> None:
        self.origin, self.destination, self.inputs = origin, destination, inputs
        adjacency, costs = router.cgraph.adjacency, router.costs
        states: dict[tuple[str, Any], int] = {(origin, START): 0}
        arcs: list[Arc] = []
        frontier = [(origin, START)]
        while frontier:  # the states reachable from the origin within the scenario
            here = frontier.pop()
            place, arriving = here
            for there, data in adjacency[place].items():
                for leaving, edges in data[GROUPS]:
                    usable = [e for e in edges if router.allowed(e)]
                    if not usable:
                        continue
                    target = (there, leaving)
                    if target not in states:
                        states[target] = len(states)
                        frontier.append(target)
                    event = stop_event(arriving, leaving)
                    stop = stop_terms(place, event, costs, inputs)
                    start_risk = inputs.node_risk(place)
                    for edge in usable:
                        leg = leg_terms(edge, place, costs, inputs)
                        amounts = {key: stop[key] + leg[key] for key in KEYS}
                        weight = objective_terms(objective, stop, leg, start_risk, inputs.edge_risk(edge))
                        arcs.append(Arc(states[here], states[target], edge.id, weight, amounts))
        self.states = list(states)
        self.arcs = arcs
        self.ends = [i for i, (place, cls) in enumerate(self.states) if place == destination and cls != START]
        if not self.ends:
            raise router.scenario.no_route(origin, destination)
        self.origin_risk = origin_terms(origin, inputs)

    def prune(self, low: Any, high: Any) -> list[Arc]:
        """The arcs that some inputs within their ranges can put on a best route."""
        lo = [bound(a.weight, low, high, upper=False) for a in self.arcs]
        hi = [bound(a.weight, low, high, upper=True) for a in self.arcs]
        count = len(self.states)
        forward = _dijkstra(count, [(a.source, a.target, w) for a, w in zip(self.arcs, lo, strict=True)], [0])
        backward = _dijkstra(
            count, [(a.target, a.source, w) for a, w in zip(self.arcs, lo, strict=True)], self.ends
        )
        upper = _dijkstra(count, [(a.source, a.target, w) for a, w in zip(self.arcs, hi, strict=True)], [0])
        ceiling = min(upper[e] for e in self.ends)
        if math.isinf(ceiling):
            raise NoRouteError(f"no route from {self.origin} to {self.destination}")
        slack = ceiling * (1 + 1e-9) + 1e-9
        kept = [
            a
            for a, w in zip(self.arcs, lo, strict=True)
            if forward[a.source] + w + backward[a.target] <= slack
        ]
        return sorted(kept, key=lambda a: forward[a.source])  # near topological: few Bellman-Ford passes

    def totals(self, matrix: Any, low: Any, high: Any) -> tuple[dict[str, Any], int]:
        """Each key's total along each sample's best route, and how many distinct routes were best."""
        arcs = self.prune(low, high)
        samples = matrix.shape[0]
        weights = [evaluate(a.weight, matrix) for a in arcs]
        dist = np.full((len(self.states), samples), np.inf)
        dist[0] = 0.0
        pred = np.full((len(self.states), samples), -1, dtype=np.int64)
        for _ in range(len(self.states)):
            changed = False
            for i, arc in enumerate(arcs):
                reach = dist[arc.source] + weights[i]
                better = reach < dist[arc.target]
                if better.any():
                    changed = True
                    dist[arc.target] = np.where(better, reach, dist[arc.target])
                    pred[arc.target] = np.where(better, i, pred[arc.target])
            if not changed:
                break
        ends = np.array(self.ends)
        state = ends[np.argmin(dist[ends], axis=0)]
        columns = np.arange(samples)
        sources = np.array([a.source for a in arcs])
        steps = []  # the arc each sample takes, walking back from the destination
        for _ in range(len(self.states)):
            active = state != 0
            if not active.any():
                break
            taken = np.where(active, pred[state, columns], -1)
            steps.append(taken)
            state = np.where(active, sources[np.maximum(taken, 0)], 0)
        used = np.unique(np.concatenate(steps)) if steps else np.array([], dtype=np.int64)
        used = used[used >= 0]
        row = np.full(len(arcs) + 1, len(used), dtype=np.int64)  # -1 (no arc) reads the zero row
        row[used] = np.arange(len(used))
        sums = {}
        for key in KEYS:  # only the arcs some sample's route takes are evaluated
            values = np.vstack([*(evaluate(arcs[i].amounts[key], matrix) for i in used), np.zeros(samples)])
            sums[key] = sum((values[row[taken], columns] for taken in steps), np.zeros(samples))
        sums[RISK_KM] = sums[RISK_KM] + evaluate(self.origin_risk, matrix)
        marks = np.random.default_rng(0).integers(1, 2**63, size=len(arcs) + 1, dtype=np.uint64)
        marks[-1] = 0
        signature = sum((marks[taken] for taken in steps), np.zeros(samples, dtype=np.uint64))
        return sums, len(np.unique(signature))


def _dijkstra(count: int, arcs: Sequence[tuple[int, int, float]], sources: Sequence[int]) -> list[float]:
    out = [math.inf] * count
    nexts: list[list[tuple[int, float]]] = [[] for _ in range(count)]
    for u, v, w in arcs:
        nexts[u].append((v, w))
    heap = [(0.0, s) for s in sources]
    for s in sources:
        out[s] = 0.0
    while heap:
        cost, here = heapq.heappop(heap)
        if cost > out[here]:
            continue
        for there, w in nexts[here]:
            if cost + w < out[there]:
                out[there] = cost + w
                heapq.heappush(heap, (cost + w, there))
    return out
