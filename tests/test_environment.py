"""The environment: $COLUMNS of any value, narrow terminals, an unusable HOME, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from corridors.cli import app

runner = CliRunner()


def run(args: list[str], **env: str) -> str:
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("columns", ["", "abc", "-5", "0", "1e3", "\u0663\u0660"])
def test_columns_that_are_not_a_width_mean_the_default(columns: str) -> None:
    assert run(["nodes"], COLUMNS=columns) == run(["nodes"], COLUMNS="100")


@pytest.mark.parametrize("width", ["60", "72", "80"])
def test_a_narrow_table_keeps_every_number_whole(width: str) -> None:
    """The km of each corridor, from --json, appears whole in the table while the numbers fit.

    (At 60 columns the six columns of names and numbers leave each name under ten letters.)
    """
    doc = json.loads(run(["compare", "--json"]))
    figures = [f"{c['totals']['km']:,.0f}" for c in doc["corridors"] if c["route_found"]]
    assert len(figures) >= 4
    table = run(["compare"], COLUMNS=width)
    assert "\u2026" not in table
    for figure in figures:
        assert figure in table, (figure, table)


@pytest.mark.parametrize(
    "args",
    [
        ["path", "Xian", "Duisburg"],
        ["edges"],
        ["sources"],
        ["risks"],
        ["simulate", "--runs", "50"],
        ["carec"],
        ["emissions"],
        ["pareto", "Aktau", "Baku"],
        ["show", "aktau"],
    ],
)
def test_no_table_cuts_text_with_an_ellipsis(args: list[str]) -> None:
    for width in ("40", "70"):
        table = run(args, COLUMNS=width)
        assert "\u2026" not in table
        assert max(len(line) for line in table.splitlines()) <= int(width)


def entry(*args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from corridors.cli import main; main()", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


def test_completion_install_into_a_home_that_cannot_be_written_is_one_line() -> None:
    process = entry("--install-completion", HOME="/proc/no-such-home", SHELL="/bin/bash")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 7, err
    assert out == ""
    assert err.startswith("corridors: error: cannot install completion: /proc/no-such-home")
    assert err.count("\n") == 1


def test_ctrl_c_is_one_line_and_exit_code_130() -> None:
    process = entry("path", "--batch", "-")
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("from,to\nAktau,Baku\n")
    process.stdin.flush()
    assert '"routes"' in process.stdout.readline()  # the batch is running, waiting for more
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (130, "", "corridors: error: interrupted\n")
