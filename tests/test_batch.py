"""path --batch: CSV or JSON Lines in, one NDJSON line per pair out, in order, streaming."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import diamond
from corridors.cli import app
from corridors.cli.batch import BatchProblem, BatchQuery, read_batch
from corridors.errors import ExitCode

runner = CliRunner()


@pytest.fixture
def net(write_json: Any) -> str:
    return str(write_json(diamond()))


def batch(net: str, text: str, *extra: str) -> Any:
    return runner.invoke(
        app, ["path", "--batch", "-", "--data", net, *extra], input=text, catch_exceptions=False
    )


def lines(result: Any) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_csv_batch_answers_each_pair_in_order(net: str) -> None:
    result = batch(net, "from,to,by,as_of,risk_weight\na,d,,,\nA,c,risk,2028,2\nd,b,,,\n")
    assert result.exit_code == 0, result.stderr
    docs = lines(result)
    assert [(d["query"]["from"], d["query"]["to"]) for d in docs] == [("a", "d"), ("a", "c"), ("d", "b")]
    assert docs[0]["routes"][0]["nodes"] == ["a", "b", "d"]
    assert docs[1]["query"]["by"] == "risk" and docs[1]["query"]["as_of"] == 2028
    assert docs[1]["query"]["risk_weight"] == 2.0
    single = json.loads(runner.invoke(app, ["path", "a", "d", "--data", net, "--json"]).stdout)
    assert docs[0] == single  # each line is the full `path --json` document


def test_json_lines_batch_and_errors_keep_going(net: str) -> None:
    text = '{"from": "a", "to": "d"}\n\n{"from": "zz", "to": "d"}\nnot json\n{"from": "a", "to": "a"}\n{"from": "b", "to": "d"}\n'
    result = batch(net, text)
    docs = lines(result)
    assert len(docs) == 5
    assert docs[0]["command"] == "path" and "routes" in docs[0]
    assert list(docs[1]) == ["schema_version", "command", "line", "error"]
    assert (docs[1]["schema_version"], docs[1]["command"], docs[1]["line"]) == (1, "path", 3)
    assert docs[1]["error"]["code"] == ExitCode.UNKNOWN_NODE
    assert docs[1]["error"]["message"].startswith("unknown place 'zz'")
    assert (docs[2]["line"], docs[2]["error"]["code"]) == (4, ExitCode.USAGE)
    assert (docs[3]["line"], docs[3]["error"]["code"]) == (5, ExitCode.USAGE)
    assert "routes" in docs[4]
    assert result.exit_code == ExitCode.UNKNOWN_NODE  # the first failure's code


def test_batch_from_a_file_with_output_file(net: str, tmp_path: Path) -> None:
    source = tmp_path / "pairs.csv"
    source.write_text("from,to\na,d\n", encoding="utf-8")
    target = tmp_path / "out.ndjson"
    result = runner.invoke(app, ["path", "--batch", str(source), "--data", net, "-o", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["routes"][0]["nodes"] == ["a", "b", "d"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("origin,to\na,d\n", "missing from; unknown 'origin'"),
        ("", None),
    ],
)
def test_batch_header_problems(net: str, text: str, message: str | None) -> None:
    result = batch(net, text)
    if message is None:
        assert result.exit_code == 0 and result.stdout == ""  # an empty batch is an empty answer
    else:
        assert result.exit_code == ExitCode.USAGE and message in result.stderr and result.stdout == ""


def test_batch_refuses_from_to_arguments_and_missing_files(net: str, tmp_path: Path) -> None:
    both = runner.invoke(app, ["path", "a", "d", "--batch", "-", "--data", net])
    assert both.exit_code == ExitCode.USAGE and "give no FROM or TO" in both.stderr
    missing = runner.invoke(app, ["path", "--batch", str(tmp_path / "none.csv"), "--data", net])
    assert missing.exit_code == ExitCode.USAGE and "cannot read" in missing.stderr


def test_read_batch_reports_bad_cells_by_line() -> None:
    items = list(
        read_batch(["from,to,as_of,risk_weight\n", "a,d,soon,\n", "a,d,,-1\n", "a,d,2030,0.5\n", "a\n"])
    )
    assert items == [
        BatchProblem(2, "as_of must be a year, got 'soon'"),
        BatchProblem(3, "risk_weight must be a number from 0 to 1000, got '-1'"),
        BatchQuery(4, "a", "d", None, 2030, 0.5),
        BatchProblem(5, "1 cells for 4 columns"),
    ]


def test_a_thousand_pairs_stream_in_order(net: str, tmp_path: Path) -> None:
    """A real process reading a pipe: one line out per pair, in input order, flushed as it goes."""
    ends = ["a", "b", "c", "d"]
    pairs = [(ends[i % 4], ends[(i + 1 + i // 4) % 4]) for i in range(1000)]
    process = subprocess.Popen(
        [sys.executable, "-m", "corridors", "path", "--batch", "-", "--data", net],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    # The first answer arrives while the input is still open: the batch streams.
    process.stdin.write("from,to\na,d\n")
    process.stdin.flush()
    first = json.loads(process.stdout.readline())
    assert first["query"]["from"] == "a" and first["query"]["to"] == "d"
    out, err = process.communicate("".join(f"{a},{b}\n" for a, b in pairs))
    docs = [json.loads(line) for line in out.splitlines()]
    assert len(docs) == len(pairs)
    failures = [d for d in docs if "error" in d]
    assert [d["line"] for d in failures] == [i + 3 for i, (a, b) in enumerate(pairs) if a == b]
    answered = [(d["query"]["from"], d["query"]["to"]) for d in docs if "error" not in d]
    assert answered == [(a, b) for a, b in pairs if a != b]
    assert process.returncode == (ExitCode.USAGE if failures else 0), err
