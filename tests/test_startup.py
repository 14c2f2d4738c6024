"""Start-up shortcuts change nothing a user sees.

COMMANDS lists the commands at the time of writing; a new command is covered by the
same code path (`_app_for` looks commands up by name).
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from corridors.cli import _app_for, app

COMMANDS = [
    "path",
    "compare",
    "pareto",
    "breakeven",
    "nodes",
    "edges",
    "show",
    "sources",
    "validate",
    "schema",
    "map",
    "completion",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_lean_app_holds_only_its_command_and_helps_alike(command: str) -> None:
    lean = _app_for([command, "--help"])
    assert lean is not app
    assert len(lean.registered_commands) == 1
    runner = CliRunner()
    for args in ([command, "--help"], [command, "--no-such-option"]):
        full, short = runner.invoke(app, args), runner.invoke(lean, args)
        assert (short.exit_code, short.stdout, short.stderr) == (full.exit_code, full.stdout, full.stderr)


def test_version_needs_no_command() -> None:
    lean = _app_for(["--version"])
    assert lean.registered_commands == []
    result = CliRunner().invoke(lean, ["--version"])
    assert (result.exit_code, result.stdout) == (0, CliRunner().invoke(app, ["--version"]).stdout)


@pytest.mark.parametrize("args", [[], ["--help"], ["--version", "path"], ["pat"], ["--data", "x", "path"]])
def test_no_command_or_an_unknown_one_gets_the_whole_app(args: list[str]) -> None:
    assert _app_for(args) is app


def test_completion_requests_get_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    before = list(app.registered_commands)
    monkeypatch.setenv("_CORRIDORS_COMPLETE", "bash_complete")
    assert _app_for(["path"]) is app
    monkeypatch.delenv("_CORRIDORS_COMPLETE")
    assert _app_for(["path"]) is not app
    assert app.registered_commands == before  # the lean copy leaves the app alone


def test_large_networks_are_frozen_small_ones_are_not(monkeypatch: pytest.MonkeyPatch) -> None:
    from corridors.cli import common as cli

    frozen: list[bool] = []
    monkeypatch.setattr("gc.freeze", lambda: frozen.append(True))
    cli.load(None)  # the bundled network: far below the threshold
    assert frozen == []
    monkeypatch.setattr(cli, "LARGE_NETWORK_EDGES", 10)
    cli.load(None)
    assert frozen == [True]


@pytest.mark.parametrize(
    ("args", "imported"),
    [
        (["path", "Aktau", "Moiynty", "--json"], False),
        (["compare", "--json"], False),
        (["sources", "--json"], False),
        (["path", "Aktau", "Moiynty", "--alternatives", "2", "--json"], True),  # Yen's runs on networkx
    ],
)
def test_networkx_is_imported_only_where_a_graph_object_is_needed(args: list[str], imported: bool) -> None:
    """Importing networkx costs about as much as the rest of a route command: only Yen's needs it."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from corridors.cli import main\n"
        f"sys.argv = ['corridors', *{args!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(f\"networkx={'networkx' in sys.modules}\\n\")\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("{")  # the command ran and answered
    assert done.stderr.splitlines()[-1] == f"networkx={imported}"
