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

from corridors.model import Network
from corridors.results import Comparison, Route
from corridors.routing import RiskModel

CRITERION_LABEL = {"km": "shortest by km", "risk": "lowest risk-weighted cost"}


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


def route_table(network: Network, route: Route, title: str) -> Table:
    table = Table(title=_t(title), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for header, justify in (
        ("#", "right"),
        ("From", "left"),
        ("To", "left"),
        ("Mode", "left"),
        ("km", "right"),
        ("Risk", "right"),
        ("Note", "left"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for number, leg in enumerate(route.legs, 1):
        notes = []
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
        f"{totals.risk:.2f}",
        f"risk-weighted {_km(totals.risk_weighted_km)} km",
        style="bold",
    )
    return table


def path_text(
    network: Network, origin: str, destination: str, routes: tuple[Route, ...], model: RiskModel
) -> list[RenderableType]:
    out: list[RenderableType] = []
    for route in routes:
        title = (
            f"{_name(network, origin)} → {_name(network, destination)}: {CRITERION_LABEL[route.criterion]}"
        )
        out.append(route_table(network, route, title))
        risky = ", ".join(f"{_name(network, n.node)} {n.risk:.2f}" for n in route.node_risks)
        if risky:
            out.append(_t(f"Risky nodes passed: {risky}", "dim"))
    if len(routes) == 1:
        out.append(
            _t(f"The shortest route is also the lowest-risk one (risk weight {model.risk_weight:g}).", "dim")
        )
    else:
        first, second = routes
        extra = second.totals.km - first.totals.km
        saved = first.totals.risk_weighted_km - second.totals.risk_weighted_km
        out.append(
            _t(
                f"The {CRITERION_LABEL[second.criterion]} route is {extra:+,.0f} km "
                f"and {-saved:+,.0f} risk-weighted km against the first "
                f"(risk weight {model.risk_weight:g}).",
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


def _list_table(title: str, headers: Sequence[str], whole: Sequence[str] = ()) -> Table:
    """Columns named in `whole` never wrap (ids); the others fold rather than lose text."""
    table = Table(title=_t(title), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for header in headers:
        justify = "right" if header == "km" else "left"
        table.add_column(header, justify=justify, overflow="fold", no_wrap=header in whole)  # type: ignore[arg-type]
    return table


def _cell(value: object) -> Text:
    if value is None:
        return _t("")
    if isinstance(value, list | tuple):
        return _t(", ".join(str(item) for item in value))
    if isinstance(value, float):
        return _t(_km(value))
    return _t(str(value))


def _status(entry: dict[str, object]) -> str:
    status = str(entry["status"]).replace("_", " ")
    if entry["opens"] and entry["status"] != "operational":
        status += f", opens {entry['opens']}"
    return status


def edges_text(edges: Sequence[dict[str, object]]) -> list[RenderableType]:
    table = _list_table(
        f"{len(edges)} edges", ("Edge", "Mode", "km", "km basis", "Status", "Corridors", "Sources")
    )
    for edge in edges:
        table.add_row(
            _cell(edge["id"]),
            _cell(edge["mode"]),
            _cell(edge["km"]),
            _cell(edge["km_basis"]),
            _t(_status(edge)),
            _t(" ".join(edge["corridors"]) if isinstance(edge["corridors"], list) else ""),
            _t(" ".join(edge["sources"]) if isinstance(edge["sources"], list) else ""),
        )
    table.columns[0].max_width = 22
    table.columns[4].max_width = 12  # status: "under construction, opens 2027" wraps
    table.columns[5].max_width = 9  # corridors, one per line
    return [table]


def sources_text(sources: Sequence[dict[str, object]], title: str | None = None) -> list[RenderableType]:
    """A bibliography, one entry a paragraph: URLs must stay whole to be clicked or copied."""
    out: list[RenderableType] = [_t(title or f"{len(sources)} sources", "bold")]
    for source in sources:
        year = f" ({source['year']})" if source["year"] is not None else ""
        entry = Text()
        entry.append(plain(str(source["id"])), style="bold")
        entry.append(plain(f"  {source['title']}. {source['publisher']}{year}."))
        out.append(entry)
        # a URL is never wrapped: a terminal makes a long line clickable, a broken one is useless
        out.append(Text(plain(f"    {source['url']}"), style="dim", no_wrap=True, overflow="ignore"))
    return out


def show_text(shown: dict[str, object]) -> list[RenderableType]:
    node = shown["node"]
    assert isinstance(node, dict)
    out: list[RenderableType] = []
    factors = node["risk_factors"]
    assert isinstance(factors, dict)
    risk = ", ".join(f"{factor} {value:g}" for factor, value in factors.items()) or "none"
    lines = [
        f"{node['name']} ({node['id']})",
        f"Country {node['country']}, {node['kind']}, at {node['lat']}, {node['lon']}",
        f"Aliases: {', '.join(node['aliases']) or 'none'}",
        f"Corridors: {', '.join(node['corridors']) or 'none'}",
        f"Risk {node['risk']:.2f} ({risk})",
    ]
    out.append(_t(lines[0], "bold"))
    out.extend(_t(line) for line in lines[1:])
    neighbours = shown["neighbours"]
    assert isinstance(neighbours, list)
    table = _list_table(f"{len(neighbours)} neighbours", ("To", "id", "Edge", "Mode", "km", "Status"))
    for entry in neighbours:
        status = _status(entry)
        if entry["direction"] != "both":
            status += f" (one way, {entry['direction']})"
        table.add_row(
            _cell(entry["name"]),
            _cell(entry["node"]),
            _cell(entry["edge_id"]),
            _cell(entry["mode"]),
            _cell(entry["km"]),
            _t(status),
        )
    out.append(table)
    sources = shown["sources"]
    assert isinstance(sources, list)
    out.extend(sources_text(sources, f"{len(sources)} sources behind it"))
    return out
