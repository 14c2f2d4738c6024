"""Emissions as ISO 14083 and the GLEC Framework report them: well to wheel, in its two parts.

A transport chain is legs and hubs. For each leg, tank-to-wheel (TTW: fuel burnt, or nothing
for electric traction) and well-to-tank (WTT: producing the fuel or the power) are the leg's
tonne-km times the intensities the data gives for its mode (the most specific parameter:
edge, country, then the mode's default), and well to wheel (WTW) is their sum. Each hub
operation (a transshipment, a gauge change) adds the data's `co2e_wtw_kg` for its event and
place: a figure per container handled, published well to wheel only, so it is in the chain's
WTW and in neither part (TTW + WTT + hubs = WTW). The `co2` and `co2_wtw` criteria of the
registry compute the same amounts. Each corridor's chain is summed by mode with the parameters
used, so every figure traces to a labelled default or a more specific record. Where the data
has no hub record for some hub of the route, that hub adds nothing, as in the route's totals,
and `hubs_included` is false with the number of hubs left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from corridors.analysis.metrics import CostModel
from corridors.analysis.results import Route
from corridors.network.model import Network, Parameter

TTW, WTT, HUB = "co2e_kg_per_t_km", "co2e_wtt_kg_per_t_km", "co2e_wtw_kg"
HUB_NOTE = (
    "per container handled, well to wheel: hub figures are published without a TTW/WTT split, "
    "so they are in WTW only; each record used (parameters) says its source and conversion"
)
MISSING_HUB_NOTE = "not all included: the data gives no co2e_wtw_kg for some hubs of this route"


@dataclass(frozen=True)
class ModeShare:
    mode: str
    km: float
    tonne_km: float
    ttw_kg: float
    wtt_kg: float
    parameters: tuple[str, ...]  # the intensity records used, each once

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "km": round(self.km, 1),
            "tonne_km": round(self.tonne_km, 1),
            "co2e_ttw_kg": round(self.ttw_kg, 1),
            "co2e_wtt_kg": round(self.wtt_kg, 1),
            "co2e_wtw_kg": round(self.ttw_kg + self.wtt_kg, 1),
            "parameters": list(self.parameters),
        }


@dataclass(frozen=True)
class Chain:
    corridor: str
    modes: tuple[ModeShare, ...]
    hub_operations: int  # transshipments and gauge changes
    transshipments: int = 0  # between modes (at a port: a maritime container terminal)
    gauge_changes: int = 0  # rail to rail across a break of gauge
    hub_wtw_kg: float = 0.0  # well to wheel, the hubs with a record
    hubs_missing: int = 0  # hubs without a record (they add nothing)
    hub_parameters: tuple[str, ...] = ()  # the hub records used, each once

    @property
    def ttw_kg(self) -> float:
        return math.fsum(m.ttw_kg for m in self.modes)

    @property
    def wtt_kg(self) -> float:
        return math.fsum(m.wtt_kg for m in self.modes)

    @property
    def wtw_kg(self) -> float:
        """Legs (TTW + WTT) and hubs, as the route's totals count them."""
        return math.fsum((self.ttw_kg, self.wtt_kg, self.hub_wtw_kg))

    @property
    def tonne_km(self) -> float:
        return math.fsum(m.tonne_km for m in self.modes)

    def to_dict(self) -> dict[str, Any]:
        wtw = self.wtw_kg
        hubs = round(self.hub_wtw_kg, 1)
        return {
            "corridor": self.corridor,
            "co2e_ttw_kg": round(self.ttw_kg, 1),
            "co2e_wtt_kg": round(self.wtt_kg, 1),
            "co2e_wtw_kg": round(wtw, 1),
            "hubs_included": not self.hubs_missing,
            "tonne_km": round(self.tonne_km, 1),
            "intensity_wtw_g_per_t_km": round(1000 * wtw / self.tonne_km, 2) if self.tonne_km else None,
            "by_mode": [m.to_dict() for m in self.modes],
            "hubs": {
                "operations": self.hub_operations,
                "transshipments": self.transshipments,
                "gauge_changes": self.gauge_changes,
                "co2e_kg": hubs,  # what the chain's co2e_wtw_kg includes for its hubs
                "co2e_ttw_kg": None,  # not published apart from the well-to-wheel figure
                "co2e_wtw_kg": hubs,
                "missing": self.hubs_missing,
                "parameters": list(self.hub_parameters),
                "note": MISSING_HUB_NOTE if self.hubs_missing else HUB_NOTE,
            },
        }


def chain(corridor: str, route: Route, network: Network, year: int) -> Chain:
    """One corridor's route as a GLEC chain: legs by mode, with the intensity records used."""
    costs = CostModel(network, year)
    edges = {e.id: e for e in network.edges}
    sums: dict[str, list[float]] = {}
    used: dict[str, dict[str, None]] = {}
    for leg in route.legs:
        edge = edges[leg.edge_id]
        countries = {network.nodes[leg.source].country, network.nodes[leg.target].country}
        country = next(iter(countries)) if len(countries) == 1 else None
        row = sums.setdefault(edge.mode, [0.0, 0.0, 0.0, 0.0])
        row[0] += leg.km
        row[1] += leg.km * costs.cargo_t
        row[2] += leg.co2e_kg
        row[3] += leg.co2e_wtw_kg - leg.co2e_kg
        for metric in (TTW, WTT):
            found = costs.parameter(metric, edge.mode, country=country, edge=edge.id)
            if found is not None:
                used.setdefault(edge.mode, {})[found.id] = None
    modes = tuple(
        ModeShare(mode, km, tkm, ttw, wtt, tuple(used.get(mode, {})))
        for mode, (km, tkm, ttw, wtt) in sums.items()
    )
    moves = sum(stop.event == "transshipment" for stop in route.stops)
    gauges = sum(stop.event == "gauge_change" for stop in route.stops)
    records = [costs.parameter(HUB, stop.event, node=stop.node) for stop in route.stops]
    hub_kg = math.fsum(stop.co2e_wtw_kg for stop in route.stops)
    hub_ids = tuple(dict.fromkeys(r.id for r in records if r is not None))
    return Chain(corridor, modes, moves + gauges, moves, gauges, hub_kg, records.count(None), hub_ids)


def defaults(network: Network, metrics: tuple[str, ...] = (TTW, WTT)) -> tuple[Parameter, ...]:
    """The data's default intensities (no country, place or edge): what GLEC calls defaults.

    Per mode (t-km) by default; ``(HUB,)``: per hub event (container handled).
    """
    return tuple(
        p for p in network.parameters if p.metric in metrics and not p.specificity and p.from_year is None
    )
