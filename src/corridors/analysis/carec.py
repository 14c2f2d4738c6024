"""CAREC's corridor performance indicators (CPMM), computed on the model's routes.

CAREC's Corridor Performance Measurement and Monitoring (ADB; sources `carec-cpmm-2020-rail`,
`carec-cpmm-2022-rail`) reports four trade facilitation indicators, for rail as for road.
In CPMM's words (Annual Report 2023, Introduction; 2022, Table 2.2):

- TFI1 "Time taken to clear a BCP [...] the average length of time (in hours) taken to move
  cargo across a border from the entry to the exit point of each of the two countries' BCPs at
  that crossing [...] this includes waiting time, unloading and loading time";
- TFI2 "Cost incurred at border-crossing clearance ($)": "summing fees and payments for each
  border-crossing activity at the BCP";
- TFI3 "Cost incurred to travel a corridor section ($ per 500 km, per 20 tons)";
- TFI4, SWD "Speed to travel on CAREC corridors (km/h)", and SWOD "Speed without delay (km/h)".

CPMM's pages read give the two speeds' names, not their formulas. What they do say fixes the
reading: SWOD rises with "infrastructure investment" while "delays at the border" are what
SWD adds ("Delays at the border declined [...] resulting in improved speed with delay", CPMM
2018 as summarised by ADBL; every published table has SWD < SWOD). So here, unchanged from
before the definitions were looked for: SWOD = km / moving hours (the legs' running time at
the speeds, which are CPMM SWOD averages), SWD = km / all hours (border dwell, gauge changes,
transshipments and waits for sailings included). No CPMM formula was found that would change
either; if one turns up, `Indicators` is the one place to change.

On a route, a border crossing is a rail or road leg between two countries (ports are not
CPMM border-crossing points); its time is the border dwell of that leg plus a gauge change at
either end (the break of gauge happens at the crossing on these corridors), its cost the
border charge plus that gauge change's. PUBLISHED holds CPMM figures for the same crossings
and countries, with their sources, for the README's comparison.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from corridors.analysis.metrics import CostModel
from corridors.analysis.results import Route
from corridors.network.model import Network
from corridors.network.modes import WATER_MODES

TFI3_KM = 500.0
TFI3_TONNES = 20.0


@dataclass(frozen=True)
class Crossing:
    edge_id: str
    source: str
    target: str
    countries: str  # "CN-KZ", in the direction travelled
    time_hours: float  # TFI1
    cost_usd: float  # TFI2

    def to_dict(self) -> dict[str, Any]:
        return {
            "edge_id": self.edge_id,
            "from": self.source,
            "to": self.target,
            "countries": self.countries,
            "time_hours": round(self.time_hours, 2),
            "cost_usd": round(self.cost_usd, 1),
        }


@dataclass(frozen=True)
class Indicators:
    corridor: str
    km: float
    moving_hours: float
    total_hours: float
    cost_usd: float
    cost_per_500km_20t_usd: float  # TFI3
    crossings: tuple[Crossing, ...]

    @property
    def speed_without_delay_kmh(self) -> float:
        return self.km / self.moving_hours if self.moving_hours else 0.0

    @property
    def speed_with_delay_kmh(self) -> float:
        return self.km / self.total_hours if self.total_hours else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "corridor": self.corridor,
            "km": round(self.km, 1),
            "moving_hours": round(self.moving_hours, 1),
            "total_hours": round(self.total_hours, 1),
            "speed_without_delay_kmh": round(self.speed_without_delay_kmh, 1),
            "speed_with_delay_kmh": round(self.speed_with_delay_kmh, 1),
            "cost_usd": round(self.cost_usd),
            "cost_per_500km_20t_usd": round(self.cost_per_500km_20t_usd, 1),
            "border_time_hours": round(math.fsum(c.time_hours for c in self.crossings), 2),
            "border_cost_usd": round(math.fsum(c.cost_usd for c in self.crossings), 1),
            "crossings": [c.to_dict() for c in self.crossings],
        }


def indicators(corridor: str, route: Route, network: Network, year: int) -> Indicators:
    """The CPMM indicators of one route (see the module docstring for the definitions)."""
    costs = CostModel(network, year)
    edges = {e.id: e for e in network.edges}
    moving = 0.0
    crossings = []
    for leg in route.legs:
        edge = edges[leg.edge_id]
        parts = dict(costs.leg_hours_parts(edge, leg.source))
        moving += parts.get("running", 0.0)
        a, b = network.nodes[leg.source].country, network.nodes[leg.target].country
        if a == b or edge.mode in WATER_MODES:
            continue
        charge = costs.parameter("cost_usd", "border", node=leg.source, edge=edge.id)
        hours, usd = parts.get("border", 0.0), charge.value if charge else 0.0
        for stop in route.stops:
            if stop.event == "gauge_change" and stop.node in (leg.source, leg.target):
                hours, usd = hours + stop.hours, usd + stop.cost_usd
        crossings.append(Crossing(edge.id, leg.source, leg.target, f"{a}-{b}", hours, usd))
    totals = route.totals
    per = TFI3_KM / totals.km * (TFI3_TONNES / costs.cargo_t if costs.cargo_t else 1.0) if totals.km else 0.0
    return Indicators(
        corridor, totals.km, moving, totals.hours, totals.cost_usd, totals.cost_usd * per, tuple(crossings)
    )


CAREC_COUNTRIES = frozenset({"AF", "AZ", "CN", "GE", "KG", "KZ", "MN", "PK", "TJ", "TM", "UZ"})


def section_speeds(
    route: Route, network: Network, year: int, countries: frozenset[str]
) -> tuple[float, float, float]:
    """km, SWOD and SWD of the route's legs with both ends in `countries`, with their stops there.

    SWD counts those legs' hours (running, border dwell, waits) and the stops at their places.
    """
    costs = CostModel(network, year)
    edges = {e.id: e for e in network.edges}
    places = {n for n in route.nodes if network.nodes[n].country in countries}
    inside = [leg for leg in route.legs if leg.source in places and leg.target in places]
    km = math.fsum(leg.km for leg in inside)
    running = math.fsum(
        dict(costs.leg_hours_parts(edges[leg.edge_id], leg.source)).get("running", 0.0) for leg in inside
    )
    total = math.fsum(leg.hours for leg in inside) + math.fsum(
        s.hours for s in route.stops if s.node in places
    )
    return km, km / running if running else 0.0, km / total if total else 0.0


@dataclass(frozen=True)
class Published:
    """One CPMM figure, for the README's comparison with the model."""

    label: str
    indicator: str  # time_hours, cost_usd, speed_without_delay_kmh, speed_with_delay_kmh
    value: float
    year: int
    source: str
    edge: str | None = None  # a crossing (the model's value is that edge's crossing)
    scope: str = ""  # what the figure covers, when not one crossing


PUBLISHED = (
    Published("Alashankou (PRC side of Dostyk), outbound", "time_hours", 30.5, 2022, "carec-cpmm-2022-rail",
              edge="alashankou-dostyk"),
    Published("Horgos (PRC side of Altynkol), outbound", "time_hours", 34.8, 2022, "carec-cpmm-2022-rail",
              edge="khorgos-altynkol"),
    Published("Dostyk gauge change", "cost_usd", 329, 2020, "carec-cpmm-2020-rail", edge="alashankou-dostyk"),
    Published("Rail, all CAREC corridors", "speed_without_delay_kmh", 53.9, 2022, "carec-cpmm-2022-rail",
              scope="all CAREC rail"),
    Published("Rail, all CAREC corridors", "speed_with_delay_kmh", 12.4, 2022, "carec-cpmm-2022-rail",
              scope="all CAREC rail"),
    Published("Rail, Kazakhstan", "speed_without_delay_kmh", 57.9, 2022, "carec-cpmm-2022-kazakhstan",
              scope="KZ"),
    Published("Rail, Kazakhstan", "speed_with_delay_kmh", 10.4, 2022, "carec-cpmm-2022-kazakhstan",
              scope="KZ"),
)  # fmt: skip
