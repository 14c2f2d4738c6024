"""Tables of the analyses: break-even risk weights and simulated days."""

from __future__ import annotations

from collections.abc import Callable

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from corridors.analysis.breakeven import Breakeven, Span
from corridors.analysis.criteria import BY_NAME
from corridors.analysis.simulation import CorridorSimulation, Simulation, month_name
from corridors.network.model import Network
from corridors.render.tables import _name, _t


def breakeven_text(network: Network, result: Breakeven) -> list[RenderableType]:
    short = {c.id: c.short_name for c in network.corridors}
    unit = BY_NAME[result.metric].unit
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
                f"from 0 to {result.max_weight:g}: {_no_flip_why(result, short, unit)}.",
                "bold",
            )
        )
    if result.unreachable:
        out.append(_t(f"No route in: {', '.join(short[i] for i in result.unreachable)}.", "dim"))
    return out


def share(fraction: float) -> str:
    """A share to 0.1%, never rounded to 100.0% or 0.0% when some journeys fall on the other side."""
    if 0.999 <= fraction < 1:
        return ">99.9%"
    if 0 < fraction < 0.001:
        return "<0.1%"
    return f"{fraction:.1%}"


def _no_flip_why(result: Breakeven, short: dict[str, str], unit: str) -> str:
    """Why the preference never changes: no rival, no rival less exposed, or a flip past the range."""
    span = result.spans[-1]
    best, *rivals = span.ranking
    if not rivals:
        return "it is the only corridor with a route"
    mine = span.lines[best]
    safer = [r for r in rivals if span.lines[r].exposure < mine.exposure]  # gain on it as weight rises
    if not safer:
        return f"no corridor with a route is less exposed to risk ({mine.exposure:,.0f} {unit} at full risk)"
    weight, rival = min(
        ((span.lines[r].value - mine.value) / (mine.exposure - span.lines[r].exposure), r) for r in safer
    )
    return f"{short[rival]} would overtake it only at risk weight {weight:.4g} (raise --max-weight)"


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
                lambda c: share(c.p_within_deadline) if c.p_within_deadline is not None else "",
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
        table.add_row(span, share(count / total), _bar(count, most), " ".join(marks))
    return table
