"""What every command does around its core call: load, choose a format, deliver, report errors."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from corridors.cli.options import (
    Chart,
    Format,
)
from corridors.errors import CorridorsError, ExitCode, OutputError, UsageError
from corridors.safetext import visible_lines

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
        sys.stderr.write(f"corridors: error: {visible_lines(str(err))}\n")
        raise typer.Exit(int(err.exit_code)) from None
    except KeyboardInterrupt:  # Ctrl-C: one line (typer alone would exit 130 silently)
        sys.stderr.write("corridors: error: interrupted\n")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


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


class ReaderGoneError(Exception):
    """The reader of stdout went away (`| head -1`): not an error; `main` exits 0.

    Not an OSError, so click does not turn it into its own exit code 1 on the way out.
    """


def emit(text: str | bytes) -> None:
    """The one writer of stdout (text, or bytes such as a PNG): a closed, full or failing
    stdout is one error line (exit 7)."""
    out = sys.stdout
    if out is None:  # started with stdout closed (`>&-`)
        raise OutputError("cannot write to stdout: it is closed (give -o FILE to write a file)")
    try:
        if isinstance(text, bytes):
            out.flush()
            out.buffer.write(text)
            out.buffer.flush()
        else:
            out.write(text)
            out.flush()
    except BrokenPipeError:
        silence_stdout()
        raise ReaderGoneError from None
    except OSError as err:
        from corridors.network.reading import reason

        silence_stdout()
        raise OutputError(f"cannot write to stdout: {reason(err)}") from None


def silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's flush at exit cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # no stdout, or no file behind it
        pass


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


EXTENSIONS = {
    ".json": "json",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".geojson": "geojson",
    ".txt": "table",
}


@dataclass(frozen=True)
class View:
    """One result in every format it has: each renderer runs only when its format is chosen.

    `columns` and `rows` make csv, ndjson and markdown; `geojson` is there where the result
    has geometry; `charts` are the SVG charts of the result (--chart). Every result command
    hands its View to `show`, the one output path.
    """

    json: Callable[[], str]
    table: Callable[[], list[Any]] | str  # rich renderables, or plain text for people
    columns: Sequence[str]
    rows: Callable[[], Iterable[dict[str, Any]]]
    geojson: Callable[[], str] | None = None
    charts: Mapping[Chart, Callable[[], str]] = field(default_factory=dict)

    @property
    def formats(self) -> tuple[Format, ...]:
        return tuple(f for f in Format if f is not Format.geojson or self.geojson is not None)


def show(
    view: View, fmt: Format | None, json_out: bool, output: str | None, chart: Chart | None = None
) -> None:
    """Choose the format (--chart, --format, --json, else -o FILE's extension, else table); deliver it."""
    if chart is not None:
        deliver([_chart(view, chart, fmt, json_out)()], output)
        return
    if fmt is None and not json_out and output:
        guessed = EXTENSIONS.get(Path(output).suffix.lower())
        fmt = Format(guessed) if guessed else None
    chosen = choose_format(fmt, json_out, view.formats)
    chunks: Iterable[str]
    if chosen is Format.json:
        chunks = [view.json()]
    elif chosen is Format.geojson:
        assert view.geojson is not None  # choose_format allowed it
        chunks = [view.geojson()]
    elif chosen is Format.table:
        table = view.table
        chunks = [
            visible_lines(table)
            if isinstance(table, str)
            else tables_text(table(), to_file=output is not None)
        ]
    else:
        from corridors.render.exports import render_rows

        chunks = render_rows(chosen.value, view.columns, view.rows())
    deliver(chunks, output)


def _chart(view: View, chart: Chart, fmt: Format | None, json_out: bool) -> Callable[[], str]:
    """A chart is its own output: it takes no --format, and each result has its own kinds."""
    draw = view.charts.get(chart)
    if draw is None:
        kinds = " or ".join(f"--chart {kind.value}" for kind in view.charts) or "no --chart"
        raise UsageError(f"--chart {chart.value} is not available here; use {kinds}")
    if json_out or fmt is not None:
        given = "--json" if json_out else f"--format {fmt.value if fmt else ''}"
        raise UsageError(f"--chart draws SVG; {given} does not apply to it (give one of them)")
    return draw


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

    tty = sys.stdout is not None and sys.stdout.isatty() and not to_file
    color = tty and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((100, 24)).columns if tty else _columns()
    encoding = "utf-8" if to_file else getattr(sys.stdout, "encoding", None) or "utf-8"
    return to_text(renderables, color=color, width=max(40, width), encoding=encoding)


def _columns() -> int:
    """$COLUMNS when it is a width (empty, 'abc' or '-5' are not), else 100."""
    text = os.environ.get("COLUMNS", "").strip()
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) < 10_000 else 100


def emit_tables(renderables: list[Any]) -> None:
    emit(tables_text(renderables))


def geojson_text(command: str, query: dict[str, Any], network: Network, build: Any, *args: Any) -> str:
    from corridors.render.jsondoc import dumps_line, envelope

    return dumps_line(build(envelope(command, query, network), network, *args))
