"""`path` and `compare`: routes between two places."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Annotated

import typer

from corridors.analysis.valueoftime import VOT_DEFAULT_PCT
from corridors.cli.app import app
from corridors.cli.common import (
    check_year,
    choose_format,
    deliver,
    load,
    reporting,
    show,
)
from corridors.cli.options import (
    PLACE,
    AlternativesOption,
    AsOfOption,
    AvoidOption,
    BatchOption,
    ByOption,
    Chart,
    ChartOption,
    CorridorOption,
    DataOption,
    FactorWeightOption,
    Format,
    FormatOption,
    FromArgument,
    FromOption,
    JsonOption,
    NodeRiskOption,
    OutputOption,
    RiskWeightOption,
    SamplesOption,
    SeedOption,
    ToArgument,
    ToOption,
    UncertaintyOption,
    ValueOfTimeOption,
    ViaOption,
    places,
)
from corridors.cli.route_views import compare_spread, compare_view, compared, path_spread, path_view
from corridors.errors import UsageError

if TYPE_CHECKING:
    pass


@app.command(
    epilog="""\b
Examples:
  corridors path Aktau Moiynty
  corridors path Aktau Moiynty --via Almaty
  corridors path Khorgos Istanbul --avoid RU --alternatives 3
  corridors path Xian Duisburg --by hours --avoid ferry
  corridors path Aktau Moiynty --as-of 2027 --json | jq .routes[0].totals
  corridors path Xian Istanbul --format geojson -o route.geojson
  corridors path Xian Istanbul --by hours --chart tcd -o tcd.svg
  printf 'from,to\\nxian,duisburg\\naktau,baku\\n' | corridors path --batch -"""
)
def path(
    origin: Annotated[
        str | None,
        typer.Argument(metavar="FROM", help="Start: node id, name or alias.", click_type=PLACE),
    ] = None,
    destination: Annotated[
        str | None,
        typer.Argument(metavar="TO", help="End: node id, name or alias.", click_type=PLACE),
    ] = None,
    by: ByOption = "km",
    avoid: AvoidOption = None,
    via: ViaOption = None,
    alternatives: AlternativesOption = 0,
    risk_weight: RiskWeightOption = 1.0,
    factor_weight: FactorWeightOption = None,
    node_risk_km: NodeRiskOption = 100.0,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    chart: ChartOption = None,
    batch: BatchOption = None,
    uncertainty: UncertaintyOption = False,
    samples: SamplesOption = 2000,
    seed: SeedOption = 20_260_101,
) -> None:
    """Best route between two places, leg by leg: the best by --by, and its risk-weighted rival.

    FROM and TO are node ids, names or aliases, in any case (`corridors nodes` lists them).
    With --batch, FROM and TO come from the file instead; the exit code is 0 if every pair
    succeeded, else the code of the first pair that failed.
    """
    with reporting():
        if batch is not None:
            _batch_refuses(origin, destination, bool(avoid or via or alternatives), chart, fmt, json_out)
            _path_batch(batch, by, risk_weight, factor_weight, node_risk_km, as_of, data, output)
            return
        if origin is None or destination is None:
            raise UsageError(f"Missing argument '{'FROM' if origin is None else 'TO'}' (or use --batch FILE)")
        from corridors.analysis.queries import route_request
        from corridors.analysis.routing import find_routes

        request = route_request(
            *load(data), origin, destination, as_of=as_of, risk_weight=risk_weight,
            factor_weight=factor_weight, node_risk_km=node_risk_km, avoid=avoid, via=via,
        )  # fmt: skip
        with request.explained():
            routes = find_routes(
                request.cgraph, request.start, request.end, by=by, model=request.model,
                scenario=request.scenario, via=request.via, alternatives=alternatives,
            )  # fmt: skip
        query = {**request.query(by=by, alternatives=alternatives), "data": data}
        spread = path_spread(request, routes, samples, seed) if uncertainty else None
        if uncertainty:
            query.update(uncertainty=True, samples=samples, seed=seed)
        view = path_view(request, routes, query, alternatives=bool(alternatives), spread=spread)
        show(view, fmt, json_out, output, chart)


def _batch_refuses(
    origin: str | None,
    destination: str | None,
    narrowed: bool,
    chart: Chart | None,
    fmt: Format | None,
    json_out: bool,
) -> None:
    """What --batch does not take: FROM and TO, one query's options, a chart, a format but ndjson."""
    if chart is not None:
        raise UsageError("--chart draws one query's routes; it does not apply to --batch")
    if origin is not None or destination is not None:
        raise UsageError("--batch reads FROM and TO from the file; give no FROM or TO")
    if narrowed:
        raise UsageError("--avoid, --via and --alternatives do not apply to --batch")
    if fmt or json_out:
        choose_format(fmt, json_out, (Format.ndjson,))


def _path_batch(
    batch: str,
    by: str,
    risk_weight: float,
    factor_weight: list[str] | None,
    node_risk_km: float,
    as_of: int | None,
    data: str | None,
    output: str | None,
) -> None:
    from corridors.analysis.queries import risk_model
    from corridors.cli.batch import decoded_lines, read_batch, run_batch

    network, cgraph = load(data)
    check_year(network, as_of)
    model = risk_model(network, risk_weight, factor_weight, node_risk_km)
    failures: list[int] = []
    with _batch_lines(batch) as lines:
        queries = read_batch(decoded_lines(lines))
        results = run_batch(cgraph, queries, by=by, model=model, as_of=as_of, data=data)

        def chunks() -> Iterator[str]:
            for result in results:
                if result.exit_code and not failures:
                    failures.append(result.exit_code)
                yield result.text

        deliver(chunks(), output)
    if failures:
        raise typer.Exit(failures[0])


@contextmanager
def _batch_lines(batch: str) -> Iterator[IO[bytes]]:
    """The batch as bytes: decoded_lines decodes each line alone, so one bad line spoils only itself."""
    if batch == "-":
        yield sys.stdin.buffer
        return
    from corridors.network.reading import open_input, reason

    try:
        handle = open_input(batch)  # devices, FIFOs and directories refused before a read
    except OSError as err:
        raise UsageError(f"--batch: cannot read {batch}: {reason(err)}") from None
    with handle:
        yield handle


@app.command(
    epilog="""\b
Examples:
  corridors compare
  corridors compare --by hours
  corridors compare --to Istanbul --as-of 2030
  corridors compare --from Khorgos --to Constanta --avoid ferry
  corridors compare --from Chongqing --to Rotterdam --corridor middle --corridor sea-cape
  corridors compare --by risk --risk-weight 2 --json | jq '.corridors[] | {id, totals}'
  corridors compare --to Istanbul --format markdown
  corridors compare --format geojson -o corridors.geojson
  corridors compare --chart tcd -o tcd.svg"""
)
def compare(
    start: FromArgument = None,
    end: ToArgument = None,
    origin: FromOption = None,
    destination: ToOption = None,
    by: ByOption = "km",
    avoid: AvoidOption = None,
    via: ViaOption = None,
    corridor: CorridorOption = None,
    risk_weight: RiskWeightOption = 1.0,
    factor_weight: FactorWeightOption = None,
    node_risk_km: NodeRiskOption = 100.0,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    chart: ChartOption = None,
    value_of_time: ValueOfTimeOption = VOT_DEFAULT_PCT,
    uncertainty: UncertaintyOption = False,
    samples: SamplesOption = 2000,
    seed: SeedOption = 20_260_101,
) -> None:
    """The corridors side by side for the same origin and destination, and the verdict.

    The verdict says which corridor is best on days, cost, CO2e and risk, which is recommended
    at the risk weight and why, why a corridor has no route, and the cargo value above which
    each land corridor beats the sea once a day in transit costs --value-of-time % of it.
    """
    with reporting():
        origin, destination = places(start, end, origin, destination)
        from corridors.analysis.queries import route_request

        request = route_request(
            *load(data), origin, destination, as_of=as_of, risk_weight=risk_weight,
            factor_weight=factor_weight, node_risk_km=node_risk_km, avoid=avoid, via=via,
        )  # fmt: skip
        corridors, comparison = compared(request, corridor, by, as_of)
        query = {**request.query(by=by), "corridors": list(corridors), "data": data}
        query["value_of_time_pct_per_day"] = value_of_time
        spread = compare_spread(request, comparison, samples, seed) if uncertainty else None
        if spread is not None:
            query.update(uncertainty=True, samples=samples, seed=seed)
        show(compare_view(request, comparison, query, by, spread=spread), fmt, json_out, output, chart)
