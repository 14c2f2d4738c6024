"""Baseline for `corridors path --batch`: the same pairs over python-igraph's Dijkstra (C).

Reads the network (plain.py: json, operational arcs by km, no validation), builds one
directed igraph graph with the km as edge weights, then answers each pair of the CSV
with one `get_shortest_path` by km (Dijkstra) and writes one NDJSON line
{"from", "to", "nodes", "km"}. What it does not do, and corridors does: validate the
file, check the places and columns of each line, search a second time with risk
weights, compute hours, cost and CO2 along the route, report errors per line.

    python benchmarks/batch_igraph.py NETWORK PAIRS.csv > answers.ndjson
"""

from __future__ import annotations

import json
import sys
from itertools import pairwise

import igraph as ig
from plain import arcs, read_doc, read_pairs


def main(argv: list[str]) -> int:
    network, pairs = argv
    doc = read_doc(network)
    names = [node["id"] for node in doc["nodes"]]
    index = {name: i for i, name in enumerate(names)}
    found = arcs(doc)
    del doc
    graph = ig.Graph(n=len(names), edges=[(index[u], index[v]) for u, v in found], directed=True)
    weights = list(found.values())
    out = sys.stdout
    for origin, destination in read_pairs(pairs):
        path = graph.get_shortest_path(index[origin], index[destination], weights=weights, output="vpath")
        nodes = [names[i] for i in path]
        km = sum(found[arc] for arc in pairwise(nodes))
        out.write(json.dumps({"from": origin, "to": destination, "nodes": nodes, "km": km}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
