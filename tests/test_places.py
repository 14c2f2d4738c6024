"""The places people ship between: every origin reaches every destination on every corridor."""

from __future__ import annotations

from functools import cache

import pytest

from corridors.analysis.routing import compare_corridors
from corridors.network.graph import CorridorGraph
from corridors.network.loading import bundled_data_path, load_network

ORIGINS = (
    "xian",
    "chongqing",
    "chengdu",
    "yiwu",
    "zhengzhou",
    "wuhan",
    "shanghai",
    "lianyungang",
    "urumqi",
    "kashgar",
    "ningbo",
    "shenzhen",
    "qingdao",
    "tianjin",
    "beijing",
)
DESTINATIONS = (
    "duisburg",
    "hamburg",
    "rotterdam",
    "antwerp",
    "lodz",
    "warsaw",
    "budapest",
    "vienna",
    "milan",
    "piraeus",
    "istanbul",
    "constanta",
    "prague",
    "munich",
    "gdansk",
    "koper",
    "genoa",
    "paris",
)
# Pairs a corridor cannot join, and why. Empty: the Chinese and European rail networks are shared by
# every corridor (a sea route reaches an inland place by rail from a port), so none is excluded.
CANNOT: dict[tuple[str, str, str], str] = {}


@cache
def graph() -> CorridorGraph:
    return CorridorGraph.build(load_network(bundled_data_path()))


def test_enough_places() -> None:
    network = graph().network
    assert len(network.nodes) >= 150
    assert {n.country for n in network.nodes.values() if n.id in ORIGINS} == {"CN"}
    assert len(ORIGINS) >= 10 and len(DESTINATIONS) >= 10
    for hub in ("almaty", "tashkent", "baku", "tbilisi", "ashgabat", "tehran"):
        assert hub in network.nodes


@pytest.mark.parametrize("origin", ORIGINS)
def test_every_corridor_joins_the_origin_to_every_destination(origin: str) -> None:
    corridors = [c.id for c in graph().network.corridors]
    assert {"middle", "northern", "southern", "sea-suez", "sea-cape"} <= set(corridors)
    missing = []
    for destination in DESTINATIONS:
        comparison = compare_corridors(graph(), origin, destination)
        for entry in comparison.corridors:
            if entry.route is None and (entry.id, origin, destination) not in CANNOT:
                missing.append(f"{entry.id}: {origin} -> {destination}")
            if entry.route is not None:
                # a route starts and ends where it was asked to
                assert entry.route.nodes[0] == origin and entry.route.nodes[-1] == destination
    assert not missing
