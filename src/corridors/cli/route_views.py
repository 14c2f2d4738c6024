"""The Views of `path`, `compare` and `breakeven --over cargo-value`: routes, verdict, rail against sea."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corridors.cli.common import View, geojson_text
from corridors.cli.options import Chart

if TYPE_CHECKING:
    from corridors.analysis.queries import RouteRequest
    from corridors.analysis.results import Comparison


# compare judges the routes it shows; the exact envelope re-chooses them per cargo value.
ROUTES_SHOWN = (
    "These values are for the routes shown above; `corridors breakeven --over cargo-value` "
    "re-chooses each corridor's route at every cargo value."
)


def charts() -> Any:
    """The chart module, imported only when a chart is asked for (it costs start-up time)."""
    from corridors.render import charts

    return charts


def compared(
    request: RouteRequest, corridor: list[str] | None, by: str, as_of: int | None
) -> tuple[tuple[str, ...], Comparison]:
    """The corridors --corridor names and each one's best route, as `compare` and `report` find them;
    a constraint that leaves none is explained (exit 6), as the request says."""
    from corridors.analysis.queries import parse_corridors
    from corridors.analysis.routing import compare_corridors

    corridors = parse_corridors(request.network, corridor or [])
    with request.explained(corridors=corridors):
        comparison = compare_corridors(
            request.cgraph, request.start, request.end, by=by, model=request.model, as_of=as_of,
            avoid=request.scenario.avoid, via=request.via, corridors=corridors,
        )  # fmt: skip
    return corridors, comparison


def path_view(
    request: RouteRequest, routes: Any, query: dict[str, Any], *, alternatives: bool, spread: Any = None
) -> View:
    """`spread`: the --uncertainty sample of the routes, in the JSON and under the tables."""
    from corridors.render.exports import PATH_COLUMNS, path_rows
    from corridors.render.geojson import path_geojson
    from corridors.render.jsondoc import path_json

    network = request.network
    extra = {"uncertainty": spread.to_dict()} if spread is not None else None

    def table() -> list[Any]:
        from corridors.render.tables import path_text

        text = path_text(
            network, request.start, request.end, routes, request.model, alternatives=alternatives
        )
        if spread is not None:
            from corridors.render.tables_verdict import uncertainty_text

            labels = {f"route-{i}": f"Route {i} ({r.criterion})" for i, r in enumerate(routes, start=1)}
            text = [*text, *uncertainty_text(labels, spread)]
        return list(text)

    return View(
        json=lambda: path_json(query, network, routes, extra=extra),
        table=table,
        columns=PATH_COLUMNS,
        rows=lambda: path_rows(network, routes, request.scenario.as_of),
        geojson=lambda: geojson_text("path", query, network, path_geojson, routes),
        charts={
            Chart.tcd: lambda: charts().path_chart(network, routes, query["as_of"], alternatives=alternatives)
        },
    )


def compare_view(
    request: RouteRequest, comparison: Comparison, query: dict[str, Any], by: str, *, spread: Any = None
) -> View:
    """The corridors, then the verdict and rail against sea (JSON and table); rows are the corridors."""
    from corridors.render.exports import COMPARE_COLUMNS, compare_rows
    from corridors.render.geojson import compare_geojson
    from corridors.render.jsondoc import compare_json

    network = request.network
    verdict, vot = judged(request, comparison, by, query["value_of_time_pct_per_day"])

    def json() -> str:
        extra = {"verdict": verdict.to_dict(), "rail_against_sea": vot.to_dict()}
        extra.update({"uncertainty": spread.to_dict()} if spread is not None else {})
        return compare_json(query, network, comparison, extra)

    def table() -> list[Any]:
        from corridors.analysis.valueoftime import sentences
        from corridors.render.tables import compare_text
        from corridors.render.tables_verdict import sentences_text, uncertainty_text

        short = {c.id: c.short_name for c in network.corridors}
        text = [
            *compare_text(network, comparison, by, query["as_of"]),
            *sentences_text("Verdict", verdict.sentences),
            *sentences_text(
                "Rail against sea, with the value of time",
                (*sentences(vot, short), ROUTES_SHOWN) if vot.entries else sentences(vot, short),
            ),
        ]
        return text + (list(uncertainty_text(short, spread)) if spread is not None else [])

    return View(
        json=json,
        table=table,
        columns=COMPARE_COLUMNS,
        rows=lambda: compare_rows(comparison),
        geojson=lambda: geojson_text("compare", query, network, compare_geojson, comparison),
        charts={Chart.tcd: lambda: charts().compare_chart(network, comparison, by, query["as_of"])},
    )


def judged(request: RouteRequest, comparison: Any, by: str, pct: float) -> tuple[Any, Any]:
    """The verdict on a comparison and rail against sea at `pct` % of the cargo value per day."""
    from corridors.analysis.valueoftime import rail_against_sea
    from corridors.analysis.verdict import judge, no_route_reasons

    reasons = no_route_reasons(
        request.cgraph,
        comparison,
        as_of=request.scenario.as_of,
        avoid=request.scenario.avoid,
        via=request.via,
    )
    verdict = judge(comparison, request.network, by=by, model=request.model, reasons=reasons)
    return verdict, rail_against_sea(comparison, pct)


def compare_spread(request: RouteRequest, comparison: Any, samples: int, seed: int) -> Any:
    """Each corridor routed again for every sample (analysis/uncertainty.py), by the comparison's objective.

    With --via the routes are kept as found (the re-routing searches without waypoints).
    """
    from corridors.analysis.router import Router
    from corridors.analysis.scenario import Objective, Scenario
    from corridors.analysis.uncertainty import sample_corridors

    found = [c for c in comparison.corridors if c.route is not None]
    if request.via or not found:
        return sample(request, [(c.id, c.route) for c in found], samples, seed)
    metric, _, risky = found[0].route.criterion.partition("+")
    if metric == "risk":
        metric, risky = "km", "risk"
    objective = Objective(metric, request.model.risk_weight if risky else 0.0)
    scenario = request.scenario
    routers = [
        (c.id, Router(request.cgraph, request.model, Scenario(scenario.as_of, c.id, scenario.avoid)))
        for c in found
    ]
    return sample_corridors(
        routers, objective, request.start, request.end, request.network,
        samples=samples, seed=seed, model=request.model,
    )  # fmt: skip


def path_spread(request: RouteRequest, routes: Any, samples: int, seed: int) -> Any:
    return sample(request, [(f"route-{i}", route) for i, route in enumerate(routes, start=1)], samples, seed)


def sample(request: RouteRequest, routes: list[Any], samples: int, seed: int) -> Any:
    """Every estimated input the routes use, sampled over its range (see analysis/uncertainty.py)."""
    from corridors.analysis.uncertainty import sample as sample_routes

    year = request.scenario.as_of or request.network.as_of_year
    return sample_routes(routes, request.network, year, samples=samples, seed=seed, model=request.model)


def cargo_value_view(request: RouteRequest, by: str, pct: float, data: str | None) -> View:
    """breakeven --over cargo-value: rail against sea at a value of time, routes re-optimised per value.

    Each corridor's best route by cost plus the value of time changes with the cargo value: the
    exact envelope (analysis/breakeven.py, `cargo_breakeven`) gives where land beats sea.
    """
    from corridors.analysis.cargovalue import cargo_breakeven, route_changes
    from corridors.analysis.valueoftime import ValueOfTime
    from corridors.render.jsondoc import analysis_json
    from corridors.render.rows_analysis import CARGO_VALUE_COLUMNS, cargo_value_rows
    from corridors.render.tables_verdict import rail_sea_text

    with request.explained(per_corridor=True):
        result = cargo_breakeven(
            request.cgraph, request.start, request.end, pct, model=request.model,
            as_of=request.scenario.as_of, avoid=request.scenario.avoid,
        )  # fmt: skip
    query = {**request.query(by=by, over="cargo-value", value_of_time_pct_per_day=pct), "data": data}
    query.pop("risk_weight")
    body = _CargoValue(request.start, request.end, by, result)
    network = request.network
    flat = ValueOfTime(pct, result.entries)
    short = {c.id: c.short_name for c in network.corridors}
    return View(
        json=lambda: analysis_json("breakeven", query, network, body),
        table=lambda: rail_sea_text(
            network, request.start, request.end, "cost+time", flat, route_changes(result, short)
        ),
        columns=CARGO_VALUE_COLUMNS,
        rows=lambda: cargo_value_rows(result.to_dict()),
    )


class _CargoValue:
    """The breakeven --over cargo-value document body."""

    def __init__(self, origin: str, destination: str, by: str, result: Any) -> None:
        self.origin, self.destination, self.by, self.result = origin, destination, by, result

    def to_dict(self) -> dict[str, Any]:
        return {
            "over": "cargo-value",
            "origin": self.origin,
            "destination": self.destination,
            "by": self.by,
            "rail_against_sea": self.result.to_dict(),
        }
