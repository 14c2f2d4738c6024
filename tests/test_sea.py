"""The sea baseline: the measured legs add up to the published Shanghai-Rotterdam distances."""

from __future__ import annotations

import json
from functools import cache
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
