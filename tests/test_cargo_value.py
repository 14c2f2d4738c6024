"""breakeven --over cargo-value, exact: the envelope against brute force over every route and a fine grid."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import document, edge, model_parameters, node, parameter
from corridors.analysis.cargovalue import cargo_breakeven
from corridors.analysis.router import Router
from corridors.analysis.scenario import Objective, RiskModel, Scenario
from corridors.cli import app
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network

PCT = 1.5  # % of the cargo value per day


def two_by_two() -> CorridorGraph:
    """Land (east): slow and cheap a-b-d, or fast and dear a-c-d. Sea (west): slow and cheap a-s-d, or a-t-d."""
    doc = document(
        [
            node("a", 0, 0),
            node("b", 0, 1),
            node("c", 0.5, 1),
            node("d", 0, 2),
            node("s", -1, 1),
            node("t", -1.5, 1),
        ],
        [
            edge("a", "b", 130, corridors=["east"]),
            edge("b", "d", 130, corridors=["east"]),
            edge("a", "c", 150, corridors=["east"]),
            edge("c", "d", 150, corridors=["east"]),
            edge("a", "s", 220, mode="sea", corridors=["west"]),
            edge("s", "d", 220, mode="sea", corridors=["west"]),
            edge("a", "t", 260, mode="sea", corridors=["west"]),
            edge("t", "d", 260, mode="sea", corridors=["west"]),
        ],
    )
    doc["parameters"] = [
        *model_parameters(),
        parameter("slow-ab", "speed_kmh", 8, mode="rail", edge="a-b"),
        parameter("slow-bd", "speed_kmh", 8, mode="rail", edge="b-d"),
        parameter("dear-ac", "cost_usd_per_km", 3.0, mode="rail", edge="a-c"),
        parameter("dear-cd", "cost_usd_per_km", 3.0, mode="rail", edge="c-d"),
        parameter("cheap-as", "cost_usd_per_km", 0.4, mode="sea", edge="a-s"),
        parameter("cheap-sd", "cost_usd_per_km", 0.4, mode="sea", edge="s-d"),
        parameter("fast-at", "speed_kmh", 80, mode="sea", edge="a-t"),
        parameter("fast-td", "speed_kmh", 80, mode="sea", edge="t-d"),
    ]
    return CorridorGraph.build(parse_network(doc, "two-by-two"))


def every_route(cgraph: CorridorGraph, corridor: str) -> list[tuple[float, float]]:
    """(cost, days) of every loopless route of the corridor: the brute force."""
    router = Router(cgraph, RiskModel(), Scenario(corridor=corridor))
    routes = router.alternatives("a", "d", Objective("cost"), 50)
    return [(r.totals.cost_usd, r.totals.hours / 24) for r in routes]


def test_land_against_sea_equals_brute_force_on_a_fine_grid() -> None:
    cgraph = two_by_two()
    result = cargo_breakeven(cgraph, "a", "d", PCT)
    land = next(c for c in result.corridors if c.id == "east")
    assert not land.sea and next(c for c in result.corridors if c.id == "west").sea
    assert len(land.pieces) == 2  # the land corridor's best route flips within the grid
    routes = {ident: every_route(cgraph, ident) for ident in ("east", "west")}
    assert len(routes["east"]) == 2 and len(routes["west"]) == 2
    (entry,) = result.entries
    intervals = entry.land_wins_usd
    assert intervals, "the land corridor wins somewhere on this network"
    boundaries = [x for lo, hi in intervals for x in (lo, hi) if x is not None]
    top = 3 * max(boundaries + [p.start / (PCT / 100) for p in land.pieces])
    checked = 0
    for step in range(4001):
        value = top * step / 4000
        if any(abs(value - b) < 1e-6 * top for b in boundaries):
            continue
        x = PCT / 100 * value
        best = {ident: min(cost + x * days for cost, days in found) for ident, found in routes.items()}
        inside = any(lo <= value and (hi is None or value < hi) for lo, hi in intervals)
        assert (best["east"] < best["west"]) == inside, value
        checked += 1
    assert checked > 3900
    # the breakeven itself: both corridors' best generalised costs are equal there (by brute force)
    x = PCT / 100 * entry.breakeven_usd
    east = min(cost + x * days for cost, days in routes["east"])
    west = min(cost + x * days for cost, days in routes["west"])
    assert east == pytest.approx(west, rel=1e-9)


def test_cargo_value_json_on_the_bundled_network_validates() -> None:
    import jsonschema

    from test_cli import output_schema

    run = CliRunner().invoke(app, ["breakeven", "--over", "cargo-value", "--to", "hamburg", "--json"])
    assert run.exit_code == 0, run.output
    doc: Any = json.loads(run.stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(doc)
    body = doc["rail_against_sea"]
    for entry in body["entries"]:
        if entry["rail_wins"] == "above":
            assert entry["land_wins_cargo_value_usd"][0][0] == entry["breakeven_cargo_value_usd"]
    for corridor in body["corridors"]:
        routes = corridor["routes"]
        assert routes[0]["from_cargo_value_usd"] == 0 and routes[-1]["to_cargo_value_usd"] is None
        assert [r["days"] for r in routes] == sorted((r["days"] for r in routes), reverse=True)
