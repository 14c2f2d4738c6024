"""`simulate` against a straightforward vectorised numpy version of the same model.

    python benchmarks/simulate_numpy.py corridors RUNS    # corridors.simulation.simulate_plan
    python benchmarks/simulate_numpy.py numpy RUNS        # `baseline` below

Either samples RUNS journeys along the Middle Corridor's fastest Xi'an -> Duisburg route
(the plan of simulate_bench.py; planning is not timed) and prints a JSON object: the
seconds of sampling and statistics, the mean and standard deviation of the days, and the
resident memory before sampling (MB). benchmarks/run.py runs each as a fresh process and
reads its peak memory from the operating system.

The baseline is what one would write first: every journey at once, one array per part
(numpy's lognormal and exponential draws, scaled), a month per journey for the extras,
then mean, standard deviation, exact quantiles (np.quantile), min and max. It is the same
model as `Sampler` (the same families, anchors and month tables), not the same stream.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
from simulate_bench import plans

from corridors.analysis.simulation import Part, simulate_plan
from corridors.network.model import Delay

CORRIDOR = "middle"


def draw(rng: np.random.Generator, delay: Delay, n: int) -> Any:
    p = dict(delay.params)
    if delay.family == "exponential":
        return rng.exponential(p["mean_hours"], n)
    if delay.family == "lognormal":
        return p["median_hours"] * rng.lognormal(0.0, p["sigma"], n)
    if delay.family == "triangular" and p["high_hours"] > p["low_hours"]:
        return rng.triangular(p["low_hours"], p["mode_hours"], p["high_hours"], n)
    return rng.uniform(p["low_hours"], p["high_hours"], n)


def baseline(parts: Sequence[Part], runs: int, seed: int) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    hours = np.zeros(runs)
    months = rng.integers(0, 12, runs)
    for part in parts:
        spread = part.spread
        if spread is not None and part.hours > 0 and spread.family == "lognormal":
            sigma = spread.param("sigma")
            shift = -sigma * sigma / 2 if spread.anchor == "mean" else 0.0
            hours += part.hours * rng.lognormal(shift, sigma, runs)
        elif spread is not None and part.hours > 0 and spread.family == "exponential":
            hours += rng.exponential(part.hours, runs)
        else:
            hours += part.hours
        if part.extra is not None:
            hit = rng.random(runs) < np.asarray(part.extra.month_probabilities)[months]
            hours[hit] += draw(rng, part.extra, int(hit.sum()))
    days = hours / 24
    p50, p90, p95 = np.quantile(days, [0.5, 0.9, 0.95])
    return {
        "mean": float(days.mean()),
        "std": float(days.std(ddof=1)),
        "p50": float(p50),
        "p90": float(p90),
        "p95": float(p95),
        "min": float(days.min()),
        "max": float(days.max()),
    }


def corridors(parts: Sequence[Part], runs: int, seed: int) -> dict[str, float]:
    summary = simulate_plan(parts, runs=runs, seed=seed).summary()
    return {key: float(value) for key, value in summary.__dict__.items()}


def main(argv: list[str]) -> int:
    engine, runs = argv[0], int(argv[1])
    parts = dict(plans())[CORRIDOR]
    sample = {"corridors": corridors, "numpy": baseline}[engine]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    stats = sample(parts, runs, 1)
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {"seconds": seconds, "mean_days": stats["mean"], "std_days": stats["std"], "before_mb": before}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
