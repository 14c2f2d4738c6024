"""Every row of docs/errors.md, run: exit code, message, empty stdout, no traceback."""

from __future__ import annotations

import ast
import json
import os
import re
import shlex
import subprocess
import sys
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
    m[1]: (int(m[2]), m[3]) for m in re.finditer(r"^\| ([a-z0-9-]+) \|.*\| (\d+) \| `(.+)` \|$", DOC, re.M)
}
SOURCE = Path(__file__).resolve().parents[1] / "src" / "corridors"
RAISED = {"UsageError", "UnknownNodeError", "NoRouteError", "ConstraintError", "OutputError", "_InstallError"}
# Raise sites the command line cannot reach, each with the reason (keyed by file and message text).
UNREACHABLE = {
    ("analysis/breakeven.py", "breakeven compares by one of "): "--by offers only those (click)",
    ("analysis/simulation.py", "--runs must be between 1 and "): "click's range on --runs says it first",
    ("analysis/simulation.py", "--seed must be 0 or more, got "): "click's range on --seed says it first",
    ("analysis/simulation.py", "--month must be 1 to 12, got "): "click's range on --month says it first",
    ("analysis/pareto.py", " labels; use fewer --criteria or a smaller network"): "needs a huge network",
    ("analysis/scenario.py", "unknown criterion "): "--by offers only the criteria (click)",
    ("render/browser.py", "Chromium failed to render "): "a broken Chromium",
    ("render/browser.py", "Chromium made no screenshot (exit "): "a broken Chromium",
    ("render/browser.py", "the SVG has no width and height to render at"): "the map always sets them",
    ("render/browser.py", "PNG needs Chromium, and none is installed (Debian: apt-get install chromium)"): (
        "depends on the machine; the exit code table states it"
    ),
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


def batch_file(content: bytes, flag: str = "--batch") -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        path = folder / "pairs.csv"
        path.write_bytes(content)
        return [flag, str(path)]

    return make


def pairs(content: bytes) -> Callable[[Path], list[str]]:
    return batch_file(content, "--pairs")


def sparse_pairs(folder: Path) -> list[str]:
    path = folder / "pairs.csv"
    with path.open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    return ["--pairs", str(path)]


def sparse_batch(folder: Path) -> list[str]:
    path = folder / "zeros.csv"  # a header, then 70 MiB of zero bytes and no newline, not written
    with path.open("wb") as handle:
        handle.write(b"from,to\n")
        handle.truncate(70 * 1024 * 1024)
    return ["--batch", str(path)]


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
    "factor-weight-form": (["path", "Aktau", "Baku", "--factor-weight", "sanctions"], BUNDLED),
    "factor-weight-not-number": (["path", "Aktau", "Baku", "--factor-weight", "sanctions=x"], BUNDLED),
    "place-is-a-country": (["path", "Aktau", "Russia"], BUNDLED),
    "place-too-long": (["path", "Aktau", "q" * 10_000], BUNDLED),
    "waypoint-next-to-itself": (["path", "Aktau", "Baku", "--via", "Aktau"], BUNDLED),
    "via-and-avoid": (["path", "Aktau", "Baku", "--via", "Tbilisi", "--avoid", "Tbilisi"], BUNDLED),
    "avoid-end-country": (["path", "Xian", "Duisburg", "--avoid", "CN"], BUNDLED),
    "origin-twice": (["compare", "Aktau", "--from", "Aktau"], BUNDLED),
    "destination-twice": (["compare", "Aktau", "Baku", "--to", "Baku"], BUNDLED),
    "pareto-risk-criterion": (["pareto", "Aktau", "Baku", "--criteria", "risk"], BUNDLED),
    "deadline-too-far": (["simulate", "--deadline", "1e9"], BUNDLED),
    "sensitivity-one-corridor": (["sensitivity", "--corridor", "middle"], BUNDLED),
    "sensitivity-one-route": (["sensitivity", "--from", "Aktau", "--to", "Baku"], BUNDLED),
    "format-not-here": (["sources", "--format", "geojson"], BUNDLED),
    "map-compare-needs-ends": (["map", "--compare"], BUNDLED),
    "no-corridor-route": (["compare", "--from", "Bakhty", "--to", "Aktau"], BUNDLED),
    "missing-from": (["path"], BUNDLED),
    "batch-with-places": (["path", "Aktau", "Baku"], batch_file(b"from,to\nAktau,Baku\n")),
    "batch-csv-header": (["path"], batch_file(b"frm,to\nAktau,Baku\n")),
    "batch-column-twice": (["path"], batch_file(b"from,to,from\nAktau,Baku,Alat\n")),
    "batch-first-line-unreadable": (["path"], batch_file(b"\xe9\nAktau,Baku\n")),
    "batch-not-a-batch-file": (["path"], sparse_batch),
    "pairs-file-missing": (["critical", "--pairs", "nowhere.csv"], BUNDLED),
    "pairs-not-utf8": (["critical"], pairs(b"\xe9\n")),
    "pairs-too-large": (["critical"], sparse_pairs),
    "pairs-bad-csv": (["critical"], pairs(b"from,to\nAktau," + b"x" * 200_000 + b"\n")),
    "pairs-column-twice": (["critical"], pairs(b"from,to,from\nAktau,Baku,Alat\n")),
    "pairs-half": (["critical"], pairs(b"from,to\nAktau,\n")),
    "pairs-same-place": (["critical"], pairs(b"from,to\nAktau,aktau\n")),
    "pairs-none": (["critical"], pairs(b"from,to\n")),
    "output-is-directory": (["nodes"], lambda folder: ["-o", str(folder)]),
    "completion-unwritable-home": (["--install-completion"], BUNDLED),
    "no-such-option": (["path", "Aktau", "Baku", "--bogus"], BUNDLED),
    "option-needs-value": (["path", "Aktau", "Baku", "--by"], BUNDLED),
    "bad-choice": (["path", "Aktau", "Baku", "--format", "xml"], BUNDLED),
    "not-an-integer": (["compare", "--as-of", "x"], BUNDLED),
    "extra-argument": (["path", "Aktau", "Baku", "Tbilisi"], BUNDLED),
    "interrupted": (["nodes"], BUNDLED),
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


ENV = {
    "completion-unwritable-home": {"HOME": "/proc/none", "SHELL": "/bin/bash"},
}


def test_the_catalogue_and_the_tests_list_the_same_cases() -> None:
    assert len(ROWS) >= 90
    assert sorted(ROWS) == sorted(CASES)


def raise_sites() -> set[tuple[str, str]]:
    """(file, the longest literal piece of the message) of each raise of a corridors error."""
    sites = set()
    for path in SOURCE.rglob("*.py"):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.args):
                continue
            if call.func.id not in RAISED:
                continue
            message = call.args[0]
            if isinstance(message, ast.Constant):
                pieces = [message.value]
            elif isinstance(message, ast.JoinedStr):
                pieces = [v.value for v in message.values if isinstance(v, ast.Constant)]
            else:
                continue  # a message made elsewhere (no_route_message): its own raise sites count
            literal = max((str(p) for p in pieces), key=len, default="")
            if len(literal.strip()) >= 4:
                sites.add((path.relative_to(SOURCE).as_posix(), literal))
    return sites


def test_every_raise_site_has_a_row() -> None:
    messages = [message for _, message in ROWS.values()]
    missing = sorted(
        site
        for site in raise_sites() - set(UNREACHABLE)
        if not any(site[1].strip() in message for message in messages)
    )
    assert not missing, f"docs/errors.md has no row for these raise sites: {missing}"
    assert set(UNREACHABLE) <= raise_sites()  # a site that went away leaves the list too


# Rows about stdout itself: run in a real shell, since the test runner owns stdout in-process.
SHELL = {"stdout-closed": "compare >&-", "stdout-full": "compare > /dev/full"}
CASES.update({case: ([], lambda _folder: []) for case in SHELL})


def _in_a_shell(case: str) -> None:
    code, message = ROWS[case]
    command = f"{shlex.quote(sys.executable)} -m corridors {SHELL[case]}"
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == code, done.stderr
    assert done.stderr == f"corridors: error: {message}\n"


@pytest.mark.parametrize("case", sorted(CASES))
def test_error(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if case in SHELL:
        _in_a_shell(case)
        return
    code, message = ROWS[case]
    args, setup = CASES[case]
    if case == "file-no-permission" and os.geteuid() == 0:
        # root reads any file whatever its mode: make the read fail as it would for a user
        def refuse(file: object) -> None:
            raise PermissionError(13, "Permission denied", str(file))

        monkeypatch.setattr("corridors.network.reading.open_input", refuse)
    if case == "interrupted":  # as if the user pressed Ctrl-C while the network loads

        def interrupt(*_args: object, **_kwargs: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr("corridors.network.loading.load_for_analysis", interrupt)
        monkeypatch.setattr("corridors.network.loading.load_network", interrupt)
    monkeypatch.chdir(tmp_path)
    extra = setup(tmp_path)
    env = {"CORRIDORS_DATA": "", **ENV.get(case, {})}
    result = CliRunner().invoke(app, [*args, *extra], env=env, catch_exceptions=False)
    assert result.exit_code == code, result.stderr
    # A batch reports the lines before the one that stops it on stdout, as its data.
    assert result.stdout == "" or case == "batch-not-a-batch-file"
    assert "Traceback" not in result.stderr
    first, *more = result.stderr.splitlines()
    assert first.startswith("corridors: error: ")
    # A broken network file lists each further problem on its own indented line.
    assert all(line.startswith("  ") for line in more) and (not more or code == 3), result.stderr
    fragment = message.replace("...", "").rstrip()
    assert any(fragment in line for line in [first, *more]), (fragment, result.stderr)
