"""The verdict of a comparison: which corridor wins on what, by how much, and which to take.

`compare` leaves thirteen rows for the reader to weigh; the verdict says it in sentences an
analyst can act on. Each corridor is judged on the route `compare` found for it (best by the
command's --by), on the criteria of the registry named in VERDICT_CRITERIA plus risk (the
exposure-weighted mean risk, 0-1). The recommendation is the corridor with the lowest
risk-weighted objective at the chosen risk weight (the same objective the searches minimise:
the amount plus the risk weight times its risk exposure). A corridor without a route gets a
reason: which end its lines do not reach, a line that opens only later, or a constraint.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from corridors.analysis.criteria import BY_NAME, RISK, route_label
from corridors.analysis.results import Comparison, Route
from corridors.analysis.router import Router
from corridors.analysis.scenario import Avoid, Objective, RiskModel, Scenario
from corridors.errors import NoRouteError
from corridors.network.graph import CorridorGraph
from corridors.network.model import Network

VERDICT_CRITERIA = ("hours", "cost", "co2_wtw")  # registry names; risk is judged besides them
RISK_DIGITS = 4
HORIZON_YEAR = 2100  # far enough for every planned line in the data


@dataclass(frozen=True)
class Best:
    """The corridor best on one criterion, and its lead over the runner-up."""

    criterion: str  # a registry name, or "risk"
    key: str  # the totals key it is read from (unit in the name)
    corridor: str
    value: float
    runner_up: str | None
    margin: float | None  # runner-up's value minus the best's (same unit)

    def to_dict(self) -> dict[str, Any]:
        digits = RISK_DIGITS if self.criterion == RISK else 1
        return {
            "criterion": self.criterion,
            "key": self.key,
            "corridor": self.corridor,
            "value": round(self.value, digits),
            "runner_up": self.runner_up,
            "margin": round(self.margin, digits) if self.margin is not None else None,
        }


@dataclass(frozen=True)
class Recommendation:
    corridor: str
    objective: str  # the --by of the comparison
    risk_weight: float
    value: float  # amount + risk weight x exposure, in the objective's unit
    runner_up: str | None
    margin: float | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "corridor": self.corridor,
            "objective": self.objective,
            "risk_weight": self.risk_weight,
            "risk_weighted_value": round(self.value, 1),
            "runner_up": self.runner_up,
            "margin": round(self.margin, 1) if self.margin is not None else None,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Missing:
    corridor: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"corridor": self.corridor, "reason": self.reason}


@dataclass(frozen=True)
class Verdict:
    best: tuple[Best, ...]
    recommended: Recommendation | None
    no_route: tuple[Missing, ...]
    sentences: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "best": [b.to_dict() for b in self.best],
            "recommended": self.recommended.to_dict() if self.recommended else None,
            "no_route": [m.to_dict() for m in self.no_route],
            "sentences": list(self.sentences),
        }


def risk_weighted(route: Route, by: str, model: RiskModel, network: Network) -> float:
    """The route's objective at the model's risk weight, as the searches weigh it.

    By risk: the risk-weighted km. By an amount: the amount plus the weight times the
    amount spent on risky legs and at risky stops, times their risk.
    """
    if by == RISK:
        return route.totals.risk_weighted_km
    key = BY_NAME[by].key
    if by == "km":
        exposure = route.totals.risk_km
    else:
        node_risk = {n: model.combined(network.nodes[n].risks) for n in route.nodes}
        exposure = math.fsum(getattr(leg, key) * leg.risk for leg in route.legs) + math.fsum(
            getattr(stop, key) * node_risk[stop.node] for stop in route.stops
        )
    return float(getattr(route.totals, key)) + model.risk_weight * exposure


def _value(route: Route, criterion: str) -> float:
    if criterion == RISK:
        return route.totals.risk
    return float(getattr(route.totals, BY_NAME[criterion].key))


def _best(found: Sequence[tuple[str, Route]], criterion: str) -> Best:
    ranked = sorted(found, key=lambda item: _value(item[1], criterion))  # stable: data order on ties
    first, second = ranked[0], ranked[1] if len(ranked) > 1 else None
    value = _value(first[1], criterion)
    key = "risk" if criterion == RISK else BY_NAME[criterion].key
    margin = _value(second[1], criterion) - value if second else None
    return Best(criterion, key, first[0], value, second[0] if second else None, margin)


def judge(
    comparison: Comparison,
    network: Network,
    *,
    by: str,
    model: RiskModel,
    reasons: dict[str, str] | None = None,
) -> Verdict:
    """The verdict on a comparison; `reasons` says why each corridor without a route has none."""
    short = {c.id: c.short_name for c in network.corridors}
    found = [(c.id, c.route) for c in comparison.corridors if c.route is not None]
    best = tuple(_best(found, name) for name in (*VERDICT_CRITERIA, RISK)) if found else ()
    recommended = _recommend(found, by, model, network, short) if found else None
    missing = tuple(
        Missing(c.id, (reasons or {}).get(c.id, "its lines do not join the two places"))
        for c in comparison.corridors
        if c.route is None
    )
    sentences = [_sentence(b, short) for b in best]
    if recommended:
        sentences.append(f"Recommended: {short[recommended.corridor]}, {recommended.reason}.")
    sentences.extend(f"{short[m.corridor]}: no route, {m.reason}." for m in missing)
    return Verdict(best, recommended, missing, tuple(sentences))


def _sentence(best: Best, short: dict[str, str]) -> str:
    name = short[best.corridor]
    if best.criterion == RISK:
        what = f"Least risky: {name} (mean risk {best.value:.3f}"
        lead = f", {best.margin:.3f} below {short[best.runner_up]})" if best.runner_up else ")"
        return what + lead + "."
    criterion = BY_NAME[best.criterion]
    label = criterion.label[0].upper() + criterion.label[1:]
    if criterion.per_day:
        what, by = f"{best.value / 24:,.1f} days", f"{(best.margin or 0) / 24:,.1f} days"
    else:
        what, by = f"{best.value:,.0f} {criterion.unit}", f"{best.margin or 0:,.0f} {criterion.unit}"
    lead = f", {by} ahead of {short[best.runner_up]})" if best.runner_up else ")"
    return f"{label}: {name} ({what}{lead}."


def _recommend(
    found: Sequence[tuple[str, Route]], by: str, model: RiskModel, network: Network, short: dict[str, str]
) -> Recommendation:
    scored = sorted(((risk_weighted(r, by, model, network), ident) for ident, r in found), key=lambda s: s[0])
    value, ident = scored[0]
    runner = scored[1] if len(scored) > 1 else None
    unit = "km" if by == RISK else "days" if BY_NAME[by].per_day else BY_NAME[by].unit
    amount = "km" if by == RISK else by
    what = route_label(by) if by == RISK else f"lowest {amount} plus risk"
    reason = f"{what} at risk weight {model.risk_weight:g} ({_amount(value, by)} {unit}"
    if runner:
        reason += f" against {_amount(runner[0], by)} for {short[runner[1]]})"
    else:
        reason += ", the only corridor with a route)"
    plain_best = min(found, key=lambda item: _value(item[1], "km" if by == RISK else by))[0]
    if plain_best != ident:
        reason += f"; {short[plain_best]} is better without risk but carries more of it"
    return Recommendation(
        ident, by, model.risk_weight, value, runner[1] if runner else None,
        runner[0] - value if runner else None, reason,
    )  # fmt: skip


def _amount(value: float, by: str) -> str:
    """A value of the objective as a sentence writes it: days for hours, whole units otherwise."""
    if by != RISK and BY_NAME[by].per_day:
        return f"{value / 24:,.1f}"
    return f"{value:,.0f}"


def no_route_reasons(
    cgraph: CorridorGraph,
    comparison: Comparison,
    *,
    as_of: int | None,
    avoid: Avoid | None = None,
    via: Sequence[str] = (),
) -> dict[str, str]:
    """Why each corridor without a route has none: an end not reached, a line not yet open, a constraint."""
    network = cgraph.network
    names = {n.id: n.name for n in network.nodes.values()}
    out: dict[str, str] = {}
    for entry in comparison.corridors:
        if entry.route is not None:
            continue
        ident = entry.id
        ends = (comparison.origin, comparison.destination)
        lines = [e for e in network.edges if ident in e.corridors]
        unreached = [p for p in ends if not any(p in (e.source, e.target) for e in lines)]
        if unreached:
            out[ident] = f"no line of this corridor reaches {' or '.join(names[p] for p in unreached)}"
            continue
        if (avoid or via) and _joins(cgraph, ident, comparison, as_of, Avoid(), ()):
            what = [f"--avoid {avoid.describe()}"] if avoid else []
            what += [f"--via {' '.join(via)}"] if via else []
            out[ident] = (
                f"{' and '.join(what)} cut it (without {'them' if len(what) > 1 else 'it'} there is one)"
            )
            continue
        opening = _opening_year(cgraph, ident, comparison)
        if opening is not None and (as_of is None or opening > as_of):
            out[ident] = (
                f"its lines join the two places only once lines open in {opening} (try --as-of {opening})"
            )
        else:
            out[ident] = "its lines do not join the two places (a line is missing in the data)"
    return out


def _joins(
    cgraph: CorridorGraph,
    corridor: str,
    comparison: Comparison,
    as_of: int | None,
    avoid: Avoid,
    via: Sequence[str],
) -> bool:
    router = Router(cgraph, RiskModel(), Scenario(as_of, corridor, avoid))
    try:
        router.search(comparison.origin, comparison.destination, Objective("km"), via)
    except NoRouteError:
        return False
    return True


def _opening_year(cgraph: CorridorGraph, corridor: str, comparison: Comparison) -> int | None:
    """The earliest year from which the corridor's lines join the places, if any year does."""
    years = sorted({e.opens for e in cgraph.network.edges if e.opens is not None and corridor in e.corridors})
    for year in years:
        if _joins(cgraph, corridor, comparison, year, Avoid(), ()):
            return year
    return None
