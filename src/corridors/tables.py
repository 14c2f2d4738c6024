"""Tables for people. The only module besides the CLI that imports rich.

Text from the data (names, ids) goes into `Text` objects, never into markup, and
control characters are made visible, so a node named ``[red]x`` prints as ``[red]x``.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from corridors.breakeven import Breakeven, Span
from corridors.model import Network
from corridors.results import Comparison, Route, Totals
from corridors.routing import RiskModel

CRITERION_LABEL = {
    "km": "shortest by km",
    "risk": "lowest risk-weighted km",
    "hours": "fastest",
    "hours+risk": "fastest, risk-weighted",
    "cost": "cheapest",
    "cost+risk": "cheapest, risk-weighted",
    "co2": "lowest CO2e",
    "co2+risk": "lowest CO2e, risk-weighted",
}


def plain(text: str) -> str:
    """Make control and format characters visible instead of letting the terminal obey them."""
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)


def _t(text: str, style: str = "") -> Text:
    return Text(plain(text), style=style)


def to_text(renderables: Sequence[RenderableType], *, color: bool, width: int) -> str:
    """Render to a string; colour codes only when the caller says the output is a terminal."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
    )
    for renderable in renderables:
        console.print(renderable)
    text = buffer.getvalue()
    if color:
        return text
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def _km(value: float) -> str:
    return f"{value:,.0f}"


def _name(network: Network, node_id: str) -> str:
    return network.nodes[node_id].name


def _days(hours: float) -> str:
    return f"{hours / 24:,.1f} d"


def _summary(totals: Totals) -> str:
    return (
        f"{_km(totals.km)} km, {totals.hours / 24:,.1f} days, ${totals.cost_usd:,.0f} and "
        f"{totals.co2e_kg:,.0f} kg CO2e per container, risk {totals.risk:.2f}, "
        f"risk-weighted {_km(totals.risk_weighted_km)} km"
    )


def route_table(network: Network, route: Route, title: str) -> Table:
    table = Table(title=_t(title), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for header, justify in (
        ("#", "right"),
        ("From", "left"),
        ("To", "left"),
        ("Mode", "left"),
        ("km", "right"),
        ("Hours", "right"),
        ("Risk", "right"),
        ("Note", "left"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    stops = {stop.node: stop for stop in route.stops}
    for number, leg in enumerate(route.legs, 1):
        notes = []
        stop = stops.get(leg.source)
        if stop is not None:
            notes.append(f"{stop.event.replace('_', ' ')} first, {stop.hours:,.0f} h")
        if leg.km_basis == "estimate":
            notes.append("km estimated")
        if leg.status != "operational":
            notes.append(f"{leg.status.replace('_', ' ')}, opens {leg.opens}")
        table.add_row(
            str(number),
            _t(_name(network, leg.source)),
            _t(_name(network, leg.target)),
            _t(leg.mode),
            _km(leg.km),
            f"{leg.hours:,.0f}",
            f"{leg.risk:.2f}",
            _t("; ".join(notes), "dim"),
        )
    totals = route.totals
    table.add_section()
    table.add_row(
        "",
        "Total",
        "",
        "",
        _km(totals.km),
        f"{totals.hours:,.0f}",
        f"{totals.risk:.2f}",
        _days(totals.hours),
        style="bold",
    )
    return table


def path_text(
    network: Network,
    origin: str,
    destination: str,
    routes: tuple[Route, ...],
    model: RiskModel,
    *,
    alternatives: bool = False,
) -> list[RenderableType]:
    out: list[RenderableType] = []
    for rank, route in enumerate(routes, 1):
        label = CRITERION_LABEL[route.criterion]
        if alternatives:
            label = f"route {rank} of {len(routes)}, {label}"
        out.append(
            route_table(network, route, f"{_name(network, origin)} → {_name(network, destination)}: {label}")
        )
        out.append(_t(_summary(route.totals), "dim"))
        risky = ", ".join(f"{_name(network, n.node)} {n.risk:.2f}" for n in route.node_risks)
        if risky:
            out.append(_t(f"Risky places passed: {risky}", "dim"))
    if alternatives:
        return out
    if len(routes) == 1:
        out.append(
            _t(
                f"The {CRITERION_LABEL[routes[0].criterion]} route is also the best once risk is "
                f"weighed (risk weight {model.risk_weight:g}).",
                "dim",
            )
        )
    else:
        out.append(
            _t(
                f"The second route trades {CRITERION_LABEL[routes[0].criterion].split(',')[0]} for "
                f"lower risk (risk weight {model.risk_weight:g}).",
                "dim",
            )
        )
    return out


def compare_text(
    network: Network, comparison: Comparison, by: str, as_of: int | None
) -> list[RenderableType]:
    scenario = f", projects open by {as_of}" if as_of else ", operational lines"
    title = (
        f"{_name(network, comparison.origin)} → {_name(network, comparison.destination)}: "
        f"corridors compared ({CRITERION_LABEL[by]}{scenario})"
    )
    table = Table(title=_t(title), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    table.add_column("")
    short = {corridor.id: corridor.short_name for corridor in network.corridors}
    for corridor in comparison.corridors:
        table.add_column(_t(short[corridor.id]), justify="right")

    def row(label: str, cell: str | None) -> None:
        values = []
        for corridor in comparison.corridors:
            route = corridor.route
            if route is None:
                values.append("no route")
                continue
            values.append(cell_value(cell, corridor.km_more_than_shortest or 0.0, route))
        table.add_row(label, *values)

    def cell_value(cell: str | None, more: float, route: Route) -> str:
        totals = route.totals
        return {
            "km": _km(totals.km),
            "more": "shortest" if more == 0 else f"+{more:,.0f}",
            "legs": str(totals.legs),
            "borders": str(totals.border_crossings),
            "gauge": str(totals.gauge_changes),
            "modes": str(totals.mode_changes),
            "water": _km(totals.water_km),
            "estimated": f"{_km(totals.estimated_km)} ({totals.estimated_km / totals.km:.0%})",
            "risk": f"{totals.risk:.3f}",
            "days": f"{totals.hours / 24:,.1f}",
            "cost": f"{totals.cost_usd:,.0f}",
            "co2": f"{totals.co2e_kg:,.0f}",
            "weighted": _km(totals.risk_weighted_km),
        }[cell or "km"]

    for label, cell in (
        ("Total km", "km"),
        ("km more than shortest", "more"),
        ("Legs", "legs"),
        ("Border crossings", "borders"),
        ("Gauge changes", "gauge"),
        ("Mode changes (transshipments)", "modes"),
        ("Ferry and sea km", "water"),
        ("km on estimated lengths", "estimated"),
        ("Days (model)", "days"),
        ("Cost, USD per FEU (model)", "cost"),
        ("CO2e, kg per FEU (model)", "co2"),
        ("Risk (0-1)", "risk"),
        ("Risk-weighted km", "weighted"),
    ):
        row(label, cell)
    out: list[RenderableType] = [table]
    for corridor in comparison.corridors:
        if corridor.route is not None:
            via = " → ".join(_name(network, n) for n in corridor.route.nodes)
            out.append(_t(f"{short[corridor.id]}: {via}", "dim"))
    return out


def nodes_text(network: Network, lanes: dict[str, list[str]]) -> list[RenderableType]:
    table = Table(
        title=_t(f"{len(network.nodes)} nodes"), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold"
    )
    for header in ("id", "Name", "Country", "Kind", "Corridors"):
        table.add_column(header)
    for node in network.nodes.values():
        table.add_row(
            _t(node.id), _t(node.name), _t(node.country), _t(node.kind), _t(", ".join(lanes[node.id]))
        )
    return [table]


def _countries(network: Network, route: Route) -> str:
    seen: list[str] = []
    for node in route.nodes:
        country = network.nodes[node].country
        if not seen or seen[-1] != country:
            seen.append(country)
    return " ".join(seen)


def pareto_text(
    network: Network, origin: str, destination: str, criteria: list[str], routes: list[Route]
) -> list[RenderableType]:
    title = (
        f"{_name(network, origin)} → {_name(network, destination)}: {len(routes)} non-dominated "
        f"routes over {', '.join(criteria)}"
    )
    table = Table(title=_t(title), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for header in ("#", "km", "Days", "USD/FEU", "kg CO2e", "Risk", "Countries", "Ports"):
        table.add_column(header, justify="left" if header in ("Countries", "Via") else "right")
    for rank, route in enumerate(routes, 1):
        totals = route.totals
        ports = [_name(network, n) for n in route.nodes[1:-1] if network.nodes[n].kind == "port"]
        table.add_row(
            str(rank),
            _km(totals.km),
            f"{totals.hours / 24:,.1f}",
            f"{totals.cost_usd:,.0f}",
            f"{totals.co2e_kg:,.0f}",
            f"{totals.risk:.3f}",
            _t(_countries(network, route)),
            _t(", ".join(ports)),
        )
    note = _t(
        "No route in this list is beaten by another on every criterion at once; "
        "`--json` gives each route leg by leg.",
        "dim",
    )
    return [table, note]


def breakeven_text(network: Network, result: Breakeven) -> list[RenderableType]:
    short = {c.id: c.short_name for c in network.corridors}
    unit = {"km": "km", "hours": "hours", "cost": "USD", "co2": "kg CO2e"}[result.metric]
    title = (
        f"{_name(network, result.origin)} → {_name(network, result.destination)}: preferred corridor "
        f"by risk-weighted {result.metric}, risk weight 0 to {result.max_weight:g}"
    )
    table = Table(title=_t(title), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    table.add_column("Risk weight")
    table.add_column("Ranking")
    ids = list(result.spans[0].lines)
    for ident in ids:
        table.add_column(_t(f"{short[ident]}, {unit} at start"), justify="right")
    for span in result.spans:
        table.add_row(
            f"{span.start:.4g} to {span.end:.4g}",
            _t(" > ".join(short[i] for i in span.ranking)),
            *(f"{span.lines[i].at(span.start):,.0f}" for i in ids),
        )
    out: list[RenderableType] = [table]
    if result.flips:
        for weight, before, after in result.flips:
            out.append(
                _t(
                    f"At risk weight {weight:.6g} the preference flips from {short[before.ranking[0]]} "
                    f"to {short[after.ranking[0]]}.",
                    "bold",
                )
            )
    else:
        out.append(
            _t(
                f"No flip: {short[result.spans[0].ranking[0]]} is preferred at every risk weight "
                f"from 0 to {result.max_weight:g}.",
                "bold",
            )
        )
    if result.unreachable:
        out.append(_t(f"No route in: {', '.join(short[i] for i in result.unreachable)}.", "dim"))
    return out
