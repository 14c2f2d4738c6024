"""The compiled engine (analysis/engine.py) finds routes as cheap as the Python searches.

Against the Dijkstra over the materialised state graph (`reference_search`, the model of
record): the same outcome (a route or none) and, to the last bit, the same cost, summed in
path order as every search sums it. Where routes tie, the engine may pick another of them:
so its path is checked arc by arc against the state graph instead of compared whole. Small
integer lengths make ties common.
"""

from __future__ import annotations

import json
import math
from itertools import pairwise
from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import diamond, document, edge, node, risk
from corridors.analysis import engine
from corridors.analysis.router import Router
from corridors.analysis.scenario import Objective, RiskModel, Scenario
from corridors.cli import app
from corridors.cli import batch as batch_module
from corridors.network.graph import END, START, CorridorGraph, State
from corridors.network.loading import parse_network
from test_search_equivalence import outcome, reference_search, tied_networks

needs_engine = pytest.mark.skipif(not engine.available(), reason="scgraph is not installed")


def path_cost(router: Router, path: list[State], objective: Objective) -> float:
    """The path's cost as a search adds it up, failing on any arc the state graph lacks."""
    states, weight = router.cgraph.states, router.weight(objective)
    total = 0.0
    for here, there in pairwise(path):
        assert there in states[here], (here, there)
        value = weight(here, there, states[here][there])
        assert value is not None, (here, there)
        total += value
    return total


@needs_engine
@settings(max_examples=300, deadline=None)
@given(
    doc=tied_networks(),
    metric=st.sampled_from(["km", "km", "hours", "cost", "co2"]),
    risk_weight=st.sampled_from([0.0, 1.0, 2.5]),
    scenario=st.sampled_from([Scenario(), Scenario(2030), Scenario(None, "east")]),
)
def test_engine_routes_cost_what_the_state_graph_search_finds(
    doc: dict[str, Any], metric: str, risk_weight: float, scenario: Scenario
) -> None:
    cgraph = CorridorGraph.build(parse_network(doc, "tied"))
    reference = Router(cgraph, RiskModel(node_km=1), scenario)
    fast = Router(cgraph, RiskModel(node_km=1), scenario, engine=True)
    objective = Objective(metric, risk_weight)
    origin, destination = doc["nodes"][0]["id"], doc["nodes"][-1]["id"]
    expected = outcome(reference_search, reference, origin, destination, objective)
    found = outcome(fast.search, origin, destination, objective)
    assert (found is None) == (expected is None)
    if found is None or expected is None:
        return
    assert found[0] == (origin, START) and found[-1] == (destination, END)
    assert path_cost(fast, found, objective) == path_cost(reference, expected, objective)
    # the route assembled from it has that cost too
    route = fast.route(found, objective)
    assert [leg.source for leg in route.legs] == [state[0] for state in found[:-2]]


@needs_engine
def test_a_router_compiles_each_objective_once() -> None:
    cgraph = CorridorGraph.build(parse_network(diamond(), "d"))
    router = Router(cgraph, RiskModel(), engine=True)
    by_km = Objective("km")
    first = router.search("a", "d", by_km)
    compiled = router._compiled[by_km]
    assert router.search("a", "d", by_km) == first
    assert router._compiled[by_km] is compiled
    router.search("a", "d", Objective("hours"))
    assert len(router._compiled) == 2


def run_batch(net: str, text: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["path", "--batch", "-", "--data", net], input=text)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


class Counted(Router):
    """A Router that records each construction's `engine`."""

    made: ClassVar[list[bool]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        Counted.made.append(kwargs["engine"])
        super().__init__(*args, **kwargs)


PAIRS = "from,to,by,as_of,risk_weight\na,d,,,\nd,a,hours,,\na,c,risk,2028,2\nb,d,,,\na,d,cost,,\nc,a,,2028,\n"


@needs_engine
def test_batch_on_the_engine_answers_as_without_it(write_json: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    net = str(write_json(diamond()))
    plain = run_batch(net, PAIRS)
    monkeypatch.setattr(engine, "MIN_PLACES", 0)  # the diamond counts as large: the engine answers
    monkeypatch.setattr(Counted, "made", [])
    monkeypatch.setattr(batch_module, "Router", Counted)
    fast = run_batch(net, PAIRS)
    assert Counted.made == [True, True, True]  # one router per (risk weight, year), not per line
    totals = [[route["totals"] for route in doc["routes"]] for doc in fast]
    assert totals == [[route["totals"] for route in doc["routes"]] for doc in plain]


def test_without_the_engine_a_large_batch_searches_in_python(
    write_json: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    net = str(write_json(diamond()))
    monkeypatch.setattr(engine, "MIN_PLACES", 0)
    monkeypatch.setattr(engine, "available", lambda: False)  # as if scgraph were not installed
    monkeypatch.setattr(Counted, "made", [])
    monkeypatch.setattr(batch_module, "Router", Counted)
    docs = run_batch(net, PAIRS)
    assert Counted.made == [False, False, False]
    assert [bool(doc.get("routes")) for doc in docs] == [True] * 6


@needs_engine
def test_a_risky_place_on_the_way_tips_the_engine_to_the_long_arc() -> None:
    """By hand: via n1, 1 + 1 km plus 2.5 x (0.5 risk x 1 km-equivalent) = 3.25 > 3 km direct."""
    nodes = [node("n0", 0, 0), node("n1", 0, 0, risks={"weather": risk(0.5)}), node("n2", 0, 0)]
    edges = [edge("n0", "n1", 1, id="e0"), edge("n1", "n2", 1, id="e1"), edge("n0", "n2", 3, id="e2")]
    cgraph = CorridorGraph.build(parse_network(document(nodes, edges), "t"))
    router = Router(cgraph, RiskModel(node_km=1), engine=True)
    assert [s[0] for s in router.search("n0", "n2", Objective("km", 2.5))] == ["n0", "n2", "n2"]
    assert [s[0] for s in router.search("n0", "n2", Objective("km", 1.5))] == ["n0", "n1", "n2", "n2"]


@needs_engine
def test_on_a_large_network_a_router_searches_by_km_on_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """`engine=None`: by km on the engine (bulk weights), by hours in Python (per-arc weights)."""
    cgraph = CorridorGraph.build(parse_network(diamond(), "d"))
    monkeypatch.setattr(engine, "MIN_PLACES", 0)  # the diamond counts as large
    router = Router(cgraph, RiskModel(), engine=None)
    by_km, by_hours = Objective("km", 1.0), Objective("hours")
    assert router.search("a", "d", by_km) == Router(cgraph, RiskModel(), engine=False).search("a", "d", by_km)
    router.search("a", "d", by_hours)
    assert list(router._compiled) == [by_km]
    monkeypatch.setattr(engine, "MIN_PLACES", 4)  # the diamond's 4 places
    assert engine.worth_it(cgraph)
    monkeypatch.setattr(engine, "MIN_PLACES", 5)
    assert not Router(cgraph, RiskModel(), engine=None)._on_engine(by_km)


@needs_engine
@settings(max_examples=300, deadline=None)
@given(
    arcs=st.lists(
        st.tuples(
            st.integers(0, 7),
            st.integers(0, 7),
            st.one_of(
                st.floats(1e-3, 0.999),  # below one bucket: scaled up by a power of two
                st.floats(1, 500),
                st.sampled_from([0.1, 0.2, 0.3, 1.5, 2**17]),  # ties in sums; beyond MAX_BUCKETS
            ),
        ),
        min_size=1,
        max_size=30,
    ),
    ends=st.tuples(st.integers(0, 7), st.integers(0, 7)),
)
def test_dials_buckets_find_the_shortest_length_networkx_finds(
    arcs: list[tuple[int, int, float]], ends: tuple[int, int]
) -> None:
    """Scaled by `bucketed`, scgraph's Dial search costs what networkx's Dijkstra costs, to the bit."""
    import networkx as nx
    import numpy as np
    from scgraph.cpp import Graph

    least: dict[tuple[int, int], float] = {}
    for u, v, w in arcs:
        if u != v:
            least[(u, v)] = min(w, least.get((u, v), math.inf))
    if not least:
        return
    pairs = sorted(least)
    weights, largest = engine.bucketed(np.array([least[p] for p in pairs]))
    power = 1.0  # the least power of two bringing the least weight to a unit or more
    while min(least.values()) * power < 1:
        power *= 2
    fits = max(least.values()) * power <= engine.MAX_BUCKETS
    scale = power if fits else 1.0
    assert weights.tolist() == [least[p] * scale for p in pairs]
    assert largest == (math.ceil(max(least.values()) * power) if fits else None)
    reference = nx.DiGraph()
    reference.add_nodes_from(range(8))
    reference.add_weighted_edges_from((u, v, least[(u, v)]) for u, v in pairs)
    rows: list[dict[int, float]] = [{} for _ in range(8)]
    for (u, v), w in zip(pairs, weights.tolist(), strict=True):
        rows[u][v] = w
    origin, destination = ends
    if origin == destination or not nx.has_path(reference, origin, destination):
        return
    expected = nx.dijkstra_path_length(reference, origin, destination)
    graph = Graph(rows)
    found = (
        graph.dijkstra(origin_id=origin, destination_id=destination)
        if largest is None
        else graph.dijkstra_buckets(origin_id=origin, destination_id=destination, max_edge_weight=largest)
    )
    path = found["path"]
    assert math.fsum(least[(u, v)] for u, v in pairwise(path)) == pytest.approx(expected, rel=1e-12)
    assert found["length"] / scale == pytest.approx(expected, rel=1e-12)
