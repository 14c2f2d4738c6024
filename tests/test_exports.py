"""--format: CSV, NDJSON, Markdown and GeoJSON carry the same data as --json; -o writes whole files."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import geojson
import pytest
from typer.testing import CliRunner

from conftest import diamond, document, edge, model_parameters, mutated, node, parameter
from corridors.cli import app
from corridors.errors import ExitCode, OutputError
from corridors.render.exports import COMPARE_COLUMNS, PATH_COLUMNS
from corridors.render.files import write_atomic
from corridors.render.geojson import line_geometry, split_segment

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def net(write_json: Any) -> str:
    return str(write_json(diamond()))


def test_path_csv_has_one_row_per_leg_of_each_route(net: str) -> None:
    result = run("path", "a", "d", "--data", net, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == PATH_COLUMNS
    assert [(r["route_rank"], r["criterion"], r["leg"], r["part"], r["from"], r["to"]) for r in rows] == [
        ("1", "km", "1", "leg", "a", "b"),
        ("1", "km", "2", "border", "b", "b"),  # KZ-AZ: the dwell at the departure place
        ("1", "km", "2", "leg", "b", "d"),
        ("2", "risk", "1", "border", "a", "a"),  # KZ-UZ
        ("2", "risk", "1", "leg", "a", "c"),
        ("2", "risk", "2", "gauge_change", "c", "c"),  # 1520 mm a-c, 1435 mm c-d: a stop before leg 2
        ("2", "risk", "2", "border", "c", "c"),  # UZ-AZ
        ("2", "risk", "2", "leg", "c", "d"),
    ]
    assert rows[0]["km"] == "120.0" and rows[0]["risk"] == "0.8" and rows[0]["opens"] == ""
    assert rows[0]["corridors"] == "west" and rows[0]["from_name"] == "A"


def test_compare_csv_flattens_the_totals(net: str) -> None:
    result = run("compare", "--from", "a", "--to", "d", "--data", net, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == COMPARE_COLUMNS
    doc = json.loads(run("compare", "--from", "a", "--to", "d", "--data", net, "--json").stdout)
    for row, corridor in zip(rows, doc["corridors"], strict=True):
        assert row["corridor"] == corridor["id"]
        assert float(row["km"]) == corridor["totals"]["km"]
        assert float(row["risk_weighted_km"]) == corridor["totals"]["risk_weighted_km"]
        assert row["nodes"] == ";".join(corridor["nodes"])


def test_compare_csv_leaves_totals_empty_without_a_route(net: str) -> None:
    result = run("compare", "--from", "a", "--to", "b", "--data", net, "-f", "csv")
    rows = {r["corridor"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["west"]["route_found"] == "true" and rows["west"]["km"] == "120.0"
    assert rows["east"]["route_found"] == "false" and rows["east"]["km"] == ""


def test_ndjson_rows_are_the_csv_rows_typed(net: str) -> None:
    lines = run("path", "a", "d", "--data", net, "-f", "ndjson").stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 8 and [r["part"] for r in rows].count("leg") == 4
    assert rows[0]["corridors"] == ["west"] and rows[0]["km"] == 120 and rows[0]["opens"] is None
    nodes = [json.loads(line) for line in run("nodes", "--data", net, "-f", "ndjson").stdout.splitlines()]
    assert [n["id"] for n in nodes] == ["a", "b", "c", "d"]


def test_markdown_is_a_github_table(net: str) -> None:
    lines = run("nodes", "--data", net, "-f", "markdown").stdout.splitlines()
    assert lines[0] == "| id | name | aliases | country | kind | lat | lon | corridors | risk |"
    assert lines[1] == "| --- | --- | --- | --- | --- | ---: | ---: | --- | ---: |"
    assert lines[3] == "| b | B |  | KZ | junction | 0.0 | 1.0 | west | 0.0 |"
    assert len(lines) == 2 + 4


def test_markdown_and_csv_escape_hostile_cells(write_json: Any) -> None:
    def hostile(d: dict[str, Any]) -> None:
        d["nodes"][0]["name"] = '=HYPERLINK("http://x")|pipe\nnext'
        d["nodes"][1]["name"] = "@SUM(A1)"
        d["nodes"][2]["name"] = "-2+3"
        d["nodes"][3]["name"] = "+cmd"

    path = str(write_json(mutated(diamond(), hostile)))
    markdown = run("nodes", "--data", path, "-f", "markdown").stdout.splitlines()
    assert len(markdown) == 6  # the newline did not break the row
    assert '=HYPERLINK("http://x")\\|pipe next' in markdown[2]
    rows = list(csv.DictReader(io.StringIO(run("nodes", "--data", path, "-f", "csv").stdout)))
    assert [r["name"] for r in rows] == [
        '\'=HYPERLINK("http://x")|pipe\nnext',
        "'@SUM(A1)",
        "'-2+3",
        "'+cmd",
    ]


def test_negative_numbers_stay_numbers_in_csv(write_json: Any) -> None:
    doc = document([node("w", 10, -75), node("e", 10, -74)], [edge("w", "e", 120)])
    rows = list(csv.DictReader(io.StringIO(run("nodes", "--data", str(write_json(doc)), "-f", "csv").stdout)))
    assert rows[0]["lon"] == "-75.0"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["path", "a", "d", "--json", "--format", "csv"], "--json and --format csv conflict"),
        (["path", "a", "d", "--format", "yaml"], "'yaml' is not one of"),
        (["path", "--batch", "x.csv", "--format", "csv"], "--format csv is not available here"),
    ],
)
def test_format_usage_errors(net: str, args: list[str], message: str) -> None:
    result = run(*args, "--data", net)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert message in result.stderr


def test_json_flag_and_format_json_agree(net: str) -> None:
    assert (
        run("path", "a", "d", "--data", net, "--json").stdout
        == run("path", "a", "d", "--data", net, "--json", "--format", "json").stdout
    )


def valid_geojson(text: str) -> Any:
    obj = geojson.loads(text)
    assert obj.is_valid, obj.errors()
    assert isinstance(obj, geojson.FeatureCollection)
    return obj


def test_path_geojson_is_valid_rfc7946(net: str) -> None:
    result = run("path", "a", "d", "--data", net, "--format", "geojson")
    collection = valid_geojson(result.stdout)
    assert collection["schema_version"] == 1 and collection["command"] == "path"
    kinds = [(f["properties"]["feature"], f["properties"]["route_rank"]) for f in collection["features"]]
    assert kinds == [("route", 1), ("leg", 1), ("leg", 1), ("route", 2), ("leg", 2), ("leg", 2)]
    route = collection["features"][0]
    assert route["geometry"]["coordinates"] == [[0, 0], [1, 0], [2, 0]]  # [lon, lat]
    assert route["properties"]["km"] == 240 and route["properties"]["nodes"] == ["a", "b", "d"]
    leg = collection["features"][1]
    assert leg["geometry"] == {"type": "LineString", "coordinates": [[0, 0], [1, 0]]}
    assert leg["properties"]["edge_id"] == "a-b" and leg["properties"]["risk"] == 0.8


@pytest.mark.parametrize("command", [["compare", "--from", "a", "--to", "d"], ["nodes"], ["edges"]])
def test_other_geojson_exports_are_valid(net: str, command: list[str]) -> None:
    result = run(*command, "--data", net, "--format", "geojson")
    assert result.exit_code == 0, result.stderr
    collection = valid_geojson(result.stdout)
    assert collection["features"]


def test_a_leg_across_the_antimeridian_is_split_at_180(write_json: Any) -> None:
    # Vladivostok-ish to Alaska-ish: the short way crosses 180 degrees.
    doc = document(
        [node("west", 50, 170, country="RU"), node("east", 60, -170, country="US")],
        [edge("west", "east", 2000)],
    )
    result = run("path", "west", "east", "--data", str(write_json(doc)), "--format", "geojson")
    collection = valid_geojson(result.stdout)
    leg = collection["features"][1]["geometry"]
    assert leg["type"] == "MultiLineString"
    assert leg["coordinates"] == [[[170, 50], [180.0, 55.0]], [[-180.0, 55.0], [-170, 60]]]
    for part in leg["coordinates"]:
        lons = [lon for lon, _ in part]
        assert max(lons) - min(lons) <= 180  # no part goes the long way round


def test_antimeridian_split_both_directions_and_not_otherwise() -> None:
    assert split_segment([-170, 60], [170, 50]) == [[[-170, 60], [-180.0, 55.0]], [[180.0, 55.0], [170, 50]]]
    assert split_segment([10, 0], [170, 0]) == [[[10, 0], [170, 0]]]
    crossing = line_geometry([[160, 0], [175, 0], [-175, 0], [-160, 0]])
    assert crossing == {
        "type": "MultiLineString",
        "coordinates": [[[160, 0], [175, 0], [180.0, 0.0]], [[-180.0, 0.0], [-175, 0], [-160, 0]]],
    }


def test_output_file_is_written_whole(net: str, tmp_path: Path) -> None:
    target = tmp_path / "route.csv"
    result = run("path", "a", "d", "--data", net, "-f", "csv", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("route_rank,criterion")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.json", "route.csv"]  # no temporary left


def test_failed_command_leaves_an_existing_output_file_alone(net: str, tmp_path: Path) -> None:
    target = tmp_path / "route.csv"
    target.write_text("keep me", encoding="utf-8")
    result = run("path", "a", "zz", "--data", net, "-f", "csv", "-o", str(target))
    assert result.exit_code == ExitCode.UNKNOWN_NODE
    assert target.read_text(encoding="utf-8") == "keep me"


def test_a_failure_while_writing_leaves_the_existing_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old contents", encoding="utf-8")

    def chunks() -> Any:
        yield "new line 1\n"
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError, match="disk gone"):
        write_atomic(target, chunks())
    assert target.read_text(encoding="utf-8") == "old contents"
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


def test_write_atomic_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, ["new ", "text"])
    assert target.read_text(encoding="utf-8") == "new text"
    assert target.stat().st_mode & 0o777 == 0o640


def test_unwritable_output_is_a_clear_error(net: str, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "x.csv"
    result = run("path", "a", "d", "--data", net, "-f", "csv", "-o", str(missing))
    assert result.exit_code == ExitCode.OUTPUT
    assert result.stderr.startswith(f"corridors: error: cannot write {missing}")
    assert "Traceback" not in result.stderr
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(tmp_path, ["x"])


@pytest.mark.parametrize(
    "args",
    [
        ("path", "Xian", "Duisburg", "--by", "hours", "--alternatives", "3"),
        ("path", "Khorgos", "Istanbul", "--by", "cost"),
        ("pareto", "Xian", "Duisburg", "--criteria", "hours,co2_wtw"),
    ],
)
def test_a_routes_rows_add_up_to_its_totals(args: tuple[str, ...]) -> None:
    """Legs, waits, stops and places' risks together: every amount, km and risk_km add up."""
    rows = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv").stdout)))
    routes = json.loads(run(*args, "--json").stdout)["routes"]
    assert any(r["part"] != "leg" for r in rows)  # the data has stops with hours and a cost
    for rank, route in enumerate(routes, 1):
        mine = [r for r in rows if r["route_rank"] == str(rank)]
        keys = (("km", 1), ("risk_km", 1), ("hours", 1), ("cost_usd", 0), ("co2e_kg", 1), ("co2e_wtw_kg", 1))
        for key, digits in keys:
            total = math.fsum(float(r[key] or 0) for r in mine)  # rows rounded: off by half a unit at most
            assert total == pytest.approx(route["totals"][key], abs=0.5 * 10**-digits * (len(mine) + 1)), key


def test_geojson_follows_an_edge_track_in_either_direction(write_json: Any) -> None:
    # a-b carries a track bowing north of the equator; b-d has none and is drawn straight.
    doc = mutated(diamond(), lambda d: d["edges"][0].update(geometry=[[0, 0], [0.5, 0.2], [1, 0]]))
    collection = valid_geojson(
        run("path", "d", "a", "--data", str(write_json(doc)), "--format", "geojson").stdout
    )
    route, first, second = collection["features"][:3]
    assert first["properties"]["edge_id"] == "b-d" and first["properties"]["geometry"] == "straight"
    assert first["geometry"]["coordinates"] == [[2, 0], [1, 0]]
    # Travelled b -> a, against the edge's direction: the track is reversed, [lon, lat] kept.
    assert second["properties"]["geometry"] == "track"
    assert second["geometry"]["coordinates"] == [[1, 0], [0.5, 0.2], [0, 0]]
    assert route["geometry"]["coordinates"] == [[2, 0], [1, 0], [0.5, 0.2], [0, 0]]
    assert route["properties"]["geometry"] == "partly straight"
    edges = valid_geojson(run("edges", "--data", str(write_json(doc)), "--format", "geojson").stdout)
    drawn = {f["properties"]["id"]: f["properties"]["geometry"] for f in edges["features"]}
    assert drawn == {
        "a-b": "track",
        "b-d": "straight",
        "a-c": "straight",
        "c-d": "straight",
        "c-d-new": "straight",
    }


def test_each_wait_and_stop_is_a_row_of_its_own(write_json: Any) -> None:
    """Every kind of row, with figures worked out by hand from conftest's parameters.

    a (CN) -rail 1435 mm, 100 km-> b (KZ) -rail 1520 mm, 150 km-> c (KZ) -ferry, 200 km-> d (AZ):
    a border on a-b and on the ferry, a gauge change at b, a transshipment at c, a wait for
    the sailing at c (given a cost here, so that no term is zero), a risky edge b-c and risky
    places b and d.
    """
    doc = document(
        [
            node("a", 0, 0, country="CN"),
            node("b", 0, 0.8, risks={"sanctions": risk_of(0.5)}),
            node("c", 0, 2.0),
            node("d", 0, 3.6, country="AZ", risks={"weather": risk_of(0.25)}),
        ],
        [
            edge("a", "b", 100, gauge_mm=1435),
            edge("b", "c", 150, risks={"sanctions": risk_of(0.4)}),
            edge("c", "d", 200, mode="ferry"),
        ],
    )
    del doc["edges"][2]["gauge_mm"]
    doc["parameters"] = [
        *(p for p in model_parameters() if p["id"] != "cost-ferry-wait"),
        parameter("cost-ferry-wait", "cost_usd", 30, event="ferry_wait"),
        parameter("co2e-wtw-gauge-change", "co2e_wtw_kg", 3, event="gauge_change"),
        parameter("co2e-wtw-transshipment", "co2e_wtw_kg", 4, event="transshipment"),
    ]
    path = str(write_json(doc))
    rows = list(csv.DictReader(io.StringIO(run("path", "a", "d", "--data", path, "-f", "csv").stdout)))
    cells = ("leg", "part", "from", "to", "km", "risk_km", "hours", "cost_usd", "co2e_kg", "co2e_wtw_kg")
    # rail: 50 km/h, 1 USD/km, 0.02 + 0.005 kg/t-km; ferry: 20 km/h, 3 USD/km, 0.05 + 0.008; 10 t;
    # border 5 h 50 USD, gauge change 10 h 100 USD 3 kg, transshipment 20 h 200 USD 4 kg (the hubs'
    # CO2e well to wheel only), sailing 7 h 30 USD;
    # a place's risk counts 100 km-equivalents (the default --node-risk-km).
    assert [tuple(r[c] for c in cells) for r in rows] == [
        ("1", "border", "a", "a", "0.0", "", "5.0", "50", "0.0", "0.0"),
        ("1", "leg", "a", "b", "100.0", "0.0", "2.0", "100", "20.0", "25.0"),
        ("2", "node_risk", "b", "b", "0.0", "50.0", "", "", "", ""),
        ("2", "gauge_change", "b", "b", "0.0", "", "10.0", "100", "0.0", "3.0"),
        ("2", "leg", "b", "c", "150.0", "60.0", "3.0", "150", "30.0", "37.5"),
        ("3", "transshipment", "c", "c", "0.0", "", "20.0", "200", "0.0", "4.0"),
        ("3", "border", "c", "c", "0.0", "", "5.0", "50", "0.0", "0.0"),
        ("3", "ferry_wait", "c", "c", "0.0", "", "7.0", "30", "0.0", "0.0"),
        ("3", "leg", "c", "d", "200.0", "0.0", "10.0", "600", "100.0", "116.0"),
        ("3", "node_risk", "d", "d", "0.0", "25.0", "", "", "", ""),
    ]
    assert rows[1]["edge_id"] == rows[0]["edge_id"] == "a-b" and rows[7]["mode"] == "ferry"
    totals = json.loads(run("path", "a", "d", "--data", path, "--json").stdout)["routes"][0]["totals"]
    for key in ("km", "risk_km", "hours", "cost_usd", "co2e_kg", "co2e_wtw_kg"):
        assert math.fsum(float(r[key] or 0) for r in rows) == pytest.approx(totals[key]), key


def risk_of(value: float) -> dict[str, Any]:
    return {"value": value, "why": "test", "sources": ["s1"]}
