"""Property tests: the routes found equal brute force over every simple path."""

from __future__ import annotations

import itertools
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import document, edge, node, risk
from corridors.analysis.routing import best_route
from corridors.analysis.scenario import RiskModel, Scenario
from corridors.errors import NoRouteError
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network

NODE_IDS = ["n0", "n1", "n2", "n3", "n4", "n5"]


@st.composite
def networks(draw: st.DrawFn) -> dict[str, Any]:
    """Up to 6 nodes at one spot (so any km passes the great-circle floor), parallel edges allowed."""
    count = draw(st.integers(2, 6))
    ids = NODE_IDS[:count]
    nodes = [
        node(ident, 0, 0, risks={"weather": risk(draw(st.sampled_from([0, 0, 0.3, 0.9])))}) for ident in ids
    ]
    edges = []
    for index in range(draw(st.integers(1, 12))):
        source, target = draw(st.permutations(ids))[:2]
        edges.append(
            edge(
                source,
                target,
                draw(st.integers(1, 1000)),
                id=f"e{index}",
                oneway=draw(st.booleans()),
                corridors=draw(st.sampled_from([["east"], ["west"], ["east", "west"]])),
                status=draw(st.sampled_from(["operational", "operational", "planned"])),
                opens=2030,
                risks={"sanctions": risk(draw(st.sampled_from([0, 0.2, 0.5, 1])))},
            )
        )
    return document(nodes, edges)


def brute_force(
    doc: dict[str, Any], origin: str, destination: str, model: RiskModel, scenario: Scenario, by: str
) -> float | None:
    """Best total over every simple path, computed straight from the document."""
    node_risk = {n["id"]: n["risks"]["weather"]["value"] for n in doc["nodes"]}
    hops: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in doc["edges"]:
        usable = e["status"] == "operational" or (scenario.as_of or 0) >= e["opens"]
        if not usable or (scenario.corridor and scenario.corridor not in e["corridors"]):
            continue
        hops.setdefault((e["from"], e["to"]), []).append(e)
        if not e["oneway"]:
            hops.setdefault((e["to"], e["from"]), []).append(e)

    def hop_cost(e: dict[str, Any], head: str) -> float:
        if by == "km":
            return float(e["km"])
        edge_risk = e["risks"]["sanctions"]["value"]
        return (
            e["km"] * (1 + model.risk_weight * edge_risk)
            + model.risk_weight * model.node_km * node_risk[head]
        )

    others = [n for n in node_risk if n not in (origin, destination)]
    best = None
    for size in range(len(others) + 1):
        for middle in itertools.permutations(others, size):
            path = (origin, *middle, destination)
            total = 0.0
            for u, v in itertools.pairwise(path):
                if (u, v) not in hops:
                    break
                total += min(hop_cost(e, v) for e in hops[(u, v)])
            else:
                if by == "risk":
                    total += model.risk_weight * model.node_km * node_risk[origin]
                best = total if best is None else min(best, total)
    return best


@settings(max_examples=300, deadline=None)
@given(
    doc=networks(),
    by=st.sampled_from(["km", "risk"]),
    risk_weight=st.sampled_from([0.0, 0.5, 1.0, 3.0]),
    scenario=st.sampled_from([Scenario(), Scenario(2030), Scenario(None, "east"), Scenario(2030, "west")]),
)
def test_best_route_matches_brute_force(
    doc: dict[str, Any], by: str, risk_weight: float, scenario: Scenario
) -> None:
    graph = CorridorGraph.build(parse_network(doc, "random"))
    model = RiskModel(risk_weight=risk_weight, node_km=50)
    origin, destination = doc["nodes"][0]["id"], doc["nodes"][-1]["id"]
    expected = brute_force(doc, origin, destination, model, scenario, by)
    try:
        route = best_route(graph, origin, destination, by=by, model=model, scenario=scenario)
    except NoRouteError:
        assert expected is None
        return
    assert expected is not None
    found = route.totals.km if by == "km" else route.totals.risk_weighted_km
    assert math.isclose(found, expected, rel_tol=1e-9, abs_tol=1e-9)

    # Totals are the sums of their legs, and the legs chain from origin to destination.
    totals = route.totals
    assert route.nodes[0] == origin and route.nodes[-1] == destination
    assert [leg.source for leg in route.legs] == list(route.nodes[:-1])
    assert [leg.target for leg in route.legs] == list(route.nodes[1:])
    assert len(set(route.nodes)) == len(route.nodes)
    assert math.isclose(totals.km, math.fsum(leg.km for leg in route.legs))
    exposure = math.fsum(leg.risk_km for leg in route.legs) + math.fsum(n.risk_km for n in route.node_risks)
    assert math.isclose(totals.risk_km, exposure, abs_tol=1e-9)
    assert math.isclose(totals.risk_weighted_km, totals.km + risk_weight * totals.risk_km, abs_tol=1e-9)
    assert 0 <= totals.risk <= 1
    assert totals.legs == len(route.legs)
    for leg in route.legs:
        assert scenario.corridor is None or scenario.corridor in leg.corridors


# --- time, cost and transfers: the state-graph searches against brute force -------------------

from conftest import model_parameters  # noqa: E402
from corridors.analysis.router import Router  # noqa: E402
from corridors.analysis.scenario import Objective  # noqa: E402

SPEED = {"rail": 50, "ferry": 20, "road": 60}
RATE = {"rail": 1.0, "ferry": 3.0, "road": 4.0}
DWELL = {"border": 5, "gauge_change": 10, "transshipment": 20, "ferry_wait": 7}
CHARGE = {"border": 50, "gauge_change": 100, "transshipment": 200, "ferry_wait": 0}
CARGO_T = 10
TTW = {"rail": 0.02, "ferry": 0.05, "road": 0.1}  # kg CO2e per t-km, as model_parameters says
WTT = {"rail": 0.005, "ferry": 0.008, "road": 0.02}
NO_STOP = {"border": 0, "gauge_change": 0, "transshipment": 0, "ferry_wait": 0}  # CO2e: stops emit none


@st.composite
def multimodal_networks(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(2, 5))
    ids = NODE_IDS[:count]
    nodes = [
        node(
            ident,
            0,
            0,
            draw(st.sampled_from(["KZ", "AZ"])),
            risks={"weather": risk(draw(st.sampled_from([0, 0.5])))},
        )
        for ident in ids
    ]
    edges = []
    for index in range(draw(st.integers(1, 9))):
        source, target = draw(st.permutations(ids))[:2]
        mode = draw(st.sampled_from(["rail", "rail", "ferry", "road"]))
        item = edge(
            source,
            target,
            draw(st.integers(1, 600)),
            id=f"e{index}",
            mode=mode,
            oneway=draw(st.booleans()),
            risks={"sanctions": risk(draw(st.sampled_from([0, 0.4])))},
            gauge_mm=draw(st.sampled_from([1435, 1520])),
        )
        if mode != "rail":
            del item["gauge_mm"]
        edges.append(item)
    doc = document(nodes, edges)
    doc["parameters"] = model_parameters()
    return doc


def sequence_costs(
    doc: dict[str, Any], origin: str, destination: str, metric: str, risk_weight: float
) -> dict[tuple[str, ...], float]:
    """Best objective value of every simple place sequence, by dynamic programming over edge choices."""
    country = {n["id"]: n["country"] for n in doc["nodes"]}
    node_risk = {n["id"]: n["risks"]["weather"]["value"] for n in doc["nodes"]}
    hops: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in doc["edges"]:
        hops.setdefault((e["from"], e["to"]), []).append(e)
        if not e["oneway"]:
            hops.setdefault((e["to"], e["from"]), []).append(e)

    def leg(e: dict[str, Any], start: str, end: str) -> dict[str, float]:
        border = country[start] != country[end]
        wait = e["mode"] == "ferry"
        return {
            "hours": e["km"] / SPEED[e["mode"]] + DWELL["border"] * border + DWELL["ferry_wait"] * wait,
            "cost": e["km"] * RATE[e["mode"]] + CHARGE["border"] * border,
            "co2": e["km"] * TTW[e["mode"]] * CARGO_T,
            "co2_wtw": e["km"] * (TTW[e["mode"]] + WTT[e["mode"]]) * CARGO_T,
        }

    def event(a: dict[str, Any], b: dict[str, Any]) -> str | None:
        if a["mode"] != b["mode"]:
            return "transshipment"
        if a["mode"] == "rail" and a["gauge_mm"] != b["gauge_mm"]:
            return "gauge_change"
        return None

    results = {}
    others = [n for n in country if n not in (origin, destination)]
    for size in range(len(others) + 1):
        for middle in itertools.permutations(others, size):
            path = (origin, *middle, destination)
            if any((u, v) not in hops for u, v in itertools.pairwise(path)):
                continue
            # best[e_id] = best value of the prefix ending with edge e
            best: dict[int, tuple[float, dict[str, Any]]] = {}
            for position, (u, v) in enumerate(itertools.pairwise(path)):
                current = {}
                for e in hops[(u, v)]:
                    value = leg(e, u, v)[metric] * (1 + risk_weight * e["risks"]["sanctions"]["value"])
                    if position == 0:
                        current[id(e)] = (value, e)
                        continue
                    options = []
                    for previous, a in best.values():
                        kind = event(a, e)
                        per_event = {"hours": DWELL, "cost": CHARGE, "co2": NO_STOP, "co2_wtw": NO_STOP}[
                            metric
                        ]
                        stop = per_event[kind] if kind else 0.0
                        options.append(previous + stop * (1 + risk_weight * node_risk[u]) + value)
                    current[id(e)] = (min(options), e)
                best = current
            results[path] = min(value for value, _ in best.values())
    return results


@settings(max_examples=200, deadline=None)
@given(
    doc=multimodal_networks(),
    metric=st.sampled_from(["hours", "cost", "co2", "co2_wtw"]),
    risk_weight=st.sampled_from([0.0, 1.0]),
    k=st.integers(1, 4),
)
def test_state_graph_searches_match_brute_force(
    doc: dict[str, Any], metric: str, risk_weight: float, k: int
) -> None:
    graph = CorridorGraph.build(parse_network(doc, "random"))
    router = Router(graph, RiskModel(risk_weight=risk_weight))
    objective = Objective(metric, risk_weight)
    origin, destination = doc["nodes"][0]["id"], doc["nodes"][-1]["id"]
    expected = sequence_costs(doc, origin, destination, metric, risk_weight)
    key = {"hours": "hours", "cost": "cost_usd", "co2": "co2e_kg", "co2_wtw": "co2e_wtw_kg"}[metric]

    def value(route: Any) -> float:
        plain = getattr(route.totals, key)
        exposure = math.fsum(getattr(leg, key) * leg.risk for leg in route.legs) + math.fsum(
            getattr(s, key) * router.node_risk[s.node] for s in route.stops
        )
        return plain + risk_weight * exposure

    try:
        best = router.best_route(origin, destination, objective)
    except NoRouteError:
        assert not expected
        return
    assert expected
    # A walk may beat every simple path only by revisiting a place; when the best is simple, it is exact.
    assert value(best) <= min(expected.values()) + 1e-6
    if len(set(best.nodes)) == len(best.nodes):
        assert math.isclose(value(best), min(expected.values()), rel_tol=1e-9, abs_tol=1e-6)

    found = router.alternatives(origin, destination, objective, k)
    wanted = sorted(expected.values())[:k]
    assert len(found) == len(wanted)
    assert [r.nodes for r in found] == list(dict.fromkeys(r.nodes for r in found))  # distinct
    for route, cost in zip(found, wanted, strict=True):
        assert len(set(route.nodes)) == len(route.nodes)
        assert math.isclose(value(route), cost, rel_tol=1e-9, abs_tol=1e-6)
        assert math.isclose(value(route), expected[route.nodes], rel_tol=1e-9, abs_tol=1e-6)


# --- the Pareto front against brute force over every simple path and edge choice ---------------

from corridors.analysis.pareto import pareto_routes  # noqa: E402


def all_route_vectors(
    doc: dict[str, Any], origin: str, destination: str, node_km: float
) -> set[tuple[float, float, float, float]]:
    """(km, hours, cost, risk exposure) of every simple route, every choice of parallel edge."""
    country = {n["id"]: n["country"] for n in doc["nodes"]}
    node_risk = {n["id"]: n["risks"]["weather"]["value"] for n in doc["nodes"]}
    hops: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in doc["edges"]:
        hops.setdefault((e["from"], e["to"]), []).append(e)
        if not e["oneway"]:
            hops.setdefault((e["to"], e["from"]), []).append(e)
    out = set()
    others = [n for n in country if n not in (origin, destination)]
    for size in range(len(others) + 1):
        for middle in itertools.permutations(others, size):
            path = (origin, *middle, destination)
            pairs = list(itertools.pairwise(path))
            if any(p not in hops for p in pairs):
                continue
            for choice in itertools.product(*(hops[p] for p in pairs)):
                km = hours = cost = exposure = 0.0
                previous = None
                for (u, v), e in zip(pairs, choice, strict=True):
                    border = country[u] != country[v]
                    hours += e["km"] / SPEED[e["mode"]] + DWELL["border"] * border
                    hours += DWELL["ferry_wait"] * (e["mode"] == "ferry")
                    cost += e["km"] * RATE[e["mode"]] + CHARGE["border"] * border
                    if previous is not None:
                        if previous["mode"] != e["mode"]:
                            hours, cost = hours + DWELL["transshipment"], cost + CHARGE["transshipment"]
                        elif e["mode"] == "rail" and previous["gauge_mm"] != e["gauge_mm"]:
                            hours, cost = hours + DWELL["gauge_change"], cost + CHARGE["gauge_change"]
                    km += e["km"]
                    exposure += e["km"] * e["risks"]["sanctions"]["value"] + node_km * node_risk[v]
                    previous = e
                out.add((km, hours, cost, exposure))
    return out


def front(vectors: set[tuple[float, ...]]) -> set[tuple[float, ...]]:
    return {
        v
        for v in vectors
        if not any(w != v and all(a <= b for a, b in zip(w, v, strict=True)) for w in vectors)
    }


@settings(max_examples=200, deadline=None)
@given(
    doc=multimodal_networks(),
    criteria=st.sampled_from(
        [("km", "hours"), ("hours", "cost"), ("km", "risk_km"), ("km", "hours", "cost", "risk_km"), ("cost",)]
    ),
)
def test_pareto_front_matches_brute_force(doc: dict[str, Any], criteria: tuple[str, ...]) -> None:
    graph = CorridorGraph.build(parse_network(doc, "random"))
    router = Router(graph, RiskModel(node_km=50))
    origin, destination = doc["nodes"][0]["id"], doc["nodes"][-1]["id"]
    columns = [("km", "hours", "cost", "risk_km").index(c) for c in criteria]

    def rounded(vector: tuple[float, ...]) -> tuple[float, ...]:
        return tuple(round(vector[i], 6) for i in columns)

    expected = front({rounded(v) for v in all_route_vectors(doc, origin, destination, 50)})
    try:
        routes = pareto_routes(router, origin, destination, criteria)
    except NoRouteError:
        assert not expected
        return
    origin_exposure = 50 * router.node_risk[origin]
    found = [
        rounded((r.totals.km, r.totals.hours, r.totals.cost_usd, r.totals.risk_km - origin_exposure))
        for r in routes
    ]
    assert len(found) == len(set(found))  # one route per cost vector
    assert set(found) == expected
    for route in routes:
        assert len(set(route.nodes)) == len(route.nodes)
