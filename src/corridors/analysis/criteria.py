"""The criteria a route is measured and chosen by: one record each, the rest derived from it.

A criterion is an amount that legs and stops add up along a route (km, hours, US dollars,
kg CO2e). Its record says what the CLI calls it, the attribute and JSON key it is stored
under (units in the name), how people read it, and how it is rounded; what one leg and one
stop contribute is computed in `metrics.CostModel` (`CostModel.amounts`), from the parameter
metric named here. Routing, pareto, breakeven, tables, exports, the output schema and the CLI
choices all read this registry: adding a criterion is one record here, its computation in
metrics.py and its field on the result records (`results.py`).

"risk" is not an amount of its own: every criterion has a risk exposure (the amount spent
where there is risk, times the risk), and `--by risk` is the risk-weighted km (see
`scenario.objectives`). This module imports nothing heavy: the CLI reads it for its choices.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Criterion:
    """One amount a route adds up, and how a leg and a stop contribute to it.

    A leg contributes its km times each `per_km` parameter (or km divided by it, when
    `inverse`: hours from a speed), times the cargo mass when `per_tonne`; plus, when
    `per_event` names an event parameter, the border it crosses and the sailing it waits
    for. A stop (transshipment, gauge change) contributes its `per_event` parameter.
    km is the edge's own length (no parameters). A hub's CO2e is published well to wheel only
    (no tank-to-wheel part), so it is in `co2_wtw` and not in `co2`.
    """

    name: str  # what --by, --criteria and breakeven --by take
    key: str  # the attribute of Leg, Stop and Totals, and the JSON key (unit in the name)
    unit: str  # how a value is written in a sentence
    label: str  # a route that is best by it
    row: str  # its row in the comparison table
    column: str  # its column header in the table of routes
    digits: int  # decimals kept in JSON (0: a whole number)
    help: str  # one phrase for --help
    per_km: tuple[str, ...] = ()  # parameter metrics selected by mode
    inverse: bool = False
    per_tonne: bool = False
    per_event: str | None = None  # parameter metric selected by event
    per_day: bool = False  # tables show it in days (hours / 24)

    def rounded(self, value: float) -> float:
        return round(value) if self.digits == 0 else round(value, self.digits)

    def cell(self, value: float) -> str:
        """The value as a table shows it: days to one decimal, anything else whole."""
        return f"{value / 24:,.1f}" if self.per_day else f"{value:,.0f}"


CRITERIA: tuple[Criterion, ...] = (
    Criterion("km", "km", "km", "shortest by km", "Total km", "km", 1, "km"),
    Criterion(
        "hours", "hours", "hours", "fastest", "Days (model)", "Days", 1, "hours door to door",
        per_km=("speed_kmh",), inverse=True, per_event="dwell_hours", per_day=True,
    ),
    Criterion(
        "cost", "cost_usd", "USD", "cheapest", "Cost, USD per FEU (model)", "USD/FEU", 0, "USD per FEU",
        per_km=("cost_usd_per_km",), per_event="cost_usd",
    ),
    Criterion(
        "co2", "co2e_kg", "kg CO2e", "lowest CO2e", "CO2e, kg per FEU (model)", "kg CO2e", 1,
        "kg CO2e per FEU, tank to wheel", per_km=("co2e_kg_per_t_km",), per_tonne=True,
    ),
    Criterion(
        "co2_wtw", "co2e_wtw_kg", "kg CO2e", "lowest CO2e well to wheel",
        "CO2e WTW, kg per FEU (model)", "kg CO2e WTW", 1,
        "kg CO2e per FEU, well to wheel (fuel and power production, hubs)",
        per_km=("co2e_kg_per_t_km", "co2e_wtt_kg_per_t_km"), per_tonne=True, per_event="co2e_wtw_kg",
    ),
)  # fmt: skip
BY_NAME = {criterion.name: criterion for criterion in CRITERIA}
NAMES = tuple(BY_NAME)
AMOUNTS = CRITERIA[1:]  # what CostModel computes per leg and stop (km is the edge's own)
RISK = "risk"  # --by risk: the risk-weighted km
BY_CHOICES = (*NAMES, RISK)
RISK_KM = "risk_km"  # the risk exposure in km-equivalents (the totals' risk_km): a Pareto criterion
PARETO_NAMES = (*NAMES, RISK_KM)
PARETO_DEFAULT = ("km", "hours", "cost", RISK_KM)


def choices_help(names: tuple[str, ...]) -> str:
    """'km, hours (hours door to door), ...' for --help, from the records."""
    return ", ".join(f"{n} ({BY_NAME[n].help})" if n in BY_NAME and n != "km" else n for n in names)


def criterion(name: str) -> Criterion:
    """The record of `name`; KeyError names the choices (callers turn it into a UsageError)."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown criterion {name!r}; use one of {', '.join(NAMES)}") from None


def route_label(objective: str) -> str:
    """How people read a route's `criterion` (a name, 'risk', a name + '+risk', or 'pareto')."""
    if objective == RISK:
        return "lowest risk-weighted km"
    name, _, risk = objective.partition("+")
    found = BY_NAME.get(name)
    if found is None:
        return objective
    return f"{found.label}, risk-weighted" if risk else found.label
