"""The console script's first step: Ctrl-C while the command line is still importing is one line too.

Importing typer, rich and networkx takes a few tenths of a second, before `corridors.cli.main`
can catch anything; a Ctrl-C then would print Python's traceback. Until the import is done, a
signal handler prints the same line as later (exit 130) instead.
"""

from __future__ import annotations

import os
import signal
import sys


def main() -> None:
    """Import the command line with Ctrl-C answered in one line, then run it."""
    signal.signal(signal.SIGINT, _interrupted)
    from corridors.cli import main as run

    signal.signal(signal.SIGINT, signal.default_int_handler)  # from here on, main() answers it
    run()


def _interrupted(_signum: int, _frame: object) -> None:
    if sys.stderr is not None:
        sys.stderr.write("corridors: error: interrupted\n")
        sys.stderr.flush()
    os._exit(130)
