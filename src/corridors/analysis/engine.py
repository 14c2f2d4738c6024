"""The searches of a large network on a compiled engine: scgraph's C++ Dijkstra.

The graph is numbered once per network (`Numbering`); the arc weights of one objective
(criterion, risk model, scenario) are computed once, in bulk, with the very arithmetic of
the pure-Python searches in router.py, and handed to the engine as plain numbers: no
Python callback per arc during a search. By km the engine searches places (as
`Router.search_places` does), by an amount it searches states (as `Router.search_states`).
Both return a route of the same cost as the Python search, to the last bit; where two
routes tie, either may be returned (`tests/test_engine.py`).

scgraph is optional (`pip install 'corridors[fast]'`) and imported only here, only for a
batch (`path --batch`) on a network of `MIN_PLACES` places or more: compiling an objective's
weights costs about two Python searches, so one query alone gains nothing from it.
"""

from __future__ import annotations

import importlib.util
import weakref
from collections.abc import Callable
from functools import cache, cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from corridors.errors import NoRouteError
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
    """Whether a batch on this network should search on the engine: installed, and a large network."""
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
        """`_km_arc`'s weights of every arc, inlined: this loop is the whole cost of compiling."""
        router, index = self.router, self.numbers.place_index
        weight, node_km, usable = self.objective.risk_weight, router.model.node_km, router.usable
        node_risk = router.node_risk
        rows: list[dict[int, float]] = []
        for targets in router.cgraph.adjacency.values():
            row: dict[int, float] = {}
            for there, data in targets.items():
                value: float | None = None
                r_there = node_risk[there]
                for _arrival, edges in data[GROUPS]:
                    for edge in edges:
                        risk = usable[edge.id]
                        if risk >= 0.0:
                            km = edge.km
                            this = km + weight * (km * risk + node_km * r_there)
                            if value is None or this < value:
                                value = this
                if value is not None:
                    row[index[there]] = value
            rows.append(row)
        return rows

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
                raise NoRouteError(self.router.no_route_message(origin, destination, ()))
        try:
            found = self.graph.dijkstra(origin_id=source, destination_id=target)
        except RuntimeError:  # "not connected": the only error a valid query raises
            raise NoRouteError(self.router.no_route_message(origin, destination, ())) from None
        path: list[int] = found["path"]
        if not self.by_km:
            return [*(numbers.states[i] for i in path), (destination, END)]
        places, adjacency = numbers.places, self.router.cgraph.adjacency
        states: list[State] = [(origin, START)]
        for u, v in pairwise(path):
            here, there = places[u], places[v]
            arc = self._km_arc(there, adjacency[here][there][GROUPS])
            assert arc is not None  # the engine walks only arcs with a weight
            states.append((there, arc[1]))
        states.append((destination, END))
        return states
