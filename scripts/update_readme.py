"""Regenerate the example outputs in README.md from the current code and data.

Each example is a comment line followed by a fenced block:

    <!-- corridors: compare --to istanbul -->
    ```text
    $ corridors compare --to istanbul
    ...output...
    ```

A `| jq PATH` suffix (a plain path such as `.routes[0].totals`) is evaluated here, so
the examples do not need jq installed. tests/test_readme.py checks the README matches.

Usage: python scripts/update_readme.py
"""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from corridors.cli import app
from corridors.errors import CorridorsError

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLE = re.compile(r"<!-- corridors: (?P<args>.+?) -->\n```(?P<lang>\w*)\n(?P<body>.*?)```", re.DOTALL)
PYTHON = re.compile(r"(<!-- python -->\n```pycon\n)(?P<body>.*?)```", re.DOTALL)
TABLE = re.compile(r"(<!-- corridors-table: (?P<name>[a-z-]+) -->\n)(?:\n?\|.*\n)*")
WIDTH = "100"
DESTINATIONS = (
    "duisburg",
    "hamburg",
    "rotterdam",
    "warsaw",
    "lodz",
    "budapest",
    "vienna",
    "milan",
    "piraeus",
    "constanta",
    "istanbul",
)
CORRIDORS = ("middle", "northern", "southern", "sea-suez", "sea-cape")
SCENARIO_YEAR = "2027"


def jq_path(doc: Any, path: str) -> Any:
    for key, index in re.findall(r"\.(\w+)|\[(\d+)\]", path):
        doc = doc[key] if key else doc[int(index)]
    return doc


def run_example(args: str) -> str:
    """The block body for one example: the command line, then what it prints.

    Suffixes understood: `| jq PATH` (a plain path), `| head -N` (first N lines), and
    `; echo "exit $?"` (an example that fails: stderr and the exit code are shown).
    """
    command, status, _ = args.partition('; echo "exit $?"')
    command, _, head = command.partition(" | head -")
    command, _, jq = command.partition(" | jq ")
    result = CliRunner().invoke(app, shlex.split(command), env={"COLUMNS": WIDTH, "CORRIDORS_DATA": ""})
    if status:
        if result.exit_code == 0:
            raise SystemExit(f"example `corridors {args}` was meant to fail")
        return f"$ corridors {args}\n{result.stdout}{result.stderr}exit {result.exit_code}\n"
    if result.exit_code != 0:
        raise SystemExit(f"example `corridors {args}` failed: {result.stderr}")
    output = result.stdout
    if jq:
        output = json.dumps(jq_path(json.loads(output), jq), indent=2, ensure_ascii=False) + "\n"
    if head:
        output = "".join(output.splitlines(keepends=True)[: int(head)])
    return f"$ corridors {args}\n{output}"


def run_python(body: str) -> str:
    """A `>>>` session run afresh: each statement's printed output follows it (as doctest reads it)."""
    import contextlib
    import io
    import os

    namespace: dict[str, Any] = {}
    out = []
    previous = os.environ.pop("CORRIDORS_DATA", None)
    try:
        for line in body.splitlines():
            if not line.startswith(">>> "):
                continue
            out.append(line + "\n")
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                try:
                    exec(line[4:], namespace)
                except CorridorsError as err:  # shown as doctest shows an exception
                    kind = f"{type(err).__module__}.{type(err).__name__}"
                    print(f"Traceback (most recent call last):\n  ...\n{kind}: {err}")
            out.append(printed.getvalue())
    finally:
        if previous is not None:
            os.environ["CORRIDORS_DATA"] = previous
    return "".join(out)


def distance_table() -> str:
    """Middle against Northern from Xi'an, today and with the projects of SCENARIO_YEAR; then the others."""
    lines = [
        f"| from Xi'an to | Middle km | Northern km | Middle minus Northern | same, as of {SCENARIO_YEAR} "
        "| Southern km | Sea via Suez km | Sea via the Cape km |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    listing = CliRunner().invoke(app, ["nodes", "--json"], env={"CORRIDORS_DATA": ""}).stdout
    names = {n["id"]: n["name"] for n in json.loads(listing)["nodes"]}
    for destination in DESTINATIONS:
        today = {ident: totals["km"] for ident, totals in _compare(destination).items()}
        later = {
            ident: totals["km"] for ident, totals in _compare(destination, "--as-of", SCENARIO_YEAR).items()
        }
        lines.append(
            f"| {names[destination]} | {today['middle']:,.0f} | {today['northern']:,.0f} "
            f"| {today['middle'] - today['northern']:+,.0f} | {later['middle'] - later['northern']:+,.0f} "
            f"| {today['southern']:,.0f} | {today['sea-suez']:,.0f} | {today['sea-cape']:,.0f} |"
        )
    return "\n".join(lines) + "\n"


def render(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        args = match["args"]
        return f"<!-- corridors: {args} -->\n```{match['lang']}\n{run_example(args)}```"

    text = EXAMPLE.sub(replace, text)
    text = PYTHON.sub(lambda match: match[1] + run_python(match["body"]) + "```", text)
    tables = {
        "distance-by-destination": distance_table,
        "scenario": scenario_table,
        "calibration": calibration_table,
        "projects": projects_table,
        "carec": carec_table,
    }
    return TABLE.sub(lambda match: match[1] + tables[match["name"]](), text)


def _compare(destination: str, *extra: str) -> dict[str, Any]:
    args = ["compare", "--to", destination, "--json", *extra]
    result = CliRunner().invoke(app, args, env={"CORRIDORS_DATA": ""})
    if result.exit_code != 0:
        raise SystemExit(f"`corridors {' '.join(args)}` failed: {result.stderr}")
    return {c["id"]: c["totals"] for c in json.loads(result.stdout)["corridors"] if c["route_found"]}


def scenario_table() -> str:
    """What the priority projects change by 2030: each corridor today and with them open."""
    lines = [
        "| from Xi'an to | corridor | km today | km 2030 | days today | days 2030 |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for destination, label in (("duisburg", "Duisburg"), ("istanbul", "Istanbul")):
        today, later = _compare(destination), _compare(destination, "--as-of", "2030")
        for corridor in CORRIDORS:
            a, b = today[corridor], later[corridor]
            cells = [
                label,
                corridor,
                f"{a['km']:,.0f}",
                f"{b['km']:,.0f}",
                f"{a['days']:.1f}",
                f"{b['days']:.1f}",
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def calibration_table() -> str:
    from corridors.analysis.calibration import TARGETS, check
    from corridors.network.graph import CorridorGraph
    from corridors.network.loading import bundled_data_path, load_network

    graph = CorridorGraph.build(load_network(bundled_data_path()))
    lines = [
        "| published figure | published | model | source | |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    units = {"days": "d", "hours": "h", "cost_usd": "USD"}
    for target in TARGETS:
        result = check(graph, target)
        unit = "x" if "/" in target.corridor else units[target.metric]
        low, high = target.low, target.high
        published = f"{low:,g} {unit}" if low == high else f"{low:,g}-{high:,g} {unit}"
        model = f"{result.model:,.2f} {unit}" if unit == "x" else f"{result.model:,.0f} {unit}"
        if target.metric == "days":
            model = f"{result.model:.1f} {unit}"
        verdict = "followed" if target.followed else "shown, not followed"
        lines.append(f"| {target.label} | {published} | {model} | `{target.source}` | {verdict} |")
    return "\n".join(lines) + "\n"


def projects_table() -> str:
    from corridors.network.loading import bundled_data_path, load_network

    lines = ["| project | status | opens |", "| --- | --- | ---: |"]
    for project in load_network(bundled_data_path()).projects:
        lines.append(f"| {project.name} | {project.status.replace('_', ' ')} | {project.opens or ''} |")
    return "\n".join(lines) + "\n"


def carec_table() -> str:
    """Published CAREC CPMM figures beside the model's, Xi'an to Duisburg, each corridor's fastest route."""
    from corridors.analysis.carec import CAREC_COUNTRIES, PUBLISHED, indicators, section_speeds
    from corridors.analysis.routing import compare_corridors
    from corridors.network.graph import CorridorGraph
    from corridors.network.loading import bundled_data_path, load_network

    network = load_network(bundled_data_path())
    year = network.as_of_year
    comparison = compare_corridors(CorridorGraph.build(network), "xian", "duisburg", by="hours")
    routes = {c.id: c.route for c in comparison.corridors if c.route is not None}
    found = {ident: indicators(ident, route, network, year) for ident, route in routes.items()}
    lines = [
        "| CPMM figure | year | published | model | model scope | source |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    units = {
        "time_hours": "h",
        "cost_usd": "USD",
        "speed_without_delay_kmh": "km/h",
        "speed_with_delay_kmh": "km/h",
    }
    for item in PUBLISHED:
        label = f"{item.label}: {item.indicator}"
        if item.edge:
            ident, crossing = next(
                (i, c) for i, f in found.items() for c in f.crossings if c.edge_id == item.edge
            )
            model = getattr(crossing, item.indicator)
            scope = f"whole crossing incl. gauge change ({ident})"
        else:
            countries = CAREC_COUNTRIES if item.scope == "all CAREC rail" else frozenset({item.scope})
            _, swod, swd = section_speeds(routes["middle"], network, year, countries)
            model = swod if item.indicator == "speed_without_delay_kmh" else swd
            scope = f"Middle Corridor legs in {'CAREC countries' if len(countries) > 1 else item.scope}"
        unit = units[item.indicator]
        published = f"{item.value:,g} {unit}"
        lines.append(
            f"| {label} | {item.year} | {published} | {model:,.1f} {unit} | {scope} | `{item.source}` |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    updated = render(text)
    if updated != text:
        README.write_text(updated, encoding="utf-8")
        sys.stderr.write("README.md updated\n")


if __name__ == "__main__":
    main()
