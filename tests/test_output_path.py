"""One output path: every result command takes --format, --json and -o, and means the same by them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridors.cli import app

RESULT_COMMANDS = [
    ("path", "Aktau", "Beineu"),
    ("compare",),
    ("pareto", "Xian", "Duisburg", "--criteria", "km,hours"),
    ("breakeven",),
    ("simulate", "--runs", "1000"),
    ("nodes",),
    ("edges",),
    ("sources",),
    ("show", "Aktau"),
    ("validate", "examples/minimal-network.json"),
]
ROOT = Path(__file__).resolve().parents[1]


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env={"CORRIDORS_DATA": "", "COLUMNS": "100"})


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("args", RESULT_COMMANDS, ids=lambda a: a[0])
def test_every_result_command_writes_csv_to_a_file(args: tuple[str, ...], tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = run(*args, "--format", "csv", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows and all(len(row) == len(rows[0]) for row in rows)


@pytest.mark.parametrize("args", RESULT_COMMANDS, ids=lambda a: a[0])
def test_every_result_command_takes_every_row_format_and_json(args: tuple[str, ...]) -> None:
    doc = json.loads(run(*args, "--json").stdout)
    assert doc["command"] == args[0] and doc["schema_version"] == 1
    assert run(*args, "--format", "json").stdout == run(*args, "--json").stdout
    for line in run(*args, "--format", "ndjson").stdout.splitlines():
        assert isinstance(json.loads(line), dict)
    assert run(*args, "--format", "markdown").stdout.startswith("| ")


@pytest.mark.parametrize(
    ("suffix", "check"),
    [
        (".json", lambda text: json.loads(text)["command"] == "compare"),
        (".csv", lambda text: text.startswith("corridor,name,")),
        (".md", lambda text: text.startswith("| corridor | name |")),
        (".ndjson", lambda text: json.loads(text.splitlines()[0])["corridor"] == "middle"),
        (".geojson", lambda text: json.loads(text)["type"] == "FeatureCollection"),
        (".txt", lambda text: "corridors compared" in text),
    ],
)
def test_the_format_follows_the_file_extension(suffix: str, check: object, tmp_path: Path) -> None:
    target = tmp_path / f"out{suffix}"
    assert run("compare", "-o", str(target)).exit_code == 0
    assert callable(check) and check(target.read_text(encoding="utf-8"))


def test_format_wins_over_the_extension_and_geojson_needs_geometry(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert run("compare", "--format", "csv", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("corridor,")
    refused = run("pareto", "Xian", "Duisburg", "--format", "geojson")
    assert refused.exit_code == 2 and "--format geojson is not available here" in refused.stderr


def test_compare_takes_from_and_to_as_arguments_or_options() -> None:
    positional = run("compare", "Khorgos", "Istanbul", "--json").stdout
    options = run("compare", "--from", "Khorgos", "--to", "Istanbul", "--json").stdout
    mixed = run("compare", "Khorgos", "--to", "Istanbul", "--json").stdout
    assert (
        json.loads(positional)["corridors"]
        == json.loads(options)["corridors"]
        == json.loads(mixed)["corridors"]
    )
    assert json.loads(positional)["query"]["from"] == "khorgos"
    both = run("compare", "Khorgos", "--from", "Aktau")
    assert both.exit_code == 2 and "not both" in both.stderr


def test_data_before_or_after_the_command_name(tmp_path: Path) -> None:
    example = str(ROOT / "examples" / "minimal-network.json")
    after = run("nodes", "--data", example, "--json").stdout
    before = run("--data", example, "nodes", "--json").stdout
    assert json.loads(before)["nodes"] == json.loads(after)["nodes"]
    assert len(json.loads(before)["nodes"]) == 3
    winner = run("--data", str(tmp_path / "missing.json"), "nodes", "--data", example, "--json")
    assert winner.exit_code == 0  # the one after the command name wins
    missing = run("--data", str(tmp_path / "missing.json"), "nodes")
    assert missing.exit_code == 3
