"""The quick path of validation (loading._Quick) changes nothing: same records, same problems.

Every node and edge first meets `_Quick`, which builds the record when all is plainly
well and otherwise hands the object to the full checks. These tests run networks with
random damage both ways, with and without the quick path, and want identical results.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import diamond
from corridors.errors import DataError
from corridors.network import loading
from corridors.network.loading import parse_network

FIELDS = {
    "nodes": ["id", "name", "aliases", "country", "lat", "lon", "kind", "risks"],
    "edges": [
        "id",
        "from",
        "to",
        "mode",
        "km",
        "km_basis",
        "km_note",
        "status",
        "opens",
        "corridors",
        "sources",
        "gauge_mm",
        "oneway",
        "risks",
    ],
}
odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3000, 3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "",
            " ",
            "a",
            "b",
            "c",
            "d",
            "KZ",
            "kz",
            "rail",
            "road",
            "ferry",
            "estimate",
            "derived",
            "planned",
            "under_construction",
            "s1",
            "east",
            "sanctions",
            "a-b",
        ]
    ),
    st.lists(st.sampled_from(["s1", "east", "west", "x", ""]), max_size=3),
    st.just({"sanctions": {"value": 0.5, "why": "w", "sources": ["s1"]}}),
    st.just({"sanctions": {"value": 2, "why": "w", "sources": ["s1"]}}),
    st.just({"weather": {"value": 0.1, "why": " ", "sources": []}}),
    st.just({"nope": {"value": 0.1, "why": "w", "sources": ["s1"]}}),
)


def outcome(doc: Any) -> Any:
    try:
        return parse_network(copy.deepcopy(doc), "t")
    except DataError as err:
        return err.problems


@st.composite
def damaged(draw: st.DrawFn) -> dict[str, Any]:
    doc = diamond()
    for _ in range(draw(st.integers(0, 4))):
        section = draw(st.sampled_from(["nodes", "edges"]))
        target = draw(st.sampled_from(doc[section]))
        key = draw(st.sampled_from(FIELDS[section]))
        if draw(st.booleans()):
            target.pop(key, None)
        else:
            target[key] = draw(odd_values)
    return doc


@settings(max_examples=400, deadline=None)
@given(doc=damaged())
def test_quick_path_equals_full_checks(doc: dict[str, Any]) -> None:
    quick = outcome(doc)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loading._Quick, "node", lambda *_args: None)
        patch.setattr(loading._Quick, "edge", lambda *_args: None)
        full = outcome(doc)
    assert quick == full


def test_quick_path_builds_the_records(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a clean network every record comes from the quick path, and equals the full one."""
    calls: list[str] = []
    original = loading._Checker.field

    def counting(self: Any, obj: Any, key: str, place: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(place)
        return original(self, obj, key, place, *args, **kwargs)

    monkeypatch.setattr(loading._Checker, "field", counting)
    network = parse_network(diamond(), "t")
    assert not [place for place in calls if place.startswith(("nodes[", "edges["))]
    monkeypatch.setattr(loading._Quick, "node", lambda *_args: None)
    monkeypatch.setattr(loading._Quick, "edge", lambda *_args: None)
    assert parse_network(diamond(), "t") == network
