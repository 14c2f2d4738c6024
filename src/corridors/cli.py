"""The command line: parse, call the core, render, map errors to exit codes.

Heavy modules (networkx, rich) are imported inside the commands that need them, so
`--help` and `--version` stay fast in shell loops.
"""

from __future__ import annotations

import copy
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from typer.core import TyperGroup

from corridors import __version__
from corridors.errors import CorridorsError, UsageError

if TYPE_CHECKING:
    from corridors.graph import CorridorGraph
    from corridors.model import Network
    from corridors.queries import RouteRequest

DEFAULT_ORIGIN = "xian"
LARGE_NETWORK_EDGES = 20_000  # above this, _load exempts the network from garbage collection
DEFAULT_DESTINATION = "duisburg"


class _OneLineErrors(TyperGroup):
    """Click's usage errors as one line on stderr, like corridors' own errors."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as err:  # a bare `corridors`: the help, for people
            sys.stderr.write(err.format_message() + "\n")
            sys.exit(err.exit_code)
        except click.ClickException as err:
            hint = ""
            if isinstance(err, click.UsageError) and err.ctx is not None:
                hint = f" (see '{err.ctx.command_path} --help')"
            sys.stderr.write(f"corridors: error: {err.format_message()}{hint}\n")
            sys.exit(err.exit_code)
        except click.Abort:
            sys.stderr.write("corridors: aborted\n")
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    name="corridors",
    cls=_OneLineErrors,
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Criterion(str, Enum):
    km = "km"
    hours = "hours"
    cost = "cost"
    co2 = "co2"
    risk = "risk"


class Format(str, Enum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    geojson = "geojson"
    markdown = "markdown"


def _complete_node(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion for places: node ids, from --data or $CORRIDORS_DATA if given."""
    from corridors.loading import load_network
    from corridors.queries import complete_nodes

    try:
        network = load_network(ctx.params.get("data"))
    except CorridorsError:
        return []
    return complete_nodes(network, incomplete)


FromOption = Annotated[
    str,
    typer.Option(
        "--from", metavar="PLACE", help="Shared origin (default: Xi'an).", autocompletion=_complete_node
    ),
]
ToOption = Annotated[
    str,
    typer.Option(
        "--to", metavar="PLACE", help="Shared destination (default: Duisburg).", autocompletion=_complete_node
    ),
]
DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help="Network file to use instead of the bundled one (also $CORRIDORS_DATA).",
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document (see README); short for --format json.")
]
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format (see README: Exports); default table.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (replaced whole, never half-written) instead of stdout.",
    ),
]
AsOfOption = Annotated[
    int | None,
    typer.Option(
        "--as-of",
        metavar="YEAR",
        help="Scenario year: add lines under construction or planned that open by YEAR.",
    ),
]
ByOption = Annotated[
    Criterion,
    typer.Option(
        "--by",
        help="What the best route minimises: km, hours, cost (USD per FEU), co2 (kg CO2e per FEU), "
        "or risk (risk-weighted km). The risk weight applies on top of each.",
    ),
]
AvoidOption = Annotated[
    list[str] | None,
    typer.Option(
        "--avoid",
        metavar="WHAT",
        help="Keep off a place, a country (RU), a mode (ferry) or a corridor (northern); repeatable.",
    ),
]
ViaOption = Annotated[
    list[str] | None,
    typer.Option("--via", metavar="PLACE", help="Pass through PLACE; repeat for several, in order."),
]
RiskWeightOption = Annotated[
    float,
    typer.Option(
        "--risk-weight", min=0, max=1000, help="How much one km of full risk adds, in km (0 ignores risk)."
    ),
]
FactorWeightOption = Annotated[
    list[str] | None,
    typer.Option(
        "--factor-weight",
        metavar="FACTOR=W",
        help="Scale one risk factor (0 ignores it, 2 doubles it); repeatable. Factors: see README.",
    ),
]
NodeRiskOption = Annotated[
    float,
    typer.Option(
        "--node-risk-km",
        min=0,
        max=100000,
        help="km-equivalents of exposure a fully risky node (port, border) adds.",
    ),
]


@contextmanager
def _reporting() -> Iterator[None]:
    """The one place where corridors' errors become a line on stderr and an exit code."""
    try:
        yield
    except CorridorsError as err:
        sys.stderr.write(f"corridors: error: {err}\n")
        raise typer.Exit(int(err.exit_code)) from None


def _load(data: str | None) -> tuple[Network, CorridorGraph]:
    """Load the network and build its graph; a file without model parameters borrows the bundled ones."""
    import gc
    from dataclasses import replace

    from corridors.graph import CorridorGraph
    from corridors.loading import bundled_data_path, load_network

    network = load_network(data)
    if not network.parameters:
        bundled = load_network(bundled_data_path())
        network = replace(network, parameters=bundled.parameters, parameters_from="bundled")
    cgraph = CorridorGraph.build(network)
    if len(network.edges) > LARGE_NETWORK_EDGES:
        # The network lives until the command ends: keep the garbage collector from
        # walking its millions of objects again whenever a search allocates (a 100,000-
        # place route took twice as long). Small networks (and tests running many
        # commands in one process) leave the collector alone.
        gc.freeze()
    return network, cgraph


def _check_year(network: Network, as_of: int | None) -> None:
    from corridors.queries import check_year

    check_year(network, as_of)


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _format(fmt: Format | None, json_out: bool, allowed: Iterable[Format]) -> Format:
    """--json is short for --format json; asking for two different formats is a usage error."""
    if json_out and fmt not in (None, Format.json):
        raise UsageError(f"--json and --format {fmt.value} conflict; give one of them")
    chosen = Format.json if json_out else (fmt or Format.table)
    options = tuple(allowed)
    if chosen not in options:
        listed = ", ".join(option.value for option in options)
        raise UsageError(f"--format {chosen.value} is not available here; use one of {listed}")
    return chosen


def _deliver(chunks: Iterable[str], output: str | None) -> None:
    """Stream to stdout chunk by chunk, or write the file whole with -o."""
    if output:
        from corridors.files import write_atomic

        write_atomic(output, chunks)
        return
    for chunk in chunks:
        _emit(chunk)


def _tables_text(renderables: list[Any], *, to_file: bool = False) -> str:
    from corridors.tables import to_text

    tty = sys.stdout.isatty() and not to_file
    color = tty and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((100, 24)).columns if tty else int(os.environ.get("COLUMNS", 100))
    return to_text(renderables, color=color, width=max(40, width))


def _emit_tables(renderables: list[Any]) -> None:
    _emit(_tables_text(renderables))


def _geojson(command: str, query: dict[str, Any], network: Network, build: Any, *args: Any) -> str:
    from corridors.output import dumps_line, envelope

    return dumps_line(build(envelope(command, query, network), network, *args))


def _version(value: bool) -> None:
    if value:
        _emit(f"corridors {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Compare Eurasian freight corridors (Middle/Trans-Caspian and Northern) as a sourced graph.

    \b
    Examples:
      corridors compare
      corridors compare --to Istanbul --as-of 2027
      corridors path Aktau Moiynty
      corridors path Aktau Moiynty --json | jq .routes[0].totals
      corridors nodes --json | jq -r '.nodes[].id'
    """


ROUTE_FORMATS = tuple(Format)
LIST_FORMATS = (Format.table, Format.json, Format.ndjson, Format.csv, Format.markdown)


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
        typer.Argument(metavar="FROM", help="Start: node id, name or alias.", autocompletion=_complete_node),
    ] = None,
    destination: Annotated[
        str | None,
        typer.Argument(metavar="TO", help="End: node id, name or alias.", autocompletion=_complete_node),
    ] = None,
    by: ByOption = Criterion.km,
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
) -> None:
    """Best route between two places, leg by leg: the best by --by, and its risk-weighted rival.

    FROM and TO are node ids, names or aliases, in any case (`corridors nodes` lists them).
    With --batch, FROM and TO come from the file instead; the exit code is 0 if every pair
    succeeded, else the code of the first pair that failed.
    """
    with _reporting():
        if batch is not None:
            if origin is not None or destination is not None:
                raise UsageError("--batch reads FROM and TO from the file; give no FROM or TO")
            if fmt or json_out:
                _format(fmt, json_out, (Format.ndjson,))
            if avoid or via or alternatives:
                raise UsageError("--avoid, --via and --alternatives do not apply to --batch")
            _path_batch(batch, by, risk_weight, factor_weight, node_risk_km, as_of, data, output)
            return
        if origin is None or destination is None:
            raise UsageError(f"Missing argument '{'FROM' if origin is None else 'TO'}' (or use --batch FILE)")
        chosen = _format(fmt, json_out, ROUTE_FORMATS)
        from corridors.queries import route_request
        from corridors.routing import find_routes

        request = route_request(
            *_load(data),
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
                by=by.value,
                model=request.model,
                scenario=request.scenario,
                via=request.via,
                alternatives=alternatives,
            )
        query = {**request.query(by=by.value, alternatives=alternatives), "data": data}
        _deliver(
            _path_chunks(chosen, request, routes, query, output, alternatives=bool(alternatives)), output
        )


def _path_chunks(
    chosen: Format,
    request: RouteRequest,
    routes: Any,
    query: dict[str, Any],
    output: str | None,
    *,
    alternatives: bool,
) -> Iterable[str]:
    from corridors.output import path_json

    network = request.network
    if chosen is Format.json:
        return [path_json(query, network, routes)]
    if chosen is Format.geojson:
        from corridors.geojson import path_geojson

        return [_geojson("path", query, network, path_geojson, routes)]
    if chosen is Format.table:
        from corridors.tables import path_text

        text = path_text(
            network, request.start, request.end, routes, request.model, alternatives=alternatives
        )
        return [_tables_text(text, to_file=output is not None)]
    from corridors.exports import PATH_COLUMNS, path_rows, render_rows

    return render_rows(chosen.value, PATH_COLUMNS, path_rows(network, routes))


def _path_batch(
    batch: str,
    by: Criterion,
    risk_weight: float,
    factor_weight: list[str] | None,
    node_risk_km: float,
    as_of: int | None,
    data: str | None,
    output: str | None,
) -> None:
    from corridors.batch import read_batch, run_batch
    from corridors.queries import risk_model

    network, cgraph = _load(data)
    _check_year(network, as_of)
    model = risk_model(network, risk_weight, factor_weight, node_risk_km)
    failures: list[int] = []
    with _batch_lines(batch) as lines:
        results = run_batch(cgraph, read_batch(lines), by=by.value, model=model, as_of=as_of, data=data)

        def chunks() -> Iterator[str]:
            for result in results:
                if result.exit_code and not failures:
                    failures.append(result.exit_code)
                yield result.text

        _deliver(chunks(), output)
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
  corridors compare --by risk --risk-weight 2 --json | jq '.corridors[] | {id, totals}'
  corridors compare --to Istanbul --format markdown
  corridors compare --format geojson -o corridors.geojson"""
)
def compare(
    origin: FromOption = DEFAULT_ORIGIN,
    destination: ToOption = DEFAULT_DESTINATION,
    by: ByOption = Criterion.km,
    avoid: AvoidOption = None,
    via: ViaOption = None,
    risk_weight: RiskWeightOption = 1.0,
    factor_weight: FactorWeightOption = None,
    node_risk_km: NodeRiskOption = 100.0,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The corridors side by side for the same origin and destination."""
    with _reporting():
        chosen = _format(fmt, json_out, ROUTE_FORMATS)
        from corridors.output import compare_json
        from corridors.queries import route_request
        from corridors.routing import compare_corridors

        request = route_request(
            *_load(data),
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
        with request.explained(per_corridor=True):
            comparison = compare_corridors(
                request.cgraph,
                request.start,
                request.end,
                by=by.value,
                model=request.model,
                as_of=as_of,
                avoid=request.scenario.avoid,
                via=request.via,
            )
        query = {**request.query(by=by.value), "data": data}
        chunks: Iterable[str]
        if chosen is Format.json:
            chunks = [compare_json(query, network, comparison)]
        elif chosen is Format.geojson:
            from corridors.geojson import compare_geojson

            chunks = [_geojson("compare", query, network, compare_geojson, comparison)]
        elif chosen is Format.table:
            from corridors.tables import compare_text

            chunks = [_tables_text(compare_text(network, comparison, by.value, as_of), to_file=bool(output))]
        else:
            from corridors.exports import COMPARE_COLUMNS, compare_rows, render_rows

            chunks = render_rows(chosen.value, COMPARE_COLUMNS, compare_rows(comparison))
        _deliver(chunks, output)


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
    criteria: Annotated[
        str,
        typer.Option(
            "--criteria",
            metavar="LIST",
            help="Comma-separated, from km, hours, cost, co2, risk (risk exposure in km).",
        ),
    ] = "km,hours,cost,risk",
    avoid: AvoidOption = None,
    risk_weight: RiskWeightOption = 1.0,
    factor_weight: FactorWeightOption = None,
    node_risk_km: NodeRiskOption = 100.0,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """Every route no other route beats on all criteria at once (the exact Pareto front)."""
    with _reporting():
        from corridors.pareto import pareto_routes
        from corridors.queries import route_request
        from corridors.routing import Router

        request = route_request(
            *_load(data),
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
            from corridors.output import pareto_json

            query = request.query(criteria=names)
            _emit(pareto_json({**query, "data": data}, request.network, names, routes))
        else:
            from corridors.tables import pareto_text

            _emit_tables(pareto_text(request.network, request.start, request.end, names, routes))


class Metric(str, Enum):
    km = "km"
    hours = "hours"
    cost = "cost"
    co2 = "co2"


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
    by: Annotated[Metric, typer.Option("--by", help="The metric the risk weight is added to.")] = Metric.km,
    max_weight: Annotated[
        float, typer.Option("--max-weight", min=0.001, max=1e6, help="Search risk weights from 0 to this.")
    ] = 100.0,
    avoid: AvoidOption = None,
    factor_weight: FactorWeightOption = None,
    node_risk_km: NodeRiskOption = 100.0,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """The risk weight at which the preferred corridor flips, with the ranking on either side.

    Each corridor's best risk-weighted cost is a piecewise-linear function of the risk weight,
    found exactly by parametric search; flips are where two of them cross.
    """
    with _reporting():
        from corridors.breakeven import breakeven as find_breakeven
        from corridors.queries import route_request

        request = route_request(
            *_load(data),
            origin,
            destination,
            as_of=as_of,
            risk_weight=1.0,
            factor_weight=factor_weight,
            node_risk_km=node_risk_km,
            avoid=avoid,
            via=None,
        )
        with request.explained(per_corridor=True):
            result = find_breakeven(
                request.cgraph,
                request.start,
                request.end,
                metric=by.value,
                model=request.model,
                as_of=as_of,
                avoid=request.scenario.avoid,
                max_weight=max_weight,
            )
        if json_out:
            from corridors.output import breakeven_json

            query = request.query(by=by.value, max_weight=max_weight)
            query.pop("risk_weight")
            _emit(breakeven_json({**query, "data": data}, request.network, result))
        else:
            from corridors.tables import breakeven_text

            _emit_tables(breakeven_text(request.network, result))


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
    with _reporting():
        from corridors.routing import resolve_node
        from corridors.simulation import check_options
        from corridors.simulation import simulate as run

        check_options(runs, seed, month, deadline)
        network, cgraph = _load_with_delays(data)
        _check_year(network, as_of)
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
            from corridors.output import simulate_json

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
            _emit(simulate_json(query, network, result))
        else:
            from corridors.tables import simulate_text

            _emit_tables(simulate_text(network, result))


def _load_with_delays(data: str | None) -> tuple[Network, CorridorGraph]:
    """As `_load`; a file without delay records borrows the bundled ones too."""
    from dataclasses import replace

    from corridors.graph import CorridorGraph
    from corridors.loading import bundled_data_path, load_network

    network, cgraph = _load(data)
    if network.delays:
        return network, cgraph
    network = replace(network, delays=load_network(bundled_data_path()).delays)
    return network, CorridorGraph.build(network)


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


@app.command(
    epilog="""\b
Examples:
  corridors nodes
  corridors nodes --json | jq -r '.nodes[] | select(.country == "KZ") | .name'
  corridors nodes --format csv -o nodes.csv
  corridors nodes --format geojson -o nodes.geojson"""
)
def nodes(
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The places in the network, with country, kind and corridors."""
    with _reporting():
        chosen = _format(fmt, json_out, ROUTE_FORMATS)
        from corridors.loading import load_network
        from corridors.output import node_corridors, node_dicts, nodes_json
        from corridors.routing import RiskModel

        network = load_network(data)
        query = {"data": data}
        chunks: Iterable[str]
        if chosen is Format.json:
            chunks = [nodes_json(query, network, RiskModel())]
        elif chosen is Format.geojson:
            from corridors.geojson import nodes_geojson

            chunks = [_geojson("nodes", query, network, nodes_geojson, node_dicts(network, RiskModel()))]
        elif chosen is Format.table:
            from corridors.tables import nodes_text

            chunks = [_tables_text(nodes_text(network, node_corridors(network)), to_file=bool(output))]
        else:
            from corridors.exports import NODE_COLUMNS, node_rows, render_rows

            chunks = render_rows(chosen.value, NODE_COLUMNS, node_rows(node_dicts(network, RiskModel())))
        _deliver(chunks, output)


@app.command(
    epilog="""\b
Examples:
  corridors edges
  corridors edges --json | jq '.edges[] | select(.status != "operational") | {id, opens}'
  corridors edges --format csv -o edges.csv
  corridors edges --format geojson -o network.geojson"""
)
def edges(
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The lines of the network: km and how it is known, status, opening year, corridors, sources."""
    with _reporting():
        chosen = _format(fmt, json_out, ROUTE_FORMATS)
        from corridors.loading import load_network
        from corridors.output import edge_dicts, edges_json
        from corridors.routing import RiskModel

        network = load_network(data)
        entries = edge_dicts(network, RiskModel())
        query = {"data": data}
        chunks: Iterable[str]
        if chosen is Format.json:
            chunks = [edges_json(query, network, RiskModel())]
        elif chosen is Format.geojson:
            from corridors.geojson import edges_geojson

            chunks = [_geojson("edges", query, network, edges_geojson, entries)]
        elif chosen is Format.table:
            from corridors.tables import edges_text

            chunks = [_tables_text(edges_text(entries), to_file=bool(output))]
        else:
            from corridors.exports import EDGE_COLUMNS, edge_rows, render_rows

            chunks = render_rows(chosen.value, EDGE_COLUMNS, edge_rows(entries))
        _deliver(chunks, output)


@app.command(
    epilog="""\b
Examples:
  corridors sources
  corridors sources --json | jq -r '.sources[] | "\\(.id)\\t\\(.url)"'
  corridors sources --format markdown"""
)
def sources(
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The bibliography: every source the data cites, with title, publisher, year and URL."""
    with _reporting():
        chosen = _format(fmt, json_out, LIST_FORMATS)
        from corridors.loading import load_network
        from corridors.output import source_dict, sources_json

        network = load_network(data)
        entries = [source_dict(source) for source in network.sources.values()]
        chunks: Iterable[str]
        if chosen is Format.json:
            chunks = [sources_json({"data": data}, network)]
        elif chosen is Format.table:
            from corridors.tables import sources_text

            chunks = [_tables_text(sources_text(entries), to_file=bool(output))]
        else:
            from corridors.exports import SOURCE_COLUMNS, render_rows, source_rows

            chunks = render_rows(chosen.value, SOURCE_COLUMNS, source_rows(entries))
        _deliver(chunks, output)


@app.command(
    epilog="""\b
Examples:
  corridors show Aktau
  corridors show "Malaszewicze"
  corridors show aktau --json | jq '.neighbours[] | {node, km, mode}'"""
)
def show(
    place: Annotated[
        str, typer.Argument(metavar="NODE", help="Node id, name or alias.", autocompletion=_complete_node)
    ],
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """One place: its record, its neighbours (edge km and mode) and the sources behind it."""
    with _reporting():
        from corridors.loading import load_network
        from corridors.output import show_dict, show_json
        from corridors.routing import RiskModel, resolve_node

        network = load_network(data)
        ident = resolve_node(network, place).id
        if json_out:
            _emit(show_json({"node": ident, "data": data}, network, RiskModel(), ident))
        else:
            from corridors.tables import show_text

            _emit_tables(show_text(show_dict(network, RiskModel(), ident)))


@app.command(
    epilog="""\b
Examples:
  corridors validate examples/minimal-network.json
  corridors validate my-network.json --json | jq -r '.problems[] | "\\(.place): \\(.message)"'
  corridors validate my-network.json && corridors compare --data my-network.json"""
)
def validate(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Network file to check.")],
    json_out: JsonOption = False,
) -> None:
    """Check a network file: every problem with its place on stdout, exit code 3 if there is any.

    Checks the JSON Schema's rules (`corridors schema`) and what a schema cannot: ids unique,
    references that resolve, km not below the great-circle distance between an edge's ends.
    """
    with _reporting():
        from corridors.errors import DataError, ExitCode
        from corridors.loading import load_network

        try:
            network = load_network(Path(file))
        except DataError as err:
            problems = list(err.problems)
        else:
            problems = []
        if json_out:
            from corridors.output import validate_json

            _emit(validate_json({"file": file}, problems))
        elif problems:
            _emit("".join(f"{problem}\n" for problem in problems))
        else:
            counts = ", ".join(
                f"{count} {noun}{'' if count == 1 else 's'}"
                for count, noun in (
                    (len(network.nodes), "node"),
                    (len(network.edges), "edge"),
                    (len(network.sources), "source"),
                    (len(network.corridors), "corridor"),
                )
            )
            _emit(f"{file}: valid ({counts})\n")
        if problems:
            noun = "problem" if len(problems) == 1 else "problems"
            sys.stderr.write(f"corridors: error: {file}: {len(problems)} {noun}\n")
            raise typer.Exit(int(ExitCode.DATA))


@app.command(
    epilog="""\b
Examples:
  corridors schema > routes.schema.json
  corridors schema | jq '.properties | keys'"""
)
def schema(output: OutputOption = None) -> None:
    """Print the JSON Schema of network files (the format --data and validate read)."""
    with _reporting():
        from importlib import resources

        text = (resources.files("corridors") / "routes.schema.json").read_text(encoding="utf-8")
        _deliver([text if text.endswith("\n") else text + "\n"], output)


class Region(str, Enum):
    kazakhstan = "kazakhstan"
    caspian = "caspian"
    europe = "europe"
    eurasia = "eurasia"


class MapFormat(str, Enum):
    svg = "svg"
    png = "png"


@app.command(
    "map",
    epilog="""\b
Examples:
  corridors map -o network.svg
  corridors map --from Xian --to Istanbul -o route.svg
  corridors map --from Xian --to Duisburg --compare -o compare.svg
  corridors map --from Aktau --to Moiynty --as-of 2027 > route.svg
  corridors map --region kazakhstan --as-of 2027 -o kazakhstan.svg
  corridors map --bbox 40,35,65,50 --width 800 -f png -o caspian.png""",
)
def map_(
    origin: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="PLACE", help="Highlight a route from here.", autocompletion=_complete_node
        ),
    ] = None,
    destination: Annotated[
        str | None,
        typer.Option("--to", metavar="PLACE", help="...to here.", autocompletion=_complete_node),
    ] = None,
    compare_routes: Annotated[
        bool, typer.Option("--compare", help="Highlight each corridor's best route instead of one route.")
    ] = False,
    by: ByOption = Criterion.km,
    as_of: AsOfOption = None,
    region: Annotated[
        Region | None,
        typer.Option("--region", help="A named view (default: fit what is shown).", show_default=False),
    ] = None,
    bbox: Annotated[
        str | None,
        typer.Option("--bbox", metavar="W,S,E,N", help="The view as a box in degrees (instead of --region)."),
    ] = None,
    width: Annotated[int, typer.Option("--width", min=300, max=8000, help="Width in pixels.")] = 1200,
    height: Annotated[
        int | None,
        typer.Option("--height", min=200, max=8000, help="Height in pixels (default: from the view)."),
    ] = None,
    map_format: Annotated[
        MapFormat,
        typer.Option(
            "--format",
            "-f",
            help="svg, or png (at 2x pixel density) through the installed Chromium, offline.",
        ),
    ] = MapFormat.svg,
    data: DataOption = None,
    output: OutputOption = None,
) -> None:
    """A map on real land and borders: the network, a route (--from/--to) or a comparison (--compare).

    Lines are coloured and dashed by corridor (shared track shows one line per corridor),
    hollow where not open (in the --as-of year), dotted for ferries and sea; they follow
    the track where the data has it and run straight otherwise. The route is highlighted.
    """
    with _reporting():
        from corridors.svgmap import REGIONS, parse_bbox, render_svg

        network, cgraph = _load(data)
        _check_year(network, as_of)
        if (origin is None) != (destination is None):
            raise UsageError("give both --from and --to, or neither")
        if compare_routes and origin is None:
            raise UsageError("--compare needs --from and --to")
        if region is not None and bbox is not None:
            raise UsageError("give --region or --bbox, not both")
        view = REGIONS[region.value] if region is not None else None
        if bbox is not None:
            try:
                view = parse_bbox(bbox)
            except ValueError as error:
                raise UsageError(f"--bbox: {error}") from None
        where = region.value.capitalize() if region is not None else "the network"
        title, highlights = f"Freight corridors: {where}", list[Any]()
        if origin is not None and destination is not None:
            title, highlights = _map_routes(cgraph, origin, destination, by, as_of, compare_routes)
        when = f"lines open by {as_of}" if as_of else "lines open today"
        subtitle = f"{when}; data as of {network.as_of}"
        svg = render_svg(
            network,
            title=title,
            highlights=highlights,
            subtitle=subtitle,
            as_of=as_of,
            bbox=view,
            width=width,
            height=height,
        )
        if map_format is MapFormat.svg:
            _deliver([svg], output)
            return
        from corridors.browser import svg_to_png, write_bytes_atomic

        png = svg_to_png(svg)
        if output:
            write_bytes_atomic(output, png)
        else:
            sys.stdout.buffer.write(png)
            sys.stdout.flush()


def _map_routes(
    cgraph: CorridorGraph, origin: str, destination: str, by: Criterion, as_of: int | None, compare: bool
) -> tuple[str, list[Any]]:
    from corridors.routing import Scenario, best_route, compare_corridors, resolve_node
    from corridors.svgmap import HIGHLIGHT, PALETTE, Highlight

    network = cgraph.network
    start, end = resolve_node(network, origin), resolve_node(network, destination)
    from corridors.results import CRITERION_LABEL

    label = CRITERION_LABEL["risk" if by is Criterion.risk else by.value]
    if not compare:
        route = best_route(cgraph, start.id, end.id, by=by.value, scenario=Scenario(as_of=as_of))
        text = f"{start.name} → {end.name}: {route.totals.km:,.0f} km, {label}"
        return f"{start.name} → {end.name}", [Highlight(route.nodes, HIGHLIGHT, text)]
    comparison = compare_corridors(cgraph, start.id, end.id, by=by.value, as_of=as_of)
    highlights = []
    for index, corridor in enumerate(comparison.corridors):
        if corridor.route is not None:
            text = f"{corridor.name}: {corridor.route.totals.km:,.0f} km"
            highlights.append(Highlight(corridor.route.nodes, PALETTE[index % len(PALETTE)], text))
    return f"{start.name} → {end.name}: corridors compared ({label})", highlights


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@app.command(
    epilog="""\b
Examples:
  corridors completion bash > ~/.local/share/bash-completion/completions/corridors
  corridors completion zsh > ~/.zfunc/_corridors
  corridors completion fish > ~/.config/fish/completions/corridors.fish"""
)
def completion(shell: Annotated[Shell, typer.Argument(help="The shell to print a script for.")]) -> None:
    """Print the shell completion script (commands, options, and place names for FROM/TO)."""
    from click.shell_completion import get_completion_class

    completer = get_completion_class(shell.value)
    assert completer is not None  # typer registers bash, zsh and fish
    root = click.get_current_context().find_root()
    _emit(completer(root.command, {}, "corridors", "_CORRIDORS_COMPLETE").source().rstrip("\n") + "\n")


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command `args` names, when it names one (none for --version).

    Typer turns every command's signature into click parameters before parsing; a run
    needs only its own command, which saves a tenth of `corridors path`'s own time. Help,
    errors and completion that need the whole app (no command, an unknown one, a
    completion request) get the whole app.
    """
    chosen: list[Any]
    if "_CORRIDORS_COMPLETE" in os.environ:
        return app
    if args == ["--version"]:  # the root callback prints it; no command is needed
        chosen = []
    elif not args or args[0].startswith("-"):
        return app
    else:
        chosen = [
            info
            for info in app.registered_commands
            if (info.name or typer.main.get_command_name(info.callback.__name__)) == args[0]  # type: ignore[union-attr]
        ]
        if not chosen:
            return app
    lean = copy.copy(app)
    lean.registered_commands = chosen
    return lean


def main() -> None:
    """Console-script entry point."""
    try:
        _app_for(sys.argv[1:])(prog_name="corridors")
    except BrokenPipeError:
        # The reader (head, less) went away: not an error of ours. Silence the
        # interpreter's own flush at exit, which would fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
