"""`corridors simulate` as a user runs it: options validated, output reproducible, JSON per schema."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from corridors.cli import app

RUNNER = CliRunner()
ENV = {"COLUMNS": "160", "CORRIDORS_DATA": ""}  # five corridors side by side


def run(*args: str) -> Any:
    return RUNNER.invoke(app, ["simulate", *args], env=ENV)


def output_schema() -> Any:
    return json.loads(
        (resources.files("corridors.render") / "output.schema.json").read_text(encoding="utf-8")
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--runs", "0"],
        ["--runs", "-5"],
        ["--runs", "100000001"],
        ["--runs", "lots"],
        ["--month", "0"],
        ["--month", "13"],
        ["--deadline", "0"],
        ["--deadline", "-3"],
        ["--seed", "-1"],
        ["--from", "xian", "--to", "Xi'an"],
    ],
)
def test_bad_options_are_usage_errors(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""


def test_unknown_place_and_bad_year_keep_their_exit_codes() -> None:
    assert run("--to", "Atlantis").exit_code == 4
    assert run("--as-of", "1900").exit_code == 2


def test_the_table_shows_each_corridor_its_quantiles_deadline_and_histograms() -> None:
    result = run("--runs", "20000", "--deadline", "20")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Xi'an → Duisburg: door-to-door days, 20,000 journeys per corridor" in out
    for label in ("Days, deterministic model", "Mean", "P50 (median)", "P90", "P95", "Within 20 days"):
        assert label in out
    assert "Middle Corridor: days, share of journeys" in out
    assert "Northern Corridor: days, share of journeys" in out
    assert "█" in out and "model" in out and "deadline" in out
    assert result.stderr == ""


def test_the_same_seed_gives_identical_output_and_another_seed_differs() -> None:
    first = run("--runs", "5000", "--seed", "42", "--json")
    again = run("--runs", "5000", "--seed", "42", "--json")
    other = run("--runs", "5000", "--seed", "43", "--json")
    assert first.exit_code == again.exit_code == other.exit_code == 0
    assert first.stdout == again.stdout
    assert first.stdout != other.stdout


def test_json_follows_the_schema_and_echoes_every_option() -> None:
    result = run(
        "--to", "Istanbul", "--runs", "3000", "--seed", "7", "--month", "2", "--deadline", "21", "--json"
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(doc)
    assert list(doc)[:4] == ["schema_version", "command", "query", "network"]
    assert doc["command"] == "simulate"
    assert doc["query"] == {
        "from": "xian",
        "to": "istanbul",
        "runs": 3000,
        "seed": 7,
        "month": 2,
        "deadline_days": 21.0,
        "as_of": None,
        "data": None,
    }
    for corridor in doc["corridors"]:
        days = corridor["days"]
        assert days["min"] <= days["p50"] <= days["p90"] <= days["p95"] <= days["max"]
        assert 0 <= corridor["p_within_deadline"] <= 1
        assert sum(corridor["histogram"]["counts"]) == corridor["runs"] == 3000
        assert corridor["nodes"][0] == "xian" and corridor["nodes"][-1] == "istanbul"


def test_december_shows_the_winter_caspian_closures() -> None:
    def middle(*args: str) -> dict[str, Any]:
        doc = json.loads(run("--runs", "100000", "--json", *args).stdout)
        return next(c for c in doc["corridors"] if c["id"] == "middle")

    year, july, december = middle(), middle("--month", "7"), middle("--month", "12")
    assert "kuryk-weather-closure" in december["delays"] or "aktau-weather-closure" in december["delays"]
    # Closure chance 0.5 in December, 0.05 in July, 0.19 over the year; 3 days' mean wait.
    assert december["days"]["mean"] - july["days"]["mean"] == pytest.approx(0.45 * 3, abs=0.15)
    assert december["days"]["mean"] - year["days"]["mean"] == pytest.approx((0.5 - 2.3 / 12) * 3, abs=0.15)
    assert december["days"]["p95"] > year["days"]["p95"] > july["days"]["p95"]


def test_a_network_without_delays_borrows_the_bundled_ones(write_json: Any) -> None:
    from conftest import diamond

    result = RUNNER.invoke(
        app,
        [
            "simulate",
            "--from",
            "a",
            "--to",
            "d",
            "--runs",
            "2000",
            "--json",
            "--data",
            str(write_json(diamond())),
        ],
        env=ENV,
    )
    assert result.exit_code == 0, result.stderr
    corridors = json.loads(result.stdout)["corridors"]
    assert all("border-default" in c["delays"] for c in corridors)
    assert all(c["days"]["max"] > c["days"]["min"] for c in corridors)


def test_other_commands_do_not_import_numpy() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from corridors.cli import app; "
        "r = CliRunner().invoke(app, ['compare', '--json']); assert r.exit_code == 0; "
        "import corridors.render.tables, corridors.render.tables_analysis, corridors.render.jsondoc; print('numpy' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"
