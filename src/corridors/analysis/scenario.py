"""What a query asks: the risk model, the objective, the scenario and what to avoid, and places by name."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from types import MappingProxyType
from typing import Any

from corridors.analysis.criteria import BY_CHOICES, RISK
from corridors.errors import NoRouteError, UnknownNodeError, UsageError
from corridors.network.gazetteer import fold
from corridors.network.model import Edge, Network, Node, Risk
from corridors.network.modes import MODES, WATER_MODES

DEFAULT_RISK_WEIGHT = 1.0


DEFAULT_NODE_RISK_KM = 100.0


MAX_ALTERNATIVES = 20


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


def edge_risks(network: Network, edge: Edge) -> tuple[Risk, ...]:
    """The factors an edge is exposed to: its own, then those only its countries state.

    A country's risks hold per km of line on its land, so they apply to every rail or road
    edge with an end in it, unless the edge states that factor itself; across a border the
    higher of the two countries' values applies. Sea and ferry edges keep their own (a
    country's rail works do not reach a ship bound for its port), and so do nodes: a port
    or a border crossing is a point hazard, and a country-wide one on it would count twice.
    """
    countries = network.countries
    if not countries or edge.mode in WATER_MODES:
        return edge.risks
    nodes = network.nodes
    own = {risk.factor for risk in edge.risks}
    inherited: dict[str, Risk] = {}
    for code in dict.fromkeys((nodes[edge.source].country, nodes[edge.target].country)):
        record = countries.get(code)
        for risk in record.risks if record else ():
            held = inherited.get(risk.factor)
            if risk.factor not in own and (held is None or risk.value > held.value):
                inherited[risk.factor] = risk
    return edge.risks + tuple(inherited.values())


def risk_query(model: RiskModel) -> dict[str, Any]:
    """The risk settings as echoed under a JSON document's `query`."""
    return {
        "risk_weight": model.risk_weight,
        "factor_weights": dict(sorted(model.factor_weights.items())),
        "node_risk_km": model.node_km,
    }


@dataclass(frozen=True)
class Objective:
    """What a search minimises: a metric, plus its risk exposure times a weight.

    The exposure of a metric is the metric spent on each edge and at each stop times the
    risk there (for km, a node weighs `node_km`), so the weight applies on top of any metric.
    """

    metric: str
    risk_weight: float = 0.0

    @property
    def label(self) -> str:
        if self.metric == "km":
            return "risk" if self.risk_weight else "km"
        return f"{self.metric}+risk" if self.risk_weight else self.metric


def objectives(by: str, risk_weight: float) -> tuple[Objective, Objective]:
    """The objective `--by` names first, then its counterpart with or without the risk weight."""
    if by not in BY_CHOICES:
        raise UsageError(f"unknown criterion {by!r}; use one of {', '.join(BY_CHOICES)}")
    if by == RISK:
        return Objective("km", risk_weight), Objective("km")
    return Objective(by), Objective(by, risk_weight)


@dataclass(frozen=True)
class Avoid:
    """Parts of the network a route may not use."""

    nodes: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    modes: frozenset[str] = frozenset()
    corridors: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.nodes or self.countries or self.modes or self.corridors)

    def describe(self) -> str:
        return ", ".join(sorted(self.nodes | self.countries | self.modes | self.corridors))


@dataclass(frozen=True)
class Scenario:
    """Which edges may be used: the year, a corridor, and what to avoid."""

    as_of: int | None = None
    corridor: str | None = None
    avoid: Avoid = Avoid()

    def allows(self, edge: Edge, network: Network) -> bool:
        if not edge.available(self.as_of):
            return False
        if self.corridor is not None and self.corridor not in edge.corridors:
            return False
        avoid = self.avoid
        if not avoid:
            return True
        if edge.mode in avoid.modes or edge.source in avoid.nodes or edge.target in avoid.nodes:
            return False
        if edge.corridors and set(edge.corridors) <= avoid.corridors:
            return False
        countries = {network.nodes[edge.source].country, network.nodes[edge.target].country}
        return not countries & avoid.countries

    def no_route(self, origin: str, destination: str, via: Sequence[str] = ()) -> NoRouteError:
        """The error when nothing this scenario allows joins the places."""
        where = f" in the {self.corridor} corridor" if self.corridor else ""
        when = f" with projects open by {self.as_of}" if self.as_of else " on operational lines"
        through = f" via {', '.join(via)}" if via else ""
        return NoRouteError(f"no route from {origin} to {destination}{through}{where}{when}")


MAX_NAME = 200  # characters: longer than any place's name, so no search and no suggestions
SHOWN = 60  # characters of a name an error message quotes
_labels: list[tuple[Network, dict[str, set[str]]]] = []  # the last network's folded labels


def _quoted(text: str) -> str:
    quoted = repr(text)
    return quoted if len(quoted) <= SHOWN else f"{quoted[: SHOWN - 5]}...{quoted[-2:]}"


def _label_index(network: Network) -> dict[str, set[str]]:
    """Node ids by folded id, name and alias; kept for the last network (a batch asks many times)."""
    if _labels and _labels[0][0] is network:
        return _labels[0][1]
    index: dict[str, set[str]] = {}
    for node in network.nodes.values():
        for label in (node.id, node.name, *node.aliases):
            index.setdefault(fold(label), set()).add(node.id)
    _labels[:] = [(network, index)]
    return index


def country_named(network: Network, text: str) -> str | None:
    """The code of the country of the network's places that `text` names (code or name, any case)."""
    codes = {node.country for node in network.nodes.values()}
    names = {fold(c.name): c.code for c in network.countries.values() if c.code in codes}
    key = fold(text)
    return names.get(key) or next((code for code in codes if fold(code) == key), None)


def resolve_node(network: Network, text: str) -> Node:
    """Find a node by id, name or alias, in any case and script (see gazetteer.fold). An id wins.

    An unknown name gets the network's places nearest to it on the map when the gazetteer knows
    it, or a name spelt like it (so "Harbin" suggests Dalian, not a name spelt alike); a country's
    name is said to be one; else names of the network spelt alike.
    """
    exact = network.nodes.get(text.strip().lower())
    if exact is not None:
        return exact
    if len(text) > MAX_NAME:
        raise UnknownNodeError(f"unknown place {_quoted(text)}: longer than any place name")
    key = fold(text)
    index = _label_index(network)
    matches = index.get(key, set())
    if len(matches) == 1:
        return network.nodes[next(iter(matches))]
    if matches:
        listed = ", ".join(sorted(matches))
        raise UnknownNodeError(f"{_quoted(text)} is ambiguous: it names {listed}; use one of these ids")
    raise UnknownNodeError(f"unknown place {_quoted(text)}{_hint(network, key, index)}")


def _hint(network: Network, key: str, index: dict[str, set[str]]) -> str:
    from corridors.network.gazetteer import close_place, locate, nearest_nodes  # read only when needed

    place = locate(key, fold)
    code = country_named(network, key) if key and place is None else None
    if code is not None:
        inside = sorted(node.id for node in network.nodes.values() if node.country == code)
        more = ", ..." if len(inside) > 3 else ""
        return f": that is a country ({code}), not a place; its places: {', '.join(inside[:3])}{more}"
    spelt = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
    if place is None and key:  # a gazetteer name spelt more like it than any of the network's
        best = max((difflib.SequenceMatcher(None, key, label).ratio() for label in spelt), default=0.0)
        close = close_place(key, fold)
        place = close[1] if close is not None and close[0] > best else None
    if place is not None:
        found = nearest_nodes(network, place)
        if found and found[0][1] < 40:  # another spelling of a place the network has
            return f"; did you mean {found[0][0].id} ({place.name})?"
        nearest = ", ".join(f"{node.id} ({km:,.0f} km)" for node, km in found)
        return f": {place.name} ({place.country}) is not in the network; nearest on the map: {nearest}"
    ids = list(dict.fromkeys(sorted(index[n])[0] for n in spelt))
    return f"; did you mean {' or '.join(ids)}?" if ids else "; `corridors nodes` lists them"


def resolve_shown(network: Network, text: str) -> tuple[str, str]:
    """('node', id) for a node by id, name or alias, else ('edge', id) for an edge id: a node wins."""
    try:
        return "node", resolve_node(network, text).id
    except UnknownNodeError:
        key = text.strip().lower()
        ids = [edge.id for edge in network.edges]
        if key in ids:
            return "edge", key
        near = difflib.get_close_matches(key, ids, n=3, cutoff=0.8)
        if not near:
            raise
        raise UnknownNodeError(f"unknown place or edge {text!r}; did you mean {' or '.join(near)}?") from None


WATER = "water"  # --avoid water: every mode that sails (ferry and sea)


def parse_avoid(network: Network, items: Sequence[str]) -> Avoid:
    """Each item is a mode (or `water`: ferry and sea), a corridor id, a country of the data (its
    code or name), or a place. A place's id wins over a country's code (a node may be called `ge`)."""
    nodes, countries, modes, corridors = set(), set(), set(), set()
    corridor_ids = {c.id for c in network.corridors}
    for item in items:
        text = item.strip()
        country = country_named(network, text) if text.lower() not in network.nodes else None
        if text.lower() in MODES:
            modes.add(text.lower())
        elif text.lower() == WATER:
            modes |= WATER_MODES
        elif text.lower() in corridor_ids:
            corridors.add(text.lower())
        elif country is not None:
            countries.add(country)
        else:
            nodes.add(resolve_node(network, text).id)
    return Avoid(frozenset(nodes), frozenset(countries), frozenset(modes), frozenset(corridors))


def check_places(origin: str, destination: str, via: Sequence[str]) -> None:
    """A route goes somewhere: no end equal to the other, no waypoint next to itself."""
    if origin == destination:
        raise UsageError(f"origin and destination are the same place ({origin})")
    stops = [origin, *via, destination]
    for a, b in pairwise(stops):
        if a == b:
            raise UsageError(f"--via {a}: a waypoint cannot be the place next to it in the route")
