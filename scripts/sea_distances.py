"""Measure the deep-sea legs of data/routes.json on Eurostat's marine network (the `searoute` package).

Run after changing a port's coordinates or the list of legs below, then commit the data file:

    pip install -e '.[build]' && python scripts/sea_distances.py    (or the test extra: it has searoute too)

Each leg is measured between its two nodes' coordinates (searoute snaps both to the nearest point
of its network) with the listed passages closed, and the passages actually traversed are checked
against what the corridor needs: a Cape leg must round South Africa and must not use Suez, Bab
el-Mandeb or Panama (closing Suez alone sends ships through Panama); the Corinth Canal is always
closed. The edge's km, km_basis and
km_note are rewritten, and its `geometry`: searoute's lane, simplified (Douglas-Peucker, 3 km
tolerance, 3 decimals), with the two nodes' own points put before and after it (searoute snaps each
port to its network, the loader wants the line's ends on the nodes).

The Black Sea and Caspian crossings keep their estimated km; only their lane is drawn, where
searoute's network has one that ships sail (FERRY_LANES). Left straight, with the reason: STRAIGHT.
Nothing else in the file changes. `--check` only reports differences.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from importlib.metadata import version
from itertools import pairwise
from pathlib import Path
from typing import Any

from datafile import dump
from polyline import douglas_peucker

DATA = Path(__file__).resolve().parent.parent / "data" / "routes.json"
NM_KM = 1.852
DP_TOLERANCE_KM = 3.0  # Douglas-Peucker tolerance: tens of points, and narrow straits stay in the water
COORD_DIGITS = 3  # about 100 m, far finer than the network's own detail
ALWAYS_CLOSED = ("northwest",)  # searoute's own default: the Northwest Passage
CAPE_CLOSED = ("suez", "babalmandab", "panama", "northwest")
# The Corinth Canal is in the network but not a passage searoute can close: about 25 m wide and 8 m
# deep, too small for the container ships of these legs, yet the shortest lane from the west to
# Piraeus or the Aegean takes it (it cut algeciras-piraeus by 106 km).
# Its edges (every edge with an end in this box, lon/lat) are taken out of the network.
CORINTH_BOX = (22.85, 37.85, 23.05, 38.0)

# edge id -> (passages closed, passages it must traverse, passages it must not traverse)
CN_PORTS = ("shanghai", "ningbo", "shenzhen", "qingdao", "tianjin", "lianyungang", "xiamen", "dalian")
MED_PORTS = ("piraeus", "koper", "genoa", "constanta", "istanbul")
NORTH_PORTS = ("rotterdam", "antwerp", "hamburg", "gdansk")
SUEZ = (ALWAYS_CLOSED, (), ("south_africa", "panama"))
CAPE = (CAPE_CLOSED, (), ("suez", "babalmandab", "panama"))
LEGS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "singapore-bab-el-mandeb": (ALWAYS_CLOSED, (), ("suez", "south_africa", "panama")),
    "bab-el-mandeb-port-said": (ALWAYS_CLOSED, ("suez",), ("south_africa", "panama")),
    **{f"{port}-singapore": SUEZ for port in CN_PORTS},
    **{f"{port}-cape-of-good-hope": (CAPE_CLOSED, ("south_africa",), CAPE[2]) for port in CN_PORTS},
    **{f"port-said-{port}": SUEZ for port in ("algeciras", *MED_PORTS)},
    **{f"algeciras-{port}": SUEZ for port in NORTH_PORTS},
    **{f"cape-of-good-hope-{port}": CAPE for port in (*NORTH_PORTS, "algeciras")},
    **{f"algeciras-{port}": CAPE for port in MED_PORTS},
}

# Lane only (km stays the sourced or estimated figure): searoute's network covers these crossings.
# The Caspian is a separate piece of its network, not joined to the ocean, and coarse (a handful of
# points: Aktau, the middle of the sea, Baku, Turkmenbashi), so the lane is a sketch of the crossing.
FERRY_LANES = ("poti-constanta", "batumi-constanta", "aktau-alat", "turkmenbashi-alat")
STRAIGHT = {
    "kuryk-alat": "searoute's Caspian network has no point near Kuryk: it snaps Kuryk to the Aktau "
    "approach 65 km north-west, a detour the ferries do not sail",
    "van-tatvan": "Lake Van is not in searoute's network (it snaps both ends to the Black Sea)",
}


def lane(
    ident: str, coords: Sequence[Sequence[float]], a: dict[str, float], b: dict[str, float]
) -> list[list[float]]:
    """The lane from node a to node b: the nodes' own points, searoute's line simplified between them."""
    line = [(float(lon), float(lat)) for lon, lat in coords]
    lons = [lon for lon, _ in line]
    if not all(-180 <= lon <= 180 for lon in lons) or any(abs(q - p) > 180 for p, q in pairwise(lons)):
        sys.exit(f"{ident}: the lane crosses the antimeridian; draw it in two parts")
    ends = [a["lon"], a["lat"]], [b["lon"], b["lat"]]
    inner = [
        [round(lon, COORD_DIGITS) + 0.0, round(lat, COORD_DIGITS) + 0.0]
        for lon, lat in douglas_peucker(line, DP_TOLERANCE_KM)
    ]
    points = [ends[0], *inner, ends[1]]
    return [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]


def without_corinth() -> Any:
    """searoute's marine network, a copy, without the Corinth Canal."""
    import copy

    from searoute.searoute import get_graphs

    network = copy.deepcopy(get_graphs(None, None, "networkx")[0])
    west, south, east, north = CORINTH_BOX
    canal = [
        (u, v)
        for u, v in network.edges()
        if any(west <= lon <= east and south <= lat <= north for lon, lat in (u, v))
    ]
    if not canal:
        sys.exit("the Corinth Canal is no longer where this script looks for it")
    network.remove_edges_from(canal)
    return network


Leg = tuple[str, int | None, str | None, list[list[float]]]  # id, km, km_note (None: kept), geometry


def measure(doc: dict[str, Any]) -> list[Leg]:
    import searoute

    network = without_corinth()
    nodes = {n["id"]: n for n in doc["nodes"]}
    edges = {e["id"]: e for e in doc["edges"]}
    package = f"searoute {version('searoute')}"
    out: list[Leg] = []
    for ident, (closed, must, must_not) in LEGS.items():
        edge = edges[ident]
        a, b = nodes[edge["from"]], nodes[edge["to"]]
        route = searoute.searoute(
            [a["lon"], a["lat"]],
            [b["lon"], b["lat"]],
            units="km",
            restrictions=list(closed),
            return_passages=True,
            M=network,
        )
        km = float(route.properties["length"])
        traversed = sorted(route.properties.get("traversed_passages") or [])
        missing = [p for p in must if p not in traversed]
        wrong = [p for p in must_not if p in traversed]
        if missing or wrong:
            sys.exit(f"{ident}: traversed {traversed}, needs {list(must)}, must avoid {list(must_not)}")
        note = (
            f"Measured by scripts/sea_distances.py with {package} (Eurostat marine network, "
            f"searoute snaps each end to its nearest network point): {km:,.0f} km = {km / NM_KM:,.0f} nm; "
            f"passages closed: {', '.join(closed)}, the Corinth Canal; "
            f"traversed: {', '.join(traversed) or 'none'}"
        )
        out.append((ident, round(km), note, lane(ident, route.geometry["coordinates"], a, b)))
    for ident in FERRY_LANES:
        edge = edges[ident]
        a, b = nodes[edge["from"]], nodes[edge["to"]]
        route = searoute.searoute(
            [a["lon"], a["lat"]],
            [b["lon"], b["lat"]],
            units="km",
            restrictions=list(ALWAYS_CLOSED),
            M=network,
        )
        out.append((ident, None, None, lane(ident, route.geometry["coordinates"], a, b)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report differences, write nothing")
    args = parser.parse_args()
    text = DATA.read_text(encoding="utf-8")
    doc = json.loads(text)
    edges = {e["id"]: e for e in doc["edges"]}
    changed = []
    for ident, km, note, geometry in measure(doc):
        edge = edges[ident]
        if km is not None and (edge["km"], edge.get("km_basis"), edge.get("km_note")) != (
            km,
            "derived",
            note,
        ):
            changed.append(f"{ident}: {edge['km']} -> {km} km")
            edge.update(km=km, km_basis="derived", km_note=note)
        if json.dumps(edge.get("geometry")) != json.dumps(geometry):  # -0.0 == 0.0, but not in the file
            changed.append(f"{ident}: lane of {len(geometry)} points")
            edge["geometry"] = geometry
    for ident, why in STRAIGHT.items():
        print(f"{ident}: left straight: {why}", file=sys.stderr)
    new = dump(doc)
    print("\n".join(changed) or "all sea legs up to date", file=sys.stderr)
    if new != text and not args.check:
        DATA.write_text(new, encoding="utf-8")
    if changed and args.check:
        sys.exit(1)


if __name__ == "__main__":
    main()
