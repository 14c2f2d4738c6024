"""CAREC indicators by hand: one border with a break of gauge, then a domestic leg."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import document, edge, model_parameters, node
from corridors.analysis.carec import indicators, section_speeds
from corridors.analysis.routing import best_route
from corridors.cli import app
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network


def test_indicators_by_hand() -> None:
    # a (CN) - b (KZ): 100 km standard gauge, a border (5 h, USD 50); b - c: 400 km broad gauge.
    # At 50 km/h: running 2 + 8 = 10 h; border 5 h; gauge change at b 10 h (USD 100): 25 h in all.
    # Cost 100 + 50 + 400 + 100 = USD 650 for 10 t over 500 km.
    doc = document(
        [node("a", 0, 0, country="CN"), node("b", 0, 0.8), node("c", 0, 4.3)],
        [edge("a", "b", 100, gauge_mm=1435), edge("b", "c", 400)],
    )
    doc["parameters"] = model_parameters()
    network = parse_network(doc, "test")
    route = best_route(CorridorGraph.build(network), "a", "c", by="hours")
    found = indicators("east", route, network, 2026)
    assert found.speed_without_delay_kmh == pytest.approx(500 / 10)
    assert found.speed_with_delay_kmh == pytest.approx(500 / 25)
    (crossing,) = found.crossings
    assert (crossing.countries, crossing.time_hours, crossing.cost_usd) == ("CN-KZ", 15, 150)
    assert found.cost_per_500km_20t_usd == pytest.approx(650 * (500 / 500) * (20 / 10))
    # within KZ: b-c alone, 400 km in 8 running hours, plus the gauge change at b
    km, swod, swd = section_speeds(route, network, 2026, frozenset({"KZ"}))
    assert (km, swod, swd) == (400, pytest.approx(50), pytest.approx(400 / 18))


def test_carec_command_json_satisfies_the_schema() -> None:
    import jsonschema

    from test_cli import output_schema

    result = CliRunner().invoke(app, ["carec", "--json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(doc)
    middle = next(c for c in doc["corridors"] if c["corridor"] == "middle")
    assert middle["speed_with_delay_kmh"] < middle["speed_without_delay_kmh"]
    assert any(c["edge_id"] == "alashankou-dostyk" for c in middle["crossings"])
