"""What every baseline script reads, done the plain way: no validation, km only.

An operational edge is an arc each way unless it is one-way; of parallel arcs the
shortest counts. Pairs come from a CSV file with `from` and `to` columns.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any


def read_doc(file: str) -> Any:
    return json.loads(Path(file).read_text(encoding="utf-8"))


def arcs(doc: Any) -> dict[tuple[str, str], float]:
    """(from, to) -> km of the shortest operational edge between them."""
    found: dict[tuple[str, str], float] = {}
    for edge in doc["edges"]:
        if edge["status"] != "operational":
            continue
        pairs = [(edge["from"], edge["to"])]
        if not edge.get("oneway"):
            pairs.append((edge["to"], edge["from"]))
        for pair in pairs:
            if pair not in found or found[pair] > edge["km"]:
                found[pair] = edge["km"]
    return found


def read_pairs(file: str) -> list[tuple[str, str]]:
    with Path(file).open(encoding="utf-8", newline="") as handle:
        return [(row["from"], row["to"]) for row in csv.DictReader(handle)]
