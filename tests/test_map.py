"""The SVG map: well-formed, self-contained, escaped, and labels that never overlap."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import diamond, mutated
from corridors.cli import app
from corridors.errors import ExitCode
from corridors.geo import great_circle_km
from corridors.loading import load_network
from corridors.svgmap import Box, LabelRequest, fit_projection, place_labels, render_svg, text_box

SVG = "{http://www.w3.org/2000/svg}"
runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def net(write_json: Any) -> str:
    return str(write_json(diamond()))


def parse(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{SVG}svg"
    return root


def test_network_map_is_self_contained_svg() -> None:
    result = run("map")
    assert result.exit_code == 0, result.stderr
    root = parse(result.stdout)
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert not tags & {"script", "image", "foreignObject", "style"}
    assert "http" not in result.stdout.replace('xmlns="http://www.w3.org/2000/svg"', "")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Middle Corridor" in texts and "Northern Corridor" in texts  # legend
    assert any(t and t.endswith(" km") for t in texts)  # scale bar
    assert "Aktau" in texts and "Xi'an" in texts


def test_route_map_highlights_the_route_and_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "route.svg"
    result = run("map", "--from", "aktau", "--to", "moiynty", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    root = parse(target.read_text(encoding="utf-8"))
    polylines = [p for p in root.iter(f"{SVG}polyline") if p.get("stroke-width") == "11"]
    assert len(polylines) == 1 and len(polylines[0].get("points", "").split()) == 9  # 8 legs
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Aktau → Moiynty: 2,293 km, shortest by km" in texts
    bold = {t.text for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"}
    assert {"Aktau", "Moiynty", "Beineu"} <= bold


def test_compare_map_highlights_each_corridor() -> None:
    root = parse(run("map", "--from", "xian", "--to", "duisburg", "--compare").stdout)
    polylines = [p for p in root.iter(f"{SVG}polyline") if p.get("stroke-width") == "11"]
    assert len(polylines) == 2


def test_planned_lines_are_dashed_and_ferries_dotted(net: str) -> None:
    root = parse(run("map", "--data", net).stdout)
    dashes = [line.get("stroke-dasharray") for line in root.iter(f"{SVG}line")]
    assert "7 4" in dashes  # c-d-new is under construction


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--from", "a"], "give both --from and --to"), (["--compare"], "--compare needs --from and --to")],
)
def test_map_usage_errors(net: str, args: list[str], message: str) -> None:
    result = run("map", *args, "--data", net)
    assert result.exit_code == ExitCode.USAGE and message in result.stderr


def test_hostile_names_are_escaped(write_json: Any) -> None:
    def hostile(d: dict[str, Any]) -> None:
        d["nodes"][0]["name"] = "<script>alert(1)</script>"
        d["nodes"][1]["name"] = 'Tom & Jerry "quoted" \x01'
        d["corridors"][0]["name"] = "<b>East</b>"

    path = str(write_json(mutated(diamond(), hostile)))
    text = run("map", "--data", path, "--from", "a", "--to", "d").stdout
    assert "<script>" not in text and "<b>" not in text
    root = parse(text)  # still well-formed XML
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "<script>alert(1)</script>" in texts
    assert 'Tom & Jerry "quoted" \ufffd' in texts
    assert not [e for e in root.iter() if e.tag.removeprefix(SVG) == "script"]


def test_labels_on_the_real_network_do_not_overlap() -> None:
    network = load_network(None)
    root = parse(render_svg(network, title="t"))
    names = {node.name for node in network.nodes.values()}
    boxes = []
    for element in root.iter(f"{SVG}text"):
        if element.text in names:
            bold = element.get("font-weight") == "bold"
            size = float(element.get("font-size", "0")) + (0.5 if bold else 0)
            x, y = float(element.get("x", "0")), float(element.get("y", "0"))
            boxes.append(text_box(x, y, element.text, size, element.get("text-anchor", "start")))
    assert len(boxes) > 50  # most of the 69 places are labelled
    assert not overlaps(boxes)


def overlaps(boxes: list[Box]) -> list[tuple[Box, Box]]:
    return [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 400), st.floats(0, 300), st.text(min_size=1, max_size=14)),
        min_size=1,
        max_size=40,
    )
)
def test_greedy_placement_never_overlaps(points: list[tuple[float, float, str]]) -> None:
    requests = [LabelRequest(str(i), x, y, name, (i,)) for i, (x, y, name) in enumerate(points)]
    bounds = Box(0, 0, 400, 300)
    placed = place_labels(requests, [], bounds)
    assert not overlaps([label.box for label in placed])
    assert all(label.box.inside(bounds) for label in placed)


def test_crowded_labels_are_dropped_not_stacked() -> None:
    requests = [LabelRequest(str(i), 100, 100, "Samename", (i,)) for i in range(20)]
    placed = place_labels(requests, [], Box(0, 0, 300, 300))
    assert 1 <= len(placed) <= 8  # at most one per candidate position
    assert not overlaps([label.box for label in placed])


def test_projection_scale_is_close_to_true_across_the_network() -> None:
    network = load_network(None)
    projection = fit_projection((n.lon, n.lat) for n in network.nodes.values())
    for edge in network.edges[:30]:
        a, b = network.nodes[edge.source], network.nodes[edge.target]
        (x1, y1), (x2, y2) = projection.project(a.lon, a.lat), projection.project(b.lon, b.lat)
        planar = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        assert planar == pytest.approx(great_circle_km(a.lat, a.lon, b.lat, b.lon), rel=0.04)
