"""Options shared by the commands: one definition each, so a name means the same everywhere."""

from __future__ import annotations

import math
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer

from corridors.analysis.criteria import BY_CHOICES, NAMES, PARETO_DEFAULT, PARETO_NAMES, choices_help
from corridors.errors import CorridorsError, UsageError

if TYPE_CHECKING:
    from corridors.network.model import Network


DEFAULT_ORIGIN = "xian"


DEFAULT_DESTINATION = "duisburg"


class Format(str, Enum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    geojson = "geojson"
    markdown = "markdown"


ROUTE_FORMATS = tuple(Format)


class Chart(str, Enum):
    """The SVG charts; each command draws the ones about its answer."""

    tcd = "tcd"  # compare, path: time/cost-distance (UNESCAP), days and USD panels
    distribution = "distribution"  # simulate: door-to-door days per corridor
    front = "front"  # pareto: days against cost
    tornado = "tornado"  # sensitivity: each input's swing of the difference


LIST_FORMATS = (Format.table, Format.json, Format.ndjson, Format.csv, Format.markdown)


def _network_for(ctx: click.Context) -> Network | None:
    from corridors.network.loading import load_network

    try:
        return load_network(ctx.params.get("data"))
    except CorridorsError:
        return None


class PlaceType(click.ParamType):
    """A place: any text, completed in the shell from the network's ids, names and aliases in any
    case (typer's own completion hook keeps only values that start with what was typed, case and all)."""

    name = "text"

    def shell_complete(
        self,
        ctx: click.Context,
        param: click.Parameter,  # noqa: ARG002 (click passes it)
        incomplete: str,
    ) -> list[Any]:
        from click.shell_completion import CompletionItem

        network = _network_for(ctx)
        found = self.candidates(network, incomplete) if network is not None else []
        return [CompletionItem(value, help=label) for value, label in found]

    def candidates(self, network: Any, incomplete: str) -> list[tuple[str, str]]:
        """(value, label) pairs that complete `incomplete`: place ids and their names."""
        from corridors.analysis.queries import complete_nodes

        return list(complete_nodes(network, incomplete))


class AvoidType(PlaceType):
    """What --avoid takes: modes, corridors, countries and places are completed, never file names."""

    def candidates(self, network: Any, incomplete: str) -> list[tuple[str, str]]:
        from corridors.analysis.queries import complete_avoid

        return list(complete_avoid(network, incomplete))


PLACE = PlaceType()


FromOption = Annotated[
    str | None,
    typer.Option("--from", metavar="PLACE", help="Shared origin (default: Xi'an).", click_type=PLACE),
]


ToOption = Annotated[
    str | None,
    typer.Option("--to", metavar="PLACE", help="Shared destination (default: Duisburg).", click_type=PLACE),
]


FromArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[FROM]",
        help="Origin, as --from (default: Xi'an).",
        click_type=PLACE,
        show_default=False,
    ),
]
ToArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[TO]",
        help="Destination, as --to (default: Duisburg).",
        click_type=PLACE,
        show_default=False,
    ),
]


def places(
    start: str | None, end: str | None, start_option: str | None, end_option: str | None
) -> tuple[str, str]:
    """FROM and TO given as arguments or as --from/--to (not both ways), else Xi'an and Duisburg."""
    if start is not None and start_option is not None:
        raise UsageError("give the origin as FROM or as --from, not both")
    if end is not None and end_option is not None:
        raise UsageError("give the destination as TO or as --to, not both")
    return start or start_option or DEFAULT_ORIGIN, end or end_option or DEFAULT_DESTINATION


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
        case_sensitive=False,
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


ChartOption = Annotated[
    Chart | None,
    typer.Option(
        "--chart",
        case_sensitive=False,
        help="Draw an SVG chart instead of the table, on stdout or to -o FILE: tcd (time/cost-distance; "
        "compare, path), distribution (simulate), front (pareto), tornado (sensitivity).",
        show_default=False,
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
    str,
    typer.Option(
        "--by",
        click_type=click.Choice(BY_CHOICES, case_sensitive=False),
        help=f"What the best route minimises: {choices_help(NAMES)}, or risk (km plus --risk-weight "
        "times the km at risk). --risk-weight changes the route only with risk; path also shows the "
        "rival that adds it to any criterion, and breakeven varies it.",
    ),
]
MetricOption = Annotated[
    str,
    typer.Option(
        "--by",
        click_type=click.Choice(NAMES, case_sensitive=False),
        help=f"The amount the risk weight is added to: {choices_help(NAMES)}.",
    ),
]
CriteriaOption = Annotated[
    str,
    typer.Option(
        "--criteria",
        metavar="LIST",
        help=f"Comma-separated, from {choices_help(PARETO_NAMES)} (risk exposure in km).",
    ),
]
PARETO_DEFAULT_TEXT = ",".join(PARETO_DEFAULT)


AvoidOption = Annotated[
    list[str] | None,
    typer.Option(
        "--avoid",
        metavar="WHAT",
        click_type=AvoidType(),
        help="Keep off a place, a country (RU or Russia), a corridor (northern) or a mode: rail, road, "
        "ferry (the Caspian and Black Sea ferries), sea (ocean shipping), water (ferry and sea); "
        "repeatable.",
    ),
]


ViaOption = Annotated[
    list[str] | None,
    typer.Option(
        "--via", metavar="PLACE", click_type=PLACE, help="Pass through PLACE; repeat for several, in order."
    ),
]
CorridorOption = Annotated[
    list[str] | None,
    typer.Option(
        "--corridor",
        metavar="ID",
        help="Compare only this corridor (middle, sea-suez, ...); repeatable. Default: every corridor.",
    ),
]


class FiniteFloat(click.FloatRange):
    """A number option: nan and inf are refused with every range check (nan passes a range)."""

    name = "number"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> float:
        number = float(super().convert(value, param, ctx))
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


DeadlineOption = Annotated[
    float | None,
    typer.Option(
        "--deadline",
        metavar="DAYS",
        click_type=FiniteFloat(0),
        help="Also give the share of journeys within DAYS.",
    ),
]


RiskWeightOption = Annotated[
    float,
    typer.Option(
        "--risk-weight",
        click_type=FiniteFloat(0, 1000),
        help="How much one km of full risk adds, in km (0 ignores risk).",
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
        click_type=FiniteFloat(0, 100000),
        help="km-equivalents of exposure a fully risky node (port, border) adds.",
    ),
]


AlternativesOption = Annotated[
    int,
    typer.Option(
        "--alternatives",
        "-k",
        metavar="K",
        min=0,
        max=20,
        help="Show the K best loopless routes instead (Yen), distinct place sequences.",
    ),
]
BatchOption = Annotated[
    str | None,
    typer.Option(
        "--batch",
        metavar="FILE",
        help="Route every pair in FILE (CSV with a from,to header, or JSON Lines; - for stdin): "
        "one NDJSON line each, in input order.",
    ),
]
OverOption = Annotated[
    str,
    typer.Option(
        "--over",
        click_type=click.Choice(["risk-weight", "cargo-value"], case_sensitive=False),
        help="What varies: the risk weight, or the cargo's value per container (rail against sea "
        "once a day in transit costs --value-of-time % of it; routes best by --by, default cost).",
    ),
]
ValueOfTimeOption = Annotated[
    float,
    typer.Option(
        "--value-of-time",
        metavar="PCT",
        click_type=FiniteFloat(0.01, 100),
        help="What a day in transit costs, in % of the cargo's value (default: 1.35, the midpoint of "
        "Hummels & Schaur 2013's 0.6-2.1%).",
    ),
]


UncertaintyOption = Annotated[
    bool,
    typer.Option(
        "--uncertainty",
        help="Also sample every estimated input over its range: P5/P50/P95 and the chance each is best.",
    ),
]
SamplesOption = Annotated[
    int, typer.Option("--samples", min=10, max=1_000_000, help="Samples for --uncertainty.")
]
SeedOption = Annotated[int, typer.Option("--seed", min=0, help="Random seed for --uncertainty.")]
