"""Valid-but-extreme numbers in network files: refused with their place, or computed exactly.

Before: a 400-digit integer ended in a traceback (int too large to convert to float), 1e308
lengths summed to inf and `path` said "no route" between joined places, a 1e-300 km/h speed
gave routes of 1e302 hours, and a route slower than the simulation's histogram crashed it.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from conftest import diamond, model_parameters, mutated
from corridors.analysis.routing import best_route
from corridors.analysis.simulation import QUANTILE_BIN_DAYS, Accumulator, Part, simulate_plan
from corridors.errors import DataError
from corridors.network.graph import CorridorGraph
from corridors.network.loading import load_network


def problems_of(tmp_path: Path, raw: str) -> list[str]:
    path = tmp_path / "net.json"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_network(path)
    return list(caught.value.problems)


def with_km(literal: str) -> str:
    """The diamond with its first edge's km written as `literal`, exactly as a file may hold it."""
    raw = json.dumps(diamond())
    assert raw.count('"km": 120,') == 2
    return raw.replace('"km": 120,', f'"km": {literal},', 1)


@pytest.mark.parametrize(
    ("literal", "said"),
    [
        ("9" * 400, "must be a finite number, got a number 400 characters long (99999999...)"),
        ("9" * 5000, "got a number 5,000 characters long"),  # past Python's 4,300-digit int limit
        ("1e999", "must be a finite number, got 1e999"),
        ("-" + "9" * 400, "must be a finite number"),
        ("1e308", "must be at most 40,075 km (the equator), got 1e+308"),
        ("123456789012345678901", "must be at most 40,075 km (the equator), got 1.2345678901234568e+20"),
        ("40076", "must be at most 40,075 km (the equator), got 40076"),
    ],
)
def test_an_extreme_length_is_refused_at_its_place(tmp_path: Path, literal: str, said: str) -> None:
    problems = problems_of(tmp_path, with_km(literal))
    assert len(problems) == 1
    assert problems[0].startswith("edges[0].km: ")
    assert said in problems[0]
    assert len(problems[0]) < 120  # one readable line, not 5,000 digits


@pytest.mark.parametrize("field", ["lat", "lon"])
def test_a_huge_integer_coordinate_is_refused_at_its_place(tmp_path: Path, field: str) -> None:
    raw = json.dumps(mutated(diamond(), lambda d: d["nodes"][2].update({field: 7777})))
    problems = problems_of(tmp_path, raw.replace("7777", "1" + "0" * 400))
    assert problems == [
        f"nodes[2].{field}: must be a finite number, got a number 401 characters long (10000000...)"
    ]


def test_a_huge_gauge_and_opening_year_are_refused_at_their_places(tmp_path: Path) -> None:
    raw = json.dumps(mutated(diamond(), lambda d: d["edges"][4].update(gauge_mm=7777, opens=8888)))
    problems = problems_of(tmp_path, raw.replace("7777", "9" * 300).replace("8888", "8" * 300))
    assert sorted(problems) == [
        "edges[4].gauge_mm: must be between 300 and 2000, got 1e+300",
        "edges[4].opens: must be between 1800 and 2200, got 8.88888888888889e+299",
    ]


def test_lengths_at_the_limit_sum_exactly_and_the_route_is_found() -> None:
    # Every edge near the Earth's circumference: before, 1e308 lengths summed to inf and no
    # route was found; at the limit the sums stay exact. By hand: a-b-d = 40,000 + 40,075.
    doc = mutated(
        diamond(),
        lambda d: [
            e.update(km=km)
            for e, km in zip(d["edges"], (40_000, 40_075, 40_075, 40_075, 40_075), strict=True)
        ],
    )
    from corridors.network.loading import parse_network

    route = best_route(CorridorGraph.build(parse_network(doc)), "a", "d", by="km")
    assert route.nodes == ("a", "b", "d")
    assert route.totals.km == 80_075


def test_a_speed_below_one_km_per_hour_is_refused(tmp_path: Path) -> None:
    doc = diamond()
    doc["parameters"] = model_parameters()
    index = next(i for i, p in enumerate(doc["parameters"]) if p["id"] == "speed-rail")
    doc["parameters"][index]["value"] = 1e-300
    problems = problems_of(tmp_path, json.dumps(doc))
    assert f"parameters[{index}].value: must be at least 1, got 1e-300" in problems


def test_a_speed_of_one_km_per_hour_is_accepted(tmp_path: Path) -> None:
    doc = diamond()
    doc["parameters"] = model_parameters()
    for p in doc["parameters"]:
        if p["metric"] == "speed_kmh":
            p["value"] = 1
    path = tmp_path / "slow.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert load_network(path).parameters


def test_a_route_slower_than_the_histogram_is_summarised_not_crashed() -> None:
    # 1,000,000 days of dwell: far past the 1,000-day fine histogram. The counts must add up
    # to every journey and the median sit within one (wider) bin of the exact sample median.
    from corridors.network.model import Delay

    spread = Delay("ln", "border", "spread", "lognormal", (("sigma", 0.5),), "mean")
    runs = 20_000
    stats = simulate_plan([Part("x", "border", 24e6, spread)], runs=runs, seed=3, chunk=runs)
    histogram = stats.histogram()
    assert sum(histogram.counts) == runs
    assert len(histogram.counts) <= 25  # a few wide bins, not millions of narrow ones
    assert histogram.bin_edges_days[0] == stats.low and histogram.bin_edges_days[-1] == stats.high
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(3, spawn_key=(0, 0))))
    from corridors.analysis.sampling import Sampler

    exact = float(np.quantile(Sampler([Part("x", "border", 24e6, spread)], None).sample_days(rng, runs), 0.5))
    assert abs(stats.quantile(0.5) - exact) <= stats.bin_days
    assert stats.bin_days > QUANTILE_BIN_DAYS


def test_a_route_under_250_days_keeps_the_fine_bins() -> None:
    assert Accumulator(249.0, None).bin_days == QUANTILE_BIN_DAYS
    assert Accumulator(251.0, None).bin_days == 2 * QUANTILE_BIN_DAYS
