"""Routes on the hand-made diamond network, whose answers are checked by hand."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from conftest import diamond, document, edge, mutated, node, risk
from corridors.analysis.routing import best_route, compare_corridors, find_routes
from corridors.analysis.scenario import RiskModel, Scenario, resolve_node
from corridors.errors import NoRouteError, UnknownNodeError, UsageError
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network


def test_shortest_by_km(diamond_graph: CorridorGraph) -> None:
    route = best_route(diamond_graph, "a", "d")
    assert route.nodes == ("a", "b", "d")
    assert route.totals.km == 240
    assert [leg.edge_id for leg in route.legs] == ["a-b", "b-d"]


def test_risk_weighted_route_avoids_the_sanctioned_edge(diamond_graph: CorridorGraph) -> None:
    # a-b-d: 240 km + 1.0 x 120 x 0.8 = 336; a-c-d: 280 km, no risk.
    route = best_route(diamond_graph, "a", "d", by="risk")
    assert route.nodes == ("a", "c", "d")
    assert route.totals.risk_weighted_km == 280
    shortest = best_route(diamond_graph, "a", "d")
    assert shortest.totals.risk_km == pytest.approx(96)
    assert shortest.totals.risk_weighted_km == pytest.approx(336)


def test_risk_weight_zero_means_risk_is_ignored(diamond_graph: CorridorGraph) -> None:
    route = best_route(diamond_graph, "a", "d", by="risk", model=RiskModel(risk_weight=0))
    assert route.nodes == ("a", "b", "d")


def test_factor_weight_scales_one_factor(diamond_graph: CorridorGraph) -> None:
    # Halving sanctions: 240 + 120 x 0.4 = 288 > 280, still avoided; at 0.3: 240 + 28.8 < 280.
    half = RiskModel(factor_weights=MappingProxyType({"sanctions": 0.5}))
    assert best_route(diamond_graph, "a", "d", by="risk", model=half).nodes == ("a", "c", "d")
    low = RiskModel(factor_weights=MappingProxyType({"sanctions": 0.3}))
    assert best_route(diamond_graph, "a", "d", by="risk", model=low).nodes == ("a", "b", "d")


def test_combined_risk_of_several_factors() -> None:
    from corridors.network.model import Risk

    model = RiskModel()
    risks = (Risk("sanctions", 0.5, "", ()), Risk("weather", 0.5, "", ()))
    assert model.combined(risks) == pytest.approx(0.75)
    assert model.combined(()) == 0
    doubled = RiskModel(factor_weights=MappingProxyType({"sanctions": 4}))
    assert doubled.combined(risks) == 1  # a weight can saturate a factor, never exceed 1


def test_node_risk_counts_where_the_route_passes() -> None:
    doc = mutated(diamond(), lambda d: d["nodes"][1].update(risks={"weather": risk(0.5)}))
    graph = CorridorGraph.build(parse_network(doc, "t"))
    no_edge_risk = RiskModel(factor_weights=MappingProxyType({"sanctions": 0}), node_km=200)
    route = best_route(graph, "a", "d", model=no_edge_risk)
    assert [(n.node, n.risk, n.risk_km) for n in route.node_risks] == [("b", 0.5, 100)]
    # exposure 100 km-equivalents over 240 km of line plus one node weighed as 200 km
    assert route.totals.risk == pytest.approx(100 / 440)
    # 240 + 100 = 340 > 280: the risk-weighted route now goes around b
    assert best_route(graph, "a", "d", by="risk", model=no_edge_risk).nodes == ("a", "c", "d")


def test_scenario_year_opens_projects(diamond_graph: CorridorGraph) -> None:
    east = Scenario(corridor="east")
    assert best_route(diamond_graph, "a", "d", scenario=east).totals.km == 280
    assert best_route(diamond_graph, "a", "d", scenario=Scenario(2027, "east")).totals.km == 280
    route = best_route(diamond_graph, "a", "d", scenario=Scenario(2028, "east"))
    assert route.totals.km == 265
    assert route.legs[1].edge_id == "c-d-new"
    assert route.legs[1].status == "under_construction"


def test_oneway_edges_run_one_way() -> None:
    doc = document([node("a", 0, 0), node("b", 0, 1)], [edge("a", "b", 120, oneway=True)])
    graph = CorridorGraph.build(parse_network(doc, "t"))
    assert best_route(graph, "a", "b").totals.km == 120
    with pytest.raises(NoRouteError, match="no route from b to a"):
        best_route(graph, "b", "a")


def test_totals_count_borders_gauges_and_mode_changes() -> None:
    doc = document(
        [
            node("a", 0, 0, "CN"),
            node("b", 0, 1, "KZ"),
            node("p", 0, 2, "KZ"),
            node("q", 0, 5, "AZ"),
            node("r", 0, 6, "GE"),
        ],
        [
            edge("a", "b", 112, gauge_mm=1435),
            edge("b", "p", 112, gauge_mm=1520),
            edge("p", "q", 340, mode="ferry", gauge_mm=None, km_basis="estimate", km_note="gc x 1.02"),
            edge("q", "r", 115, gauge_mm=1520),
        ],
    )
    for e in doc["edges"]:
        if e["gauge_mm"] is None:
            del e["gauge_mm"]
    route = best_route(CorridorGraph.build(parse_network(doc, "t")), "a", "r")
    totals = route.totals
    assert (totals.border_crossings, totals.gauge_changes, totals.mode_changes) == (3, 1, 2)
    assert totals.water_km == 340
    assert totals.estimated_km == 340
    assert totals.legs == 4


def test_find_routes_returns_both_when_they_differ(diamond_graph: CorridorGraph) -> None:
    routes = find_routes(diamond_graph, "a", "d")
    assert [r.criterion for r in routes] == ["km", "risk"]
    routes = find_routes(diamond_graph, "a", "d", by="risk")
    assert [r.nodes for r in routes] == [("a", "c", "d"), ("a", "b", "d")]
    same = find_routes(diamond_graph, "a", "c")
    assert len(same) == 1


def test_compare_restricts_each_corridor_to_its_edges(diamond_graph: CorridorGraph) -> None:
    comparison = compare_corridors(diamond_graph, "a", "d")
    by_id = {c.id: c for c in comparison.corridors}
    assert by_id["west"].route is not None and by_id["west"].route.nodes == ("a", "b", "d")
    assert by_id["east"].route is not None and by_id["east"].route.nodes == ("a", "c", "d")
    assert by_id["west"].km_more_than_shortest == 0
    assert by_id["east"].km_more_than_shortest == 40
    assert comparison.shortest is not None and comparison.shortest.id == "west"


def test_compare_reports_a_corridor_without_route(diamond_graph: CorridorGraph) -> None:
    comparison = compare_corridors(diamond_graph, "a", "b")
    by_id = {c.id: c for c in comparison.corridors}
    assert by_id["east"].route is None and by_id["east"].km_more_than_shortest is None
    with pytest.raises(NoRouteError, match="no corridor joins"):
        compare_corridors(diamond_graph, "b", "c")


def test_same_place_twice_is_a_usage_error(diamond_graph: CorridorGraph) -> None:
    with pytest.raises(UsageError, match="same place"):
        best_route(diamond_graph, "a", "a")


@pytest.mark.parametrize(
    "text", ["Malaszewicze", "MAŁASZEWICZE", "malaszewicze", "Terespol terminal", " małaszewicze "]
)
def test_nodes_resolve_by_id_name_alias_any_case_and_accent(text: str) -> None:
    doc = document(
        [
            node("malaszewicze", 52.03, 23.53, "PL", name="Małaszewicze", aliases=["Terespol terminal"]),
            node("b", 52.1, 23.7, "BY"),
        ],
        [],
    )
    assert resolve_node(parse_network(doc, "t"), text).id == "malaszewicze"


def test_unknown_node_suggests_near_names(diamond_graph: CorridorGraph) -> None:
    doc = document(
        [
            node("moiynty", 47.2, 73.4, name="Moiynty", aliases=["Moyynty"]),
            node("aktau", 43.6, 51.2, name="Aktau"),
        ],
        [],
    )
    network = parse_network(doc, "t")
    with pytest.raises(UnknownNodeError, match="unknown place 'Mointy'; did you mean moiynty"):
        resolve_node(network, "Mointy")
    with pytest.raises(UnknownNodeError, match="corridors nodes"):
        resolve_node(network, "Qwzxv")  # neither spelt alike nor in the gazetteer
    # Paris is in the gazetteer: Aktau (3,700 km) is nearer to it than Moiynty (5,100 km)
    with pytest.raises(UnknownNodeError, match=r"nearest on the map: aktau \(3,7\d\d km\), moiynty"):
        resolve_node(network, "Paris")


def test_ambiguous_name_lists_the_candidates() -> None:
    doc = document(
        [
            node("kyzylzhar-ulytau", 48.3, 69.6, name="Kyzylzhar"),
            node("kyzylzhar-karaganda", 49.6, 72.9, name="Kyzylzhar"),
        ],
        [],
    )
    network = parse_network(doc, "t")
    with pytest.raises(UnknownNodeError, match=r"ambiguous.*kyzylzhar-karaganda, kyzylzhar-ulytau"):
        resolve_node(network, "KYZYLZHAR")
    assert resolve_node(network, "Kyzylzhar-Ulytau").id == "kyzylzhar-ulytau"  # an id wins


def test_avoid_a_country_a_mode_a_place_or_a_corridor(diamond_graph: CorridorGraph) -> None:
    from corridors.analysis.scenario import Avoid, parse_avoid

    network = diamond_graph.network
    assert parse_avoid(network, ["UZ", "rail", "b", "West"]) == Avoid(
        frozenset({"b"}), frozenset({"UZ"}), frozenset({"rail"}), frozenset({"west"})
    )
    by_uz = best_route(diamond_graph, "a", "d", scenario=Scenario(avoid=Avoid(countries=frozenset({"UZ"}))))
    assert by_uz.nodes == ("a", "b", "d")
    not_b = best_route(diamond_graph, "a", "d", scenario=Scenario(avoid=Avoid(nodes=frozenset({"b"}))))
    assert not_b.nodes == ("a", "c", "d")
    not_west = best_route(
        diamond_graph, "a", "d", scenario=Scenario(avoid=Avoid(corridors=frozenset({"west"})))
    )
    assert not_west.nodes == ("a", "c", "d")
    with pytest.raises(NoRouteError):
        best_route(diamond_graph, "a", "d", scenario=Scenario(avoid=Avoid(modes=frozenset({"rail"}))))


def test_explain_names_the_constraint_that_cut_the_network(diamond_graph: CorridorGraph) -> None:
    from corridors.analysis.routing import explain_no_route
    from corridors.analysis.scenario import Avoid
    from corridors.errors import ConstraintError, ExitCode

    both = Scenario(avoid=Avoid(nodes=frozenset({"b"}), countries=frozenset({"UZ"})))
    reason = explain_no_route(diamond_graph, "a", "d", both, ())
    assert isinstance(reason, ConstraintError) and reason.exit_code == ExitCode.CONSTRAINED
    assert "--avoid UZ, b together cut every route" in str(reason)
    rail = Scenario(avoid=Avoid(modes=frozenset({"rail"})))
    assert "--avoid rail cut every route" in str(explain_no_route(diamond_graph, "a", "d", rail, ()))
    assert explain_no_route(diamond_graph, "a", "d", Scenario(), ()) is None


def test_via_passes_the_waypoints_in_order(diamond_graph: CorridorGraph) -> None:
    route = best_route(diamond_graph, "a", "d", via=("c",))
    assert route.nodes == ("a", "c", "d")
    there_and_back = best_route(diamond_graph, "b", "c", via=("d", "a"))
    assert there_and_back.nodes == ("b", "d", "b", "a", "c")  # d-b-a is 240 km, d-c-a 280
    with pytest.raises(UsageError, match="cannot be the place next to it"):
        best_route(diamond_graph, "a", "d", via=("d",))


def test_alternatives_stop_once_every_loopless_place_sequence_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three places, two loopless sequences (a-c, a-b-c), many parallel edges: asked for four routes,
    the search gives the two and stops, instead of pulling thousands of state paths (walks that
    change gauge or mode and come back) that can only repeat them."""
    import networkx as nx

    from corridors.analysis.router import Router
    from corridors.analysis.scenario import Objective

    classes = [("rail", 1520), ("rail", 1435), ("road", None)]
    edges = [
        edge(u, v, km, id=f"{u}-{v}-{mode}-{gauge or 0}", mode=mode, gauge_mm=gauge)
        for u, v, km in (("a", "c", 240), ("a", "b", 120), ("b", "c", 130))
        for mode, gauge in classes
    ]
    for item in edges:
        if item["gauge_mm"] is None:
            del item["gauge_mm"]
    doc = document([node("a", 0, 0), node("b", 0, 1), node("c", 0, 2)], edges)
    cgraph = CorridorGraph.build(parse_network(doc, "parallel"))
    pulled = 0
    real = nx.shortest_simple_paths

    def counting(graph: object, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        nonlocal pulled
        for path in real(graph, *args, **kwargs):  # type: ignore[arg-type]
            pulled += graph is cgraph.states  # the state paths, not the count of place sequences
            yield path

    monkeypatch.setattr(nx, "shortest_simple_paths", counting)
    found = Router(cgraph).alternatives("a", "c", Objective("km", 0.0), 4)
    assert [route.nodes for route in found] == [("a", "c"), ("a", "b", "c")]  # 240 km, then 250
    # each sequence's best state path comes before any walk dearer than it: a handful, not thousands
    assert pulled <= 2 * len(classes) ** 2
