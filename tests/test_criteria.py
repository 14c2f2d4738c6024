"""The criteria registry is the one definition: schemas, parameters, CLI choices and tables follow it."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import click
import pytest
import typer

from corridors.analysis.criteria import (
    AMOUNTS,
    BY_CHOICES,
    BY_NAME,
    CRITERIA,
    NAMES,
    PARETO_NAMES,
    route_label,
)
from corridors.cli import app
from corridors.network.model import PARAMETER_METRICS


def schema(package: str, name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((resources.files(package) / name).read_text(encoding="utf-8"))
    return loaded


def branch(doc: dict[str, Any], command: str) -> dict[str, Any]:
    for rule in doc["allOf"]:
        if rule.get("if", {}).get("properties", {}).get("command", {}).get("const") == command:
            then: dict[str, Any] = rule["then"]
            return then
    raise AssertionError(command)


@pytest.mark.parametrize("record", ["leg", "stop", "totals"])
def test_output_schema_has_every_amount(record: str) -> None:
    definition = schema("corridors.render", "output.schema.json")["$defs"][record]
    for criterion in AMOUNTS:
        assert criterion.key in definition["required"]
        assert definition["properties"][criterion.key]["type"] == "number"


def test_output_schema_enums_are_the_registry() -> None:
    doc = schema("corridors.render", "output.schema.json")
    assert branch(doc, "pareto")["properties"]["criteria"]["items"]["enum"] == list(PARETO_NAMES)
    assert branch(doc, "breakeven")["properties"]["metric"]["enum"] == list(NAMES)


def test_every_parameter_a_criterion_reads_is_in_the_file_format() -> None:
    used = {m for c in CRITERIA for m in c.per_km} | {c.per_event for c in CRITERIA if c.per_event}
    assert used <= set(PARAMETER_METRICS)
    enum = schema("corridors.network", "routes.schema.json")["$defs"]["parameter"]["properties"]["metric"]
    assert set(enum["enum"]) == set(PARAMETER_METRICS)


def test_the_file_format_lists_the_hub_events() -> None:
    """A hub figure is for the events at which a container is handled, and a file may leave it out."""
    from corridors.network.checks import needed
    from corridors.network.model import HUB_EVENTS

    rules = schema("corridors.network", "routes.schema.json")["$defs"]["parameter"]["allOf"]
    hub = [r["then"] for r in rules if r["if"]["properties"]["metric"].get("const") == "co2e_wtw_kg"]
    assert hub == [{"required": ["event"], "properties": {"event": {"enum": list(HUB_EVENTS)}}}]
    # published well to wheel only: in co2_wtw, not in co2 (tank to wheel)
    assert (BY_NAME["co2_wtw"].per_event, BY_NAME["co2"].per_event) == ("co2e_wtw_kg", None)
    assert not [m for m, _ in needed(["rail"]) if PARAMETER_METRICS[m] == "hub"]


def choices(command: str, option: str) -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    found = group.commands[command]
    for param in found.params:
        if option in getattr(param, "opts", ()):
            assert isinstance(param.type, click.Choice)
            return list(param.type.choices)
    raise AssertionError(option)


@pytest.mark.parametrize("command", ["path", "compare", "map"])
def test_by_choices_come_from_the_registry(command: str) -> None:
    assert choices(command, "--by") == list(BY_CHOICES)


def test_breakeven_takes_every_amount() -> None:
    assert choices("breakeven", "--by") == list(NAMES)


def test_names_keys_and_labels_are_distinct() -> None:
    for field in ("name", "key", "label", "row", "column"):
        values = [getattr(c, field) for c in CRITERIA]
        assert len(values) == len(set(values)), field
    assert route_label("co2_wtw+risk") == "lowest CO2e well to wheel, risk-weighted"
    assert route_label("risk") == "lowest risk-weighted km"


def test_the_file_format_lists_the_mode_records() -> None:
    from corridors.network.modes import MODES

    defs = schema("corridors.network", "routes.schema.json")["$defs"]
    assert defs["mode"]["enum"] == list(MODES)
    text = json.dumps(schema("corridors.network", "routes.schema.json"))
    assert text.count('"rail"') == 1  # the modes are listed once, in $defs/mode
    output = json.dumps(schema("corridors.render", "output.schema.json"))
    assert '"ferry"' not in output  # the output follows the file, whatever modes it defines
