"""Baseline for `corridors path --batch`: the same pairs over scgraph's C++ Dijkstra.

Reads the network (plain.py: json, operational arcs by km, no validation), builds one
scgraph graph (its C++ `Graph` when the wheel has it, as pip installs on Linux), then
answers each pair of the CSV with one Dijkstra by km and writes one NDJSON line
{"from", "to", "nodes", "km"}. What it does not do, and corridors does: validate the
file, check the places and columns of each line, search a second time with risk
weights, compute hours, cost and CO2 along the route, report errors per line.

    python benchmarks/batch_scgraph.py NETWORK PAIRS.csv > answers.ndjson
"""

from __future__ import annotations

import json
import sys

from plain import arcs, read_doc, read_pairs
from scgraph import Graph


def main(argv: list[str]) -> int:
    network, pairs = argv
    doc = read_doc(network)
    names = [node["id"] for node in doc["nodes"]]
    index = {name: i for i, name in enumerate(names)}
    adjacency: list[dict[int, float]] = [{} for _ in names]
    for (u, v), km in arcs(doc).items():
        adjacency[index[u]][index[v]] = km
    del doc
    graph = Graph(adjacency)
    out = sys.stdout
    for origin, destination in read_pairs(pairs):
        found = graph.dijkstra(origin_id=index[origin], destination_id=index[destination])
        nodes = [names[i] for i in found["path"]]
        out.write(json.dumps({"from": origin, "to": destination, "nodes": nodes, "km": found["length"]}))
        out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
