"""`completion`: shell completion scripts."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
import typer.completion

from corridors.cli.app import app
from corridors.cli.common import (
    emit,
)
from corridors.errors import ExitCode

if TYPE_CHECKING:
    pass


class _InstallError(click.ClickException):
    exit_code = int(ExitCode.OUTPUT)


_typer_install = typer.completion.install  # type: ignore[attr-defined]


def _install(*args: Any, **kwargs: Any) -> Any:
    """typer's --install-completion, with a home it cannot write (read-only, missing) as one line."""
    try:
        return _typer_install(*args, **kwargs)
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        raise _InstallError(f"cannot install completion: {where}{err.strerror or err}") from None


typer.completion.install = _install  # type: ignore[attr-defined]


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@app.command(
    epilog="""\b
Examples:
  corridors completion bash > ~/.local/share/bash-completion/completions/corridors
  corridors completion zsh > ~/.zfunc/_corridors
  corridors completion fish > ~/.config/fish/completions/corridors.fish"""
)
def completion(
    shell: Annotated[Shell, typer.Argument(case_sensitive=False, help="The shell to print a script for.")],
) -> None:
    """Print the shell completion script (commands, options, and place names for FROM/TO)."""
    from click.shell_completion import get_completion_class

    completer = get_completion_class(shell.value)
    assert completer is not None  # typer registers bash, zsh and fish
    root = click.get_current_context().find_root()
    emit(completer(root.command, {}, "corridors", "_CORRIDORS_COMPLETE").source().rstrip("\n") + "\n")
