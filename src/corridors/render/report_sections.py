"""The report's text and tables: the verdict, the comparison, the simulated days, provenance, methods.

Tables are real tables (a caption, th with scope); the comparison's rows and cells are the
terminal table's own (`render.tables`), so the page and `corridors compare` say the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from corridors.analysis.criteria import route_label
from corridors.analysis.ranges import KM_HALF_WIDTH, PARAMETER_HALF_WIDTH
from corridors.network.model import Parameter
from corridors.render.report import Page, data_label, esc, listing, paragraph


def table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Iterable[int] = (),
    keep: bool = False,
) -> str:
    """A table of escaped cells, each row headed by its first; the `numeric` columns right-aligned.

    `keep`: a short table printed whole on one page.
    """
    right = set(numeric)

    def cell(tag: str, index: int, text: str, scope: str = "") -> str:
        scoped = f' scope="{scope}"' if scope else ""
        aligned = ' class="num"' if index in right else ""
        return f"<{tag}{scoped}{aligned}>{esc(text)}</{tag}>"

    head = "".join(cell("th", i, h, "col") for i, h in enumerate(headers))
    body = [
        "<tr>"
        + "".join(cell("td", i, t) if i else cell("th", i, t, "row") for i, t in enumerate(row))
        + "</tr>"
        for row in rows
    ]
    opening = '<table class="keep">' if keep else "<table>"
    return (  # a narrow screen scrolls a wide table sideways rather than cutting it
        f'<div class="scroll">{opening}\n<caption>{esc(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n'
        "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table></div>"
    )


def verdict(page: Page) -> str:
    from corridors.analysis.valueoftime import sentences

    report = page.report
    out = [listing(list(report.verdict.sentences))]
    if report.rail_sea.entries:
        out.append("<h3>Rail against sea, with the value of time</h3>")
        out.append(listing(list(sentences(report.rail_sea, page.short))))
    return "\n".join(out)


def comparison(page: Page) -> str:
    from corridors.render.tables import COMPARE_ROWS, _compare_cell  # the terminal table's cells

    corridors = page.report.comparison.corridors
    short = page.short
    rows = [
        [
            label,
            *(
                _compare_cell(cell, c.km_more_than_shortest or 0.0, c.route) if c.route else "no route"
                for c in corridors
            ),
        ]
        for label, cell in (("Total km", "km"), *COMPARE_ROWS)
    ]
    caption = (
        f"{page.ends}: each corridor's route {route_label(str(page.query['by']))}, {page.basis}; "
        "model figures per FEU"
    )
    headers = ["", *(short.get(c.id, c.id) for c in corridors)]
    out = [table(caption, headers, rows, numeric=range(1, len(headers)), keep=True)]
    reasons = {m.corridor: m.reason for m in page.report.verdict.no_route}
    out.append('<dl class="routes">')
    for c in corridors:
        via = " → ".join(page.name(n) for n in c.route.nodes) if c.route else reasons.get(c.id, "no route")
        out.append(f"<dt>{esc(c.name)}</dt><dd>{esc(via)}</dd>")
    out.append("</dl>")
    return "\n".join(out)


def simulation_table(page: Page) -> str:
    result = page.report.simulation
    deadline = result.deadline_days
    headers = ["Corridor", "Model days", "Median", "P90", "P95", "Min", "Max"]
    if deadline is not None:
        headers.append(f"Within {deadline:g} days")
    rows = []
    for c in result.corridors:
        days = c.days
        if days is None or c.model_days is None:
            rows.append([c.name, "no route", *[""] * (len(headers) - 2)])
            continue
        row = [
            c.name,
            *(f"{v:,.1f}" for v in (c.model_days, days.p50, days.p90, days.p95, days.min, days.max)),
        ]
        if deadline is not None:
            row.append(f"{100 * (c.p_within_deadline or 0.0):.1f}%")
        rows.append(row)
    caption = f"Door-to-door days over {result.runs:,} simulated journeys per corridor"
    return table(caption, headers, rows, numeric=range(1, len(headers)), keep=True)


def provenance(page: Page) -> str:
    found = page.report.provenance
    network = page.network
    whence = (
        "bundled with corridors (the network file has none of its own)"
        if found.parameters_from == "bundled"
        else "from the network file"
    )
    out = [
        paragraph(
            f"Network: {data_label(network)}, as of {network.as_of}; model parameters {whence}. "
            "Below: every source the routes above cite (for their lines, their risks and the parameters "
            "they use), every length on them not taken from a source, and every model parameter they use."
        ),
        f"<h3>Sources ({len(found.sources)})</h3>",
        _sources(page),
        f"<h3>Lengths not taken from a source ({len(found.lengths)})</h3>",
    ]
    out.append(_lengths(page))
    out.append(f"<h3>Model parameters ({len(found.parameters)})</h3>")
    ranges = ", ".join(f"{basis} ±{w:.0%}" for basis, w in PARAMETER_HALF_WIDTH.items())
    rows = [
        [p.id, p.metric, _applies(p), f"{p.value:,.4g}", p.basis, ", ".join(p.sources)]
        for p in found.parameters
    ]
    caption = f"The time, cost and emission figures the routes use (ranges: {ranges})"
    headers = ["Parameter", "Metric", "Applies to", "Value", "Basis", "Sources"]
    out.append(table(caption, headers, rows, numeric=(3,)).replace("<table>", '<table class="small">', 1))
    return "\n".join(out)


def _lengths(page: Page) -> str:
    """Estimated and derived lengths with how each was made; measured ones by id (their notes are alike)."""
    lengths = page.report.provenance.lengths
    measured = [e.id for e in lengths if e.km_basis == "measured"]
    made = [e for e in lengths if e.km_basis != "measured"]
    widths = ", ".join(f"{basis} ±{w:.0%}" for basis, w in KM_HALF_WIDTH.items() if basis != "sourced")
    out = []
    if made:
        rows = [
            [
                e.id,
                f"{page.name(e.source)} → {page.name(e.target)}",
                f"{e.km:,.0f}",
                e.km_basis,
                e.km_note or "",
            ]
            for e in made
        ]
        caption = f"Estimated and derived lengths, and how each was made (ranges: {widths})"
        headers = ["Edge", "Between", "km", "Basis", "How it was made"]
        out.append(table(caption, headers, rows, numeric=(2,)).replace("<table>", '<table class="small">', 1))
    if measured:
        out.append(
            paragraph(
                f"Measured along the track ({len(measured)}; each edge's note, shown by corridors show "
                f"EDGE, says how): {', '.join(measured)}."
            )
        )
    return "\n".join(out) or paragraph("Every length on these routes is taken from a source.")


def _applies(parameter: Parameter) -> str:
    parts = [
        f"{label} {value}"
        for label, value in (
            ("mode", parameter.mode),
            ("event", parameter.event),
            ("country", parameter.country),
            ("place", parameter.node),
            ("edge", parameter.edge),
            ("from", parameter.from_year),
        )
        if value is not None
    ]
    return ", ".join(parts) or "every leg"


def _sources(page: Page) -> str:
    items = []
    for source in page.report.provenance.sources:
        year = f" ({source.year})" if source.year else ""
        url = source.url
        link = f'<a href="{esc(url)}">{esc(url)}</a>' if url.startswith(("https://", "http://")) else esc(url)
        items.append(
            f"<li><cite>{esc(source.title)}</cite>. {esc(source.publisher)}{esc(year)}. "
            f"<code>{esc(source.id)}</code> {link}</li>"
        )
    return '<ol class="small">\n' + "\n".join(items) + "\n</ol>"


def methods(page: Page) -> str:
    from corridors.render.report_methods import notes

    out = []
    for heading, text in notes(page):
        marked = re.sub("`([^`]+)`", r"<code>\1</code>", esc(text))  # escaped first: only our backticks
        out.append(f"<h3>{esc(heading)}</h3>\n<p>{marked}</p>")
    return "\n".join(out)
