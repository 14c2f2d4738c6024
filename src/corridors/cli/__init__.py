"""The command line: parse, call the core, render, map errors to exit codes.

One module per command group registers its commands on `app` (cli.app). Heavy modules
(networkx, rich) are imported inside the commands that need them, so `--help` and
`--version` stay fast in shell loops.
"""

from __future__ import annotations

import copy
import errno
import io
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
    """Console-script entry point: whatever happens to stdout, one line or a quiet exit.

    A reader that goes away (`| head -1`) is not an error: exit 0. A closed, full or failing
    stdout is one error line and exit 7 (OUTPUT), from `emit` or, for click's own help
    text, here.
    """
    from corridors.cli.common import ReaderGoneError, silence_stdout
    from corridors.errors import ExitCode, OutputError
    from corridors.safetext import visible_lines

    _prepare_streams()
    try:
        _app_for(sys.argv[1:])(prog_name="corridors")
    except ReaderGoneError:
        sys.exit(0)
    except OSError as err:  # click wrote (--help) and the stream failed
        silence_stdout()
        if err.errno == errno.EPIPE:
            sys.exit(0)
        from corridors.network.reading import reason

        sys.stderr.write(f"corridors: error: {OutputError(f'cannot write to stdout: {reason(err)}')}\n")
        sys.exit(int(ExitCode.OUTPUT))
    except OutputError as err:  # from emit outside a command's reporting (--version)
        sys.stderr.write(f"corridors: error: {visible_lines(str(err))}\n")
        sys.exit(int(err.exit_code))


def _prepare_streams() -> None:
    """An encoding that cannot show a character writes an escape instead of failing (see
    safetext.py); a closed stderr swallows messages instead of failing on them."""
    from corridors.safetext import ESCAPE_ERRORS

    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115, PTH123 (lives as long as the process)
    if sys.stdout is None:  # started with stdout closed: writing (even --help) is one error line
        sys.stdout = _ClosedStdout()
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=ESCAPE_ERRORS)


class _ClosedStdout(io.TextIOBase):
    """Stands for a stdout the shell closed (`>&-`): a command that needs no stdout (`-o FILE`)
    runs as usual, and the first write is the usual error line instead of nothing at all."""

    @property
    def buffer(self) -> _ClosedStdout:  # bytes (a PNG) meet the same closed stream
        return self

    def write(self, _text: str) -> int:
        from corridors.errors import OutputError

        raise OutputError("cannot write to stdout: it is closed (give -o FILE to write a file)")
