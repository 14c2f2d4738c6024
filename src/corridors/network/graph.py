"""The networkx graphs, built once from a validated network.

`graph` joins places: the edges from u to v (rail and road, two ferries) sit together in
one attribute. Routes are searched on *states*: a state is a place *and* how the train
arrived (mode and gauge), because what happens at a place depends on it: a gauge change
only when the gauge changes, a transshipment only when the mode does. Origins are
``(place, START)``; every arrival state leads to ``(place, END)`` for free, so one search
target stands for "arrived by any means".

The searches walk the states straight off `adjacency` (`successors`: a state's arcs are the
place's arcs, one per arrival class of the edges behind them), so a route on a network of
100,000 places touches only the states it reaches. `states` materialises the same arcs as
an nx.DiGraph, in the same order, for what needs a graph object (Yen's k shortest paths);
it is built on first use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from typing import Any

from corridors.network.bulk import gc_paused
from corridors.network.model import Edge, Network
from corridors.network.modes import GAUGED_MODES

EDGES = "edges"  # attribute name: tuple[Edge, ...] behind an arc
GROUPS = "groups"  # attribute name: the same edges by arrival class (`Groups`), one per state arc
START = ("start", None)
END = ("end", None)
Class = tuple[str, int | None]  # (mode, gauge_mm for rail)
State = tuple[str, Class]
Groups = tuple[tuple[Class, tuple[Edge, ...]], ...]  # an arc's edges by class, first seen first


def edge_class(edge: Edge) -> Class:
    return (edge.mode, edge.gauge_mm if edge.mode in GAUGED_MODES else None)


Adjacency = dict[str, dict[str, dict[str, Any]]]  # place -> next place -> {EDGES, GROUPS}


@dataclass(frozen=True, eq=False)
class CorridorGraph:
    """The network's places and arcs, held in our own adjacency (never networkx's private one).

    The searches read `adjacency` directly: it is a plain dict of dicts, what networkx keeps
    privately in `_adj`, so walking it costs the same while networkx stays free to change
    its internals. `graph` gives the same arcs as an nx.DiGraph, built on first use.
    """

    network: Network
    adjacency: Adjacency

    @classmethod
    def build(cls, network: Network) -> CorridorGraph:
        with gc_paused():
            return cls(network, _place_adjacency(network))

    def state_edges(self, here: State, there: State) -> tuple[Edge, ...]:
        """The edges behind the state arc here -> there (none for the free arc to END)."""
        if there[1] == END:
            return ()
        groups: Groups = self.adjacency[here[0]][there[0]][GROUPS]
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
        for there, data in self.adjacency[place].items():
            for leaving, edges in data[GROUPS]:
                yield (there, leaving), edges

    @cached_property
    def graph(self) -> Any:
        """nx.DiGraph of places, each arc with its EDGES and GROUPS, in adjacency order."""
        import networkx as nx  # only here and below: commands that read no route skip its import

        graph = nx.DiGraph()
        graph.add_nodes_from(self.adjacency)
        for u, v in _arcs(self.network):  # first sight order, as add_edge would: predecessors too
            if not graph.has_edge(u, v):
                graph.add_edge(u, v, **self.adjacency[u][v])
        return graph

    @cached_property
    def states(self) -> Any:
        """nx.DiGraph of (place, arrival class), with the arcs `successors` walks."""
        return _state_graph(self.graph)


def simple_paths(
    cgraph: CorridorGraph, origin: str, destination: str, usable: Callable[[Edge], bool], limit: int
) -> int | None:
    """How many loopless place sequences join the places over usable edges, if fewer than `limit`.

    Every one of them is some state path, so a search for distinct routes can stop when it
    has found them all instead of pulling walks and repeats until its own limit. Counted
    shortest first (Yen's, by arcs): a depth-first count can wander a large grid for ever.
    """
    adjacency = cgraph.adjacency

    def open_arc(here: str, there: str) -> bool:
        return any(usable(edge) for _class, edges in adjacency[here][there][GROUPS] for edge in edges)

    import networkx as nx

    graph = nx.subgraph_view(cgraph.graph, filter_edge=open_arc)
    found = sum(1 for _ in islice(nx.shortest_simple_paths(graph, origin, destination), limit))
    return found if found < limit else None


def _place_adjacency(network: Network) -> Adjacency:
    """The places and their arcs, each arc with its edges (EDGES) and their classes (GROUPS).

    Arcs in order of first sight, as `nx.DiGraph.add_edge` would add them;
    `test_place_graph_equals_the_one_add_edge_builds` holds `graph` to that.
    """
    succ: Adjacency = {place: {} for place in network.nodes}
    classes: dict[Class, Class] = {}  # one tuple per class, shared by every arc
    parallel: list[dict[str, Any]] = []
    for edge in network.edges:
        arrival = edge_class(edge)
        arrival = classes.setdefault(arrival, arrival)
        single = ((arrival, (edge,)),)
        for u, v in _ends(edge):
            data = succ[u].get(v)
            if data is None:
                succ[u][v] = {EDGES: (edge,), GROUPS: single}
            else:
                if len(data[EDGES]) == 1:
                    parallel.append(data)
                data[EDGES] = (*data[EDGES], edge)
    for data in parallel:
        by_class: dict[Class, list[Edge]] = defaultdict(list)
        for edge in data[EDGES]:
            by_class[edge_class(edge)].append(edge)
        data[GROUPS] = tuple((classes.setdefault(c, c), tuple(group)) for c, group in by_class.items())
    return succ


def _ends(edge: Edge) -> tuple[tuple[str, str], ...]:
    forward = (edge.source, edge.target)
    return (forward,) if edge.oneway else (forward, (edge.target, edge.source))


def _arcs(network: Network) -> Iterator[tuple[str, str]]:
    for edge in network.edges:
        yield from _ends(edge)


def _state_graph(graph: Any) -> Any:
    arrivals: dict[str, set[Class]] = defaultdict(set)
    for _u, v, edges in graph.edges(data=EDGES):
        arrivals[v].update(edge_class(e) for e in edges)
    import networkx as nx

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
