"""Breakeven: the risk weight where the preferred corridor flips, exact and checked by scanning."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import document, edge, node, risk
from corridors.analysis.breakeven import breakeven
from corridors.analysis.router import Router
from corridors.analysis.scenario import Objective, RiskModel, Scenario
from corridors.errors import NoRouteError
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network


def test_diamond_flips_where_the_lines_cross(diamond_graph: CorridorGraph) -> None:
    # west: 240 km with exposure 120 x 0.8 = 96; east: 280 km, no exposure. 240 + 96 w = 280.
    result = breakeven(diamond_graph, "a", "d")
    ((weight, before, after),) = result.flips
    assert weight == pytest.approx(40 / 96, rel=1e-12)
    assert before.ranking == ("west", "east") and after.ranking == ("east", "west")
    assert result.to_dict()["flips"] == [
        {"risk_weight": round(40 / 96, 9), "before": ["west", "east"], "after": ["east", "west"]}
    ]


def test_no_flip_in_range(diamond_graph: CorridorGraph) -> None:
    result = breakeven(diamond_graph, "a", "d", max_weight=0.4)
    assert result.flips == () and result.spans[0].ranking == ("west", "east")


@st.composite
def two_corridor_networks(draw: st.DrawFn) -> dict[str, Any]:
    ids = ["n0", "n1", "n2", "n3", "n4"]
    nodes = [node(i, 0, 0, risks={"weather": risk(draw(st.sampled_from([0, 0.3])))}) for i in ids]
    edges = []
    for index in range(draw(st.integers(2, 10))):
        source, target = draw(st.permutations(ids))[:2]
        edges.append(
            edge(
                source,
                target,
                draw(st.integers(1, 500)),
                id=f"e{index}",
                corridors=draw(st.sampled_from([["east"], ["west"], ["east", "west"]])),
                risks={"sanctions": risk(draw(st.sampled_from([0, 0.2, 0.6, 1])))},
            )
        )
    return document(nodes, edges)


@settings(max_examples=100, deadline=None)
@given(doc=two_corridor_networks(), metric=st.just("km"))
def test_flips_agree_with_a_scan_of_risk_weights(doc: dict[str, Any], metric: str) -> None:
    graph = CorridorGraph.build(parse_network(doc, "random"))
    try:
        result = breakeven(graph, "n0", "n4", metric=metric, max_weight=10)
    except NoRouteError:
        return
    reachable = [c.id for c in graph.network.corridors if c.id not in result.unreachable]

    def best_at(weight: float) -> dict[str, float]:
        model = RiskModel(risk_weight=weight)
        out = {}
        for corridor in reachable:
            route = Router(graph, model, Scenario(corridor=corridor)).best_route(
                "n0", "n4", Objective("km", weight)
            )
            out[corridor] = route.totals.km + weight * route.totals.risk_km
        return out

    for span in result.spans:
        for fraction in (0.1, 0.5, 0.9):
            weight = span.start + fraction * (span.end - span.start)
            values = best_at(weight)
            assert values[span.ranking[0]] <= min(values.values()) + 1e-6
            for ident in reachable:
                assert span.lines[ident].at(weight) == pytest.approx(values[ident], rel=1e-9, abs=1e-6)
    for weight, before, after in result.flips:
        below, above = best_at(weight * (1 - 1e-6) - 1e-9), best_at(weight * (1 + 1e-6) + 1e-9)
        assert below[before.ranking[0]] <= below[after.ranking[0]] + 1e-6
        assert above[after.ranking[0]] <= above[before.ranking[0]] + 1e-6


def test_envelope_finds_a_middle_line() -> None:
    """Three routes: 100 km x risk 1, 150 km with 30 km of risk 1, 300 km safe.

    Lines 100 + 100 w, 150 + 30 w and 300: the best is the first up to w = 50/70, the second up
    to w = 5, then the third. The second is best at neither end of [0, 10].
    """
    from corridors.analysis.breakeven import envelope

    doc = document(
        [node("s", 0, 0), node("p", 0, 0), node("q", 0, 0), node("t", 0, 0)],
        [
            edge("s", "t", 100, risks={"sanctions": risk(1)}),
            edge("s", "p", 120),
            edge("p", "t", 30, risks={"sanctions": risk(1)}),
            edge("s", "q", 300),
        ],
    )
    doc["edges"][3]["to"] = "t"
    doc["edges"][3]["id"] = "s-q-t"
    graph = CorridorGraph.build(parse_network(doc, "three"))
    pieces = envelope(Router(graph), "s", "t", "km", 10)
    assert [(p.line.value, p.line.exposure) for p in pieces] == [(100, 100), (150, 30), (300, 0)]
    assert [p.start for p in pieces] == pytest.approx([0, 50 / 70, 5])
