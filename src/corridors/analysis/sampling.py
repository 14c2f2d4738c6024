"""Sampling a plan's door-to-door hours, vectorised with numpy over the journeys.

numpy is imported inside the functions that sample, so importing this module stays cheap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from corridors.analysis.plan import Part
from corridors.network.model import Delay

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


class Sampler:
    """Draws door-to-door hours of journeys along one plan, vectorised over the journeys."""

    def __init__(self, parts: Sequence[Part], month: int | None) -> None:
        self.month = month
        self.constant = 0.0
        self.lognormal: list[tuple[float, float, float]] = []  # hours, sigma, log shift
        self.exponential: list[float] = []
        self.extras: list[tuple[tuple[float, ...], Delay]] = []
        for part in parts:
            spread = part.spread
            family = spread.family if spread is not None and part.hours > 0 else "fixed"
            if family == "lognormal" and spread is not None:
                sigma = spread.param("sigma")
                shift = -sigma * sigma / 2 if spread.anchor == "mean" else 0.0
                self.lognormal.append((part.hours, sigma, shift))
            elif family == "exponential":
                self.exponential.append(part.hours)
            else:
                self.constant += part.hours
            if part.extra is not None and any(part.extra.month_probabilities):
                self.extras.append((part.extra.month_probabilities, part.extra))

    def mean_hours(self) -> float:
        """The analytic mean over the journeys this sampler draws (a random month if none)."""
        total = self.constant + sum(h * math.exp(s * s / 2 + shift) for h, s, shift in self.lognormal)
        total += sum(self.exponential)
        for table, delay in self.extras:
            p = table[self.month - 1] if self.month else sum(table) / 12
            total += p * _extra_mean(delay)
        return total

    def sample_days(self, rng: np.random.Generator, n: int) -> NDArray[np.float64]:
        """Days of n journeys. The stream is consumed in a fixed order, so a seed replays exactly.

        A varied part is drawn as standard variates into one reused buffer, scaled in place,
        exponentiated in place and added: h exp(sigma z + shift) is computed as
        exp(sigma z + (shift + ln h)), in days from the start, so no pass multiplies by the
        hours or divides by 24. The draw and the exp are nearly all the cost (see
        BENCHMARKS.md); the chunk stays in cache, and a buffer allocated per part (as
        `rng.normal` or `rng.lognormal` would) costs more than the passes it saves.
        """
        import numpy as np

        days = np.full(n, self.constant / 24)
        scratch = np.empty(n)
        for hours, sigma, shift in self.lognormal:
            rng.standard_normal(n, out=scratch)
            scratch *= sigma
            scratch += shift + math.log(hours / 24)
            np.exp(scratch, out=scratch)
            days += scratch
        for hours in self.exponential:
            rng.standard_exponential(n, out=scratch)
            scratch *= hours / 24
            days += scratch
        if self.extras:
            # An average year: each journey travels in a month drawn uniformly, so two
            # extras on one route share their month (a stormy December hits both).
            months = rng.integers(0, 12, n) if self.month is None else self.month - 1
            for table, delay in self.extras:
                chance: Any = np.asarray(table)[months]
                hit = np.flatnonzero(rng.random(n) < chance)
                extra = _draw_extra(rng, delay, hit.size)
                extra /= 24
                days[hit] += extra
        return days


def _extra_mean(delay: Delay) -> float:
    p = dict(delay.params)
    if delay.family == "exponential":
        return p["mean_hours"]
    if delay.family == "lognormal":
        return p["median_hours"] * math.exp(p["sigma"] ** 2 / 2)
    if delay.family == "triangular":
        return (p["low_hours"] + p["mode_hours"] + p["high_hours"]) / 3
    return (p["low_hours"] + p["high_hours"]) / 2


def _draw_extra(rng: np.random.Generator, delay: Delay, n: int) -> NDArray[np.float64]:
    p = dict(delay.params)
    if delay.family == "exponential":
        return rng.exponential(p["mean_hours"], n)
    if delay.family == "lognormal":
        return p["median_hours"] * rng.lognormal(0.0, p["sigma"], n)
    if delay.family == "triangular":
        low, mode, high = p["low_hours"], p["mode_hours"], p["high_hours"]
        return rng.triangular(low, mode, high, n) if high > low else rng.uniform(low, high, n)
    return rng.uniform(p["low_hours"], p["high_hours"], n)
