"""The verdict and rail against sea, checked against hand calculations on tiny networks."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import diamond, document, edge, model_parameters, node
from corridors.analysis.routing import compare_corridors
from corridors.analysis.scenario import RiskModel
from corridors.analysis.valueoftime import ABOVE, ALWAYS, BELOW, NEVER, breakeven_value, rail_against_sea
from corridors.analysis.verdict import judge, no_route_reasons
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network


def graph(doc: dict[str, Any]) -> CorridorGraph:
    doc["parameters"] = model_parameters()
    return CorridorGraph.build(parse_network(doc, "test"))


def test_diamond_verdict_by_hand() -> None:
    # west a-b-d: 240 km, one border (b-d): 2.4 + 2.4 + 5 = 9.8 h; 240 + 50 = USD 290;
    # WTW 240 x (0.02 + 0.005) x 10 t = 60 kg; risk 120 x 0.8 / 240 = 0.4.
    # east a-c-d: 280 km, two borders and a gauge change at c: 5.6 + 5 + 5 + 10 = 25.6 h;
    # 280 + 50 + 50 + 100 = USD 480; WTW 70 kg; risk 0.
    cgraph = graph(diamond())
    comparison = compare_corridors(cgraph, "a", "d", by="cost")
    verdict = judge(comparison, cgraph.network, by="cost", model=RiskModel(1.0))
    best = {b.criterion: (b.corridor, b.value, b.margin) for b in verdict.best}
    assert best["hours"] == ("west", pytest.approx(9.8), pytest.approx(15.8))
    assert best["cost"] == ("west", pytest.approx(290), pytest.approx(190))
    assert best["co2_wtw"] == ("west", pytest.approx(60), pytest.approx(10))
    assert best["risk"] == ("east", 0.0, pytest.approx(0.4))
    # at weight 1: west 290 + 1 x (120 x 0.8) = 386 against east 480
    recommended = verdict.recommended
    assert recommended is not None
    assert (recommended.corridor, recommended.value, recommended.margin) == (
        "west",
        pytest.approx(386),
        pytest.approx(94),
    )
    # at weight 2: west 290 + 192 = 482 against east 480: east, and the reason says why
    heavier = judge(comparison, cgraph.network, by="cost", model=RiskModel(2.0)).recommended
    assert heavier is not None
    assert (heavier.corridor, heavier.margin) == ("east", pytest.approx(2))
    assert "West is better without risk" in heavier.reason
    assert any(s.startswith("Cheapest: West (290 USD, 190 USD ahead of East)") for s in verdict.sentences)


def test_no_route_reasons_name_the_missing_end_and_the_opening_year() -> None:
    doc = document(
        [node("a", 0, 0), node("b", 0, 1), node("c", 0.5, 1), node("d", 0, 2)],
        [
            edge("a", "b", 120, corridors=["west"]),
            edge("a", "c", 140, corridors=["east"]),
            edge("c", "d", 140, corridors=["east"], status="planned", opens=2029),
        ],
    )
    doc["corridors"].append({"id": "north", "name": "North"})
    doc["edges"].append(edge("a", "d", 500, id="a-d-north", corridors=["north"]))
    cgraph = graph(doc)
    comparison = compare_corridors(cgraph, "a", "d")
    reasons = no_route_reasons(cgraph, comparison, as_of=None)
    assert reasons == {
        "west": "no line of this corridor reaches D",
        "east": "its lines join the two places only once lines open in 2029 (try --as-of 2029)",
    }


def sea_and_rail() -> dict[str, Any]:
    # rail a-c-d 2,000 km at 50 km/h and USD 1/km: 40 h, USD 2,000.
    # sea a-d 3,000 km at 25 km/h plus a 7 h wait for the sailing: 127 h; USD 0.5/km: 1,500.
    doc = document(
        [node("a", 0, 0), node("c", 0, 8.9), node("d", 0, 17.8)],
        [
            edge("a", "c", 1000, corridors=["east"]),
            edge("c", "d", 1000, corridors=["east"]),
            edge("a", "d", 3000, mode="sea", corridors=["west"]),
        ],
    )
    del doc["edges"][2]["gauge_mm"]
    return doc


def test_rail_against_sea_by_hand() -> None:
    doc = sea_and_rail()
    doc["parameters"] = [{**p, "value": 0.5} if p["id"] == "rate-sea" else p for p in model_parameters()]
    cgraph = CorridorGraph.build(parse_network(doc, "test"))
    comparison = compare_corridors(cgraph, "a", "d", by="cost")
    ((entry,),) = [rail_against_sea(comparison, 1.35).entries]
    assert (entry.corridor, entry.sea, entry.rail_wins) == ("east", "west", ABOVE)
    days = (127 - 40) / 24
    assert entry.days_saved == pytest.approx(days)
    assert entry.extra_cost_usd == pytest.approx(500)
    assert entry.breakeven_usd == pytest.approx(500 / (0.0135 * days))
    assert entry.breakeven_low_usd == pytest.approx(500 / (0.021 * days))
    assert entry.breakeven_high_usd == pytest.approx(500 / (0.006 * days))


@pytest.mark.parametrize(
    ("extra", "days", "wins"),
    [(500, 3, ABOVE), (-500, -3, BELOW), (-500, 3, ALWAYS), (0, 3, ALWAYS), (500, -3, NEVER), (0, 0, NEVER)],
)
def test_breakeven_value_cases(extra: float, days: float, wins: str) -> None:
    found, value = breakeven_value(extra, days, 1.0)
    assert found == wins
    if value is None:
        return
    # a hair either side of the breakeven, land minus sea generalised cost has the claimed sign:
    # (cost_L + p V days_L) - (cost_S + p V days_S) = extra - p V days_saved
    for cargo, land_better in ((value * 1.01, wins == ABOVE), (value * 0.99, wins == BELOW)):
        assert (extra - 0.01 * cargo * days < 0) == land_better


def test_compare_ends_with_a_verdict_and_json_has_it() -> None:
    from typer.testing import CliRunner

    from corridors.cli import app

    runner = CliRunner()
    text = runner.invoke(app, ["compare", "--from", "chongqing", "--to", "rotterdam"], env={"COLUMNS": "100"})
    assert text.exit_code == 0
    assert "Verdict" in text.stdout and "Recommended:" in text.stdout and "beats Sea via Suez" in text.stdout
    doc = json.loads(
        runner.invoke(app, ["compare", "--from", "chongqing", "--to", "rotterdam", "--json"]).stdout
    )
    assert doc["verdict"]["recommended"]["corridor"] in {c["id"] for c in doc["corridors"]}
    assert doc["rail_against_sea"]["value_of_time_pct_per_day"] == 1.35


def test_breakeven_over_cargo_value_from_the_envelope_routes() -> None:
    """Each breakeven is where the two corridors' envelope routes (listed in the JSON) cost the same.

    Below it the cheapest routes are those `compare --by cost` finds; the exact envelope against
    brute force is tests/test_cargo_value.py.
    """
    import jsonschema
    from typer.testing import CliRunner

    from corridors.cli import app
    from test_cli import output_schema

    runner = CliRunner()
    args = ["--from", "xian", "--to", "hamburg", "--json"]
    doc = json.loads(
        runner.invoke(app, ["breakeven", "--over", "cargo-value", "--value-of-time", "2", *args]).stdout
    )
    jsonschema.Draft202012Validator(output_schema()).validate(doc)
    compared = json.loads(runner.invoke(app, ["compare", "--by", "cost", *args]).stdout)
    totals = {c["id"]: c["totals"] for c in compared["corridors"] if c["totals"]}
    body = doc["rail_against_sea"]
    routes = {c["id"]: c["routes"] for c in body["corridors"]}
    for ident, found in routes.items():  # at a cargo value of 0 the best route is the cheapest
        assert found[0]["cost_usd"] == pytest.approx(totals[ident]["cost_usd"], abs=1)
    entries = body["entries"]
    assert {(e["corridor"], e["sea_corridor"]) for e in entries} == {
        (land, sea) for land in ("middle", "northern", "southern") for sea in ("sea-suez", "sea-cape")
    }

    def best(ident: str, value: float) -> float:
        return min(r["cost_usd"] + 0.02 * value * r["days"] for r in routes[ident])

    for e in entries:
        if e["rail_wins"] == "above":
            value = e["breakeven_cargo_value_usd"]
            assert value == pytest.approx(e["extra_cost_usd"] / (0.02 * e["days_saved"]), rel=2e-3, abs=2)
            gap = best(e["corridor"], value) - best(e["sea_corridor"], value)
            assert abs(gap) < 1e-3 * best(e["sea_corridor"], value) + 2
            assert best(e["corridor"], value * 1.05) < best(e["sea_corridor"], value * 1.05)
            assert best(e["corridor"], value * 0.95) > best(e["sea_corridor"], value * 0.95)


def test_compare_says_its_rail_sea_values_are_for_the_routes_it_shows() -> None:
    """compare's values hold its shown routes fixed; the exact envelope (another command) may differ."""
    from typer.testing import CliRunner

    from corridors.cli import app

    def table(*args: str) -> str:
        result = CliRunner().invoke(app, ["compare", *args], env={"CORRIDORS_DATA": "", "COLUMNS": "400"})
        assert result.exit_code == 0, result.stderr
        return result.stdout

    note = "These values are for the routes shown above; `corridors breakeven --over cargo-value`"
    with_sea = table("--corridor", "middle", "--corridor", "sea-suez")
    assert "Middle Corridor beats Sea via Suez" in with_sea and note in with_sea
    assert note not in table("--corridor", "middle", "--corridor", "northern")  # no sea: nothing to qualify
