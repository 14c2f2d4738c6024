"""projects and critical: one-to-all searches over a basket, against the router and hand sums."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import diamond, model_parameters
from corridors.analysis.basket import ArcTable, default_basket, routes
from corridors.analysis.critical import critical_links
from corridors.analysis.projects import rank_projects
from corridors.analysis.router import Router
from corridors.analysis.scenario import Objective, RiskModel, Scenario
from corridors.cli import app
from corridors.cli.common import load
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network


def diamond_graph_with_project() -> CorridorGraph:
    doc: dict[str, Any] = diamond()
    doc["parameters"] = model_parameters()
    doc["projects"] = [
        {
            "id": "shortcut",
            "name": "Shortcut",
            "kind": "new_line",
            "status": "under_construction",
            "opens": 2028,
            "edges": ["c-d-new"],
            "nodes": ["c", "d"],
            "summary": "test",
            "sources": ["s1"],
        }
    ]
    return CorridorGraph.build(parse_network(doc, "test"))


def test_one_to_all_search_equals_the_router_on_the_bundled_network() -> None:
    _, cgraph = load(None)
    pairs = default_basket(cgraph.network)[::23]
    for objective in (Objective("hours"), Objective("cost", 1.0), Objective("km")):
        router = Router(cgraph, RiskModel(), Scenario(as_of=2030))
        found = routes(ArcTable(router, objective), pairs)
        assert set(found) == set(pairs)
        for (origin, destination), reached in found.items():
            route = router.best_route(origin, destination, objective)
            assert reached.amount("hours") == pytest.approx(route.totals.hours)
            assert reached.amount("cost_usd") == pytest.approx(route.totals.cost_usd)
            assert reached.amount("km") == pytest.approx(route.totals.km)


def test_critical_on_the_diamond_by_hand() -> None:
    # a to d by hours: west a-b-d 9.8 h (USD 290); without a-b (or b) east a-c-d 25.6 h (USD 480)
    cgraph = diamond_graph_with_project()
    result = critical_links(cgraph, [("a", "d")], Objective("hours"))
    losses = {(loss.kind, loss.id): loss for loss in result.losses}
    assert set(losses) == {("edge", "a-b"), ("edge", "b-d"), ("place", "b")}
    for loss in losses.values():
        assert (loss.pairs_using, loss.pairs_cut) == (1, 0)
        assert loss.amount("hours") == pytest.approx(25.6 - 9.8)
        assert loss.amount("cost_usd") == pytest.approx(480 - 290)
    # within the west corridor there is no other way: the pair is cut off
    west = critical_links(cgraph, [("a", "d")], Objective("hours"), corridor="west")
    assert all(loss.pairs_cut == 1 for loss in west.losses)


def test_project_saving_on_the_diamond_by_hand() -> None:
    # east in 2028: a-c 140 km, then the new c-d 125 km (instead of 140): 15 km and 0.3 h saved,
    # USD 15 (1 USD/km), 15 km x 0.025 kg/t-km x 10 t = 3.75 kg CO2e WTW
    cgraph = diamond_graph_with_project()
    ranking = rank_projects(cgraph, [("a", "d")], Objective("km"), as_of=2028)
    (effect,) = ranking.projects
    assert (effect.corridor, effect.pairs_using, effect.pairs_connected) == ("east", 1, 0)
    assert effect.saving("km") == pytest.approx(15)
    assert effect.saving("hours") == pytest.approx(0.3)
    assert effect.saving("cost_usd") == pytest.approx(15)
    assert effect.saving("co2e_wtw_kg") == pytest.approx(3.75)


@pytest.mark.parametrize("command", ["projects", "critical"])
def test_commands_answer_with_json_in_the_schema(command: str) -> None:
    import jsonschema

    from test_cli import output_schema

    result = CliRunner().invoke(app, [command, "--json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(doc)
    assert doc["pairs"] == len(default_basket(load(None)[0]))


def test_pairs_file(tmp_path: Any) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("from,to\nXian,Duisburg\nchongqing,rotterdam\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["critical", "--pairs", str(path), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["pairs"] == 2
    path.write_text("from,to\nXian,Nowhere\n", encoding="utf-8")
    bad = CliRunner().invoke(app, ["critical", "--pairs", str(path)])
    assert bad.exit_code != 0 and "Nowhere" in bad.stderr
