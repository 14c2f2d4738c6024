"""Tiny hand-made networks whose answers can be checked by hand."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network

SOURCE = {
    "id": "s1",
    "title": "Test source",
    "publisher": "Tests",
    "year": 2025,
    "url": "https://example.org/s1",
}


def node(ident: str, lat: float, lon: float, country: str = "KZ", **extra: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "name": ident.title(),
        "aliases": [],
        "country": country,
        "lat": lat,
        "lon": lon,
        "kind": "junction",
        **extra,
    }


def edge(source: str, target: str, km: float, **extra: Any) -> dict[str, Any]:
    base = {
        "id": f"{source}-{target}",
        "from": source,
        "to": target,
        "mode": "rail",
        "km": km,
        "km_basis": "sourced",
        "status": "operational",
        "opens": None,
        "corridors": ["east", "west"],
        "sources": ["s1"],
        "gauge_mm": 1520,
    }
    base.update(extra)
    return base


def risk(value: float) -> dict[str, Any]:
    return {"value": value, "why": "test", "sources": ["s1"]}


def document(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "as_of": "2026-01-01",
        "sources": [dict(SOURCE)],
        "risk_factors": [{"id": "sanctions", "name": "Sanctions"}, {"id": "weather", "name": "Weather"}],
        "corridors": [{"id": "east", "name": "East"}, {"id": "west", "name": "West"}],
        "nodes": nodes,
        "edges": edges,
    }


def diamond() -> dict[str, Any]:
    """a-b-d is short but risky; a-c-d is longer and safe; c-d also has a planned shortcut.

    Nodes sit on the equator 1 degree (111.2 km) apart so great-circle floors are easy.
    """
    return document(
        [node("a", 0, 0), node("b", 0, 1), node("c", 0.5, 1, country="UZ"), node("d", 0, 2, country="AZ")],
        [
            edge("a", "b", 120, risks={"sanctions": risk(0.8)}, corridors=["west"]),
            edge("b", "d", 120, corridors=["west"]),
            edge("a", "c", 140, corridors=["east"]),
            edge("c", "d", 140, corridors=["east"], gauge_mm=1435),
            edge(
                "c",
                "d",
                125,
                id="c-d-new",
                status="under_construction",
                opens=2028,
                corridors=["east"],
                gauge_mm=1435,
            ),
        ],
    )


@pytest.fixture
def diamond_doc() -> dict[str, Any]:
    return diamond()


@pytest.fixture
def diamond_graph() -> CorridorGraph:
    return CorridorGraph.build(parse_network(diamond(), "diamond"))


@pytest.fixture
def write_json(tmp_path: Path):  # type: ignore[no-untyped-def]
    def write(doc: Any, name: str = "net.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path

    return write


def mutated(doc: dict[str, Any], change: Any) -> dict[str, Any]:
    copied = copy.deepcopy(doc)
    change(copied)
    return copied


def parameter(ident: str, metric: str, value: float, **selectors: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "metric": metric,
        "value": value,
        **selectors,
        "basis": "estimate",
        "note": "test figure",
        "sources": ["s1"],
    }


def model_parameters() -> list[dict[str, Any]]:
    """A complete, simple parameter set: easy numbers to check by hand."""
    out = [parameter("cargo", "cargo_t", 10)]
    for mode, speed, rate, factor, upstream in (
        ("rail", 50, 1.0, 0.02, 0.005),
        ("ferry", 20, 3.0, 0.05, 0.008),
        ("sea", 25, 2.0, 0.03, 0.006),
        ("road", 60, 4.0, 0.1, 0.02),
    ):
        out += [
            parameter(f"speed-{mode}", "speed_kmh", speed, mode=mode),
            parameter(f"rate-{mode}", "cost_usd_per_km", rate, mode=mode),
            parameter(f"co2-{mode}", "co2e_kg_per_t_km", factor, mode=mode),
            parameter(f"wtt-{mode}", "co2e_wtt_kg_per_t_km", upstream, mode=mode),
        ]
    for event, hours, usd in (
        ("border", 5, 50),
        ("gauge_change", 10, 100),
        ("transshipment", 20, 200),
        ("ferry_wait", 7, 0),
    ):
        slug = event.replace("_", "-")
        out += [
            parameter(f"dwell-{slug}", "dwell_hours", hours, event=event),
            parameter(f"cost-{slug}", "cost_usd", usd, event=event),
        ]
    return out
