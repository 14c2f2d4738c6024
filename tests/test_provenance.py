"""Bring your own network (validate, schema) and provenance (sources, edges, show)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import diamond, mutated
from corridors.cli import app
from corridors.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "minimal-network.json"
runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


def output_schema() -> Any:
    return json.loads(
        (resources.files("corridors.render") / "output.schema.json").read_text(encoding="utf-8")
    )


@pytest.fixture
def net(write_json: Any) -> str:
    return str(write_json(diamond()))


def test_the_readme_example_network_validates_and_routes() -> None:
    result = run("validate", str(EXAMPLE))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == f"{EXAMPLE}: valid (3 nodes, 2 edges, 1 source, 1 corridor)\n"
    schema = json.loads(
        (resources.files("corridors.network") / "routes.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft202012Validator(schema).validate(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    route = json.loads(
        run("path", "north-port", "inland-hub", "--data", str(EXAMPLE), "--as-of", "2028", "--json").stdout
    )
    assert route["routes"][0]["totals"]["km"] == 670


def test_validate_lists_every_problem_and_exits_3(write_json: Any) -> None:
    def breaks(d: dict[str, Any]) -> None:
        d["edges"][0]["km"] = -5
        d["edges"][1]["to"] = "nowhere"
        d["nodes"][2]["lat"] = 95

    path = str(write_json(mutated(diamond(), breaks)))
    result = run("validate", path)
    assert result.exit_code == ExitCode.DATA
    assert result.stdout.splitlines() == [
        "nodes[2].lat: must be between -90 and 90, got 95",
        "edges[0].km: must be positive, got -5",
        "edges[1].to: unknown node id 'nowhere'",
    ]
    assert result.stderr == f"corridors: error: {path}: 3 problems\n"


def test_validate_json(write_json: Any, net: str) -> None:
    good = json.loads(run("validate", net, "--json").stdout)
    assert good == {
        "schema_version": 1,
        "command": "validate",
        "query": {"file": net},
        "valid": True,
        "problems": [],
    }
    broken = str(write_json(mutated(diamond(), lambda d: d["edges"][0].update(km=-5)), "bad.json"))
    result = run("validate", broken, "--json")
    assert result.exit_code == ExitCode.DATA
    doc = json.loads(result.stdout)
    assert doc["valid"] is False
    assert doc["problems"] == [{"place": "edges[0].km", "message": "must be positive, got -5"}]
    jsonschema.Draft202012Validator(output_schema()).validate(doc)


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "file not found"), ("{not json", "not valid JSON"), ("", "file is empty")],
)
def test_validate_unreadable_files(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "net.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("validate", str(path), "--json")
    assert result.exit_code == ExitCode.DATA
    problem = json.loads(result.stdout)["problems"][0]
    assert problem["place"] is None and message in problem["message"]


def test_schema_prints_the_shipped_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(
        (resources.files("corridors.network") / "routes.schema.json").read_text(encoding="utf-8")
    )


def test_sources(net: str) -> None:
    doc = json.loads(run("sources", "--data", net, "--json").stdout)
    assert doc["sources"] == [
        {
            "id": "s1",
            "title": "Test source",
            "publisher": "Tests",
            "year": 2025,
            "url": "https://example.org/s1",
        }
    ]
    text = run("sources", "--data", net).stdout
    assert "s1  Test source. Tests (2025)." in text and "https://example.org/s1" in text
    assert run("sources", "--data", net, "-f", "csv").stdout.splitlines()[0] == "id,title,publisher,year,url"
    refused = run("sources", "--data", net, "-f", "geojson")
    assert refused.exit_code == ExitCode.USAGE and "not available here" in refused.stderr


def test_edges(net: str) -> None:
    doc = json.loads(run("edges", "--data", net, "--json").stdout)
    ids = [e["id"] for e in doc["edges"]]
    assert ids == ["a-b", "b-d", "a-c", "c-d", "c-d-new"]
    new = doc["edges"][-1]
    assert (new["km"], new["status"], new["opens"], new["corridors"], new["sources"]) == (
        125,
        "under_construction",
        2028,
        ["east"],
        ["s1"],
    )
    assert doc["edges"][0]["risk_factors"] == {"sanctions": 0.8}
    table = run("edges", "--data", net).stdout
    assert "c-d-new" in table and "opens 2028" in table


def test_show_node_neighbours_and_sources(net: str) -> None:
    doc = json.loads(run("show", "C", "--data", net, "--json").stdout)
    assert doc["command"] == "show" and doc["query"]["node"] == "c"
    assert doc["node"]["id"] == "c" and doc["node"]["country"] == "UZ"
    assert [(n["node"], n["edge_id"], n["km"], n["mode"]) for n in doc["neighbours"]] == [
        ("a", "a-c", 140, "rail"),
        ("d", "c-d", 140, "rail"),
        ("d", "c-d-new", 125, "rail"),
    ]
    assert [s["id"] for s in doc["sources"]] == ["s1"]
    text = run("show", "c", "--data", net).stdout
    assert "C (c)" in text and "3 neighbours" in text and "under construction, opens 2028" in text


def test_show_suggests_near_misses(net: str) -> None:
    result = run("show", "cc", "--data", net)
    assert result.exit_code == ExitCode.UNKNOWN_NODE
    assert "did you mean c" in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [["edges", "--json"], ["sources", "--json"], ["show", "a", "--json"]],
)
def test_new_json_documents_satisfy_the_output_schema(net: str, args: list[str]) -> None:
    doc = json.loads(run(*args, "--data", net).stdout)
    jsonschema.Draft202012Validator(output_schema()).validate(doc)
    assert list(doc)[:4] == ["schema_version", "command", "query", "network"]
