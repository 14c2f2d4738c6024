"""`corridors risks` and `corridors show EDGE-ID`, on the diamond with country-wide risks."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import diamond
from corridors.cli import app
from corridors.errors import ExitCode
from test_risks import with_countries

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def net(write_json: Any) -> str:
    return str(write_json(with_countries(diamond())))


def test_risks_lists_every_stated_value(net: str) -> None:
    doc = json.loads(run("risks", "--data", net, "--json").stdout)
    assert list(doc)[:4] == ["schema_version", "command", "query", "network"]
    places = [(r["place_kind"], r["place"], r["factor"], r["value"]) for r in doc["risks"]]
    assert places == [
        ("country", "KZ", "weather", 0.2),
        ("country", "UZ", "weather", 0.6),
        ("country", "UZ", "sanctions", 0.3),
        ("country", "AZ", "weather", 0.4),
        ("node", "b", "weather", 0.0),
        ("edge", "a-b", "sanctions", 0.8),
    ]
    uz = doc["risks"][1]
    assert uz["corridors"] == ["east"] and uz["why"] == "test" and uz["sources"] == ["s1"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--corridor", "west"], {"KZ", "AZ", "b", "a-b"}),
        (["--country", "uz"], {"UZ"}),
        (["--country", "KZ"], {"KZ", "b", "a-b"}),
        (["--factor", "sanctions"], {"UZ", "a-b"}),
        (["--corridor", "east", "--factor", "weather"], {"KZ", "UZ", "AZ"}),
    ],
)
def test_risks_filters(net: str, args: list[str], expected: set[str]) -> None:
    doc = json.loads(run("risks", "--data", net, "--json", *args).stdout)
    assert {r["place"] for r in doc["risks"]} == expected


def test_risks_csv_and_markdown_carry_the_same_rows(net: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run("risks", "--data", net, "--format", "csv").stdout)))
    assert len(rows) == 6 and rows[5]["place"] == "a-b" and rows[5]["sources"] == "s1"
    markdown = run("risks", "--data", net, "--format", "markdown").stdout.splitlines()
    assert markdown[0].startswith("| place_kind | place | name |") and len(markdown) == 2 + 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--corridor", "south"], "--corridor: unknown corridor 'south'; the data has east, west"),
        (["--country", "FR"], "--country: no place in 'FR'; the data has AZ, KZ, UZ"),
        (["--factor", "floods"], "--factor: unknown risk factor 'floods'; the data has sanctions, weather"),
    ],
)
def test_risks_refuses_unknown_filters(net: str, args: list[str], message: str) -> None:
    result = run("risks", "--data", net, *args)
    assert result.exit_code == ExitCode.USAGE and message in result.stderr and result.stdout == ""


def test_show_an_edge_with_inherited_risks(net: str) -> None:
    doc = json.loads(run("show", "a-c", "--data", net, "--json").stdout)
    assert doc["query"]["edge"] == "a-c"
    edge = doc["edge"]
    assert edge["km"] == 140 and edge["km_basis"] == "sourced" and edge["km_note"] is None
    assert edge["geometry"]["kind"] == "straight"
    assert [(r["factor"], r["value"], r["stated_on"]) for r in edge["risks"]] == [
        ("weather", 0.6, "country UZ"),
        ("sanctions", 0.3, "country UZ"),
    ]
    assert edge["risk"] == 0.72  # 1 - (1 - 0.6)(1 - 0.3)
    text = run("show", "a-c", "--data", net).stdout
    assert "A - C (a-c)" in text and "country UZ" in text and "Geometry: straight" in text


def test_a_node_wins_over_an_edge_and_a_near_miss_is_suggested(write_json: Any) -> None:
    doc = with_countries(diamond())
    doc["nodes"][0]["aliases"] = ["a-b"]  # a node called like an edge
    net = str(write_json(doc))
    assert "node" in json.loads(run("show", "a-b", "--data", net, "--json").stdout)
    result = run("show", "c-d-nwe", "--data", net)
    assert result.exit_code == ExitCode.UNKNOWN_NODE and "did you mean c-d-new" in result.stderr


def output_schema() -> Any:
    text = (resources.files("corridors.render") / "output.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@pytest.mark.parametrize("args", [["risks", "--json"], ["show", "a-c", "--json"], ["show", "a", "--json"]])
def test_documents_satisfy_the_output_schema(net: str, args: list[str]) -> None:
    doc = json.loads(run(*args, "--data", net).stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(doc)


def test_geometry_is_the_edges_polyline_when_it_has_one() -> None:
    from types import SimpleNamespace

    from corridors.render.risklist import geometry_of

    track = SimpleNamespace(geometry=[[51.0, 43.6], [50.0, 41.0], [49.9, 40.3]])
    assert geometry_of(track) == {
        "kind": "polyline",
        "points": 3,
        "source": "the edge's geometry in the data file",
    }
    assert geometry_of(SimpleNamespace(geometry=None))["kind"] == "straight"
