"""The schema is the one definition of a network file: the loader reads no field it lacks, and
it lists no field the loader ignores (but for a short list of notes for people).

The loader's reads are recorded (dicts that log each key asked for) while the checks and the
record builder run over the bundled network with every optional field filled in; the schema's
fields are enumerated from the schema itself. Paths are patterns: `edges[].risks.*.value`.
Also: jsonschema-rs (which the loader runs) and the pure-Python jsonschema (an independent
implementation of the same standard) find problems at the same places of damaged files, and
damage never makes the loader fail other than with a DataError.
"""

from __future__ import annotations

import copy
import json
from dataclasses import fields
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import diamond
from corridors.errors import DataError
from corridors.network.checks import cross_problems
from corridors.network.loading import bundled_data_path, parse_network
from corridors.network.model import Edge, Node
from corridors.network.records import Builder
from corridors.network.schema import schema, schema_problems

# In the schema for people, read by no code: titles, descriptions, notes and how a figure was made.
FOR_PEOPLE = {
    "title",
    "description",
    "risk_scale",
    "estimation_methods[].id",
    "estimation_methods[].description",
    "risk_factors[].name",
    "risk_factors[].description",
    "corridors[].description",
    "nodes[].description",
    "nodes[].coords.basis",
    "nodes[].coords.note",
    "projects[].kind",
    "projects[].summary",
    "projects[].note",
    "parameters[].note",
    "delays[].basis",
    "delays[].note",
}


def resolve(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = schema()["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def schema_fields(node: Any, path: str = "", out: set[str] | None = None) -> set[str]:
    """Every field path the schema defines, through $ref, allOf/then and items."""
    out = set() if out is None else out
    node = resolve(node)
    if not isinstance(node, dict):
        return out
    for key, sub in node.get("properties", {}).items():
        if sub is True:
            continue
        field = f"{path}.{key}" if path else key
        out.add(field)
        schema_fields(sub, field, out)
    if isinstance(node.get("additionalProperties"), dict):
        schema_fields(node["additionalProperties"], f"{path}.*", out)
    for key in ("items",):
        if isinstance(node.get(key), dict):
            schema_fields(node[key], f"{path}[]", out)
    for part in node.get("allOf", []):
        schema_fields(part.get("then", {}), path, out)
    return out


class Recording(dict[str, Any]):
    """A decoded object that logs every key read from it, as a path pattern."""

    def __init__(self, value: dict[str, Any], path: str, log: set[str], maps: set[str]) -> None:
        self.path, self.log = path, log
        is_map = path in maps
        super().__init__({k: wrap(v, self.child("*" if is_map else k), log, maps) for k, v in value.items()})

    def child(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def __getitem__(self, key: str) -> Any:
        self.log.add(self.child(key))
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self.log.add(self.child(key))
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.log.add(self.child(str(key)))
        return super().__contains__(key)


def wrap(value: Any, path: str, log: set[str], maps: set[str]) -> Any:
    if isinstance(value, dict):
        return Recording(value, path, log, maps)
    if isinstance(value, list):
        return [wrap(item, f"{path}[]", log, maps) for item in value]
    return value


def everything() -> dict[str, Any]:
    """The bundled network with the optional fields it leaves out filled in."""
    doc = json.loads(bundled_data_path().read_text(encoding="utf-8"))
    edge = doc["edges"][0]
    edge["oneway"] = False
    doc["x-mine"] = "a note of my own"
    base = {"basis": "estimate", "note": "test", "sources": [doc["sources"][0]["id"]], "event": "border"}
    doc["delays"] += [
        {**base, "id": "t-uniform", "effect": "extra", "probability": 0.1, "edge": edge["id"],
         "country": "KZ", "distribution": {"family": "uniform", "low_hours": 1, "high_hours": 2}},
        {**base, "id": "t-lognormal", "effect": "extra", "probability": 0.1,
         "distribution": {"family": "lognormal", "median_hours": 1, "sigma": 0.5}},
        {**base, "id": "t-fixed", "effect": "spread", "distribution": {"family": "fixed"}},
    ]  # fmt: skip
    return doc


def test_the_loader_reads_exactly_the_fields_the_schema_defines() -> None:
    doc = everything()
    assert schema_problems(doc) == []
    defined = schema_fields(schema())
    maps = {field.split(".*")[0] for field in defined if ".*" in field}  # risk tables: factor -> risk
    read: set[str] = set()
    recorded = wrap(doc, "", read, maps)
    assert cross_problems(recorded, set()) == []
    Builder(recorded).network("recorded")
    read = {field for field in read if not field.startswith("x-")}
    assert read - defined == set(), "the loader reads fields the schema lacks"
    assert defined - read - FOR_PEOPLE == set(), "the schema lists fields no code reads"
    assert defined >= FOR_PEOPLE, "a field for people that the schema no longer has"


def test_the_bundled_network_and_the_example_validate() -> None:
    doc = json.loads(bundled_data_path().read_text(encoding="utf-8"))
    assert schema_problems(doc) == []
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(doc)
    network = parse_network(doc, "bundled")
    assert len(network.nodes) == len(doc["nodes"]) and len(network.edges) == len(doc["edges"])


def test_trusted_records_equal_constructed_ones() -> None:
    network = parse_network(everything(), "t")
    for record in (*network.edges[:50], *list(network.nodes.values())[:50]):
        assert set(vars(record)) == {field.name for field in fields(record)}
        rebuilt = type(record)(**vars(record))
        assert rebuilt == record and hash(rebuilt) == hash(record)
    assert isinstance(network.edges[0], Edge) and isinstance(next(iter(network.nodes.values())), Node)


def test_a_misspelt_key_is_named_with_a_suggestion() -> None:
    doc = diamond()
    doc["edges"][2]["one_way"] = True
    doc["x-comment"] = "free"
    with pytest.raises(DataError) as info:
        parse_network(doc, "t")
    assert info.value.problems == ("edges[2].one_way: unknown key 'one_way'; did you mean oneway? "
                                   "(or an x- key for notes of your own)",)  # fmt: skip


odd = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3000, 3000),
    st.floats(allow_nan=False),
    st.sampled_from(["", " ", "a", "b", "KZ", "rail", "estimate", "planned", "s1", "east", "sanctions"]),
    st.lists(st.sampled_from(["s1", "east", "x", ""]), max_size=3),
    st.just([[0, 0], [1, 0]]),
    st.just({"sanctions": {"value": 0.5, "why": "w"}}),
    st.just({"nope": {"value": 0.1, "why": "w", "sources": ["s1"]}}),
    st.just({"a": 1}),
)


@st.composite
def damaged(draw: st.DrawFn) -> dict[str, Any]:
    doc = diamond()
    for _ in range(draw(st.integers(1, 4))):
        section = draw(st.sampled_from(["nodes", "edges", "sources", "corridors", "risk_factors"]))
        target = draw(st.sampled_from(doc[section]))
        key = draw(st.sampled_from([*sorted(target), "id", "risks", "geometry", "oneway", "bogus"]))
        if draw(st.booleans()):
            target.pop(key, None)
        else:
            target[key] = draw(odd)
    return doc


def places(path: Any) -> tuple[Any, ...]:
    return tuple(path)


@settings(max_examples=300, deadline=None)
@given(doc=damaged())
def test_damage_is_reported_where_an_independent_validator_finds_it(doc: dict[str, Any]) -> None:
    oracle = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    expected = {tuple(error.absolute_path) for error in oracle.iter_errors(doc)}
    found = schema_problems(copy.deepcopy(doc))
    # jsonschema-rs names the missing or unknown key itself; the oracle names the object that lacks it
    assert {path for path, _ in found} >= expected - {path[:-1] for path, _ in found}
    assert {path if path in expected else path[:-1] for path, _ in found} <= expected
    if expected:
        with pytest.raises(DataError) as info:
            parse_network(doc, "t")
        assert all(": " in problem for problem in info.value.problems)
    else:
        try:
            parse_network(doc, "t")
        except DataError as err:  # a problem between records: never an error of another kind
            assert all(": " in problem for problem in err.problems)  # noqa: PT017


def with_parameters(doc: dict[str, Any]) -> dict[str, Any]:
    from conftest import model_parameters

    doc["parameters"] = model_parameters()
    return doc


def test_a_file_with_its_own_parameters_must_give_each_well_to_tank_factor() -> None:
    """No silent mixing: a missing WTT factor is an error that says why, not a borrowed figure."""
    doc = with_parameters(diamond())  # the diamond's edges are all rail
    parse_network(copy.deepcopy(doc), "complete")
    doc["parameters"] = [p for p in doc["parameters"] if p["id"] != "wtt-rail"]
    with pytest.raises(DataError) as info:
        parse_network(doc, "old")
    assert info.value.problems == (
        "parameters: no default co2e_wtt_kg_per_t_km for rail (a record without country, node, edge or "
        "from_year); well-to-wheel CO2e needs the well-to-tank factor of every mode the file uses, and "
        "corridors does not mix one of its own into yours",
    )


def test_a_well_to_tank_factor_for_a_mode_the_file_does_not_use_is_not_needed() -> None:
    doc = with_parameters(diamond())
    doc["parameters"] = [p for p in doc["parameters"] if p["id"] not in ("wtt-sea", "wtt-road", "wtt-ferry")]
    network = parse_network(doc, "rail only")
    assert {p.mode for p in network.parameters if p.metric == "co2e_wtt_kg_per_t_km"} == {"rail"}


def test_a_number_too_large_for_a_float_is_a_problem_not_a_crash() -> None:
    """JSON integers have no limit; a 400-digit km must be reported, not overflow a float."""
    doc = diamond()
    doc["edges"][0]["km"] = 10**400
    with pytest.raises(DataError) as info:
        parse_network(doc, "t")
    assert info.value.problems[0].startswith(
        "edges[0].km: must be at most 40,075 km (the equator), got a number 401 characters long"
    )


@pytest.mark.parametrize("section", ["nodes", "edges", "parameters", "delays"])
@pytest.mark.parametrize("record", [None, 7, "a", []])
def test_a_record_that_is_not_an_object_is_reported_and_not_measured(section: str, record: object) -> None:
    """`nodes: [null, ...]` (found by the fuzz test): one problem at the record, and the checks across
    records (the edges' great-circle floors) skip it instead of failing on its missing id."""
    from corridors.errors import DataError
    from corridors.network.loading import parse_network

    doc = diamond()
    doc[section] = [record, *doc.get(section, [])]
    with pytest.raises(DataError) as raised:
        parse_network(doc, "broken")
    assert f"{section}[0]: must be an object, got " in str(raised.value)
