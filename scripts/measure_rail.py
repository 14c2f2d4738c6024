"""Measure every rail edge of data/routes.json on OpenStreetMap's railways, and draw its track.

Why: most rail lengths were great-circle x detour-factor estimates and every line was drawn
straight. This script walks each rail edge along the `world_railways` geograph of the
`scgraph_data` package (OpenStreetMap contributors, ODbL; simplified, 2024), which loads with
`scgraph` < 3 (both in the `build` extra), and then
  - replaces the length of every rail edge whose basis is `estimate` (or `measured` from an
    earlier run) with the measured one, basis `measured`; sourced and derived lengths stay,
  - writes a simplified polyline of the track (Douglas-Peucker) into every edge it measured,
  - writes tests/fixtures/osm_rail_lengths.json: the measured length of every rail edge, with
    the package versions, for tests/test_osm_lengths.py (so the tests need no 300 MB package).

Run from the repository root:  python scripts/measure_rail.py   (add --check to only report).
It is deterministic and idempotent: a second run changes nothing. It prints one line per
edge to stderr, and lists the edges it could not measure; it exits 1 if any rail edge is
neither measured nor listed in NOT_MEASURED.

How a length is measured: each end (and each forced via point) is joined to the nearest
point on a track segment (the "snap", a straight connector counted in the length); the
shortest path on the track network links them. The simplified snapshot has small gaps where a
line ends a few hundred metres short of the next one: every dead end within GAP_KM of another
track that it cannot reach within GAP_DETOUR x that distance along the network is joined by a
straight bridge, and an edge whose path uses such a bridge says so in its km_note. Where the
shortest path takes a high-speed line or a short cut that freight trains do not use, VIA
forces the conventional route; each choice is written beside the edge below and in its km_note.
"""

from __future__ import annotations

import argparse
import heapq
import importlib.metadata
import itertools
import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polyline
from datafile import dump

ROOT = Path(__file__).resolve().parent.parent
ROUTES = ROOT / "data" / "routes.json"
FIXTURE = ROOT / "tests" / "fixtures" / "osm_rail_lengths.json"

SOURCE_ID = "osm-scgraph-world-railways"
METHOD_ID = "osm-rail-measured"
EARTH_RADIUS_KM = 6371.0
GAP_KM = 3.0  # a dead end this close to other track is a gap of the simplified snapshot
GAP_DETOUR = 5.0  # ... unless the network already links the two within 5x the distance (+1 km)
SNAP_MAX_KM = 30.0  # an end further than this from any track is not measured
DP_TOLERANCE_KM = 2.0  # Douglas-Peucker tolerance of the stored polyline
COORD_DIGITS = 3  # the snapshot's own precision (about 100 m)

# Forced via points: (label, lat, lon), in order from the edge's `from` node.
VIA: dict[str, tuple[tuple[str, float, float], ...]] = {
    # The Longhai conventional line through the cities, not the Xuzhou-Lanzhou high-speed line.
    "lianyungang-xian": (
        ("Xuzhou", 34.267, 117.183),
        ("Zhengzhou", 34.746, 113.658),
        ("Luoyang", 34.688, 112.422),
    ),
    # The same Longhai conventional line, so that the residual Zhengzhou-Lianyungang (RESIDUALS)
    # adds up with the sourced Lianyungang-Xi'an chainage.
    "xian-zhengzhou": (("Luoyang", 34.688, 112.422),),
    "zhengzhou-lianyungang": (("Xuzhou", 34.267, 117.183),),
    "xian-lanzhou": (("Baoji", 34.362, 107.140), ("Tianshui", 34.577, 105.869), ("Longxi", 35.000, 104.640)),
    # The Baoji-Chengdu conventional line over the Qinling, not the 2017 Xi'an-Chengdu high-speed
    # line that the shortest path takes (660 km).
    "chengdu-xian": (("Guangyuan", 32.440, 105.840), ("Baoji", 34.362, 107.140)),
    # The Beijing-Guangzhou conventional line through the cities (the shortest path takes the
    # Wuhan-Guangzhou high-speed line: 626 km).
    "changsha-guangzhou": (
        ("Zhuzhou", 27.835, 113.151),
        ("Hengyang", 26.894, 112.615),
        ("Chenzhou", 25.785, 113.034),
        ("Shaoguan", 24.800, 113.597),
        ("Yingde", 24.186, 113.405),
    ),
    # The conventional Kars-Erzurum-Sivas-Kayseri-Ankara line of the Eastern Express (not the
    # 2023 Ankara-Sivas high-speed line).
    "kars-ankara": (("Erzurum", 39.910, 41.270), ("Sivas", 39.760, 37.010), ("Kayseri", 38.730, 35.490)),
    # The sourced 1,813 km is the main Trans-Siberian route via Perm, not the shorter way via Kazan.
    "yekaterinburg-moscow": (
        ("Perm", 58.010, 56.240),
        ("Kirov", 58.600, 49.680),
        ("Yaroslavl", 57.630, 39.870),
    ),
}

# Gaps in the snapshot longer than GAP_KM, joined straight: ((lat, lon), (lat, lon), why), each
# end a dead end of the snapshot's track.
BRIDGES: tuple[tuple[tuple[float, float], tuple[float, float], str], ...] = (
    ((47.893, 80.412), (48.001, 80.431), "Turksib south of Ayagoz (12 km missing)"),
    ((40.762, 29.895), (40.748, 29.788), "Izmit-Gebze line along the Gulf of Izmit (9 km missing)"),
    ((40.778, 29.695), (40.776, 29.637), "Izmit-Gebze line along the Gulf of Izmit (5 km missing)"),
    ((40.783, 29.614), (40.773, 29.466), "Izmit-Gebze line along the Gulf of Izmit (12.5 km missing)"),
    # Without it Beineu-Kungrad ran 2,154 km round through Turkmenistan and Iran.
    ((43.974, 57.486), (43.289, 58.121), "Beineu-Kungrad line between Jaslyk and Kungrad (92 km missing)"),
    # Without it Xiamen island's track was cut off (no path to Guangzhou).
    ((24.551, 118.103), (24.573, 118.053), "Yingtan-Xiamen line, Gaoji causeway to Jimei (5.6 km missing)"),
    ((34.289, 107.055), (34.325, 107.095), "Baoji-Chengdu line at its Baoji end (5.4 km missing)"),
)

# Checked by their path (ratio to great circle above 1.5 or more than 25% off the old estimate),
# and kept: the real line is that long.
#   shu-bishkek (270 km): the Bishkek branch leaves the Turksib at Lugovaya, 110 km west of Shu.
#   shymkent-saryagash (209 km): no direct line; trains run via Arys.
#   dalian-beijing (873 km): round the Bohai via Dashiqiao, Goubangzi, Jinzhou and Shanhaiguan.
#   koper-ljubljana (147 km): Koper-Divaca, then the Southern line via Pivka and Postojna.
#   ljubljana-vienna (436 km): via Zidani Most, Maribor, Graz and the Semmering.
#   piraeus-thessaloniki (492 km), thessaloniki-sofia (347 km): the main lines, mountain routing.
#   saryagash-tashkent (34 km): via Keles. gorgan-tehran (490 km): via Sari, Firuzkuh and Garmsar.

# Edges not measured, and why: their length stays as it is, their line is drawn straight.
NOT_MEASURED: dict[str, str] = {
    "bakhty-ayagoz": "under construction (opens 2027): not in the 2024 snapshot",
    "zhetygen-kazybek-bek": "Almaty bypass, built 2024-2025: not in the 2024 snapshot",
    "darbaza-maktaaral": "under construction (opens 2026): not in the 2024 snapshot",
    "moiynty-kyzylzhar": "under construction (opens 2026): not in the 2024 snapshot",
    "belgrade-budapest": "Novi Sad-Subotica (about 100 km) is missing from the 2024 snapshot: the line "
    "was closed for rebuilding from 2022 and reopened in 2025; the shortest path on the snapshot is a "
    "473 km detour",
    "alat-baku": "the snapshot lacks the coastal line into Baku: its shortest path (85 km) enters the city "
    "from the north, against 65-70 km from Baku to Alat by the sources; the estimate stays",
    "kashgar-jalal-abad": "the China-Kyrgyzstan-Uzbekistan line, under construction since 2025: not in "
    "the 2024 snapshot (its shortest path there is a 3,883 km detour); the length stays the residual "
    "of the published total",
    "mangistau-zhanaozen": "the Mangyshlak-Uzen line is not in the 2024 snapshot: Zhanaozen (GeoNames "
    "607610, 43.34 N 52.86 E, checked) lies 63 km from the nearest track in it",
    "zhanaozen-bolashak": "the Uzen-Gorgan line north of the Turkmen border is not in the 2024 snapshot "
    "(Zhanaozen lies 63 km from the nearest track in it), and Bolashak's position is a guess",
    "razi-kapikoy": "both border stations are placed by judgement (15 km uncertain): 13 of the 18 km "
    "measured would be the straight connectors from the guessed points to the track",
    "tejen-sarakhs": "the snapshot's only track to Sarakhs leaves the Trans-Caspian 50 km east of Tejen "
    "and measures 184 km; with the 203 km it gives Sarakhs-Mashhad that is 387 km against the 295 km "
    "published for the whole Mashhad-Sarakhs-Tejen line (UPI 1996): not the real line; the two "
    "estimates (292 km together) stay",
    "sarakhs-mashhad": "the snapshot's path (203 km, leaving Mashhad to the south-east) and Tejen-Sarakhs "
    "make 387 km against the 295 km published for the whole Mashhad-Sarakhs-Tejen line (UPI 1996): "
    "not the real line; the estimate stays",
    "kungrad-uchkuduk": "the Navoi-Uchkuduk-Miskin line is not in the 2024 snapshot: Uchkuduk (GeoNames "
    "1538231) lies 150 km from its nearest track, and the snapshot's path between the ends runs the old "
    "line through Turkmenistan",
    "uchkuduk-navoi": "the Navoi-Uchkuduk line is not in the 2024 snapshot: Uchkuduk (GeoNames 1538231) "
    "lies 150 km from its nearest track",
    "shymkent-darbaza": "Darbaza's position is not sourced (coordinates low-confidence, 16.5 km from any "
    "track in the snapshot), so the measurement would follow a guess",
}

# Derived lengths that are a published total minus a measured part: edge -> (total km, the
# total as the note words it, the measured edge subtracted). Recomputed on every run.
RESIDUALS: dict[str, tuple[float, str, str]] = {
    "zhengzhou-lianyungang": (1083, "Longhai railway Lianyungang-Xi'an 1,083 km (sourced)", "xian-zhengzhou"),
    "kashgar-jalal-abad": (
        532.53,
        "China-Kyrgyzstan-Uzbekistan railway Kashgar-Torugart-Makmal-Jalal-Abad-Andijan '532.53 kilometers' "
        "(24.kg 2025)",
        "jalal-abad-andijan",
    ),
}
NOT_MEASURED_MARK = "; OpenStreetMap: not measured, "


@dataclass(frozen=True)
class Measured:
    km: float
    path: tuple[tuple[float, float], ...]  # (lat, lon) from the edge's `from` to its `to`
    snaps_km: tuple[float, ...]  # connector length at each end and via point
    bridges: tuple[tuple[float, float, float], ...]  # (km, lat, lon) of each gap bridged

    @property
    def rounded(self) -> float:
        """The length as recorded (fixture, note); the data's km is this rounded to the km."""
        return round(self.km, 1)


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class Track:
    """The snapshot's railway network, gaps bridged, with snapping of points onto segments."""

    def __init__(self, graph: Sequence[dict[int, float]], nodes: Sequence[Sequence[float]]) -> None:
        import numpy as np

        self.np = np
        self.adj: list[dict[int, float]] = [
            {v: w for v, w in arcs.items() if v != i} for i, arcs in enumerate(graph)
        ]
        self.lat = np.array([n[0] for n in nodes], dtype=float)
        self.lon = np.array([n[1] for n in nodes], dtype=float)
        self.bridges: dict[tuple[int, int], float] = {}
        self._index_segments()

    def _index_segments(self) -> None:
        np = self.np
        us, vs = [], []
        for u, arcs in enumerate(self.adj):
            for v in arcs:
                if u < v:
                    us.append(u)
                    vs.append(v)
        self.seg_u, self.seg_v = np.array(us), np.array(vs)

    def _project(self, lat: float, lon: float, seg_u: Any, seg_v: Any) -> tuple[Any, Any]:
        """Distance (km) from the point to each segment, and where along it (0..1) it lands."""
        np = self.np
        kx = math.cos(math.radians(lat)) * math.pi / 180 * EARTH_RADIUS_KM
        ky = math.pi / 180 * EARTH_RADIUS_KM
        ax, ay = (self.lon[seg_u] - lon) * kx, (self.lat[seg_u] - lat) * ky
        bx, by = (self.lon[seg_v] - lon) * kx, (self.lat[seg_v] - lat) * ky
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = np.where(length2 > 0, -(ax * dx + ay * dy) / np.where(length2 > 0, length2, 1), 0.0)
        t = np.clip(t, 0.0, 1.0)
        px, py = ax + t * dx, ay + t * dy
        return np.sqrt(px * px + py * py), t

    def bridge_gaps(self, box: tuple[float, float, float, float]) -> None:
        """Join each dead end inside `box` (lat0, lat1, lon0, lon1) to track it cannot reach nearby."""
        np = self.np
        lat0, lat1, lon0, lon1 = box
        inside = (self.lat >= lat0) & (self.lat <= lat1) & (self.lon >= lon0) & (self.lon <= lon1)
        ends = [int(i) for i in np.nonzero(inside)[0] if len(self.adj[int(i)]) == 1]
        near = inside[self.seg_u] | inside[self.seg_v]
        seg_u, seg_v = self.seg_u[near], self.seg_v[near]
        for end in ends:
            lat, lon = float(self.lat[end]), float(self.lon[end])
            dist, _ = self._project(lat, lon, seg_u, seg_v)
            touching = (seg_u == end) | (seg_v == end)
            dist = np.where(touching, np.inf, dist)
            for k in np.argsort(dist, kind="stable")[:8]:
                gap = float(dist[k])
                if gap > GAP_KM:
                    break
                u, v = int(seg_u[k]), int(seg_v[k])
                length, target = min(
                    (haversine(lat, lon, float(self.lat[n]), float(self.lon[n])), n) for n in (u, v)
                )
                if length > GAP_KM or self._reach(end, target, GAP_DETOUR * length + 1.0):
                    continue
                self.adj[end][target] = self.adj[target][end] = round(length, 3)
                self.bridges[(min(end, target), max(end, target))] = length
                break

    def join(self, a: tuple[float, float], b: tuple[float, float]) -> None:
        """A straight bridge between the snapshot's nodes nearest to `a` and `b`."""
        np = self.np
        ends = []
        for lat, lon in (a, b):
            scale = math.cos(math.radians(lat))
            ends.append(int(np.argmin((self.lat - lat) ** 2 + ((self.lon - lon) * scale) ** 2)))
        u, v = ends
        length = haversine(float(self.lat[u]), float(self.lon[u]), float(self.lat[v]), float(self.lon[v]))
        self.adj[u][v] = self.adj[v][u] = round(length, 3)
        self.bridges[(min(u, v), max(u, v))] = length

    def _reach(self, source: int, target: int, limit: float) -> bool:
        seen = {source: 0.0}
        queue = [(0.0, source)]
        while queue:
            d, u = heapq.heappop(queue)
            if u == target:
                return True
            if d > seen.get(u, math.inf):
                continue
            for v, w in self.adj[u].items():
                nd = d + w
                if nd <= limit and nd < seen.get(v, math.inf):
                    seen[v] = nd
                    heapq.heappush(queue, (nd, v))
        return False

    def snap(self, lat: float, lon: float) -> tuple[float, dict[int, float], tuple[float, float]]:
        """(connector km, {graph node: km from the snapped point}, snapped point)."""
        np = self.np
        window = 1.0
        while True:
            near = (
                (np.abs(self.lat[self.seg_u] - lat) < window) | (np.abs(self.lat[self.seg_v] - lat) < window)
            ) & (
                (np.abs(self.lon[self.seg_u] - lon) < 2 * window)
                | (np.abs(self.lon[self.seg_v] - lon) < 2 * window)
            )
            if near.any() or window > 8:
                break
            window *= 2
        seg_u, seg_v = self.seg_u[near], self.seg_v[near]
        dist, t = self._project(lat, lon, seg_u, seg_v)
        k = int(np.argmin(dist))
        u, v, frac = int(seg_u[k]), int(seg_v[k]), float(t[k])
        w = self.adj[u][v]
        point = (
            float(self.lat[u] + frac * (self.lat[v] - self.lat[u])),
            float(self.lon[u] + frac * (self.lon[v] - self.lon[u])),
        )
        return float(dist[k]), {u: frac * w, v: (1 - frac) * w}, point

    def shortest(self, start: dict[int, float], goal: dict[int, float]) -> tuple[float, list[int]]:
        """Dijkstra from the snapped start to the snapped goal (ties broken by node id)."""
        dist: dict[int, float] = {}
        prev: dict[int, int] = {}
        queue = [(d, u) for u, d in start.items()]
        heapq.heapify(queue)
        best = dict(start)
        best_total, best_end = math.inf, -1
        while queue:
            d, u = heapq.heappop(queue)
            if u in dist:
                continue
            dist[u] = d
            if d >= best_total:
                break
            if u in goal and d + goal[u] < best_total:
                best_total, best_end = d + goal[u], u
            for v, w in self.adj[u].items():
                nd = d + w
                if v not in dist and nd < best.get(v, math.inf):
                    best[v] = nd
                    prev[v] = u
                    heapq.heappush(queue, (nd, v))
        if best_end < 0:
            return math.inf, []
        path = [best_end]
        while path[-1] in prev:
            path.append(prev[path[-1]])
        return best_total, path[::-1]

    def measure(self, points: Sequence[tuple[float, float]]) -> Measured:
        snapped = [self.snap(lat, lon) for lat, lon in points]
        total = 0.0
        path: list[tuple[float, float]] = [points[0]]
        used: list[tuple[float, float, float]] = []
        for a, b in itertools.pairwise(snapped):
            length, ids = self.shortest(a[1], b[1])
            if not ids:
                raise LookupError("no path on the track network")
            total += length
            path.append(a[2])
            path.extend((float(self.lat[i]), float(self.lon[i])) for i in ids)
            path.append(b[2])
            for u, v in itertools.pairwise(ids):
                key = (min(u, v), max(u, v))
                if key in self.bridges:
                    used.append((self.bridges[key], float(self.lat[u]), float(self.lon[u])))
        path.append(points[-1])
        # Via points are waypoints, not detours: their connectors are not counted.
        total += snapped[0][0] + snapped[-1][0]
        return Measured(total, tuple(path), tuple(s[0] for s in snapped), tuple(used))


def douglas_peucker(points: Sequence[tuple[float, float]], tolerance_km: float) -> list[tuple[float, float]]:
    """Simplified polyline (lat, lon): polyline.douglas_peucker, which takes (lon, lat)."""
    kept = polyline.douglas_peucker([(lon, lat) for lat, lon in points], tolerance_km)
    return [(lat, lon) for lon, lat in kept]


def versions() -> dict[str, str]:
    return {name: importlib.metadata.version(name) for name in ("scgraph", "scgraph_data")}


def note(edge_id: str, m: Measured) -> str:
    track = f"OpenStreetMap railways (scgraph_data world_railways, 2024; {METHOD_ID})"
    parts = [f"measured {m.rounded:.1f} km along {track}"]
    if edge_id in VIA:
        parts.append("forced via " + ", ".join(label for label, _, _ in VIA[edge_id]))
    if m.bridges:
        gaps = "; ".join(f"{km:.1f} km near {lat:.2f} N {lon:.2f} E" for km, lat, lon in m.bridges)
        parts.append(f"bridges {len(m.bridges)} gap(s) of the snapshot: {gaps}")
    parts.append(f"ends joined to the track {m.snaps_km[0]:.1f} km / {m.snaps_km[-1]:.1f} km off")
    return "; ".join(parts)


def rail_edges(doc: dict[str, Any]) -> Iterable[dict[str, Any]]:
    return (edge for edge in doc["edges"] if edge["mode"] == "rail")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; write nothing")
    args = parser.parse_args(argv)

    from scgraph_data.world_railways import world_railways_geograph as geograph

    doc = json.loads(ROUTES.read_text(encoding="utf-8"))
    nodes = {node["id"]: node for node in doc["nodes"]}
    track = Track(geograph.graph, geograph.nodes)
    lats = [node["lat"] for node in doc["nodes"]]
    lons = [node["lon"] for node in doc["nodes"]]
    track.bridge_gaps((min(lats) - 2, max(lats) + 2, min(lons) - 2, max(lons) + 2))
    for a, b, _ in BRIDGES:
        track.join(a, b)

    measured: dict[str, Measured] = {}
    failed: dict[str, str] = {}
    for edge in rail_edges(doc):
        ident = edge["id"]
        if ident in NOT_MEASURED:
            continue
        a, b = nodes[edge["from"]], nodes[edge["to"]]
        points = [
            (a["lat"], a["lon"]),
            *((lat, lon) for _, lat, lon in VIA.get(ident, ())),
            (b["lat"], b["lon"]),
        ]
        try:
            m = track.measure(points)
        except LookupError as error:
            failed[ident] = str(error)
            continue
        if max(m.snaps_km) > SNAP_MAX_KM:
            failed[ident] = f"a point lies {max(m.snaps_km):.1f} km from the nearest track"
            continue
        measured[ident] = m

    report(doc, measured, failed)
    if args.check:
        return 1 if failed else 0
    update(doc, measured)
    ROUTES.write_text(dump(doc), encoding="utf-8")
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    fixture = {
        "about": "Length of each rail edge of data/routes.json measured on OpenStreetMap railways by "
        "scripts/measure_rail.py; tests/test_osm_lengths.py compares the data with it.",
        "source": "OpenStreetMap contributors (ODbL), via the scgraph_data world_railways geograph (2024)",
        "versions": versions(),
        "not_measured": dict(sorted(NOT_MEASURED.items())),
        "osm_km": {ident: m.rounded for ident, m in measured.items()},
    }
    FIXTURE.write_text(json.dumps(fixture, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if failed else 0


def report(doc: dict[str, Any], measured: dict[str, Measured], failed: dict[str, str]) -> None:
    for edge in rail_edges(doc):
        ident = edge["id"]
        if ident in measured:
            m = measured[ident]
            print(
                f"{ident:32} {edge['km_basis']:9} {edge['km']:>6} km  osm {m.km:7.1f}  "
                f"ratio {m.km / edge['km']:.3f}  snaps {'/'.join(f'{s:.1f}' for s in m.snaps_km)}  "
                f"bridges {len(m.bridges)}",
                file=sys.stderr,
            )
        elif ident in NOT_MEASURED:
            print(f"{ident:32} not measured: {NOT_MEASURED[ident]}", file=sys.stderr)
        else:
            print(f"{ident:32} CANNOT MEASURE: {failed[ident]}", file=sys.stderr)
    if failed:
        print(f"{len(failed)} rail edge(s) could not be measured: {', '.join(failed)}", file=sys.stderr)


def update(doc: dict[str, Any], measured: dict[str, Measured]) -> None:
    """Lengths, notes, geometry, the method and the source entry: the same result on every run."""
    info = versions()
    method = {
        "id": METHOD_ID,
        "description": (
            "Not an estimate: a measurement. Length along the OpenStreetMap railway network in the "
            f"world_railways geograph of scgraph_data {info['scgraph_data']} (OpenStreetMap, "
            f"simplified, 2024), loaded with scgraph {info['scgraph']}, by scripts/measure_rail.py: "
            "each end joined straight to the nearest track segment (the connector counts), the "
            "shortest path along the track, forced through via points where it would take a "
            "high-speed line or a way the corridor's trains do not run; dead ends within "
            f"{GAP_KM:g} km of other track, and a few longer gaps listed in the script, bridged "
            "straight as gaps of the simplified snapshot; rounded to the km. Each edge's km_note "
            "names its via points, bridges and connectors. Geometry: the same path, Douglas-Peucker "
            f"simplified with a {DP_TOLERANCE_KM:g} km tolerance, {COORD_DIGITS} decimals."
        ),
    }
    methods = [m for m in doc["estimation_methods"] if m["id"] != METHOD_ID]
    doc["estimation_methods"] = [*methods, method]
    source = {
        "id": SOURCE_ID,
        "title": "world_railways geograph (OpenStreetMap railways, simplified), "
        f"scgraph_data {info['scgraph_data']}",
        "publisher": "OpenStreetMap contributors (ODbL 1.0), packaged by scgraph_data (C. Makowski)",
        "year": 2024,
        "url": "https://github.com/connor-makowski/scgraph_data",
    }
    doc["sources"] = [s for s in doc["sources"] if s["id"] != SOURCE_ID] + [source]
    for edge in rail_edges(doc):
        m = measured.get(edge["id"])
        if edge["id"] in RESIDUALS:
            total, words, part = RESIDUALS[edge["id"]]
            if part in measured:
                part_km = round(measured[part].rounded)
                edge["km"] = round(total - part_km)
                edge["km_note"] = (
                    f"residual: {words} minus {part} {part_km} km measured on OpenStreetMap "
                    f"(= {total:g} - {part_km} = {total - part_km:.2f}); derived from one sourced and one "
                    "measured part"
                )
        if edge["id"] in NOT_MEASURED:
            base = edge["km_note"].split(NOT_MEASURED_MARK)[0]
            edge["km_note"] = base + NOT_MEASURED_MARK + NOT_MEASURED[edge["id"]]
        if m is None:
            edge.pop("geometry", None)
            continue
        if edge["km_basis"] in ("estimate", "measured"):
            edge["km"] = round(m.rounded)
            edge["km_basis"] = "measured"
            edge["km_note"] = note(edge["id"], m)
            if SOURCE_ID not in edge["sources"]:
                edge["sources"] = [*edge["sources"], SOURCE_ID]
        line = douglas_peucker(m.path, DP_TOLERANCE_KM)
        geometry = [[round(lon, COORD_DIGITS), round(lat, COORD_DIGITS)] for lat, lon in line]
        geometry[0] = [nodes_lonlat(doc, edge["from"])[0], nodes_lonlat(doc, edge["from"])[1]]
        geometry[-1] = [nodes_lonlat(doc, edge["to"])[0], nodes_lonlat(doc, edge["to"])[1]]
        edge["geometry"] = geometry


def nodes_lonlat(doc: dict[str, Any], ident: str) -> tuple[float, float]:
    node = next(n for n in doc["nodes"] if n["id"] == ident)
    return node["lon"], node["lat"]


if __name__ == "__main__":
    sys.exit(main())
