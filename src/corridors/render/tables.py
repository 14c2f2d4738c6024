"""Tables for people. The only module besides the CLI that imports rich.

Text from the data (names, ids) goes into `Text` objects, never into markup, and
control characters are made visible, so a node named ``[red]x`` prints as ``[red]x``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from rich import box
from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from corridors.analysis.criteria import AMOUNTS, BY_NAME, CRITERIA, route_label
from corridors.analysis.results import Comparison, Route, Totals
from corridors.analysis.scenario import RiskModel
from corridors.network.model import Network
from corridors.safetext import visible


def plain(text: str) -> str:
    """Make control and format characters visible instead of letting the terminal obey them."""
    return visible(text)


def _t(text: str, style: str = "") -> Text:
    return Text(plain(text), style=style)


NUMBER = re.compile(r"[-+\u2212]?[$\u20ac]?\d[\d,]*(\.\d+)?( ?(%|[a-zA-Z/]{1,6}))?|[-\u2014\u2013]?")


WORD_ROOM = 24  # a word up to this long stays whole while the table has room for it


def fit_columns(table: Table, console: Console) -> None:
    """On a narrow terminal, names wrap and numbers stay whole, in every table.

    A column of numbers never wraps, and no column is ever cut with an ellipsis (`10,8...` would
    read as another number): text folds instead. Each column keeps room for its longest word
    (up to WORD_ROOM) and number while the table still fits the width, else for its longest
    number; on a terminal narrower still, a number folds onto the next line, every digit kept,
    and no column is dropped.
    """
    numbers, words, whole, kept = [], [], [], [(c.min_width, c.no_wrap) for c in table.columns]
    for column in table.columns:
        cells = [cell.plain if isinstance(cell, Text) else str(cell) for cell in column.cells]
        column.overflow = "fold"
        whole.append(bool(cells) and all(NUMBER.fullmatch(cell.strip()) for cell in cells))
        tokens = [word for cell in cells for word in cell.split()]
        figures = [word.strip("()~<>,;:.") for word in tokens]
        figures = [word for word in figures if word[:1].isdigit() and NUMBER.fullmatch(word)]
        numbers.append(max([column.min_width or 0, *map(len, figures)]))
        words.append(max([numbers[-1], *(min(len(word), WORD_ROOM) for word in tokens)]))
    for needs in (words, numbers):  # whole words if they fit, else whole numbers, else fold all
        for column, need, numeric, (_, no_wrap) in zip(table.columns, needs, whole, kept, strict=True):
            column.min_width, column.no_wrap = need, no_wrap or numeric
        lines = Segment.split_lines(console.render(table, console.options))  # uncropped, unlike print
        if max((Segment.get_line_length(line) for line in lines), default=0) <= console.width:
            return
    for column, (min_width, no_wrap) in zip(table.columns, kept, strict=True):
        column.min_width, column.no_wrap = min_width, no_wrap


class _Buffer(io.StringIO):
    """A string buffer that tells rich the encoding of the output it stands for."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def to_text(
    renderables: Sequence[RenderableType], *, color: bool, width: int, encoding: str = "utf-8"
) -> str:
    """Render to a string; colour codes only when the caller says the output is a terminal.

    An `encoding` other than UTF's (a cp1252 console, PYTHONIOENCODING=ascii) draws the
    table's lines in ASCII, which every encoding shows.
    """
    buffer = _Buffer(encoding)
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
        if isinstance(renderable, Table):
            fit_columns(renderable, console)
        console.print(renderable)
    text = buffer.getvalue()
    if color:
        return text
    # Without colour no escape sequence is ours: whatever text reached the table unescaped
    # (a title built from a name) is made visible here, the last step before the terminal.
    return "".join(visible(line.rstrip()) + "\n" for line in text.split("\n")[:-1])


def _km(value: float) -> str:
    return f"{value:,.0f}"


def _name(network: Network, node_id: str) -> str:
    return network.nodes[node_id].name


def _days(hours: float) -> str:
    return f"{hours / 24:,.1f} d"


def _summary(totals: Totals) -> str:
    return (
        f"{_km(totals.km)} km, {totals.hours / 24:,.1f} days, ${totals.cost_usd:,.0f} and "
        f"{totals.co2e_kg:,.0f} kg CO2e ({totals.co2e_wtw_kg:,.0f} well to wheel) per container, "
        f"risk {totals.risk:.2f}, risk-weighted {_km(totals.risk_weighted_km)} km"
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
    for number, (leg, stop) in enumerate(zip(route.legs, route.stops_before_legs(), strict=True), 1):
        notes = []
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
    if alternatives:
        title = (
            f"{_name(network, origin)} → {_name(network, destination)}: the {len(routes)} best routes, "
            f"{route_label(routes[0].criterion)}"
        )
        out.append(routes_table(network, routes, title))
    for rank, route in enumerate(routes, 1):
        label = route_label(route.criterion)
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
                f"The {route_label(routes[0].criterion)} route is also the best once risk is "
                f"weighed (risk weight {model.risk_weight:g}).",
                "dim",
            )
        )
    else:
        out.append(
            _t(
                f"The second route trades {route_label(routes[0].criterion).split(',')[0]} for "
                f"lower risk (risk weight {model.risk_weight:g}).",
                "dim",
            )
        )
    return out


COMPARE_ROWS = (
    ("km more than shortest", "more"),
    ("Legs", "legs"),
    ("Border crossings", "borders"),
    ("Gauge changes", "gauge"),
    ("Mode changes (transshipments)", "modes"),
    ("Ferry and sea km", "water"),
    ("km on estimated lengths", "estimated"),
    *((c.row, c.name) for c in AMOUNTS),  # days, cost, CO2e: one row per criterion
    ("Risk (0-1)", "risk"),
    ("Risk-weighted km", "weighted"),
)


def _compare_cell(cell: str, more: float, route: Route) -> str:
    totals = route.totals
    if cell in BY_NAME:
        return BY_NAME[cell].cell(getattr(totals, BY_NAME[cell].key))
    return {
        "more": "shortest" if more == 0 else f"+{more:,.0f}",
        "legs": str(totals.legs),
        "borders": str(totals.border_crossings),
        "gauge": str(totals.gauge_changes),
        "modes": str(totals.mode_changes),
        "water": _km(totals.water_km),
        "estimated": f"{_km(totals.estimated_km)} ({totals.estimated_km / totals.km:.0%})",
        "risk": f"{totals.risk:.3f}",
        "weighted": _km(totals.risk_weighted_km),
    }[cell]


def compare_text(
    network: Network, comparison: Comparison, by: str, as_of: int | None
) -> list[RenderableType]:
    scenario = f", projects open by {as_of}" if as_of else ", operational lines"
    title = (
        f"{_name(network, comparison.origin)} → {_name(network, comparison.destination)}: "
        f"corridors compared ({route_label(by)}{scenario})"
    )
    table = Table(title=_t(title), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    table.add_column("")
    short = {corridor.id: corridor.short_name for corridor in network.corridors}
    for corridor in comparison.corridors:
        table.add_column(_t(short[corridor.id]), justify="right")

    for label, cell in (("Total km", "km"), *COMPARE_ROWS):
        values = [
            _compare_cell(cell, corridor.km_more_than_shortest or 0.0, corridor.route)
            if corridor.route is not None
            else "no route"
            for corridor in comparison.corridors
        ]
        table.add_row(label, *values)
    out: list[RenderableType] = [table]
    ends = f"{_name(network, comparison.origin)} and {_name(network, comparison.destination)}"
    for corridor in comparison.corridors:
        if corridor.route is not None:
            via = " → ".join(_name(network, n) for n in corridor.route.nodes)
            out.append(_t(f"{short[corridor.id]}: {via}", "dim"))
        else:
            out.append(_t(f"{short[corridor.id]}: no route between {ends} on its own lines", "dim"))
    return out


def _countries(network: Network, route: Route) -> str:
    seen: list[str] = []
    for node in route.nodes:
        country = network.nodes[node].country
        if not seen or seen[-1] != country:
            seen.append(country)
    return " ".join(seen)


def routes_table(network: Network, routes: Sequence[Route], title: str) -> Table:
    """One row per route: its totals, the countries it crosses and the ports it uses."""
    table = Table(title=_t(title), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for header in ("#", *(c.column for c in CRITERIA), "Risk", "Countries", "Ports"):
        table.add_column(header, justify="left" if header in ("Countries", "Ports") else "right")
    for rank, route in enumerate(routes, 1):
        totals = route.totals
        ports = [_name(network, n) for n in route.nodes[1:-1] if network.nodes[n].kind == "port"]
        table.add_row(
            str(rank),
            *(c.cell(getattr(totals, c.key)) for c in CRITERIA),
            f"{totals.risk:.3f}",
            _t(_countries(network, route)),
            _t(", ".join(ports) or "-"),
        )
    return table


def pareto_text(
    network: Network, origin: str, destination: str, criteria: list[str], routes: list[Route]
) -> list[RenderableType]:
    title = (
        f"{_name(network, origin)} → {_name(network, destination)}: {len(routes)} non-dominated "
        f"routes over {', '.join(criteria)}"
    )
    note = _t(
        "No route in this list is beaten by another on every criterion at once; "
        "`--json` gives each route leg by leg.",
        "dim",
    )
    return [routes_table(network, routes, title), note]
