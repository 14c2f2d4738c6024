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
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from corridors import __version__
from corridors.errors import CorridorsError, UsageError

if TYPE_CHECKING:
    from corridors.graph import CorridorGraph
    from corridors.model import Network
    from corridors.routing import RiskModel, Scenario

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
    hours = "hours"
    cost = "cost"
    co2 = "co2"
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
    from dataclasses import replace

    from corridors.graph import CorridorGraph
    from corridors.loading import bundled_data_path, load_network

    network = load_network(data)
    if not network.parameters:
        bundled = load_network(bundled_data_path())
        network = replace(network, parameters=bundled.parameters, parameters_from="bundled")
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


@dataclass(frozen=True)
class _Request:
    """A route query after its places, options and scenario have been checked."""

    network: Network
    cgraph: CorridorGraph
    model: RiskModel
    scenario: Scenario
    start: str
    end: str
    via: tuple[str, ...]

    def query(self, **extra: Any) -> dict[str, Any]:
        from corridors.output import risk_query

        avoid = self.scenario.avoid
        return {
            "from": self.start,
            "to": self.end,
            **extra,
            "via": list(self.via),
            "avoid": sorted(avoid.nodes | avoid.countries | avoid.modes | avoid.corridors),
            **risk_query(self.model),
            "as_of": self.scenario.as_of,
        }

    @contextmanager
    def explained(self) -> Iterator[None]:
        """A NoRouteError under --avoid or --via becomes one naming what cut the network."""
        from corridors.errors import NoRouteError
        from corridors.routing import explain_no_route

        try:
            yield
        except NoRouteError:
            reason = explain_no_route(self.cgraph, self.start, self.end, self.scenario, self.via)
            if reason is None:
                raise
            raise reason from None


def _request(
    data: str | None,
    origin: str,
    destination: str,
    *,
    as_of: int | None,
    risk_weight: float,
    factor_weight: list[str] | None,
    node_risk_km: float,
    avoid: list[str] | None,
    via: list[str] | None,
) -> _Request:
    from corridors.routing import Scenario, parse_avoid, resolve_node

    network, cgraph = _load(data)
    _check_year(network, as_of)
    model = _risk_model(network, risk_weight, factor_weight, node_risk_km)
    start, end = resolve_node(network, origin).id, resolve_node(network, destination).id
    avoided = parse_avoid(network, avoid or [])
    if {start, end} & avoided.nodes:
        raise UsageError(
            f"--avoid names {' and '.join(sorted({start, end} & avoided.nodes))}, an end of the route"
        )
    ends = {network.nodes[start].country, network.nodes[end].country}
    if ends & avoided.countries:
        raise UsageError(
            f"--avoid {', '.join(sorted(ends & avoided.countries))}: the route starts or ends in that country"
        )
    waypoints = tuple(resolve_node(network, place).id for place in via or [])
    if set(waypoints) & avoided.nodes:
        raise UsageError(f"--via and --avoid both name {', '.join(sorted(set(waypoints) & avoided.nodes))}")
    return _Request(network, cgraph, model, Scenario(as_of=as_of, avoid=avoided), start, end, waypoints)


@app.command(
    epilog="""\b
Examples:
  corridors path Aktau Moiynty
  corridors path Aktau Moiynty --via Almaty
  corridors path Khorgos Istanbul --avoid RU --alternatives 3
  corridors path Xian Duisburg --by hours --avoid ferry
  corridors path Aktau Moiynty --as-of 2027 --json | jq .routes[0].totals"""
)
def path(
    origin: Annotated[str, typer.Argument(metavar="FROM", help="Start: node id, name or alias.")],
    destination: Annotated[str, typer.Argument(metavar="TO", help="End: node id, name or alias.")],
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
) -> None:
    """Best route between two places, leg by leg: the best by --by, and its risk-weighted rival.

    FROM and TO are node ids, names or aliases, in any case (`corridors nodes` lists them).
    """
    with _reporting():
        from corridors.routing import find_routes

        request = _request(
            data,
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
        if json_out:
            from corridors.output import path_json

            query = request.query(by=by.value, alternatives=alternatives)
            _emit(path_json({**query, "data": data}, request.network, routes))
        else:
            from corridors.tables import path_text

            _emit_tables(
                path_text(
                    request.network,
                    request.start,
                    request.end,
                    routes,
                    request.model,
                    alternatives=bool(alternatives),
                )
            )


@app.command(
    epilog="""\b
Examples:
  corridors compare
  corridors compare --by hours
  corridors compare --to Istanbul --as-of 2030
  corridors compare --from Khorgos --to Constanta --avoid ferry
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
    avoid: AvoidOption = None,
    via: ViaOption = None,
    risk_weight: RiskWeightOption = 1.0,
    factor_weight: FactorWeightOption = None,
    node_risk_km: NodeRiskOption = 100.0,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """The corridors side by side for the same origin and destination."""
    with _reporting():
        from corridors.routing import compare_corridors

        request = _request(
            data,
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
        if json_out:
            from corridors.output import compare_json

            query = request.query(by=by.value)
            _emit(compare_json({**query, "data": data}, request.network, comparison))
        else:
            from corridors.tables import compare_text

            _emit_tables(compare_text(request.network, comparison, by.value, as_of))


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
        from corridors.routing import Router

        request = _request(
            data,
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
    origin: Annotated[
        str, typer.Option("--from", metavar="PLACE", help="Shared origin (default: Xi'an).")
    ] = DEFAULT_ORIGIN,
    destination: Annotated[
        str, typer.Option("--to", metavar="PLACE", help="Shared destination (default: Duisburg).")
    ] = DEFAULT_DESTINATION,
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

        request = _request(
            data,
            origin,
            destination,
            as_of=as_of,
            risk_weight=1.0,
            factor_weight=factor_weight,
            node_risk_km=node_risk_km,
            avoid=avoid,
            via=None,
        )
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
