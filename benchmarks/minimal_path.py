"""The floor for `corridors path --data FILE --json`: the least a script can do for a route.

Load the file with `json`, build a networkx graph weighted by km (an edge runs both ways
unless it is one-way; of parallel edges the shorter counts), run networkx's Dijkstra and
print the places and the km as JSON. No validation, no time, cost, CO2 or risk.

    python benchmarks/minimal_path.py FILE FROM TO
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import networkx as nx


def main(argv: list[str]) -> int:
    file, origin, destination = argv
    doc = json.loads(Path(file).read_text(encoding="utf-8"))
    graph = nx.DiGraph()
    for edge in doc["edges"]:
        if edge["status"] != "operational":
            continue
        pairs = [(edge["from"], edge["to"])]
        if not edge.get("oneway"):
            pairs.append((edge["to"], edge["from"]))
        for u, v in pairs:
            if not graph.has_edge(u, v) or graph[u][v]["km"] > edge["km"]:
                graph.add_edge(u, v, km=edge["km"])
    km, nodes = nx.single_source_dijkstra(graph, origin, destination, weight="km")
    sys.stdout.write(json.dumps({"nodes": nodes, "km": km}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
