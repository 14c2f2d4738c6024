"""The one exception tree of corridors, and the exit codes the CLI maps it to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes: scripts branch on these, so they never change meaning."""

    OK = 0
    USAGE = 2  # bad option or argument (also click's own usage errors)
    DATA = 3  # the network file is missing, unreadable or invalid
    UNKNOWN_NODE = 4  # a place name matches no node, or several
    NO_ROUTE = 5  # the network has no route between the places asked for
    CONSTRAINED = 6  # --avoid or --via cut every route the network has
    OUTPUT = 7  # the output file (-o) cannot be written
    INTERRUPTED = 130  # Ctrl-C (SIGINT): 128 + 2, as shells report a command a signal ended


class CorridorsError(Exception):
    """Base of every error corridors reports to a user instead of a traceback."""

    exit_code: ExitCode = ExitCode.USAGE


class UsageError(CorridorsError):
    """An option value that parses but makes no sense (an unknown risk factor, a past year)."""

    exit_code = ExitCode.USAGE


class DataError(CorridorsError):
    """The network file cannot be used; carries every problem found, each with its place."""

    exit_code = ExitCode.DATA

    def __init__(self, source: str, problems: list[str]) -> None:
        from corridors.safetext import visible

        # A problem names keys from the file: a newline or an escape in one stays in its line.
        source, problems = visible(source), [visible(problem) for problem in problems]
        self.source = source
        self.problems = tuple(problems)
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        if count == 1:
            super().__init__(f"invalid network file {source}: {problems[0]}")
        else:
            lines = "\n".join(f"  {problem}" for problem in problems)
            super().__init__(f"invalid network file {source}: {count} {noun}:\n{lines}")


class UnknownNodeError(CorridorsError):
    """A place name matched no node id, name or alias (or matched several)."""

    exit_code = ExitCode.UNKNOWN_NODE


class NoRouteError(CorridorsError):
    """The usable network does not join the two places."""

    exit_code = ExitCode.NO_ROUTE


class ConstraintError(NoRouteError):
    """The network joins the places, but not once --avoid and --via are applied."""

    exit_code = ExitCode.CONSTRAINED


class OutputError(CorridorsError):
    """The file asked for with -o cannot be written (no such directory, no permission, disk full)."""

    exit_code = ExitCode.OUTPUT
