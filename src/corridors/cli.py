"""The command line: parse, call the core, render, map errors to exit codes.

Heavy modules (networkx, rich) are imported inside the commands that need them, so
`--help` and `--version` stay fast in shell loops.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from corridors import __version__
from corridors.errors import CorridorsError, UsageError

if TYPE_CHECKING:
    from corridors.graph import CorridorGraph
    from corridors.model import Network
    from corridors.routing import RiskModel

DEFAULT_ORIGIN = "xian"
DEFAULT_DESTINATION = "duisburg"
MAX_YEAR = 2100

app = typer.Typer(
    name="corridors",
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Criterion(str, Enum):
    km = "km"
    risk = "risk"


DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help="Network file to use instead of the bundled one (also $CORRIDORS_DATA).",
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document (see README) instead of tables.")
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
        "--by", help="Best route by plain km, or by risk-weighted km (km + risk weight x risk exposure)."
    ),
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
    from corridors.graph import CorridorGraph
    from corridors.loading import load_network

    network = load_network(data)
    return network, CorridorGraph.build(network)


def _risk_model(
    network: Network, risk_weight: float, factor_weights: list[str] | None, node_risk_km: float
) -> RiskModel:
    from types import MappingProxyType

    from corridors.routing import RiskModel

    weights: dict[str, float] = {}
    for item in factor_weights or []:
        factor, sep, value = item.partition("=")
        factor = factor.strip()
        if not sep:
            raise UsageError(f"--factor-weight takes FACTOR=W, got {item!r}")
        if factor not in network.risk_factors:
            known = ", ".join(network.risk_factors) or "none"
            raise UsageError(f"--factor-weight: unknown risk factor {factor!r}; the data has {known}")
        try:
            weight = float(value)
        except ValueError:
            raise UsageError(f"--factor-weight: {value!r} is not a number") from None
        if not 0 <= weight <= 1000:
            raise UsageError(f"--factor-weight: {factor} weight must be between 0 and 1000, got {value}")
        weights[factor] = weight
    return RiskModel(risk_weight, MappingProxyType(weights), node_risk_km)


def _check_year(network: Network, as_of: int | None) -> None:
    if as_of is not None and not network.as_of_year <= as_of <= MAX_YEAR:
        raise UsageError(
            f"--as-of must be a year from {network.as_of_year} (the data describes "
            f"{network.as_of}) to {MAX_YEAR}, got {as_of}"
        )


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _emit_tables(renderables: list[Any]) -> None:
    from corridors.tables import to_text

    tty = sys.stdout.isatty()
    color = tty and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((100, 24)).columns if tty else int(os.environ.get("COLUMNS", 100))
    _emit(to_text(renderables, color=color, width=max(40, width)))


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


@app.command(
    epilog="""\b
Examples:
  corridors path Aktau Moiynty
  corridors path Khorgos Istanbul --by risk --risk-weight 3
  corridors path Aktau Moiynty --as-of 2027 --json | jq .routes[0].totals
  corridors path Xian Duisburg --factor-weight sanctions=0"""
)
def path(
    origin: Annotated[str, typer.Argument(metavar="FROM", help="Start: node id, name or alias.")],
    destination: Annotated[str, typer.Argument(metavar="TO", help="End: node id, name or alias.")],
    by: ByOption = Criterion.km,
    risk_weight: RiskWeightOption = 1.0,
    factor_weight: FactorWeightOption = None,
    node_risk_km: NodeRiskOption = 100.0,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """Best route between two places, leg by leg: the shortest and the lowest-risk one.

    FROM and TO are node ids, names or aliases, in any case (`corridors nodes` lists them).
    """
    with _reporting():
        from corridors.routing import Scenario, find_routes, resolve_node

        network, cgraph = _load(data)
        _check_year(network, as_of)
        model = _risk_model(network, risk_weight, factor_weight, node_risk_km)
        start, end = resolve_node(network, origin).id, resolve_node(network, destination).id
        routes = find_routes(cgraph, start, end, by=by.value, model=model, scenario=Scenario(as_of=as_of))
        if json_out:
            from corridors.output import path_json, risk_query

            query = {
                "from": start,
                "to": end,
                "by": by.value,
                **risk_query(model),
                "as_of": as_of,
                "data": data,
            }
            _emit(path_json(query, network, routes))
        else:
            from corridors.tables import path_text

            _emit_tables(path_text(network, start, end, routes, model))


@app.command(
    epilog="""\b
Examples:
  corridors compare
  corridors compare --to Istanbul
  corridors compare --from Khorgos --to Constanta --as-of 2027
  corridors compare --by risk --risk-weight 2 --json | jq '.corridors[] | {id, totals}'"""
)
def compare(
    origin: Annotated[
        str, typer.Option("--from", metavar="PLACE", help="Shared origin (default: Xi'an).")
    ] = DEFAULT_ORIGIN,
    destination: Annotated[
        str, typer.Option("--to", metavar="PLACE", help="Shared destination (default: Duisburg).")
    ] = DEFAULT_DESTINATION,
    by: ByOption = Criterion.km,
    risk_weight: RiskWeightOption = 1.0,
    factor_weight: FactorWeightOption = None,
    node_risk_km: NodeRiskOption = 100.0,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """The corridors side by side for the same origin and destination."""
    with _reporting():
        from corridors.routing import compare_corridors, resolve_node

        network, cgraph = _load(data)
        _check_year(network, as_of)
        model = _risk_model(network, risk_weight, factor_weight, node_risk_km)
        start, end = resolve_node(network, origin).id, resolve_node(network, destination).id
        comparison = compare_corridors(cgraph, start, end, by=by.value, model=model, as_of=as_of)
        if json_out:
            from corridors.output import compare_json, risk_query

            query = {
                "from": start,
                "to": end,
                "by": by.value,
                **risk_query(model),
                "as_of": as_of,
                "data": data,
            }
            _emit(compare_json(query, network, comparison))
        else:
            from corridors.tables import compare_text

            _emit_tables(compare_text(network, comparison, by.value, as_of))


@app.command(
    epilog="""\b
Examples:
  corridors nodes
  corridors nodes --json | jq -r '.nodes[] | select(.country == "KZ") | .name'"""
)
def nodes(data: DataOption = None, json_out: JsonOption = False) -> None:
    """The places in the network, with country, kind and corridors."""
    with _reporting():
        from corridors.loading import load_network
        from corridors.output import node_corridors

        network = load_network(data)
        if json_out:
            from corridors.output import nodes_json
            from corridors.routing import RiskModel

            _emit(nodes_json({"data": data}, network, RiskModel()))
        else:
            from corridors.tables import nodes_text

            _emit_tables(nodes_text(network, node_corridors(network)))


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="corridors")
    except BrokenPipeError:
        # The reader (head, less) went away: not an error of ours. Silence the
        # interpreter's own flush at exit, which would fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
