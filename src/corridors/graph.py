"""The networkx graphs, built once from a validated network.

`graph` joins places: the edges from u to v (rail and road, two ferries) sit together in
one attribute. Routes are searched on *states*: a state is a place *and* how the train
arrived (mode and gauge), because what happens at a place depends on it: a gauge change
only when the gauge changes, a transshipment only when the mode does. Origins are
``(place, START)``; every arrival state leads to ``(place, END)`` for free, so one search
target stands for "arrived by any means".

The searches walk the states straight off `graph` (`successors`: a state's arcs are the
place's arcs, one per arrival class of the edges behind them), so a route on a network of
100,000 places touches only the states it reaches. `states` materialises the same arcs as
an nx.DiGraph, in the same order, for what needs a graph object (Yen's k shortest paths);
it is built on first use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import networkx as nx

from corridors.bulk import gc_paused
from corridors.model import Edge, Network

EDGES = "edges"  # attribute name: tuple[Edge, ...] behind an arc
GROUPS = "groups"  # attribute name: the same edges by arrival class (`Groups`), one per state arc
START = ("start", None)
END = ("end", None)
Class = tuple[str, int | None]  # (mode, gauge_mm for rail)
State = tuple[str, Class]
Groups = tuple[tuple[Class, tuple[Edge, ...]], ...]  # an arc's edges by class, first seen first


def edge_class(edge: Edge) -> Class:
    return (edge.mode, edge.gauge_mm if edge.mode == "rail" else None)


@dataclass(frozen=True, eq=False)
class CorridorGraph:
    network: Network
    graph: Any  # nx.DiGraph of places; networkx ships no type hints

    @classmethod
    def build(cls, network: Network) -> CorridorGraph:
        with gc_paused():
            return cls(network, _place_graph(network))

    def state_edges(self, here: State, there: State) -> tuple[Edge, ...]:
        """The edges behind the state arc here -> there (none for the free arc to END)."""
        if there[1] == END:
            return ()
        groups: Groups = self.graph._adj[here[0]][there[0]][GROUPS]
        for arrival, edges in groups:
            if arrival == there[1]:
                return edges
        raise KeyError((here, there))

    def successors(self, state: State) -> Iterator[tuple[State, tuple[Edge, ...]]]:
        """A state's arcs with their edges, in the order of `states` (END first)."""
        place, arriving = state
        if arriving == END:
            return
        if arriving != START:
            yield (place, END), ()
        for there, data in self.graph._adj[place].items():
            for leaving, edges in data[GROUPS]:
                yield (there, leaving), edges

    @cached_property
    def states(self) -> Any:
        """nx.DiGraph of (place, arrival class), with the arcs `successors` walks."""
        return _state_graph(self.graph)


def _place_graph(network: Network) -> Any:
    """The places and their arcs, each arc with its edges (EDGES) and their classes (GROUPS).

    The arcs go straight into the DiGraph's adjacency, as `add_edge` would put them (one
    attribute dict shared by successors and predecessors, arcs in order of first sight)
    without its per-call checks and copies: a large network is built in half the time.
    `test_place_graph_equals_the_one_add_edge_builds` holds it to that.
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(network.nodes)
    succ, pred = graph._succ, graph._pred
    classes: dict[Class, Class] = {}  # one tuple per class, shared by every arc
    parallel: list[dict[str, Any]] = []
    for edge in network.edges:
        arrival = edge_class(edge)
        arrival = classes.setdefault(arrival, arrival)
        single = ((arrival, (edge,)),)
        ends = (
            ((edge.source, edge.target),)
            if edge.oneway
            else ((edge.source, edge.target), (edge.target, edge.source))
        )
        for u, v in ends:
            data = succ[u].get(v)
            if data is None:
                succ[u][v] = pred[v][u] = {EDGES: (edge,), GROUPS: single}
            else:
                if len(data[EDGES]) == 1:
                    parallel.append(data)
                data[EDGES] = (*data[EDGES], edge)
    for data in parallel:
        by_class: dict[Class, list[Edge]] = defaultdict(list)
        for edge in data[EDGES]:
            by_class[edge_class(edge)].append(edge)
        data[GROUPS] = tuple((classes.setdefault(c, c), tuple(group)) for c, group in by_class.items())
    return graph


def _state_graph(graph: Any) -> Any:
    arrivals: dict[str, set[Class]] = defaultdict(set)
    for _u, v, edges in graph.edges(data=EDGES):
        arrivals[v].update(edge_class(e) for e in edges)
    states = nx.DiGraph()
    for place in graph.nodes:
        states.add_node((place, START))
        states.add_node((place, END))
        for arrival in arrivals[place]:
            states.add_edge((place, arrival), (place, END), **{EDGES: ()})
    for u, v, groups in graph.edges(data=GROUPS):
        for arrival in [START, *arrivals[u]]:
            for leaving, group in groups:
                states.add_edge((u, arrival), (v, leaving), **{EDGES: group})
    return states
