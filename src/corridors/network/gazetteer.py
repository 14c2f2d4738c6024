"""Place names: how they are matched, and where a place the network lacks lies.

Names match by `fold`: any script transliterated to ASCII by anyascii (so 'Bak\u0131' is Baki,
'\u0411\u0430\u043a\u0443' is Baku, Ørestad is Orestad, Małaszewicze is Malaszewicze), no case, no spaces
or punctuation. The gazetteer (data/gazetteer.json, made by scripts/make_gazetteer.py) lists the
larger cities of Europe and Asia from GeoNames with their other names; it is read only when a name
matches no node, so that an unknown name gets suggestions near it on the map.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from anyascii import anyascii

from corridors.network.geo import great_circle_km
from corridors.network.loading import bundled_file
from corridors.network.model import Network, Node


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    lat: float
    lon: float


def fold(text: str) -> str:
    """The key a name is matched by: 'Xi'an', 'XIAN' and Chinese 'Xi An' -> 'xian'."""
    return "".join(ch for ch in anyascii(text).casefold() if ch.isalnum())


def gazetteer_path() -> Path:
    """The bundled gazetteer."""
    return bundled_file("gazetteer.json")


@cache
def _index(fold: Callable[[str], str]) -> tuple[dict[str, set[Place]], dict[str, set[Place]]]:
    """Places by folded main name, and by any folded name."""
    try:
        doc = json.loads(gazetteer_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, {}
    main: dict[str, set[Place]] = {}
    every: dict[str, set[Place]] = {}
    for item in doc["places"]:
        place = Place(item["name"], item["country"], item["lat"], item["lon"])
        main.setdefault(fold(item["name"]), set()).add(place)
        for label in (item["name"], *item["names"]):
            every.setdefault(fold(label), set()).add(place)
    return main, every


def locate(key: str, fold: Callable[[str], str]) -> Place | None:
    """The one place whose main name, or else any name, folds to `key`; None if none or several."""
    for table in _index(fold):
        found = table.get(key, set())
        if len(found) == 1:
            return next(iter(found))
        if found:
            return None
    return None


def nearest_nodes(network: Network, place: Place, n: int = 3) -> list[tuple[Node, float]]:
    """The network's `n` places nearest to `place` as the crow flies, with their distance in km."""
    distances = [
        (great_circle_km(place.lat, place.lon, node.lat, node.lon), node) for node in network.nodes.values()
    ]
    distances.sort(key=lambda pair: (pair[0], pair[1].id))
    return [(node, km) for km, node in distances[:n]]


def close_place(key: str, fold: Callable[[str], str]) -> tuple[float, Place] | None:
    """The gazetteer place with a name spelt most like `key` (a folded name), and how alike (0-1)."""
    every = _index(fold)[1]
    near = difflib.get_close_matches(key, list(every), n=1, cutoff=0.85)
    if not near or len(every[near[0]]) != 1:
        return None
    return difflib.SequenceMatcher(None, key, near[0]).ratio(), next(iter(every[near[0]]))
