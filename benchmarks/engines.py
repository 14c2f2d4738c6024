"""Where a route's time goes, and one search by networkx, corridors and compiled engines.

    python benchmarks/engines.py FILE FROM TO     # prints a JSON object: name -> seconds

First the stages of `corridors path --json` in one process (decoding, validating, building,
searching, writing), then the search alone on the same graph per engine: what a faster
engine could save, and what a batch pays per search: CPU time of 1,000 searches, projected
from MIX random pairs (seeded), after the engine's graph is built. Then corridors' own
compiled searches (analysis/engine.py, which `path --batch` uses on a large network):
compiling an objective's weights once, and its searches. rustworkx, igraph and scgraph
come with the `bench` extra; an engine not installed is reported as null.
"""

from __future__ import annotations

import gc
import json
import random
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx

from corridors.analysis.engine import available
from corridors.analysis.router import Router
from corridors.analysis.routing import find_routes
from corridors.analysis.scenario import Objective, RiskModel
from corridors.network.bulk import gc_paused
from corridors.network.graph import EDGES, CorridorGraph
from corridors.network.loading import bundled_data_path, load_network, parse_network
from corridors.network.reading import read_json
from corridors.render.jsondoc import path_json

MIX = 50  # random pairs per engine for the per-search CPU time


def timed(run: Any) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def thousand(search: Any, pairs: list[tuple[Any, Any]]) -> float:
    """CPU seconds of 1,000 searches, projected from `pairs` (CPU: the machine is shared)."""
    start = time.process_time()
    for a, b in pairs:
        search(a, b)
    return (time.process_time() - start) * 1000 / len(pairs)


def random_pairs(count: int, names: list[str]) -> list[tuple[str, str]]:
    rng = random.Random(7)
    return [(a, b) for a, b in (rng.sample(names, 2) for _ in range(count))]


def compiled(plain: Any, origin: str, destination: str) -> dict[str, float | None]:
    """Build each compiled engine's graph from the plain one, then time one Dijkstra by km."""
    out: dict[str, float | None] = {}
    names = list(plain)
    index = {name: i for i, name in enumerate(names)}
    arcs = [(index[u], index[v], km) for u, v, km in plain.edges(data="km")]
    source, target = index[origin], index[destination]
    mix = [(index[a], index[b]) for a, b in random_pairs(MIX, names)]
    per = "1,000 random searches by km, CPU"
    try:
        import rustworkx as rx
    except ImportError:
        out["rustworkx Dijkstra by km"] = None
    else:
        start = time.perf_counter()
        fast = rx.PyDiGraph()
        fast.add_nodes_from(names)
        fast.add_edges_from(arcs)
        out["rustworkx: building its graph"] = time.perf_counter() - start
        out["rustworkx Dijkstra by km"] = timed(
            lambda: rx.dijkstra_shortest_paths(fast, source, target, weight_fn=float)
        )
        out[f"rustworkx: {per}"] = thousand(
            lambda a, b: rx.dijkstra_shortest_paths(fast, a, b, weight_fn=float), mix
        )
    try:
        import igraph as ig
    except ImportError:
        out["igraph Dijkstra by km"] = None
    else:
        start = time.perf_counter()
        graph = ig.Graph(n=len(names), edges=[(u, v) for u, v, _ in arcs], directed=True)
        weights = [km for _, _, km in arcs]
        out["igraph: building its graph"] = time.perf_counter() - start
        out["igraph Dijkstra by km"] = timed(lambda: graph.get_shortest_path(source, target, weights=weights))
        out[f"igraph: {per}"] = thousand(lambda a, b: graph.get_shortest_path(a, b, weights=weights), mix)
    try:
        from scgraph import Graph
    except ImportError:
        out["scgraph (C++) Dijkstra by km"] = None
    else:
        start = time.perf_counter()
        adjacency: list[dict[int, float]] = [{} for _ in names]
        for u, v, km in arcs:
            adjacency[u][v] = km
        scgraph = Graph(adjacency)
        out["scgraph: building its graph"] = time.perf_counter() - start
        out["scgraph (C++) Dijkstra by km"] = timed(lambda: scgraph.dijkstra(source, target))
        out[f"scgraph: {per}"] = thousand(lambda a, b: scgraph.dijkstra(a, b), mix)
        most = max(km for _, _, km in arcs)  # Dial's algorithm: one bucket per km (all are over 1)
        out["scgraph (C++, Dial's buckets) Dijkstra by km"] = timed(
            lambda: scgraph.dijkstra_buckets(source, target, max_edge_weight=most)
        )
        out[f"scgraph, Dial's buckets: {per}"] = thousand(
            lambda a, b: scgraph.dijkstra_buckets(a, b, max_edge_weight=most), mix
        )
    return out


def ours(cgraph: CorridorGraph, origin: str, destination: str) -> dict[str, float | None]:
    """corridors' compiled searches (analysis/engine.py), as a batch runs them."""
    if not available():
        return {"corridors on scgraph: search by km": None}
    router = Router(cgraph, RiskModel(), engine=True)
    by_km, by_hours = Objective("km"), Objective("hours")
    first = timed(lambda: router.search(origin, destination, by_km))
    again = timed(lambda: router.search(origin, destination, by_km))
    out: dict[str, float | None] = {
        "corridors on scgraph: numbering the places, compiling the km weights": first - again,
        "corridors on scgraph: search by km (on places)": again,
        "corridors on scgraph: 1,000 random searches by km, CPU": thousand(
            lambda a, b: router.search(a, b, by_km), random_pairs(MIX, list(cgraph.adjacency))
        ),
    }
    first = timed(lambda: router.search(origin, destination, by_hours))
    again = timed(lambda: router.search(origin, destination, by_hours))
    out["corridors on scgraph: numbering the states, compiling the hours weights"] = first - again
    out["corridors on scgraph: search by hours (on states)"] = again
    return out


def main(argv: list[str]) -> int:
    file, origin, destination = argv
    stages: dict[str, float | None] = {}
    start = time.perf_counter()
    with gc_paused():
        doc = read_json(Path(file))
        stages["stage: read and decode JSON (duplicate keys checked)"] = time.perf_counter() - start
        start = time.perf_counter()
        network = parse_network(doc, file)
        del doc
    stages["stage: validate every field, build records"] = time.perf_counter() - start
    if not network.parameters:
        network = replace(network, parameters=load_network(bundled_data_path()).parameters)
    start = time.perf_counter()
    cgraph = CorridorGraph.build(network)
    gc.freeze()
    stages["stage: build the networkx place graph"] = time.perf_counter() - start
    start = time.perf_counter()
    routes = find_routes(cgraph, origin, destination, model=RiskModel())
    stages["stage: both searches (km, risk-weighted km) and the routes"] = time.perf_counter() - start
    start = time.perf_counter()
    path_json({}, network, routes)
    stages["stage: JSON out"] = time.perf_counter() - start
    plain = nx.DiGraph()
    plain.add_weighted_edges_from(
        [(u, v, min(e.km for e in edges)) for u, v, edges in cgraph.graph.edges(data=EDGES)], weight="km"
    )
    router = Router(cgraph, RiskModel(), engine=False)  # the pure-Python searches
    out: dict[str, float | None] = {
        **stages,
        "networkx Dijkstra by km, plain DiGraph": timed(
            lambda: nx.single_source_dijkstra(plain, origin, destination, weight="km")
        ),
        "corridors: edge usability table (once per query)": timed(lambda: router.usable),
        "corridors search by km (on places, Python)": timed(
            lambda: router.search(origin, destination, Objective("km"))
        ),
        "corridors search by risk-weighted km (on places, Python)": timed(
            lambda: router.search(origin, destination, Objective("km", 1.0))
        ),
        "corridors search by hours (on states, Python)": timed(
            lambda: router.search_states(origin, destination, Objective("hours"))
        ),
    }
    out.update(compiled(plain, origin, destination))
    out.update(ours(cgraph, origin, destination))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
