"""The verdict under `compare`: plain sentences, after the table."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from corridors.analysis.criteria import route_label
from corridors.analysis.uncertainty import Uncertainty
from corridors.analysis.valueoftime import VOT_HIGH_PCT, VOT_LOW_PCT, ValueOfTime, sentences
from corridors.network.model import Network
from corridors.render.tables import plain


def sentences_text(title: str, sentences: tuple[str, ...]) -> list[RenderableType]:
    """A bold heading and one line per sentence (text from data escaped, never markup)."""
    if not sentences:
        return []
    out: list[RenderableType] = [Text(""), Text(plain(title), style="bold")]
    out.extend(Text(plain(f"- {sentence}")) for sentence in sentences)
    return out


def rail_sea_text(
    network: Network, origin: str, destination: str, by: str, result: ValueOfTime, notes: Sequence[str] = ()
) -> list[RenderableType]:
    """breakeven --over cargo-value: one row per land corridor against each sea corridor.

    `by` "cost+time": each corridor's route is re-optimised at every cargo value (`notes` say where).
    """
    routes = "each corridor's best route at every value" if by == "cost+time" else f"routes {route_label(by)}"
    names = {n.id: n.name for n in network.nodes.values()}
    short = {c.id: c.short_name for c in network.corridors}
    title = (
        f"{names[origin]} → {names[destination]}: cargo value per container at which land beats sea "
        f"({result.pct_per_day:g}% of the value per day in transit; {routes})"
    )
    table = Table(title=Text(plain(title)), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for i, column in enumerate(
        (
            "Land",
            "Sea",
            "Days saved",
            "Extra USD",
            "Land wins",
            "Breakeven USD",
            f"Over {VOT_HIGH_PCT:g}-{VOT_LOW_PCT:g}%/day",
        )
    ):
        table.add_column(column, justify="left" if i < 2 else "right", no_wrap=i >= 5)
    for e in result.entries:
        value = f"{round(e.breakeven_usd, -2):,.0f}" if e.breakeven_usd is not None else "-"
        span = (
            f"{round(e.breakeven_low_usd, -2):,.0f}-{round(e.breakeven_high_usd, -2):,.0f}"
            if e.breakeven_low_usd is not None and e.breakeven_high_usd is not None
            else "-"
        )
        table.add_row(
            Text(plain(short[e.corridor])), Text(plain(short[e.sea])), f"{e.days_saved:,.1f}",
            f"{e.extra_cost_usd:,.0f}", e.rail_wins, value, span,
        )  # fmt: skip
    return [table, Text(plain(sentences(result, short)[0])), *(Text(plain(note)) for note in notes)]


def uncertainty_text(short: dict[str, str], result: Uncertainty) -> list[RenderableType]:
    """P5-P95 (P50) per corridor (or route: `short` names them), then the chance each is best."""
    title = (
        f"Uncertainty: {result.samples:,} samples (seed {result.seed}) of {result.inputs} inputs over their "
        "ranges" + (", each corridor routed again per sample" if result.rerouted else "") + "; P5-P95 (P50)"
    )
    table = Table(title=Text(plain(title)), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    table.add_column("")
    for spread in result.corridors:
        table.add_column(Text(plain(short[spread.id])), justify="right")
    rows = (("Days", "hours", 24.0, "{:,.1f}"), ("Cost, USD/FEU", "cost_usd", 1.0, "{:,.0f}"),
            ("kg CO2e WTW", "co2e_wtw_kg", 1.0, "{:,.0f}"), ("km", "km", 1.0, "{:,.0f}"),
            ("Risk exposure, km", "risk_km", 1.0, "{:,.0f}"))  # fmt: skip
    for label, key, scale, form in rows:
        cells = []
        for spread in result.corridors:
            low, mid, high = (v / scale for v in spread.of(key))
            cells.append(f"{form.format(low)}-{form.format(high)} ({form.format(mid)})")
        table.add_row(label, *cells)
    if result.rerouted:
        table.add_row("Routes best", *(f"{spread.routes:,}" for spread in result.corridors))
    names = {"hours": "days", "co2_wtw": "CO2e WTW", "risk_km": "risk"}
    for name, shares in result.probability_best if len(result.corridors) > 1 else ():
        label = "P(best), " + names.get(name, name)
        table.add_row(label, *(f"{share:.0%}" for _, share in shares))
    return [Text(""), table]
