"""Emissions, ISO 14083 / GLEC style: TTW + WTT = WTW by mode, checked by hand."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import document, edge, model_parameters, node, parameter
from corridors.analysis.emissions import HUB, chain, defaults
from corridors.analysis.routing import best_route
from corridors.cli import app
from corridors.errors import DataError
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network


def hub_doc() -> dict[str, Any]:
    """a -rail 1435, 100-> m -rail 1520, 300-> b -sea, 300-> c: a gauge change at m, a transshipment at b."""
    doc = document(
        [node("a", 0, 0), node("m", 0, 0.9), node("b", 0, 3.6), node("c", 0, 6)],
        [edge("a", "m", 100, gauge_mm=1435), edge("m", "b", 300), edge("b", "c", 300, mode="sea")],
    )
    del doc["edges"][2]["gauge_mm"]
    doc["parameters"] = [
        *model_parameters(),
        parameter("co2e-wtw-gauge-change", "co2e_wtw_kg", 3, event="gauge_change"),
        parameter("co2e-wtw-transshipment", "co2e_wtw_kg", 5, event="transshipment"),
        parameter("co2e-wtw-transshipment-b", "co2e_wtw_kg", 7, event="transshipment", node="b"),
    ]
    return doc


def test_chain_by_hand() -> None:
    # 400 km rail then 300 km sea, 10 t: rail 0.02 TTW + 0.005 WTT, sea 0.03 TTW + 0.006 WTT kg
    # per t-km (conftest's parameters); hubs: the default gauge change, 3 kg, and b's own
    # transshipment, 7 kg (not the default 5), well to wheel only.
    network = parse_network(hub_doc(), "test")
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
    assert (found.hub_operations, found.transshipments, found.gauge_changes) == (2, 1, 1)
    doc_out = found.to_dict()
    assert doc_out["hubs_included"] is True and doc_out["hubs"]["missing"] == 0
    assert doc_out["hubs"]["co2e_wtw_kg"] == doc_out["hubs"]["co2e_kg"] == pytest.approx(3 + 7)
    assert doc_out["hubs"]["co2e_ttw_kg"] is None
    assert doc_out["hubs"]["parameters"] == ["co2e-wtw-gauge-change", "co2e-wtw-transshipment-b"]
    assert (doc_out["co2e_ttw_kg"], doc_out["co2e_wtt_kg"]) == (pytest.approx(170), pytest.approx(38))
    assert doc_out["co2e_wtw_kg"] == pytest.approx(170 + 38 + 10)
    assert doc_out["intensity_wtw_g_per_t_km"] == pytest.approx(1000 * 218 / 7000, abs=0.01)
    # the route's own totals agree: its stops carry the hubs, in well to wheel only
    assert route.totals.co2e_wtw_kg == pytest.approx(218) and route.totals.co2e_kg == pytest.approx(170)
    assert [(s.event, s.co2e_kg, s.co2e_wtw_kg) for s in route.stops] == [
        ("gauge_change", 0, pytest.approx(3)),
        ("transshipment", 0, pytest.approx(7)),
    ]
    assert {p.id for p in defaults(network)} == {
        f"{k}-{m}" for k in ("co2", "wtt") for m in ("rail", "ferry", "sea", "road")
    }
    assert [p.id for p in defaults(network, (HUB,))] == ["co2e-wtw-gauge-change", "co2e-wtw-transshipment"]


def test_a_hub_without_a_figure_is_said_and_adds_nothing() -> None:
    """Without a gauge-change figure the gauge change adds nothing, here as in the route's totals."""
    doc = hub_doc()
    doc["parameters"] = [p for p in doc["parameters"] if p["id"] != "co2e-wtw-gauge-change"]
    network = parse_network(doc, "test")
    route = best_route(CorridorGraph.build(network), "a", "c", by="km")
    out = chain("east", route, network, 2026).to_dict()
    assert out["hubs_included"] is False and out["hubs"]["missing"] == 1
    assert out["hubs"]["co2e_wtw_kg"] == pytest.approx(7) and out["hubs"]["parameters"] == [
        "co2e-wtw-transshipment-b"
    ]
    assert out["co2e_wtw_kg"] == pytest.approx(170 + 38 + 7) == pytest.approx(route.totals.co2e_wtw_kg)
    assert "not all included" in out["hubs"]["note"]


def test_a_hub_figure_is_only_for_a_hub_event() -> None:
    doc = hub_doc()
    doc["parameters"].append(parameter("co2e-wtw-border", "co2e_wtw_kg", 1, event="border"))
    with pytest.raises(DataError):
        parse_network(doc, "test")


def test_emissions_command() -> None:
    import jsonschema

    from test_cli import output_schema

    result = CliRunner().invoke(app, ["emissions", "--json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(doc)
    for corridor in doc["corridors"]:
        hubs = corridor["hubs"]
        assert corridor["hubs_included"] is True
        assert corridor["co2e_wtw_kg"] == pytest.approx(
            corridor["co2e_ttw_kg"] + corridor["co2e_wtt_kg"] + hubs["co2e_wtw_kg"], abs=0.2
        )
        # HHLA's published handling figures per TEU, doubled for an FEU: 10 kg in the Port of
        # Hamburg for each transshipment, 7 kg at the Prague rail terminal for each gauge change
        assert hubs["co2e_wtw_kg"] == pytest.approx(
            2 * 10 * hubs["transshipments"] + 2 * 7 * hubs["gauge_changes"]
        )
        assert hubs["operations"] == hubs["transshipments"] + hubs["gauge_changes"] > 0
    assert all(d["sources"] for d in doc["default_intensities"])
    assert [(d["event"], d["kg_co2e_wtw_per_container"]) for d in doc["default_hub_intensities"]] == [
        ("transshipment", 20),
        ("gauge_change", 14),
    ]
    assert all("hhla-co2-per-container" in d["sources"] for d in doc["default_hub_intensities"])


def test_emissions_rows_add_up_to_each_total() -> None:
    result = CliRunner().invoke(app, ["emissions", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    for corridor in {r["corridor"] for r in rows}:
        mine = [r for r in rows if r["corridor"] == corridor]
        total = next(r for r in mine if r["mode"] == "all")
        parts = [r for r in mine if r["mode"] != "all"]
        assert [r["mode"] for r in parts][-1] == "hubs" and parts[-1]["co2e_ttw_kg"] == ""
        added = math.fsum(float(r["co2e_wtw_kg"]) for r in parts)  # rows rounded to 0.1 kg
        assert added == pytest.approx(float(total["co2e_wtw_kg"]), abs=0.05 * len(parts))
