"""Every row of docs/errors.md, run: exit code, message, empty stdout, no traceback."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import diamond, model_parameters, mutated, node
from corridors.cli import app
from hardening_cases import CASES as HARDENING_CASES

DOC = (Path(__file__).resolve().parents[1] / "docs" / "errors.md").read_text(encoding="utf-8")
ROWS = {
    m[1]: (int(m[2]), m[3]) for m in re.finditer(r"^\| ([a-z0-9-]+) \|.*\| (\d) \| `(.+)` \|$", DOC, re.M)
}


def text(content: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        path = folder / "net.json"
        path.write_text(content, encoding="utf-8")
        return ["--data", str(path)]

    return make


def network(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], list[str]]:
    return text(json.dumps(mutated(diamond(), change)))


def two_named_alike(d: dict[str, Any]) -> None:
    d["nodes"].append(node("e", 0, 3, name="Kyzylzhar"))
    d["nodes"].append(node("f", 0, 4, name="Kyzylzhar"))


def without_wtt(d: dict[str, Any]) -> None:
    d["parameters"] = [p for p in model_parameters() if p["id"] != "wtt-rail"]


def huge(folder: Path) -> list[str]:
    path = folder / "huge.json"
    with path.open("wb") as handle:  # sparse: 300 MiB on paper, nothing on disk
        handle.truncate(300 * 1024 * 1024)
    return ["--data", str(path)]


def unreadable(folder: Path) -> list[str]:
    path = folder / "secret.json"
    path.write_text("{}")
    path.chmod(0)
    return ["--data", str(path)]


def nothing(_folder: Path) -> list[str]:
    return []


BUNDLED = nothing
CASES: dict[str, tuple[list[str], Callable[[Path], list[str]]]] = {
    "unknown-place": (["path", "Aktau", "Moynti"], BUNDLED),
    "ambiguous-place": (["path", "Kyzylzhar", "a"], network(two_named_alike)),
    "same-place": (["path", "Aktau", "aktau"], BUNDLED),
    "negative-k": (["path", "Aktau", "Baku", "--alternatives", "-1"], BUNDLED),
    "negative-weight": (["path", "Aktau", "Baku", "--risk-weight", "-1"], BUNDLED),
    "non-finite-number": (["pareto", "Aktau", "Baku", "--node-risk-km", "nan"], BUNDLED),
    "bad-factor-weight": (["path", "Aktau", "Baku", "--factor-weight", "sanctions=-1"], BUNDLED),
    "unknown-factor": (["path", "Aktau", "Baku", "--factor-weight", "floods=2"], BUNDLED),
    "year-out-of-range": (["compare", "--as-of", "1999"], BUNDLED),
    "unknown-criterion": (["compare", "--by", "speed"], BUNDLED),
    "unknown-corridor": (["compare", "--corridor", "suez"], BUNDLED),
    "bad-criteria": (["pareto", "Aktau", "Baku", "--criteria", "speed"], BUNDLED),
    "via-and-alternatives": (["path", "Aktau", "Baku", "--via", "Tbilisi", "--alternatives", "2"], BUNDLED),
    "avoid-an-end": (["path", "Aktau", "Baku", "--avoid", "Aktau"], BUNDLED),
    "two-formats": (["nodes", "--json", "--format", "csv"], BUNDLED),
    "bad-runs": (["simulate", "--runs", "0"], BUNDLED),
    "bad-month": (["simulate", "--month", "13"], BUNDLED),
    "batch-file-missing": (["path", "--batch", "nowhere.csv"], BUNDLED),
    "batch-with-constraints": (["path", "--batch", "pairs.csv", "--avoid", "RU"], BUNDLED),
    "unknown-edge": (["show", "aktau-alta"], BUNDLED),
    "risks-unknown-corridor": (["risks", "--corridor", "polar"], BUNDLED),
    "risks-unknown-country": (["risks", "--country", "JP"], BUNDLED),
    "risks-unknown-factor": (["risks", "--factor", "floods"], BUNDLED),
    "chart-with-format": (["compare", "--chart", "tcd", "--format", "json"], BUNDLED),
    "chart-not-here": (["pareto", "Aktau", "Baku", "--chart", "tcd"], BUNDLED),
    "chart-with-batch": (["path", "--batch", "pairs.csv", "--chart", "tcd"], BUNDLED),
    "map-half-route": (["map", "--from", "Aktau"], BUNDLED),
    "map-bad-bbox": (["map", "--bbox", "65,35,40,50"], BUNDLED),
    "map-region-and-bbox": (["map", "--region", "europe", "--bbox", "40,35,65,50"], BUNDLED),
    "unknown-command": (["frobnicate"], BUNDLED),
    "missing-argument": (["path", "Aktau"], BUNDLED),
    "no-route": (["path", "Bakhty", "Aktau"], BUNDLED),
    "constraints-cut": (
        ["path", "Aktau", "Alat", "--avoid", "ferry", "--avoid", "sea", "--avoid", "RU"],
        BUNDLED,
    ),
    "unwritable-output": (["nodes", "-o", "/no/such/dir/x.csv"], BUNDLED),
    "file-missing": (["nodes", "--data", "nowhere.json"], BUNDLED),
    "file-is-directory": (["nodes"], lambda folder: ["--data", str(folder)]),
    "file-no-permission": (["nodes"], unreadable),
    "file-empty": (["nodes"], text("")),
    "file-not-utf8": (
        ["nodes"],
        lambda folder: (
            (folder / "latin1.json").write_bytes(b"\xe9t\xe9") and ["--data", str(folder / "latin1.json")]
        ),
    ),
    "file-not-json": (["nodes"], text("these are notes\n")),
    "file-truncated": (["nodes"], text('{"nodes": [')),
    "wrong-top-level": (["nodes"], text("[]")),
    "missing-key": (["nodes"], network(lambda d: d["nodes"][0].pop("name"))),
    "wrong-type": (["nodes"], network(lambda d: d["edges"][0].update(km="120"))),
    "nan": (["nodes"], text('{"km": NaN}')),
    "infinity": (["nodes"], text('{"km": Infinity}')),
    "negative-km": (["nodes"], network(lambda d: d["edges"][0].update(km=-3))),
    "zero-km": (["nodes"], network(lambda d: d["edges"][0].update(km=0))),
    "duplicate-id": (["nodes"], network(lambda d: d["nodes"][1].update(id="a"))),
    "duplicate-key": (["nodes"], text('{"a": 1, "a": 2}')),
    "dangling-edge": (["nodes"], network(lambda d: d["edges"][1].update(to="zz"))),
    "self-loop": (["nodes"], network(lambda d: d["edges"][1].update(to="b"))),
    "risk-without-source": (["nodes"], network(lambda d: d["edges"][0]["risks"]["sanctions"].pop("sources"))),
    "country-without-node": (
        ["nodes"],
        network(lambda d: d.update(countries=[{"country": "FR", "name": "France", "risks": {}}])),
    ),
    "unknown-source": (["nodes"], network(lambda d: d["edges"][2].update(sources=["nope"]))),
    "coordinates-out-of-range": (["nodes"], network(lambda d: d["nodes"][0].update(lat=91))),
    "km-below-great-circle": (["nodes"], network(lambda d: d["edges"][0].update(km=50))),
    "unknown-key": (["nodes"], network(lambda d: d["edges"][2].update(one_way=True))),
    "missing-wtt-factor": (["nodes"], network(without_wtt)),
    "deeply-nested": (["nodes"], text("[" * 100_000 + "]" * 100_000)),
    "huge-file": (["nodes"], huge),
}

CASES.update(HARDENING_CASES)  # issue 15, items 1-5: tests/hardening_cases.py


def test_the_catalogue_and_the_tests_list_the_same_cases() -> None:
    assert len(ROWS) >= 45
    assert sorted(ROWS) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_error(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, message = ROWS[case]
    args, setup = CASES[case]
    if case == "file-no-permission" and os.geteuid() == 0:
        # root reads any file whatever its mode: make the read fail as it would for a user
        def refuse(file: object) -> None:
            raise PermissionError(13, "Permission denied", str(file))

        monkeypatch.setattr("corridors.network.reading.open_input", refuse)
    monkeypatch.chdir(tmp_path)
    extra = setup(tmp_path)
    result = CliRunner().invoke(app, [*args, *extra], env={"CORRIDORS_DATA": ""}, catch_exceptions=False)
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    first, *more = result.stderr.splitlines()
    assert first.startswith("corridors: error: ")
    # A broken network file lists each further problem on its own indented line.
    assert all(line.startswith("  ") for line in more) and (not more or code == 3), result.stderr
    fragment = message.replace("...", "").rstrip()
    assert any(fragment in line for line in [first, *more]), (fragment, result.stderr)
