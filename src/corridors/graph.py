"""The networkx graph, built once from a validated network.

One directed graph; the edges joining u to v (rail and road, two ferries) sit together
in one attribute, so networkx algorithms that refuse multigraphs (Yen's
``shortest_simple_paths``) still work, and a weight function picks the best of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from corridors.model import Edge, Network

EDGES = "edges"  # attribute name: tuple[Edge, ...] joining u to v in this direction


@dataclass(frozen=True, eq=False)
class CorridorGraph:
    network: Network
    graph: Any  # nx.DiGraph; networkx ships no type hints

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
        return cls(network, graph)

    def edges_between(self, u: str, v: str) -> tuple[Edge, ...]:
        edges: tuple[Edge, ...] = self.graph[u][v][EDGES]
        return edges
