"""`validate` and `schema`: the network file format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from corridors.cli.app import app
from corridors.cli.common import (
    View,
    deliver,
    reporting,
    show,
)
from corridors.cli.options import (
    FormatOption,
    JsonOption,
    OutputOption,
)

if TYPE_CHECKING:
    pass


@app.command(
    epilog="""\b
Examples:
  corridors validate examples/minimal-network.json
  corridors validate my-network.json --json | jq -r '.problems[] | "\\(.place): \\(.message)"'
  corridors validate my-network.json && corridors compare --data my-network.json"""
)
def validate(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Network file to check.")],
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Check a network file: every problem with its place on stdout, exit code 3 if there is any.

    Checks the JSON Schema's rules (`corridors schema`) and what a schema cannot: ids unique,
    references that resolve, km not below the great-circle distance between an edge's ends.
    """
    with reporting():
        from corridors.errors import DataError, ExitCode
        from corridors.network.loading import load_network
        from corridors.safetext import visible

        try:
            network = load_network(Path(file))
        except DataError as err:
            problems = list(err.problems)
        else:
            problems = []
        from corridors.render.exports import PROBLEM_COLUMNS, keyed_rows
        from corridors.render.jsondoc import problem_dict, validate_json

        if problems:
            text = "".join(f"{problem}\n" for problem in problems)
        else:
            counts = ", ".join(
                f"{count} {noun}{'' if count == 1 else 's'}"
                for count, noun in (
                    (len(network.nodes), "node"),
                    (len(network.edges), "edge"),
                    (len(network.sources), "source"),
                    (len(network.corridors), "corridor"),
                )
            )
            text = f"{file}: valid ({counts})\n"
        view = View(
            json=lambda: validate_json({"file": file}, problems),
            table=text,
            columns=PROBLEM_COLUMNS,
            rows=lambda: keyed_rows(PROBLEM_COLUMNS, [problem_dict(p) for p in problems]),
        )
        show(view, fmt, json_out, output)
        if problems:
            noun = "problem" if len(problems) == 1 else "problems"
            sys.stderr.write(f"corridors: error: {visible(file)}: {len(problems)} {noun}\n")
            raise typer.Exit(int(ExitCode.DATA))


@app.command(
    epilog="""\b
Examples:
  corridors schema > routes.schema.json
  corridors schema | jq '.properties | keys'"""
)
def schema(output: OutputOption = None) -> None:
    """Print the JSON Schema of network files (the format --data and validate read)."""
    with reporting():
        from importlib import resources

        text = (resources.files("corridors.network") / "routes.schema.json").read_text(encoding="utf-8")
        deliver([text if text.endswith("\n") else text + "\n"], output)
