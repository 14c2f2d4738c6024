"""`pareto`, `breakeven` and `simulate`: the analyses over a pair of places."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from corridors.analysis.valueoftime import VOT_DEFAULT_PCT
from corridors.cli.app import app
from corridors.cli.common import (
    View,
    check_year,
    load,
    reporting,
    show,
)
from corridors.cli.options import (
    PARETO_DEFAULT_TEXT,
    AsOfOption,
    AvoidOption,
    Chart,
    ChartOption,
    CriteriaOption,
    DataOption,
    DeadlineOption,
    FactorWeightOption,
    FiniteFloat,
    FormatOption,
    FromArgument,
    FromOption,
    JsonOption,
    MetricOption,
    NodeRiskOption,
    OutputOption,
    OverOption,
    RiskWeightOption,
    ToArgument,
    ToOption,
    ValueOfTimeOption,
    places,
)
from corridors.cli.route_views import cargo_value_view
from corridors.errors import UsageError

if TYPE_CHECKING:
    from corridors.analysis.breakeven import Breakeven
    from corridors.analysis.queries import RouteRequest
    from corridors.analysis.results import Route
    from corridors.analysis.simulation import Simulation
    from corridors.network.model import Network

    pass


@app.command(
    epilog="""\b
Examples:
  corridors pareto Xian Duisburg
  corridors pareto Khorgos Istanbul --criteria hours,cost
  corridors pareto Xian Duisburg --avoid RU --json | jq '.routes[].totals'
  corridors pareto Xian Duisburg --chart front -o front.svg"""
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
    fmt: FormatOption = None,
    output: OutputOption = None,
    chart: ChartOption = None,
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
        show(
            pareto_view(request, names, routes, {**request.query(criteria=names), "data": data}),
            fmt,
            json_out,
            output,
            chart,
        )


@app.command(
    epilog="""\b
Examples:
  corridors breakeven
  corridors breakeven --to Hamburg --by hours
  corridors breakeven --factor-weight conflict=0 --json | jq .flips
  corridors breakeven --over cargo-value --value-of-time 2.1"""
)
def breakeven(
    start: FromArgument = None,
    end: ToArgument = None,
    origin: FromOption = None,
    destination: ToOption = None,
    by: MetricOption = "km",
    max_weight: Annotated[
        float,
        typer.Option(
            "--max-weight", click_type=FiniteFloat(0.001, 1e6), help="Search risk weights from 0 to this."
        ),
    ] = 100.0,
    avoid: AvoidOption = None,
    factor_weight: FactorWeightOption = None,
    node_risk_km: NodeRiskOption = 100.0,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    over: OverOption = "risk-weight",
    value_of_time: ValueOfTimeOption = VOT_DEFAULT_PCT,
) -> None:
    """The risk weight at which the preferred corridor flips, with the ranking on either side.

    Each corridor's best risk-weighted cost is a piecewise-linear function of the risk weight,
    found exactly by parametric search; flips are where two of them cross. With --over
    cargo-value: the cargo value per container above which each land corridor beats each sea one.
    """
    with reporting():
        origin, destination = places(start, end, origin, destination)
        from corridors.analysis.breakeven import breakeven as find_breakeven
        from corridors.analysis.queries import route_request

        request = route_request(
            *load(data), origin, destination, as_of=as_of, risk_weight=1.0, factor_weight=factor_weight,
            node_risk_km=node_risk_km, avoid=avoid, via=None,
        )  # fmt: skip
        if over == "cargo-value":  # km, the option's default, says nothing about money: cost then
            view = cargo_value_view(request, "cost" if by == "km" else by, value_of_time, data)
            show(view, fmt, json_out, output)
            return
        with request.explained(per_corridor=True):
            result = find_breakeven(
                request.cgraph, request.start, request.end, metric=by, model=request.model,
                as_of=as_of, avoid=request.scenario.avoid, max_weight=max_weight,
            )  # fmt: skip
        query = request.query(by=by, max_weight=max_weight)
        query.pop("risk_weight")
        show(breakeven_view(request.network, result, {**query, "data": data}), fmt, json_out, output)


PROGRESS_MIN_JOURNEYS = 1_000_000  # below this a run takes well under a second: no bar


@app.command(
    epilog="""\b
Examples:
  corridors simulate --deadline 20
  corridors simulate --month 12 --deadline 30
  corridors simulate --to Istanbul --runs 1000000 --seed 7
  corridors simulate --json | jq '.corridors[] | {id, days}'
  corridors simulate --deadline 20 --chart distribution -o days.svg"""
)
def simulate(
    start: FromArgument = None,
    end: ToArgument = None,
    origin: FromOption = None,
    destination: ToOption = None,
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
    deadline: DeadlineOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    chart: ChartOption = None,
) -> None:
    """Door-to-door days as a distribution: Monte Carlo journeys on each corridor's fastest route.

    Border queues, port handling, ferry waits and seasonal closures vary around the
    deterministic time model, as the data's `delays` records say (see README).
    """
    with reporting():
        origin, destination = places(start, end, origin, destination)
        from corridors.analysis.scenario import resolve_node
        from corridors.analysis.simulation import check_options
        from corridors.analysis.simulation import simulate as run

        check_options(runs, seed, month, deadline)
        network, cgraph = load(data, delays=True)
        check_year(network, as_of)
        start, end = resolve_node(network, origin).id, resolve_node(network, destination).id
        if start == end:
            raise UsageError(f"origin and destination are the same place ({start})")
        with _progress(runs, len(network.corridors)) as advance:
            result = run(
                cgraph, start, end, runs=runs, seed=seed, month=month, deadline_days=deadline,
                as_of=as_of, progress=advance,
            )  # fmt: skip
        query = {"from": start, "to": end, "runs": runs, "seed": seed, "month": month}
        query.update({"deadline_days": deadline, "as_of": as_of, "data": data})
        show(simulate_view(network, result, query), fmt, json_out, output, chart)


def pareto_view(request: RouteRequest, names: list[str], routes: list[Route], query: dict[str, Any]) -> View:
    from corridors.render.charts_analysis import pareto_svg
    from corridors.render.exports import PATH_COLUMNS, path_rows
    from corridors.render.jsondoc import pareto_json
    from corridors.render.tables import pareto_text

    network = request.network
    return View(
        json=lambda: pareto_json(query, network, names, routes),
        table=lambda: pareto_text(network, request.start, request.end, names, routes),
        columns=PATH_COLUMNS,
        rows=lambda: path_rows(network, routes, request.scenario.as_of),
        charts={Chart.front: lambda: pareto_svg(network, names, routes)},
    )


def breakeven_view(network: Network, result: Breakeven, query: dict[str, Any]) -> View:
    from corridors.render.exports import BREAKEVEN_COLUMNS, breakeven_rows
    from corridors.render.jsondoc import breakeven_json
    from corridors.render.tables_analysis import breakeven_text

    return View(
        json=lambda: breakeven_json(query, network, result),
        table=lambda: breakeven_text(network, result),
        columns=BREAKEVEN_COLUMNS,
        rows=lambda: breakeven_rows(result.to_dict()["spans"]),
    )


def simulate_view(network: Network, result: Simulation, query: dict[str, Any]) -> View:
    from corridors.render.charts_analysis import simulation_svg
    from corridors.render.exports import SIMULATE_COLUMNS, simulate_rows
    from corridors.render.jsondoc import simulate_json
    from corridors.render.tables_analysis import simulate_text

    return View(
        json=lambda: simulate_json(query, network, result),
        table=lambda: simulate_text(network, result),
        columns=SIMULATE_COLUMNS,
        rows=lambda: simulate_rows(result.to_dict()["corridors"]),
        charts={Chart.distribution: lambda: simulation_svg(network, result)},
    )


@contextmanager
def _progress(runs: int, corridors: int) -> Iterator[Any]:
    """A progress bar on stderr for long runs on a terminal; otherwise a no-op callback.

    One bar for every corridor's journeys together, said so, counted with thousands separators,
    and the time left labelled as such.
    """
    journeys = runs * corridors
    if journeys < PROGRESS_MIN_JOURNEYS or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True, no_color="NO_COLOR" in os.environ)
    columns = (
        TextColumn(f"{corridors} corridors x {runs:,}"),
        BarColumn(bar_width=20),
        TextColumn("{task.completed:,.0f} of {task.total:,.0f} journeys, left:"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("journeys", total=journeys)
        yield lambda done: bar.advance(task, done)
