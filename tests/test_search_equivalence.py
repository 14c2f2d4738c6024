"""The fast searches return the very route the state-graph search returns, ties included.

`Router.search_places` (by km, on places) and `Router.search_states` (walking states off the
place graph) must pick the same states as a Dijkstra over the materialised state graph
`CorridorGraph.states`, the model of record. Small integer lengths make ties common.
"""

from __future__ import annotations

import heapq
import math
from itertools import count
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import document, edge, node, risk
from corridors.analysis.router import Router
from corridors.analysis.scenario import Objective, RiskModel, Scenario
from corridors.errors import NoRouteError
from corridors.network.graph import END, START, CorridorGraph, State
from corridors.network.loading import parse_network
from test_properties import model_parameters

IDS = ["n0", "n1", "n2", "n3", "n4", "n5"]


@st.composite
def tied_networks(draw: st.DrawFn) -> dict[str, Any]:
    """Up to 6 places at one spot, parallel edges of several classes with lengths 1-3."""
    ids = IDS[: draw(st.integers(2, 6))]
    nodes = [
        node(
            ident,
            0,
            0,
            country=draw(st.sampled_from(["KZ", "KZ", "AZ"])),
            risks={"weather": risk(draw(st.sampled_from([0, 0.5])))},
        )
        for ident in ids
    ]
    edges = []
    for index in range(draw(st.integers(1, 12))):
        source, target = draw(st.permutations(ids))[:2]
        mode = draw(st.sampled_from(["rail", "rail", "road"]))
        item = edge(
            source,
            target,
            draw(st.integers(1, 3)),
            id=f"e{index}",
            mode=mode,
            oneway=draw(st.booleans()),
            corridors=draw(st.sampled_from([["east"], ["west"], ["east", "west"]])),
            status=draw(st.sampled_from(["operational", "operational", "planned"])),
            opens=2030,
            risks={"sanctions": risk(draw(st.sampled_from([0, 0.5])))},
            gauge_mm=draw(st.sampled_from([1435, 1520])),
        )
        if mode != "rail":
            del item["gauge_mm"]
        edges.append(item)
    doc = document(nodes, edges)
    doc["parameters"] = model_parameters()
    return doc


def reference_search(router: Router, origin: str, destination: str, objective: Objective) -> list[State]:
    """Dijkstra over the materialised state graph, as corridors searched before it walked states."""
    states = router.cgraph.states
    weight = router.weight(objective)
    best = {(origin, START): 0.0}
    parent: dict[State, State] = {}
    tie = count()
    heap: list[tuple[float, int, State]] = [(0.0, next(tie), (origin, START))]
    done: set[State] = set()
    while heap:
        cost, _, state = heapq.heappop(heap)
        if state in done:
            continue
        done.add(state)
        if state == (destination, END):
            path = [state]
            while state in parent:
                state = parent[state]
                path.append(state)
            return path[::-1]
        for there, data in states[state].items():
            if there[1] == END and there[0] != destination:
                continue
            value = weight(state, there, data)
            if value is None:
                continue
            if there not in done and cost + value < best.get(there, math.inf):
                best[there] = cost + value
                parent[there] = state
                heapq.heappush(heap, (cost + value, next(tie), there))
    raise NoRouteError("no route")


def outcome(search: Any, *args: Any) -> list[State] | None:
    try:
        found: list[State] = search(*args)
    except NoRouteError:
        return None
    return found


@settings(max_examples=300, deadline=None)
@given(
    doc=tied_networks(),
    metric=st.sampled_from(["km", "km", "hours", "cost", "co2"]),
    risk_weight=st.sampled_from([0.0, 1.0, 2.5]),
    scenario=st.sampled_from([Scenario(), Scenario(2030), Scenario(None, "east")]),
)
def test_fast_searches_equal_the_state_graph_search(
    doc: dict[str, Any], metric: str, risk_weight: float, scenario: Scenario
) -> None:
    router = Router(CorridorGraph.build(parse_network(doc, "tied")), RiskModel(node_km=1), scenario)
    objective = Objective(metric, risk_weight)
    origin, destination = doc["nodes"][0]["id"], doc["nodes"][-1]["id"]
    expected = outcome(reference_search, router, origin, destination, objective)
    assert outcome(router.search_states, origin, destination, objective) == expected
    if metric == "km":
        assert outcome(router.search_places, origin, destination, objective) == expected
    assert outcome(router.search, origin, destination, objective) == expected


def test_successors_are_the_state_graph_arcs() -> None:
    road = edge("a", "b", 4, id="ab-road", mode="road")
    del road["gauge_mm"]
    doc = document(
        [node("a", 0, 0), node("b", 0, 0), node("c", 0, 0)],
        [edge("a", "b", 5, id="ab-rail"), road, edge("b", "c", 3, id="bc", gauge_mm=1435)],
    )
    cgraph = CorridorGraph.build(parse_network(doc, "t"))
    states = cgraph.states
    for state in states:
        walked = [(there, edges) for there, edges in cgraph.successors(state)]
        stored = [(there, data["edges"]) for there, data in states[state].items()]
        assert walked == stored
    assert [e.id for e in cgraph.state_edges(("a", START), ("b", ("road", None)))] == ["ab-road"]


@settings(max_examples=100, deadline=None)
@given(doc=tied_networks())
def test_place_graph_equals_the_one_add_edge_builds(doc: dict[str, Any]) -> None:
    """The adjacency filled directly is the graph networkx's add_edge makes, order included."""
    import networkx as nx

    from corridors.network.graph import EDGES, GROUPS, edge_class

    network = parse_network(doc, "tied")
    built = CorridorGraph.build(network).graph
    expected = nx.DiGraph()
    expected.add_nodes_from(network.nodes)
    for e in network.edges:
        for u, v in [(e.source, e.target)] + ([] if e.oneway else [(e.target, e.source)]):
            if expected.has_edge(u, v):
                expected[u][v][EDGES] += (e,)
            else:
                expected.add_edge(u, v, **{EDGES: (e,)})
    assert list(built.nodes) == list(expected.nodes)
    assert list(built.edges(data=EDGES)) == list(expected.edges(data=EDGES))
    assert list(built.pred["n0"]) == list(expected.pred["n0"])
    for _u, _v, data in built.edges(data=True):
        classes = list(dict.fromkeys(edge_class(e) for e in data[EDGES]))
        assert [c for c, _ in data[GROUPS]] == classes
        assert [e for _, group in data[GROUPS] for e in group] == sorted(
            data[EDGES], key=lambda e: classes.index(edge_class(e))
        )
