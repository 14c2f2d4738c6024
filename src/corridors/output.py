"""The JSON contract: one versioned document per command, keys in a fixed order.

Bump OUTPUT_SCHEMA_VERSION only on a breaking change; new keys are additive.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from corridors.breakeven import Breakeven
from corridors.model import Network
from corridors.results import Comparison, Route
from corridors.routing import RiskModel

OUTPUT_SCHEMA_VERSION = 1

# JSON itself escapes C0 controls; these others survive `ensure_ascii=False` and a terminal
# may obey them (DEL, C1 controls such as CSI, line separators, bidirectional overrides).
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def dumps(doc: Mapping[str, Any]) -> str:
    """Pretty JSON, readable non-ASCII names, and no character a terminal would act on."""
    text = json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)
    return _UNSAFE.sub(lambda match: f"\\u{ord(match[0]):04x}", text) + "\n"


def _document(command: str, query: Mapping[str, Any], network: Network, body: Mapping[str, Any]) -> str:
    doc = {
        "schema_version": OUTPUT_SCHEMA_VERSION,
        "command": command,
        "query": dict(query),
        "network": {"as_of": network.as_of, "schema_version": network.schema_version},
        **body,
    }
    return dumps(doc)


def risk_query(model: RiskModel) -> dict[str, Any]:
    return {
        "risk_weight": model.risk_weight,
        "factor_weights": dict(sorted(model.factor_weights.items())),
        "node_risk_km": model.node_km,
    }


def path_json(query: Mapping[str, Any], network: Network, routes: tuple[Route, ...]) -> str:
    return _document("path", query, network, {"routes": [route.to_dict() for route in routes]})


def compare_json(query: Mapping[str, Any], network: Network, comparison: Comparison) -> str:
    shortest = comparison.shortest
    return _document(
        "compare",
        query,
        network,
        {
            "origin": comparison.origin,
            "destination": comparison.destination,
            "shortest_corridor": shortest.id if shortest else None,
            "corridors": [corridor.to_dict() for corridor in comparison.corridors],
        },
    )


def node_corridors(network: Network) -> dict[str, list[str]]:
    """Corridor ids per node, in the data file's corridor order."""
    order = [c.id for c in network.corridors]
    seen: dict[str, set[str]] = {node: set() for node in network.nodes}
    for edge in network.edges:
        seen[edge.source].update(edge.corridors)
        seen[edge.target].update(edge.corridors)
    return {node: [c for c in order if c in ids] for node, ids in seen.items()}


def nodes_json(query: Mapping[str, Any], network: Network, model: RiskModel) -> str:
    lanes = node_corridors(network)
    nodes = [
        {
            "id": node.id,
            "name": node.name,
            "aliases": list(node.aliases),
            "country": node.country,
            "kind": node.kind,
            "lat": node.lat,
            "lon": node.lon,
            "corridors": lanes[node.id],
            "risk": round(model.combined(node.risks), 4),
            "risk_factors": {risk.factor: risk.value for risk in node.risks},
        }
        for node in network.nodes.values()
    ]
    return _document("nodes", query, network, {"nodes": nodes})


def pareto_json(query: Mapping[str, Any], network: Network, criteria: list[str], routes: list[Route]) -> str:
    return _document(
        "pareto", query, network, {"criteria": criteria, "routes": [r.to_dict() for r in routes]}
    )


def breakeven_json(query: Mapping[str, Any], network: Network, result: Breakeven) -> str:
    return _document("breakeven", query, network, result.to_dict())
