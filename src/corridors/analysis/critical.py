"""Which link is critical: what the loss of one edge or one place costs over a basket of pairs.

For every edge and place that some best route of the basket uses, the pairs whose route uses
it are searched again without it. Its loss costs the extra km, days, cost per FEU, CO2e and
risk exposure of the new best routes, summed over the pairs that still have one, and the pairs
cut off altogether. Elements no best route uses cost nothing and are not listed. A place is
not counted for the pairs that start or end there. Ranked by the extra amount of the objective,
then by pairs cut off (the `flowr` critical-link analysis, on the corridor network). On the
whole network the sea is always a fallback; `corridor` asks within one corridor's lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from corridors.analysis.basket import VECTOR_KEYS, ArcTable, Pair, Reached, routes
from corridors.analysis.criteria import criterion
from corridors.analysis.router import Router
from corridors.analysis.scenario import Objective, RiskModel, Scenario
from corridors.network.graph import CorridorGraph

DIGITS = 1


@dataclass(frozen=True)
class Loss:
    kind: str  # "edge" or "place"
    id: str
    name: str
    pairs_using: int
    pairs_cut: int
    extra: tuple[tuple[str, float], ...]  # VECTOR_KEYS -> summed over the pairs rerouted

    def amount(self, key: str) -> float:
        return dict(self.extra).get(key, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "pairs_using": self.pairs_using,
            "pairs_cut": self.pairs_cut,
            "extra": {key: round(value, DIGITS) for key, value in self.extra},
            "extra_days": round(self.amount("hours") / 24, 2),
        }


@dataclass(frozen=True)
class Criticality:
    as_of: int | None
    by: str
    pairs: int
    pairs_routed: int
    losses: tuple[Loss, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "by": self.by,
            "pairs": self.pairs,
            "pairs_routed": self.pairs_routed,
            "losses": [loss.to_dict() for loss in self.losses],
        }


def critical_links(
    cgraph: CorridorGraph,
    pairs: Sequence[Pair],
    objective: Objective,
    *,
    model: RiskModel | None = None,
    as_of: int | None = None,
    corridor: str | None = None,
) -> Criticality:
    """Every used edge and place with what its loss costs over the basket, worst first."""
    network = cgraph.network
    table = ArcTable(
        Router(cgraph, model or RiskModel(), Scenario(as_of=as_of, corridor=corridor)), objective
    )
    base = routes(table, pairs)
    users: dict[tuple[str, str], list[Pair]] = {}
    for pair, reached in base.items():
        for edge in dict.fromkeys(reached.edges):
            users.setdefault(("edge", edge), []).append(pair)
        for place in dict.fromkeys(reached.places[1:-1]):
            users.setdefault(("place", place), []).append(pair)
    edge_names = {
        e.id: f"{network.nodes[e.source].name} - {network.nodes[e.target].name} ({e.mode})"
        for e in network.edges
    }
    losses = []
    for (kind, ident), using in users.items():
        cut_edges = frozenset({ident}) if kind == "edge" else frozenset()
        cut_places = frozenset({ident}) if kind == "place" else frozenset()
        again = routes(table, using, without_edges=cut_edges, without_places=cut_places)
        name = edge_names[ident] if kind == "edge" else network.nodes[ident].name
        losses.append(_loss(kind, ident, name, using, base, again))
    key = criterion(objective.metric).key
    losses.sort(key=lambda loss: (-loss.amount(key), -loss.pairs_cut, loss.kind, loss.id))
    return Criticality(as_of, objective.label, len(pairs), len(base), tuple(losses))


def _loss(
    kind: str,
    ident: str,
    name: str,
    using: Sequence[Pair],
    base: dict[Pair, Reached],
    again: dict[Pair, Reached],
) -> Loss:
    extra = [0.0] * len(VECTOR_KEYS)
    cut = 0
    for pair in using:
        other = again.get(pair)
        if other is None:
            cut += 1
            continue
        for i, (a, b) in enumerate(zip(other.vector, base[pair].vector, strict=True)):
            extra[i] += a - b
    return Loss(kind, ident, name, len(using), cut, tuple(zip(VECTOR_KEYS, extra, strict=True)))
