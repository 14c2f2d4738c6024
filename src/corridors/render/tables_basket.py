"""Tables for `projects` and `critical`: what a project buys, what a loss costs, over a basket."""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from corridors.analysis.critical import Criticality
from corridors.analysis.projects import ProjectRanking
from corridors.render.tables import plain


def _t(text: str) -> Text:
    return Text(plain(text))


def _table(title: str, *columns: str) -> Table:
    table = Table(title=_t(title), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i < 2 else "right")
    return table


def projects_text(ranking: ProjectRanking) -> list[RenderableType]:
    title = (
        f"Priority projects by what they save over {ranking.pairs} pairs "
        f"(routes by {ranking.by}, network as of {ranking.as_of})"
    )
    table = _table(title, "Project", "Lines of", "Opens", "Pairs", "Days", "USD/FEU", "kg CO2e WTW", "km")
    notes = []
    for p in ranking.projects:
        if p.note:
            notes.append(_t(f"{p.name} ({p.status}, {p.opens}): {p.note}"))
            continue
        table.add_row(
            _t(p.name), _t(p.corridor or "network"), str(p.opens or ""), f"{p.pairs_using}",
            f"{p.saving('hours') / 24:,.1f}", f"{p.saving('cost_usd'):,.0f}",
            f"{p.saving('co2e_wtw_kg'):,.0f}", f"{p.saving('km'):,.0f}",
        )  # fmt: skip
    foot = _t("Savings summed over the pairs whose best route uses the project; Pairs: how many.")
    return [table, foot, *notes]


def critical_text(result: Criticality, top: int) -> list[RenderableType]:
    scope = f"as of {result.as_of}" if result.as_of else "operational lines"
    title = (
        f"What the loss of one link costs over {result.pairs_routed} routed pairs "
        f"(routes by {result.by}, {scope})"
    )
    table = _table(
        title, "Edge or place", "Kind", "Pairs", "Cut off", "Extra days", "Extra USD/FEU", "Extra km"
    )
    for loss in result.losses[:top]:
        table.add_row(
            _t(loss.name), loss.kind, f"{loss.pairs_using}", f"{loss.pairs_cut}",
            f"{loss.amount('hours') / 24:,.1f}", f"{loss.amount('cost_usd'):,.0f}",
            f"{loss.amount('km'):,.0f}",
        )  # fmt: skip
    return [
        table,
        _t("Extras summed over the pairs rerouted; Pairs: how many used it; Cut off: left without a route."),
    ]
