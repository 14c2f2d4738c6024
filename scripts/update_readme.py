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
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from corridors.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLE = re.compile(r"<!-- corridors: (?P<args>.+?) -->\n```(?P<lang>\w*)\n(?P<body>.*?)```", re.DOTALL)
TABLE = re.compile(r"(<!-- corridors-table: distance-by-destination -->\n)(?:\n?\|.*\n)*")
WIDTH = "100"
DESTINATIONS = ("duisburg", "hamburg", "warsaw", "budapest", "constanta", "istanbul")
SCENARIO_YEAR = "2027"


def jq_path(doc: Any, path: str) -> Any:
    for key, index in re.findall(r"\.(\w+)|\[(\d+)\]", path):
        doc = doc[key] if key else doc[int(index)]
    return doc


def run_example(args: str) -> str:
    """The block body for one example: the command line, then what it prints."""
    command, _, jq = args.partition(" | jq ")
    result = CliRunner().invoke(app, command.split(), env={"COLUMNS": WIDTH, "CORRIDORS_DATA": ""})
    if result.exit_code != 0:
        raise SystemExit(f"example `corridors {args}` failed: {result.stderr}")
    output = result.stdout
    if jq:
        output = json.dumps(jq_path(json.loads(output), jq), indent=2, ensure_ascii=False) + "\n"
    return f"$ corridors {args}\n{output}"


def _corridor_km(destination: str, *extra: str) -> dict[str, float]:
    args = ["compare", "--to", destination, "--json", *extra]
    result = CliRunner().invoke(app, args, env={"CORRIDORS_DATA": ""})
    if result.exit_code != 0:
        raise SystemExit(f"`corridors {' '.join(args)}` failed: {result.stderr}")
    return {c["id"]: c["totals"]["km"] for c in json.loads(result.stdout)["corridors"] if c["route_found"]}


def distance_table() -> str:
    """Middle against Northern from Xi'an, today and with the projects open by SCENARIO_YEAR."""
    lines = [
        f"| from Xi'an to | Middle km | Northern km | Middle minus Northern | same, as of {SCENARIO_YEAR} |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    listing = CliRunner().invoke(app, ["nodes", "--json"], env={"CORRIDORS_DATA": ""}).stdout
    names = {n["id"]: n["name"] for n in json.loads(listing)["nodes"]}
    for destination in DESTINATIONS:
        today = _corridor_km(destination)
        later = _corridor_km(destination, "--as-of", SCENARIO_YEAR)
        lines.append(
            f"| {names[destination]} | {today['middle']:,.0f} | {today['northern']:,.0f} "
            f"| {today['middle'] - today['northern']:+,.0f} | {later['middle'] - later['northern']:+,.0f} |"
        )
    return "\n".join(lines) + "\n"


def render(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        args = match["args"]
        return f"<!-- corridors: {args} -->\n```{match['lang']}\n{run_example(args)}```"

    text = EXAMPLE.sub(replace, text)
    return TABLE.sub(lambda match: match[1] + distance_table(), text)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    updated = render(text)
    if updated != text:
        README.write_text(updated, encoding="utf-8")
        sys.stderr.write("README.md updated\n")


if __name__ == "__main__":
    main()
