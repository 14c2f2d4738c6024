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
    costs, inputs = CostModel(network, network.as_of_year), Inputs(network)
    terms = {c.id: route_terms(c.route, costs, network, inputs) for c in comparison.corridors if c.route}
    data_values = inputs.matrix(inputs.at("mode"))
    assert any(item.kind == "risk" for item in inputs.items)
    for corridor in comparison.corridors:
        assert corridor.route is not None
        for key in KEYS:  # risk_km too: the combined risks at the data's values
            total = evaluate(terms[corridor.id][key], data_values)[0]
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
    result = sample(routes, network, 2026, samples=300, seed=7)
    first = result.to_dict()
    assert first == sample(routes, network, 2026, samples=300, seed=7).to_dict()
    assert first != sample(routes, network, 2026, samples=300, seed=8).to_dict()
    for _, shares in result.probability_best:  # unrounded: JSON rounds each share to 4 places
        assert sum(share for _, share in shares) == pytest.approx(1)


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


def test_risk_values_range_over_half_a_step_of_the_scale() -> None:
    """Risk assessments sit on steps of 0.25: each stands for values within 0.125, inside [0, 1]."""
    from corridors.analysis.ranges import risk_input

    assert (risk_input("x", 0.5).low, risk_input("x", 0.5).high) == (0.375, 0.625)
    assert (risk_input("x", 0.0).low, risk_input("x", 0.0).high) == (0.0, 0.125)
    assert (risk_input("x", 1.0).low, risk_input("x", 1.0).high) == (0.875, 1.0)
    network, _ = load(None)
    step = 0.25
    values = {r.value for n in network.nodes.values() for r in n.risks}
    assert all(abs(v / step - round(v / step)) < 1e-9 for v in values)  # the scale's steps, as ranges.py says


def flip_network() -> tuple[Any, Any]:
    """One corridor, two routes a-b-d (1,000 km) and a-c-d (1,040 km), every length estimated (+-15%):
    the shorter (and faster) route changes from sample to sample. b carries a risk."""
    doc = document(
        [node("a", 0, 0), node("b", 0, 4), node("c", 1, 4), node("d", 0, 8)],
        [
            edge("a", "b", 500, km_basis="estimate", km_note="t"),
            edge("b", "d", 500, km_basis="estimate", km_note="t"),
            edge("a", "c", 520, km_basis="estimate", km_note="t"),
            edge("c", "d", 520, km_basis="estimate", km_note="t"),
        ],
    )
    doc["nodes"][1]["risks"] = {"weather": {"value": 0.5, "why": "t", "sources": ["s1"]}}
    doc["parameters"] = model_parameters()
    network = parse_network(doc, "flip")
    return network, CorridorGraph.build(network)


def scaled(network: Any, inputs: Any, row: Any) -> Any:
    """The network with every input at one sample's value: the oracle searches it afresh."""
    import dataclasses

    value = {(item.kind, item.id): row[i] for i, item in enumerate(inputs.items)}
    edges = tuple(dataclasses.replace(e, km=e.km * value.get(("km", e.id), 1.0)) for e in network.edges)
    parameters = tuple(
        dataclasses.replace(p, value=p.value * value.get(("parameter", p.id), 1.0))
        for p in network.parameters
    )
    nodes = {
        ident: dataclasses.replace(
            n,
            risks=tuple(
                dataclasses.replace(r, value=value.get(("risk", f"node:{ident}/{r.factor}"), r.value))
                for r in n.risks
            ),
        )
        for ident, n in network.nodes.items()
    }
    return dataclasses.replace(network, edges=edges, parameters=parameters, nodes=nodes)


@pytest.mark.parametrize("by", ["km", "hours", "risk"])
def test_rerouting_each_sample_equals_a_fresh_search_of_that_sample(by: str) -> None:
    """Brute force: for each sample, the network rebuilt at its values and searched by the router."""
    from corridors.analysis.reroute import Rerouter
    from corridors.analysis.router import Router
    from corridors.analysis.scenario import RiskModel, Scenario, objectives

    network, cgraph = flip_network()
    model = RiskModel(risk_weight=2.0)
    objective = objectives(by, model.risk_weight)[0]
    inputs = Inputs(network, model)
    rerouter = Rerouter(Router(cgraph, model, Scenario()), objective, "a", "d", inputs)
    draws = inputs.draws(np.random.default_rng(5), 60)
    matrix = inputs.matrix(draws)
    low, high = inputs.matrix(inputs.at("low")), inputs.matrix(inputs.at("high"))
    totals, routes = rerouter.totals(matrix, low, high)
    assert routes == 2  # the best route flips within the ranges
    for i in range(len(draws)):
        fresh = scaled(network, inputs, draws[i])
        found = compare_corridors(
            CorridorGraph.build(fresh), "a", "d", by=by, model=model, corridors=["east"]
        )
        route = found.corridors[0].route
        assert route is not None
        for key in KEYS:
            assert totals[key][i] == pytest.approx(getattr(route.totals, key), rel=1e-9), (i, key)


def test_compare_uncertainty_reroutes_and_is_reproducible() -> None:
    args = [
        "compare",
        "--from",
        "chongqing",
        "--to",
        "rotterdam",
        "--uncertainty",
        "--samples",
        "300",
        "--json",
    ]
    first = json.loads(CliRunner().invoke(app, args).stdout)["uncertainty"]
    again = json.loads(CliRunner().invoke(app, args).stdout)["uncertainty"]
    assert first == again and first["rerouted"] is True
    assert any(c["routes_best_in_samples"] > 1 for c in first["corridors"])
    for shares in first["probability_best"].values():  # each share rounded to 4 places
        assert sum(shares.values()) == pytest.approx(1, abs=0.00005 * len(shares))
