"""`risks` and `show EDGE`: every stated risk value with its place, rationale and sources."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from corridors.analysis.scenario import edge_risks
from corridors.errors import UsageError
from corridors.network.model import Edge, Network, Risk
from corridors.render.jsondoc import dumps, envelope, node_corridors, source_dict

if TYPE_CHECKING:
    from corridors.analysis.scenario import RiskModel

RISK_COLUMNS = ("place_kind", "place", "name", "countries", "corridors", "factor", "value", "why", "sources")


def _row(
    kind: str, place: str, name: str, countries: list[str], lanes: list[str], risk: Risk
) -> dict[str, Any]:
    return {
        "place_kind": kind,
        "place": place,
        "name": name,
        "countries": countries,
        "corridors": lanes,
        "factor": risk.factor,
        "value": risk.value,
        "why": risk.why,
        "sources": list(risk.sources),
    }


def edge_countries(network: Network, edge: Edge) -> list[str]:
    return list(dict.fromkeys((network.nodes[edge.source].country, network.nodes[edge.target].country)))


def edge_name(network: Network, edge: Edge) -> str:
    return f"{network.nodes[edge.source].name} - {network.nodes[edge.target].name}"


def _all_rows(network: Network) -> Iterator[dict[str, Any]]:
    """Countries, then nodes, then edges, each in file order: every value where it is stated."""
    order = [c.id for c in network.corridors]
    by_country: dict[str, set[str]] = {}
    for edge in network.edges:
        for code in edge_countries(network, edge):
            by_country.setdefault(code, set()).update(edge.corridors)
    for code, country in network.countries.items():
        lanes = [c for c in order if c in by_country.get(code, set())]
        for risk in country.risks:
            yield _row("country", code, country.name, [code], lanes, risk)
    node_lanes = node_corridors(network)
    for node in network.nodes.values():
        for risk in node.risks:
            yield _row("node", node.id, node.name, [node.country], node_lanes[node.id], risk)
    for edge in network.edges:
        for risk in edge.risks:
            name = edge_name(network, edge)
            yield _row("edge", edge.id, name, edge_countries(network, edge), list(edge.corridors), risk)


def risk_rows(
    network: Network, *, corridor: str | None = None, country: str | None = None, factor: str | None = None
) -> list[dict[str, Any]]:
    """Every stated risk value, optionally only those of a corridor, a country or a factor."""
    if corridor is not None and corridor not in {c.id for c in network.corridors}:
        known = ", ".join(c.id for c in network.corridors)
        raise UsageError(f"--corridor: unknown corridor {corridor!r}; the data has {known}")
    if country is not None:
        country = country.upper()
        codes = sorted({n.country for n in network.nodes.values()})
        if country not in codes:
            raise UsageError(f"--country: no place in {country!r}; the data has {', '.join(codes)}")
    if factor is not None and factor not in network.risk_factors:
        known = ", ".join(network.risk_factors) or "none"
        raise UsageError(f"--factor: unknown risk factor {factor!r}; the data has {known}")
    return [
        row
        for row in _all_rows(network)
        if (corridor is None or corridor in row["corridors"])
        and (country is None or country in row["countries"])
        and (factor is None or row["factor"] == factor)
    ]


def risks_json(query: Mapping[str, Any], network: Network, rows: list[dict[str, Any]]) -> str:
    return dumps({**envelope("risks", query, network), "risks": rows})


def _stated_where(network: Network, edge: Edge, risk: Risk) -> str:
    """'edge' for the edge's own value, else the country whose record it comes from."""
    if any(own.factor == risk.factor for own in edge.risks):
        return "edge"
    for code in edge_countries(network, edge):
        record = network.countries.get(code)
        if record is not None and risk in record.risks:
            return f"country {code}"
    return "edge"  # not reached: edge_risks takes only these two


def geometry_of(edge: Edge) -> dict[str, Any]:
    """Where the drawn line comes from: the edge's own polyline, or a straight line between its ends."""
    points = getattr(edge, "geometry", None) or ()
    if len(points) >= 2:
        return {"kind": "polyline", "points": len(points), "source": "the edge's geometry in the data file"}
    return {"kind": "straight", "points": 2, "source": "none in the data: drawn straight between its ends"}


def show_edge_dict(network: Network, model: RiskModel, edge_id: str) -> dict[str, Any]:
    edge = next(e for e in network.edges if e.id == edge_id)
    risks = edge_risks(network, edge)
    cited: dict[str, None] = dict.fromkeys(edge.sources)
    for risk in risks:
        cited.update(dict.fromkeys(risk.sources))
    body = {
        "id": edge.id,
        "name": edge_name(network, edge),
        "from": edge.source,
        "to": edge.target,
        "countries": edge_countries(network, edge),
        "mode": edge.mode,
        "km": edge.km,
        "km_basis": edge.km_basis,
        "km_note": edge.km_note,
        "geometry": geometry_of(edge),
        "status": edge.status,
        "opens": edge.opens,
        "gauge_mm": edge.gauge_mm,
        "oneway": edge.oneway,
        "corridors": list(edge.corridors),
        "sources": list(edge.sources),
        "risk": round(model.combined(risks), 4),
        "risks": [
            {
                "factor": risk.factor,
                "value": risk.value,
                "stated_on": _stated_where(network, edge, risk),
                "why": risk.why,
                "sources": list(risk.sources),
            }
            for risk in risks
        ],
    }
    return {"edge": body, "sources": [source_dict(network.sources[ident]) for ident in cited]}
