"""Many routes at once: a basket of origin-destination pairs, searched one origin at a time.

`projects` and `critical` ask the same question many times: over a basket of pairs, what do
the best routes cost with and without some part of the network? Searching each pair alone
would repeat the same work hundreds of times, so `ArcTable` prices every arc of the state
graph once (for one scenario and objective, with `Router.step`, the arithmetic every search
uses), and `ArcTable.search` is then a plain one-to-all Dijkstra over integers that can leave
out edges or places. Each arc keeps all its parallel edges, best first, so leaving one out
falls back on the next, as a fresh search would.

The default basket is the network's Chinese origins (hubs and ports in CN) times its European
destinations (hubs, ports and terminals in the EUROPE countries): the pairs China-Europe
trade asks about.
"""

from __future__ import annotations

import csv
import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from corridors.analysis.criteria import AMOUNTS, criterion
from corridors.analysis.router import Router
from corridors.analysis.scenario import Objective
from corridors.errors import UsageError
from corridors.network.graph import GROUPS, START, Class
from corridors.network.model import Network

# What a path adds up, in this order: km, every amount of the registry, and the risk exposure.
VECTOR_KEYS = ("km", *(c.key for c in AMOUNTS), "risk_km")
ORIGIN_COUNTRIES = frozenset({"CN"})
EUROPE = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CH",
        "CZ",
        "DE",
        "DK",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MK",
        "NL",
        "NO",
        "PL",
        "PT",
        "RO",
        "RS",
        "SE",
        "SI",
        "SK",
    ]
)
ORIGIN_KINDS = frozenset({"hub", "port"})
DESTINATION_KINDS = frozenset({"hub", "port", "terminal"})

Pair = tuple[str, str]
Vector = tuple[float, ...]
_Entry = tuple[Vector, tuple[str, ...], tuple[str, ...]]  # a route's sums, edges and places


def default_basket(network: Network) -> tuple[Pair, ...]:
    """Chinese hubs and ports x European hubs, ports and terminals, in the data's order."""
    nodes = network.nodes.values()
    origins = [n.id for n in nodes if n.country in ORIGIN_COUNTRIES and n.kind in ORIGIN_KINDS]
    ends = [n.id for n in nodes if n.country in EUROPE and n.kind in DESTINATION_KINDS]
    return tuple((o, d) for o in origins for d in ends)


MAX_PAIRS_BYTES = 16 << 20  # a basket of a few thousand pairs takes kilobytes: refuse a device or a dump


def _pair_rows(path: str) -> list[dict[str, str]]:
    """The rows of a pairs file, read whole but bounded; every reading problem as one UsageError."""
    from corridors.network.reading import TooLargeError, read_bounded, reason

    try:
        raw = read_bounded(path, MAX_PAIRS_BYTES)  # devices, FIFOs and directories refused first
    except TooLargeError:
        raise UsageError(f"--pairs: {path} is larger than {MAX_PAIRS_BYTES >> 20} MiB") from None
    except OSError as err:
        raise UsageError(f"--pairs: cannot read {path}: {reason(err)}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UsageError(f"--pairs: {path} is not UTF-8 text (byte {err.start})") from None
    reader = csv.DictReader(text.splitlines())
    try:
        rows = list(reader)
    except csv.Error as err:
        raise UsageError(f"--pairs: {path} line {reader.line_num + 1}: not valid CSV: {err}") from None
    header = [name.strip().lower() for name in reader.fieldnames or []]
    if len(set(header)) != len(header):
        raise UsageError(f"--pairs: {path} line 1: a column is given twice")
    return rows


def read_pairs(network: Network, path: str) -> tuple[Pair, ...]:
    """Pairs from a CSV file with a from,to header; places by id, name or alias."""
    from corridors.analysis.scenario import resolve_node

    pairs = []
    for number, row in enumerate(_pair_rows(path), start=2):
        origin, destination = (row.get("from") or "").strip(), (row.get("to") or "").strip()
        if not origin or not destination:
            raise UsageError(f"--pairs: {path} line {number}: needs a from,to header and both places")
        pair = (resolve_node(network, origin).id, resolve_node(network, destination).id)
        if pair[0] == pair[1]:
            raise UsageError(f"--pairs: {path} line {number}: origin and destination are the same place")
        pairs.append(pair)
    if not pairs:
        raise UsageError(f"--pairs: {path} has no pairs")
    return tuple(dict.fromkeys(pairs))


@dataclass(frozen=True)
class Candidate:
    weight: float
    edge: str
    vector: Vector


@dataclass(frozen=True)
class Reached:
    """The best route to one place, as a one-to-all search found it."""

    cost: float  # the objective
    vector: Vector  # VECTOR_KEYS
    edges: tuple[str, ...]
    places: tuple[str, ...]

    def amount(self, key: str) -> float:
        return self.vector[VECTOR_KEYS.index(key)]


class ArcTable:
    """The state graph of one router and objective, every arc priced once."""

    def __init__(self, router: Router, objective: Objective) -> None:
        key = criterion(objective.metric).key
        weight = objective.risk_weight
        adjacency = router.cgraph.adjacency
        arrivals: dict[str, set[Class]] = {place: set() for place in adjacency}
        for nexts in adjacency.values():
            for there, data in nexts.items():
                arrivals[there].update(leaving for leaving, _ in data[GROUPS])
        states: list[tuple[str, Class]] = []
        index: dict[tuple[str, Class], int] = {}
        for place in adjacency:
            for cls in (START, *sorted(arrivals[place], key=repr)):
                index[(place, cls)] = len(states)
                states.append((place, cls))
        self.states = states
        self.index = index
        self.arcs: list[list[tuple[int, tuple[Candidate, ...]]]] = []
        for place, arriving in states:
            out = []
            for there, data in adjacency[place].items():
                for leaving, edges in data[GROUPS]:
                    found = []
                    for edge in edges:
                        if router.allowed(edge):
                            step = router.step((place, arriving), (there, leaving), edge)
                            value = step.values[key] + weight * step.exposure[key]
                            vector = (*(step.values[k] for k in VECTOR_KEYS[:-1]), step.exposure["km"])
                            found.append(Candidate(value, edge.id, vector))
                    if found:
                        out.append((index[(there, leaving)], tuple(sorted(found, key=lambda c: c.weight))))
            self.arcs.append(out)
        node_km = router.model.node_km
        self.origin_risk_km = {place: node_km * router.node_risk[place] for place in adjacency}

    def search(
        self,
        origin: str,
        targets: Iterable[str],
        *,
        without_edges: frozenset[str] = frozenset(),
        without_places: frozenset[str] = frozenset(),
    ) -> dict[str, Reached]:
        """The best route from `origin` to each target it reaches, leaving out edges and places.

        Stops once every target is settled: the first arrival state of a place popped is its best.
        """
        states, arcs = self.states, self.arcs
        start = self.index[(origin, START)]
        best: dict[int, float] = {start: 0.0}
        parent: dict[int, tuple[int, Candidate]] = {}
        heap = [(0.0, start)]
        pop, push, inf = heapq.heappop, heapq.heappush, math.inf
        done: set[int] = set()
        remaining = set(targets) - {origin}
        arrived: dict[str, tuple[float, int]] = {}
        while heap and remaining:
            cost, here = pop(heap)
            if here in done:
                continue
            done.add(here)
            place, arriving = states[here]
            if arriving != START and place in remaining:
                arrived[place] = (cost, here)
                remaining.discard(place)
            for there, candidates in arcs[here]:
                if there in done or states[there][0] in without_places:
                    continue
                chosen = None
                for candidate in candidates:
                    if candidate.edge not in without_edges:
                        chosen = candidate
                        break
                if chosen is None:
                    continue
                total = cost + chosen.weight
                if total < best.get(there, inf):
                    best[there] = total
                    parent[there] = (here, chosen)
                    push(heap, (total, there))
        return self._unwind(parent, arrived, origin)

    def _unwind(
        self, parent: dict[int, tuple[int, Candidate]], arrived: dict[str, tuple[float, int]], origin: str
    ) -> dict[str, Reached]:
        """The routes to the places reached, walking the search tree once: prefixes are shared."""
        root: _Entry = ((0.0,) * (len(VECTOR_KEYS) - 1) + (self.origin_risk_km[origin],), (), (origin,))
        cache: dict[int, _Entry] = {}
        out = {}
        for place, (cost, state) in arrived.items():
            chain = []
            while state not in cache and state in parent:
                chain.append(state)
                state = parent[state][0]
            entry = cache.get(state, root)
            for step in reversed(chain):
                candidate = parent[step][1]
                sums = tuple(a + b for a, b in zip(entry[0], candidate.vector, strict=True))
                entry = (sums, (*entry[1], candidate.edge), (*entry[2], self.states[step][0]))
                cache[step] = entry
            out[place] = Reached(cost, *entry)
        return out


def by_origin(pairs: Sequence[Pair]) -> dict[str, list[str]]:
    """The basket grouped by origin, in order: one search per origin."""
    grouped: dict[str, list[str]] = {}
    for origin, destination in pairs:
        grouped.setdefault(origin, []).append(destination)
    return grouped


def routes(
    table: ArcTable,
    pairs: Sequence[Pair],
    *,
    without_edges: frozenset[str] = frozenset(),
    without_places: frozenset[str] = frozenset(),
) -> dict[Pair, Reached]:
    """The best route of every pair that has one."""
    out: dict[Pair, Reached] = {}
    for origin, destinations in by_origin(pairs).items():
        if origin in without_places:
            continue
        found = table.search(origin, destinations, without_edges=without_edges, without_places=without_places)
        out.update(((origin, d), r) for d, r in found.items() if d not in without_places)
    return out
