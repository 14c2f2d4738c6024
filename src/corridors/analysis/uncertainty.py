"""P5/P50/P95 of each corridor's km, days, cost, CO2e and risk, and how likely each is the best.

A route's totals are sums of products of inputs: a leg's hours are its km over a speed plus
a dwell; its cost km times a rate plus charges; its CO2e km times a factor times the cargo;
its risk exposure km times the edge's risk plus `node_km` times each place's. `Term`s write
these sums (coefficient x product of columns), with the same parameter look-ups the cost
model makes (`CostModel.parameter`), so at the data's values they add up to the route's
totals exactly. The columns are the inputs (`ranges.py`: lengths and parameters as factors,
risk values as themselves) followed by each element's combined risk, computed per sample
from its factors as `RiskModel.combined` does.

The best route inside a corridor can change when the inputs change, so each sample is
routed again (`Rerouter`): every arc of the corridor's state graph is written as terms, arcs
that cannot be on a best route for any inputs within their ranges are dropped (a lower
bound of the route through the arc above an upper bound of the best route), and a
Bellman-Ford over the rest runs on all samples at once (numpy: one array per state). Each
sample's totals are those of its own best route. Seeded: the same seed gives the same answer.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corridors.analysis.criteria import AMOUNTS, BY_NAME, RISK_KM, criterion
from corridors.analysis.metrics import CostModel, stop_event
from corridors.analysis.ranges import Input, km_input, parameter_input, risk_input
from corridors.analysis.results import Route
from corridors.analysis.scenario import Objective, RiskModel, edge_risks
from corridors.errors import NoRouteError
from corridors.network.graph import GROUPS, START
from corridors.network.model import Edge, Network, Parameter, Risk
from corridors.network.modes import WATER_MODES

KEYS = ("km", *(c.key for c in AMOUNTS), RISK_KM)  # what is sampled, in this order
PERCENTILES = (5, 50, 95)
BEST_BY = ("km", "hours", "cost", "co2_wtw", RISK_KM)  # the probability of being best is given for these
DEFAULT_SAMPLES = 2000
DEFAULT_SEED = 20_260_101


def key_of(name: str) -> str:
    """The totals key of a BEST_BY name."""
    return name if name == RISK_KM else BY_NAME[name].key


@dataclass(frozen=True)
class Term:
    coefficient: float
    factors: tuple[tuple[int, int], ...]  # (column, power): the coefficient times each column**power

    def times(self, column: int | None, scale: float = 1.0) -> Term | None:
        """This term times a column (a combined risk) and a number; None if the column is absent."""
        if column is None:
            return None
        return Term(self.coefficient * scale, (*self.factors, (column, 1)))


Terms = dict[str, list[Term]]


class Inputs:
    """The uncertain inputs some routes use, each once, and the elements' combined risks.

    The columns of a sample matrix are the inputs in order of first use, then the combined
    risks in reverse order of first use, so a term names a combined risk by a negative
    index (-1 the first) that stays valid as inputs are added.
    """

    def __init__(self, network: Network, model: RiskModel | None = None) -> None:
        self.network = network
        self.model = model or RiskModel()
        self.items: list[Input] = []
        self._index: dict[tuple[str, str], int] = {}
        self.combined: list[tuple[tuple[int, float], ...]] = []  # (input, factor weight) per element
        self._combined_index: dict[str, int | None] = {}
        self._where: dict[int, str] = {}
        for node in network.nodes.values():
            self._where.update((id(r), f"node:{node.id}") for r in node.risks)
        for edge in network.edges:
            self._where.update((id(r), f"edge:{edge.id}") for r in edge.risks)
        for code, country in network.countries.items():
            self._where.update((id(r), f"country:{code}") for r in country.risks)

    def add(self, item: Input) -> int:
        key = (item.kind, item.id)
        if key not in self._index:
            self._index[key] = len(self.items)
            self.items.append(item)
        return self._index[key]

    def parameter(self, found: Parameter) -> int:
        return self.add(parameter_input(found.id, found.value, found.basis))

    def _risk(self, element: str, risks: Iterable[Risk]) -> int | None:
        if element not in self._combined_index:
            weights = self.model.factor_weights
            parts = tuple(
                (self.add(risk_input(f"{self._where.get(id(r), element)}/{r.factor}", r.value)),
                 weights.get(r.factor, 1.0))
                for r in risks
            )  # fmt: skip
            if parts:
                self.combined.append(parts)
                self._combined_index[element] = -len(self.combined)
            else:
                self._combined_index[element] = None
        return self._combined_index[element]

    def edge_risk(self, edge: Edge) -> int | None:
        """The column of the edge's combined risk (its own factors and its countries')."""
        return self._risk(f"edge:{edge.id}", edge_risks(self.network, edge))

    def node_risk(self, node: str) -> int | None:
        return self._risk(f"node:{node}", self.network.nodes[node].risks)

    def draws(self, rng: np.random.Generator, samples: int) -> Any:
        """samples x inputs: each input drawn over its range (`Input.draw_range`)."""
        if not self.items:
            return np.ones((samples, 0))
        ranges = np.array([item.draw_range() for item in self.items])
        return rng.triangular(ranges[:, 0], ranges[:, 1], ranges[:, 2], size=(samples, len(self.items)))

    def at(self, end: str) -> Any:
        """1 x inputs at the data's values ('mode'), or every input at its 'low' or 'high' end."""
        column = {"low": 0, "mode": 1, "high": 2}[end]
        return np.array([[item.draw_range()[column] for item in self.items]]).reshape(1, len(self.items))

    def matrix(self, draws: Any) -> Any:
        """The sample matrix: the draws, then each element's combined risk (last column first)."""
        risks = []
        for parts in reversed(self.combined):
            survive = np.ones(draws.shape[0])
            for index, weight in parts:
                survive = survive * (1.0 - np.minimum(1.0, weight * draws[:, index]))
            risks.append(1.0 - survive)
        return np.column_stack([draws, *risks]) if risks else draws


def leg_terms(edge: Edge, start: str, costs: CostModel, inputs: Inputs) -> Terms:
    """What travelling `edge` from `start` adds, by key, as terms (the step's risk exposure included)."""
    network = inputs.network
    terms: Terms = {key: [] for key in KEYS}
    end = edge.target if start == edge.source else edge.source
    cargo = costs.parameter("cargo_t", None)
    km = inputs.add(km_input(edge.id, edge.km, edge.km_basis))
    terms["km"].append(Term(edge.km, ((km, 1),)))
    countries = {network.nodes[start].country, network.nodes[end].country}
    country = next(iter(countries)) if len(countries) == 1 else None
    for item in AMOUNTS:
        out = terms[item.key]
        for metric in item.per_km:
            found = costs.parameter(metric, edge.mode, country=country, edge=edge.id)
            if found is None or not found.value:
                continue
            power = -1 if item.inverse else 1
            coefficient = edge.km * found.value**power
            factors = [(km, 1), (inputs.parameter(found), power)]
            if item.per_tonne:
                if cargo is None:
                    continue
                coefficient *= cargo.value
                factors.append((inputs.parameter(cargo), 1))
            out.append(Term(coefficient, tuple(factors)))
        if item.per_event is None:
            continue
        waits = (["border"] if country is None else []) + (["ferry_wait"] if edge.mode in WATER_MODES else [])
        for what in waits:
            found = costs.parameter(item.per_event, what, node=start, edge=edge.id)
            if found is not None and found.value:
                out.append(Term(found.value, ((inputs.parameter(found), 1),)))
    for term in (
        Term(edge.km, ((km, 1),)).times(inputs.edge_risk(edge)),
        Term(inputs.model.node_km, ()).times(inputs.node_risk(end)),
    ):
        if term is not None:
            terms[RISK_KM].append(term)
    return terms


def stop_terms(node: str, event: str | None, costs: CostModel, inputs: Inputs) -> Terms:
    """What a transshipment or gauge change at `node` adds, by key."""
    terms: Terms = {key: [] for key in KEYS}
    if event is None:
        return terms
    for item in AMOUNTS:
        if item.per_event is None:
            continue
        found = costs.parameter(item.per_event, event, node=node)
        if found is not None and found.value:
            terms[item.key].append(Term(found.value, ((inputs.parameter(found), 1),)))
    return terms


def origin_terms(origin: str, inputs: Inputs) -> list[Term]:
    """The risk exposure of the place a route starts from (the searches count it at the start)."""
    term = Term(inputs.model.node_km, ()).times(inputs.node_risk(origin))
    return [term] if term is not None else []


def route_terms(route: Route, costs: CostModel, network: Network, inputs: Inputs) -> Terms:
    """The route's totals by key as terms over `inputs` (see the module docstring)."""
    del network  # the inputs know it
    edges = {e.id: e for e in inputs.network.edges}
    terms: Terms = {key: [] for key in KEYS}
    terms[RISK_KM] += origin_terms(route.nodes[0], inputs)
    for leg in route.legs:
        for key, found in leg_terms(edges[leg.edge_id], leg.source, costs, inputs).items():
            terms[key] += found
    for stop in route.stops:
        for key, found in stop_terms(stop.node, stop.event, costs, inputs).items():
            terms[key] += found
    return terms


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


def evaluate(terms: Sequence[Term], matrix: Any) -> Any:
    """The terms' sum for each row of the sample matrix."""
    total = np.zeros(matrix.shape[0])
    for term in terms:
        product = np.full(matrix.shape[0], term.coefficient)
        for index, power in term.factors:
            product = product * matrix[:, index] ** power
        total += product
    return total


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
            raise NoRouteError(router.no_route_message(origin, destination, ()))
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


@dataclass(frozen=True)
class Spread:
    """A corridor's sampled totals: P5, P50 and P95 by key, and how many routes were best."""

    id: str
    quantiles: tuple[tuple[str, tuple[float, float, float]], ...]
    routes: int = 1  # distinct best routes over the samples

    def of(self, key: str) -> tuple[float, float, float]:
        return dict(self.quantiles)[key]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        for key, values in self.quantiles:
            digits = 0 if key == "cost_usd" else 1
            out[key] = {f"p{p}": round(v, digits) for p, v in zip(PERCENTILES, values, strict=True)}
            if key == "hours":
                out["days"] = {f"p{p}": round(v / 24, 2) for p, v in zip(PERCENTILES, values, strict=True)}
        out["routes_best_in_samples"] = self.routes
        return out


@dataclass(frozen=True)
class Uncertainty:
    samples: int
    seed: int
    inputs: int  # how many uncertain inputs the routes use
    corridors: tuple[Spread, ...]
    probability_best: tuple[tuple[str, tuple[tuple[str, float], ...]], ...]  # criterion -> corridor -> share
    rerouted: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "samples": self.samples,
            "seed": self.seed,
            "inputs": self.inputs,
            "rerouted": self.rerouted,
            "percentiles": list(PERCENTILES),
            "corridors": [c.to_dict() for c in self.corridors],
            "probability_best": {
                name: {ident: round(share, 4) for ident, share in shares}
                for name, shares in self.probability_best
            },
        }


def _summary(
    totals: dict[str, dict[str, Any]],
    routes: dict[str, int],
    samples: int,
    seed: int,
    inputs: int,
    rerouted: bool,
) -> Uncertainty:
    spreads = tuple(
        Spread(
            ident,
            tuple(
                (key, tuple(float(q) for q in np.percentile(values[key], PERCENTILES)))  # type: ignore[misc]
                for key in KEYS
            ),
            routes[ident],
        )
        for ident, values in totals.items()
    )
    ids = list(totals)
    best = []
    for name in BEST_BY:
        stacked = np.stack([totals[ident][key_of(name)] for ident in ids])
        winners = np.bincount(np.argmin(stacked, axis=0), minlength=len(ids)) / samples
        best.append((name, tuple((ident, float(share)) for ident, share in zip(ids, winners, strict=True))))
    return Uncertainty(samples, seed, inputs, spreads, tuple(best), rerouted)


def sample(
    routes: Sequence[tuple[str, Route]],
    network: Network,
    year: int,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    model: RiskModel | None = None,
) -> Uncertainty:
    """Sample every input the routes use over its range, each route kept as it is (`path` routes)."""
    costs = CostModel(network, year)
    inputs = Inputs(network, model)
    per_route = [(ident, route_terms(route, costs, network, inputs)) for ident, route in routes]
    matrix = inputs.matrix(inputs.draws(np.random.default_rng(seed), samples))
    totals = {ident: {key: evaluate(terms[key], matrix) for key in KEYS} for ident, terms in per_route}
    return _summary(totals, {ident: 1 for ident, _ in routes}, samples, seed, len(inputs.items), False)


def sample_corridors(
    routers: Sequence[tuple[str, Any]],
    objective: Objective,
    origin: str,
    destination: str,
    network: Network,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    model: RiskModel | None = None,
) -> Uncertainty:
    """Each corridor (id, its `Router`) routed again for every sample by `objective` (see the module)."""
    inputs = Inputs(network, model)
    rerouters = []
    for ident, router in routers:
        try:
            rerouters.append((ident, Rerouter(router, objective, origin, destination, inputs)))
        except NoRouteError:
            continue
    matrix = inputs.matrix(inputs.draws(np.random.default_rng(seed), samples))
    low, high = inputs.matrix(inputs.at("low")), inputs.matrix(inputs.at("high"))
    totals, routes = {}, {}
    for ident, rerouter in rerouters:
        totals[ident], routes[ident] = rerouter.totals(matrix, low, high)
    return _summary(totals, routes, samples, seed, len(inputs.items), True)
