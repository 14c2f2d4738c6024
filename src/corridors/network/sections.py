"""The `parameters` and `delays` sections: where each applies, and its distribution."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from corridors.network.checks import (
    COUNTRY,
    MIN_SPEED_KMH,
    SLUG,
    _Checker,
    _kind,
    _matches,
    _number,
    _one_of,
    _own_id,
    _text,
    _year_or_null,
)
from corridors.network.model import (
    DELAY_EFFECTS,
    DELAY_EVENTS,
    EVENTS,
    EXTRA_FAMILIES,
    KM_BASES,
    MONTHS,
    PARAMETER_METRICS,
    SPREAD_FAMILIES,
    Delay,
    Parameter,
)
from corridors.network.modes import MODES


def _selectors(
    check: _Checker, obj: dict[str, Any], place: str, node_ids: dict[str, str], edge_ids: dict[str, str]
) -> tuple[str | None, str | None, str | None]:
    """Where a parameter or delay applies beyond its mode or event: a country, a node, an edge."""
    country = check.field(obj, "country", place, _matches(COUNTRY), required=False)
    node = check.field(obj, "node", place, _text, required=False)
    edge = check.field(obj, "edge", place, _text, required=False)
    if node is not None and node not in node_ids:
        check.fail(f"{place}.node", f"unknown node id {node!r}")
    if edge is not None and edge not in edge_ids:
        check.fail(f"{place}.edge", f"unknown edge id {edge!r}")
    return country, node, edge


def _parameters(
    check: _Checker,
    doc: dict[str, Any],
    node_ids: dict[str, str],
    edge_ids: dict[str, str],
    modes_used: set[str],
    source_refs: Callable[[dict[str, Any], str], tuple[str, ...]],
) -> tuple[Parameter, ...]:
    """The time, cost and emissions parameters; if any are given, every default must be."""
    entries = check.items(doc, "parameters", required=False)
    ids = check.unique_ids(entries, SLUG)
    out = []
    for place, obj in entries:
        metric = check.field(obj, "metric", place, _one_of(tuple(PARAMETER_METRICS)))
        low = MIN_SPEED_KMH if metric == "speed_kmh" else 0
        value = check.field(obj, "value", place, _number(low, 1e9, positive=metric == "cargo_t"))
        basis = check.field(obj, "basis", place, _one_of(KM_BASES))
        check.field(obj, "note", place, _text)
        cited = source_refs(obj, place)
        selector = PARAMETER_METRICS.get(metric) if metric else None
        mode = event = None
        if selector == "mode":
            mode = check.field(obj, "mode", place, _one_of(MODES))
        elif selector == "event":
            event = check.field(obj, "event", place, _one_of(EVENTS))
        country, node, edge = _selectors(check, obj, place, node_ids, edge_ids)
        from_year = check.field(obj, "from_year", place, _year_or_null, required=False)
        ident = _own_id(ids, obj, place)
        if ident and metric and value is not None and (selector is None or mode or event):
            out.append(
                Parameter(
                    ident,
                    metric,
                    float(value),
                    mode,
                    event,
                    country,
                    node,
                    edge,
                    from_year,
                    basis=basis,
                    sources=cited,
                )
            )
    if out:
        defaults = {(p.metric, p.mode or p.event) for p in out if not p.specificity and p.from_year is None}
        needed: list[tuple[str, str | None]] = [("cargo_t", None)]
        needed += [
            (m, mode) for m, sel in PARAMETER_METRICS.items() if sel == "mode" for mode in sorted(modes_used)
        ]
        needed += [(m, event) for m, sel in PARAMETER_METRICS.items() if sel == "event" for event in EVENTS]
        for metric, what in needed:
            if (metric, what) not in defaults:
                suffix = f" for {what}" if what else ""
                check.fail(
                    "parameters",
                    f"no default {metric}{suffix} (one without country, node, edge or from_year)",
                )
    return tuple(out)


MAX_DELAY_HOURS = 24 * 365  # one draw of a single delay; far above any reported wait


MAX_SIGMA = 3.0  # a lognormal sigma of 3 already spans a factor of 10^4 between P5 and P95


def _delays(
    check: _Checker,
    doc: dict[str, Any],
    node_ids: dict[str, str],
    edge_ids: dict[str, str],
    source_refs: Callable[[dict[str, Any], str], tuple[str, ...]],
) -> tuple[Delay, ...]:
    """The delay distributions of the simulation (see simulation.py), every problem with its place."""
    entries = check.items(doc, "delays", required=False)
    ids = check.unique_ids(entries, SLUG)
    out = []
    for place, obj in entries:
        event = check.field(obj, "event", place, _one_of(DELAY_EVENTS))
        effect = check.field(obj, "effect", place, _one_of(DELAY_EFFECTS))
        check.field(obj, "basis", place, _one_of(KM_BASES))
        check.field(obj, "note", place, _text)
        source_refs(obj, place)
        mode = check.field(obj, "mode", place, _one_of(MODES), required=False)
        country, node, edge = _selectors(check, obj, place, node_ids, edge_ids)
        shape = _distribution(check, obj, place, effect)
        months = _month_probabilities(check, obj, place, effect)
        ident = _own_id(ids, obj, place)
        if ident and event and effect and shape is not None and months is not None:
            family, params, anchor = shape
            out.append(Delay(ident, event, effect, family, params, anchor, months, mode, country, node, edge))
    return tuple(out)


def _distribution(
    check: _Checker, obj: dict[str, Any], place: str, effect: str | None
) -> tuple[str, tuple[tuple[str, float], ...], str] | None:
    """A delay's `distribution`: its family, the family's parameters and (spreads) the anchor."""
    where = f"{place}.distribution"
    shape = obj.get("distribution")
    if shape is None:
        check.fail(where, "missing")
        return None
    if not isinstance(shape, dict):
        check.fail(where, f"must be an object with a family and its parameters, got {_kind(shape)}")
        return None
    if effect is None:
        return None
    families = SPREAD_FAMILIES if effect == "spread" else EXTRA_FAMILIES
    family = check.field(shape, "family", where, _one_of(tuple(families)))
    if family is None:
        return None
    names = families[family]
    allowed = {"family", *names, *(("anchor",) if effect == "spread" and family == "lognormal" else ())}
    for key in shape:
        if key not in allowed:
            check.fail(
                f"{where}.{key}",
                f"not a parameter of {family} {effect}s; they take {', '.join(names) or 'none'}",
            )
    params: list[tuple[str, float]] = []
    for name in names:
        high = MAX_SIGMA if name == "sigma" else MAX_DELAY_HOURS
        value = check.field(shape, name, where, _number(0, high))
        if value is not None:
            params.append((name, float(value)))
    anchor = "mean"
    if "anchor" in allowed:
        anchor = check.field(shape, "anchor", where, _one_of(("mean", "median")))
    if len(params) != len(names) or anchor is None:
        return None
    values = dict(params)
    if family == "triangular" and not values["low_hours"] <= values["mode_hours"] <= values["high_hours"]:
        check.fail(where, "a triangular distribution needs low_hours <= mode_hours <= high_hours")
        return None
    if family == "uniform" and values["low_hours"] > values["high_hours"]:
        check.fail(where, "a uniform distribution needs low_hours <= high_hours")
        return None
    return family, tuple(params), anchor


def _month_probabilities(
    check: _Checker, obj: dict[str, Any], place: str, effect: str | None
) -> tuple[float, ...] | None:
    """An extra's chance of happening, per month: `probability` all year, or `months` (others 0)."""
    given = [key for key in ("probability", "months") if key in obj]
    if effect == "spread":
        for key in given:
            check.fail(f"{place}.{key}", "only an extra has a probability; a spread always applies")
        return ()
    if effect is None:
        return None
    if len(given) != 1:
        check.fail(place, "an extra needs exactly one of probability (all year) or months")
        return None
    if given[0] == "probability":
        value = check.field(obj, "probability", place, _number(0, 1))
        return None if value is None else (float(value),) * 12
    table = obj["months"]
    if not isinstance(table, dict) or not table:
        check.fail(
            f"{place}.months", f"must be an object of month (jan..dec) -> probability, got {_kind(table)}"
        )
        return None
    probabilities = [0.0] * 12
    ok = True
    for key, value in table.items():
        if key not in MONTHS:
            check.fail(f"{place}.months.{key}", f"unknown month {key!r}; use {', '.join(MONTHS)}")
            ok = False
            continue
        problem = _number(0, 1)(value)
        if problem:
            check.fail(f"{place}.months.{key}", problem)
            ok = False
            continue
        probabilities[MONTHS.index(key)] = float(value)
    return tuple(probabilities) if ok else None
