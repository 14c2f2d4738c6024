"""The CLI contract: exit codes, stdout for data, stderr for people, JSON that parses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import diamond, mutated
from corridors import __version__
from corridors.cli import app
from corridors.errors import ExitCode
from corridors.network.loading import bundled_data_path

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def net(write_json: Any) -> str:
    return str(write_json(diamond()))


def assert_failure(result: Any, code: ExitCode, message: str) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"corridors {__version__}\n"


def test_path_json_contract(net: str) -> None:
    result = run("path", "A", "d", "--data", net, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    assert list(doc)[:5] == ["schema_version", "command", "query", "network", "routes"]
    assert doc["schema_version"] == 1 and doc["command"] == "path"
    assert doc["query"] == {
        "from": "a",
        "to": "d",
        "by": "km",
        "alternatives": 0,
        "via": [],
        "avoid": [],
        "risk_weight": 1.0,
        "factor_weights": {},
        "node_risk_km": 100.0,
        "as_of": None,
        "data": net,
    }
    first, second = doc["routes"]
    assert first["criterion"] == "km" and first["nodes"] == ["a", "b", "d"]
    assert second["criterion"] == "risk" and second["nodes"] == ["a", "c", "d"]
    assert first["totals"]["km"] == sum(leg["km"] for leg in first["legs"]) == 240
    amounts = ("hours", "cost_usd", "co2e_kg", "co2e_wtw_kg")
    leg = {key: first["legs"][0][key] for key in first["legs"][0] if key not in amounts}
    # Well to wheel by hand, from the bundled defaults the file borrows: km x (TTW + WTT) x cargo.
    bundled = json.loads(bundled_data_path().read_text(encoding="utf-8"))["parameters"]
    default = {(p["metric"], p.get("mode")): p["value"] for p in bundled if p["id"].endswith("-default")}
    cargo = next(p["value"] for p in bundled if p["metric"] == "cargo_t")
    factor = default[("co2e_kg_per_t_km", "rail")] + default[("co2e_wtt_kg_per_t_km", "rail")]
    assert first["legs"][0]["co2e_wtw_kg"] == pytest.approx(120 * factor * cargo, abs=0.05)
    assert leg == {
        "from": "a",
        "to": "b",
        "edge_id": "a-b",
        "mode": "rail",
        "km": 120,
        "km_basis": "sourced",
        "status": "operational",
        "opens": None,
        "gauge_mm": 1520,
        "corridors": ["west"],
        "risk": 0.8,
        "risk_km": 96.0,
        "sources": ["s1"],
    }
    assert "\x1b" not in result.stdout


def test_json_is_deterministic(net: str) -> None:
    outputs = {run("compare", "--from", "a", "--to", "d", "--data", net, "--json").stdout for _ in range(3)}
    assert len(outputs) == 1


def test_path_table_shows_both_routes(net: str) -> None:
    result = run("path", "a", "d", "--data", net)
    assert result.exit_code == 0
    assert "A → D: shortest by km" in result.stdout
    assert "A → D: lowest risk-weighted km" in result.stdout
    assert "\x1b" not in result.stdout  # not a terminal: no colour codes


def test_scenario_year_adds_projects(net: str) -> None:
    today = json.loads(run("compare", "--from", "a", "--to", "d", "--data", net, "--json").stdout)
    later = json.loads(
        run("compare", "--from", "a", "--to", "d", "--data", net, "--json", "--as-of", "2028").stdout
    )
    east = next(c for c in today["corridors"] if c["id"] == "east")
    east_later = next(c for c in later["corridors"] if c["id"] == "east")
    assert (east["totals"]["km"], east_later["totals"]["km"]) == (280, 265)
    assert later["query"]["as_of"] == 2028


def test_compare_json(net: str) -> None:
    doc = json.loads(run("compare", "--from", "a", "--to", "d", "--data", net, "--json").stdout)
    assert doc["command"] == "compare" and doc["shortest_corridor"] == "west"
    assert [(c["id"], c["route_found"], c["km_more_than_shortest"]) for c in doc["corridors"]] == [
        ("east", True, 40),
        ("west", True, 0),
    ]
    for corridor in doc["corridors"]:
        assert {"id", "nodes", "legs", "totals"} <= set(corridor)


def test_nodes(net: str) -> None:
    doc = json.loads(run("nodes", "--data", net, "--json").stdout)
    assert [n["id"] for n in doc["nodes"]] == ["a", "b", "c", "d"]
    assert doc["nodes"][1]["corridors"] == ["west"]
    table = run("nodes", "--data", net).stdout
    assert "east, west" in table


def test_unknown_node_suggests(net: str) -> None:
    result = run("path", "aa", "d", "--data", net)
    assert_failure(result, ExitCode.UNKNOWN_NODE, "corridors: error: unknown place 'aa'; did you mean a")


def test_no_route(write_json: Any) -> None:
    doc = mutated(diamond(), lambda d: d["edges"].__delitem__(slice(0, 2)))
    result = run("path", "a", "b", "--data", str(write_json(doc)))
    assert_failure(result, ExitCode.NO_ROUTE, "no route from a to b on operational lines")


def test_broken_data_file(write_json: Any) -> None:
    doc = mutated(diamond(), lambda d: d["edges"][0].update(km=-5))
    path = str(write_json(doc))
    result = run("compare", "--data", path)
    assert_failure(result, ExitCode.DATA, f"invalid network file {path}: edges[0].km: must be positive")


def test_data_from_environment(net: str) -> None:
    result = run("nodes", "--json", env={"CORRIDORS_DATA": net})
    assert [n["id"] for n in json.loads(result.stdout)["nodes"]] == ["a", "b", "c", "d"]
    missing = run("nodes", env={"CORRIDORS_DATA": "/nonexistent/net.json"})
    assert_failure(missing, ExitCode.DATA, "/nonexistent/net.json: file not found")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["path", "a", "d", "--by", "speed"], ExitCode.USAGE, "'speed' is not one of"),
        (["path", "a", "d", "--risk-weight", "-1"], ExitCode.USAGE, "--risk-weight"),
        (["path", "a", "d", "--as-of", "1999"], ExitCode.USAGE, "--as-of must be a year from 2026"),
        (["path", "a", "d", "--as-of", "3000"], ExitCode.USAGE, "to 2100, got 3000"),
        (
            ["path", "a", "d", "--factor-weight", "floods=2"],
            ExitCode.USAGE,
            "unknown risk factor 'floods'; the data has sanctions, weather",
        ),
        (["path", "a", "d", "--factor-weight", "sanctions"], ExitCode.USAGE, "takes FACTOR=W"),
        (["path", "a", "d", "--factor-weight", "sanctions=x"], ExitCode.USAGE, "'x' is not a number"),
        (["path", "a", "a"], ExitCode.USAGE, "same place"),
        (["path", "a"], ExitCode.USAGE, "Missing argument 'TO'"),
    ],
)
def test_bad_options(net: str, args: list[str], code: ExitCode, message: str) -> None:
    result = run(*args, "--data", net)
    assert_failure(result, code, message)


@pytest.mark.parametrize(
    "command",
    sorted(info.name or info.callback.__name__ for info in app.registered_commands if info.callback),
)
def test_every_command_has_help_with_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"corridors {command}" in result.stdout


def test_console_script_runs_as_a_module(net: str) -> None:
    """One real process: `python -m corridors` with the real entry point."""
    done = subprocess.run(
        [sys.executable, "-m", "corridors", "path", "a", "d", "--data", net, "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["routes"][0]["nodes"] == ["a", "b", "d"]
    failed = subprocess.run(
        [sys.executable, "-m", "corridors", "path", "zz", "d", "--data", net],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == ExitCode.UNKNOWN_NODE
    assert failed.stdout == ""
    assert failed.stderr.count("\n") == 1 and "Traceback" not in failed.stderr


def test_closed_stdout_is_not_an_error(net: str, tmp_path: Path) -> None:
    """`corridors nodes | head -1` must not print a BrokenPipeError traceback."""
    done = subprocess.run(
        f"{sys.executable} -m corridors nodes --data {net} --json | head -c 1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.stdout == "{"
    assert "Traceback" not in done.stderr and "Error" not in done.stderr


def output_schema() -> dict[str, Any]:
    from importlib import resources

    loaded: dict[str, Any] = json.loads(
        (resources.files("corridors.render") / "output.schema.json").read_text(encoding="utf-8")
    )
    return loaded


@pytest.mark.parametrize(
    "args",
    [
        ["path", "a", "d", "--json"],
        ["path", "a", "c", "--json", "--by", "risk"],
        ["compare", "--from", "a", "--to", "d", "--json", "--as-of", "2030"],
        ["compare", "--from", "a", "--to", "b", "--json"],
        ["nodes", "--json"],
        ["path", "a", "d", "--json", "--alternatives", "3", "--by", "hours"],
        ["pareto", "a", "d", "--json"],
        ["breakeven", "--from", "a", "--to", "d", "--json"],
    ],
)
def test_json_output_satisfies_its_schema(net: str, args: list[str]) -> None:
    import jsonschema

    doc = json.loads(run(*args, "--data", net).stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(doc)


def test_hostile_names_are_shown_literally(write_json: Any) -> None:
    def hostile(d: dict[str, Any]) -> None:
        d["nodes"][0]["name"] = "[bold red]Evil[/] \x1b[31mred\x1b[0m \u202eabc"
        d["nodes"][3]["name"] = "[link=https://example.org]click[/link]"
        d["nodes"][1]["name"] = "e\u0301\u0301 " + "long " * 2000 + "\u05e9\u05dc\u05d5\u05dd"

    path = str(write_json(mutated(diamond(), hostile)))
    table = run("path", "a", "d", "--data", path).stdout
    assert "[bold red]Evil[/]" in table
    assert "[link=https://example.org]click[/link]" in table
    assert "\x1b" not in table and "\u202e" not in table
    assert "\\u001b[31mred" in table and "\\u202eabc" in table
    long_path = run("path", "a", "d", "--via", "b", "--data", path)  # a 10,000-character name
    assert (
        long_path.exit_code == 0
        and "e\u0301\u0301" in long_path.stdout
        and "\u05e9\u05dc" in long_path.stdout
    )
    doc = run("nodes", "--data", path, "--json").stdout
    assert "\x1b" not in doc and "\u202e" not in doc
    assert json.loads(doc)["nodes"][0]["name"] == "[bold red]Evil[/] \x1b[31mred\x1b[0m \u202eabc"


def test_constraints_that_leave_no_route_exit_6(net: str) -> None:
    result = run("path", "a", "d", "--avoid", "rail", "--data", net)
    assert_failure(result, ExitCode.CONSTRAINED, "--avoid rail cut every route (without them there is one)")
    result = run("compare", "--from", "a", "--to", "d", "--avoid", "b", "--avoid", "UZ", "--data", net)
    assert_failure(result, ExitCode.CONSTRAINED, "--avoid UZ, b together cut every route")
    assert_failure(
        run("path", "a", "d", "--avoid", "a", "--data", net), ExitCode.USAGE, "an end of the route"
    )
    assert_failure(
        run("path", "a", "d", "--via", "b", "--avoid", "b", "--data", net),
        ExitCode.USAGE,
        "--via and --avoid both name b",
    )


def test_alternatives_and_via_in_json(net: str) -> None:
    doc = json.loads(run("path", "a", "d", "--alternatives", "3", "--json", "--data", net).stdout)
    assert [r["nodes"] for r in doc["routes"]] == [["a", "b", "d"], ["a", "c", "d"]]
    assert doc["query"]["alternatives"] == 3
    via = json.loads(run("path", "a", "d", "--via", "C", "--json", "--data", net).stdout)
    assert via["routes"][0]["nodes"] == ["a", "c", "d"] and via["query"]["via"] == ["c"]
    failed = run("path", "a", "d", "--via", "c", "--alternatives", "2", "--data", net)
    assert_failure(failed, ExitCode.USAGE, "--alternatives cannot be combined with --via")


def test_review_fixes_batch_rejects_route_constraints(net: str, tmp_path: Path) -> None:
    batch = tmp_path / "pairs.csv"
    batch.write_text("from,to\na,d\n")
    for extra in (["--avoid", "b"], ["--via", "c"], ["--alternatives", "2"]):
        result = run("path", "--batch", str(batch), *extra, "--data", net)
        assert_failure(result, ExitCode.USAGE, "do not apply to --batch")


def test_review_fixes_compare_tells_a_cut_from_no_route(write_json: Any) -> None:
    # East alone joins a and d; west alone does not reach c. Avoiding UZ leaves no corridor
    # route to c, but without it only east reaches c: exit 6. Avoiding AZ changes nothing for
    # a -> b in east (east never reaches b): plain exit 5.
    path = str(write_json(diamond()))
    cut = run("compare", "--from", "a", "--to", "c", "--avoid", "UZ", "--data", path)
    assert cut.exit_code == ExitCode.USAGE  # c itself is in UZ: an end of the route
    no_route = run("compare", "--from", "b", "--to", "c", "--avoid", "AZ", "--data", path)
    assert_failure(no_route, ExitCode.NO_ROUTE, "no corridor joins b and c")
    breakeven = run("breakeven", "--from", "a", "--to", "d", "--avoid", "rail", "--data", path)
    assert_failure(breakeven, ExitCode.CONSTRAINED, "--avoid rail cut every route")


def test_review_fixes_stop_notes_follow_the_route_not_the_place() -> None:
    """Via Baku the route passes Alat twice; only the first departure follows a transshipment."""
    table = run(
        "path", "Xian", "Duisburg", "--via", "Baku", env={"CORRIDORS_DATA": "", "COLUMNS": "200"}
    ).stdout
    first_route = table.split("Total")[0]  # the risk-weighted alternative may pass Alat too
    alat_rows = [line for line in first_route.splitlines() if line.split()[1:2] == ["Alat"]]
    assert len(alat_rows) == 2
    assert "transshipment first" in alat_rows[0] and "transshipment" not in alat_rows[1]


def test_compare_names_each_corridor_that_cannot_join_the_places() -> None:
    """Only the Northern Corridor's lines reach Vilnius: the others are listed as having no route."""
    result = run("compare", "--to", "Vilnius", env={"CORRIDORS_DATA": "", "COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    for name in ("Middle Corridor", "Southern Corridor", "Sea via Suez", "Sea via the Cape"):
        assert f"{name}: no route between Xi'an and Vilnius on its own lines" in result.stdout
    assert "Northern Corridor: Xi'an → " in result.stdout
    doc = json.loads(run("compare", "--to", "Vilnius", "--json", env={"CORRIDORS_DATA": ""}).stdout)
    found = {c["id"]: c["route_found"] for c in doc["corridors"]}
    assert found == {
        "middle": False,
        "northern": True,
        "southern": False,
        "sea-suez": False,
        "sea-cape": False,
    }


def test_compare_corridor_option_chooses_and_checks_the_corridors() -> None:
    env = {"CORRIDORS_DATA": ""}
    args = ("compare", "--from", "Chongqing", "--to", "Rotterdam", "--json")
    chosen = json.loads(run(*args, "--corridor", "sea-cape", "--corridor", "MIDDLE CORRIDOR", env=env).stdout)
    assert [c["id"] for c in chosen["corridors"]] == ["middle", "sea-cape"]  # the data's order
    assert chosen["query"]["corridors"] == ["middle", "sea-cape"]
    every = json.loads(run(*args, env=env).stdout)
    assert every["query"]["corridors"] == ["middle", "northern", "southern", "sea-suez", "sea-cape"]
    same = {c["id"]: c["totals"] for c in every["corridors"]}
    assert [c["totals"] for c in chosen["corridors"]] == [same["middle"], same["sea-cape"]]
    assert_failure(run(*args, "--corridor", "suez", env=env), ExitCode.USAGE, "unknown corridor 'suez'")
