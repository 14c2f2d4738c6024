"""The JSON contract: one versioned document per command, keys in a fixed order.

Bump OUTPUT_SCHEMA_VERSION only on a breaking change; new keys are additive.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from corridors.network.model import Network, Risk, Source

if TYPE_CHECKING:  # annotations only: importing these costs start-up time
    from corridors.analysis.breakeven import Breakeven
    from corridors.analysis.results import Comparison, Route
    from corridors.analysis.scenario import RiskModel
    from corridors.analysis.simulation import Simulation

OUTPUT_SCHEMA_VERSION = 1

# JSON itself escapes C0 controls; these others survive `ensure_ascii=False` and a terminal
# may obey them (DEL, C1 controls such as CSI, line separators, bidirectional overrides).
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def dumps(doc: Mapping[str, Any]) -> str:
    """Pretty JSON, readable non-ASCII names, and no character a terminal would act on."""
    return _safe(json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False))


def dumps_line(doc: Mapping[str, Any]) -> str:
    """The same as `dumps`, on one line: for NDJSON."""
    return _safe(json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False))


def _safe(text: str) -> str:
    """`text` with every `_UNSAFE` character escaped, and a newline; ASCII has none (a quick test)."""
    if text.isascii():
        return text + "\n"
    return _UNSAFE.sub(lambda match: f"\\u{ord(match[0]):04x}", text) + "\n"


def _document(
    command: str,
    query: Mapping[str, Any],
    network: Network,
    body: Mapping[str, Any],
    *,
    compact: bool = False,
) -> str:
    doc = {**envelope(command, query, network), **body}
    return dumps_line(doc) if compact else dumps(doc)


def envelope(command: str, query: Mapping[str, Any], network: Network) -> dict[str, Any]:
    """The keys every document starts with, in this order."""
    return {
        "schema_version": OUTPUT_SCHEMA_VERSION,
        "command": command,
        "query": dict(query),
        "network": {"as_of": network.as_of, "schema_version": network.schema_version},
    }


def path_json(
    query: Mapping[str, Any],
    network: Network,
    routes: tuple[Route, ...],
    *,
    compact: bool = False,
    extra: Mapping[str, Any] | None = None,
) -> str:
    body = {"routes": [route.to_dict() for route in routes], **(extra or {})}
    return _document("path", query, network, body, compact=compact)


def compare_json(
    query: Mapping[str, Any], network: Network, comparison: Comparison, extra: Mapping[str, Any] | None = None
) -> str:
    """`extra`: the verdict and rail against sea, after the corridors."""
    return _document("compare", query, network, {**comparison.to_dict(), **(extra or {})})


def simulate_json(query: Mapping[str, Any], network: Network, result: Simulation) -> str:
    return _document("simulate", query, network, result.to_dict())


def node_corridors(network: Network) -> dict[str, list[str]]:
    """Corridor ids per node, in the data file's corridor order."""
    order = [c.id for c in network.corridors]
    seen: dict[str, set[str]] = {node: set() for node in network.nodes}
    for edge in network.edges:
        seen[edge.source].update(edge.corridors)
        seen[edge.target].update(edge.corridors)
    return {node: [c for c in order if c in ids] for node, ids in seen.items()}


def node_dicts(network: Network, model: RiskModel) -> list[dict[str, Any]]:
    """The `nodes` entries, in the data file's order."""
    lanes = node_corridors(network)
    return [
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


def pareto_json(query: Mapping[str, Any], network: Network, criteria: list[str], routes: list[Route]) -> str:
    return _document(
        "pareto", query, network, {"criteria": criteria, "routes": [r.to_dict() for r in routes]}
    )


def analysis_json(command: str, query: Mapping[str, Any], network: Network, result: Any) -> str:
    """A document whose body is an analysis result's to_dict() (projects, critical)."""
    return _document(command, query, network, result.to_dict())


def breakeven_json(query: Mapping[str, Any], network: Network, result: Breakeven) -> str:
    return _document("breakeven", query, network, result.to_dict())


def nodes_json(query: Mapping[str, Any], network: Network, model: RiskModel) -> str:
    return _document("nodes", query, network, {"nodes": node_dicts(network, model)})


def _risk_factors(model: RiskModel, risks: tuple[Risk, ...]) -> dict[str, Any]:
    return {
        "risk": round(model.combined(risks), 4),
        "risk_factors": {risk.factor: risk.value for risk in risks},
    }


def edge_dicts(network: Network, model: RiskModel) -> list[dict[str, Any]]:
    """The `edges` entries, in the data file's order; risks include those of the edge's countries."""
    from corridors.analysis.scenario import edge_risks

    return [
        {
            "id": edge.id,
            "from": edge.source,
            "to": edge.target,
            "mode": edge.mode,
            "km": edge.km,
            "km_basis": edge.km_basis,
            "status": edge.status,
            "opens": edge.opens,
            "gauge_mm": edge.gauge_mm,
            "oneway": edge.oneway,
            "corridors": list(edge.corridors),
            "sources": list(edge.sources),
            **_risk_factors(model, edge_risks(network, edge)),
        }
        for edge in network.edges
    ]


def edges_json(query: Mapping[str, Any], network: Network, model: RiskModel) -> str:
    return _document("edges", query, network, {"edges": edge_dicts(network, model)})


def source_dict(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "year": source.year,
        "url": source.url,
    }


def sources_json(query: Mapping[str, Any], network: Network) -> str:
    body = {"sources": [source_dict(source) for source in network.sources.values()]}
    return _document("sources", query, network, body)


def node_sources(network: Network, node_id: str) -> list[str]:
    """Source ids behind a node: its risk factors', then its edges', each once, in file order."""
    cited: dict[str, None] = {}
    for risk in network.nodes[node_id].risks:
        cited.update(dict.fromkeys(risk.sources))
    for edge in network.edges:
        if node_id in (edge.source, edge.target):
            cited.update(dict.fromkeys(edge.sources))
            for risk in edge.risks:
                cited.update(dict.fromkeys(risk.sources))
    return list(cited)


def neighbours(network: Network, node_id: str) -> list[dict[str, Any]]:
    """Every edge at a node, seen from it: the node at the other end and how to get there."""
    out = []
    for edge in network.edges:
        if node_id not in (edge.source, edge.target):
            continue
        outgoing = edge.source == node_id
        direction = "both" if not edge.oneway else ("out" if outgoing else "in")
        other = edge.target if outgoing else edge.source
        out.append(
            {
                "node": other,
                "name": network.nodes[other].name,
                "edge_id": edge.id,
                "direction": direction,
                "mode": edge.mode,
                "km": edge.km,
                "km_basis": edge.km_basis,
                "status": edge.status,
                "opens": edge.opens,
                "corridors": list(edge.corridors),
            }
        )
    return out


def show_dict(network: Network, model: RiskModel, node_id: str) -> dict[str, Any]:
    node = next(entry for entry in node_dicts(network, model) if entry["id"] == node_id)
    return {
        "node": node,
        "neighbours": neighbours(network, node_id),
        "sources": [source_dict(network.sources[ident]) for ident in node_sources(network, node_id)],
    }


def show_json(query: Mapping[str, Any], network: Network, model: RiskModel, node_id: str) -> str:
    return _document("show", query, network, show_dict(network, model, node_id))


_PLACE = re.compile(r"^(?P<place>[\w.\[\]-]+): (?P<message>.*)$", re.DOTALL)


def problem_dict(problem: str) -> dict[str, str | None]:
    """Split 'edges[3].km: must be positive' into its place and message; file-level problems have none."""
    match = _PLACE.match(problem)
    if match is None:
        return {"place": None, "message": problem}
    return {"place": match["place"], "message": match["message"]}


def validate_json(query: Mapping[str, Any], problems: list[str]) -> str:
    """No `network` block: the file may be too broken to say what it describes."""
    doc = {
        "schema_version": OUTPUT_SCHEMA_VERSION,
        "command": "validate",
        "query": dict(query),
        "valid": not problems,
        "problems": [problem_dict(problem) for problem in problems],
    }
    return dumps(doc)
