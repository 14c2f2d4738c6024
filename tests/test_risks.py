"""Country-wide risks and stated zeros: loaded, checked and applied to routes, by hand."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from conftest import diamond, mutated, risk
from corridors.analysis.routing import best_route
from corridors.analysis.scenario import RiskModel, edge_risks
from corridors.errors import DataError
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network


def with_countries(doc: dict[str, Any]) -> dict[str, Any]:
    """The diamond (a, b in KZ; c in UZ; d in AZ) with country-wide risks.

    KZ weather 0.2 reaches a-b (its own sanctions 0.8 stay) and a-c; UZ weather 0.6 and
    sanctions 0.3 reach a-c and c-d; AZ weather 0.4 reaches b-d and c-d. Node b states a
    zero with no source, which is a judgement, not a gap.
    """
    doc["countries"] = [
        {"country": "KZ", "name": "Kazakhstan", "risks": {"weather": risk(0.2)}},
        {"country": "UZ", "name": "Uzbekistan", "risks": {"weather": risk(0.6), "sanctions": risk(0.3)}},
        {"country": "AZ", "name": "Azerbaijan", "risks": {"weather": risk(0.4)}},
    ]
    doc["nodes"][1]["risks"] = {"weather": {"value": 0, "why": "none found"}}
    return doc


def factors(doc: dict[str, Any], edge_id: str) -> dict[str, float]:
    network = parse_network(doc, "t")
    (edge,) = [e for e in network.edges if e.id == edge_id]
    return {r.factor: r.value for r in edge_risks(network, edge)}


def test_an_edge_takes_its_countries_risks_unless_it_states_the_factor() -> None:
    doc = with_countries(diamond())
    assert factors(doc, "a-b") == {"sanctions": 0.8, "weather": 0.2}  # own sanctions, KZ weather
    # a-c crosses KZ-UZ: the higher of the two, factor by factor
    assert factors(doc, "a-c") == {"weather": 0.6, "sanctions": 0.3}
    assert factors(doc, "b-d") == {"weather": 0.4}
    doc["edges"][1]["risks"] = {"weather": {"value": 0, "why": "sheltered"}}  # b-d states its own zero
    assert factors(doc, "b-d") == {"weather": 0.0}


@pytest.mark.parametrize("mode", ["sea", "ferry"])
def test_a_sea_or_ferry_edge_keeps_only_its_own_risks(mode: str) -> None:
    doc = with_countries(diamond())
    doc["edges"][2]["mode"] = mode  # a-c, KZ-UZ
    assert factors(doc, "a-c") == {}
    doc["edges"][2]["risks"] = {"weather": risk(0.1)}
    assert factors(doc, "a-c") == {"weather": 0.1}


def test_route_exposure_with_country_risks_by_hand() -> None:
    """a-b-d, 120 + 120 km, the shortest. a-b: own sanctions 0.8 and KZ weather 0.2, so
    1 - (1 - 0.8)(1 - 0.2) = 0.84 and 120 * 0.84 = 100.8 km; b-d crosses KZ-AZ, weather
    max(0.2, 0.4) = 0.4, so 120 * 0.4 = 48 km; node d's own weather 0.5 weighs 100 * 0.5 =
    50 km (node b's stated zero adds nothing). Exposure 100.8 + 48 + 50 = 198.8 km.
    """
    doc = with_countries(diamond())
    doc["nodes"][3]["risks"] = {"weather": risk(0.5)}
    graph = CorridorGraph.build(parse_network(doc, "t"))
    route = best_route(graph, "a", "d", by="km", model=RiskModel())
    assert [leg.edge_id for leg in route.legs] == ["a-b", "b-d"]
    assert route.legs[0].risk == pytest.approx(0.84)
    assert route.legs[1].risk == pytest.approx(0.4)
    assert route.totals.risk_km == pytest.approx(198.8)


def test_a_zero_needs_no_source_but_a_value_does() -> None:
    doc = with_countries(diamond())
    network = parse_network(doc, "t")
    assert network.nodes["b"].risks[0].value == 0 and network.nodes["b"].risks[0].sources == ()
    doc["nodes"][1]["risks"]["weather"]["value"] = 0.1
    with pytest.raises(DataError, match=r"nodes\[1\]\.risks\.weather\.sources: missing"):
        parse_network(doc, "t")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["countries"].append(dict(d["countries"][0])),
            "countries[3].country: duplicate country 'KZ'",
        ),
        (lambda d: d["countries"][0].update(country="FR"), "countries[0].country: no node is in 'FR'"),
        (lambda d: d["countries"][0].update(country="kz"), "countries[0].country: must match"),
        (lambda d: d["countries"][0].pop("name"), "countries[0].name: missing"),
        (
            lambda d: d["countries"][0]["risks"].update(floods=risk(0.1)),
            "countries[0].risks.floods: unknown risk factor 'floods'",
        ),
    ],
)
def test_country_records_are_checked(change: Any, expected: str) -> None:
    with pytest.raises(DataError) as err:
        parse_network(mutated(with_countries(diamond()), change), "t")
    assert any(p.startswith(expected) for p in err.value.problems), err.value.problems


def routes_schema() -> Any:
    text = (resources.files("corridors.network") / "routes.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_the_schema_agrees_on_countries_and_zeros() -> None:
    validator = jsonschema.Draft202012Validator(routes_schema())
    doc = with_countries(diamond())
    validator.validate(doc)
    doc["nodes"][1]["risks"]["weather"]["value"] = 0.1  # a value without a source
    assert not validator.is_valid(doc)
    assert not validator.is_valid(mutated(with_countries(diamond()), lambda d: d["countries"][0].pop("name")))
