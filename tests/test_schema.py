"""The shipped JSON Schema: a valid schema, the one the loader runs, naming what the code names."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from conftest import diamond, mutated
from corridors.errors import DataError
from corridors.network.loading import bundled_data_path, parse_network


def schema() -> dict[str, Any]:
    text = (resources.files("corridors.network") / "routes.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_bundled_network_satisfies_the_schema() -> None:
    doc = json.loads(bundled_data_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema()).validate(doc)


def test_diamond_satisfies_the_schema() -> None:
    jsonschema.Draft202012Validator(schema()).validate(diamond())


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["edges"][0].update(km=0),
        lambda d: d["edges"][0].update(mode="plane"),
        lambda d: d["edges"][0].update(sources=[]),
        lambda d: d["edges"][4].update(opens=None),
        lambda d: d["edges"][0].update(km_basis="estimate"),
        lambda d: d["nodes"][0].update(lat=100),
        lambda d: d["nodes"][0].update(country="kz"),
        lambda d: d["nodes"][0].update(id="A B"),
        lambda d: d["nodes"][0].pop("kind"),
        lambda d: d.update(schema_version=7),
        lambda d: d.update(corridors=[]),
        lambda d: d["sources"][0].update(url="not a url"),
        lambda d: d["edges"][0]["risks"]["sanctions"].update(value=2),
        lambda d: d["edges"][0].update(geometry=[[76.9, 43.2]]),
        lambda d: d["edges"][0].update(geometry=[[76.9, 43.2], [200, 43.0]]),
        lambda d: d["edges"][0].update(geometry=[[76.9, 43.2], [76.0]]),
        lambda d: d["edges"][0].update(km_basis="guessed"),
    ],
)
def test_both_validators_reject_the_same_broken_files(change: Any) -> None:
    doc = mutated(diamond(), change)
    assert not jsonschema.Draft202012Validator(schema()).is_valid(doc)
    with pytest.raises(DataError):
        parse_network(doc, "broken")


def test_measured_lengths_and_drawn_lines_are_accepted_by_both() -> None:
    def drawn(d: dict[str, Any]) -> None:
        d["edges"][0].update(
            km_basis="measured", km_note="track on a test map", geometry=[[0.0, 0.0], [0.5, 0.2], [1.0, 0.0]]
        )

    doc = mutated(diamond(), drawn)
    jsonschema.Draft202012Validator(schema()).validate(doc)
    edge = parse_network(doc, "drawn").edges[0]
    assert edge.km_basis == "measured"
    assert edge.geometry == ((0.0, 0.0), (0.5, 0.2), (1.0, 0.0))
    assert parse_network(diamond(), "plain").edges[0].geometry == ()


def test_the_models_names_are_the_schemas() -> None:
    """The few names the code needs as constants are the schema's enums, in the same order."""
    from corridors.network import model

    defs = schema()["$defs"]
    assert tuple(defs["node"]["properties"]["kind"]["enum"]) == model.NODE_KINDS
    assert tuple(defs["status"]["enum"]) == model.STATUSES
    assert tuple(defs["basis"]["enum"]) == model.KM_BASES
    assert tuple(defs["parameter"]["properties"]["event"]["enum"]) == model.EVENTS
    assert tuple(defs["delay"]["properties"]["event"]["enum"]) == model.DELAY_EVENTS
    assert tuple(defs["delay"]["properties"]["effect"]["enum"]) == model.DELAY_EFFECTS
    assert tuple(defs["delay"]["properties"]["months"]["properties"]) == model.MONTHS
    assert tuple(defs["parameter"]["properties"]["metric"]["enum"]) == tuple(model.PARAMETER_METRICS)
    for effect, families in (("spread", model.SPREAD_FAMILIES), ("extra", model.EXTRA_FAMILIES)):
        branches = {
            part["if"]["properties"]["family"]["const"]: tuple(
                name for name in part["then"]["required"][1:] if name != "anchor"
            )
            for part in defs[effect]["allOf"]
        }
        assert branches == families
