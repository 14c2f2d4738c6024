"""Output channels, as real processes: closed stdout, full disk, a reader that goes away,
an encoding that cannot show the text. One line and a documented exit code, never a traceback.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from corridors.render.browser import find_browser

LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/dev/full is Linux's")
CORRIDORS = f"{shlex.quote(sys.executable)} -m corridors"
ENV = {**os.environ, "CORRIDORS_DATA": "", "PYTHONIOENCODING": "utf-8"}


NEEDS_BROWSER = pytest.mark.skipif(
    find_browser() is None and not os.environ.get("CORRIDORS_REQUIRE_BROWSER"),
    reason="no Chromium here (CI installs it and sets CORRIDORS_REQUIRE_BROWSER)",
)


def shell(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`script` in bash, with `corridors` the module under test: the issue's commands verbatim."""
    return subprocess.run(
        ["bash", "-c", f'corridors() {{ {CORRIDORS} "$@"; }}\n{script}'],
        capture_output=True,
        encoding=env.get("PYTHONIOENCODING", "utf-8"),
        timeout=120,
        env={**ENV, **env},
        check=False,
    )


def one_line(stderr: str, fragment: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("corridors: error: ") and fragment in lines[0], stderr


@pytest.mark.parametrize(
    "command",
    ["compare", "nodes --json", "--version", "--help", pytest.param("map --format png", marks=NEEDS_BROWSER)],
)
def test_a_closed_stdout_is_one_line_and_exit_7(command: str) -> None:
    done = shell(f"corridors {command} >&-")
    assert done.returncode == 7, done.stderr
    one_line(done.stderr, "cannot write to stdout: it is closed")


@LINUX
@pytest.mark.parametrize("command", ["compare", "edges --format ndjson", "--version", "--help"])
def test_a_full_disk_is_one_line_and_exit_7(command: str) -> None:
    done = shell(f"corridors {command} > /dev/full")
    assert done.returncode == 7, done.stderr
    one_line(done.stderr, "cannot write to stdout: no space left on device")


def test_head_closing_the_pipe_is_not_an_error() -> None:
    done = shell('corridors edges --format ndjson | head -1; echo "${PIPESTATUS[0]}" >&2')
    assert done.stderr == "0\n"
    assert json.loads(done.stdout)["id"]


@pytest.mark.parametrize(
    "command",
    [
        ["edges", "--format", "ndjson"],
        ["compare"],
        ["nodes", "--json"],
        pytest.param(["map", "--format", "png"], marks=NEEDS_BROWSER),  # bytes go the same way
    ],
)
def test_a_reader_gone_before_the_first_byte_exits_0_silently(command: list[str]) -> None:
    # Deterministic: the read end is closed before corridors writes, so its first write fails.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "corridors", *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            env=ENV,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_json_in_a_narrow_encoding_is_the_same_json(encoding: str) -> None:
    wide = shell("corridors nodes --json")
    narrow = shell("corridors nodes --json", PYTHONIOENCODING=encoding)
    assert narrow.returncode == 0 and narrow.stderr == ""
    assert narrow.stdout.isascii() or encoding != "ascii"
    assert json.loads(narrow.stdout) == json.loads(wide.stdout)
    assert "Gdańsk" in wide.stdout  # the wide output really has text the narrow one must escape


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_a_table_in_a_narrow_encoding_escapes_what_it_cannot_show(encoding: str) -> None:
    done = shell("corridors compare", PYTHONIOENCODING=encoding)
    assert done.returncode == 0 and done.stderr == ""
    assert "Xi'an \\u2192 Duisburg" in done.stdout.splitlines()[0]  # → is in neither encoding
    assert "\\u2500" not in done.stdout and "---" in done.stdout  # the table's lines drawn in ASCII


def test_an_error_with_a_closed_stderr_keeps_its_exit_code() -> None:
    done = shell("corridors path Aktau Moynti 2>&-")
    assert done.returncode == 4 and done.stdout == ""


def test_an_error_message_in_ascii_is_one_line(tmp_path: Path) -> None:
    done = shell("corridors path Gdańsk Mоynti", PYTHONIOENCODING="ascii")  # a Cyrillic o
    assert done.returncode == 4
    one_line(done.stderr, "unknown place 'M\\u043eynti'")
