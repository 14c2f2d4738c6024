"""The statistics of the simulation against analytic values, its determinism and its chunking.

Tolerances come from standard errors: a mean is allowed 4 standard errors (sd / sqrt(n));
a quantile 4 of its asymptotic standard errors, sqrt(q (1 - q) / n) / f(x_q), plus the
histogram's bin width (QUANTILE_BIN_DAYS), the documented quantile error. At 4 standard
errors a correct implementation fails about once in 16,000 runs of a check, and the seeds
are fixed, so the suite is deterministic.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pytest

from corridors.analysis.metrics import CostModel
from corridors.analysis.routing import compare_corridors
from corridors.analysis.simulation import (
    CHUNK,
    QUANTILE_BIN_DAYS,
    Accumulator,
    Part,
    Sampler,
    journey_plan,
    simulate,
    simulate_plan,
)
from corridors.network.graph import CorridorGraph
from corridors.network.loading import bundled_data_path, load_network
from corridors.network.model import Delay

N = 200_000
Z = 4.0  # standard errors allowed
NORMAL = NormalDist()


def lognormal(sigma: float, anchor: str = "mean") -> Delay:
    return Delay("ln", "border", "spread", "lognormal", (("sigma", sigma),), anchor)


def exponential() -> Delay:
    return Delay("exp", "ferry_wait", "spread", "exponential")


def closure(probability: float, hours: float, months: tuple[float, ...] | None = None) -> Delay:
    table = months if months is not None else (probability,) * 12
    params = (("low_hours", hours), ("high_hours", hours))
    return Delay("closed", "ferry_wait", "extra", "uniform", params, month_probabilities=table)


def quantile_tolerance(q: float, density: float, n: int = N) -> float:
    return Z * math.sqrt(q * (1 - q) / n) / density + QUANTILE_BIN_DAYS


def test_a_lognormal_part_matches_its_analytic_mean_and_quantiles() -> None:
    days, sigma = 10.0, 0.5
    stats = simulate_plan([Part("e", "border", days * 24, lognormal(sigma))], runs=N, seed=1)
    sd = days * math.sqrt(math.exp(sigma**2) - 1)
    assert stats.mean == pytest.approx(days, abs=Z * sd / math.sqrt(N))
    assert stats.std == pytest.approx(sd, rel=0.02)
    summary = stats.summary()
    for q, got in ((0.5, summary.p50), (0.9, summary.p90), (0.95, summary.p95)):
        z = NORMAL.inv_cdf(q)
        exact = days * math.exp(sigma * z - sigma**2 / 2)
        density = NORMAL.pdf(z) / (exact * sigma)
        assert got == pytest.approx(exact, abs=quantile_tolerance(q, density))


def test_a_median_anchored_lognormal_keeps_the_model_value_as_median() -> None:
    stats = simulate_plan([Part("e", "border", 240, lognormal(0.5, "median"))], runs=N, seed=2)
    density = NORMAL.pdf(0) / (10 * 0.5)
    assert stats.summary().p50 == pytest.approx(10.0, abs=quantile_tolerance(0.5, density))
    assert stats.mean == pytest.approx(10 * math.exp(0.125), rel=0.01)


def test_an_exponential_wait_matches_its_analytic_mean_and_quantiles() -> None:
    mean = 2.0  # days
    stats = simulate_plan([Part("e", "ferry_wait", mean * 24, exponential())], runs=N, seed=3)
    assert stats.mean == pytest.approx(mean, abs=Z * mean / math.sqrt(N))
    summary = stats.summary()
    for q, got in ((0.5, summary.p50), (0.9, summary.p90), (0.95, summary.p95)):
        exact = -mean * math.log(1 - q)
        density = math.exp(-exact / mean) / mean
        assert got == pytest.approx(exact, abs=quantile_tolerance(q, density))


def test_a_bernoulli_closure_gives_its_probability_and_mean() -> None:
    p = 0.3
    parts = [Part("rail", "running", 24.0), Part("port", "ferry_wait", 0.0, None, closure(p, 48))]
    stats = simulate_plan(parts, runs=N, seed=4, deadline_days=2.0)
    share = stats.within / stats.n
    assert share == pytest.approx(1 - p, abs=Z * math.sqrt(p * (1 - p) / N))
    assert stats.mean == pytest.approx(1 + 2 * p, abs=Z * 2 * math.sqrt(p * (1 - p) / N))
    assert (stats.low, stats.high) == (1.0, 3.0)


def test_a_monthly_closure_uses_the_month_asked_for_or_the_year_average() -> None:
    table = (0.0,) * 10 + (0.5, 0.5)  # closed half the time in November and December
    parts = [Part("rail", "running", 24.0), Part("port", "ferry_wait", 0.0, None, closure(0, 48, table))]
    december = simulate_plan(parts, runs=N, seed=5, month=12, deadline_days=2.0)
    july = simulate_plan(parts, runs=N, seed=5, month=7, deadline_days=2.0)
    year = simulate_plan(parts, runs=N, seed=5, deadline_days=2.0)
    assert december.within / N == pytest.approx(0.5, abs=Z * math.sqrt(0.25 / N))
    assert july.within == N
    p = 1 / 12  # the year average of the table
    assert year.within / N == pytest.approx(1 - p, abs=Z * math.sqrt(p * (1 - p) / N))
    assert Sampler(parts, 12).mean_hours() == pytest.approx(48.0)
    assert Sampler(parts, None).mean_hours() == pytest.approx(24 + 48 / 12)


def test_histogram_quantiles_are_within_one_bin_of_the_exact_sample_quantile() -> None:
    rng = np.random.Generator(np.random.PCG64(6))
    days = rng.lognormal(np.log(20), 0.3, 50_000)
    stats = Accumulator(20.0, None)
    stats.add(days)
    for q in (0.01, 0.5, 0.9, 0.95, 0.999):
        exact = float(np.quantile(days, q, method="inverted_cdf"))
        assert abs(stats.quantile(q) - exact) <= QUANTILE_BIN_DAYS
    assert stats.mean == pytest.approx(float(days.mean()), abs=1e-9)
    assert stats.std == pytest.approx(float(days.std(ddof=1)), rel=1e-9)


def test_statistics_combined_chunk_by_chunk_equal_those_of_the_whole_sample() -> None:
    rng = np.random.Generator(np.random.PCG64(7))
    days = rng.exponential(3.0, 30_001) + 10
    whole, pieces = Accumulator(13.0, 12.0), Accumulator(13.0, 12.0)
    whole.add(days)
    for piece in np.array_split(days, 7):
        pieces.add(piece)
    assert np.array_equal(whole.counts, pieces.counts)
    assert (whole.n, whole.within, whole.low, whole.high) == (
        pieces.n,
        pieces.within,
        pieces.low,
        pieces.high,
    )
    assert whole.mean == pytest.approx(pieces.mean, abs=1e-12)
    assert whole.summary() == pytest.approx(pieces.summary())


def bundled_plans() -> list[list[Part]]:
    network = load_network(bundled_data_path())
    graph = CorridorGraph.build(network)
    comparison = compare_corridors(graph, "xian", "duisburg", by="hours")
    costs = CostModel(network, network.as_of_year)
    return [list(journey_plan(network, costs, c.route)) for c in comparison.corridors if c.route]


def test_the_plan_adds_up_to_the_deterministic_route_and_the_mean_to_its_analytic_value() -> None:
    network = load_network(bundled_data_path())
    graph = CorridorGraph.build(network)
    comparison = compare_corridors(graph, "xian", "duisburg", by="hours")
    costs = CostModel(network, network.as_of_year)
    for corridor in comparison.corridors:
        assert corridor.route is not None
        parts = journey_plan(network, costs, corridor.route)
        assert math.fsum(p.hours for p in parts) == pytest.approx(corridor.route.totals.hours, abs=1e-9)
        stats = simulate_plan(parts, runs=N, seed=8)
        analytic = Sampler(parts, None).mean_hours() / 24
        assert stats.mean == pytest.approx(analytic, abs=Z * stats.std / math.sqrt(N))
        # closures and queues only add (a route without them, like the sea via the Cape, only varies)
        assert stats.mean > corridor.route.totals.days - Z * stats.std / math.sqrt(N)


def test_leg_parts_sum_to_the_leg_hours_for_every_edge_both_ways() -> None:
    network = load_network(bundled_data_path())
    for year in (network.as_of_year, 2030):
        costs = CostModel(network, year)
        for edge in network.edges:
            for start in (edge.source, edge.target):
                parts = costs.leg_hours_parts(edge, start)
                assert math.fsum(h for _, h in parts) == pytest.approx(
                    costs.leg(edge, start)["hours"], abs=1e-9
                )


def test_the_same_seed_replays_exactly_and_another_seed_does_not() -> None:
    parts = bundled_plans()[0]
    first = simulate_plan(parts, runs=25_000, seed=9, deadline_days=30)
    again = simulate_plan(parts, runs=25_000, seed=9, deadline_days=30)
    other = simulate_plan(parts, runs=25_000, seed=10, deadline_days=30)
    assert first.summary() == again.summary() and first.histogram() == again.histogram()
    assert first.within == again.within
    assert np.array_equal(first.counts, again.counts)
    assert not np.array_equal(first.counts, other.counts)


def test_chunk_size_changes_the_sample_but_not_the_distribution() -> None:
    parts = bundled_plans()[1]
    big = simulate_plan(parts, runs=N, seed=11, chunk=CHUNK)
    small = simulate_plan(parts, runs=N, seed=11, chunk=7_919)
    assert big.n == small.n == N
    assert big.mean != small.mean  # other streams: a different sample ...
    se = big.std / math.sqrt(N)
    assert big.mean == pytest.approx(small.mean, abs=Z * math.sqrt(2) * se)  # ... of the same distribution
    for q in (0.5, 0.9):
        assert big.quantile(q) == pytest.approx(small.quantile(q), abs=0.1)


def test_progress_reports_every_journey_and_the_histogram_adds_up() -> None:
    network = load_network(bundled_data_path())
    graph = CorridorGraph.build(network)
    seen: list[int] = []
    result = simulate(graph, "xian", "budapest", runs=250_000, seed=1, progress=seen.append)
    assert sum(seen) == 250_000 * len(result.corridors)
    assert max(seen) == CHUNK
    doc = result.to_dict()
    assert "p_within_deadline" not in doc["corridors"][0]
    assert all(sum(c["histogram"]["counts"]) == 250_000 for c in doc["corridors"])
    edges = doc["corridors"][0]["histogram"]["bin_edges_days"]
    assert edges == sorted(edges) and edges[0] == doc["corridors"][0]["days"]["min"]


def test_a_corridor_without_a_route_is_reported_without_numbers() -> None:
    graph = CorridorGraph.build(load_network(bundled_data_path()))
    result = simulate(graph, "xian", "poti", runs=1_000, seed=1, deadline_days=20)
    found = {c["id"]: c for c in result.to_dict()["corridors"]}
    middle, northern = found["middle"], found["northern"]
    assert middle["route_found"] and middle["runs"] == 1_000 and middle["p_within_deadline"] is not None
    assert northern == {
        "id": "northern",
        "name": northern["name"],
        "route_found": False,
        "nodes": [],
        "runs": 0,
        "model_days": None,
        "days": None,
        "p_within_deadline": None,
        "histogram": None,
        "delays": [],
    }


def test_the_fused_sampler_draws_each_part_from_the_standard_stream_in_order() -> None:
    """Oracle: the same generator's standard variates, scaled the textbook way, part by part."""
    parts = [
        Part("a", "running", 30.0, lognormal(0.4)),
        Part("b", "border", 12.0, lognormal(0.7, "median")),
        Part("c", "ferry_wait", 20.0, exponential()),
        Part("d", "running", 5.0),
        Part("e", "running", 0.0, lognormal(0.3)),  # no hours: nothing to vary, no draw
    ]
    n = 1_000
    got = Sampler(parts, None).sample_days(np.random.Generator(np.random.PCG64(12)), n)
    rng = np.random.Generator(np.random.PCG64(12))
    expected = 30.0 * np.exp(0.4 * rng.standard_normal(n) - 0.4**2 / 2)
    expected += 12.0 * np.exp(0.7 * rng.standard_normal(n))
    expected += 20.0 * rng.standard_exponential(n)
    expected += 5.0
    np.testing.assert_allclose(got, expected / 24, rtol=1e-12)
