"""`carec`: CAREC's corridor performance indicators per corridor and per border crossing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from corridors.analysis.carec import Crossing, Indicators
from corridors.network.model import Network
from corridors.render.tables import plain


def _table(title: str) -> Table:
    return Table(title=Text(plain(title)), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")


def carec_text(
    network: Network, origin: str, destination: str, found: Sequence[Indicators]
) -> list[RenderableType]:
    names = {n.id: n.name for n in network.nodes.values()}
    short = {c.id: c.short_name for c in network.corridors}
    table = _table(f"{names[origin]} → {names[destination]}: CAREC CPMM indicators (model)")
    table.add_column("")
    for item in found:
        table.add_column(Text(plain(short[item.corridor])), justify="right")
    rows: tuple[tuple[str, Callable[[Indicators], str]], ...] = (
        ("SWOD, km/h (speed without delay)", lambda i: f"{i.speed_without_delay_kmh:.1f}"),
        ("SWD, km/h (speed with delay)", lambda i: f"{i.speed_with_delay_kmh:.1f}"),
        ("Border crossings (rail, road)", lambda i: str(len(i.crossings))),
        ("TFI1 summed, hours at borders", lambda i: f"{sum(c.time_hours for c in i.crossings):,.1f}"),
        ("TFI2 summed, USD at borders", lambda i: f"{sum(c.cost_usd for c in i.crossings):,.0f}"),
        ("TFI3, USD per 500 km and 20 t", lambda i: f"{i.cost_per_500km_20t_usd:,.0f}"),
    )
    for label, cell in rows:
        table.add_row(label, *(cell(item) for item in found))
    crossings = _table("Border crossings: TFI1 time (hours) and TFI2 cost (USD)")
    for column in ("Crossing", "Countries", "Corridors", "Hours", "USD"):
        crossings.add_column(column, justify="right" if column in ("Hours", "USD") else "left")
    seen: dict[str, list[str]] = {}
    first: dict[str, Crossing] = {}
    for item in found:
        for c in item.crossings:
            seen.setdefault(c.edge_id, []).append(short[item.corridor])
            first.setdefault(c.edge_id, c)
    for edge_id, c in first.items():
        crossings.add_row(
            Text(plain(f"{names[c.source]} - {names[c.target]}")), c.countries,
            Text(plain(", ".join(seen[edge_id]))), f"{c.time_hours:,.1f}", f"{c.cost_usd:,.0f}",
        )  # fmt: skip
    return [table, crossings]
