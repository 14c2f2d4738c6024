"""Routes over the corridor graph: the risk model, node look-up, `path` and `compare`."""

from __future__ import annotations

import difflib
import itertools
import math
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import networkx as nx

from corridors.errors import NoRouteError, UnknownNodeError, UsageError
from corridors.graph import EDGES, CorridorGraph
from corridors.model import WATER_MODES, Edge, Network, Node, Risk
from corridors.results import Comparison, CorridorRoute, Leg, NodeRisk, Route, Totals

CRITERIA = ("km", "risk")
DEFAULT_RISK_WEIGHT = 1.0
DEFAULT_NODE_RISK_KM = 100.0


@dataclass(frozen=True)
class RiskModel:
    """How named risk factors become one risk and a risk-weighted cost.

    An element's risk is ``1 - prod(1 - min(1, w_f * r_f))`` over its factors: the
    chance that at least one factor bites, if they were independent. An edge exposes
    ``km * risk``; a node (port, border) exposes ``node_km * risk``. The risk-weighted
    cost of a route is ``km + risk_weight * exposure``.
    """

    risk_weight: float = DEFAULT_RISK_WEIGHT
    factor_weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    node_km: float = DEFAULT_NODE_RISK_KM

    def combined(self, risks: Iterable[Risk]) -> float:
        survive = 1.0
        for risk in risks:
            survive *= 1.0 - min(1.0, self.factor_weights.get(risk.factor, 1.0) * risk.value)
        return 1.0 - survive


@dataclass(frozen=True)
class Scenario:
    """Which edges may be used: the year (projects open by then) and a corridor, if any."""

    as_of: int | None = None
    corridor: str | None = None

    def allows(self, edge: Edge) -> bool:
        return edge.available(self.as_of) and (self.corridor is None or self.corridor in edge.corridors)


def _fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: 'Małaszewicze' -> 'malaszewicze'."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = "".join(ch if ch.isalnum() else " " for ch in bare.casefold())
    return " ".join(words.split())


def resolve_node(network: Network, text: str) -> Node:
    """Find a node by id, name or alias, in any case; suggest near misses. An id wins."""
    exact = network.nodes.get(text.strip().lower())
    if exact is not None:
        return exact
    key = _fold(text)
    index: dict[str, set[str]] = {}
    for node in network.nodes.values():
        for label in (node.id, node.name, *node.aliases):
            index.setdefault(_fold(label), set()).add(node.id)
    matches = index.get(key, set())
    if len(matches) == 1:
        return network.nodes[next(iter(matches))]
    if matches:
        listed = ", ".join(sorted(matches))
        raise UnknownNodeError(f"{text!r} is ambiguous: it names {listed}; use one of these ids")
    near = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
    ids = list(dict.fromkeys(sorted(index[n])[0] for n in near))
    hint = f"; did you mean {' or '.join(ids)}?" if ids else "; `corridors nodes` lists them"
    raise UnknownNodeError(f"unknown place {text!r}{hint}")


def _cost_function(cgraph: CorridorGraph, by: str, model: RiskModel) -> Callable[[Edge, str], float]:
    if by == "km":
        return lambda edge, _head: edge.km
    node_risk = {n.id: model.combined(n.risks) for n in cgraph.network.nodes.values()}
    risk = model.risk_weight

    def risk_cost(edge: Edge, head: str) -> float:
        return edge.km * (1.0 + risk * model.combined(edge.risks)) + risk * model.node_km * node_risk[head]

    return risk_cost


def _best_edge(
    cgraph: CorridorGraph, u: str, v: str, scenario: Scenario, cost: Callable[[Edge, str], float]
) -> tuple[float, Edge] | None:
    best: tuple[float, Edge] | None = None
    for edge in cgraph.edges_between(u, v):
        if scenario.allows(edge):
            value = cost(edge, v)
            if best is None or value < best[0]:
                best = (value, edge)
    return best


def best_route(
    cgraph: CorridorGraph,
    origin: str,
    destination: str,
    *,
    by: str = "km",
    model: RiskModel | None = None,
    scenario: Scenario | None = None,
) -> Route:
    """The best route by `by` ('km' or 'risk'); NoRouteError if there is none."""
    if by not in CRITERIA:
        raise UsageError(f"unknown criterion {by!r}; use one of {', '.join(CRITERIA)}")
    model = model or RiskModel()
    scenario = scenario or Scenario()
    if origin == destination:
        raise UsageError(f"origin and destination are the same place ({origin})")
    cost = _cost_function(cgraph, by, model)

    def weight(_u: str, v: str, data: dict[str, tuple[Edge, ...]]) -> float | None:
        best = None
        for edge in data[EDGES]:
            if scenario.allows(edge):
                value = cost(edge, v)
                best = value if best is None or value < best else best
        return best

    try:
        nodes = nx.dijkstra_path(cgraph.graph, origin, destination, weight=weight)
    except nx.NetworkXNoPath:
        where = f" in the {scenario.corridor} corridor" if scenario.corridor else ""
        when = f" with projects open by {scenario.as_of}" if scenario.as_of else " on operational lines"
        raise NoRouteError(f"no route from {origin} to {destination}{where}{when}") from None
    legs = []
    for u, v in itertools.pairwise(nodes):
        chosen = _best_edge(cgraph, u, v, scenario, cost)
        assert chosen is not None  # dijkstra only walks edges the weight allowed
        legs.append(_leg(chosen[1], u, v, model))
    return _route(cgraph.network, by, tuple(nodes), tuple(legs), model)


def _leg(edge: Edge, u: str, v: str, model: RiskModel) -> Leg:
    risk = model.combined(edge.risks)
    return Leg(
        u,
        v,
        edge.id,
        edge.mode,
        edge.km,
        edge.km_basis,
        edge.status,
        edge.opens,
        edge.gauge_mm,
        edge.corridors,
        edge.sources,
        risk,
        edge.km * risk,
    )


def _route(
    network: Network, criterion: str, nodes: tuple[str, ...], legs: tuple[Leg, ...], model: RiskModel
) -> Route:
    node_risks = tuple(
        NodeRisk(node, risk, model.node_km * risk)
        for node in nodes
        if (risk := model.combined(network.nodes[node].risks)) > 0
    )
    km = math.fsum(leg.km for leg in legs)
    risk_km = math.fsum(leg.risk_km for leg in legs) + math.fsum(n.risk_km for n in node_risks)
    exposed_length = km + model.node_km * len(node_risks)
    pairs = list(itertools.pairwise(legs))
    totals = Totals(
        km=km,
        legs=len(legs),
        border_crossings=sum(
            network.nodes[leg.source].country != network.nodes[leg.target].country for leg in legs
        ),
        gauge_changes=sum(a.mode == b.mode == "rail" and a.gauge_mm != b.gauge_mm for a, b in pairs),
        mode_changes=sum(a.mode != b.mode for a, b in pairs),
        water_km=math.fsum(leg.km for leg in legs if leg.mode in WATER_MODES),
        estimated_km=math.fsum(leg.km for leg in legs if leg.km_basis == "estimate"),
        risk=risk_km / exposed_length if exposed_length else 0.0,
        risk_km=risk_km,
        risk_weighted_km=km + model.risk_weight * risk_km,
    )
    return Route(criterion, nodes, legs, node_risks, totals)


def find_routes(
    cgraph: CorridorGraph,
    origin: str,
    destination: str,
    *,
    by: str = "km",
    model: RiskModel | None = None,
    scenario: Scenario | None = None,
) -> tuple[Route, ...]:
    """The best route by `by`, then the best by the other criterion where it differs."""
    first = best_route(cgraph, origin, destination, by=by, model=model, scenario=scenario)
    other_by = next(c for c in CRITERIA if c != by)
    other = best_route(cgraph, origin, destination, by=other_by, model=model, scenario=scenario)
    if [leg.edge_id for leg in other.legs] == [leg.edge_id for leg in first.legs]:
        return (first,)
    return (first, other)


def compare_corridors(
    cgraph: CorridorGraph,
    origin: str,
    destination: str,
    *,
    by: str = "km",
    model: RiskModel | None = None,
    as_of: int | None = None,
) -> Comparison:
    """Each corridor's best route between the same two places, restricted to its own edges."""
    entries: list[tuple[str, str, Route | None]] = []
    for corridor in cgraph.network.corridors:
        try:
            route = best_route(
                cgraph,
                origin,
                destination,
                by=by,
                model=model,
                scenario=Scenario(as_of=as_of, corridor=corridor.id),
            )
        except NoRouteError:
            route = None
        entries.append((corridor.id, corridor.name, route))
    found = [route.totals.km for _, _, route in entries if route is not None]
    if not found:
        when = f" with projects open by {as_of}" if as_of else " on operational lines"
        raise NoRouteError(f"no corridor joins {origin} and {destination}{when}")
    shortest = min(found)
    return Comparison(
        origin,
        destination,
        tuple(
            CorridorRoute(ident, name, route, route.totals.km - shortest if route else None)
            for ident, name, route in entries
        ),
    )
