"""Every operational rail edge against its OpenStreetMap measurement (an independent oracle).

The reference lengths are a fixture written by scripts/measure_rail.py from the scgraph_data
world_railways geograph (OpenStreetMap, 2024), with the package versions in it. The package is
not a test dependency: it installs about 300 MB and takes minutes to byte-compile, for a
result that only changes when the data or the snapshot does. Re-run the script after editing
rail edges; test_the_fixture_covers_every_rail_edge fails until then.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = json.loads((ROOT / "data" / "routes.json").read_text(encoding="utf-8"))
FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "osm_rail_lengths.json").read_text(encoding="utf-8"))
TOLERANCE = 0.12

# Published lengths that differ from the track measured on the snapshot by more than TOLERANCE, and why.
EXCEPTIONS = {
    "kapikule-svilengrad": "a 20 km chainage difference against 17 km measured between the two "
    "node points: 3 km is where the station points sit, not a different line",
    "inche-burun-gorgan": "88 km is the new line built in Iran, from the border to its junction with "
    "the old Gorgan line; the 111 km measured adds an 8 km connector from the Inche-Burun point to the "
    "snapshot's track and the run from the junction west of Gorgan (about 36.89 N 54.22 E) into the city",
}

RAIL = [e for e in DATA["edges"] if e["mode"] == "rail"]
OPERATIONAL = [e for e in RAIL if e["status"] == "operational"]


def test_the_fixture_covers_every_rail_edge() -> None:
    covered = set(FIXTURE["osm_km"]) | set(FIXTURE["not_measured"])
    assert {e["id"] for e in RAIL} <= covered, "re-run scripts/measure_rail.py"
    assert covered <= {e["id"] for e in RAIL}, "stale ids in the fixture: re-run scripts/measure_rail.py"
    assert set(FIXTURE["versions"]) == {"scgraph", "scgraph_data"}


@pytest.mark.parametrize("edge", OPERATIONAL, ids=lambda e: e["id"])
def test_published_length_is_within_12_percent_of_the_track(edge: dict[str, Any]) -> None:
    osm = FIXTURE["osm_km"].get(edge["id"])
    if osm is None:
        assert edge["id"] in FIXTURE["not_measured"]
        return
    if edge["km_basis"] == "measured":
        assert edge["km"] == round(osm), "the data and the fixture disagree: re-run the script"
        return
    off = edge["km"] / osm - 1
    if edge["id"] in EXCEPTIONS:
        assert abs(off) > TOLERANCE, f"{edge['id']} is back within tolerance: drop the exception"
    else:
        assert abs(off) <= TOLERANCE, f"{edge['id']}: {edge['km']} km is {off:+.1%} off the track ({osm} km)"


def test_no_great_circle_estimate_where_the_track_was_measured() -> None:
    assert [e["id"] for e in RAIL if e["km_basis"] == "estimate" and e["id"] in FIXTURE["osm_km"]] == []


def test_measured_edges_credit_openstreetmap() -> None:
    sources = {s["id"]: s for s in DATA["sources"]}
    for edge in RAIL:
        if edge["km_basis"] == "measured":
            credited = [sources[ref] for ref in edge["sources"]]
            assert any("OpenStreetMap" in s["publisher"] and "ODbL" in s["publisher"] for s in credited)


def test_every_measured_edge_carries_its_track() -> None:
    missing = [e["id"] for e in RAIL if e["id"] in FIXTURE["osm_km"] and len(e.get("geometry", [])) < 2]
    assert missing == []
    # Tens of points, not thousands.
    assert max(len(e.get("geometry", [])) for e in RAIL) <= 150
