"""The tornado: each input's swing of the difference between two corridors, as bars."""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from corridors.analysis.criteria import BY_NAME, RISK_KM
from corridors.analysis.sensitivity import Sensitivity
from corridors.network.model import Network
from corridors.render.tables import plain

HALF = 10  # bar cells either side of the data's difference


def _scale(criterion: str) -> tuple[float, str]:
    if criterion == RISK_KM:
        return 1.0, "km of risk exposure"
    found = BY_NAME[criterion]
    return (24.0, "days") if found.per_day else (1.0, found.unit)


def bar(low: float, high: float, base: float, widest: float) -> str:
    """A tornado bar: the span from low to high around the base, `HALF` cells a side for `widest`."""
    cells = [" "] * (2 * HALF + 1)
    scale = HALF / widest if widest else 0.0
    ends = sorted((round((low - base) * scale), round((high - base) * scale)))
    for i in range(max(-HALF, ends[0]), min(HALF, ends[1]) + 1):
        cells[HALF + i] = "█"
    cells[HALF] = "│" if cells[HALF] == " " else "┼"
    return "".join(cells)


def sensitivity_text(network: Network, result: Sensitivity, top: int) -> list[RenderableType]:
    short = {c.id: c.short_name for c in network.corridors}
    divide, unit = _scale(result.criterion)
    a, b = short[result.corridor_a], short[result.corridor_b]
    title = (
        f"What decides {a} against {b} by {result.criterion}: {a} minus {b} = "
        f"{result.difference / divide:,.2f} {unit}; each input swung over its range"
    )
    table = Table(title=Text(plain(title)), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    table.add_column("Input")
    table.add_column("Kind")
    table.add_column("Basis")
    table.add_column("At low", justify="right")
    table.add_column("At high", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("Flips")
    table.add_column("Var.", justify="right")
    shown = result.swings[:top]
    widest = max(
        (max(abs(s.low - result.difference), abs(s.high - result.difference)) for s in shown), default=0
    )
    for s in shown:
        kind = {"km": "length", "risk": "risk"}.get(s.input.kind, "param.")
        where, _, factor = s.input.id.rpartition("/")
        name = f"{factor} {where.partition(':')[2]}" if s.input.kind == "risk" else s.input.id
        table.add_row(
            Text(plain(name)), kind, s.input.basis, f"{s.low / divide:,.2f}", f"{s.high / divide:,.2f}",
            bar(s.low, s.high, result.difference, widest), "yes" if s.flips else "",
            f"{s.variance_share:.0%}",
        )  # fmt: skip
    flippers = result.flippers
    if flippers:
        names = ", ".join(s.input.id for s in flippers[:8]) + (" ..." if len(flippers) > 8 else "")
        verdict = f"{len(flippers)} input(s) can flip the verdict within their ranges: {names}."
    else:
        verdict = "No single input can flip the verdict within its range."
    return [table, Text(plain(verdict))]
