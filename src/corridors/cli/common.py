"""What every command does around its core call: load, choose a format, deliver, report errors."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer

from corridors.cli.options import (
    Format,
)
from corridors.errors import CorridorsError, UsageError

if TYPE_CHECKING:
    from corridors.network.graph import CorridorGraph
    from corridors.network.model import Network

LARGE_NETWORK_EDGES = 20_000  # above this, load exempts the network from garbage collection


@contextmanager
def reporting() -> Iterator[None]:
    """The one place where corridors' errors become a line on stderr and an exit code."""
    try:
        yield
    except CorridorsError as err:
        sys.stderr.write(f"corridors: error: {err}\n")
        raise typer.Exit(int(err.exit_code)) from None


def load(data: str | None, *, delays: bool = False) -> tuple[Network, CorridorGraph]:
    """Load the network (borrowing the bundled parameters, and delays if asked) and build its graph."""
    import gc

    from corridors.network.graph import CorridorGraph
    from corridors.network.loading import load_for_analysis

    network = load_for_analysis(data, delays=delays)
    cgraph = CorridorGraph.build(network)
    if len(network.edges) > LARGE_NETWORK_EDGES:
        # The network lives until the command ends: keep the garbage collector from
        # walking its millions of objects again whenever a search allocates (a 100,000-
        # place route took twice as long). Small networks (and tests running many
        # commands in one process) leave the collector alone.
        gc.freeze()
    return network, cgraph


def check_year(network: Network, as_of: int | None) -> None:
    from corridors.analysis.queries import check_year

    check_year(network, as_of)


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def choose_format(fmt: Format | None, json_out: bool, allowed: Iterable[Format]) -> Format:
    """--json is short for --format json; asking for two different formats is a usage error."""
    if json_out and fmt not in (None, Format.json):
        raise UsageError(f"--json and --format {fmt.value} conflict; give one of them")
    chosen = Format.json if json_out else (fmt or Format.table)
    options = tuple(allowed)
    if chosen not in options:
        listed = ", ".join(option.value for option in options)
        raise UsageError(f"--format {chosen.value} is not available here; use one of {listed}")
    return chosen


def deliver(chunks: Iterable[str], output: str | None) -> None:
    """Stream to stdout chunk by chunk, or write the file whole with -o."""
    if output:
        from corridors.render.files import write_atomic

        write_atomic(output, chunks)
        return
    for chunk in chunks:
        emit(chunk)


def tables_text(renderables: list[Any], *, to_file: bool = False) -> str:
    from corridors.render.tables import to_text

    tty = sys.stdout.isatty() and not to_file
    color = tty and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((100, 24)).columns if tty else int(os.environ.get("COLUMNS", 100))
    return to_text(renderables, color=color, width=max(40, width))


def emit_tables(renderables: list[Any]) -> None:
    emit(tables_text(renderables))


def geojson_text(command: str, query: dict[str, Any], network: Network, build: Any, *args: Any) -> str:
    from corridors.render.jsondoc import dumps_line, envelope

    return dumps_line(build(envelope(command, query, network), network, *args))
