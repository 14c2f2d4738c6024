"""A route as the time/cost-distance method reads it: moves and waits, in order.

The UNESCAP method (ESCAP 2004) plots cumulative distance against cumulative time
and cost: a move is a sloped segment (its slope is the speed's inverse, or the rate
per km), a wait is a vertical step (time or cost without distance). A route's legs
mix both, so each leg is split into its parts (`CostModel.leg_parts`): the running
part moves, the border dwell and the wait for a sailing do not. A stop between two
legs (a transshipment or gauge change) is a wait at its place.
"""

from __future__ import annotations

from dataclasses import dataclass

from corridors.analysis.metrics import NOTHING, CostModel
from corridors.analysis.results import Route
from corridors.network.model import Network

WAITS = ("border", "gauge_change", "ferry_wait", "transshipment")


@dataclass(frozen=True)
class Segment:
    """One move (`running`, km > 0) or one wait (a kind in WAITS, km = 0) at `node`."""

    kind: str
    node: str  # where it starts: a leg's departure place, or the stop's place
    km: float
    hours: float
    cost_usd: float


@dataclass(frozen=True)
class Profile:
    """The segments of one route, in travel order; zero segments left out."""

    segments: tuple[Segment, ...]

    def points(self) -> tuple[tuple[float, float, float], ...]:
        """Cumulative (km, hours, cost_usd) from the origin, one point after each segment."""
        km = hours = cost = 0.0
        out = [(km, hours, cost)]
        for segment in self.segments:
            km += segment.km
            hours += segment.hours
            cost += segment.cost_usd
            out.append((km, hours, cost))
        return tuple(out)


def route_profile(network: Network, route: Route, year: int | None = None) -> Profile:
    """Split `route` into moves and waits with the cost model of scenario `year` (default: the data's)."""
    costs = CostModel(network, year or network.as_of_year)
    edges = {edge.id: edge for edge in network.edges}
    stops = {stop.node: stop for stop in route.stops}
    segments: list[Segment] = []
    for leg in route.legs:
        stop = stops.get(leg.source)
        if stop is not None:
            segments.append(Segment(stop.event, leg.source, 0.0, stop.hours, stop.cost_usd))
        parts = costs.leg_parts(edges[leg.edge_id], leg.source) or (("running", NOTHING),)
        for kind, amounts in sorted(parts, key=lambda part: part[0] == "running"):  # waits, then the move
            km = leg.km if kind == "running" else 0.0
            segments.append(Segment(kind, leg.source, km, amounts["hours"], amounts["cost_usd"]))
    return Profile(tuple(s for s in segments if s.km or s.hours or s.cost_usd))
