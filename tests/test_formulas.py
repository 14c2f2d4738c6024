"""Every term of the time, cost and CO2e formulas against hand calculation and brute force.

Written from the mutation check (docs/mutation.md): each figure below is worked out by hand
from the parameters of the test network, in which every term is non-zero and every level of
specificity (default, country, node, edge, a later year) decides at least one figure, so a
term dropped, a parameter read at the wrong end of an edge or a criterion swapped for
another changes a number here.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import document, edge, model_parameters, node, parameter, risk
from corridors.analysis.breakeven import breakeven
from corridors.analysis.metrics import CostModel
from corridors.analysis.router import Router
from corridors.analysis.routing import best_route
from corridors.analysis.scenario import Objective, RiskModel, Scenario
from corridors.errors import DataError, NoRouteError, UsageError
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network
from test_properties import NODE_IDS, sequence_costs

CARGO_T = 12


def line_doc() -> dict[str, Any]:
    """a (CN) -rail 1435, 150-> b (KZ) -rail 1520, 200-> c (KZ) -rail 1520, 120-> p (KZ) -ferry, 300-> q (AZ)."""
    doc = document(
        [
            node("a", 0, 0, "CN"),
            node("b", 0, 1, "KZ"),
            node("c", 0, 2.5, "KZ"),
            node("p", 0, 3.5, "KZ"),
            node("q", 0, 6, "AZ"),
        ],
        [
            edge("a", "b", 150, gauge_mm=1435),
            edge("b", "c", 200),
            edge("c", "p", 120),
            edge("p", "q", 300, mode="ferry"),
        ],
    )
    del doc["edges"][3]["gauge_mm"]
    doc["parameters"] = [
        *(p for p in model_parameters() if "mode" in p),  # the defaults per mode
        parameter("cargo", "cargo_t", CARGO_T),
        # rail: 50 km/h, 1 USD/km, 0.02 + 0.005 kg/t-km by default; ferry: 20 km/h, 3 USD/km, 0.05 + 0.008
        parameter("speed-rail-kz", "speed_kmh", 40, mode="rail", country="KZ"),
        parameter("speed-c-p", "speed_kmh", 30, mode="rail", edge="c-p"),
        parameter("rate-rail-kz", "cost_usd_per_km", 1.5, mode="rail", country="KZ", from_year=2020),
        parameter("rate-rail-kz-2030", "cost_usd_per_km", 2.5, mode="rail", country="KZ", from_year=2030),
        parameter("co2-rail-kz", "co2e_kg_per_t_km", 0.025, mode="rail", country="KZ"),
        parameter("wtt-c-p", "co2e_wtt_kg_per_t_km", 0.007, mode="rail", edge="c-p"),
        # events: a default, then the place a leg leaves from, then the edge
        parameter("dwell-border", "dwell_hours", 5, event="border"),
        parameter("dwell-border-b", "dwell_hours", 30, event="border", node="b"),
        parameter("dwell-border-p-q", "dwell_hours", 9, event="border", edge="p-q"),
        parameter("cost-border", "cost_usd", 50, event="border"),
        parameter("cost-border-a", "cost_usd", 70, event="border", node="a"),
        parameter("dwell-ferry-wait", "dwell_hours", 7, event="ferry_wait"),
        parameter("dwell-ferry-wait-p", "dwell_hours", 11, event="ferry_wait", node="p"),
        parameter("cost-ferry-wait", "cost_usd", 30, event="ferry_wait"),
        parameter("cost-ferry-wait-p-q", "cost_usd", 40, event="ferry_wait", edge="p-q"),
        parameter("dwell-gauge-change", "dwell_hours", 10, event="gauge_change"),
        parameter("dwell-gauge-change-b", "dwell_hours", 14, event="gauge_change", node="b"),
        parameter("cost-gauge-change", "cost_usd", 100, event="gauge_change"),
        parameter("dwell-transshipment", "dwell_hours", 20, event="transshipment"),
        parameter("dwell-transshipment-p", "dwell_hours", 24, event="transshipment", node="p"),
        parameter("cost-transshipment", "cost_usd", 200, event="transshipment"),
        parameter("cost-transshipment-p", "cost_usd", 260, event="transshipment", node="p"),
        # hubs, well to wheel only: a default per hub event, then the place
        parameter("co2e-wtw-gauge-change", "co2e_wtw_kg", 3, event="gauge_change"),
        parameter("co2e-wtw-transshipment", "co2e_wtw_kg", 5, event="transshipment"),
        parameter("co2e-wtw-transshipment-p", "co2e_wtw_kg", 6, event="transshipment", node="p"),
    ]
    return doc


def amounts(hours: float, cost: float, ttw_t_km: float, wtt_t_km: float) -> dict[str, float]:
    """Hours, USD and kg CO2e (tank to wheel, well to wheel) from tonne-independent figures."""
    ttw = ttw_t_km * CARGO_T
    return {"hours": hours, "cost_usd": cost, "co2e_kg": ttw, "co2e_wtw_kg": ttw + wtt_t_km * CARGO_T}


# Each leg in both directions: (edge, departure) -> its parts, worked out by hand (year 2026).
LEGS = {
    # CN-KZ: no country figure applies; the border at a costs a's 70 USD and waits the default 5 h,
    ("a-b", "a"): {
        "running": amounts(150 / 50, 150 * 1.0, 150 * 0.02, 150 * 0.005),
        "border": amounts(5, 70, 0, 0),
    },
    # ... and leaving b it waits b's 30 h and costs the default 50 USD.
    ("a-b", "b"): {
        "running": amounts(150 / 50, 150 * 1.0, 150 * 0.02, 150 * 0.005),
        "border": amounts(30, 50, 0, 0),
    },
    # inside KZ: Kazakhstan's speed, rate (the 2030 one not yet in force) and CO2e; no border
    ("b-c", "b"): {"running": amounts(200 / 40, 200 * 1.5, 200 * 0.025, 200 * 0.005)},
    ("b-c", "c"): {"running": amounts(200 / 40, 200 * 1.5, 200 * 0.025, 200 * 0.005)},
    # the edge's own speed and well-to-tank figure beat Kazakhstan's and the default
    ("c-p", "c"): {"running": amounts(120 / 30, 120 * 1.5, 120 * 0.025, 120 * 0.007)},
    # KZ-AZ by ferry: the edge's border dwell, the port's wait for a sailing, the edge's wait cost
    ("p-q", "p"): {
        "running": amounts(300 / 20, 300 * 3.0, 300 * 0.05, 300 * 0.008),
        "border": amounts(9, 50, 0, 0),
        "ferry_wait": amounts(11, 40, 0, 0),
    },
    # leaving q: the same edge's dwell, but q has no port figure: the default wait
    ("p-q", "q"): {
        "running": amounts(300 / 20, 300 * 3.0, 300 * 0.05, 300 * 0.008),
        "border": amounts(9, 50, 0, 0),
        "ferry_wait": amounts(7, 40, 0, 0),
    },
}


@pytest.fixture(scope="module")
def network() -> Any:
    return parse_network(line_doc(), "line")


@pytest.mark.parametrize(("edge_id", "start"), list(LEGS))
def test_each_part_of_a_leg_by_hand(network: Any, edge_id: str, start: str) -> None:
    costs = CostModel(network, 2026)
    found = next(e for e in network.edges if e.id == edge_id)
    parts = dict(costs.leg_parts(found, start))
    expected = LEGS[(edge_id, start)]
    assert list(parts) == list(expected)
    for part, values in expected.items():
        assert dict(parts[part]) == pytest.approx(values), part
    whole = {key: math.fsum(v[key] for v in expected.values()) for key in expected["running"]}
    assert dict(costs.leg(found, start)) == pytest.approx(whole)
    hours = costs.leg_hours_parts(found, start)
    assert [part for part, _ in hours] == list(expected)
    assert [h for _, h in hours] == pytest.approx([values["hours"] for values in expected.values()])


def test_the_later_rate_applies_from_its_year(network: Any) -> None:
    b_c = next(e for e in network.edges if e.id == "b-c")
    assert CostModel(network, 2029).leg(b_c, "b")["cost_usd"] == pytest.approx(200 * 1.5)
    assert CostModel(network, 2030).leg(b_c, "b")["cost_usd"] == pytest.approx(200 * 2.5)
    assert CostModel(network, 2019).leg(b_c, "b")["cost_usd"] == pytest.approx(200 * 1.0)


@pytest.mark.parametrize(
    ("node_id", "arriving", "leaving", "event", "hours", "cost", "wtw"),
    [
        ("b", ("rail", 1435), ("rail", 1520), "gauge_change", 14, 100, 3),  # b's dwell, the defaults
        ("c", ("rail", 1435), ("rail", 1520), "gauge_change", 10, 100, 3),  # the defaults
        ("p", ("rail", 1520), ("ferry", None), "transshipment", 24, 260, 6),  # the port's own figures
        ("q", ("ferry", None), ("rail", 1520), "transshipment", 20, 200, 5),
        ("c", ("rail", 1520), ("rail", 1520), None, 0, 0, 0),
    ],
)
def test_each_stop_by_hand(
    network: Any,
    node_id: str,
    arriving: Any,
    leaving: Any,
    event: str | None,
    hours: float,
    cost: float,
    wtw: float,
) -> None:
    found, values = CostModel(network, 2026).stop(node_id, arriving, leaving)
    assert found == event
    # a hub's CO2e is published well to wheel only: nothing tank to wheel
    assert dict(values) == pytest.approx({"hours": hours, "cost_usd": cost, "co2e_kg": 0, "co2e_wtw_kg": wtw})


@pytest.mark.parametrize("by", ["km", "hours", "cost", "co2", "co2_wtw"])
def test_route_totals_add_every_term(network: Any, by: str) -> None:
    """a to q, one way only: legs from a, b, c and p, a gauge change at b, a transshipment at p."""
    graph = CorridorGraph.build(network)
    route = best_route(graph, "a", "q", by=by)
    legs = [LEGS[("a-b", "a")], LEGS[("b-c", "b")], LEGS[("c-p", "c")], LEGS[("p-q", "p")]]
    # stops: hours, USD and, well to wheel only, the hub's CO2e (3 kg at b, p's own 6 kg)
    stops = [{**amounts(14, 100, 0, 0), "co2e_wtw_kg": 3.0}, {**amounts(24, 260, 0, 0), "co2e_wtw_kg": 6.0}]
    everything = [part for leg in legs for part in leg.values()] + stops
    totals = route.totals
    for key in ("hours", "cost_usd", "co2e_kg", "co2e_wtw_kg"):
        assert getattr(totals, key) == pytest.approx(math.fsum(p[key] for p in everything)), key
    # 3 + 5 + 4 + 15 h running, 5 + 9 h at borders, 11 h for the sailing, 14 + 24 h at stops
    assert totals.hours == pytest.approx(90)
    assert totals.cost_usd == pytest.approx(150 + 70 + 300 + 100 + 180 + 260 + 900 + 50 + 40)
    assert totals.co2e_kg == pytest.approx((150 * 0.02 + 320 * 0.025 + 300 * 0.05) * CARGO_T)
    wtt = 150 * 0.005 + 200 * 0.005 + 120 * 0.007 + 300 * 0.008
    assert totals.co2e_wtw_kg == pytest.approx(totals.co2e_kg + wtt * CARGO_T + 3 + 6)
    assert (totals.km, totals.legs, totals.border_crossings) == (770, 4, 2)
    assert (totals.gauge_changes, totals.mode_changes, totals.water_km) == (1, 1, 300)
    assert [(s.node, s.event) for s in route.stops] == [("b", "gauge_change"), ("p", "transshipment")]


def test_the_way_back_reads_the_other_ends(network: Any) -> None:
    """q to a: the figures of the places the legs leave from on the way back."""
    route = best_route(CorridorGraph.build(network), "q", "a", by="hours")
    # running as on the way out; borders: 9 (edge p-q) + 30 (leaving b); the sailing waits at q (7 h)
    # stops: a transshipment at p (24 h), a gauge change at b (14 h)
    assert route.totals.hours == pytest.approx(3 + 5 + 4 + 15 + 9 + 30 + 7 + 24 + 14)
    assert route.totals.cost_usd == pytest.approx(150 + 300 + 180 + 900 + 50 + 50 + 40 + 260 + 100)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (parameter("speed-rail", "speed_kmh", 0, mode="rail"), "speed"),
        (parameter("speed-rail-kz", "speed_kmh", 0, mode="rail", country="KZ"), "speed"),
        (parameter("cargo", "cargo_t", 0), "cargo"),
        (parameter("speed-rail", "speed_kmh", -5, mode="rail"), "speed"),
        (parameter("rate-rail", "cost_usd_per_km", -1, mode="rail"), "rate"),
    ],
)
def test_a_speed_or_cargo_of_zero_is_rejected(record: dict[str, Any], message: str) -> None:
    """A zero speed would divide by zero (or give a leg no time); zero cargo would hide all CO2e."""
    doc = line_doc()
    doc["parameters"] = [p for p in doc["parameters"] if p["id"] != record["id"]] + [record]
    with pytest.raises(DataError) as info:
        parse_network(doc, "line")
    place = next(i for i, p in enumerate(doc["parameters"]) if p["id"] == record["id"])
    assert f"parameters[{place}].value" in str(info.value), message


# --- break-even by every criterion, against brute force -------------------------------------


@st.composite
def two_corridor_multimodal(draw: st.DrawFn) -> dict[str, Any]:
    """Up to 5 places in two countries, rail (two gauges), ferry and road, in two corridors."""
    count = draw(st.integers(2, 5))
    ids = NODE_IDS[:count]
    nodes = [
        node(
            i,
            0,
            0,
            draw(st.sampled_from(["KZ", "AZ"])),
            risks={"weather": risk(draw(st.sampled_from([0, 0.5])))},
        )
        for i in ids
    ]
    edges = []
    for index in range(draw(st.integers(1, 8))):
        source, target = draw(st.permutations(ids))[:2]
        mode = draw(st.sampled_from(["rail", "rail", "ferry", "road"]))
        item = edge(
            source,
            target,
            draw(st.integers(1, 600)),
            id=f"e{index}",
            mode=mode,
            oneway=draw(st.booleans()),
            corridors=draw(st.sampled_from([["east"], ["west"], ["east", "west"]])),
            risks={"sanctions": risk(draw(st.sampled_from([0, 0.4, 1])))},
            gauge_mm=draw(st.sampled_from([1435, 1520])),
        )
        if mode != "rail":
            del item["gauge_mm"]
        edges.append(item)
    doc = document(nodes, edges)
    doc["parameters"] = model_parameters()
    return doc


def corridor_best(doc: dict[str, Any], corridor: str, metric: str, weight: float) -> float | None:
    """The best value + weight x exposure over the simple routes of one corridor (brute force)."""
    own = {**doc, "edges": [e for e in doc["edges"] if corridor in e["corridors"]]}
    first, last = doc["nodes"][0]["id"], doc["nodes"][-1]["id"]
    found = sequence_costs(own, first, last, metric, weight)
    return min(found.values()) if found else None


@settings(max_examples=40, deadline=None)
@given(doc=two_corridor_multimodal(), metric=st.sampled_from(["hours", "cost", "co2", "co2_wtw"]))
def test_breakeven_by_every_criterion_matches_brute_force(doc: dict[str, Any], metric: str) -> None:
    graph = CorridorGraph.build(parse_network(doc, "random"))
    first, last = doc["nodes"][0]["id"], doc["nodes"][-1]["id"]
    try:
        result = breakeven(graph, first, last, metric=metric, max_weight=4)
    except NoRouteError:
        assert all(corridor_best(doc, c, metric, 0) is None for c in ("east", "west"))
        return
    for corridor in result.unreachable:
        assert corridor_best(doc, corridor, metric, 0) is None
    for span in result.spans:
        weight = (span.start + span.end) / 2
        values = {}
        for ident in span.ranking:
            line = span.lines[ident]
            expected = corridor_best(doc, ident, metric, weight)
            assert expected is not None
            # A walk that revisits a place may undercut every simple route; otherwise exact.
            if len(set(line.route.nodes)) == len(line.route.nodes):
                assert line.at(weight) == pytest.approx(expected, rel=1e-9, abs=1e-6)
            else:
                assert line.at(weight) <= expected + 1e-6
            values[ident] = line.at(weight)
        assert list(span.ranking) == sorted(span.ranking, key=lambda i: (values[i], span.ranking.index(i)))


def two_corridors() -> dict[str, Any]:
    """East: one risky rail line a-c; west: a safe road a-b and rail b-c; and a planned east line."""
    doc = document(
        [node("a", 0, 0), node("b", 0, 0), node("c", 0, 0)],
        [
            edge("a", "c", 2000, id="east-rail", corridors=["east"], risks={"sanctions": risk(1)}),
            edge("a", "b", 600, id="west-road", mode="road", corridors=["west"]),
            edge("b", "c", 2000, id="west-rail", corridors=["west"]),
            edge("a", "c", 1000, id="east-new", corridors=["east"], status="planned", opens=2030),
        ],
    )
    del doc["edges"][1]["gauge_mm"]
    doc["parameters"] = model_parameters()
    return doc


@pytest.mark.parametrize(
    ("metric", "flip"),
    [
        # east 2000 km / 50 = 40 h, all exposed (risk 1); west 600 / 60 + 20 (transshipment)
        # + 2000 / 50 = 70 h: 40 + 40 w = 70 at w = 0.75
        ("hours", 0.75),
        # east 2000 x 1 USD; west 600 x 4 + 200 + 2000 x 1 = 4600: 2000 + 2000 w = 4600
        ("cost", 1.3),
        # east 2000 x 0.02 x 10 t = 400 kg; west (600 x 0.1 + 2000 x 0.02) x 10 = 1000 kg
        ("co2", 1.5),
        # east 2000 x 0.025 x 10 = 500 kg; west (600 x 0.12 + 2000 x 0.025) x 10 = 1220 kg
        ("co2_wtw", 1.44),
        # east 2000 km, exposed; west 2600 km
        ("km", 0.3),
    ],
)
def test_breakeven_by_each_criterion_flips_where_the_lines_cross(metric: str, flip: float) -> None:
    graph = CorridorGraph.build(parse_network(two_corridors(), "two"))
    result = breakeven(graph, "a", "c", metric=metric, max_weight=2)
    assert [(f[0], f[1].ranking, f[2].ranking) for f in result.flips] == [
        (pytest.approx(flip), ("east", "west"), ("west", "east"))
    ]
    assert [(s.start, s.end) for s in result.spans] == [(0, pytest.approx(flip)), (pytest.approx(flip), 2)]
    data = result.to_dict()
    assert (data["origin"], data["destination"], data["metric"], result.max_weight) == ("a", "c", metric, 2)
    assert result.unreachable == ()


def test_breakeven_reads_the_risk_model_the_year_and_what_to_avoid() -> None:
    from corridors.analysis.scenario import Avoid

    graph = CorridorGraph.build(parse_network(two_corridors(), "two"))
    # half the weight of sanctions: east exposes 20 h, so 40 + 20 w = 70 at w = 1.5
    half = breakeven(
        graph, "a", "c", metric="hours", max_weight=4, model=RiskModel(factor_weights={"sanctions": 0.5})
    )
    assert [f[0] for f in half.flips] == [pytest.approx(1.5)]
    # by 2030 the new east line (1000 km, 20 h, safe) wins at every weight
    later = breakeven(graph, "a", "c", metric="hours", max_weight=4, as_of=2030)
    assert later.flips == () and [s.ranking for s in later.spans] == [("east", "west")]
    assert (
        later.spans[0].lines["east"].route.nodes == ("a", "c") and later.spans[0].lines["east"].exposure == 0
    )
    # without roads the west corridor has no route
    no_road = breakeven(graph, "a", "c", metric="hours", avoid=Avoid(modes=frozenset({"road"})))
    assert no_road.unreachable == ("west",) and no_road.spans[-1].end == 100  # the default range
    with pytest.raises(NoRouteError, match="no corridor joins a and c on operational lines"):
        breakeven(graph, "a", "c", avoid=Avoid(modes=frozenset({"rail"})))
    with pytest.raises(
        UsageError, match="breakeven compares by one of km, hours, cost, co2, co2_wtw; got 'risk'"
    ):
        breakeven(graph, "a", "c", metric="risk")
    with pytest.raises(UsageError, match=r"origin and destination are the same place \(a\)"):
        breakeven(graph, "a", "a")


# --- walks that revisit a place -----------------------------------------------------------


def detour_doc() -> dict[str, Any]:
    """a -rail 1435-> b -rail 1520-> d, and a short ferry b-c: a gauge change at b costs 100 h.

    Sailing b -> c -> b and back onto the rail (two transshipments, 20 h each, two waits for
    a sailing, 7 h each, 2 x 0.5 h at sea) takes 55 h instead: the fastest walk visits b twice.
    """
    doc = document(
        [node("a", 0, 0), node("b", 0, 0), node("c", 0, 0), node("d", 0, 0)],
        [edge("a", "b", 100, gauge_mm=1435), edge("b", "d", 100), edge("b", "c", 10, mode="ferry")],
    )
    del doc["edges"][2]["gauge_mm"]
    doc["parameters"] = [
        *model_parameters(),
        parameter("gauge-b", "dwell_hours", 100, event="gauge_change", node="b"),
    ]
    return doc


def test_the_fastest_walk_may_revisit_a_place_and_its_totals_add_up() -> None:
    route = best_route(CorridorGraph.build(parse_network(detour_doc(), "detour")), "a", "d", by="hours")
    assert route.nodes == ("a", "b", "c", "b", "d")
    assert route.totals.hours == pytest.approx(2 + 20 + 7 + 0.5 + 7 + 0.5 + 20 + 2)
    assert route.totals.cost_usd == pytest.approx(100 + 200 + 30 + 30 + 200 + 100)
    assert [s is not None and s.event for s in route.stops_before_legs()] == [
        False,
        "transshipment",
        False,
        "transshipment",
    ]


def test_pareto_finds_the_simple_route_a_walk_beats() -> None:
    """The simple route a-b-d (104 h, with the 100 h gauge change) is the front over hours.

    The label search used to keep the 59 h walk as a label, let it dominate a-b-d at d, drop
    it at the end as no route, and answer that no route joins a and d.
    """
    from corridors.analysis.pareto import pareto_routes

    router = Router(CorridorGraph.build(parse_network(detour_doc(), "detour")))
    routes = pareto_routes(router, "a", "d", ["hours"])
    assert [r.nodes for r in routes] == [("a", "b", "d")]


def test_alternatives_reach_the_third_route() -> None:
    """Found by hypothesis (test_properties): the third simple route is the 439th state path."""
    doc = document(
        [
            node("n0", 0, 0, "KZ", risks={"weather": risk(0.5)}),
            node("n1", 0, 0, "AZ", risks={"weather": risk(0.5)}),
            node("n2", 0, 0, "AZ", risks={"weather": risk(0.5)}),
            node("n3", 0, 0, "KZ", risks={"weather": risk(0.0)}),
        ],
        [],
    )
    spec = [
        ("n0", "n3", 51, "ferry", None, False, 0.4),
        ("n0", "n2", 487, "rail", 1435, False, 0),
        ("n1", "n3", 110, "rail", 1435, False, 0),
        ("n1", "n3", 105, "rail", 1520, False, 0),
        ("n0", "n1", 584, "road", None, False, 0.4),
        ("n2", "n0", 260, "rail", 1520, False, 0.4),
        ("n0", "n2", 567, "ferry", None, True, 0.4),
        ("n2", "n3", 371, "rail", 1435, True, 0.4),
        ("n1", "n3", 559, "rail", 1520, True, 0.4),
    ]
    for index, (source, target, km, mode, gauge, oneway, value) in enumerate(spec):
        item = edge(
            source, target, km, id=f"e{index}", mode=mode, oneway=oneway, risks={"sanctions": risk(value)}
        )
        if gauge is None:
            del item["gauge_mm"]
        else:
            item["gauge_mm"] = gauge
        doc["edges"].append(item)
    doc["parameters"] = model_parameters()
    expected = sequence_costs(doc, "n0", "n3", "co2_wtw", 0.0)
    router = Router(CorridorGraph.build(parse_network(doc, "found")), RiskModel(risk_weight=0.0))
    found = router.alternatives("n0", "n3", Objective("co2_wtw", 0.0), 3)
    assert [r.nodes for r in found] == sorted(expected, key=expected.__getitem__)[:3]


def test_scenario_year_reaches_the_cost_model(network: Any) -> None:
    graph = CorridorGraph.build(network)
    later = Router(graph, scenario=Scenario(as_of=2030)).best_route("b", "c", Objective("cost"))
    assert later.totals.cost_usd == pytest.approx(200 * 2.5)


# --- emissions by mode, value of time, criteria help ----------------------------------------


def test_emissions_chain_sums_each_mode_over_its_legs(network: Any) -> None:
    """a to q: three rail legs (470 km) and a ferry (300 km), 12 t, a gauge change and a transshipment."""
    from corridors.analysis.emissions import chain

    route = best_route(CorridorGraph.build(network), "a", "q")
    found = chain("middle", route, network, 2026)
    rail, ferry = found.modes
    assert (found.corridor, found.hub_operations) == ("middle", 2)
    assert (rail.mode, rail.km, rail.tonne_km) == ("rail", 470, pytest.approx(470 * CARGO_T))
    assert rail.ttw_kg == pytest.approx((150 * 0.02 + 320 * 0.025) * CARGO_T)
    assert rail.wtt_kg == pytest.approx((350 * 0.005 + 120 * 0.007) * CARGO_T)
    # each record used, once, in the order the legs first use it: the default across the
    # CN-KZ border, Kazakhstan's inside it, the edge's own on c-p
    assert rail.parameters == ("co2-rail", "wtt-rail", "co2-rail-kz", "wtt-c-p")
    assert (ferry.mode, ferry.km, ferry.parameters) == ("ferry", 300, ("co2-ferry", "wtt-ferry"))
    assert (ferry.ttw_kg, ferry.wtt_kg) == (
        pytest.approx(300 * 0.05 * CARGO_T),
        pytest.approx(300 * 0.008 * CARGO_T),
    )


def test_value_of_time_sentences_say_which_way_each_trade_goes() -> None:
    from corridors.analysis.valueoftime import ABOVE, ALWAYS, BELOW, NEVER, RailSea, ValueOfTime, sentences

    entries = (
        RailSea("mid", "suez", 12.0, 1500.0, ABOVE, 9259.3, 7142.9, 25000.0),
        RailSea("mid", "cape", -0.5, -40.0, BELOW, 5925.9, 3809.5, 13333.3),
        RailSea("north", "suez", 0.5, -10.0, ALWAYS, None, None, None),
        RailSea("north", "cape", 0.0, 0.0, NEVER, None, None, None),
    )
    short = {"mid": "Middle", "north": "Northern", "suez": "Suez", "cape": "Cape"}
    assert sentences(ValueOfTime(1.35, entries), short) == (
        "A day in transit costs 1.35% of the cargo's value (Hummels & Schaur 2013: 0.6-2.1%; default the midpoint).",
        "Middle beats Suez above USD 9,300 of cargo per container (7,100-25,000 over the range; "
        "12.0 days faster, USD 1,500 dearer).",
        "Middle beats Cape below USD 5,900 of cargo per container (3,800-13,300 over the range; "
        "0.5 days slower, USD 40 cheaper).",
        "Northern beats Suez at any cargo value (0.5 days faster, USD 10 cheaper).",
        "Northern never beats Cape (0.0 days slower, USD 0 cheaper).",
    )


def test_criteria_help_names_each_choice() -> None:
    from corridors.analysis.criteria import choices_help

    assert choices_help(("km", "hours", "risk")) == "km, hours (hours door to door), risk"


# --- sampling: each family's mean by hand, and draws that agree with it ---------------------


def extra(family: str, **params: float) -> Any:
    from corridors.network.model import Delay

    # a different chance each month, so that reading the wrong month shows
    months = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 0.05, 0.15)
    return Delay(f"x-{family}", "running", "extra", family, tuple(params.items()), month_probabilities=months)


EXTRAS = {
    "exponential": (extra("exponential", mean_hours=30), 30),
    "lognormal": (extra("lognormal", median_hours=20, sigma=0.5), 20 * math.exp(0.125)),
    "triangular": (extra("triangular", low_hours=6, mode_hours=9, high_hours=30), 15),
    "uniform": (extra("uniform", low_hours=4, high_hours=16), 10),
}


@pytest.mark.parametrize("family", list(EXTRAS))
def test_an_extra_delays_mean_by_hand_and_by_sampling(family: str) -> None:
    import numpy as np

    from corridors.analysis.plan import Part
    from corridors.analysis.sampling import Sampler

    delay, mean = EXTRAS[family]
    parts = [Part("e1", "running", 48.0, extra=delay)]
    # March: a 0.3 chance; a random month: the year's average chance, 5.7 / 12
    assert Sampler(parts, 3).mean_hours() == pytest.approx(48 + 0.3 * mean)
    assert Sampler(parts, None).mean_hours() == pytest.approx(48 + 5.7 / 12 * mean)
    days = Sampler(parts, 3).sample_days(np.random.default_rng(7), 200_000)
    assert days.mean() * 24 == pytest.approx(48 + 0.3 * mean, rel=0.02)
    assert days.min() * 24 == pytest.approx(48)  # most journeys in March meet no delay


def test_a_lognormal_spread_anchored_at_the_median_has_a_higher_mean() -> None:
    import numpy as np

    from corridors.analysis.plan import Part
    from corridors.analysis.sampling import Sampler
    from corridors.network.model import Delay

    median = Delay("s", "running", "spread", "lognormal", (("sigma", 0.6),), anchor="median")
    mean = Delay("m", "running", "spread", "lognormal", (("sigma", 0.6),), anchor="mean")
    plain = Part("e0", "border", 5.0)
    sampler = Sampler(
        [Part("e1", "running", 100.0, spread=median), Part("e2", "running", 50.0, spread=mean), plain], 1
    )
    assert sampler.mean_hours() == pytest.approx(100 * math.exp(0.18) + 50 + 5)
    days = sampler.sample_days(np.random.default_rng(11), 200_000)
    assert days.mean() * 24 == pytest.approx(100 * math.exp(0.18) + 50 + 5, rel=0.01)
    assert np.median(days) * 24 > 5 + 50 * math.exp(-0.18)  # the draws are not the fixed parts alone


@pytest.mark.parametrize(
    ("extra_usd", "days", "wins", "value"),
    [
        (0.5, 0.5, "above", 100.0),  # 0.5 / (1 % x 0.5 days): the smallest trade still counts
        (-0.5, -0.5, "below", 100.0),
        (100.0, 0.0, "never", None),  # dearer and no faster
        (-100.0, 0.0, "always", None),  # cheaper and no slower
        (-100.0, 0.5, "always", None),
        (0.0, -2.0, "never", None),  # as dear and slower
        (0.5, -2.0, "never", None),
    ],
)
def test_breakeven_value_at_the_edges(extra_usd: float, days: float, wins: str, value: float | None) -> None:
    from corridors.analysis.valueoftime import breakeven_value

    found, amount = breakeven_value(extra_usd, days, 1.0)
    assert found == wins
    assert amount == (pytest.approx(value) if value is not None else None)


def test_rail_against_sea_range_runs_from_the_dearest_day_to_the_cheapest() -> None:
    """A land route 10 days slower and 2,000 USD cheaper than the sea wins below a cargo value.

    V* = 2000 / (p x 10 days): 14,815 USD at 1.35 %/day, 9,524 at 2.1 % and 33,333 at 0.6 %.
    """
    from corridors.analysis.results import Comparison, CorridorRoute, Route, Totals
    from corridors.analysis.valueoftime import is_sea, rail_against_sea

    def route(km: float, water_km: float, days: float, cost: float) -> Route:
        totals = Totals(km, 1, 0, 0, 0, water_km, 0, 0, 0, km, hours=24 * days, cost_usd=cost)
        return Route("km", ("a", "b"), (), (), totals)

    land, sea = route(8000, 4000, 30, 1000), route(20000, 19000, 20, 3000)
    assert not is_sea(land) and is_sea(sea)  # half the km on water is not yet a sea route
    comparison = Comparison(
        "a", "b", (CorridorRoute("mid", "Middle", land, 0), CorridorRoute("suez", "Suez", sea, 0))
    )
    (entry,) = rail_against_sea(comparison).entries
    assert (entry.corridor, entry.sea, entry.rail_wins) == ("mid", "suez", "below")
    assert (entry.days_saved, entry.extra_cost_usd) == (pytest.approx(-10), -2000)
    assert entry.breakeven_usd == pytest.approx(2000 / 0.135)
    assert (entry.breakeven_low_usd, entry.breakeven_high_usd) == (
        pytest.approx(2000 / 0.21),
        pytest.approx(2000 / 0.06),
    )
