"""Read a network file, check it against the schema and across records, and build the model.

Every problem is collected with its place (``edges[12].km``) before anything is
raised, so a user fixing a file sees the whole list at once.
"""

from __future__ import annotations

import os
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from corridors.errors import DataError
from corridors.network.bulk import gc_paused
from corridors.network.checks import broken_fields, cross_problems
from corridors.network.model import Network
from corridors.network.reading import read_json
from corridors.network.records import Builder
from corridors.network.schema import Problem, kind_of, place, schema_problems

ENV_VAR = "CORRIDORS_DATA"


def bundled_file(name: str) -> Path:
    """A data file shipped with corridors: inside the wheel, or data/ in a source checkout."""
    packaged = Path(str(resources.files("corridors"))) / "data" / name
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / name


def bundled_data_path() -> Path:
    """The network shipped with corridors."""
    return bundled_file("routes.json")


def resolve_data_path(option: str | None) -> Path:
    """`--data` wins, then $CORRIDORS_DATA, then the bundled network."""
    if option:
        return Path(option)
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    return bundled_data_path()


def load_network(path: Path | str | None = None) -> Network:
    """Load and validate a network file; raise DataError listing every problem."""
    file = resolve_data_path(str(path) if path is not None else None)
    with gc_paused():
        return parse_network(read_json(file), label=str(file))


def load_for_analysis(path: Path | str | None = None, *, delays: bool = False) -> Network:
    """`load_network`, and a file without model parameters (or, with `delays`, without delay
    records) borrows the bundled ones: what every command and the Python API analyse."""
    network = load_network(path)
    if network.parameters and (network.delays or not delays):
        return network
    bundled = load_network(bundled_data_path())
    if not network.parameters:
        network = replace(network, parameters=bundled.parameters, parameters_from="bundled")
    if delays and not network.delays:
        network = replace(network, delays=bundled.delays)
    return network


def problems(doc: dict[str, Any]) -> list[Problem]:
    """Everything wrong with a decoded document: the schema's findings, then the checks', in file order."""
    found = schema_problems(doc)
    if found and not found[0][0]:
        return found  # not JSON data at all: nothing else can be read
    found += cross_problems(doc, broken_fields(found))
    order = {key: index for index, key in enumerate(doc)}
    return sorted(found, key=lambda problem: _in_file_order(problem[0], order))


def _in_file_order(path: tuple[str | int, ...], order: dict[str, int]) -> tuple[tuple[int, Any], ...]:
    head = (order.get(str(path[0]), len(order)) if path else -1, "")
    return (head, *((0, part) if isinstance(part, int) else (1, part) for part in path[1:]))


def parse_network(doc: object, label: str = "<network>") -> Network:
    """Validate a decoded network document and build the model, or raise DataError."""
    if not isinstance(doc, dict):
        raise DataError(label, [f"top level must be a JSON object, got {kind_of(doc)}"])
    found = problems(doc)
    if found:
        raise DataError(label, [f"{place(path)}: {message}" if path else message for path, message in found])
    return Builder(doc).network(label)
