"""`pareto`, `breakeven` and `simulate`: the analyses over a pair of places."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer

from corridors.analysis.valueoftime import VOT_DEFAULT_PCT
from corridors.cli.app import app
from corridors.cli.common import (
    check_year,
    emit,
    emit_tables,
    load,
    load_with_delays,
    reporting,
)
from corridors.cli.options import (
    DEFAULT_DESTINATION,
    DEFAULT_ORIGIN,
    PARETO_DEFAULT_TEXT,
    AsOfOption,
    AvoidOption,
    CriteriaOption,
    DataOption,
    FactorWeightOption,
    FromOption,
    JsonOption,
    MetricOption,
    NodeRiskOption,
    RiskWeightOption,
    ToOption,
    ValueOfTimeOption,
)
from corridors.errors import UsageError

if TYPE_CHECKING:
    pass


@app.command(
    epilog="""\b
Examples:
  corridors pareto Xian Duisburg
  corridors pareto Khorgos Istanbul --criteria hours,cost
  corridors pareto Xian Duisburg --avoid RU --json | jq '.routes[].totals'"""
)
def pareto(
    origin: Annotated[str, typer.Argument(metavar="FROM", help="Start: node id, name or alias.")],
    destination: Annotated[str, typer.Argument(metavar="TO", help="End: node id, name or alias.")],
    criteria: CriteriaOption = PARETO_DEFAULT_TEXT,
    avoid: AvoidOption = None,
    risk_weight: RiskWeightOption = 1.0,
    factor_weight: FactorWeightOption = None,
    node_risk_km: NodeRiskOption = 100.0,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """Every route no other route beats on all criteria at once (the exact Pareto front)."""
    with reporting():
        from corridors.analysis.pareto import pareto_routes
        from corridors.analysis.queries import route_request
        from corridors.analysis.router import Router

        request = route_request(
            *load(data),
            origin,
            destination,
            as_of=as_of,
            risk_weight=risk_weight,
            factor_weight=factor_weight,
            node_risk_km=node_risk_km,
            avoid=avoid,
            via=None,
        )
        names = [name.strip() for name in criteria.split(",") if name.strip()]
        router = Router(request.cgraph, request.model, request.scenario)
        with request.explained():
            routes = pareto_routes(router, request.start, request.end, names)
        if json_out:
            from corridors.render.jsondoc import pareto_json

            query = request.query(criteria=names)
            emit(pareto_json({**query, "data": data}, request.network, names, routes))
        else:
            from corridors.render.tables import pareto_text

            emit_tables(pareto_text(request.network, request.start, request.end, names, routes))


@app.command(
    epilog="""\b
Examples:
  corridors breakeven
  corridors breakeven --to Hamburg --by hours
  corridors breakeven --factor-weight conflict=0 --json | jq .flips"""
)
def breakeven(
    origin: FromOption = DEFAULT_ORIGIN,
    destination: ToOption = DEFAULT_DESTINATION,
    by: MetricOption = "km",
    max_weight: Annotated[
        float, typer.Option("--max-weight", min=0.001, max=1e6, help="Search risk weights from 0 to this.")
    ] = 100.0,
    avoid: AvoidOption = None,
    factor_weight: FactorWeightOption = None,
    node_risk_km: NodeRiskOption = 100.0,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    over: Annotated[
        str,
        typer.Option(
            "--over",
            click_type=click.Choice(["risk-weight", "cargo-value"]),
            help="What varies: the risk weight, or the cargo's value per container (rail against sea "
            "once a day in transit costs --value-of-time % of it; routes best by --by, default cost).",
        ),
    ] = "risk-weight",
    value_of_time: ValueOfTimeOption = VOT_DEFAULT_PCT,
) -> None:
    """The risk weight at which the preferred corridor flips, with the ranking on either side.

    Each corridor's best risk-weighted cost is a piecewise-linear function of the risk weight,
    found exactly by parametric search; flips are where two of them cross. With --over
    cargo-value: the cargo value per container above which each land corridor beats each sea one.
    """
    if over == "cargo-value":
        _cargo_value(
            origin, destination, by, avoid, factor_weight, node_risk_km, as_of, data, json_out, value_of_time
        )
        return
    with reporting():
        from corridors.analysis.breakeven import breakeven as find_breakeven
        from corridors.analysis.queries import route_request

        request = route_request(
            *load(data), origin, destination, as_of=as_of, risk_weight=1.0, factor_weight=factor_weight,
            node_risk_km=node_risk_km, avoid=avoid, via=None,
        )  # fmt: skip
        with request.explained(per_corridor=True):
            result = find_breakeven(
                request.cgraph, request.start, request.end, metric=by, model=request.model,
                as_of=as_of, avoid=request.scenario.avoid, max_weight=max_weight,
            )  # fmt: skip
        if json_out:
            from corridors.render.jsondoc import breakeven_json

            query = request.query(by=by, max_weight=max_weight)
            query.pop("risk_weight")
            emit(breakeven_json({**query, "data": data}, request.network, result))
        else:
            from corridors.render.tables_analysis import breakeven_text

            emit_tables(breakeven_text(request.network, result))


def _cargo_value(
    origin: str,
    destination: str,
    by: str,
    avoid: list[str] | None,
    factor_weight: list[str] | None,
    node_risk_km: float,
    as_of: int | None,
    data: str | None,
    json_out: bool,
    pct: float,
) -> None:
    """breakeven --over cargo-value: rail against sea at a value of time, each corridor's best route."""
    with reporting():
        from corridors.analysis.queries import route_request
        from corridors.analysis.routing import compare_corridors
        from corridors.analysis.valueoftime import rail_against_sea

        metric = "cost" if by == "km" else by  # km, the option's default, says nothing about money
        request = route_request(
            *load(data), origin, destination, as_of=as_of, risk_weight=1.0, factor_weight=factor_weight,
            node_risk_km=node_risk_km, avoid=avoid, via=None,
        )  # fmt: skip
        with request.explained(per_corridor=True):
            comparison = compare_corridors(
                request.cgraph, request.start, request.end, by=metric, model=request.model,
                as_of=as_of, avoid=request.scenario.avoid,
            )  # fmt: skip
        result = rail_against_sea(comparison, pct)
        if json_out:
            from corridors.render.jsondoc import analysis_json

            query = {
                **request.query(by=metric, over="cargo-value", value_of_time_pct_per_day=pct),
                "data": data,
            }
            query.pop("risk_weight")
            body = _CargoValue(request.start, request.end, metric, result)
            emit(analysis_json("breakeven", query, request.network, body))
        else:
            from corridors.render.tables_verdict import rail_sea_text

            emit_tables(rail_sea_text(request.network, request.start, request.end, metric, result))


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


PROGRESS_MIN_JOURNEYS = 1_000_000  # below this a run takes well under a second: no bar


@app.command(
    epilog="""\b
Examples:
  corridors simulate --deadline 20
  corridors simulate --month 12 --deadline 30
  corridors simulate --to Istanbul --runs 1000000 --seed 7
  corridors simulate --json | jq '.corridors[] | {id, days}'"""
)
def simulate(
    origin: FromOption = DEFAULT_ORIGIN,
    destination: ToOption = DEFAULT_DESTINATION,
    runs: Annotated[
        int,
        typer.Option("--runs", "-n", min=1, max=100_000_000, help="Journeys sampled per corridor."),
    ] = 100_000,
    seed: Annotated[
        int, typer.Option("--seed", min=0, help="Random seed: the same seed gives the same output.")
    ] = 20_260_101,
    month: Annotated[
        int | None,
        typer.Option(
            "--month",
            metavar="1-12",
            min=1,
            max=12,
            help="Month of travel (seasonal closures); default: any.",
        ),
    ] = None,
    deadline: Annotated[
        float | None,
        typer.Option("--deadline", metavar="DAYS", help="Also give the share of journeys within DAYS."),
    ] = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """Door-to-door days as a distribution: Monte Carlo journeys on each corridor's fastest route.

    Border queues, port handling, ferry waits and seasonal closures vary around the
    deterministic time model, as the data's `delays` records say (see README).
    """
    with reporting():
        from corridors.analysis.scenario import resolve_node
        from corridors.analysis.simulation import check_options
        from corridors.analysis.simulation import simulate as run

        check_options(runs, seed, month, deadline)
        network, cgraph = load_with_delays(data)
        check_year(network, as_of)
        start, end = resolve_node(network, origin).id, resolve_node(network, destination).id
        if start == end:
            raise UsageError(f"origin and destination are the same place ({start})")
        with _progress(runs * len(network.corridors)) as advance:
            result = run(
                cgraph,
                start,
                end,
                runs=runs,
                seed=seed,
                month=month,
                deadline_days=deadline,
                as_of=as_of,
                progress=advance,
            )
        if json_out:
            from corridors.render.jsondoc import simulate_json

            query = {
                "from": start,
                "to": end,
                "runs": runs,
                "seed": seed,
                "month": month,
                "deadline_days": deadline,
                "as_of": as_of,
                "data": data,
            }
            emit(simulate_json(query, network, result))
        else:
            from corridors.render.tables_analysis import simulate_text

            emit_tables(simulate_text(network, result))


@contextmanager
def _progress(journeys: int) -> Iterator[Any]:
    """A progress bar on stderr for long runs on a terminal; otherwise a no-op callback."""
    if journeys < PROGRESS_MIN_JOURNEYS or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True, no_color="NO_COLOR" in os.environ)
    columns = (TextColumn("simulating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("journeys", total=journeys)
        yield lambda done: bar.advance(task, done)
