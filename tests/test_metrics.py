"""The time, cost and emissions model on hand-checkable networks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import document, edge, model_parameters, node, parameter
from corridors.analysis.metrics import CostModel
from corridors.analysis.router import Router
from corridors.analysis.routing import best_route
from corridors.analysis.scenario import Objective, Scenario
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network


def chain() -> dict:  # type: ignore[type-arg]
    """CN --rail 1435--> x --rail 1520 (border)--> y(KZ) --ferry--> z(AZ) --rail--> w(AZ)."""
    doc = document(
        [
            node("o", 0, 0, "CN"),
            node("x", 0, 1, "CN"),
            node("y", 0, 2, "KZ"),
            node("z", 0, 6, "AZ"),
            node("w", 0, 7, "AZ"),
        ],
        [
            edge("o", "x", 120, gauge_mm=1435),
            edge("x", "y", 120, gauge_mm=1520),
            edge("y", "z", 500, mode="ferry"),
            edge("z", "w", 120, gauge_mm=1520),
        ],
    )
    doc["edges"][2].pop("gauge_mm")
    doc["parameters"] = model_parameters()
    return doc


def test_route_amounts_follow_the_formula() -> None:
    graph = CorridorGraph.build(parse_network(chain(), "chain"))
    route = best_route(graph, "o", "w")
    # legs: 120/50 = 2.4 h; 120/50 + 5 border = 7.4 h; 500/20 + 7 wait + 5 border = 37 h; 2.4 h
    assert [round(leg.hours, 6) for leg in route.legs] == [2.4, 7.4, 37.0, 2.4]
    # stops: gauge change at x (1435 -> 1520), transshipment at y (rail -> ferry) and z (ferry -> rail)
    assert [(s.node, s.event, s.hours) for s in route.stops] == [
        ("x", "gauge_change", 10),
        ("y", "transshipment", 20),
        ("z", "transshipment", 20),
    ]
    totals = route.totals
    assert totals.hours == pytest.approx(2.4 + 7.4 + 37 + 2.4 + 10 + 20 + 20)
    # cost: 360 km rail x 1 + 500 km ferry x 3 + 2 borders x 50 + gauge 100 + 2 transshipments x 200
    assert totals.cost_usd == pytest.approx(360 + 1500 + 100 + 100 + 400)
    # CO2e: (360 x 0.02 + 500 x 0.05) x 10 t
    assert totals.co2e_kg == pytest.approx((360 * 0.02 + 500 * 0.05) * 10)
    assert (totals.gauge_changes, totals.mode_changes, totals.border_crossings) == (1, 2, 2)


def test_most_specific_parameter_wins_and_years_apply() -> None:
    doc = chain()
    doc["parameters"] += [
        parameter("speed-rail-kz", "speed_kmh", 40, mode="rail", country="AZ"),
        parameter("speed-rail-az-2030", "speed_kmh", 80, mode="rail", country="AZ", from_year=2030),
        parameter("speed-zw", "speed_kmh", 120, mode="rail", edge="z-w", from_year=2035),
        parameter("wait-y", "dwell_hours", 48, event="ferry_wait", node="y"),
    ]
    network = parse_network(doc, "chain")
    z_w = next(e for e in network.edges if e.id == "z-w")
    y_z = next(e for e in network.edges if e.id == "y-z")
    assert CostModel(network, 2026).leg(z_w, "z")["hours"] == pytest.approx(120 / 40)
    assert CostModel(network, 2030).leg(z_w, "z")["hours"] == pytest.approx(120 / 80)
    assert CostModel(network, 2035).leg(z_w, "z")["hours"] == pytest.approx(120 / 120)
    # the wait is at the port a sailing leaves from; both directions cross the KZ-AZ border (5 h)
    assert CostModel(network, 2026).leg(y_z, "y")["hours"] == pytest.approx(500 / 20 + 48 + 5)
    assert CostModel(network, 2026).leg(y_z, "z")["hours"] == pytest.approx(500 / 20 + 7 + 5)


def test_fastest_route_can_differ_from_the_shortest() -> None:
    doc = chain()
    # A road y-w: 640 km against 620 by ferry and rail, but 35.7 h against 79.4 h.
    doc["edges"].append(edge("y", "w", 640, mode="road", id="y-w-road"))
    doc["edges"][-1].pop("gauge_mm")
    graph = CorridorGraph.build(parse_network(doc, "chain"))
    shortest = best_route(graph, "o", "w")
    fastest = best_route(graph, "o", "w", by="hours")
    assert shortest.nodes == ("o", "x", "y", "z", "w") and shortest.totals.km == 860
    assert fastest.nodes == ("o", "x", "y", "w") and fastest.legs[-1].mode == "road"
    assert fastest.totals.hours == pytest.approx(2.4 + 7.4 + 10 + 20 + 640 / 60 + 5)
    assert fastest.totals.hours < shortest.totals.hours
    by_road = Router(graph).best_route("o", "w", Objective("km"), via=("y",))
    assert by_road.nodes == shortest.nodes


def test_missing_defaults_are_reported() -> None:
    from corridors.errors import DataError

    doc = chain()
    doc["parameters"] = [p for p in doc["parameters"] if p["id"] not in ("speed-ferry", "dwell-border")]
    with pytest.raises(DataError) as info:
        parse_network(doc, "chain")
    assert "parameters: no default speed_kmh for ferry" in str(info.value)
    assert "parameters: no default dwell_hours for border" in str(info.value)


def test_scenario_selects_parameter_year() -> None:
    graph = CorridorGraph.build(parse_network(chain(), "chain"))
    assert Router(graph, scenario=Scenario(as_of=2040)).costs.year == 2040
    assert Router(graph).costs.year == 2026


@settings(max_examples=300, deadline=None)
@given(
    records=st.lists(
        st.tuples(
            st.sampled_from([None, "KZ", "AZ"]),  # country
            st.sampled_from([None, "n1", "n2"]),  # node
            st.sampled_from([None, "e1", "e2"]),  # edge
            st.sampled_from([None, 2020, 2030]),  # from_year
        ),
        max_size=12,
    ),
    country=st.sampled_from([None, "KZ", "AZ", "UZ"]),
    node_id=st.sampled_from([None, "n1", "n2", "n3"]),
    edge_id=st.sampled_from([None, "e1", "e2", "e3"]),
)
def test_a_parameter_look_up_finds_the_first_record_a_scan_finds(
    records: list[tuple[str | None, str | None, str | None, int | None]],
    country: str | None,
    node_id: str | None,
    edge_id: str | None,
) -> None:
    """The indexed look-up against the plain rule: the most specific record that applies, then
    the latest in force, scanning every record (records naming a node and a country, or an edge
    and a node, included)."""
    from types import SimpleNamespace

    from corridors.network.model import Parameter

    params = tuple(
        Parameter(f"p{i}", "speed_kmh", float(i + 1), mode="rail", country=c, node=n, edge=e, from_year=y)
        for i, (c, n, e, y) in enumerate(records)
    )
    costs = CostModel(SimpleNamespace(parameters=params), 2025)  # type: ignore[arg-type]  # reads only these
    in_force = [p for p in params if p.from_year is None or p.from_year <= 2025]
    applies = [
        p
        for p in in_force
        if p.edge in (None, edge_id) and p.node in (None, node_id) and p.country in (None, country)
    ]
    ranked = sorted(applies, key=lambda p: (p.specificity, p.from_year or 0), reverse=True)
    expected = ranked[0] if ranked else None
    assert costs.parameter("speed_kmh", "rail", country=country, node=node_id, edge=edge_id) == expected
