"""`path` and `compare`: routes between two places."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from corridors.cli.app import app
from corridors.cli.common import (
    View,
    check_year,
    choose_format,
    deliver,
    geojson_text,
    load,
    reporting,
    show,
)
from corridors.cli.options import (
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
    ToArgument,
    ToOption,
    ViaOption,
    complete_node,
    places,
)
from corridors.errors import UsageError

if TYPE_CHECKING:
    from corridors.analysis.queries import RouteRequest
    from corridors.analysis.results import Comparison
    from corridors.network.model import Network


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
        typer.Argument(metavar="FROM", help="Start: node id, name or alias.", autocompletion=complete_node),
    ] = None,
    destination: Annotated[
        str | None,
        typer.Argument(metavar="TO", help="End: node id, name or alias.", autocompletion=complete_node),
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
) -> None:
    """Best route between two places, leg by leg: the best by --by, and its risk-weighted rival.

    FROM and TO are node ids, names or aliases, in any case (`corridors nodes` lists them).
    With --batch, FROM and TO come from the file instead; the exit code is 0 if every pair
    succeeded, else the code of the first pair that failed.
    """
    with reporting():
        if batch is not None:
            if chart is not None:
                raise UsageError("--chart draws one query's routes; it does not apply to --batch")
            if origin is not None or destination is not None or avoid or via or alternatives:
                _batch_refuses(origin, destination)
            if fmt or json_out:
                choose_format(fmt, json_out, (Format.ndjson,))
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
        show(path_view(request, routes, query, alternatives=bool(alternatives)), fmt, json_out, output, chart)


def path_view(request: RouteRequest, routes: Any, query: dict[str, Any], *, alternatives: bool) -> View:
    from corridors.render.charts import path_chart
    from corridors.render.exports import PATH_COLUMNS, path_rows
    from corridors.render.geojson import path_geojson
    from corridors.render.jsondoc import path_json
    from corridors.render.tables import path_text

    network = request.network
    return View(
        json=lambda: path_json(query, network, routes),
        table=lambda: path_text(
            network, request.start, request.end, routes, request.model, alternatives=alternatives
        ),
        columns=PATH_COLUMNS,
        rows=lambda: path_rows(network, routes),
        geojson=lambda: geojson_text("path", query, network, path_geojson, routes),
        charts={Chart.tcd: lambda: path_chart(network, routes, query["as_of"], alternatives=alternatives)},
    )


def compare_view(network: Network, comparison: Comparison, query: dict[str, Any], by: str) -> View:
    from corridors.render.charts import compare_chart
    from corridors.render.exports import COMPARE_COLUMNS, compare_rows
    from corridors.render.geojson import compare_geojson
    from corridors.render.jsondoc import compare_json
    from corridors.render.tables import compare_text

    return View(
        json=lambda: compare_json(query, network, comparison),
        table=lambda: compare_text(network, comparison, by, query["as_of"]),
        columns=COMPARE_COLUMNS,
        rows=lambda: compare_rows(comparison),
        geojson=lambda: geojson_text("compare", query, network, compare_geojson, comparison),
        charts={Chart.tcd: lambda: compare_chart(network, comparison, by, query["as_of"])},
    )


def _batch_refuses(origin: str | None, destination: str | None) -> None:
    if origin is not None or destination is not None:
        raise UsageError("--batch reads FROM and TO from the file; give no FROM or TO")
    raise UsageError("--avoid, --via and --alternatives do not apply to --batch")


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
    from corridors.cli.batch import read_batch, run_batch

    network, cgraph = load(data)
    check_year(network, as_of)
    model = risk_model(network, risk_weight, factor_weight, node_risk_km)
    failures: list[int] = []
    with _batch_lines(batch) as lines:
        results = run_batch(cgraph, read_batch(lines), by=by, model=model, as_of=as_of, data=data)

        def chunks() -> Iterator[str]:
            for result in results:
                if result.exit_code and not failures:
                    failures.append(result.exit_code)
                yield result.text

        deliver(chunks(), output)
    if failures:
        raise typer.Exit(failures[0])


@contextmanager
def _batch_lines(batch: str) -> Iterator[Iterable[str]]:
    if batch == "-":
        yield sys.stdin
        return
    try:
        handle = Path(batch).open(encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed below)
    except OSError as err:
        raise UsageError(f"--batch: cannot read {batch}: {err.strerror or err}") from None
    with handle:
        try:
            yield handle
        except UnicodeDecodeError as err:
            raise UsageError(f"--batch: {batch} is not UTF-8 text (byte {err.start})") from None


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
) -> None:
    """The corridors side by side for the same origin and destination; says which cannot join them."""
    with reporting():
        origin, destination = places(start, end, origin, destination)
        from corridors.analysis.queries import parse_corridors, route_request
        from corridors.analysis.routing import compare_corridors

        request = route_request(
            *load(data),
            origin,
            destination,
            as_of=as_of,
            risk_weight=risk_weight,
            factor_weight=factor_weight,
            node_risk_km=node_risk_km,
            avoid=avoid,
            via=via,
        )
        network = request.network
        corridors = parse_corridors(network, corridor or [])
        with request.explained(corridors=corridors):
            comparison = compare_corridors(
                request.cgraph,
                request.start,
                request.end,
                by=by,
                model=request.model,
                as_of=as_of,
                avoid=request.scenario.avoid,
                via=request.via,
                corridors=corridors,
            )
        query = {**request.query(by=by), "corridors": list(corridors), "data": data}
        show(compare_view(network, comparison, query, by), fmt, json_out, output, chart)
