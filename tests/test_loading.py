"""Loading and validation: every problem reported at once, each with its place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import diamond, mutated, risk
from corridors.errors import DataError, ExitCode
from corridors.network.loading import load_network, parse_network


def problems_of(doc: Any) -> list[str]:
    with pytest.raises(DataError) as info:
        parse_network(doc, "test.json")
    assert info.value.exit_code == ExitCode.DATA
    return list(info.value.problems)


def test_diamond_loads() -> None:
    network = parse_network(diamond(), "diamond")
    assert set(network.nodes) == {"a", "b", "c", "d"}
    assert len(network.edges) == 5
    assert [c.id for c in network.corridors] == ["east", "west"]
    assert network.as_of_year == 2026


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["edges"][0].update(km=-3), "edges[0].km: must be positive, got -3"),
        (lambda d: d["edges"][0].update(km=0), "edges[0].km: must be positive, got 0"),
        (lambda d: d["edges"][0].update(km="120"), "edges[0].km: must be a number, got a string"),
        (lambda d: d["edges"][0].update(km=True), "edges[0].km: must be a number, got a boolean"),
        (
            lambda d: d["edges"][0].update(km=50),
            "edges[0].km: 50 km is shorter than the great-circle distance 111 km",
        ),
        (lambda d: d["edges"][1].update(to="zz"), "edges[1].to: unknown node id 'zz'"),
        (lambda d: d["edges"][1].update(to="b"), "edges[1]: self-loop: from and to are both 'b'"),
        (lambda d: d["edges"][2].update(sources=["nope"]), "edges[2].sources[0]: unknown source id 'nope'"),
        (lambda d: d["edges"][2].update(sources=[]), "edges[2].sources: must cite at least one source"),
        (lambda d: d["edges"][2].pop("sources"), "edges[2].sources: missing"),
        (
            lambda d: d["edges"][2].update(corridors=["south"]),
            "edges[2].corridors[0]: unknown corridor id 'south'",
        ),
        (
            lambda d: d["edges"][2].update(mode="teleport"),
            "edges[2].mode: must be one of rail, ferry, sea, road",
        ),
        (
            lambda d: d["edges"][4].update(opens=None),
            "edges[4].opens: a line not yet operational needs its opening year",
        ),
        (lambda d: d["edges"][2].update(km_basis="estimate"), "edges[2].km_note: missing"),
        (lambda d: d["edges"][2].update(km_basis="measured"), "edges[2].km_note: missing"),
        (
            lambda d: d["edges"][0].update(geometry=[[0, 0]]),
            "edges[0].geometry: must be a list of at least two [lon, lat] points",
        ),
        (
            lambda d: d["edges"][0].update(geometry=[[0, 0], [0.5, float("nan")], [1, 0]]),
            "edges[0].geometry[1][1]: must be a finite number, got nan",
        ),
        (
            lambda d: d["edges"][0].update(geometry=[[0, 0], [0.5, 91], [1, 0]]),
            "edges[0].geometry[1][1]: must be between -90 and 90, got 91",
        ),
        (
            # [lat, lon] instead of [lon, lat] puts the far end 111 km off node b (lat 0, lon 1).
            lambda d: d["edges"][0].update(geometry=[[0, 0], [0, 1]]),
            "edges[0].geometry: must run from a to b: an end point is more than 1 km from b",
        ),
        (lambda d: d["edges"][2].update(id="a-b"), "edges[2].id: duplicate id 'a-b' (first at edges[0])"),
        (
            lambda d: d["edges"][0]["risks"].update(sanctions=risk(1.5)),
            "edges[0].risks.sanctions.value: must be between 0 and 1",
        ),
        (
            lambda d: d["edges"][0]["risks"].update(floods=risk(0.1)),
            "edges[0].risks.floods: unknown risk factor 'floods'",
        ),
        (lambda d: d["nodes"][1].update(id="a"), "nodes[1].id: duplicate id 'a' (first at nodes[0])"),
        (lambda d: d["nodes"][1].update(id="Bad Id"), "nodes[1].id: must match"),
        (lambda d: d["nodes"][0].update(lat=91), "nodes[0].lat: must be between -90 and 90, got 91"),
        (lambda d: d["nodes"][0].update(lon=-181), "nodes[0].lon: must be between -180 and 180, got -181"),
        (lambda d: d["nodes"][0].update(country="Kazakhstan"), "nodes[0].country: must match"),
        (lambda d: d["nodes"][0].pop("name"), "nodes[0].name: missing"),
        (lambda d: d.update(schema_version=2), "schema_version: unsupported schema_version 2"),
        (lambda d: d.update(as_of="yesterday"), "as_of: must be a date YYYY-MM-DD"),
        (lambda d: d.update(edges={}), "edges: must be a list, got an object"),
        (lambda d: d["sources"][0].update(url="ftp://x"), "sources[0].url: must be an http(s) URL"),
    ],
)
def test_each_problem_is_named_with_its_place(change: Any, expected: str) -> None:
    problems = problems_of(mutated(diamond(), change))
    assert any(p.startswith(expected) for p in problems), problems


def test_all_problems_are_reported_at_once() -> None:
    def break_three(d: dict[str, Any]) -> None:
        d["edges"][0]["km"] = -1
        d["nodes"][2]["lat"] = 200
        d["edges"][3]["sources"] = ["missing"]

    problems = problems_of(mutated(diamond(), break_three))
    assert len(problems) == 3
    message = str(DataError("f.json", problems))
    assert message.startswith("invalid network file f.json: 3 problems:")
    assert all(p in message for p in problems)


@pytest.mark.parametrize("top", [[], "text", 3, None])
def test_top_level_must_be_an_object(top: Any) -> None:
    assert problems_of(top)[0].startswith("top level must be a JSON object")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "file is empty"),
        (b"  \n", "file is empty"),
        (b"\xff\xfe{}", "not UTF-8 text"),
        (b'{"a": 1,', "not valid JSON: Expecting property name enclosed in double quotes at line 1"),
        (b'{"km": NaN}', "not valid JSON: NaN is not a JSON number"),
        (b'{"km": Infinity}', "not valid JSON: Infinity is not a JSON number"),
        (b'{"a": 1, "a": 2}', "not valid JSON: duplicate key 'a'"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON: nested too deeply"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "net.json"
    path.write_bytes(content)
    with pytest.raises(DataError) as info:
        load_network(path)
    assert info.value.problems[0].startswith(expected), info.value.problems


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="file not found"):
        load_network(tmp_path / "absent.json")
    with pytest.raises(DataError, match="is a directory"):
        load_network(tmp_path)


def test_unreadable_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated: tests may run as root, who reads a file whatever its mode.
    path = tmp_path / "secret.json"
    path.write_text("{}")

    def refuse(file: object) -> None:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr("corridors.network.reading.open_input", refuse)
    with pytest.raises(DataError, match="permission denied"):
        load_network(path)


def test_environment_variable_selects_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(diamond()))
    monkeypatch.setenv("CORRIDORS_DATA", str(path))
    assert set(load_network().nodes) == {"a", "b", "c", "d"}
