"""A journey's plan: the parts of a route and the delays that vary each.

A journey on a route is a list of parts: each leg's running time, border dwell and ferry
wait, and each stop's transshipment or gauge change, with the deterministic hours of
`metrics.CostModel`. A part takes the most specific `spread` delay that applies to it and
the most specific `extra`. simulation.py samples journeys along a plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corridors.analysis.metrics import CostModel
from corridors.analysis.results import Route
from corridors.network.model import Delay, Network


@dataclass(frozen=True)
class Part:
    """One part of a journey: its deterministic hours and the delays that vary it."""

    where: str  # the edge id of a leg part, the node id of a stop
    event: str  # running, border, ferry_wait, transshipment or gauge_change
    hours: float
    spread: Delay | None = None
    extra: Delay | None = None


def _applies(delay: Delay, event: str, mode: str | None, country: str, node: str, edge: str | None) -> bool:
    return (
        delay.event == event
        and (delay.mode is None or delay.mode == mode)
        and (delay.country is None or delay.country == country)
        and (delay.node is None or delay.node == node)
        and (delay.edge is None or delay.edge == edge)
    )


def _most_specific(
    delays: Sequence[Delay],
    effect: str,
    event: str,
    mode: str | None,
    country: str,
    node: str,
    edge: str | None,
) -> Delay | None:
    """Edge > node > country > default, as for parameters; the file's first on a tie."""
    found = [d for d in delays if d.effect == effect and _applies(d, event, mode, country, node, edge)]
    return max(found, key=lambda d: d.specificity, default=None)


def journey_plan(network: Network, costs: CostModel, route: Route) -> tuple[Part, ...]:
    """The parts of a journey along `route`, in order, with the delays that apply to each.

    A leg's parts happen at its departure node (that node's country), a stop's at its node.
    """
    edges = {edge.id: edge for edge in network.edges}
    stops = {stop.node: stop for stop in route.stops}
    parts: list[Part] = []
    for leg in route.legs:
        stop = stops.get(leg.source)
        node = network.nodes[leg.source]
        if stop is not None:
            spread = _most_specific(network.delays, "spread", stop.event, None, node.country, node.id, None)
            extra = _most_specific(network.delays, "extra", stop.event, None, node.country, node.id, None)
            parts.append(Part(node.id, stop.event, stop.hours, spread, extra))
        edge = edges[leg.edge_id]
        for event, hours in costs.leg_hours_parts(edge, leg.source):
            args = (event, edge.mode, node.country, node.id, edge.id)
            spread = _most_specific(network.delays, "spread", *args)
            extra = _most_specific(network.delays, "extra", *args)
            parts.append(Part(edge.id, event, hours, spread, extra))
    return tuple(parts)
