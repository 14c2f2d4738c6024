"""Write a synthetic network in corridors' own format, for the scale benchmarks.

The places form a jittered grid over Eurasia (lat 38-58, lon 20-120); each place links
to its east and south neighbours, and to the south-east one with probability 1/2, so a
network of N places has about 2.5 N edges and a corner-to-corner route is hundreds of
legs long (no random shortcuts). Every length is the great-circle distance times a
factor from 1.05 to 1.35, so validation passes. Countries follow longitude (DE, PL, BY,
RU, KZ, CN): borders, and the 1435/1520 mm gauges, sit where they do on the real lines,
and a few road legs make transshipments. The file has no parameters: the CLI then
borrows the bundled ones.

    python benchmarks/make_network.py --nodes 100000 -o big.json

The corners are ``n0`` (north-west) and the last place of the last full row
(south-east); `far_corner` names it and the script prints it.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path
from typing import Any

# (western edge of the band in degrees of longitude, country, rail gauge in mm)
COUNTRIES = ((20.0, "DE", 1435), (28.0, "PL", 1435), (34.0, "BY", 1520), (45.0, "RU", 1520))
SOUTH = ((60.0, "KZ", 1520), (85.0, "CN", 1435))  # south of lat 50, east of lon 60
LAT, LON = (38.0, 58.0), (20.0, 120.0)
EARTH_RADIUS_KM = 6371.0


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def country(lat: float, lon: float) -> tuple[str, int]:
    if lat < 50:
        for west, code, gauge in reversed(SOUTH):
            if lon >= west:
                return code, gauge
    for west, code, gauge in reversed(COUNTRIES):
        if lon >= west:
            return code, gauge
    return COUNTRIES[0][1], COUNTRIES[0][2]


def grid_shape(nodes: int) -> tuple[int, int]:
    """Rows and columns in proportion to the area's width and height in km."""
    height = (LAT[1] - LAT[0]) * 111.2
    width = (LON[1] - LON[0]) * 111.2 * math.cos(math.radians(sum(LAT) / 2))
    cols = max(2, round(math.sqrt(nodes * width / height)))
    return max(2, math.ceil(nodes / cols)), cols


def far_corner(nodes: int) -> str:
    """The id of the south-east corner: the last place of the last full row of the grid."""
    cols = grid_shape(nodes)[1]
    return f"n{(nodes // cols) * cols - 1}"


def make_network(nodes: int, seed: int = 7) -> dict[str, Any]:
    """The network document for about `nodes` places (exactly `nodes`; the last row may be short)."""
    rng = random.Random(seed)  # reproducible layout, not cryptography
    rows, cols = grid_shape(nodes)
    dlat = (LAT[1] - LAT[0]) / max(1, rows - 1)
    dlon = (LON[1] - LON[0]) / max(1, cols - 1)
    places: list[tuple[float, float, str, int]] = []
    doc_nodes: list[dict[str, Any]] = []
    for index in range(nodes):
        row, col = divmod(index, cols)
        lat = round(LAT[1] - row * dlat + rng.uniform(-0.3, 0.3) * dlat, 4)
        lon = round(LON[0] + col * dlon + rng.uniform(-0.3, 0.3) * dlon, 4)
        code, gauge = country(lat, lon)
        places.append((lat, lon, code, gauge))
        item: dict[str, Any] = {
            "id": f"n{index}",
            "name": f"Place {index}",
            "country": code,
            "lat": lat,
            "lon": lon,
            "kind": "junction",
        }
        if rng.random() < 0.01:
            item["risks"] = {
                "weather": {
                    "value": round(rng.uniform(0.1, 0.9), 2),
                    "why": "synthetic",
                    "sources": ["synthetic"],
                }
            }
        doc_nodes.append(item)

    doc_edges: list[dict[str, Any]] = []

    def link(a: int, b: int) -> None:
        lat1, lon1, code1, gauge1 = places[a]
        lat2, lon2, code2, gauge2 = places[b]
        km = great_circle_km(lat1, lon1, lat2, lon2) * rng.uniform(1.05, 1.35)
        item: dict[str, Any] = {
            "id": f"e{len(doc_edges)}",
            "from": f"n{a}",
            "to": f"n{b}",
            "mode": "road" if rng.random() < 0.03 else "rail",
            "km": math.ceil(km * 10) / 10,
            "km_basis": "sourced",
            "status": "operational",
            "corridors": ["northern" if (lat1 + lat2) / 2 >= 48 else "middle"],
            "sources": ["synthetic"],
        }
        if item["mode"] == "rail":
            item["gauge_mm"] = gauge1 if code1 == code2 or gauge1 == gauge2 else max(gauge1, gauge2)
        doc_edges.append(item)

    for index in range(nodes):
        row, col = divmod(index, cols)
        east, south, south_east = index + 1, index + cols, index + cols + 1
        if col + 1 < cols and east < nodes:
            link(index, east)
        if south < nodes:
            link(index, south)
        if col + 1 < cols and south_east < nodes and rng.random() < 0.5:
            link(index, south_east)

    return {
        "schema_version": 1,
        "as_of": "2026-01-01",
        "sources": [
            {
                "id": "synthetic",
                "title": "Synthetic benchmark network (benchmarks/make_network.py)",
                "publisher": "corridors",
                "year": 2026,
                "url": "https://example.org/corridors/benchmarks",
            }
        ],
        "risk_factors": [{"id": "weather", "name": "Weather"}],
        "corridors": [
            {"id": "middle", "name": "Middle Corridor", "short_name": "Middle"},
            {"id": "northern", "name": "Northern Corridor", "short_name": "Northern"},
        ],
        "nodes": doc_nodes,
        "edges": doc_edges,
    }


def write_network(nodes: int, out: Path, seed: int = 7) -> None:
    """Write the network compactly (no spaces: the 100,000-place file stays well under the size limit)."""
    text = json.dumps(make_network(nodes, seed), ensure_ascii=False, separators=(",", ":"))
    out.write_text(text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000, help="number of places (default 100,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True, help="where to write the JSON")
    args = parser.parse_args(argv)
    if args.nodes < 2:
        parser.error("--nodes must be at least 2")
    write_network(args.nodes, args.output, args.seed)
    print(f"{args.output}: {args.nodes:,} places; corners n0 and {far_corner(args.nodes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
