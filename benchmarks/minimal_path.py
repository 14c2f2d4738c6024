"""The floor for `corridors path --data FILE --json`: the least a script can do for a route.

Load the file with `json`, build a networkx graph weighted by km (see plain.py), run
networkx's Dijkstra and print the places and the km as JSON. No validation, no time,
cost, CO2 or risk. Like corridors, it pauses the garbage collector while it builds
(hundreds of thousands of objects that all live on: a sweep would find nothing to free).

    python benchmarks/minimal_path.py FILE FROM TO
"""

from __future__ import annotations

import gc
import json
import sys

import networkx as nx
from plain import arcs, read_doc


def main(argv: list[str]) -> int:
    file, origin, destination = argv
    gc.disable()
    graph = nx.DiGraph()
    graph.add_weighted_edges_from(((u, v, km) for (u, v), km in arcs(read_doc(file)).items()), weight="km")
    gc.freeze()
    gc.enable()
    km, nodes = nx.single_source_dijkstra(graph, origin, destination, weight="km")
    sys.stdout.write(json.dumps({"nodes": nodes, "km": km}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
