"""sensitivity: one-at-a-time swings checked by hand on two parallel lines."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import document, edge, model_parameters, node
from corridors.analysis.routing import compare_corridors
from corridors.analysis.sensitivity import swings
from corridors.cli import app
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network
from corridors.render.tables_sensitivity import bar


def test_swings_by_hand() -> None:
    # east: 1,000 km sourced (+-2%); west: 1,100 km estimated (+-15%). By km, east - west = -100.
    # west low: 1000 - 935 = +65 (flips); west high: 1000 - 1265 = -265; east: -120 .. -80 (no flip)
    doc = document(
        [node("a", 0, 0), node("b", 0, 8)],
        [
            edge("a", "b", 1000, corridors=["east"]),
            edge("a", "b", 1100, id="a-b-west", km_basis="estimate", km_note="test", corridors=["west"]),
        ],
    )
    doc["parameters"] = model_parameters()
    network = parse_network(doc, "test")
    comparison = compare_corridors(CorridorGraph.build(network), "a", "b")
    routes = {c.id: c.route for c in comparison.corridors if c.route}
    result = swings(("east", routes["east"]), ("west", routes["west"]), "km", network, 2026)
    assert result.difference == pytest.approx(-100)
    first, second = result.swings
    assert (first.input.id, first.low, first.high, first.flips) == (
        "a-b-west",
        pytest.approx(65),
        pytest.approx(-265),
        True,
    )
    assert (second.input.id, second.low, second.high, second.flips) == (
        "a-b",
        pytest.approx(-120),
        pytest.approx(-80),
        False,
    )
    assert first.variance_share == pytest.approx(330**2 / (330**2 + 40**2))
    assert [s.input.id for s in result.flippers] == ["a-b-west"]


def test_bar_spans_low_to_high_around_the_base() -> None:
    # 10 cells a side for a swing of 2: low -1 is 5 cells left, high 2 is 10 cells right
    assert bar(-1, 2, 0, 2) == " " * 5 + "█" * 5 + "┼" + "█" * 10
    assert bar(1, 2, 0, 2) == " " * 10 + "│" + " " * 4 + "█" * 6


def test_sensitivity_command() -> None:
    import jsonschema

    from test_cli import output_schema

    args = ["sensitivity", "--from", "chongqing", "--to", "rotterdam", "--corridor", "middle", "--corridor"]
    result = CliRunner().invoke(app, [*args, "sea-suez", "--json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(doc)
    assert (doc["corridor_a"], doc["corridor_b"]) == ("middle", "sea-suez")
    text = CliRunner().invoke(app, [*args, "sea-suez"], env={"COLUMNS": "120"}).stdout
    assert "What decides Middle Corridor against Sea via Suez" in text
    bad = CliRunner().invoke(app, ["sensitivity", "--corridor", "middle"])
    assert bad.exit_code != 0 and "two corridors" in bad.stderr


def test_risk_values_swing_the_risk_exposure_by_hand() -> None:
    # east: 1,000 km sourced (+-2%) with weather 0.5 on the edge (0.375-0.625): exposure 500 km;
    # west: 1,100 km, no risk. risk_km east - west = 500: weather low 375, high 625; km 490 .. 510.
    doc = document(
        [node("a", 0, 0), node("b", 0, 8)],
        [
            edge(
                "a",
                "b",
                1000,
                corridors=["east"],
                risks={"weather": {"value": 0.5, "why": "t", "sources": ["s1"]}},
            ),
            edge("a", "b", 1100, id="a-b-west", corridors=["west"]),
        ],
    )
    doc["parameters"] = model_parameters()
    network = parse_network(doc, "test")
    comparison = compare_corridors(CorridorGraph.build(network), "a", "b")
    routes = {c.id: c.route for c in comparison.corridors if c.route}
    result = swings(("east", routes["east"]), ("west", routes["west"]), "risk_km", network, 2026)
    assert result.difference == pytest.approx(500)
    first, second = result.swings
    assert (first.input.kind, first.input.id, first.low, first.high) == (
        "risk",
        "edge:a-b/weather",
        pytest.approx(375),
        pytest.approx(625),
    )
    assert (second.input.id, second.low, second.high) == ("a-b", pytest.approx(490), pytest.approx(510))
    assert not result.flippers


def test_sensitivity_by_risk_lists_risk_inputs() -> None:
    args = ["sensitivity", "--from", "chongqing", "--to", "rotterdam", "--by", "risk_km", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["criterion"] == "risk_km"
    assert any(item["kind"] == "risk" for item in doc["inputs"])
    for fmt in ("table", "csv", "markdown"):
        shown = CliRunner().invoke(app, [*args[:-1], "--format", fmt])
        assert shown.exit_code == 0, (fmt, shown.output)
        assert "risk" in shown.stdout
