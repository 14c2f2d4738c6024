"""Published transit times and costs, next to what the model says for the same trip.

The model follows the 2024-26 Kazakh ministry and government schedules (they name places
that sit on the graph and agree with each other). The World Bank's 2023 "three times
longer" describes the congestion of 2022 and the ministry's "13-17 days" names no origin
or destination: both are shown, not followed. The China-Iran trains (2016, 2024) were test
runs: shown, not followed; the Southern Corridor's dwells are the CAREC defaults, uncalibrated.
"""

from __future__ import annotations

from dataclasses import dataclass

from corridors.analysis.results import Totals
from corridors.analysis.routing import best_route
from corridors.analysis.scenario import Scenario
from corridors.network.graph import CorridorGraph


@dataclass(frozen=True)
class Target:
    label: str
    origin: str
    destination: str
    corridor: str
    metric: str  # "days", "hours", "cost_usd", or a ratio "middle/northern days" / "... cost_usd"
    low: float
    high: float
    source: str  # source id in the data file
    followed: bool = True
    as_of: int | None = None
    tolerance: float = 0.05  # allowed relative miss outside [low, high] when followed


TARGETS = (
    Target(
        "Chinese border to the Caspian",
        "dostyk",
        "aktau",
        "middle",
        "hours",
        84,
        84,
        "qazinform-projects-2026-02",
    ),
    Target(
        "... by end 2026 (target)",
        "dostyk",
        "aktau",
        "middle",
        "hours",
        55,
        55,
        "qazinform-projects-2026-02",
        as_of=2027,
        tolerance=0.10,
    ),
    Target("Altynkol to Baku", "altynkol", "baku", "middle", "days", 9, 9, "kaztag-titr-schedule-2024"),
    Target("Altynkol to Poti", "altynkol", "poti", "middle", "days", 12, 12, "kaztag-titr-schedule-2024"),
    Target(
        "Altynkol to Constanța",
        "altynkol",
        "constanta",
        "middle",
        "days",
        20,
        22,
        "kaztag-titr-schedule-2024",
    ),
    Target(
        "Xi'an to Duisburg, Northern", "xian", "duisburg", "northern", "days", 12, 14, "shiphub-xian-duisburg"
    ),
    Target(
        "Middle Corridor delivery (to Istanbul)",
        "xian",
        "istanbul",
        "middle",
        "days",
        13,
        17,
        "report-az-titr-2026",
        followed=False,
    ),
    Target(
        "Yiwu to Tehran, Southern (first train, 2016)",
        "yiwu",
        "tehran",
        "southern",
        "days",
        14,
        14,
        "raillynews-china-iran-2016",
        followed=False,
    ),
    Target(
        "China to Iran, Southern (Xi'an test train, 2024)",
        "xian",
        "tehran",
        "southern",
        "days",
        15,
        15,
        "newsaz-china-iran-2024",
        followed=False,
    ),
    Target(
        "Middle / Northern time, Xi'an to Duisburg",
        "xian",
        "duisburg",
        "middle/northern",
        "days",
        3,
        3,
        "worldbank-middle-corridor-2023",
        followed=False,
    ),
    Target(
        "Middle / Northern cost, Xi'an to Duisburg",
        "xian",
        "duisburg",
        "middle/northern",
        "cost_usd",
        1.3,
        1.5,
        "joc-romania-2022",
    ),
    Target(
        "Northern cost per 40 ft, China to Europe",
        "xian",
        "duisburg",
        "northern",
        "cost_usd",
        5900,
        9800,
        "customized-sourcing-2020",
    ),
)


@dataclass(frozen=True)
class Check:
    target: Target
    model: float

    @property
    def ratio(self) -> float:
        middle = (self.target.low + self.target.high) / 2
        return self.model / middle

    @property
    def within(self) -> bool:
        t = self.target
        return t.low * (1 - t.tolerance) <= self.model <= t.high * (1 + t.tolerance)


def _value(totals: Totals, metric: str) -> float:
    return {"days": totals.hours / 24, "hours": totals.hours, "cost_usd": totals.cost_usd}[metric]


def check(cgraph: CorridorGraph, target: Target) -> Check:
    def measure(corridor: str) -> float:
        route = best_route(
            cgraph,
            target.origin,
            target.destination,
            scenario=Scenario(as_of=target.as_of, corridor=corridor),
        )
        return _value(route.totals, target.metric)

    if "/" in target.corridor:
        top, bottom = target.corridor.split("/")
        return Check(target, measure(top) / measure(bottom))
    return Check(target, measure(target.corridor))
