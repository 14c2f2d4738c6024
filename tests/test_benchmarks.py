"""The benchmark network generator writes networks corridors accepts, with long routes."""

from __future__ import annotations

import sys
from pathlib import Path

from corridors.analysis.routing import best_route
from corridors.network.graph import CorridorGraph
from corridors.network.loading import load_network

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from make_network import far_corner, make_network, write_network


def test_generated_network_is_valid_and_routes_are_long(tmp_path: Path) -> None:
    file = tmp_path / "net.json"
    write_network(600, file)
    network = load_network(file)  # validates everything, great-circle floors included
    assert len(network.nodes) == 600
    assert 2.2 * 600 < len(network.edges) < 2.6 * 600
    assert not network.parameters  # the CLI borrows the bundled ones
    route = best_route(CorridorGraph.build(network), "n0", far_corner(600))
    assert route.totals.legs >= 30  # across the grid, not a shortcut
    assert {leg.mode for leg in route.legs} <= {"rail", "road"}


def test_generator_is_reproducible() -> None:
    assert make_network(50, seed=3) == make_network(50, seed=3)
    assert make_network(50, seed=3) != make_network(50, seed=4)
