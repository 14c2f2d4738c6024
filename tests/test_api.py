"""`import corridors`: the commands as functions, the same results, corridors' own errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import corridors
from corridors.cli import app


def cli_json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(app, [*args, "--json"], env={"CORRIDORS_DATA": ""})
    assert result.exit_code == 0, result.stderr
    doc: dict[str, object] = json.loads(result.stdout)
    return doc


@pytest.fixture(autouse=True)
def bundled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CORRIDORS_DATA", raising=False)


def test_compare_is_the_cli_body() -> None:
    doc = cli_json("compare", "--from", "Xian", "--to", "Duisburg", "--by", "co2_wtw")
    body = {key: doc[key] for key in ("origin", "destination", "shortest_corridor", "corridors")}
    assert corridors.compare("Xian", "Duisburg", by="co2_wtw").to_dict() == body


def test_path_and_pareto_are_the_cli_routes() -> None:
    assert (
        corridors.path("aktau", "Moiynty").to_dict()["routes"]
        == cli_json("path", "Aktau", "Moiynty")["routes"]
    )
    found = corridors.pareto("Khorgos", "Istanbul", criteria=["hours", "cost"]).to_dict()
    doc = cli_json("pareto", "Khorgos", "Istanbul", "--criteria", "hours,cost")
    assert (found["criteria"], found["routes"]) == (doc["criteria"], doc["routes"])


def test_breakeven_and_simulate_are_the_cli_bodies() -> None:
    doc = cli_json("breakeven", "--to", "Istanbul", "--by", "hours")
    assert corridors.breakeven("xian", "Istanbul", by="hours").to_dict()["flips"] == doc["flips"]
    simulated = corridors.simulate(runs=2000, seed=3).to_dict()
    assert simulated["corridors"] == cli_json("simulate", "--runs", "2000", "--seed", "3")["corridors"]


def test_results_are_frozen_records() -> None:
    result = corridors.compare()
    with pytest.raises(AttributeError):
        result.origin = "elsewhere"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: corridors.compare("Xianx", "Duisburg"), corridors.UnknownNodeError),
        (lambda: corridors.path("xian", "xian"), corridors.UsageError),
        (lambda: corridors.path("xian", "duisburg", by="speed"), corridors.UsageError),
        (lambda: corridors.pareto("xian", "duisburg", criteria=["risk"]), corridors.UsageError),
        (lambda: corridors.load_network("/no/such/file.json"), corridors.CorridorsError),
    ],
)
def test_errors_are_corridors_own(call: object, error: type[Exception]) -> None:
    assert callable(call)
    with pytest.raises(error) as caught:
        call()
    assert not isinstance(caught.value, KeyError)
    assert isinstance(caught.value, corridors.CorridorsError)


def test_the_surface_is_small_and_documented() -> None:
    assert set(corridors.__all__) >= {"load_network", "path", "compare", "pareto", "breakeven", "simulate"}
    for name in corridors.__all__:
        assert getattr(corridors, name) is not None
        if callable(getattr(corridors, name)):
            assert getattr(corridors, name).__doc__
    with pytest.raises(AttributeError):
        corridors.nothing_here  # noqa: B018


def test_import_is_cheap() -> None:
    code = "import sys, corridors; print(sorted(m for m in ('networkx', 'typer', 'rich', 'numpy') if m in sys.modules))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
