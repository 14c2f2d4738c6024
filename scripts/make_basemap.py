"""Build src/corridors/render/basemap.json, the land, borders and country names the map draws.

Source: Natural Earth admin-0 countries (public domain, "Made with Natural Earth"), as
TopoJSON in the `world-atlas` npm package. The script fetches the package with the
ordinary npm client (`npm pack world-atlas@VERSION`), or reads an unpacked copy:

    python scripts/make_basemap.py                  # npm pack into a temporary folder
    python scripts/make_basemap.py --package DIR    # DIR holds countries-50m.json

What it does, reproducibly (same input, same bytes out):
1. decodes the TopoJSON arcs (delta-encoded, quantised) into longitude/latitude;
2. keeps the countries with most of their points in the Old World box below (Europe,
   Africa, Asia: the corridors and the sea routes by Suez and by the Cape);
3. simplifies each shared arc once (Douglas-Peucker with the tolerance below, ends kept),
   so a border simplified for one country is the same line for its neighbour;
4. stores the arcs quantised to QUANTUM degrees and delta-encoded, and each country as
   polygons of rings of arc indices (TopoJSON's convention: ~i is arc i reversed).

Arcs used by one ring are coast; arcs used by two are land borders. The Caspian Sea is
no country's land, so it shows as water.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas"
VERSION = "2.0.2"
NATURAL_EARTH = "4.1.0"  # the version the world-atlas 2.0.2 README names
SCALE = "50m"
TOLERANCE_DEG = 0.04
QUANTUM = 0.01  # degrees: about 1 km, under a pixel on every map this draws
REGION = (-30.0, -42.0, 180.0, 82.0)  # west, south, east, north: the Old World
OUT = Path(__file__).resolve().parents[1] / "src" / "corridors" / "render" / "basemap.json"

Point = tuple[float, float]


def fetch(version: str, folder: Path) -> Path:
    """`npm pack` the package into `folder` and unpack it; the folder holding the JSON."""
    subprocess.run(["npm", "pack", f"{PACKAGE}@{version}", "--silent"], cwd=folder, check=True)
    (tgz,) = folder.glob(f"{PACKAGE}-{version}.tgz")
    with tarfile.open(tgz) as archive:
        archive.extractall(folder, filter="data")
    return folder / "package"


def decode_arcs(topology: dict[str, object]) -> list[list[Point]]:
    transform = topology["transform"]
    assert isinstance(transform, dict)
    (kx, ky), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    raw = topology["arcs"]
    assert isinstance(raw, list)
    for arc in raw:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * kx + tx, y * ky + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative, first and last point kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                d = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [p for p, k in zip(points, keep, strict=True) if k]


def polygons_of(geometry: dict[str, object]) -> list[list[list[int]]]:
    arcs = geometry.get("arcs", [])
    assert isinstance(arcs, list)
    if geometry["type"] == "Polygon":
        return [arcs]
    if geometry["type"] == "MultiPolygon":
        return list(arcs)
    return []


def build(package: Path) -> dict[str, object]:
    topology = json.loads((package / f"countries-{SCALE}.json").read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    west, south, east, north = REGION

    def inside(p: Point) -> bool:
        return west <= p[0] <= east and south <= p[1] <= north

    chosen = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = polygons_of(geometry)
        used = [a if a >= 0 else ~a for polygon in polygons for ring in polygon for a in ring]
        points = [p for a in used for p in arcs[a]]
        if points and sum(map(inside, points)) * 2 > len(points):
            chosen.append((geometry, polygons))
    chosen.sort(key=lambda item: item[0]["properties"]["name"])

    new_index: dict[int, int] = {}
    out_arcs: list[list[int]] = []

    def index_of(a: int) -> int:
        old = a if a >= 0 else ~a
        if old not in new_index:
            new_index[old] = len(out_arcs)
            flat: list[int] = []
            last_x = last_y = 0
            for lon, lat in simplify(arcs[old], TOLERANCE_DEG):
                x, y = round(lon / QUANTUM), round(lat / QUANTUM)
                flat += [x - last_x, y - last_y]
                last_x, last_y = x, y
            out_arcs.append(flat)
        return new_index[old] if a >= 0 else ~new_index[old]

    countries = [
        {
            "name": geometry["properties"]["name"],
            "iso_n3": geometry.get("id", ""),
            "polygons": [[[index_of(a) for a in ring] for ring in polygon] for polygon in polygons],
        }
        for geometry, polygons in chosen
    ]
    return {
        "provenance": {
            "source": f"Natural Earth {NATURAL_EARTH} admin-0 countries, 1:{SCALE} (public domain)",
            "attribution": "Made with Natural Earth",
            "via": f"npm {PACKAGE}@{VERSION} countries-{SCALE}.json (TopoJSON)",
            "script": "scripts/make_basemap.py",
            "region_deg": list(REGION),
            "simplification": f"Douglas-Peucker per shared arc, tolerance {TOLERANCE_DEG} degrees",
            "quantum_deg": QUANTUM,
            "encoding": "arcs: delta-encoded integer lon/lat in quantum_deg units; "
            "countries: polygons of rings of arc indices, ~i = arc i reversed",
        },
        "arcs": out_arcs,
        "countries": countries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--package", type=Path, help="an unpacked world-atlas package (default: npm pack)")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        package = args.package or fetch(VERSION, Path(tmp))
        data = build(package)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"{args.output}: {len(data['countries'])} countries, {len(data['arcs'])} arcs, {len(text):,} bytes")


if __name__ == "__main__":
    main()
