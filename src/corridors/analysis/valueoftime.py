"""Rail against sea once time is money: the cargo value at which a land corridor beats the sea.

Each day in transit costs the shipper a share of the cargo's value: Hummels and Schaur (2013,
American Economic Review 103(7), source `hummels-schaur-2013`) estimate 0.6 to 2.1 percent
of the value per day (an ad-valorem tariff equivalent, from US imports choosing between air
and ocean). The default is the midpoint of that range, 1.35 %/day, which the paper does not
publish itself: it is our choice, and the breakeven is also given at both ends of the range.

With a value of time p (share per day) and a cargo value V per container, a route costs
``cost + p * V * days``. A land corridor L beats a sea corridor S when
``cost_L + p V days_L < cost_S + p V days_S``, so the breakeven cargo value is
``V* = (cost_L - cost_S) / (p (days_S - days_L))``: a faster and dearer land route wins above
V*, a slower and cheaper one below it; faster and cheaper always wins, slower and dearer never.
A corridor counts as sea when more than half of its route's km are on water.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from corridors.analysis.results import Comparison, Route

VOT_SOURCE = "hummels-schaur-2013"
VOT_LOW_PCT = 0.6  # % of the cargo's value per day in transit (Hummels & Schaur 2013)
VOT_HIGH_PCT = 2.1
VOT_DEFAULT_PCT = round((VOT_LOW_PCT + VOT_HIGH_PCT) / 2, 2)  # 1.35: the midpoint, our choice
SEA_SHARE = 0.5  # a route with more water km than this share is a sea route

ALWAYS, NEVER, ABOVE, BELOW = "always", "never", "above", "below"


def is_sea(route: Route) -> bool:
    return route.totals.water_km > SEA_SHARE * route.totals.km


def breakeven_value(extra_cost_usd: float, days_saved: float, pct_per_day: float) -> tuple[str, float | None]:
    """When the land route wins ('always', 'never', 'above' or 'below' the value) and the value, USD."""
    if days_saved > 0 and extra_cost_usd > 0:
        return ABOVE, extra_cost_usd / (pct_per_day / 100 * days_saved)
    if days_saved < 0 and extra_cost_usd < 0:
        return BELOW, extra_cost_usd / (pct_per_day / 100 * days_saved)
    if (days_saved >= 0 and extra_cost_usd < 0) or (days_saved > 0 and extra_cost_usd == 0):
        return ALWAYS, None
    return NEVER, None


@dataclass(frozen=True)
class RailSea:
    """One land corridor against one sea corridor."""

    corridor: str
    sea: str
    days_saved: float  # sea days minus land days
    extra_cost_usd: float  # land cost minus sea cost, per container
    rail_wins: str  # always, never, above or below the breakeven value
    breakeven_usd: float | None  # at the chosen value of time
    breakeven_low_usd: float | None  # at the top of the published range (2.1 %/day): the lowest value
    breakeven_high_usd: float | None  # at the bottom (0.6 %/day)

    def to_dict(self) -> dict[str, Any]:
        def whole(value: float | None) -> float | None:
            return round(value) if value is not None else None

        return {
            "corridor": self.corridor,
            "sea_corridor": self.sea,
            "days_saved": round(self.days_saved, 2),
            "extra_cost_usd": round(self.extra_cost_usd),
            "rail_wins": self.rail_wins,
            "breakeven_cargo_value_usd": whole(self.breakeven_usd),
            "breakeven_cargo_value_range_usd": [
                whole(self.breakeven_low_usd),
                whole(self.breakeven_high_usd),
            ],
        }


@dataclass(frozen=True)
class ValueOfTime:
    pct_per_day: float
    entries: tuple[RailSea, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "value_of_time_pct_per_day": self.pct_per_day,
            "value_of_time_range_pct_per_day": [VOT_LOW_PCT, VOT_HIGH_PCT],
            "value_of_time_source": VOT_SOURCE,
            "entries": [e.to_dict() for e in self.entries],
        }


def rail_against_sea(comparison: Comparison, pct_per_day: float = VOT_DEFAULT_PCT) -> ValueOfTime:
    """Every land corridor with a route against every sea corridor with one."""
    found = [(c.id, c.route) for c in comparison.corridors if c.route is not None]
    seas = [(i, r) for i, r in found if is_sea(r)]
    lands = [(i, r) for i, r in found if not is_sea(r)]
    entries = []
    for land, lr in lands:
        for sea, sr in seas:
            days = (sr.totals.hours - lr.totals.hours) / 24
            extra = lr.totals.cost_usd - sr.totals.cost_usd
            wins, value = breakeven_value(extra, days, pct_per_day)
            # The dearer a day, the lower the breakeven value, whichever side the land route wins on.
            low = breakeven_value(extra, days, VOT_HIGH_PCT)[1]
            high = breakeven_value(extra, days, VOT_LOW_PCT)[1]
            entries.append(RailSea(land, sea, days, extra, wins, value, low, high))
    return ValueOfTime(pct_per_day, tuple(entries))


def sentences(result: ValueOfTime, short: dict[str, str]) -> tuple[str, ...]:
    """The value of time used, then one sentence per land corridor against each sea corridor."""
    out = [
        f"A day in transit costs {result.pct_per_day:g}% of the cargo's value "
        f"(Hummels & Schaur 2013: {VOT_LOW_PCT:g}-{VOT_HIGH_PCT:g}%; default the midpoint)."
    ]
    for e in result.entries:
        land, sea = short[e.corridor], short[e.sea]
        trade = (
            f"{abs(e.days_saved):,.1f} days {'faster' if e.days_saved > 0 else 'slower'}, "
            f"USD {abs(e.extra_cost_usd):,.0f} {'dearer' if e.extra_cost_usd > 0 else 'cheaper'}"
        )
        if e.rail_wins == ALWAYS:
            out.append(f"{land} beats {sea} at any cargo value ({trade}).")
        elif e.rail_wins == NEVER:
            out.append(f"{land} never beats {sea} ({trade}).")
        else:
            side = "above" if e.rail_wins == ABOVE else "below"
            out.append(
                f"{land} beats {sea} {side} USD {_usd(e.breakeven_usd)} of cargo per container "
                f"({_usd(e.breakeven_low_usd)}-{_usd(e.breakeven_high_usd)} over the range; {trade})."
            )
    return tuple(out)


def _usd(value: float | None) -> str:
    """Breakeven values to the nearest hundred dollars: the inputs are not finer than that."""
    return f"{round(value or 0.0, -2):,.0f}"
