"""Hostile batch input: each bad line is one error line of its own, and the batch goes on.

The oracle is the input itself: we know which lines we spoiled, so we know which lines must
be errors (with which line number) and which must be answered.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import diamond
from corridors.analysis import basket
from corridors.cli import app, batch

runner = CliRunner()
GOOD_CSV = b"a,d\n"
GOOD_JSON = b'{"from": "a", "to": "d"}\n'


@pytest.fixture
def net(write_json: Any) -> str:
    return str(write_json(diamond()))


def run(net: str, data: bytes) -> tuple[int, dict[int, str], list[dict[str, Any]]]:
    """Exit code, the error message of each failed line by line number, and every output doc."""
    result = runner.invoke(app, ["path", "--batch", "-", "--data", net], input=data, catch_exceptions=False)
    assert "Traceback" not in result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    errors = {doc["line"]: doc["error"]["message"] for doc in docs if "error" in doc}
    return result.exit_code, errors, docs


def answered(docs: list[dict[str, Any]]) -> int:
    return sum("routes" in doc for doc in docs)


@pytest.mark.parametrize("body", [b"from,to\n" + GOOD_CSV, GOOD_JSON], ids=["csv", "jsonl"])
def test_a_byte_order_mark_on_stdin_is_dropped(net: str, body: bytes) -> None:
    code, errors, docs = run(net, b"\xef\xbb\xbf" + body)
    assert (code, errors, answered(docs)) == (0, {}, 1)


@pytest.mark.parametrize(("head", "good"), [(b"from,to\n", GOOD_CSV), (b"", GOOD_JSON)], ids=["csv", "jsonl"])
def test_a_line_that_is_not_utf8_fails_alone(net: str, head: bytes, good: bytes) -> None:
    spoiled = good.replace(b"d", b"\xff\xfe", 1) if head else b'{"from": "a\xe9", "to": "d"}\n'
    code, errors, docs = run(net, head + good + spoiled + good)
    line = 3 if head else 2
    assert code == 2
    assert list(errors) == [line] and "not UTF-8" in errors[line]
    assert answered(docs) == 2


def test_a_huge_csv_field_fails_alone(net: str) -> None:
    field = b'"' + b"x" * 200_000 + b'"'
    code, errors, docs = run(net, b"from,to\n" + GOOD_CSV + b"a," + field + b"\n" + GOOD_CSV)
    assert code == 2 and list(errors) == [3] and "field larger than field limit" in errors[3]
    assert answered(docs) == 2


@pytest.mark.parametrize("head", [b"from,to\n", b""], ids=["csv", "jsonl"])
def test_a_line_over_the_limit_is_skipped_not_held(net: str, head: bytes) -> None:
    good = GOOD_CSV if head else GOOD_JSON
    long_line = b"a," + b"y" * (batch.MAX_LINE_BYTES + 10) + b"\n"
    code, errors, docs = run(net, head + good + long_line + good)
    line = 3 if head else 2
    assert code == 2 and list(errors) == [line] and "longer than 1,048,576 bytes" in errors[line]
    assert answered(docs) == 2


def test_endless_input_without_a_newline_stops_with_one_line(
    net: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "MAX_SKIP_BYTES", 4 * batch.MAX_LINE_BYTES)
    result = runner.invoke(
        app, ["path", "--batch", "-", "--data", net], input=b"\0" * (6 * batch.MAX_LINE_BYTES)
    )
    assert result.exit_code == 2
    assert result.stderr == "corridors: error: --batch: line 1 runs past 4 MiB: not a batch file\n"


@pytest.mark.parametrize(
    ("spoiled", "message"),
    [
        (b'{"from": "a", "to": "d", "as_of": ' + b"9" * 5000 + b"}", "an integer of 5,000 digits"),
        (b'{"from": "a", "to": "d", "as_of": -' + b"9" * 31 + b"}", "an integer of 31 digits"),
        (b'{"from": "a", "to": "d", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
        (b'{"from": "a", "to": "d", "from": "b"}', "key 'from' given twice"),
        (b'{"from": "a", "to": "d", "risk_weight": 1e400}', "risk_weight must be a number"),
        (b'{"from": "' + b"q" * 100_000 + b'", "to": "d"}', "unknown place 'qqqqq"),
    ],
    ids=["giant-int", "long-negative-int", "deep", "duplicate-key", "overflowing-float", "long-name"],
)
def test_a_spoiled_json_line_fails_alone(net: str, spoiled: bytes, message: str) -> None:
    code, errors, docs = run(net, GOOD_JSON + spoiled + b"\n" + GOOD_JSON)
    assert code in (2, 4) and list(errors) == [2] and message in errors[2], errors
    assert len(errors[2]) < 300  # the bad value is quoted, not copied whole
    assert answered(docs) == 2


def test_a_csv_header_naming_a_column_twice_is_refused(net: str) -> None:
    result = runner.invoke(app, ["path", "--batch", "-", "--data", net], input=b"from,to,from\na,d,b\n")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("corridors: error: batch CSV header on line 1: from given twice")


def pairs_error(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "pairs.csv"
    path.write_bytes(content)
    result = runner.invoke(app, ["critical", "--pairs", str(path)])
    assert result.exit_code == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    return result.stderr


def test_pairs_files_refuse_huge_fields_twice_named_columns_and_oversize(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "line 3: not valid CSV: field larger" in pairs_error(
        tmp_path, b"from,to\nAktau,Baku\nAktau," + b"x" * 200_000 + b"\n"
    )
    assert "a column is given twice" in pairs_error(tmp_path, b"from,to,from\nAktau,Baku,Alat\n")
    monkeypatch.setattr(basket, "MAX_PAIRS_BYTES", 100)
    assert "is larger than" in pairs_error(tmp_path, b"from,to\n" + b"Aktau,Baku\n" * 20)


def test_a_pairs_file_with_a_byte_order_mark_reads(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_bytes(b"\xef\xbb\xbffrom,to\nAktau,Baku\n")
    result = runner.invoke(app, ["critical", "--pairs", str(path), "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["query"]["pairs"] == str(path)
