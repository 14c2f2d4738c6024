"""`path` and `compare`: routes between two places."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from corridors.analysis.valueoftime import VOT_DEFAULT_PCT
from corridors.cli.app import app
from corridors.cli.common import (
    check_year,
    choose_format,
    deliver,
    geojson_text,
    load,
    reporting,
    tables_text,
)
from corridors.cli.options import (
    DEFAULT_DESTINATION,
    DEFAULT_ORIGIN,
    ROUTE_FORMATS,
    AsOfOption,
    AvoidOption,
    ByOption,
    CorridorOption,
    DataOption,
    FactorWeightOption,
    Format,
    FormatOption,
    FromOption,
    JsonOption,
    NodeRiskOption,
    OutputOption,
    RiskWeightOption,
    SamplesOption,
    SeedOption,
    ToOption,
    UncertaintyOption,
    ValueOfTimeOption,
    ViaOption,
    complete_node,
)
from corridors.errors import UsageError

if TYPE_CHECKING:
    from corridors.analysis.queries import RouteRequest


@app.command(
    epilog="""\b
Examples:
  corridors path Aktau Moiynty
  corridors path Aktau Moiynty --via Almaty
  corridors path Khorgos Istanbul --avoid RU --alternatives 3
  corridors path Xian Duisburg --by hours --avoid ferry
  corridors path Aktau Moiynty --as-of 2027 --json | jq .routes[0].totals
  corridors path Xian Istanbul --format geojson -o route.geojson
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
    alternatives: Annotated[
        int,
        typer.Option(
            "--alternatives",
            "-k",
            metavar="K",
            min=0,
            max=20,
            help="Show the K best loopless routes instead (Yen), distinct place sequences.",
        ),
    ] = 0,
    risk_weight: RiskWeightOption = 1.0,
    factor_weight: FactorWeightOption = None,
    node_risk_km: NodeRiskOption = 100.0,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
    batch: Annotated[
        str | None,
        typer.Option(
            "--batch",
            metavar="FILE",
            help="Route every pair in FILE (CSV with a from,to header, or JSON Lines; - for stdin): "
            "one NDJSON line each, in input order.",
        ),
    ] = None,
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
            if origin is not None or destination is not None:
                raise UsageError("--batch reads FROM and TO from the file; give no FROM or TO")
            if fmt or json_out:
                choose_format(fmt, json_out, (Format.ndjson,))
            if avoid or via or alternatives:
                raise UsageError("--avoid, --via and --alternatives do not apply to --batch")
            _path_batch(batch, by, risk_weight, factor_weight, node_risk_km, as_of, data, output)
            return
        if origin is None or destination is None:
            raise UsageError(f"Missing argument '{'FROM' if origin is None else 'TO'}' (or use --batch FILE)")
        chosen = choose_format(fmt, json_out, ROUTE_FORMATS)
        from corridors.analysis.queries import route_request
        from corridors.analysis.routing import find_routes

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
        with request.explained():
            routes = find_routes(
                request.cgraph,
                request.start,
                request.end,
                by=by,
                model=request.model,
                scenario=request.scenario,
                via=request.via,
                alternatives=alternatives,
            )
        query = {**request.query(by=by, alternatives=alternatives), "data": data}
        spread = None
        if uncertainty:
            query.update(uncertainty=True, samples=samples, seed=seed)
            labelled = [(f"route-{i}", route) for i, route in enumerate(routes, start=1)]
            spread = _sample(request, labelled, samples, seed)
        chunks = _path_chunks(
            chosen, request, routes, query, output, alternatives=bool(alternatives), spread=spread
        )
        deliver(chunks, output)


def _path_chunks(
    chosen: Format,
    request: RouteRequest,
    routes: Any,
    query: dict[str, Any],
    output: str | None,
    *,
    alternatives: bool,
    spread: Any = None,
) -> Iterable[str]:
    from corridors.render.jsondoc import path_json

    network = request.network
    if chosen is Format.json:
        extra = {"uncertainty": spread.to_dict()} if spread is not None else None
        return [path_json(query, network, routes, extra=extra)]
    if chosen is Format.geojson:
        from corridors.render.geojson import path_geojson

        return [geojson_text("path", query, network, path_geojson, routes)]
    if chosen is Format.table:
        from corridors.render.tables import path_text

        text = path_text(
            network, request.start, request.end, routes, request.model, alternatives=alternatives
        )
        if spread is not None:
            from corridors.render.tables_verdict import uncertainty_text

            labels = {f"route-{i}": f"Route {i} ({r.criterion})" for i, r in enumerate(routes, start=1)}
            text += uncertainty_text(labels, spread)
        return [tables_text(text, to_file=output is not None)]
    from corridors.render.exports import PATH_COLUMNS, path_rows, render_rows

    return render_rows(chosen.value, PATH_COLUMNS, path_rows(network, routes))


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
  corridors compare --format geojson -o corridors.render.geojson"""
)
def compare(
    origin: FromOption = DEFAULT_ORIGIN,
    destination: ToOption = DEFAULT_DESTINATION,
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
        chosen = choose_format(fmt, json_out, ROUTE_FORMATS)
        from corridors.analysis.queries import parse_corridors, route_request
        from corridors.analysis.routing import compare_corridors
        from corridors.render.jsondoc import compare_json

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
        query = {
            **request.query(by=by),
            "corridors": list(corridors),
            "value_of_time_pct_per_day": value_of_time,
            "data": data,
        }
        verdict, vot = _verdict(request, comparison, by, value_of_time)
        spread = _uncertainty(request, comparison, samples, seed) if uncertainty else None
        if spread is not None:
            query.update(uncertainty=True, samples=samples, seed=seed)
        chunks: Iterable[str]
        if chosen is Format.json:
            extra = {"verdict": verdict.to_dict(), "rail_against_sea": vot.to_dict()}
            extra.update({"uncertainty": spread.to_dict()} if spread is not None else {})
            chunks = [compare_json(query, network, comparison, extra)]
        elif chosen is Format.geojson:
            from corridors.render.geojson import compare_geojson

            chunks = [geojson_text("compare", query, network, compare_geojson, comparison)]
        elif chosen is Format.table:
            from corridors.analysis.valueoftime import sentences
            from corridors.render.tables import compare_text
            from corridors.render.tables_verdict import sentences_text

            short = {c.id: c.short_name for c in network.corridors}
            text = [
                *compare_text(network, comparison, by, as_of),
                *sentences_text("Verdict", verdict.sentences),
                *sentences_text("Rail against sea, with the value of time", sentences(vot, short)),
            ]
            if spread is not None:
                from corridors.render.tables_verdict import uncertainty_text

                text += uncertainty_text(short, spread)
            chunks = [tables_text(text, to_file=bool(output))]
        else:
            from corridors.render.exports import COMPARE_COLUMNS, compare_rows, render_rows

            chunks = render_rows(chosen.value, COMPARE_COLUMNS, compare_rows(comparison))
        deliver(chunks, output)


def _verdict(request: RouteRequest, comparison: Any, by: str, pct: float) -> tuple[Any, Any]:
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


def _uncertainty(request: RouteRequest, comparison: Any, samples: int, seed: int) -> Any:
    return _sample(
        request, [(c.id, c.route) for c in comparison.corridors if c.route is not None], samples, seed
    )


def _sample(request: RouteRequest, routes: list[Any], samples: int, seed: int) -> Any:
    """Every estimated input the routes use, sampled over its range (see analysis/uncertainty.py)."""
    from corridors.analysis.uncertainty import sample

    year = request.scenario.as_of or request.network.as_of_year
    return sample(routes, request.network, year, samples=samples, seed=seed)
