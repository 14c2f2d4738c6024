"""Benchmark of `corridors simulate`: journeys per second and peak memory.

For each corridor's fastest Xi'an -> Duisburg route it times the vectorised numpy sampler
(corridors.analysis.simulation.simulate_plan) against a plain-Python loop over the same model
(random.Random, one journey and one part at a time) in the same run, and measures the
peak resident memory of ten million journeys in a fresh subprocess (getrusage ru_maxrss,
so the interpreter and numpy themselves are included). Prints a markdown table.

Not a test: timings depend on the machine. Targets: numpy at least 30x the plain loop,
and peak memory under 500 MB for ten million journeys.

Usage: python benchmarks/simulate_bench.py [--numpy-runs N] [--python-runs N] [--memory-runs N]
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import random
import subprocess
import sys
import time

from corridors.analysis.metrics import CostModel
from corridors.analysis.routing import compare_corridors
from corridors.analysis.simulation import Part, journey_plan, simulate_plan
from corridors.network.graph import CorridorGraph
from corridors.network.loading import bundled_data_path, load_network
from corridors.network.model import Delay

ORIGIN, DESTINATION = "xian", "duisburg"


def plans() -> list[tuple[str, list[Part]]]:
    network = load_network(bundled_data_path())
    graph = CorridorGraph.build(network)
    comparison = compare_corridors(graph, ORIGIN, DESTINATION, by="hours")
    costs = CostModel(network, network.as_of_year)
    return [
        (c.id, list(journey_plan(network, costs, c.route)))
        for c in comparison.corridors
        if c.route is not None
    ]


def _extra_hours(rng: random.Random, delay: Delay) -> float:
    p = dict(delay.params)
    if delay.family == "exponential":
        return rng.expovariate(1 / p["mean_hours"])
    if delay.family == "lognormal":
        return p["median_hours"] * rng.lognormvariate(0.0, p["sigma"])
    if delay.family == "triangular":
        return rng.triangular(p["low_hours"], p["high_hours"], p["mode_hours"])
    return rng.uniform(p["low_hours"], p["high_hours"])


def python_loop(parts: list[Part], runs: int, seed: int) -> float:
    """The same model, one journey at a time: returns the mean days."""
    rng = random.Random(seed)
    total = 0.0
    for _ in range(runs):
        month = rng.randrange(12)
        hours = 0.0
        for part in parts:
            spread = part.spread
            if spread is not None and part.hours > 0 and spread.family == "lognormal":
                sigma = spread.param("sigma")
                shift = -sigma * sigma / 2 if spread.anchor == "mean" else 0.0
                hours += part.hours * math.exp(rng.gauss(shift, sigma))
            elif spread is not None and part.hours > 0 and spread.family == "exponential":
                hours += rng.expovariate(1 / part.hours)
            else:
                hours += part.hours
            extra = part.extra
            if extra is not None and rng.random() < extra.month_probabilities[month]:
                hours += _extra_hours(rng, extra)
        total += hours / 24
    return total / runs


def timed(function, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - start


MEMORY_CODE = """
import json, resource, sys, time
from corridors.analysis.simulation import simulate_plan
sys.path.insert(0, {here!r})
from simulate_bench import plans
parts = dict(plans())[{corridor!r}]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
stats = simulate_plan(parts, runs={runs}, seed=1)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"before_kib": before, "peak_kib": peak, "seconds": elapsed, "n": stats.n}}))
"""


def memory(corridor: str, runs: int) -> dict[str, float]:
    from pathlib import Path

    here = str(Path(__file__).resolve().parent)
    code = MEMORY_CODE.format(here=here, corridor=corridor, runs=runs)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numpy-runs", type=int, default=2_000_000)
    parser.add_argument("--python-runs", type=int, default=50_000)
    parser.add_argument("--memory-runs", type=int, default=10_000_000)
    args = parser.parse_args()
    rows = []
    for corridor, parts in plans():
        stats, numpy_s = timed(lambda p=parts: simulate_plan(p, runs=args.numpy_runs, seed=1))
        python_mean, python_s = timed(python_loop, parts, args.python_runs, 1)
        numpy_rate, python_rate = args.numpy_runs / numpy_s, args.python_runs / python_s
        used = memory(corridor, args.memory_runs)
        rows.append(
            f"| {corridor} | {len(parts)} | {numpy_rate:,.0f} | {python_rate:,.0f} | "
            f"{numpy_rate / python_rate:,.0f}x | {stats.mean:.2f} / {python_mean:.2f} | "
            f"{args.memory_runs:,} in {used['seconds']:.1f} s | {used['peak_kib'] / 1024:,.0f} MiB "
            f"({used['before_kib'] / 1024:,.0f} before sampling) |"
        )
    print(
        f"Xi'an -> Duisburg, fastest route per corridor; Python {platform.python_version()}, "
        f"numpy {__import__('numpy').__version__}, {platform.machine()}.\n"
    )
    print(
        "| corridor | parts | numpy journeys/s | plain Python journeys/s | speed-up "
        "| mean days numpy / Python | large run | peak RSS |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
