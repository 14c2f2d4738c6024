"""Tables of what the network holds: nodes, edges, sources, one place."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from corridors.network.model import Network
from corridors.render.tables import _km, _t, plain


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


def risks_text(rows: Sequence[dict[str, object]]) -> list[RenderableType]:
    """Every stated risk value; a 0 is a judgement, shown like any other value."""
    table = _list_table(
        f"{len(rows)} risk values", ("Place", "Factor", "Value", "Why", "Sources"), whole=("Factor",)
    )
    for row in rows:
        where = f"{row['place']} ({row['place_kind']})"
        table.add_row(
            _t(where),
            _cell(row["factor"]),
            _t(f"{row['value']:g}"),
            _cell(row["why"]),
            _t(" ".join(row["sources"]) if isinstance(row["sources"], list) else ""),
        )
    table.columns[0].max_width = 20
    table.columns[4].max_width = 38  # the longest source id, whole
    return [table]


def show_edge_text(shown: dict[str, object]) -> list[RenderableType]:
    edge = shown["edge"]
    assert isinstance(edge, dict)
    geometry = edge["geometry"]
    assert isinstance(geometry, dict)
    lines = [
        f"{edge['name']} ({edge['id']})",
        f"{edge['mode']}, {_km(float(edge['km']))} km ({edge['km_basis']}), {_status(edge)}",
        f"km note: {edge['km_note'] or 'none (a sourced length)'}",
        f"Geometry: {geometry['kind']}, {geometry['source']}",
        f"Countries: {', '.join(edge['countries'])}; corridors: {', '.join(edge['corridors']) or 'none'}",
        f"Sources of the line: {', '.join(edge['sources'])}",
        f"Risk {edge['risk']:.2f}",
    ]
    out: list[RenderableType] = [_t(lines[0], "bold"), *(_t(line) for line in lines[1:])]
    risks = edge["risks"]
    assert isinstance(risks, list)
    table = _list_table(f"{len(risks)} risk factors", ("Factor", "Value", "Stated on", "Why", "Sources"))
    for risk in risks:
        table.add_row(
            _cell(risk["factor"]),
            _t(f"{risk['value']:g}"),
            _cell(risk["stated_on"]),
            _cell(risk["why"]),
            _t(" ".join(risk["sources"])),
        )
    table.columns[4].max_width = 38  # the longest source id, whole
    out.append(table)
    sources = shown["sources"]
    assert isinstance(sources, list)
    out.extend(sources_text(sources, f"{len(sources)} sources behind it"))
    return out
