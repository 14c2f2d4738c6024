"""The searches: Dijkstra over states (or places, by km), Yen's alternatives, and routes assembled from steps.

Searches run on the state graph (see network/graph.py), so the dwell at a gauge change or a
transshipment is counted exactly where the route makes one.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import count, islice, pairwise
from typing import Any

from corridors.analysis.criteria import AMOUNTS, criterion
from corridors.analysis.engine import Compiled, worth_it
from corridors.analysis.metrics import Amounts, CostModel
from corridors.analysis.results import Leg, NodeRisk, Route, Stop, Totals
from corridors.analysis.scenario import Objective, RiskModel, Scenario, check_places, edge_risks
from corridors.network.graph import END, GROUPS, START, Class, CorridorGraph, State, simple_paths
from corridors.network.model import Edge
from corridors.network.modes import WATER_MODES

Vector = dict[str, float]  # criterion key -> amount: every criterion of the registry
_Key = tuple[str, Class, int]  # a search key: place, arrival class, waypoints reached
# State paths looked at per route asked for: generous (a small network's third route was the
# 439th, after many walks); it only stops a dense graph running away.
MAX_PULLS_PER_ROUTE = 2_000
STEPS_KEPT = 65_536  # steps a router keeps: the arcs of many routes, bounded on any network


@dataclass(frozen=True)
class Step:
    """One arc of the state graph with the edge chosen for it and everything it adds."""

    edge: Edge
    start: str
    end: str
    event: str | None
    stop: Amounts
    leg: Amounts
    values: Vector
    exposure: Vector


class Router:
    """Searches for one network, risk model and scenario."""

    def __init__(
        self,
        cgraph: CorridorGraph,
        model: RiskModel | None = None,
        scenario: Scenario | None = None,
        *,
        engine: bool | None = False,
    ) -> None:
        """`engine`: search on the compiled engine by every criterion (True), never (False), or by
        km on a large network where it is installed (None: `engine.worth_it`; see BENCHMARKS.md)."""
        self.cgraph = cgraph
        self.network = cgraph.network
        self.model = model or RiskModel()
        self.scenario = scenario or Scenario()
        self.costs = CostModel(self.network, self.scenario.as_of or self.network.as_of_year)
        combined = self.model.combined
        self.node_risk = {n.id: combined(n.risks) if n.risks else 0.0 for n in self.network.nodes.values()}
        self._edge_risk: dict[str, float] = {}
        self._allowed: dict[str, bool] = {}
        self._usable: dict[str, float] | None = None
        self.engine = engine
        self._compiled: dict[Objective, Compiled] = {}
        self._steps: dict[tuple[State, State, str], Step] = {}

    def edge_risk(self, edge: Edge) -> float:
        risk = self._edge_risk.get(edge.id)
        if risk is None:
            risk = self._edge_risk[edge.id] = self.model.combined(edge_risks(self.network, edge))
        return risk

    def allowed(self, edge: Edge) -> bool:
        ok = self._allowed.get(edge.id)
        if ok is None:
            ok = self._allowed[edge.id] = self.scenario.allows(edge, self.network)
        return ok

    @property
    def usable(self) -> dict[str, float]:
        """Edge id -> the edge's risk if the scenario allows the edge, else -1.

        One look-up per edge in the search loops; made in one pass on first use (cheaper).
        """
        if self._usable is None:
            allows, network, combined = self.scenario.allows, self.network, self.model.combined
            if network.countries:  # a country's risks reach every edge in it
                self._usable = {
                    e.id: combined(edge_risks(network, e)) if allows(e, network) else -1.0
                    for e in network.edges
                }
            else:
                self._usable = {
                    e.id: (combined(e.risks) if e.risks else 0.0) if allows(e, network) else -1.0
                    for e in network.edges
                }
        return self._usable

    def step(self, here: State, there: State, edge: Edge) -> Step:
        arc = (here, there, edge.id)  # steps are kept: a batch pair's two routes share most arcs
        if (found := self._steps.get(arc)) is not None:
            return found
        if len(self._steps) >= STEPS_KEPT:
            self._steps.clear()
        start, arriving = here
        end, leaving = there
        event, stop = self.costs.stop(start, arriving, leaving)
        leg = self.costs.leg(edge, start)
        r_edge, r_start = self.edge_risk(edge), self.node_risk[start]
        values = {"km": edge.km}
        exposure = {"km": edge.km * r_edge + self.model.node_km * self.node_risk[end]}
        for amount in AMOUNTS:
            key = amount.key
            values[key] = stop[key] + leg[key]
            exposure[key] = stop[key] * r_start + leg[key] * r_edge
        made = self._steps[arc] = Step(edge, start, end, event, stop, leg, values, exposure)
        return made

    def best_step(self, here: State, there: State, objective: Objective) -> tuple[float, Step] | None:
        key = criterion(objective.metric).key
        best: tuple[float, Step] | None = None
        for edge in self.cgraph.state_edges(here, there):
            if self.allowed(edge):
                step = self.step(here, there, edge)
                value = step.values[key] + objective.risk_weight * step.exposure[key]
                if best is None or value < best[0]:
                    best = (value, step)
        return best

    def weight(self, objective: Objective) -> Callable[[State, State, dict[str, Any]], float | None]:
        def weight(here: State, there: State, _data: dict[str, Any]) -> float | None:
            if there[1] == END:
                return 0.0
            best = self.best_step(here, there, objective)
            return best[0] if best else None

        return weight

    def arc_cost(self, objective: Objective) -> Callable[[State, State, tuple[Edge, ...]], float | None]:
        """The weight of a state arc by an amount (hours, cost, CO2e), as `best_step` gives it.

        The same arithmetic in the same order, without Steps, so the values are equal to the
        last bit and the searches break ties the same way. By km, `search_states` inlines it.
        """
        key = criterion(objective.metric).key
        weight = objective.risk_weight
        allowed, edge_risk, node_risk = self.allowed, self.edge_risk, self.node_risk
        costs = self.costs

        def amounts_cost(here: State, there: State, edges: tuple[Edge, ...]) -> float | None:
            best: float | None = None
            start = here[0]
            for edge in edges:
                if allowed(edge):
                    stop = costs.stop(start, here[1], there[1])[1]
                    leg = costs.leg(edge, start)
                    plain = stop[key] + leg[key]
                    exposure = stop[key] * node_risk[start] + leg[key] * edge_risk(edge)
                    value = plain + weight * exposure
                    if best is None or value < best:
                        best = value
            return best

        return amounts_cost

    def search(
        self, origin: str, destination: str, objective: Objective, via: Sequence[str] = ()
    ) -> list[State]:
        """The best state path (see graph.py), or NoRouteError: on places where that is exact.

        Without waypoints, on the compiled engine when the router has one: the objective's
        weights are compiled on its first search and serve every later one.
        """
        if not via and self._on_engine(objective):
            compiled = self._compiled.get(objective)
            if compiled is None:
                compiled = self._compiled[objective] = Compiled(self, objective)
            return compiled.search(origin, destination)
        if objective.metric == "km" and not via:
            return self.search_places(origin, destination, objective)
        return self.search_states(origin, destination, objective, via)

    def _on_engine(self, objective: Objective) -> bool:
        """By default only by km: its weights compile in bulk, by an amount arc by arc (engine.py)."""
        if self.engine is None:
            return objective.metric == "km" and worth_it(self.cgraph)
        return self.engine

    def search_states(
        self, origin: str, destination: str, objective: Objective, via: Sequence[str] = ()
    ) -> list[State]:
        """Dijkstra over (state, waypoints reached); returns the state path or raises NoRouteError.

        States are walked straight off the place graph (`CorridorGraph.successors`, inlined:
        this loop is where a large network spends its time), keyed flat as (place, arrival
        class, waypoints reached). By km the arc weight is inlined too (`arc_cost`'s arithmetic).
        No weight is negative: an entry dearer than its state's best is stale, and skipped.
        """
        by_km = objective.metric == "km"
        cost_of = None if by_km else self.arc_cost(objective)
        weight, node_km, node_risk = objective.risk_weight, self.model.node_km, self.node_risk
        usable, adjacency, goal = self.usable, self.cgraph.adjacency, len(via)
        source: _Key = (origin, START, 0)
        best: dict[_Key, float] = {source: 0.0}
        parent: dict[_Key, _Key] = {}
        tie = count()
        heap: list[tuple[float, int, _Key]] = [(0.0, next(tie), source)]
        push, pop, inf = heapq.heappush, heapq.heappop, math.inf
        while heap:
            cost, _, key = pop(heap)
            place, arriving, stage = key
            if cost > best[key]:
                continue
            if arriving == END:  # only the destination's END is ever pushed
                return _unwind(parent, key)
            if arriving != START and place == destination and stage == goal:
                next_key = (place, END, stage)
                if cost < best.get(next_key, inf):
                    best[next_key] = cost
                    parent[next_key] = key
                    push(heap, (cost, next(tie), next_key))
            for there, data in adjacency[place].items():
                reached = stage + 1 if stage < goal and there == via[stage] else stage
                for leaving, edges in data[GROUPS]:
                    next_key = (there, leaving, reached)
                    if best.get(next_key, inf) <= cost:  # no weight is negative: nothing to improve
                        continue
                    value: float | None
                    if by_km:
                        value = None
                        for edge in edges:
                            risk = usable[edge.id]
                            if risk >= 0.0:
                                km = edge.km
                                this = km + weight * (km * risk + node_km * node_risk[there])
                                if value is None or this < value:
                                    value = this
                    else:
                        assert cost_of is not None
                        value = cost_of((place, arriving), (there, leaving), edges)
                    if value is None:
                        continue
                    total = cost + value
                    if total < best.get(next_key, inf):
                        best[next_key] = total
                        parent[next_key] = key
                        push(heap, (total, next(tie), next_key))
        raise self.scenario.no_route(origin, destination, via)

    def search_places(self, origin: str, destination: str, objective: Objective) -> list[State]:
        """`search_states` by km without waypoints, on places instead of states: the same route.

        By km nothing depends on how a place was reached (no dwell, no transshipment), so
        every arrival state of a place costs the same and the search needs one key per
        place, as networkx's Dijkstra has. The arc's class is the first (in state-graph
        order) whose best edge is the arc's best, which is the state the state search
        settles first, so ties resolve alike (`test_place_search_equals_state_search`).
        """
        if objective.metric != "km":
            raise ValueError("the place search is exact only by km")
        weight, node_km, node_risk = objective.risk_weight, self.model.node_km, self.node_risk
        usable = self.usable
        adjacency = self.cgraph.adjacency
        best: dict[str, float] = {origin: 0.0}
        parent: dict[str, tuple[str, Class]] = {}
        tie = count()
        heap: list[tuple[float, int, str]] = [(0.0, next(tie), origin)]
        push, pop, inf = heapq.heappush, heapq.heappop, math.inf
        while heap:
            cost, _, place = pop(heap)
            if cost > best[place]:
                continue
            if place == destination:
                path: list[State] = [(place, END)]
                while place in parent:  # a place's parent: (previous place, class arrived by)
                    previous, arrival = parent[place]
                    path.append((place, arrival))
                    place = previous
                path.append((origin, START))
                return path[::-1]
            for there, data in adjacency[place].items():
                if best.get(there, inf) <= cost:  # no weight is negative: nothing to improve
                    continue
                value: float | None = None
                leaving: Class = START  # replaced with the best edge's class
                r_there = node_risk[there]
                for arrival, edges in data[GROUPS]:
                    for edge in edges:
                        risk = usable[edge.id]
                        if risk >= 0.0:
                            km = edge.km
                            this = km + weight * (km * risk + node_km * r_there)
                            if value is None or this < value:
                                value, leaving = this, arrival
                if value is None:
                    continue
                total = cost + value
                if total < best.get(there, inf):
                    best[there] = total
                    parent[there] = (place, leaving)
                    push(heap, (total, next(tie), there))
        raise self.scenario.no_route(origin, destination)

    def route(self, path: Sequence[State], objective: Objective) -> Route:
        steps = []
        for here, there in pairwise(path):
            if there[1] == END:
                continue
            chosen = self.best_step(here, there, objective)
            assert chosen is not None  # the search only walks arcs the weight allowed
            steps.append(chosen[1])
        return self.assemble(objective.label, steps)

    def assemble(self, criterion: str, steps: Sequence[Step]) -> Route:
        """A route from its chosen steps, with legs, stops, node risks and totals."""
        network, model = self.network, self.model
        nodes = (steps[0].start, *(s.end for s in steps))
        legs = tuple(
            Leg(
                s.start, s.end, s.edge.id, s.edge.mode, s.edge.km, s.edge.km_basis, s.edge.status,
                s.edge.opens, s.edge.gauge_mm, s.edge.corridors, s.edge.sources, self.edge_risk(s.edge),
                s.edge.km * self.edge_risk(s.edge), **{c.key: s.leg[c.key] for c in AMOUNTS},
            )
            for s in steps
        )  # fmt: skip
        stops = tuple(
            Stop(s.start, s.event, **{c.key: s.stop[c.key] for c in AMOUNTS}) for s in steps if s.event
        )
        node_risks = tuple(
            NodeRisk(node, risk, model.node_km * risk) for node in nodes if (risk := self.node_risk[node]) > 0
        )
        km = math.fsum(leg.km for leg in legs)
        risk_km = math.fsum(leg.risk_km for leg in legs) + math.fsum(n.risk_km for n in node_risks)
        exposed_length = km + model.node_km * len(node_risks)
        totals = Totals(
            km=km,
            legs=len(legs),
            border_crossings=sum(
                network.nodes[leg.source].country != network.nodes[leg.target].country for leg in legs
            ),
            gauge_changes=sum(stop.event == "gauge_change" for stop in stops),
            mode_changes=sum(stop.event == "transshipment" for stop in stops),
            water_km=math.fsum(leg.km for leg in legs if leg.mode in WATER_MODES),
            estimated_km=math.fsum(leg.km for leg in legs if leg.km_basis == "estimate"),
            risk=risk_km / exposed_length if exposed_length else 0.0,
            risk_km=risk_km,
            risk_weighted_km=km + model.risk_weight * risk_km,
            **{c.key: _total(c.key, legs, stops) for c in AMOUNTS},
        )
        return Route(criterion, nodes, legs, node_risks, totals, stops)

    def best_route(
        self, origin: str, destination: str, objective: Objective, via: Sequence[str] = ()
    ) -> Route:
        check_places(origin, destination, via)
        return self.route(self.search(origin, destination, objective, via), objective)

    def alternatives(self, origin: str, destination: str, objective: Objective, k: int) -> list[Route]:
        """The k best loopless routes with distinct place sequences (Yen, on the state graph)."""
        import networkx as nx  # here only: a single route needs no networkx, and it is slow to import

        check_places(origin, destination, ())
        self.search(origin, destination, objective)  # fail fast, with the usual message
        found: list[Route] = []
        seen: set[tuple[str, ...]] = set()
        paths: Iterator[list[State]] = nx.shortest_simple_paths(
            self.cgraph.states, (origin, START), (destination, END), weight=self.weight(objective)
        )
        # Walks (a place twice) and repeats of a place sequence are skipped: the first is its best.
        wanted = min(k, simple_paths(self.cgraph, origin, destination, self.allowed, k + 1) or k)
        for path in islice(paths, MAX_PULLS_PER_ROUTE * (k + 1)):
            places = tuple(state[0] for state in path[:-1])
            if len(set(places)) != len(places) or places in seen:
                continue
            seen.add(places)
            found.append(self.route(path, objective))
            if len(found) == wanted:
                break
        return found


def _total(key: str, legs: Sequence[Leg], stops: Sequence[Stop]) -> float:
    """An amount over a route: its legs' and its stops'."""
    return math.fsum(getattr(leg, key) for leg in legs) + math.fsum(getattr(stop, key) for stop in stops)


def _unwind(parent: dict[_Key, _Key], key: _Key) -> list[State]:
    """The state path that ends at `key`, from the search's parent links."""
    path: list[State] = [(key[0], key[1])]
    while key in parent:
        key = parent[key]
        path.append((key[0], key[1]))
    return path[::-1]
