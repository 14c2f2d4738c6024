"""The land, borders and country names under the map: Natural Earth, bundled and offline.

basemap.json is made by scripts/make_basemap.py from Natural Earth's admin-0 countries
(public domain; "Made with Natural Earth") and says so in its ``provenance``. Arcs are
shared between neighbours, so a border is one line, and an arc used by one ring is coast.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

LonLat = tuple[float, float]


@dataclass(frozen=True)
class Country:
    name: str
    polygons: tuple[tuple[tuple[int, ...], ...], ...]  # polygons > rings > arc indices (~i reversed)


@dataclass(frozen=True)
class Basemap:
    arcs: tuple[tuple[LonLat, ...], ...]
    countries: tuple[Country, ...]
    provenance: dict[str, Any]

    def ring(self, arc_ids: tuple[int, ...]) -> list[LonLat]:
        """The ring's points in order, each arc's shared end point once."""
        points: list[LonLat] = []
        for a in arc_ids:
            arc = self.arcs[a] if a >= 0 else self.arcs[~a][::-1]
            points.extend(arc[1:] if points else arc)
        return points

    def arc_uses(self) -> dict[int, int]:
        """How many rings use each arc: 1 is coast, 2 a land border."""
        uses: dict[int, int] = {}
        for country in self.countries:
            for polygon in country.polygons:
                for ring in polygon:
                    for a in ring:
                        key = a if a >= 0 else ~a
                        uses[key] = uses.get(key, 0) + 1
        return uses


@cache
def load_basemap() -> Basemap:
    raw = json.loads((resources.files("corridors.render") / "basemap.json").read_text(encoding="utf-8"))
    quantum = float(raw["provenance"]["quantum_deg"])
    arcs = []
    for flat in raw["arcs"]:
        x = y = 0
        points = []
        for i in range(0, len(flat), 2):
            x, y = x + flat[i], y + flat[i + 1]
            points.append((x * quantum, y * quantum))
        arcs.append(tuple(points))
    countries = tuple(
        Country(c["name"], tuple(tuple(tuple(ring) for ring in polygon) for polygon in c["polygons"]))
        for c in raw["countries"]
    )
    return Basemap(tuple(arcs), countries, dict(raw["provenance"]))
