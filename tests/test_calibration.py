"""The model next to every published figure it is calibrated against, with the tolerance chosen.

Run with -s to see the table. Targets marked "shown" are reported, not asserted: see
corridors.analysis.calibration for why the model does not follow them.
"""

from __future__ import annotations

from functools import cache

import pytest

from corridors.analysis.calibration import TARGETS, Target, check
from corridors.network.graph import CorridorGraph
from corridors.network.loading import bundled_data_path, load_network


@cache
def graph() -> CorridorGraph:
    return CorridorGraph.build(load_network(bundled_data_path()))


@pytest.mark.parametrize("target", TARGETS, ids=[t.label for t in TARGETS])
def test_model_against_published_figures(target: Target) -> None:
    result = check(graph(), target)
    published = f"{target.low:g}" if target.low == target.high else f"{target.low:g}-{target.high:g}"
    verdict = "followed" if target.followed else "shown"
    print(
        f"{target.label}: model {result.model:,.2f} {target.metric}, published {published} "
        f"({target.source}), ratio {result.ratio:.2f}, tolerance {target.tolerance:.0%} ({verdict})"
    )
    assert target.source in graph().network.sources
    if target.followed:
        assert result.within


def test_shown_targets_say_how_far_off_the_model_is() -> None:
    """The figures the model does not follow are still far from it: if one comes close, revisit."""
    for target in TARGETS:
        if not target.followed:
            assert not check(graph(), target).within, target.label
