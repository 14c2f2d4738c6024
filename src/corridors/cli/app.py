"""The Typer app: one-line usage errors, --version, the root help."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from typer.core import TyperGroup

from corridors import __version__
from corridors.cli.common import emit
from corridors.safetext import visible_lines

if TYPE_CHECKING:
    pass


class _OneLineErrors(TyperGroup):
    """Click's usage errors as one line on stderr, like corridors' own errors."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from corridors.network.reading import READ_FILES

        READ_FILES.clear()  # the inputs of this command only
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as err:  # a bare `corridors`: the help, for people
            sys.stderr.write(err.format_message() + "\n")
            sys.exit(err.exit_code)
        except click.ClickException as err:
            hint = ""
            if isinstance(err, click.UsageError) and err.ctx is not None:
                hint = f" (see '{err.ctx.command_path} --help')"
            sys.stderr.write(f"corridors: error: {visible_lines(err.format_message())}{hint}\n")
            sys.exit(err.exit_code)
        except click.Abort:
            sys.stderr.write("corridors: aborted\n")
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    name="corridors",
    cls=_OneLineErrors,
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        emit(f"corridors {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[  # noqa: ARG001 (the eager callback prints it)
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help="Network file for the command (also after the command name, which wins).",
        ),
    ] = None,
) -> None:
    """Compare Eurasian freight corridors (Middle/Trans-Caspian and Northern) as a sourced graph.

    \b
    Examples:
      corridors compare
      corridors compare --to Istanbul --as-of 2027
      corridors path Aktau Moiynty
      corridors path Aktau Moiynty --json | jq .routes[0].totals
      corridors nodes --json | jq -r '.nodes[].id'
    """
    if data is not None and isinstance(ctx.command, click.Group):
        # `corridors --data F compare` means `corridors compare --data F`: the command's
        # default, so a --data after the command name still wins.
        ctx.default_map = {name: {"data": data} for name in ctx.command.commands}
