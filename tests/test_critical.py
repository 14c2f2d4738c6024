"""critical: the searches below the lost element equal fresh searches without it."""

from __future__ import annotations

import pytest

from corridors.analysis.basket import VECTOR_KEYS, ArcTable, default_basket, routes
from corridors.analysis.critical import critical_links
from corridors.analysis.router import Router
from corridors.analysis.scenario import Objective, RiskModel, Scenario
from corridors.cli.common import load


@pytest.mark.parametrize("metric", ["hours", "km"])
def test_every_loss_equals_a_fresh_search_without_the_element(metric: str) -> None:
    network, cgraph = load(None)
    pairs = default_basket(network)
    objective = Objective(metric)
    result = critical_links(cgraph, pairs, objective)
    table = ArcTable(Router(cgraph, RiskModel(), Scenario()), objective)  # the oracle: whole searches
    base = routes(table, pairs)
    key = VECTOR_KEYS.index(objective.metric if metric == "km" else "hours")
    assert result.losses
    for loss in result.losses:
        using = [
            p
            for p, r in base.items()
            if (loss.id in r.edges if loss.kind == "edge" else loss.id in r.places[1:-1])
        ]
        cut = frozenset({loss.id})
        again = routes(
            table,
            using,
            without_edges=cut if loss.kind == "edge" else frozenset(),
            without_places=cut if loss.kind == "place" else frozenset(),
        )
        assert loss.pairs_using == len(using), loss.id
        assert loss.pairs_cut == len(using) - len(again), loss.id
        extra = sum(again[p].vector[key] - base[p].vector[key] for p in again)
        assert loss.amount(VECTOR_KEYS[key]) == pytest.approx(extra, rel=1e-9, abs=1e-6), loss.id
