"""`map` on any valid network: no places, one place, places at the poles and on the date line;
and label placement that grows near-linearly, measured by the boxes compared (not by time)."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import diamond
from corridors.cli import app
from corridors.network.loading import load_network
from corridors.render import labels
from corridors.render.svgmap import render_svg

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from make_network import write_network

runner = CliRunner()


def no_places(d: dict[str, Any]) -> None:
    d["nodes"], d["edges"] = [], []


def one_place(d: dict[str, Any]) -> None:
    d["nodes"], d["edges"] = d["nodes"][:1], []


def poles(d: dict[str, Any]) -> None:
    d["nodes"][0]["lat"], d["nodes"][1]["lat"] = 90, -90
    for edge in d["edges"]:
        edge["km"] = 30_000  # longer than any great circle, so the file stays valid


def date_line(d: dict[str, Any]) -> None:
    d["nodes"][0].update(lat=89.9, lon=180)
    d["nodes"][1]["lon"] = -180
    for edge in d["edges"]:
        edge["km"] = 30_000


@pytest.mark.parametrize("change", [no_places, one_place, poles, date_line])
@pytest.mark.parametrize("extra", [[], ["--region", "europe"], ["--bbox", "-180,-85,180,85"]])
def test_map_draws_any_valid_network(change: Any, extra: list[str], write_json: Any) -> None:
    doc = diamond()
    change(doc)
    result = runner.invoke(app, ["map", "--data", str(write_json(doc)), *extra])
    assert result.exit_code == 0, result.stderr
    svg = ET.fromstring(result.stdout)  # well-formed
    assert svg.get("width") == "1200"
    numbers = re.findall(r'\s(?:x|y|x1|y1|x2|y2|cx|cy|r|width|height)="([^"]*)"', result.stdout)
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers)  # no nan or inf


def test_label_placement_compares_a_near_constant_number_of_boxes_per_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Comparing every label with every other would compare 4x as many per place at 4x the places."""
    compared = [0]
    within = labels.Grid.within

    def counting_within(self: labels.Grid, box: labels.Box) -> Any:
        for found in within(self, box):
            compared[0] += 1
            yield found

    def counting_hits(self: labels.Grid, box: labels.Box, ignore: str | None = None) -> bool:
        for k in self._keys(box):  # as Grid.hits, counting each box looked at
            for other, key in self.cells.get(k, ()):
                compared[0] += 1
                if key != ignore and box.overlaps(other):
                    return True
        return False

    monkeypatch.setattr(labels.Grid, "within", counting_within)
    monkeypatch.setattr(labels.Grid, "hits", counting_hits)
    per_place = []
    for size in (250, 1000):
        write_network(size, tmp_path / "n.json")
        compared[0] = 0
        render_svg(load_network(tmp_path / "n.json"), title="growth")
        per_place.append(compared[0] / size)
    assert per_place[0] > 0
    assert per_place[1] < 2 * per_place[0], per_place  # 4x the places; quadratic would be 4x
