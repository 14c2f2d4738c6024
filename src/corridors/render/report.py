"""`corridors report`: one self-contained HTML page, offline, accessible and printable on A4.

Everything is inline: the CSS, the map and the charts as SVG (each a role="img" labelled by
its own <title> and <desc>). No script, font, image or style is fetched from anywhere, and a
Content-Security-Policy says so to the browser. Every text from the data goes through `esc`,
so a place named ``<script>`` is shown, not run. The sections are one registry (`SECTIONS`):
the contents list and the page are both made from it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from corridors import __version__
from corridors.analysis.criteria import route_label
from corridors.analysis.report import Report
from corridors.network.model import Network

# XML 1.0 forbids these characters; a browser shows U+FFFD for them anyway, say so explicitly
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def esc(text: object) -> str:
    """Text from data or the user as HTML text or attribute value: escaped, forbidden characters replaced."""
    return html.escape(_FORBIDDEN.sub("\ufffd", str(text)), quote=True)


@dataclass(frozen=True)
class Page:
    """What every section reads: the network, the report and the query as the user gave it."""

    network: Network
    report: Report
    query: Mapping[str, Any]

    def name(self, node: str) -> str:
        return self.network.nodes[node].name

    @property
    def short(self) -> dict[str, str]:
        return {c.id: c.short_name for c in self.network.corridors}

    @property
    def ends(self) -> str:
        comparison = self.report.comparison
        return f"{self.name(comparison.origin)} → {self.name(comparison.destination)}"

    @property
    def basis(self) -> str:
        as_of = self.query.get("as_of")
        return f"projects open by {as_of}" if as_of else "operational lines"


def inline_svg(svg: str, ident: str) -> str:
    """An SVG document as inline markup, labelled by its own title and description."""
    text = svg.split("?>", 1)[1].lstrip() if svg.startswith("<?xml") else svg
    text = text.replace(' role="img"', "", 1)
    text = text.replace("<svg ", f'<svg role="img" aria-labelledby="{ident}-title {ident}-desc" ', 1)
    text = text.replace("<title>", f'<title id="{ident}-title">', 1)
    text = text.replace("<desc>", f'<desc id="{ident}-desc">', 1)
    for own in re.findall(r'\sid="([\w-]+)"', text):  # the SVG's own ids (the map's clip): unique on the page
        if not own.startswith(ident + "-"):
            text = text.replace(f'id="{own}"', f'id="{ident}-{own}"')
            text = text.replace(f"url(#{own})", f"url(#{ident}-{own})")
    return text


def figure(svg: str, ident: str, caption: str) -> str:
    return (
        f'<figure id="{ident}">\n{inline_svg(svg, ident)}<figcaption>{esc(caption)}</figcaption>\n</figure>'
    )


def paragraph(text: str) -> str:
    return f"<p>{esc(text)}</p>"


def intro(text: str) -> str:
    """A paragraph that leads into the figure after it: printed on the same page."""
    return f'<p class="intro">{esc(text)}</p>'


def listing(items: list[str]) -> str:
    return "<ul>\n" + "\n".join(f"<li>{esc(item)}</li>" for item in items) + "\n</ul>"


def _sections() -> tuple[tuple[str, str, Callable[[Page], str]], ...]:
    from corridors.render import report_figures as figures
    from corridors.render import report_sections as sections

    return (
        ("verdict", "Verdict", sections.verdict),
        ("comparison", "The corridors compared", sections.comparison),
        ("map", "Map", figures.route_map),
        ("tcd", "Time/cost-distance", figures.time_cost_distance),
        ("reliability", "Reliability: door-to-door days", figures.reliability),
        ("sensitivity", "What decides the answer", figures.sensitivity),
        ("provenance", "Provenance", sections.provenance),
        ("methods", "Method notes", sections.methods),
    )


def report_html(network: Network, report: Report, query: Mapping[str, Any]) -> str:
    """The whole page as text."""
    page = Page(network, report, query)
    title = f"{page.ends}: freight corridors compared"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="corridors {esc(__version__)}">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        _header(page, title),
    ]
    for ident, heading, section in _sections():
        parts.append(f'<section id="{ident}" aria-labelledby="{ident}-h">')
        parts.append(f'<h2 id="{ident}-h">{esc(heading)}</h2>')
        parts.append(section(page))
        parts.append("</section>")
    parts += [_footer(page), "</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def data_label(network: Network) -> str:
    """Where the network came from: the bundled data by name, a user's file by its path."""
    from pathlib import Path

    from corridors.network.loading import bundled_data_path

    bundled = Path(network.label) == bundled_data_path()
    return "the data bundled with corridors" if bundled else network.label


def _header(page: Page, title: str) -> str:
    query = page.query
    risk = f"risk weight {query['risk_weight']:g}"
    details = [f"Each corridor's route {route_label(str(query['by']))}, {risk}", page.basis]
    if query.get("via"):
        details.append("via " + ", ".join(page.name(n) for n in query["via"]))
    if query.get("avoid"):
        details.append("avoiding " + ", ".join(str(a) for a in query["avoid"]))
    data = f"{data_label(page.network)}, as of {page.network.as_of}"
    contents = "".join(f'<li><a href="#{ident}">{esc(heading)}</a></li>' for ident, heading, _ in _sections())
    return (
        f"<header>\n<h1>{esc(title)}</h1>\n"
        f'<p class="lede">{esc("; ".join(details))}. Model figures per container (FEU, 40 ft). '
        f"Data: {esc(data)}.</p>\n"
        f'<nav aria-label="Contents"><ol>{contents}</ol></nav>\n</header>'
    )


def _footer(page: Page) -> str:
    return (
        f"<footer><p>Made by corridors {esc(__version__)} from {esc(data_label(page.network))} "
        f"(data as of {esc(page.network.as_of)}). Base map made with Natural Earth (public domain); "
        "measured track geometry from OpenStreetMap (© OpenStreetMap contributors, ODbL). "
        "This page is self-contained: it loads nothing from the network.</p></footer>"
    )


CSS = """
@page { size: A4; margin: 14mm 12mm 16mm; }
:root { color: #1c2833; background: #ffffff; }
body { margin: 0; font-family: sans-serif; font-size: 15px; line-height: 1.45; }
main { max-width: 1000px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.7em; margin: 0 0 0.3em; line-height: 1.2; }
h2 { font-size: 1.3em; margin: 1.6em 0 0.5em; padding-bottom: 0.15em; border-bottom: 2px solid #0072B2;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; break-after: avoid; page-break-after: avoid; }
p, li { max-width: 52em; }
.lede { color: #37474f; }
.note { color: #455a64; font-size: 0.9em; }
nav ol { display: flex; flex-wrap: wrap; gap: 0.2em 1.2em; padding: 0; margin: 0.8em 0 0; list-style: none; }
a { color: #0b5394; }
code { font-family: monospace; font-size: 0.92em; overflow-wrap: anywhere; }
figure { margin: 0.8em 0 1.2em; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { color: #455a64; font-size: 0.9em; margin-top: 0.3em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.9em;
  font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 0 0 0.4em; }
th, td { padding: 0.25em 0.5em; border-bottom: 1px solid #d5dde3; vertical-align: top; }
thead th { border-bottom: 2px solid #1c2833; vertical-align: bottom; }
th, td { text-align: left; }
.num { text-align: right; white-space: nowrap; }
td { overflow-wrap: break-word; }
li a { overflow-wrap: anywhere; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.keep, .intro { break-inside: avoid; page-break-inside: avoid; }
.intro { break-after: avoid; page-break-after: avoid; }
.small { font-size: 0.8em; }
.scroll { overflow-x: auto; }
dl.routes dt { font-weight: bold; margin-top: 0.4em; }
dl.routes dd { margin: 0 0 0 1.2em; }
footer { margin-top: 2.5em; padding-top: 0.6em; border-top: 1px solid #d5dde3; color: #455a64;
  font-size: 0.85em; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  figure svg { max-height: 245mm; }
  section { break-before: auto; }
}
"""
