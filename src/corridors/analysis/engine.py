"""The searches of a large network on a compiled engine: scgraph's C++ Dijkstra (by km, Dial's).

The graph is numbered once per network (`Numbering`); the arc weights of one objective
(criterion, risk model, scenario) are computed once, in bulk, with the very arithmetic of
the pure-Python searches in router.py, and handed to the engine as plain numbers: no
Python callback per arc during a search. By km the engine searches places (as
`Router.search_places` does), by an amount it searches states (as `Router.search_states`).
Both return a route of the same cost as the Python search, to the last bit; where two
routes tie, either may be returned (`tests/test_engine.py`).

scgraph is optional (`pip install 'corridors[fast]'`) and imported only here, only on a
network of `MIN_PLACES` places or more. By km an objective's weights compile in bulk (numpy
over arrays made once per network, `PlaceArcs`): a fraction of one Python search, so a router
made with `engine=None` runs every km search without waypoints here (one `path` on 100,000
places: CPU 1.8 times the minimal script instead of 2.1, but about 160 MB more at its peak,
so not the default yet). By km the search is Dial's (`bucketed`): half the heap's time. By an amount
(hours, cost, CO2e) they compile arc by arc through `Router.arc_cost`, which only a batch
(`path --batch`) repays.
"""

from __future__ import annotations

import importlib.util
import math
import weakref
from collections.abc import Callable
from functools import cache, cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from corridors.network.graph import END, GROUPS, START, Class, CorridorGraph, State

if TYPE_CHECKING:
    from corridors.analysis.router import Router
    from corridors.analysis.scenario import Objective

MIN_PLACES = 20_000  # below this the Python search is as fast as loading the engine


@cache
def available() -> bool:
    """Whether scgraph's compiled graph can be imported (without importing it)."""
    try:
        return importlib.util.find_spec("scgraph.cpp") is not None
    except ImportError:
        return False


def worth_it(cgraph: CorridorGraph) -> bool:
    """Whether this network's searches should run on the engine: installed, and a large network."""
    return len(cgraph.adjacency) >= MIN_PLACES and available()


class Numbering:
    """Places (and, on first use, states) of one network as consecutive integers, made once."""

    def __init__(self, cgraph: CorridorGraph) -> None:
        self.cgraph = cgraph
        self.places = tuple(cgraph.adjacency)
        self.place_index = {place: i for i, place in enumerate(self.places)}

    @cached_property
    def arrivals(self) -> dict[str, tuple[Class, ...]]:
        """Place -> the classes it can be arrived by."""
        seen: dict[str, dict[Class, None]] = {place: {} for place in self.places}
        for targets in self.cgraph.adjacency.values():
            for there, data in targets.items():
                for arrival, _edges in data[GROUPS]:
                    seen[there][arrival] = None
        return {place: tuple(classes) for place, classes in seen.items()}

    @cached_property
    def states(self) -> tuple[State, ...]:
        arrivals = self.arrivals
        return tuple(
            state
            for place in self.places
            for state in ((place, START), *((place, arrival) for arrival in arrivals[place]))
        )

    @cached_property
    def state_index(self) -> dict[State, int]:
        return {state: i for i, state in enumerate(self.states)}

    @cached_property
    def place_arcs(self) -> PlaceArcs:
        return PlaceArcs(self)


class PlaceArcs:
    """Every (place arc, edge) pair of the network as arrays, sorted by arc: made once per network.

    An entry is one edge on one arc (an edge both ways is two entries); `starts` are where
    each arc's entries begin, so an objective's weights are one numpy expression over the
    entries and one `minimum.reduceat` per arc: no Python loop per arc.
    """

    def __init__(self, numbers: Numbering) -> None:
        import numpy as np

        index, edges = numbers.place_index, numbers.cgraph.network.edges
        source = np.fromiter((index[e.source] for e in edges), np.int64, len(edges))
        target = np.fromiter((index[e.target] for e in edges), np.int64, len(edges))
        both = np.flatnonzero(np.fromiter((not e.oneway for e in edges), bool, len(edges)))
        u = np.concatenate((source, target[both]))
        v = np.concatenate((target, source[both]))
        order = np.argsort(u * len(numbers.places) + v, kind="stable")
        self.edge = np.concatenate((np.arange(len(edges)), both))[order]  # position in network.edges
        self.km = np.fromiter((e.km for e in edges), np.float64, len(edges))[self.edge]
        u, v = u[order], v[order]
        first = np.ones(len(u), bool)
        first[1:] = (u[1:] != u[:-1]) | (v[1:] != v[:-1])
        self.starts = np.flatnonzero(first)
        self.u, self.v = u[self.starts], v[self.starts]  # one per arc
        self.there = v  # per entry: the place the arc arrives at


def _rows(places: int, u: Any, v: Any, weights: Any) -> list[dict[int, float]]:
    """Adjacency rows for scgraph from arcs sorted by origin (u, v, weight arrays)."""
    import numpy as np

    bounds = np.searchsorted(u, np.arange(places + 1)).tolist()
    targets, values = v.tolist(), weights.tolist()
    return [dict(zip(targets[a:b], values[a:b], strict=True)) for a, b in pairwise(bounds)]


MAX_BUCKETS = 2**16  # Dial's buckets per search: beyond this the heap's Dijkstra is cheaper


def bucketed(weights: Any) -> tuple[Any, float | None]:
    """Weights for Dial's algorithm (scgraph's `dijkstra_buckets`), and the largest, if worth it.

    Dial's algorithm keeps one bucket per unit of distance instead of a heap (twice as fast
    on a 100,000-place grid). Its buckets hold whole units, and a node is searched again
    whenever its distance improves, so it finds the shortest path whatever the weights;
    it is quick when no weight is below a unit and the largest is not many units. So the
    weights are scaled by a power of two that brings the least above 1: exact (a power of
    two only moves the exponent), so every sum and comparison, and the route found, are
    those of the unscaled weights. When the largest would still need over `MAX_BUCKETS`
    buckets, the weights stay as they are and the heap's Dijkstra searches.
    """

    positive = weights[weights > 0]
    if not len(positive):
        return weights, None
    scale = 2.0 ** max(0, math.ceil(-math.log2(float(positive.min()))))
    largest = float(weights.max()) * scale
    if largest > MAX_BUCKETS:
        return weights, None
    return (weights * scale if scale != 1 else weights), float(math.ceil(largest))


_numberings: weakref.WeakKeyDictionary[CorridorGraph, Numbering] = weakref.WeakKeyDictionary()


def numbering(cgraph: CorridorGraph) -> Numbering:
    found = _numberings.get(cgraph)
    if found is None:
        found = _numberings[cgraph] = Numbering(cgraph)
    return found


class Compiled:
    """One objective's weighted graph in the engine, and its searches."""

    def __init__(self, router: Router, objective: Objective) -> None:
        from scgraph.cpp import Graph  # optional, and slow to import: only here

        self.router, self.objective = router, objective
        self.numbers = numbering(router.cgraph)
        self.by_km = objective.metric == "km"
        self.buckets: float | None = None  # Dial's buckets: the largest (scaled) weight, if used
        rows = self._place_rows() if self.by_km else self._state_rows()
        self.graph = Graph(rows)

    def _km_arc(self, there: str, groups: Any) -> tuple[float, Class] | None:
        """`search_places`' arc weight and the class it arrives by: the same loop, the same order."""
        router, objective = self.router, self.objective
        weight, node_km, usable = objective.risk_weight, router.model.node_km, router.usable
        r_there = router.node_risk[there]
        value: float | None = None
        leaving: Class = START
        for arrival, edges in groups:
            for edge in edges:
                risk = usable[edge.id]
                if risk >= 0.0:
                    km = edge.km
                    this = km + weight * (km * risk + node_km * r_there)
                    if value is None or this < value:
                        value, leaving = this, arrival
        return None if value is None else (value, leaving)

    def _place_rows(self) -> list[dict[int, float]]:
        """`_km_arc`'s weight of every arc, in bulk: the same arithmetic, element by element.

        ``km + weight * (km * risk + node_km * r_there)`` over every (arc, edge) entry (numpy
        rounds each operation as Python does, so the values are equal to the last bit), the
        edges the scenario forbids left out, then each arc's least.
        """
        import numpy as np

        router, numbers = self.router, self.numbers
        arcs = numbers.place_arcs
        # Both tables are made in the network's order (of edges, of places): read them as it is.
        usable, risky = router.usable, router.node_risk
        assert len(usable) == len(router.network.edges) and len(risky) == len(numbers.places)
        edge_risk = np.fromiter(usable.values(), np.float64, len(usable))[arcs.edge]
        node_risk = np.fromiter(risky.values(), np.float64, len(risky))[arcs.there]
        km = arcs.km
        weight, node_km = self.objective.risk_weight, router.model.node_km
        values = km + weight * (km * edge_risk + node_km * node_risk)
        values[edge_risk < 0.0] = np.inf  # not allowed in this scenario
        best = np.minimum.reduceat(values, arcs.starts)
        keep = np.isfinite(best)
        weights, self.buckets = bucketed(best[keep])
        return _rows(len(numbers.places), arcs.u[keep], arcs.v[keep], weights)

    def _state_rows(self) -> list[dict[int, float]]:
        numbers = self.numbers
        index, arrivals = numbers.state_index, numbers.arrivals
        cost_of: Callable[..., float | None] = self.router.arc_cost(self.objective)
        rows: list[dict[int, float]] = [{} for _ in numbers.states]
        for place, targets in self.router.cgraph.adjacency.items():
            for arriving in (START, *arrivals[place]):
                row = rows[index[(place, arriving)]]
                here = (place, arriving)
                for there, data in targets.items():
                    for leaving, edges in data[GROUPS]:
                        value = cost_of(here, (there, leaving), edges)
                        if value is not None:
                            row[index[(there, leaving)]] = value
        return rows

    def search(self, origin: str, destination: str) -> list[State]:
        """The best state path from origin to destination, as `Router.search` returns it."""
        numbers = self.numbers
        if self.by_km:
            source: int = numbers.place_index[origin]
            target: int | set[int] = numbers.place_index[destination]
        else:
            source = numbers.state_index[(origin, START)]
            target = {numbers.state_index[(destination, c)] for c in numbers.arrivals[destination]}
            if not target:
                raise self.router.scenario.no_route(origin, destination)
        try:
            if self.buckets is None:
                found = self.graph.dijkstra(origin_id=source, destination_id=target)
            else:
                found = self.graph.dijkstra_buckets(
                    origin_id=source, destination_id=target, max_edge_weight=self.buckets
                )
        except RuntimeError:  # "not connected": the only error a valid query raises
            raise self.router.scenario.no_route(origin, destination) from None
        path: list[int] = found["path"]
        if not self.by_km:
            return [*(numbers.states[i] for i in path), (destination, END)]
        places, adjacency = numbers.places, self.router.cgraph.adjacency
        states: list[State] = [(origin, START)]
        for u, v in pairwise(path):
            here, there = places[u], places[v]
            groups = adjacency[here][there][GROUPS]
            if len(groups) == 1:  # one class to arrive by: no need to weigh its edges again
                states.append((there, groups[0][0]))
                continue
            arc = self._km_arc(there, groups)
            assert arc is not None  # the engine walks only arcs with a weight
            states.append((there, arc[1]))
        states.append((destination, END))
        return states
