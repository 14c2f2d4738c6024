"""The benchmark network generator writes networks corridors accepts, with long routes."""

from __future__ import annotations

import subprocess
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


def test_the_quick_run_fills_every_section_and_judges_every_target(tmp_path: Path) -> None:
    """A smoke run of benchmarks/run.py: every command starts, every comparison runs."""
    out = tmp_path / "BENCHMARKS.md"
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"
    done = subprocess.run(
        [sys.executable, str(script), "--quick", "--output", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert "(not run" not in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    for words in ("Cold start", "`path --json`", "`path --batch`", "`simulate`", "grows", "time goes"):
        assert sum(words in heading for heading in headings) == 1, words
    for command in (
        "path",
        "compare",
        "pareto",
        "breakeven",
        "simulate",
        "nodes",
        "edges",
        "sources",
        "show",
        "validate",
        "map",
        "schema",
        "completion",
        "--version",
        "--help",
    ):
        assert f"| `corridors {command}" in text
    verdicts = [line for line in text.splitlines() if line.endswith(("| met |", "| **missed** |"))]
    assert len(verdicts) >= 15 + 2 + 2  # every command, path time and memory, sampler speed and memory
    assert "same model" in text
