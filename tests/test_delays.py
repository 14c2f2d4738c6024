"""The `delays` section: validated like the rest, every problem with its place, and the schema agrees."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from conftest import diamond, model_parameters, mutated
from corridors.errors import DataError
from corridors.network.loading import bundled_data_path, load_network, parse_network
from corridors.network.model import Delay


def delay(ident: str, event: str, effect: str, distribution: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "event": event,
        "effect": effect,
        **extra,
        "distribution": distribution,
        "basis": "estimate",
        "note": "test figure",
        "sources": ["s1"],
    }


def with_delays(*records: dict[str, Any]) -> dict[str, Any]:
    doc = diamond()
    doc["parameters"] = model_parameters()
    doc["delays"] = list(records)
    return doc


def schema() -> Any:
    return json.loads(
        (resources.files("corridors.network") / "routes.schema.json").read_text(encoding="utf-8")
    )


def test_delays_are_loaded_with_their_selectors_and_month_table() -> None:
    doc = with_delays(
        delay("spread", "border", "spread", {"family": "lognormal", "sigma": 0.5, "anchor": "median"}),
        delay(
            "closure",
            "ferry_wait",
            "extra",
            {"family": "triangular", "low_hours": 1, "mode_hours": 2, "high_hours": 6},
            node="c",
            months={"nov": 0.5, "dec": 0.25},
        ),
        delay("all-year", "running", "extra", {"family": "exponential", "mean_hours": 3}, probability=0.1),
    )
    spread, closure, all_year = parse_network(doc, "t").delays
    assert spread == Delay("spread", "border", "spread", "lognormal", (("sigma", 0.5),), "median")
    assert closure.node == "c" and closure.specificity == 2
    assert closure.month_probabilities == (0,) * 10 + (0.5, 0.25)
    assert all_year.month_probabilities == (0.1,) * 12
    assert all_year.param("mean_hours") == 3


def test_every_problem_is_reported_with_its_place() -> None:
    doc = with_delays(
        delay("a", "queue", "spread", {"family": "lognormal", "sigma": 0.5, "anchor": "mean"}),
        delay("b", "border", "spread", {"family": "lognormal", "sigma": -1, "anchor": "mode"}),
        delay("c", "border", "spread", {"family": "exponential"}, probability=0.5),
        delay(
            "d", "border", "extra", {"family": "triangular", "low_hours": 5, "mode_hours": 1, "high_hours": 9}
        ),
        delay(
            "e", "border", "extra", {"family": "uniform", "low_hours": 1, "high_hours": 2}, months={"xmas": 1}
        ),
        delay("f", "border", "extra", {"family": "exponential", "mean_hours": 1, "shape": 2}, probability=2),
        delay(
            "g", "border", "spread", {"family": "lognormal", "sigma": 0.1, "anchor": "mean"}, node="nowhere"
        ),
        delay("a", "border", "spread", {"family": "fixed"}),
    )
    with pytest.raises(DataError) as caught:
        parse_network(doc, "t")
    problems = "\n".join(caught.value.problems)
    for expected in (
        "delays[0].event: must be one of running",
        "delays[1].distribution.sigma: must be between 0 and 3.0, got -1",
        "delays[1].distribution.anchor: must be one of mean, median; got 'mode'",
        "delays[2].probability: only an extra has a probability",
        "delays[3]: an extra needs exactly one of probability (all year) or months",
        "delays[3].distribution: a triangular distribution needs low_hours <= mode_hours <= high_hours",
        "delays[4].months.xmas: unknown month 'xmas'",
        "delays[5].distribution.shape: not a parameter of exponential extras",
        "delays[5].probability: must be between 0 and 1, got 2",
        "delays[6].node: unknown node id 'nowhere'",
        "delays[7].id: duplicate id 'a' (first at delays[0])",
    ):
        assert expected in problems
    assert len(caught.value.problems) == 11


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["delays"][0].update(event="queue"),
        lambda d: d["delays"][0]["distribution"].update(sigma=5),
        lambda d: d["delays"][0].update(probability=0.5),
        lambda d: d["delays"][1].pop("months"),
        lambda d: d["delays"][1]["months"].update(xmas=0.5),
        lambda d: d["delays"][1]["distribution"].pop("mean_hours"),
        lambda d: d["delays"][1].update(sources=[]),
    ],
)
def test_schema_and_loader_reject_the_same_broken_delays(change: Any) -> None:
    good = with_delays(
        delay("s", "border", "spread", {"family": "lognormal", "sigma": 0.5, "anchor": "mean"}),
        delay("x", "ferry_wait", "extra", {"family": "exponential", "mean_hours": 5}, months={"dec": 0.5}),
    )
    validator = jsonschema.Draft202012Validator(schema())
    validator.validate(good)
    parse_network(good, "good")
    broken = mutated(good, change)
    assert not validator.is_valid(broken)
    with pytest.raises(DataError):
        parse_network(broken, "broken")


def test_bundled_delays_are_sourced_and_cover_the_caspian_and_brest() -> None:
    network = load_network(bundled_data_path())
    by_id = {d.id: d for d in network.delays}
    assert {"kuryk-weather-closure", "aktau-weather-closure", "malaszewicze-congestion"} <= set(by_id)
    kuryk = by_id["kuryk-weather-closure"].month_probabilities
    assert kuryk[10] == kuryk[11] == 0.5  # "closed ... about 50% of the time" in November-December
    assert max(kuryk[4:9]) < 0.5
    brest = by_id["malaszewicze-congestion"]
    assert (brest.param("low_hours"), brest.param("mode_hours"), brest.param("high_hours")) == (48, 72, 120)
    doc = json.loads(bundled_data_path().read_text(encoding="utf-8"))
    for record in doc["delays"]:
        assert record["note"].strip() and record["sources"]
