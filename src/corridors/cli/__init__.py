"""The command line: parse, call the core, render, map errors to exit codes.

One module per command group registers its commands on `app` (cli.app). Heavy modules
(networkx, rich) are imported inside the commands that need them, so `--help` and
`--version` stay fast in shell loops.
"""

from __future__ import annotations

import copy
import os
import sys
from typing import Any

import typer

from corridors.cli import (  # noqa: F401 (register commands)
    analysis,
    basket,
    emissions,
    files,
    indicators,
    listings,
    maps,
    report,
    routes,
    sensitivity,
    shell,
)
from corridors.cli.app import app

__all__ = ["app", "main"]


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command `args` names, when it names one (none for --version).

    Typer turns every command's signature into click parameters before parsing; a run
    needs only its own command, which saves a tenth of `corridors path`'s own time. Help,
    errors and completion that need the whole app (no command, an unknown one, a
    completion request) get the whole app.
    """
    chosen: list[Any]
    if "_CORRIDORS_COMPLETE" in os.environ:
        return app
    if args == ["--version"]:  # the root callback prints it; no command is needed
        chosen = []
    elif not args or args[0].startswith("-"):
        return app
    else:
        chosen = [
            info
            for info in app.registered_commands
            if (info.name or typer.main.get_command_name(info.callback.__name__)) == args[0]  # type: ignore[union-attr]
        ]
        if not chosen:
            return app
    lean = copy.copy(app)
    lean.registered_commands = chosen
    return lean


def main() -> None:
    """Console-script entry point."""
    try:
        _app_for(sys.argv[1:])(prog_name="corridors")
    except BrokenPipeError:
        # The reader (head, less) went away: not an error of ours. Silence the
        # interpreter's own flush at exit, which would fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
