"""Text that is not what it seems, in every output format and in error messages.

A hostile name carries an OSC 8 hyperlink, raw HTML, Markdown link syntax, a lone surrogate
(a JSON ``\\udc80`` escape), a bidi override, a line separator and a C1 CSI; an alias starts
with a spreadsheet formula. The oracle is the string itself: JSON formats give it back
exactly; the others must hold none of the characters a terminal, a spreadsheet, a Markdown
renderer or an XML parser would act on, and must show them instead.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import diamond, mutated
from corridors.cli import app
from corridors.errors import DataError
from corridors.network.loading import load_network
from corridors.safetext import ESCAPE_ERRORS, json_safe, visible, xml_text

NAME = "\x1b]8;;https://evil.example\x07<script>x</script>|[z](http://e)\udc80\u202eabc\u2028\x9b31m\nend"
ALIAS = "=cmd|' /C calc'!A0"
# What a terminal, a renderer or a parser would obey; none may reach a human format raw.
OBEYED = ("\x1b", "\x07", "\x9b", "\udc80", "\u202e", "\u2028")


@pytest.fixture
def hostile(tmp_path: Path) -> str:
    doc = mutated(diamond(), lambda d: d["nodes"][0].update(name=NAME, aliases=[ALIAS]))
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc), encoding="ascii")  # the surrogate as the escape \udc80
    return str(path)


def run(*args: str) -> Any:
    env = {"CORRIDORS_DATA": "", "COLUMNS": "1000"}  # wide enough that no name is cut
    result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def assert_shown_not_obeyed(out: str) -> None:
    assert not any(ch in out for ch in OBEYED), [ch for ch in OBEYED if ch in out]
    out.encode("utf-8")  # valid UTF-8: no lone surrogate left


def test_the_table_shows_every_hostile_character(hostile: str) -> None:
    out = run("nodes", "--data", hostile)
    assert_shown_not_obeyed(out)
    assert "\\u001b]8;;https://evil.example\\u0007" in out
    assert "\\udc80\\u202eabc\\u2028\\u009b31m\\u000aend" in out.replace("\n", "").replace(" ", "")


@pytest.mark.parametrize("args", [["nodes", "--json"], ["show", "a", "--json"]])
def test_json_gives_the_name_back_exactly_as_valid_utf8(hostile: str, args: list[str]) -> None:
    out = run(*args, "--data", hostile)
    assert_shown_not_obeyed(out)
    assert json.dumps(NAME) in json.dumps(json.loads(out))  # the same string, once decoded


def test_ndjson_and_geojson_give_the_name_back_exactly(hostile: str) -> None:
    lines = run("nodes", "--format", "ndjson", "--data", hostile).splitlines()
    assert json.loads(lines[0])["name"] == NAME
    geo = run("path", "a", "d", "--format", "geojson", "--data", hostile)
    assert_shown_not_obeyed(geo)
    assert json.dumps(NAME) in json.dumps(json.loads(geo))


def test_csv_neutralises_controls_and_formulas(hostile: str) -> None:
    out = run("nodes", "--format", "csv", "--data", hostile)
    assert_shown_not_obeyed(out)
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["name"] == visible(NAME, keep="\n")  # the newline stays, quoted; the rest escaped
    assert row["aliases"] == "'" + ALIAS  # a spreadsheet shows it, does not run it


def test_markdown_shows_html_links_and_pipes_literally(hostile: str) -> None:
    out = run("nodes", "--format", "markdown", "--data", hostile)
    assert_shown_not_obeyed(out)
    row = out.splitlines()[2]
    assert "<script>" not in out and "&lt;script&gt;x&lt;/script&gt;" in row
    assert "\\|\\[z\\](http://e)" in row
    assert row.count(" | ") == out.splitlines()[0].count(" | ")  # the pipe did not add a cell


@pytest.mark.parametrize("args", [["path", "a", "d", "--chart", "tcd"], ["map"]])
def test_svg_parses_and_shows_the_name(hostile: str, args: list[str]) -> None:
    out = run(*args, "--data", hostile)
    assert_shown_not_obeyed(out)
    ET.fromstring(out.encode("utf-8"))  # an XML parser accepts it
    assert "<script>" not in out


def test_error_messages_show_hostile_keys_on_one_line(tmp_path: Path) -> None:
    doc = mutated(diamond(), lambda d: d["edges"][0]["risks"].update({"\x1b[2J\u2028x\n": {"value": 0}}))
    path = tmp_path / "net.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = CliRunner().invoke(app, ["nodes", "--data", str(path)], env={"CORRIDORS_DATA": ""})
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    key = "edges[0].risks.\\u001b[2J\\u2028x\\u000a"  # escaped: no line is split by the key
    assert lines and all(ln.startswith(("corridors: error", f"  {key}")) for ln in lines), result.stderr
    assert key in result.stderr
    assert_shown_not_obeyed(result.stderr)


def test_argv_with_undecodable_bytes_and_escapes_is_one_visible_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "corridors", "path", b"\xff\x1b[2J\xe2\x80\xae", "Baku"],
        capture_output=True,
        timeout=120,
        env={"CORRIDORS_DATA": "", "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"},
        check=False,
    )
    assert done.returncode == 4 and done.stdout == b""
    err = done.stderr.decode("utf-8")  # strict: valid UTF-8
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert not any(ch in err for ch in ("\x1b", "\u202e"))
    assert "\\udcff" in err or "\\xff" in err


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("nodes[0].id", lambda d: d["nodes"][0].update(id="a\n")),
        ("edges[0].id", lambda d: d["edges"][0].update(id="a-b\n")),
        ("nodes[0].country", lambda d: d["nodes"][0].update(country="KZ\n")),
        ("sources[0].url", lambda d: d["sources"][0].update(url="https://example.org/s1\n")),
        ("risk_factors[0].id", lambda d: d["risk_factors"][0].update(id="sanctions\n")),
    ],
)
def test_an_id_with_a_trailing_newline_is_refused(tmp_path: Path, where: str, change: Any) -> None:
    path = tmp_path / "net.json"
    path.write_text(json.dumps(mutated(diamond(), change)), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_network(path)
    assert any(p.startswith(f"{where}: must") for p in caught.value.problems), caught.value.problems


def test_the_safe_text_functions_by_hand() -> None:
    assert visible("a\x1bb\u202ec\u200dd") == "a\\u001bb\\u202ec\u200dd"  # ZWJ kept: emoji, Persian
    assert visible("tag\U000e0041") == "tag\\udb40\\udc41"
    assert json.loads(json_safe(json.dumps("x\u2028\U000e0041\udc80", ensure_ascii=False))) == (
        "x\u2028\U000e0041\udc80"
    )
    assert xml_text("<a>&\x01\udc80\u202e\t") == "&lt;a&gt;&amp;\ufffd\ufffd\\u202e\t"
    assert "→ \U0001f600".encode("ascii", ESCAPE_ERRORS) == b"\\u2192 \\ud83d\\ude00"
