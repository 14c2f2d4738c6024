"""Tables for people. The only module besides the CLI that imports rich.

Text from the data (names, ids) goes into `Text` objects, never into markup, and
control characters are made visible, so a node named ``[red]x`` prints as ``[red]x``.
"""

from __future__ import annotations

import io
import itertools
import unicodedata
from collections.abc import Callable, Sequence

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from corridors.breakeven import Breakeven, Span
from corridors.model import Network
from corridors.results import CRITERION_LABEL, Comparison, Route, Stop, Totals
from corridors.routing import RiskModel
from corridors.simulation import CorridorSimulation, Simulation, month_name


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


def _stops_before_legs(route: Route) -> list[Stop | None]:
    """The stop (if any) before each leg, by position: a route may pass a place twice."""
    pending = iter(route.stops)
    out: list[Stop | None] = [None]
    for before, after in itertools.pairwise(route.legs):
        changed = before.mode != after.mode or (before.mode == "rail" and before.gauge_mm != after.gauge_mm)
        out.append(next(pending) if changed else None)
    return out[: len(route.legs)]


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
    for number, (leg, stop) in enumerate(zip(route.legs, _stops_before_legs(route), strict=True), 1):
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
            f"{CRITERION_LABEL[routes[0].criterion]}"
        )
        out.append(routes_table(network, routes, title))
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
    ends = f"{_name(network, comparison.origin)} and {_name(network, comparison.destination)}"
    for corridor in comparison.corridors:
        if corridor.route is not None:
            via = " → ".join(_name(network, n) for n in corridor.route.nodes)
            out.append(_t(f"{short[corridor.id]}: {via}", "dim"))
        else:
            out.append(_t(f"{short[corridor.id]}: no route between {ends} on its own lines", "dim"))
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


def routes_table(network: Network, routes: Sequence[Route], title: str) -> Table:
    """One row per route: its totals, the countries it crosses and the ports it uses."""
    table = Table(title=_t(title), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for header in ("#", "km", "Days", "USD/FEU", "kg CO2e", "Risk", "Countries", "Ports"):
        table.add_column(header, justify="left" if header in ("Countries", "Ports") else "right")
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
    rows: list[tuple[float, float, tuple[str, ...], Span]] = []
    for span in result.spans:  # one row per ranking; the data has a span per bend of the envelopes
        if rows and rows[-1][2] == span.ranking:
            rows[-1] = (rows[-1][0], span.end, span.ranking, rows[-1][3])
        else:
            rows.append((span.start, span.end, span.ranking, span))
    for start, end, ranking, first in rows:
        table.add_row(
            f"{start:.4g} to {end:.4g}",
            _t(" > ".join(short[i] for i in ranking)),
            *(f"{first.lines[i].at(start):,.0f}" for i in ids),
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


BAR_WIDTH = 40
_EIGHTHS = " ▏▎▍▌▋▊▉"


def _bar(count: int, most: int) -> str:
    """A horizontal bar in eighths of a character, so small bins still show."""
    eighths = round(BAR_WIDTH * 8 * count / most) if most else 0
    if count and not eighths:
        eighths = 1
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def simulate_text(network: Network, result: Simulation) -> list[RenderableType]:
    """A summary table with the corridors side by side, then each corridor's histogram."""
    journeys = f"{result.runs:,} journeys per corridor"
    title = (
        f"{_name(network, result.origin)} → {_name(network, result.destination)}: door-to-door days, "
        f"{journeys}, {month_name(result.month)}"
        + (f", projects open by {result.as_of}" if result.as_of else "")
        + f" (seed {result.seed})"
    )
    table = Table(title=_t(title), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    table.add_column("")
    short = {corridor.id: corridor.short_name for corridor in network.corridors}
    for corridor in result.corridors:
        table.add_column(_t(short.get(corridor.id, corridor.id)), justify="right")
    rows: list[tuple[str, Callable[[CorridorSimulation], str]]] = [
        ("Days, deterministic model", lambda c: f"{c.model_days:.1f}" if c.model_days is not None else ""),
        ("Mean", lambda c: f"{c.days.mean:.1f}" if c.days else ""),
        ("P50 (median)", lambda c: f"{c.days.p50:.1f}" if c.days else ""),
        ("P90", lambda c: f"{c.days.p90:.1f}" if c.days else ""),
        ("P95", lambda c: f"{c.days.p95:.1f}" if c.days else ""),
        ("Fastest - slowest", lambda c: f"{c.days.min:.1f} - {c.days.max:.1f}" if c.days else ""),
    ]
    if result.deadline_days is not None:
        rows.append(
            (
                f"Within {result.deadline_days:g} days",
                lambda c: f"{c.p_within_deadline:.1%}" if c.p_within_deadline is not None else "",
            )
        )
    for label, cell in rows:
        table.add_row(label, *(cell(c) if c.route is not None else "no route" for c in result.corridors))
    out: list[RenderableType] = [table]
    for corridor in result.corridors:
        if corridor.histogram is not None and corridor.days is not None:
            if len(out) > 1:  # the summary table ends with a blank line of its own
                out.append(Text(""))
            out.append(_histogram_table(short.get(corridor.id, corridor.id), corridor, result.deadline_days))
    out.append(Text(""))
    out.append(
        _t(
            "Each corridor's fastest route (as `compare --by hours`); delays from the data's `delays` "
            "records. Mean and deadline share exact; quantiles within 0.01 d.",
            "dim",
        )
    )
    return out


def _histogram_table(label: str, corridor: CorridorSimulation, deadline: float | None) -> Table:
    histogram = corridor.histogram
    assert histogram is not None and corridor.days is not None
    table = Table(
        title=_t(f"{label}: days, share of journeys"),
        box=None,
        title_justify="left",
        title_style="bold",
        show_header=False,
        pad_edge=False,
    )
    table.add_column("days", justify="right")
    table.add_column("share", justify="right")
    table.add_column("bar", no_wrap=True)
    table.add_column("mark", style="dim")
    edges, counts = histogram.bin_edges_days, histogram.counts
    total, most = sum(counts), max(counts)
    last = len(counts) - 1
    for index, count in enumerate(counts):
        low, high = edges[index], edges[index + 1]
        if index == 0 and len(counts) > 1:
            span = f"< {high:.1f}"
        elif index == last and len(counts) > 1:
            span = f"≥ {low:.1f}"
        else:
            span = f"{low:.1f} - {high:.1f}"
        marks = []
        model = corridor.model_days
        if model is not None and (low <= model < high or (index == last and model >= low)):
            marks.append("model")
        if deadline is not None and (low < deadline <= high):
            marks.append("deadline")
        table.add_row(span, f"{count / total:.1%}", _bar(count, most), " ".join(marks))
    return table
