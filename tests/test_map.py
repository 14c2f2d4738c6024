"""The SVG map: well-formed, self-contained, escaped, and labels that never overlap."""

from __future__ import annotations

import importlib.util
import itertools
import json
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import diamond, mutated
from corridors.cli import app
from corridors.errors import ExitCode
from corridors.network.geo import EARTH_RADIUS_KM, great_circle_km
from corridors.network.loading import load_network
from corridors.render.basemap import load_basemap
from corridors.render.svgmap import (
    MARKER_RADIUS,
    REGIONS,
    Box,
    EqualEarth,
    Grid,
    LabelRequest,
    fit_projection,
    place_labels,
    render_svg,
    text_box,
)

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
    # 8 legs, each drawn along its track where the data has one: 1 + sum(track points - 1 or 1)
    raw = json.loads(
        (Path(__file__).resolve().parents[1] / "data" / "routes.json").read_text(encoding="utf-8")
    )
    tracks = {e["id"]: e.get("geometry") or [] for e in raw["edges"]}
    legs = json.loads(run("path", "aktau", "moiynty", "--json").stdout)["routes"][0]["legs"]
    expected = 1 + sum(max(1, len(tracks[leg["edge_id"]]) - 1) for leg in legs)
    assert len(legs) == 8 and len(polylines) == 1
    assert len(polylines[0].get("points", "").split()) == expected
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Aktau → Moiynty: 2,293 km, shortest by km" in texts
    bold = {t.text for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"}
    assert {"Aktau", "Moiynty", "Beineu"} <= bold


def test_compare_map_highlights_each_corridor() -> None:
    root = parse(run("map", "--from", "xian", "--to", "duisburg", "--compare").stdout)
    polylines = [p for p in root.iter(f"{SVG}polyline") if p.get("stroke-width") == "11"]
    assert len(polylines) == 5  # middle, northern, southern, sea via Suez, sea via the Cape


def edge_classes(root: ET.Element) -> list[set[str]]:
    return [set(e.get("class", "").split()) for e in root.iter() if "edge" in e.get("class", "").split()]


def test_planned_lines_are_hollow_until_their_year(net: str) -> None:
    # c-d-new is under construction, opening in 2028: hollow (a white core) before, plain from then
    network = load_network(net)

    def planned(year: int | None) -> list[set[str]]:
        root = parse(render_svg(network, title="t", as_of=year))
        return [c for c in edge_classes(root) if "not-open" in c]

    assert planned(None) and all("core" in c for c in planned(None)[1::2])  # line, then its core
    assert planned(2027)
    assert planned(2028) == []


def test_the_2027_scenario_draws_moiynty_kyzylzhar_open() -> None:
    # data: the line is under construction, opening in 2026 (projects[moiynty-kyzylzhar])
    raw = json.loads(
        (Path(__file__).resolve().parents[1] / "data" / "routes.json").read_text(encoding="utf-8")
    )
    building = [e for e in raw["edges"] if e["status"] != "operational"]
    assert "moiynty-kyzylzhar" in {e["id"] for e in building}
    later = [e for e in building if e["opens"] > 2027]  # e.g. China-Kyrgyzstan-Uzbekistan (2030)

    def lanes(edges: list[dict[str, Any]]) -> int:  # one line per corridor, each with a core
        return sum(max(1, len(e["corridors"])) for e in edges)

    network = load_network(None)
    today = parse(render_svg(network, title="t"))
    future = parse(render_svg(network, title="t", as_of=2027))
    assert len([c for c in edge_classes(today) if "not-open" in c]) == 2 * lanes(building)
    assert len([c for c in edge_classes(future) if "not-open" in c]) == 2 * lanes(later)


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
    # The land network: with the sea legs' Singapore and Cape nodes the map spans 35 S-56 N, which no
    # conic projection draws within 4%.
    land = [n for n in network.nodes.values() if n.lat > 20]
    projection = fit_projection((n.lon, n.lat) for n in land)
    for edge in network.edges[:30]:
        a, b = network.nodes[edge.source], network.nodes[edge.target]
        (x1, y1), (x2, y2) = projection.project(a.lon, a.lat), projection.project(b.lon, b.lat)
        planar = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        assert planar == pytest.approx(great_circle_km(a.lat, a.lon, b.lat, b.lon), rel=0.04)


# --- the base map, labels of the key places, straight lines, projections -------------------------------

SEEDS = ("Aktau", "Kyzylzhar", "Moiynty", "Almaty")  # the places the project's seeds name
ROOT = Path(__file__).resolve().parents[1]


def markers_of(root: ET.Element) -> dict[str, tuple[float, float]]:
    found = {}
    for circle in root.iter(f"{SVG}circle"):
        title = circle.find(f"{SVG}title")
        if title is not None and title.text:
            found[title.text] = (float(circle.get("cx", "0")), float(circle.get("cy", "0")))
    return found


def gap(box: Box, point: tuple[float, float]) -> float:
    dx = max(box.x0 - point[0], 0, point[0] - box.x1)
    dy = max(box.y0 - point[1], 0, point[1] - box.y1)
    return float((dx * dx + dy * dy) ** 0.5)


def place_label_boxes(root: ET.Element, names: set[str]) -> dict[str, Box]:
    boxes = {}
    for element in root.iter(f"{SVG}text"):
        if element.text in names and element.get("font-style") is None and element.get("font-size") != "9":
            bold = element.get("font-weight") == "bold"
            size = float(element.get("font-size", "11")) + (0.5 if bold else 0)
            x, y = float(element.get("x", "0")), float(element.get("y", "0"))
            boxes[element.text] = text_box(x, y, element.text, size, element.get("text-anchor", "start"))
    return boxes


def kazakhstan_view() -> str:
    return render_svg(load_network(None), title="t", bbox=REGIONS["kazakhstan"])


def eurasia_view() -> str:
    return render_svg(load_network(None), title="t", bbox=REGIONS["eurasia"])


@pytest.mark.parametrize(
    "make",
    [
        lambda: run("map").stdout,
        lambda: run("map", "--from", "aktau", "--to", "moiynty").stdout,
        lambda: run("map", "--from", "xian", "--to", "duisburg").stdout,
        # through Aktau from the east: Mangistau (12 km away) comes first on the route, and its
        # label used to sit alone at the two dots, so Aktau read "Mangistau"
        lambda: run("map", "--from", "xian", "--to", "istanbul").stdout,
        kazakhstan_view,
        eurasia_view,
    ],
    ids=["network", "aktau-moiynty", "xian-duisburg", "xian-istanbul", "kazakhstan", "eurasia"],
)
def test_seed_places_are_labelled_beside_their_own_marker(make: Any) -> None:
    root = parse(make())
    marks = markers_of(root)
    boxes = place_label_boxes(root, set(marks))
    leaders = [
        (float(line.get("x1", "0")), float(line.get("y1", "0")))
        for line in root.iter(f"{SVG}line")
        if line.get("x1") and line.get("class") is None and line.get("stroke") is None
    ]
    shown = [seed for seed in SEEDS if seed in marks]  # a route's view may leave some out
    assert len(shown) >= 3
    for seed in shown:
        assert seed in boxes, f"{seed} is not labelled"
    for name, box in boxes.items():  # every place label reads as its own place's
        nearest = min(marks, key=lambda other: gap(box, marks[other]))
        coincident = math.dist(marks[nearest], marks[name]) <= 2 * MARKER_RADIUS
        pointed = any(math.dist(start, marks[name]) < MARKER_RADIUS + 1 for start in leaders)
        assert nearest == name or coincident or pointed, f"label {name} sits nearer {nearest}"


@pytest.mark.parametrize("make", [kazakhstan_view, eurasia_view, lambda: run("map").stdout])
def test_maps_reference_nothing_outside_the_file(make: Any) -> None:
    text = make()
    root = parse(text)
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert not tags & {"script", "image", "foreignObject", "style", "a", "use", "font-face"}
    assert "http" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not [e for e in root.iter() for key in e.attrib if key.endswith("href")]
    assert re.findall(r"url\(([^)]*)\)", text) and set(re.findall(r"url\(([^)]*)\)", text)) == {"#map"}
    assert "Made with Natural Earth" in [t.text for t in root.iter(f"{SVG}text")]


def test_base_map_says_where_it_comes_from_and_matches_its_script() -> None:
    spec = importlib.util.spec_from_file_location("make_basemap", ROOT / "scripts" / "make_basemap.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    provenance = load_basemap().provenance
    assert "Natural Earth 4.1.0" in provenance["source"] and "public domain" in provenance["source"]
    assert provenance["attribution"] == "Made with Natural Earth"
    assert f"world-atlas@{script.VERSION} countries-{script.SCALE}.json" in provenance["via"]
    assert f"tolerance {script.TOLERANCE_DEG} degrees" in provenance["simplification"]
    assert provenance["quantum_deg"] == script.QUANTUM
    assert provenance["region_deg"] == list(script.REGION)
    assert (ROOT / "src" / "corridors" / "render" / "basemap.json").stat().st_size < 400_000
    assert "Made with Natural Earth" in (ROOT / "README.md").read_text(encoding="utf-8")


def inside(ring: list[tuple[float, float]], lon: float, lat: float) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def countries_at(lon: float, lat: float) -> list[str]:
    basemap = load_basemap()
    found = []
    for country in basemap.countries:
        for polygon in country.polygons:
            rings = [basemap.ring(r) for r in polygon]
            if inside(rings[0], lon, lat) and not any(inside(r, lon, lat) for r in rings[1:]):
                found.append(country.name)
    return found


@pytest.mark.parametrize(
    ("lon", "lat", "expected"),
    [
        (71.45, 51.18, ["Kazakhstan"]),  # Astana
        (76.95, 43.34, ["Kazakhstan"]),  # Almaty
        (44.83, 41.69, ["Georgia"]),  # Tbilisi
        (49.89, 40.38, ["Azerbaijan"]),  # Baku, on the Caspian shore
        (37.62, 55.75, ["Russia"]),  # Moscow
        (18.42, -33.92, ["South Africa"]),  # Cape Town, on the Cape route
        (103.82, 1.35, ["Singapore"]),
        (51.0, 42.0, []),  # the middle of the Caspian Sea is water
        (34.0, 43.0, []),  # the Black Sea
        (18.0, 35.0, []),  # the Mediterranean
        (38.5, 20.5, []),  # the Red Sea
        (70.0, -10.0, []),  # the Indian Ocean
    ],
)
def test_base_map_puts_land_and_sea_where_they_are(lon: float, lat: float, expected: list[str]) -> None:
    assert countries_at(lon, lat) == expected


def test_tracks_are_followed_and_straight_lines_say_so(net: str) -> None:
    network = load_network(net)
    plain = parse(render_svg(network, title="t"))
    assert {"straight"} <= set.intersection(*edge_classes(plain))
    notes = [t.text or "" for t in plain.iter(f"{SVG}text")]
    assert any(n.startswith("Lines drawn straight between places") for n in notes)

    a, b = network.nodes["a"], network.nodes["b"]
    detour = ((a.lon, a.lat), (a.lon + 0.3, (a.lat + b.lat) / 2 + 0.4), (b.lon, b.lat))
    assert all(e.geometry == () for e in network.edges)  # the fixture has no track of its own
    edges = tuple(
        replace(e, geometry=detour) if {e.source, e.target} == {"a", "b"} else e for e in network.edges
    )
    mixed = parse(render_svg(replace(network, edges=edges), title="t"))
    tracked = [e for e in mixed.iter() if "track" in e.get("class", "").split()]
    assert tracked and all(len(e.get("points", "").split()) == 3 for e in tracked)
    lines = [set(e.get("class", "").split()) for e in mixed.iter()]
    straight = [e for e, c in zip(mixed.iter(), lines, strict=True) if "straight" in c and "core" not in c]
    assert straight and all(e.get("stroke-opacity") == "0.55" for e in straight)
    assert "drawn straight: no track in the data" in [t.text for t in mixed.iter(f"{SVG}text")]


def test_equal_earth_keeps_areas() -> None:
    # oracle: on a sphere, a cell of 1 x 1 degree at latitude phi has area R^2 * dlon * (sin phi2 - sin phi1)
    projection = EqualEarth(0.0)

    def planar(lat: float) -> float:
        corners = [
            projection.project(lon, la) for lon, la in ((0, lat), (1, lat), (1, lat + 1), (0, lat + 1))
        ]
        return 0.5 * abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1], strict=True)
            )
        )

    for lat in (-40, -5, 0, 20, 45, 60):
        sphere = (
            EARTH_RADIUS_KM**2
            * math.radians(1)
            * (math.sin(math.radians(lat + 1)) - math.sin(math.radians(lat)))
        )
        assert planar(lat) == pytest.approx(sphere, rel=0.002)


def test_views_across_the_equator_use_equal_earth_and_bands_a_conic() -> None:
    assert "Equal Earth" in eurasia_view()
    assert "Lambert conformal conic" in kazakhstan_view()


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 500), st.floats(0, 500), st.floats(0, 90), st.floats(0, 30)), max_size=40
    ),
    st.tuples(st.floats(0, 500), st.floats(0, 500), st.floats(0, 90), st.floats(0, 30)),
)
def test_grid_finds_exactly_the_overlapping_boxes(
    stored: list[tuple[float, float, float, float]], probe: tuple[float, float, float, float]
) -> None:
    grid = Grid()
    boxes = [Box(x, y, x + w, y + h) for x, y, w, h in stored]
    for i, box in enumerate(boxes):
        grid.add(box, str(i))
    x, y, w, h = probe
    query = Box(x, y, x + w, y + h)
    assert grid.hits(query) == any(query.overlaps(box) for box in boxes)


# --- the command's view, size and format options ---------------------------------------------------


def test_bbox_view_shows_what_lies_inside_it() -> None:
    root = parse(run("map", "--bbox", "40,35,65,50", "--width", "800").stdout)
    assert root.get("width") == "800"
    marks = markers_of(root)
    assert {"Aktau", "Baku", "Tbilisi", "Beineu"} <= set(marks)  # inside 40-65 E, 35-50 N
    assert not {"Duisburg", "Xi'an", "Almaty", "Moscow"} & set(marks)  # outside


def test_region_and_size_options() -> None:
    root = parse(run("map", "--region", "eurasia", "--width", "900", "--height", "700").stdout)
    assert (root.get("width"), root.get("height")) == ("900", "700")
    assert root.findtext(f"{SVG}title") == "Freight corridors: Eurasia"
    assert "Equal Earth" in ET.tostring(root, encoding="unicode")


def test_as_of_reaches_the_map() -> None:
    # oracle: the data's opening years; a line not open by the year is drawn hollow (a line and its
    # white core per corridor lane), one open by then is drawn plain
    raw = json.loads((ROOT / "data" / "routes.json").read_text(encoding="utf-8"))
    building = [e for e in raw["edges"] if e["status"] != "operational"]
    later = [e for e in building if e["opens"] > 2027]  # e.g. China-Kyrgyzstan-Uzbekistan (2030)
    assert later and len(later) < len(building)  # 2027 opens some lines and not others
    future = parse(run("map", "--as-of", "2027").stdout)
    hollow = [c for c in edge_classes(future) if "not-open" in c]
    assert len(hollow) == 2 * sum(max(1, len(e["corridors"])) for e in later)
    assert any((t.text or "").startswith("lines open by 2027;") for t in future.iter(f"{SVG}text"))
    last = max(e["opens"] for e in building)
    everything = parse(run("map", "--as-of", str(last)).stdout)
    assert [c for c in edge_classes(everything) if "not-open" in c] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bbox", "40,35,65"], "--bbox: give four numbers W,S,E,N"),
        (["--bbox", "65,35,40,50"], "--bbox: need -180 <= W < E <= 180"),
        (["--bbox", "a,b,c,d"], "--bbox: give four numbers"),
        (["--bbox", "nan,35,65,50"], "--bbox: give four finite numbers"),
        (["--region", "europe", "--bbox", "40,35,65,50"], "give --region or --bbox, not both"),
        (["--region", "mars"], "Invalid value for '--region'"),
        (["--width", "10"], "Invalid value for '--width'"),
    ],
)
def test_view_option_errors(args: list[str], message: str) -> None:
    result = run("map", *args)
    assert result.exit_code == ExitCode.USAGE and message in result.stderr and result.stdout == ""


def test_png_without_a_browser_fails_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDORS_BROWSER", str(tmp_path / "no-chromium"))
    result = run("map", "--format", "png", "-o", str(tmp_path / "map.png"))
    assert result.exit_code == ExitCode.OUTPUT and result.stdout == ""
    assert "PNG needs Chromium" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "map.png").exists()
