"""Checks and look-ups on query values, shared by the CLI commands and batch runs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from corridors.analysis.routing import explain_no_route
from corridors.analysis.scenario import RiskModel, Scenario, parse_avoid, resolve_node, risk_query
from corridors.errors import NoRouteError, UsageError
from corridors.network.graph import CorridorGraph
from corridors.network.model import Network

MAX_YEAR = 2100


def check_year(network: Network, as_of: int | None) -> None:
    """A scenario year must lie between the data's own date and MAX_YEAR."""
    if as_of is not None and not network.as_of_year <= as_of <= MAX_YEAR:
        raise UsageError(
            f"--as-of must be a year from {network.as_of_year} (the data describes "
            f"{network.as_of}) to {MAX_YEAR}, got {as_of}"
        )


def complete_nodes(network: Network, prefix: str) -> list[tuple[str, str]]:
    """Node ids for shell completion: ids, names or aliases starting with `prefix`, any case.

    Returns (id, name) pairs in id order; shells that show help (zsh, fish) show the name.
    """
    folded = prefix.strip().casefold()
    out = []
    for node in sorted(network.nodes.values(), key=lambda n: n.id):
        labels = (node.id, node.name, *node.aliases)
        if any(label.casefold().startswith(folded) for label in labels):
            out.append((node.id, node.name))
    return out


def complete_avoid(network: Network, prefix: str) -> list[tuple[str, str]]:
    """What --avoid can take, for shell completion: modes, corridor ids, country codes, then places."""
    from corridors.analysis.scenario import WATER
    from corridors.network.modes import MODES

    folded = prefix.strip().casefold()
    codes = sorted({node.country for node in network.nodes.values()})
    names = {code: country.name for code, country in network.countries.items()}
    offered = [
        *((mode, "mode") for mode in (*MODES, WATER)),
        *((c.id, c.name) for c in network.corridors),
        *((code, names.get(code, "country")) for code in codes),
    ]
    found = [(value, label) for value, label in offered if value.casefold().startswith(folded)]
    return found + complete_nodes(network, prefix)


def parse_corridors(network: Network, items: Sequence[str]) -> tuple[str, ...]:
    """Corridor ids named by --corridor (an id or a short name, any case), in the data's order.

    None named means every corridor.
    """
    known = {c.id: c.id for c in network.corridors}
    known.update({c.short_name.casefold(): c.id for c in network.corridors})
    named = set()
    for item in items:
        ident = known.get(item.strip()) or known.get(item.strip().casefold())
        if ident is None:
            ids = ", ".join(c.id for c in network.corridors)
            raise UsageError(f"--corridor: unknown corridor {item!r}; the data has {ids}")
        named.add(ident)
    return tuple(c.id for c in network.corridors if not named or c.id in named)


def risk_model(
    network: Network, risk_weight: float, factor_weights: list[str] | None, node_risk_km: float
) -> RiskModel:
    """The risk model from the options, with every --factor-weight checked against the data."""
    weights: dict[str, float] = {}
    for item in factor_weights or []:
        factor, sep, value = item.partition("=")
        factor = factor.strip()
        if not sep:
            raise UsageError(f"--factor-weight takes FACTOR=W, got {item!r}")
        if factor not in network.risk_factors:
            known = ", ".join(network.risk_factors) or "none"
            raise UsageError(f"--factor-weight: unknown risk factor {factor!r}; the data has {known}")
        try:
            weight = float(value)
        except ValueError:
            raise UsageError(f"--factor-weight: {value!r} is not a number") from None
        if not 0 <= weight <= 1000:
            raise UsageError(f"--factor-weight: {factor} weight must be between 0 and 1000, got {value}")
        weights[factor] = weight
    return RiskModel(risk_weight, MappingProxyType(weights), node_risk_km)


@dataclass(frozen=True)
class RouteRequest:
    """A route query after its places, options and scenario have been checked."""

    network: Network
    cgraph: CorridorGraph
    model: RiskModel
    scenario: Scenario
    start: str
    end: str
    via: tuple[str, ...]

    def query(self, **extra: Any) -> dict[str, Any]:
        avoid = self.scenario.avoid
        return {
            "from": self.start,
            "to": self.end,
            **extra,
            "via": list(self.via),
            "avoid": sorted(avoid.nodes | avoid.countries | avoid.modes | avoid.corridors),
            **risk_query(self.model),
            "as_of": self.scenario.as_of,
        }

    @contextmanager
    def explained(self, *, per_corridor: bool = False, corridors: Sequence[str] = ()) -> Iterator[None]:
        """A NoRouteError under --avoid or --via becomes one naming what cut the network.

        `per_corridor` for commands that route within each corridor alone (breakeven), or the
        `corridors` they route in (compare --corridor).
        """
        where: list[str | None] = list(corridors) or (
            [c.id for c in self.network.corridors] if per_corridor else [None]
        )
        try:
            yield
        except NoRouteError:
            reason = explain_no_route(self.cgraph, self.start, self.end, self.scenario, self.via, where)
            if reason is None:
                raise
            raise reason from None


def route_request(
    network: Network,
    cgraph: CorridorGraph,
    origin: str,
    destination: str,
    *,
    as_of: int | None,
    risk_weight: float,
    factor_weight: list[str] | None,
    node_risk_km: float,
    avoid: list[str] | None,
    via: list[str] | None,
) -> RouteRequest:
    """Check the places, options and scenario of a route query, once, for every route command."""
    check_year(network, as_of)
    model = risk_model(network, risk_weight, factor_weight, node_risk_km)
    start, end = resolve_node(network, origin).id, resolve_node(network, destination).id
    avoided = parse_avoid(network, avoid or [])
    if {start, end} & avoided.nodes:
        raise UsageError(
            f"--avoid names {' and '.join(sorted({start, end} & avoided.nodes))}, an end of the route"
        )
    ends = {network.nodes[start].country, network.nodes[end].country}
    if ends & avoided.countries:
        raise UsageError(
            f"--avoid {', '.join(sorted(ends & avoided.countries))}: the route starts or ends in that country"
        )
    waypoints = tuple(resolve_node(network, place).id for place in via or [])
    if set(waypoints) & avoided.nodes:
        raise UsageError(f"--via and --avoid both name {', '.join(sorted(set(waypoints) & avoided.nodes))}")
    return RouteRequest(network, cgraph, model, Scenario(as_of=as_of, avoid=avoided), start, end, waypoints)
