"""What decides the answer: each input swung over its range, and the difference it makes.

For two corridors' routes and one criterion, the difference D = A - B is a sum of terms over
the inputs (`uncertainty.route_terms`). Each input in turn is set to the low and the high end
of its range (`ranges.py`), all others at their data values (one at a time), giving the swing
of D. Inputs are ranked by the size of the swing (the tornado); an input flips the verdict if
D changes sign within its range. The variance share is the first-order index of a linearised
model: an input's share of the variance of D when every input is drawn from its triangular
range, ``(D_high - D_low)^2 / 24`` each (the triangular's variance is w^2 / 6), normalised.
Risk values (`ranges.RISK_HALF_WIDTH`) move only the risk exposure: they appear with
`criterion` "risk_km" (risk-weighted km exposure of each route).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corridors.analysis.metrics import CostModel
from corridors.analysis.ranges import Input
from corridors.analysis.results import Route
from corridors.analysis.scenario import RiskModel
from corridors.analysis.uncertainty import Inputs, evaluate, key_of, route_terms
from corridors.network.model import Network


@dataclass(frozen=True)
class Swing:
    input: Input
    low: float  # D with the input at the low end of its range
    high: float  # D at the high end
    flips: bool  # D changes sign within the range
    variance_share: float

    @property
    def size(self) -> float:
        return abs(self.high - self.low)

    def to_dict(self) -> dict[str, Any]:
        item = self.input
        return {
            "kind": item.kind,
            "id": item.id,
            "basis": item.basis,
            "value": item.value,
            "range": [round(item.low, 6), round(item.high, 6)],
            "difference_at_low": round(self.low, 3),
            "difference_at_high": round(self.high, 3),
            "swing": round(self.size, 3),
            "flips": self.flips,
            "variance_share": round(self.variance_share, 4),
        }


@dataclass(frozen=True)
class Sensitivity:
    corridor_a: str
    corridor_b: str
    criterion: str
    key: str
    difference: float  # A - B at the data's values
    swings: tuple[Swing, ...]  # largest first

    @property
    def flippers(self) -> tuple[Swing, ...]:
        return tuple(s for s in self.swings if s.flips)

    def to_dict(self) -> dict[str, Any]:
        return {
            "corridor_a": self.corridor_a,
            "corridor_b": self.corridor_b,
            "criterion": self.criterion,
            "key": self.key,
            "difference": round(self.difference, 3),
            "flipping_inputs": [s.input.id for s in self.flippers],
            "inputs": [s.to_dict() for s in self.swings],
        }


def swings(
    a: tuple[str, Route],
    b: tuple[str, Route],
    criterion: str,
    network: Network,
    year: int,
    model: RiskModel | None = None,
) -> Sensitivity:
    """One-at-a-time swings of every input either route uses, on A - B by `criterion`."""
    key = key_of(criterion)
    costs, inputs = CostModel(network, year), Inputs(network, model)
    terms_a = route_terms(a[1], costs, network, inputs)[key]
    terms_b = route_terms(b[1], costs, network, inputs)[key]
    count = len(inputs.items)
    draws = np.repeat(inputs.at("mode"), 2 * count + 1, axis=0)
    for i, item in enumerate(inputs.items):
        low, _, high = item.draw_range()
        draws[2 * i + 1, i] = low
        draws[2 * i + 2, i] = high
    matrix = inputs.matrix(draws)
    difference = evaluate(terms_a, matrix) - evaluate(terms_b, matrix)
    base = float(difference[0])
    found = []
    for i, item in enumerate(inputs.items):
        low, high = float(difference[2 * i + 1]), float(difference[2 * i + 2])
        flips = any(_sign(value) != _sign(base) for value in (low, high))
        found.append((item, low, high, flips))
    weights = [(high - low) ** 2 / 24 for _, low, high, _ in found]
    total = sum(weights) or 1.0
    ranked = sorted(
        (
            Swing(item, low, high, flips, w / total)
            for (item, low, high, flips), w in zip(found, weights, strict=True)
        ),
        key=lambda s: (-s.size, s.input.kind, s.input.id),
    )
    return Sensitivity(a[0], b[0], criterion, key, base, tuple(s for s in ranked if s.size > 0))


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def pick_pair(routes: Sequence[tuple[str, Route]], criterion: str, named: Sequence[str]) -> tuple[int, int]:
    """The two corridors to compare: those named, else the best two by the criterion."""
    ids = [ident for ident, _ in routes]
    if len(named) == 2:
        return ids.index(named[0]), ids.index(named[1])
    key = key_of(criterion)
    order = sorted(range(len(routes)), key=lambda i: float(getattr(routes[i][1].totals, key)))
    return order[0], order[1]
