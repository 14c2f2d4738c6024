"""Emissions, ISO 14083 / GLEC style: TTW + WTT = WTW by mode, checked by hand."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import document, edge, model_parameters, node
from corridors.analysis.emissions import chain, defaults
from corridors.analysis.routing import best_route
from corridors.cli import app
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network


def test_chain_by_hand() -> None:
    # 400 km rail then 300 km sea (a transshipment), 10 t: rail 0.02 TTW + 0.005 WTT,
    # sea 0.03 TTW + 0.006 WTT kg per t-km (conftest's parameters).
    doc = document(
        [node("a", 0, 0), node("b", 0, 3.6), node("c", 0, 6)],
        [edge("a", "b", 400), edge("b", "c", 300, mode="sea")],
    )
    del doc["edges"][1]["gauge_mm"]
    doc["parameters"] = model_parameters()
    network = parse_network(doc, "test")
    route = best_route(CorridorGraph.build(network), "a", "c", by="km")
    found = chain("east", route, network, 2026)
    rail, sea = found.modes
    assert (rail.mode, rail.tonne_km, rail.ttw_kg, rail.wtt_kg) == (
        "rail",
        4000,
        pytest.approx(80),
        pytest.approx(20),
    )
    assert (sea.mode, sea.tonne_km, sea.ttw_kg, sea.wtt_kg) == (
        "sea",
        3000,
        pytest.approx(90),
        pytest.approx(18),
    )
    assert rail.parameters == ("co2-rail", "wtt-rail")
    assert (found.hub_operations, found.transshipments, found.gauge_changes) == (1, 1, 0)
    doc_out = found.to_dict()
    assert doc_out["hubs_included"] is False and doc_out["hubs"]["co2e_wtw_kg"] is None
    assert doc_out["co2e_wtw_kg"] == pytest.approx(208)
    assert doc_out["intensity_wtw_g_per_t_km"] == pytest.approx(1000 * 208 / 7000, abs=0.01)
    assert {p.id for p in defaults(network)} == {
        f"{k}-{m}" for k in ("co2", "wtt") for m in ("rail", "ferry", "sea", "road")
    }


def test_emissions_command() -> None:
    import jsonschema

    from test_cli import output_schema

    result = CliRunner().invoke(app, ["emissions", "--json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(doc)
    for corridor in doc["corridors"]:
        assert corridor["co2e_wtw_kg"] == pytest.approx(
            corridor["co2e_ttw_kg"] + corridor["co2e_wtt_kg"], abs=0.2
        )
    assert all(d["sources"] for d in doc["default_intensities"])
