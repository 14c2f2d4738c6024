"""The sea baseline: the measured legs add up to the published Shanghai-Rotterdam distances."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from corridors.analysis.results import Route
from corridors.analysis.routing import best_route
from corridors.analysis.scenario import Avoid, Scenario
from corridors.network.graph import CorridorGraph
from corridors.network.loading import bundled_data_path, load_network

NM_KM = 1.852
# Port Economics, Management and Policy (Rodrigue), "Routing Options between Shanghai, Rotterdam and
# New York": via Suez "about 10,600 nautical miles", via the Cape "13,800 nautical miles".
PUBLISHED_NM = {"sea-suez": 10_600, "sea-cape": 13_800}


@cache
def graph() -> CorridorGraph:
    return CorridorGraph.build(load_network(bundled_data_path()))


def all_water(corridor: str, origin: str = "shanghai", destination: str = "rotterdam") -> Route:
    scenario = Scenario(corridor=corridor, avoid=Avoid(modes=frozenset({"rail"})))
    return best_route(graph(), origin, destination, scenario=scenario)


@pytest.mark.parametrize("corridor", sorted(PUBLISHED_NM))
def test_shanghai_rotterdam_is_within_two_percent_of_the_published_distance(corridor: str) -> None:
    route = all_water(corridor)
    published_km = PUBLISHED_NM[corridor] * NM_KM
    print(f"{corridor}: {route.totals.km:,.0f} km = {route.totals.km / NM_KM:,.0f} nm")
    assert route.totals.water_km == route.totals.km
    assert abs(route.totals.km - published_km) / published_km < 0.02


def test_the_two_routes_take_their_own_passage() -> None:
    suez, cape = all_water("sea-suez"), all_water("sea-cape")
    assert "port-said" in suez.nodes and "cape-of-good-hope" not in suez.nodes
    assert "cape-of-good-hope" in cape.nodes and "port-said" not in cape.nodes
    assert cape.totals.km - suez.totals.km > 5_000  # the Cape adds about 3,200 nm


def raw_edges() -> list[dict[str, Any]]:
    edges: list[dict[str, Any]] = json.loads(bundled_data_path().read_text(encoding="utf-8"))["edges"]
    return edges


def test_every_deep_sea_leg_records_how_it_was_measured() -> None:
    legs = [e for e in raw_edges() if "sea-suez" in e["corridors"] or "sea-cape" in e["corridors"]]
    sea = [e for e in legs if e["mode"] == "sea"]
    assert len(sea) >= 30
    for edge in sea:
        note = edge["km_note"]
        assert edge["km_basis"] == "derived" and "searoute 1.6.0" in note, edge["id"]
        traversed = note.split("traversed: ")[1]
        if "sea-cape" in edge["corridors"]:
            # closing Suez alone would send ships through Panama: neither may appear
            assert not {"suez", "babalmandab", "panama"} & set(traversed.split(", ")), edge["id"]


def test_the_script_reproduces_shanghai_rotterdam_directly() -> None:
    """With the build extra installed: searoute's own through route, no waypoints, within 2% too."""
    searoute = pytest.importorskip("searoute")
    shanghai, rotterdam = [121.4581, 31.2222], [4.4792, 51.9225]
    for corridor, closed in (("sea-suez", ["northwest"]), ("sea-cape", ["northwest", "suez", "panama"])):
        route = searoute.searoute(shanghai, rotterdam, units="naut", restrictions=closed)
        assert abs(route.properties["length"] - PUBLISHED_NM[corridor]) / PUBLISHED_NM[corridor] < 0.02


EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius


def haversine_km(a: list[float], b: list[float]) -> float:
    (lon1, lat1), (lon2, lat2) = (map(math.radians, p) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def test_haversine_gives_a_degree_of_latitude_and_of_longitude_on_the_equator() -> None:
    # 2 pi R / 360 = 111.195 km, by hand
    assert haversine_km([10.0, 0.0], [10.0, 1.0]) == pytest.approx(111.195, abs=0.001)
    assert haversine_km([-0.5, 0.0], [0.5, 0.0]) == pytest.approx(111.195, abs=0.001)


def test_every_sea_leg_is_drawn_on_its_lane_from_node_to_node() -> None:
    """The lane starts and ends on the nodes, stays in range, and is as long as the edge's km."""
    nodes = {n["id"]: n for n in json.loads(bundled_data_path().read_text(encoding="utf-8"))["nodes"]}
    sea = [e for e in raw_edges() if e["mode"] == "sea"]
    ferries = [e for e in raw_edges() if e["mode"] == "ferry" and "geometry" in e]
    assert len(sea) >= 39 and {"aktau-alat", "turkmenbashi-alat"} <= {e["id"] for e in ferries}
    for edge in sea + ferries:
        line, ident = edge["geometry"], edge["id"]
        a, b = nodes[edge["from"]], nodes[edge["to"]]
        assert line[0] == [a["lon"], a["lat"]] and line[-1] == [b["lon"], b["lat"]], ident
        assert 3 <= len(line) <= 60, ident  # simplified: tens of points, not thousands
        assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in line), ident
        # no lane crosses the antimeridian (none should): a jump of over 180 degrees would be one
        assert all(abs(q[0] - p[0]) < 180 for p, q in pairwise(line)), ident
        drawn = sum(haversine_km(p, q) for p, q in pairwise(line))
        # measured legs: the lane is the measured line plus each port's step onto the network;
        # the Black Sea and Caspian crossings keep their estimates (great circle x 1.05 or x 1.2)
        tolerance = 0.02 if edge["km_basis"] == "derived" else 0.08
        assert abs(drawn - edge["km"]) / edge["km"] < tolerance, (
            f"{ident}: drawn {drawn:.0f} km, {edge['km']} km"
        )


def test_the_data_file_is_what_the_sea_script_writes() -> None:
    """Lengths, notes and lanes are reproducible: the script in --check mode finds nothing to change."""
    pytest.importorskip("searoute")
    script = Path(__file__).resolve().parent.parent / "scripts" / "sea_distances.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "all sea legs up to date" in result.stderr
