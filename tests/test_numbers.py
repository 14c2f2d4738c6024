"""Every number option of every command refuses nan and inf, through one option type.

The command list is read from the app, so a command or option added later is covered too:
a float option that is not a `FiniteFloat` fails the first test.
"""

from __future__ import annotations

import click
import pytest
import typer
from typer.testing import CliRunner

from corridors.cli import app
from corridors.cli.options import FiniteFloat

runner = CliRunner()
PLACES = {"path": ["Aktau", "Baku"], "pareto": ["Aktau", "Baku"]}  # commands whose places are arguments


def number_options() -> list[tuple[str, str]]:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    found = []
    for name, command in sorted(group.commands.items()):
        for param in command.params:
            if isinstance(param, click.Option) and isinstance(
                param.type, click.FloatRange | type(click.FLOAT)
            ):
                found.append((name, param.opts[0]))
    return found


def test_the_commands_have_number_options_and_all_are_finite() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    options = number_options()
    assert ("compare", "--risk-weight") in options and ("simulate", "--deadline") in options
    for name, flag in options:
        param = next(
            p for p in group.commands[name].params if isinstance(p, click.Option) and p.opts[0] == flag
        )
        assert isinstance(param.type, FiniteFloat), f"{name} {flag} takes {param.type!r}"


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1e999"])
@pytest.mark.parametrize(("command", "flag"), number_options())
def test_a_non_finite_number_is_refused_at_once(command: str, flag: str, value: str) -> None:
    result = runner.invoke(app, [command, *PLACES.get(command, []), flag, value])
    assert result.exit_code == 2, (command, flag, value, result.stdout)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
