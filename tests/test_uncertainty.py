"""Uncertainty: terms that add up to the route, quantiles against the triangular formula."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import document, edge, model_parameters, node
from corridors.analysis.metrics import CostModel
from corridors.analysis.routing import compare_corridors
from corridors.analysis.uncertainty import KEYS, Inputs, evaluate, route_terms, sample
from corridors.cli import app
from corridors.cli.common import load
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network


def test_terms_add_up_to_every_corridors_totals_at_the_data_values() -> None:
    network, cgraph = load(None)
    comparison = compare_corridors(cgraph, "chongqing", "rotterdam", by="hours")
    costs, inputs = CostModel(network, network.as_of_year), Inputs()
    for corridor in comparison.corridors:
        assert corridor.route is not None
        terms = route_terms(corridor.route, costs, network, inputs)
        for key in KEYS:
            total = evaluate(terms[key], np.ones((1, 1000)))[0]
            assert total == pytest.approx(getattr(corridor.route.totals, key), rel=1e-9)


def one_leg() -> tuple[Any, Any]:
    # one estimated 1,000 km rail leg (+-15%) at 50 km/h (an estimated parameter, +-30%)
    doc = document([node("a", 0, 0), node("b", 0, 8)], [edge("a", "b", 1000, km_basis="estimate")])
    doc["edges"][0]["km_note"] = "test"
    doc["parameters"] = model_parameters()
    network = parse_network(doc, "test")
    comparison = compare_corridors(CorridorGraph.build(network), "a", "b")
    return network, comparison


def triangular_quantile(p: float, w: float) -> float:
    """Quantile of the symmetric triangular distribution on [1 - w, 1 + w] (mode 1), p <= 0.5."""
    return 1 - w + math.sqrt(p * 2 * w * w)


def test_km_quantiles_follow_the_triangular_range() -> None:
    network, comparison = one_leg()
    route = comparison.corridors[0].route
    result = sample([("east", route)], network, 2026, samples=40_000, seed=3)
    low, mid, high = result.corridors[0].of("km")
    assert low == pytest.approx(1000 * triangular_quantile(0.05, 0.15), rel=3e-3)
    assert mid == pytest.approx(1000, rel=3e-3)
    assert high == pytest.approx(1000 * (2 - triangular_quantile(0.05, 0.15)), rel=3e-3)
    # hours = km / speed: km x 1.15 over speed x 0.7 is the slowest possible
    assert result.corridors[0].of("hours")[2] < 1000 * 1.15 / (50 * 0.7)
    assert result.corridors[0].of("hours")[2] > 1000 / 50


def test_the_same_seed_gives_the_same_answer_and_shares_add_up() -> None:
    network, cgraph = load(None)
    comparison = compare_corridors(cgraph, "xian", "duisburg", by="hours")
    routes = [(c.id, c.route) for c in comparison.corridors if c.route is not None]
    first = sample(routes, network, 2026, samples=300, seed=7).to_dict()
    assert first == sample(routes, network, 2026, samples=300, seed=7).to_dict()
    assert first != sample(routes, network, 2026, samples=300, seed=8).to_dict()
    for shares in first["probability_best"].values():
        assert sum(shares.values()) == pytest.approx(1)


def test_compare_uncertainty_json_satisfies_the_schema() -> None:
    import jsonschema

    from test_cli import output_schema

    args = [
        "compare",
        "--from",
        "chongqing",
        "--to",
        "rotterdam",
        "--uncertainty",
        "--samples",
        "200",
        "--json",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(doc)
    assert doc["uncertainty"]["samples"] == 200


def test_path_uncertainty_json_satisfies_the_schema() -> None:
    import jsonschema

    from test_cli import output_schema

    args = ["path", "xian", "duisburg", "--by", "hours", "--uncertainty", "--samples", "100", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(doc)
    (spread,) = [c for c in doc["uncertainty"]["corridors"] if c["id"] == "route-1"]
    low, high = spread["days"]["p5"], spread["days"]["p95"]
    assert low <= doc["routes"][0]["totals"]["days"] <= high


def test_every_way_a_length_is_known_has_a_range() -> None:
    """A basis without a range would crash --uncertainty and sensitivity on the first edge using it."""
    from corridors.analysis.ranges import KM_HALF_WIDTH
    from corridors.network.model import KM_BASES

    assert set(KM_HALF_WIDTH) == set(KM_BASES)
