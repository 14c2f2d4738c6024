"""Which link is critical: what the loss of one edge or one place costs over a basket of pairs.

For every edge and place that some best route of the basket uses, the pairs whose route uses
it are searched again without it. Its loss costs the extra km, days, cost per FEU, CO2e and
risk exposure of the new best routes, summed over the pairs that still have one, and the pairs
cut off altogether. Elements no best route uses cost nothing and are not listed. A place is
not counted for the pairs that start or end there. Ranked by the extra amount of the objective,
then by pairs cut off (the `flowr` critical-link analysis, on the corridor network). On the
whole network the sea is always a fallback; `corridor` asks within one corridor's lines.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from corridors.analysis.basket import VECTOR_KEYS, ArcTable, Candidate, Pair, Vector, by_origin
from corridors.analysis.criteria import criterion
from corridors.analysis.router import Router
from corridors.analysis.scenario import Objective, RiskModel, Scenario
from corridors.network.graph import START, CorridorGraph

DIGITS = 1


@dataclass(frozen=True)
class Loss:
    kind: str  # "edge" or "place"
    id: str
    name: str
    pairs_using: int
    pairs_cut: int
    extra: tuple[tuple[str, float], ...]  # VECTOR_KEYS -> summed over the pairs rerouted

    def amount(self, key: str) -> float:
        return dict(self.extra).get(key, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "pairs_using": self.pairs_using,
            "pairs_cut": self.pairs_cut,
            "extra": {key: round(value, DIGITS) for key, value in self.extra},
            "extra_days": round(self.amount("hours") / 24, 2),
        }


@dataclass(frozen=True)
class Criticality:
    as_of: int | None
    by: str
    pairs: int
    pairs_routed: int
    losses: tuple[Loss, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "by": self.by,
            "pairs": self.pairs,
            "pairs_routed": self.pairs_routed,
            "losses": [loss.to_dict() for loss in self.losses],
        }


def critical_links(
    cgraph: CorridorGraph,
    pairs: Sequence[Pair],
    objective: Objective,
    *,
    model: RiskModel | None = None,
    as_of: int | None = None,
    corridor: str | None = None,
) -> Criticality:
    """Every used edge and place with what its loss costs over the basket, worst first.

    One full search per origin (`Tree`); each loss then searches again only the states
    whose best route ran through the lost element (see `Tree.without`).
    """
    network = cgraph.network
    table = ArcTable(
        Router(cgraph, model or RiskModel(), Scenario(as_of=as_of, corridor=corridor)), objective
    )
    incoming = _incoming(table)
    trees = {origin: Tree(table, incoming, origin) for origin in by_origin(pairs)}
    base: dict[Pair, Vector] = {}
    users: dict[tuple[str, str], list[Pair]] = {}
    for origin, destinations in by_origin(pairs).items():
        tree = trees[origin]
        for destination in destinations:
            state = tree.arrival(destination)
            if state is None:
                continue
            base[(origin, destination)] = tree.vector(state)
            edges, places = tree.path(state)
            for edge in dict.fromkeys(edges):
                users.setdefault(("edge", edge), []).append((origin, destination))
            for place in dict.fromkeys(places[1:-1]):
                users.setdefault(("place", place), []).append((origin, destination))
    edge_names = {
        e.id: f"{network.nodes[e.source].name} - {network.nodes[e.target].name} ({e.mode})"
        for e in network.edges
    }
    losses = []
    for (kind, ident), using in users.items():
        again: dict[Pair, Vector] = {}
        for origin, destinations in by_origin(using).items():
            if kind == "place" and origin == ident:
                continue
            found = trees[origin].without(kind, ident, destinations)
            again.update(((origin, d), v) for d, v in found.items())
        name = edge_names[ident] if kind == "edge" else network.nodes[ident].name
        losses.append(_loss(kind, ident, name, using, base, again))
    key = criterion(objective.metric).key
    losses.sort(key=lambda loss: (-loss.amount(key), -loss.pairs_cut, loss.kind, loss.id))
    return Criticality(as_of, objective.label, len(pairs), len(base), tuple(losses))


def _incoming(table: ArcTable) -> list[list[tuple[int, tuple[Candidate, ...]]]]:
    """State -> the arcs that lead into it: (from state, candidates best first)."""
    incoming: list[list[tuple[int, tuple[Candidate, ...]]]] = [[] for _ in table.states]
    for here, arcs in enumerate(table.arcs):
        for there, candidates in arcs:
            incoming[there].append((here, candidates))
    return incoming


class Tree:
    """The best routes from one origin to every state (one Dijkstra), and searches without a part.

    Losing an edge or a place cannot shorten any route, and leaves every route that did not
    use it as it was: only the states below it in the tree need searching again. Those are
    seeded from their arcs out of the states that keep their route, then searched among
    themselves, so the answer equals a fresh search without the element.
    """

    def __init__(self, table: ArcTable, incoming: list[list[tuple[int, tuple[Candidate, ...]]]], origin: str):
        self.table, self.incoming, self.origin = table, incoming, origin
        states, arcs = table.states, table.arcs
        start = table.index[(origin, START)]
        self.start = start
        dist: dict[int, float] = {start: 0.0}
        parent: dict[int, tuple[int, Candidate]] = {}
        done: set[int] = set()
        heap = [(0.0, start)]
        while heap:
            cost, here = heapq.heappop(heap)
            if here in done:
                continue
            done.add(here)
            for there, candidates in arcs[here]:
                if there in done:
                    continue
                chosen = candidates[0]
                total = cost + chosen.weight
                if total < dist.get(there, math.inf):
                    dist[there] = total
                    parent[there] = (here, chosen)
                    heapq.heappush(heap, (total, there))
        self.dist, self.parent = dist, parent
        self.children: dict[int, list[int]] = {}
        self.below: dict[tuple[str, str], list[int]] = {}  # (kind, id) -> the states right below it
        for child, (here, candidate) in parent.items():
            self.children.setdefault(here, []).append(child)
            self.below.setdefault(("edge", candidate.edge), []).append(child)
        for state in dist:
            self.below.setdefault(("place", states[state][0]), []).append(state)
        self.arrivals: dict[str, list[int]] = {}
        for state in dist:
            place, arriving = states[state]
            if arriving != START:
                self.arrivals.setdefault(place, []).append(state)
        self._vectors: dict[int, Vector] = {start: self._root()}

    def _root(self) -> Vector:
        return (0.0,) * (len(VECTOR_KEYS) - 1) + (self.table.origin_risk_km[self.origin],)

    def arrival(self, place: str) -> int | None:
        """The state the best route to `place` arrives in (the first popped, as a search stops at)."""
        found = self.arrivals.get(place)
        if not found or place == self.origin:
            return None
        return min(found, key=lambda s: (self.dist[s], s))

    def vector(self, state: int) -> Vector:
        chain = []
        while state not in self._vectors:
            chain.append(state)
            state = self.parent[state][0]
        sums = self._vectors[state]
        for step in reversed(chain):
            sums = tuple(a + b for a, b in zip(sums, self.parent[step][1].vector, strict=True))
            self._vectors[step] = sums
        return sums

    def path(self, state: int) -> tuple[list[str], list[str]]:
        """The edges and places of the tree's route to `state`, from the origin."""
        edges, places = [], [self.table.states[state][0]]
        while state in self.parent:
            state, candidate = self.parent[state]
            edges.append(candidate.edge)
            places.append(self.table.states[state][0])
        return edges[::-1], places[::-1]

    def without(self, kind: str, ident: str, destinations: Sequence[str]) -> dict[str, Vector]:
        """The best route's sums to each destination it still reaches once `ident` is lost."""
        affected: set[int] = set()
        stack = list(self.below.get((kind, ident), ()))
        while stack:
            state = stack.pop()
            if state not in affected:
                affected.add(state)
                stack.extend(self.children.get(state, ()))
        dist, parent = self._search_below(kind, ident, affected)
        out: dict[str, Vector] = {}
        memo: dict[int, Vector] = {}
        for destination in destinations:
            if kind == "place" and destination == ident:
                continue
            best: tuple[float, int] | None = None
            for state in self.arrivals.get(destination, ()):
                cost = dist.get(state, math.inf) if state in affected else self.dist[state]
                if cost < math.inf and (best is None or (cost, state) < best):
                    best = (cost, state)
            if best is not None:
                out[destination] = self._vector_without(best[1], affected, parent, memo)
        return out

    def _search_below(
        self, kind: str, ident: str, affected: set[int]
    ) -> tuple[dict[int, float], dict[int, tuple[int, Candidate]]]:
        """Dijkstra over the affected states without `ident`, seeded from the states that keep their route."""
        states, arcs = self.table.states, self.table.arcs

        def usable(candidates: tuple[Candidate, ...]) -> Candidate | None:
            for candidate in candidates:
                if kind != "edge" or candidate.edge != ident:
                    return candidate
            return None

        def allowed(state: int) -> bool:
            return kind != "place" or states[state][0] != ident

        dist: dict[int, float] = {}
        parent: dict[int, tuple[int, Candidate]] = {}
        for state in filter(allowed, affected):
            for here, candidates in self.incoming[state]:
                chosen = None if here in affected or here not in self.dist else usable(candidates)
                if chosen is not None and self.dist[here] + chosen.weight < dist.get(state, math.inf):
                    dist[state], parent[state] = self.dist[here] + chosen.weight, (here, chosen)
        heap = [(cost, state) for state, cost in dist.items()]
        heapq.heapify(heap)
        done: set[int] = set()
        while heap:
            cost, here = heapq.heappop(heap)
            if here in done:
                continue
            done.add(here)
            for there, candidates in arcs[here]:
                if there in done or there not in affected or not allowed(there):
                    continue
                chosen = usable(candidates)
                if chosen is not None and cost + chosen.weight < dist.get(there, math.inf):
                    dist[there], parent[there] = cost + chosen.weight, (here, chosen)
                    heapq.heappush(heap, (cost + chosen.weight, there))
        return dist, parent

    def _vector_without(
        self,
        state: int,
        affected: set[int],
        parent: dict[int, tuple[int, Candidate]],
        memo: dict[int, Vector],
    ) -> Vector:
        """The sums along the new route to `state`: the tree's up to the first unaffected state."""
        chain = []
        while state in affected and state not in memo:
            chain.append(state)
            state = parent[state][0]
        sums = memo[state] if state in memo else self.vector(state)
        for step in reversed(chain):
            sums = tuple(a + b for a, b in zip(sums, parent[step][1].vector, strict=True))
            memo[step] = sums
        return sums


def _loss(
    kind: str,
    ident: str,
    name: str,
    using: Sequence[Pair],
    base: dict[Pair, Vector],
    again: dict[Pair, Vector],
) -> Loss:
    extra = [0.0] * len(VECTOR_KEYS)
    cut = 0
    for pair in using:
        other = again.get(pair)
        if other is None:
            cut += 1
            continue
        for i, (a, b) in enumerate(zip(other, base[pair], strict=True)):
            extra[i] += a - b
    return Loss(kind, ident, name, len(using), cut, tuple(zip(VECTOR_KEYS, extra, strict=True)))
