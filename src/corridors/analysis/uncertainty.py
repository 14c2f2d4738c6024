"""P5/P50/P95 of each corridor's km, days, cost and CO2e, and how likely each is the best.

A route's totals are sums of products of inputs: a leg's hours are its km over a speed plus
a dwell; its cost km times a rate plus charges; its CO2e km times a factor times the cargo.
`route_terms` writes a route as such terms (coefficient x product of input factors), with the
same parameter look-ups the cost model makes (`CostModel.parameter`), so at factors of 1 the
terms add up to the route's totals exactly. Sampling every input's factor over its range
(`ranges.py`; numpy, seeded: the same seed gives the same answer) then costs a few array
products per term. Each corridor keeps the route `compare` found: inputs vary, routes do not
(a shorter detour that a changed input would make best is not looked for).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corridors.analysis.criteria import AMOUNTS, BY_NAME
from corridors.analysis.metrics import CostModel
from corridors.analysis.ranges import Input, km_input, parameter_input
from corridors.analysis.results import Route
from corridors.network.model import Network, Parameter
from corridors.network.modes import WATER_MODES

KEYS = ("km", *(c.key for c in AMOUNTS))  # what is sampled, in this order
PERCENTILES = (5, 50, 95)
BEST_BY = ("km", "hours", "cost", "co2_wtw")  # registry names the probability of being best is given for
DEFAULT_SAMPLES = 2000
DEFAULT_SEED = 20_260_101


@dataclass(frozen=True)
class Term:
    coefficient: float
    factors: tuple[tuple[int, int], ...]  # (input index, power): the coefficient times each factor**power


class Inputs:
    """The uncertain inputs a set of routes uses, each once, indexed in order of first use."""

    def __init__(self) -> None:
        self.items: list[Input] = []
        self._index: dict[tuple[str, str], int] = {}

    def add(self, item: Input) -> int:
        key = (item.kind, item.id)
        if key not in self._index:
            self._index[key] = len(self.items)
            self.items.append(item)
        return self._index[key]

    def parameter(self, found: Parameter) -> int:
        return self.add(parameter_input(found.id, found.value, found.basis))


def route_terms(route: Route, costs: CostModel, network: Network, inputs: Inputs) -> dict[str, list[Term]]:
    """The route's totals by key as terms over `inputs` (see the module docstring)."""
    terms: dict[str, list[Term]] = {key: [] for key in KEYS}
    edges = {e.id: e for e in network.edges}
    cargo = costs.parameter("cargo_t", None)
    for leg in route.legs:
        edge = edges[leg.edge_id]
        km = inputs.add(km_input(edge.id, edge.km, edge.km_basis))
        terms["km"].append(Term(edge.km, ((km, 1),)))
        countries = {network.nodes[leg.source].country, network.nodes[leg.target].country}
        country = next(iter(countries)) if len(countries) == 1 else None
        for criterion in AMOUNTS:
            out = terms[criterion.key]
            for metric in criterion.per_km:
                found = costs.parameter(metric, edge.mode, country=country, edge=edge.id)
                if found is None or not found.value:
                    continue
                power = -1 if criterion.inverse else 1
                coefficient = edge.km * found.value**power
                factors = [(km, 1), (inputs.parameter(found), power)]
                if criterion.per_tonne:
                    if cargo is None:
                        continue
                    coefficient *= cargo.value
                    factors.append((inputs.parameter(cargo), 1))
                out.append(Term(coefficient, tuple(factors)))
            event = criterion.per_event
            if event is None:
                continue
            waits = (["border"] if country is None else []) + (
                ["ferry_wait"] if edge.mode in WATER_MODES else []
            )
            for what in waits:
                found = costs.parameter(event, what, node=leg.source, edge=edge.id)
                if found is not None and found.value:
                    out.append(Term(found.value, ((inputs.parameter(found), 1),)))
    for stop in route.stops:
        for criterion in AMOUNTS:
            if criterion.per_event is None:
                continue
            found = costs.parameter(criterion.per_event, stop.event, node=stop.node)
            if found is not None and found.value:
                terms[criterion.key].append(Term(found.value, ((inputs.parameter(found), 1),)))
    return terms


def evaluate(terms: Sequence[Term], factors: Any) -> Any:
    """The terms' sum for each row of `factors` (samples x inputs)."""
    total = np.zeros(factors.shape[0])
    for term in terms:
        product = np.full(factors.shape[0], term.coefficient)
        for index, power in term.factors:
            product = product * factors[:, index] ** power
        total += product
    return total


@dataclass(frozen=True)
class Spread:
    """A corridor's sampled totals: P5, P50 and P95 by key."""

    id: str
    quantiles: tuple[tuple[str, tuple[float, float, float]], ...]

    def of(self, key: str) -> tuple[float, float, float]:
        return dict(self.quantiles)[key]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        for key, values in self.quantiles:
            digits = 0 if key == "cost_usd" else 1
            out[key] = {f"p{p}": round(v, digits) for p, v in zip(PERCENTILES, values, strict=True)}
            if key == "hours":
                out["days"] = {f"p{p}": round(v / 24, 2) for p, v in zip(PERCENTILES, values, strict=True)}
        return out


@dataclass(frozen=True)
class Uncertainty:
    samples: int
    seed: int
    inputs: int  # how many uncertain inputs the routes use
    corridors: tuple[Spread, ...]
    probability_best: tuple[tuple[str, tuple[tuple[str, float], ...]], ...]  # criterion -> corridor -> share

    def to_dict(self) -> dict[str, Any]:
        return {
            "samples": self.samples,
            "seed": self.seed,
            "inputs": self.inputs,
            "percentiles": list(PERCENTILES),
            "corridors": [c.to_dict() for c in self.corridors],
            "probability_best": {
                name: {ident: round(share, 4) for ident, share in shares}
                for name, shares in self.probability_best
            },
        }


def sample(
    routes: Sequence[tuple[str, Route]],
    network: Network,
    year: int,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
) -> Uncertainty:
    """Sample every input the routes use over its range; quantiles and the chance each route is best."""
    costs = CostModel(network, year)
    inputs = Inputs()
    per_route = [(ident, route_terms(route, costs, network, inputs)) for ident, route in routes]
    widths = np.array([item.half_width for item in inputs.items])
    rng = np.random.default_rng(seed)
    factors = rng.triangular(1 - widths, np.ones_like(widths), 1 + widths, size=(samples, len(widths)))
    totals = {ident: {key: evaluate(terms[key], factors) for key in KEYS} for ident, terms in per_route}
    spreads = tuple(
        Spread(
            ident,
            tuple(
                (key, tuple(float(q) for q in np.percentile(values[key], PERCENTILES)))  # type: ignore[misc]
                for key in KEYS
            ),
        )
        for ident, values in totals.items()
    )
    ids = [ident for ident, _ in routes]
    best = []
    for name in BEST_BY:
        key = BY_NAME[name].key
        stacked = np.stack([totals[ident][key] for ident in ids])
        winners = np.bincount(np.argmin(stacked, axis=0), minlength=len(ids)) / samples
        best.append((name, tuple((ident, float(share)) for ident, share in zip(ids, winners, strict=True))))
    return Uncertainty(samples, seed, len(inputs.items), spreads, tuple(best))
