"""Which priority project buys the most: the basket's best routes with and without each one.

The network as of a year (default: the year the last project in the data opens) is searched
with every project that opens by then, and again without each project's new lines. A
project's effect is, summed over the pairs that have a route either way, what its absence
adds to km, days, cost, CO2e and risk exposure, plus the pairs that have a route only with
it. A project whose lines are all operational already (a second track, a modernisation) or
that has no lines (a port) changes nothing the model represents: it is listed, not ranked,
and says so.
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
from corridors.network.model import Project

DIGITS = 1


@dataclass(frozen=True)
class ProjectEffect:
    id: str
    name: str
    status: str
    opens: int | None
    corridor: str | None  # the lines searched: this corridor's, or the whole network's
    new_edges: tuple[str, ...]  # the lines it adds (not operational today)
    note: str  # why it is not ranked, or ""
    pairs_using: int  # pairs whose best route uses a new line
    pairs_connected: int  # pairs with a route only with the project
    saved: tuple[tuple[str, float], ...]  # VECTOR_KEYS -> what its absence adds, over the basket

    def saving(self, key: str) -> float:
        return dict(self.saved).get(key, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "opens": self.opens,
            "corridor": self.corridor,
            "new_edges": list(self.new_edges),
            "modelled": not self.note,
            "note": self.note or None,
            "pairs_using": self.pairs_using,
            "pairs_connected": self.pairs_connected,
            "saved": {f"{key}": round(value, DIGITS) for key, value in self.saved},
            "saved_days": round(self.saving("hours") / 24, 2),
        }


@dataclass(frozen=True)
class ProjectRanking:
    as_of: int
    by: str
    pairs: int
    pairs_routed: int
    projects: tuple[ProjectEffect, ...]  # ranked by the saving in the objective, unranked last

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "by": self.by,
            "pairs": self.pairs,
            "pairs_routed": self.pairs_routed,
            "projects": [p.to_dict() for p in self.projects],
        }


def rank_projects(
    cgraph: CorridorGraph,
    pairs: Sequence[Pair],
    objective: Objective,
    *,
    model: RiskModel | None = None,
    as_of: int | None = None,
    corridor: str | None = None,
) -> ProjectRanking:
    """Each project's marginal effect over the basket, best first by the objective's amount.

    A project is judged on the lines of each corridor its new lines belong to (where it is
    meant to help: the whole network would route China-Europe pairs around it), or on the
    whole network for a line in no corridor; `corridor` judges every project on that one.
    """
    network = cgraph.network
    years = [p.opens for p in network.projects if p.opens is not None]
    year = as_of or max([*years, network.as_of_year])
    tables: dict[str | None, tuple[ArcTable, dict[Pair, Reached]]] = {}

    def table_for(lines: str | None) -> tuple[ArcTable, dict[Pair, Reached]]:
        if lines not in tables:
            router = Router(cgraph, model or RiskModel(), Scenario(as_of=year, corridor=lines))
            table = ArcTable(router, objective)
            tables[lines] = (table, routes(table, pairs))
        return tables[lines]

    edges = {e.id: e for e in network.edges}
    order = [c.id for c in network.corridors]
    effects = []
    for project in network.projects:
        new = tuple(e for e in project.edges if e in edges and edges[e].status != "operational")
        note = ""
        if not project.edges:
            note = "no lines in the data (a terminal or port): its effect is not modelled"
        elif not new:
            note = "its lines are operational already: its effect (capacity, speed) is not modelled"
        elif project.opens is not None and project.opens > year:
            note = f"opens in {project.opens}, after {year}"
        if note:
            effects.append(
                ProjectEffect(
                    project.id, project.name, project.status, project.opens, corridor, new, note, 0, 0, ()
                )
            )
            continue
        own = [c for c in order if any(c in edges[e].corridors for e in new)]
        chosen: list[str | None] = [corridor] if corridor else [*own] or [None]
        for lines in chosen:
            effects.append(_effect(project, lines, new, *table_for(lines)))
    key = criterion(objective.metric).key
    ranked = sorted(effects, key=lambda e: (bool(e.note), -e.pairs_connected, -e.saving(key)))
    return ProjectRanking(year, objective.label, len(pairs), len(table_for(corridor)[1]), tuple(ranked))


def _effect(
    project: Project, lines: str | None, new: tuple[str, ...], table: ArcTable, base: dict[Pair, Reached]
) -> ProjectEffect:
    cut = frozenset(new)
    using = [pair for pair, r in base.items() if cut & set(r.edges)]
    without = routes(table, using, without_edges=cut)
    saved = [0.0] * len(VECTOR_KEYS)
    connected = 0
    for pair in using:
        other = without.get(pair)
        if other is None:
            connected += 1
            continue
        for i, (a, b) in enumerate(zip(other.vector, base[pair].vector, strict=True)):
            saved[i] += a - b
    return ProjectEffect(
        project.id, project.name, project.status, project.opens, lines, new, "", len(using), connected,
        tuple(zip(VECTOR_KEYS, saved, strict=True)),
    )  # fmt: skip
