"""Every non-dominated route over several criteria, found exactly by label setting.

A label is a partial route's cost vector at a state (place, arrival class; see graph.py). Labels leave the
queue in lexicographic order; a new label survives only if no label already at its state
is at least as good in every criterion (Martins' multi-criteria label-setting algorithm).
Parallel edges are separate extensions, since one may be faster and the other cheaper.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from corridors.analysis.criteria import BY_NAME, PARETO_NAMES, RISK, RISK_KM
from corridors.analysis.results import Route
from corridors.analysis.router import Router, Step
from corridors.errors import UsageError
from corridors.network.graph import END, START, State
from corridors.network.model import Edge

PARETO_CRITERIA = PARETO_NAMES
MAX_LABELS = 2_000_000  # a guard for huge networks with many criteria


@dataclass(frozen=True)
class _Label:
    vector: tuple[float, ...]
    state: State
    parent: int  # index of the parent label, -1 at the origin
    step: Step | None
    legs: int


def _components(step: Step, criteria: Sequence[str]) -> tuple[float, ...]:
    return tuple(
        step.exposure["km"] if name == RISK_KM else step.values[BY_NAME[name].key] for name in criteria
    )


def _dominates(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """a is at least as good as b in every criterion (ties count: one route per cost vector)."""
    return all(x <= y + 1e-9 for x, y in zip(a, b, strict=True))


def _extend(
    router: Router, label: _Label, there: State, edges: tuple[Edge, ...], criteria: Sequence[str]
) -> list[tuple[tuple[float, ...], Step | None]]:
    """The labels one arc makes from `label`: one per allowed edge (none for the arc to END)."""
    if there[1] == END:
        return [(label.vector, None)]
    candidates: list[tuple[tuple[float, ...], Step | None]] = []
    for edge in edges:
        if router.allowed(edge):
            made = router.step(label.state, there, edge)
            extra = _components(made, criteria)
            total = tuple(a + b for a, b in zip(label.vector, extra, strict=True))
            candidates.append((total, made))
    return candidates


def _walks(labels: Sequence[_Label], finished: Sequence[int]) -> list[list[Step]]:
    """Each finished label's steps, from the origin on."""
    walks = []
    for index in finished:
        steps: list[Step] = []
        while index >= 0:
            label = labels[index]
            if label.step is not None:
                steps.append(label.step)
            index = label.parent
        steps.reverse()
        walks.append(steps)
    return walks


def _places(labels: Sequence[_Label], index: int) -> set[str]:
    """The places a label's partial route has passed: a route may not come back to one."""
    out = set()
    while index >= 0:
        out.add(labels[index].state[0])
        index = labels[index].parent
    return out


def _check_criteria(criteria: Sequence[str]) -> None:
    unknown = [c for c in criteria if c not in PARETO_CRITERIA]
    if unknown == [RISK]:
        raise UsageError(
            "--criteria: 'risk' is the risk-weighted km of --by risk; "
            f"the Pareto criterion for risk exposure is {RISK_KM}"
        )
    if unknown or len(set(criteria)) != len(criteria) or not criteria:
        raise UsageError(
            f"--criteria takes distinct names from {', '.join(PARETO_CRITERIA)}; "
            f"got {','.join(criteria) or 'nothing'}"
        )


def pareto_routes(
    router: Router, origin: str, destination: str, criteria: Sequence[str], max_labels: int = MAX_LABELS
) -> list[Route]:
    """Routes whose cost vectors no other route beats in every criterion, best first criterion first."""
    _check_criteria(criteria)
    if origin == destination:
        raise UsageError(f"origin and destination are the same place ({origin})")
    cgraph = router.cgraph
    labels = [_Label(tuple(0.0 for _ in criteria), (origin, START), -1, None, 0)]
    alive = [True]
    front: dict[State, list[int]] = {(origin, START): [0]}
    tie = count()
    heap = [(labels[0].vector, 0, next(tie), 0)]
    finished: list[int] = []
    arrived = front.setdefault((destination, END), [])  # the routes found so far, kept current
    while heap:
        _, _, _, index = heapq.heappop(heap)
        if not alive[index]:
            continue
        label = labels[index]
        if label.state == (destination, END):
            finished.append(index)
            continue
        passed = _places(labels, index)
        for there, edges in cgraph.successors(label.state):
            if there[1] == END and there[0] != destination:
                continue
            # A walk that revisits a place is no route; kept as a label, it could dominate the
            # simple routes through the same state and leave the front without them.
            if there[1] != END and there[0] in passed:
                continue
            candidates = _extend(router, label, there, edges, criteria)
            for vector, step in candidates:
                # Target pruning: costs only grow along a route, so a label that a route
                # already found dominates can only lead to routes that route dominates.
                if any(_dominates(labels[other].vector, vector) for other in arrived):
                    continue
                here = front.setdefault(there, [])
                if any(_dominates(labels[other].vector, vector) for other in here):
                    continue
                for other in here:
                    if _dominates(vector, labels[other].vector):
                        alive[other] = False
                here[:] = [other for other in here if alive[other]]
                legs = label.legs + (step is not None)
                labels.append(_Label(vector, there, index, step, legs))
                alive.append(True)
                here.append(len(labels) - 1)
                heapq.heappush(heap, (vector, legs, next(tie), len(labels) - 1))
                if len(labels) > max_labels:
                    raise UsageError(
                        f"the Pareto search passed {max_labels:,} labels; "
                        "use fewer --criteria or a smaller network"
                    )
    routes = [router.assemble("pareto", steps) for steps in _walks(labels, finished)]
    if not routes:
        raise router.scenario.no_route(origin, destination)
    return routes
