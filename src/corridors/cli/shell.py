"""`completion`: shell completion scripts."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import click
import typer

from corridors.cli.app import app
from corridors.cli.common import (
    emit,
)

if TYPE_CHECKING:
    pass


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
def completion(shell: Annotated[Shell, typer.Argument(help="The shell to print a script for.")]) -> None:
    """Print the shell completion script (commands, options, and place names for FROM/TO)."""
    from click.shell_completion import get_completion_class

    completer = get_completion_class(shell.value)
    assert completer is not None  # typer registers bash, zsh and fish
    root = click.get_current_context().find_root()
    emit(completer(root.command, {}, "corridors", "_CORRIDORS_COMPLETE").source().rstrip("\n") + "\n")
