"""P5/P50/P95 of each corridor's km, days, cost, CO2e and risk, and how likely each is the best.

A route's totals are sums of products of inputs: a leg's hours are its km over a speed plus
a dwell; its cost km times a rate plus charges; its CO2e km times a factor times the cargo;
its risk exposure km times the edge's risk plus `node_km` times each place's. `Term`s write
these sums (coefficient x product of columns), with the same parameter look-ups the cost
model makes (`CostModel.parameter`), so at the data's values they add up to the route's
totals exactly. The columns are the inputs (`ranges.py`: lengths and parameters as factors,
risk values as themselves) followed by each element's combined risk, computed per sample
from its factors as `RiskModel.combined` does.

The best route inside a corridor can change when the inputs change, so `compare` routes each
sample again (`reroute.py`); `path` keeps the routes it shows. Seeded: the same seed gives the
same answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corridors.analysis.criteria import AMOUNTS, BY_NAME, RISK_KM
from corridors.analysis.metrics import CostModel
from corridors.analysis.ranges import Input, km_input, parameter_input, risk_input
from corridors.analysis.results import Route
from corridors.analysis.scenario import Objective, RiskModel, edge_risks
from corridors.errors import NoRouteError
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


def evaluate(terms: Sequence[Term], matrix: Any) -> Any:
    """The terms' sum for each row of the sample matrix."""
    total = np.zeros(matrix.shape[0])
    for term in terms:
        product = np.full(matrix.shape[0], term.coefficient)
        for index, power in term.factors:
            product = product * matrix[:, index] ** power
        total += product
    return total


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
    from corridors.analysis.reroute import Rerouter  # it builds on this module's terms

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
