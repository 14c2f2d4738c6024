"""The networkx graphs, built once from a validated network.

`graph` joins places: the edges from u to v (rail and road, two ferries) sit together in
one attribute. `states` is what routes are searched on: a node there is a place *and*
how the train arrived (mode and gauge), because what happens at a place depends on it:
a gauge change only when the gauge changes, a transshipment only when the mode does.
Origins are ``(place, START)``; every arrival state leads to ``(place, END)`` for free, so
one search target stands for "arrived by any means".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from corridors.model import Edge, Network

EDGES = "edges"  # attribute name: tuple[Edge, ...] behind an arc
START = ("start", None)
END = ("end", None)
Class = tuple[str, int | None]  # (mode, gauge_mm for rail)
State = tuple[str, Class]


def edge_class(edge: Edge) -> Class:
    return (edge.mode, edge.gauge_mm if edge.mode == "rail" else None)


@dataclass(frozen=True, eq=False)
class CorridorGraph:
    network: Network
    graph: Any  # nx.DiGraph of places; networkx ships no type hints
    states: Any  # nx.DiGraph of (place, arrival class)

    @classmethod
    def build(cls, network: Network) -> CorridorGraph:
        graph = nx.DiGraph()
        graph.add_nodes_from(network.nodes)
        for edge in network.edges:
            directions = [(edge.source, edge.target)]
            if not edge.oneway:
                directions.append((edge.target, edge.source))
            for u, v in directions:
                if graph.has_edge(u, v):
                    graph[u][v][EDGES] += (edge,)
                else:
                    graph.add_edge(u, v, **{EDGES: (edge,)})
        return cls(network, graph, _state_graph(graph))

    def edges_between(self, u: str, v: str) -> tuple[Edge, ...]:
        edges: tuple[Edge, ...] = self.graph[u][v][EDGES]
        return edges


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
    for u, v, edges in graph.edges(data=EDGES):
        groups: dict[Class, list[Edge]] = defaultdict(list)
        for edge in edges:
            groups[edge_class(edge)].append(edge)
        for arrival in [START, *arrivals[u]]:
            for leaving, group in groups.items():
                states.add_edge((u, arrival), (v, leaving), **{EDGES: tuple(group)})
    return states
