"""The flat rows (csv) of the analysis commands say what their JSON says, key for key."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from corridors.cli import app


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_cargo_value_rows_are_the_json_entries() -> None:
    doc = json.loads(run("breakeven", "--over", "cargo-value", "--json"))
    rows = list(csv.DictReader(io.StringIO(run("breakeven", "--over", "cargo-value", "--format", "csv"))))
    entries = doc["rail_against_sea"]["entries"]
    assert len(rows) == len(entries) > 0
    for row, entry in zip(rows, entries, strict=True):
        assert (row["corridor"], row["sea_corridor"]) == (entry["corridor"], entry["sea_corridor"])
        assert float(row["days_saved"]) == entry["days_saved"]
        low, high = entry["breakeven_cargo_value_range_usd"]
        assert row["breakeven_cargo_value_low_usd"] == ("" if low is None else str(low))
        assert row["breakeven_cargo_value_high_usd"] == ("" if high is None else str(high))


@pytest.mark.parametrize("command", ["carec", "emissions"])
def test_one_row_per_corridor_or_mode(command: str) -> None:
    doc = json.loads(run(command, "Xian", "Istanbul", "--json"))
    rows = list(csv.DictReader(io.StringIO(run(command, "Xian", "Istanbul", "--format", "csv"))))
    corridors = [c["corridor"] for c in doc["corridors"]]
    assert corridors and sorted({row["corridor"] for row in rows}) == sorted(corridors)
    if command == "carec":
        for row, item in zip(rows, doc["corridors"], strict=True):
            assert int(row["border_crossings"]) == len(item["crossings"])
            assert float(row["speed_with_delay_kmh"]) == item["speed_with_delay_kmh"]
    else:
        totals = {row["corridor"]: row for row in rows if row["mode"] == "all"}
        for item in doc["corridors"]:
            assert float(totals[item["corridor"]]["co2e_wtw_kg"]) == item["co2e_wtw_kg"]
            modes = [row for row in rows if row["corridor"] == item["corridor"] and row["mode"] != "all"]
            assert sum(float(row["co2e_wtw_kg"]) for row in modes) == pytest.approx(
                item["co2e_wtw_kg"], abs=0.5
            )
