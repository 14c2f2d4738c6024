"""The docs/errors.md rows of issue 15's hardening (items 1-5), as test_error_catalogue runs them.

Kept apart from the catalogue's own CASES so the two lists merge without touching each other.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import diamond, model_parameters

Setup = Callable[[Path], list[str]]


def _file(name: str, content: str) -> Setup:
    def make(folder: Path) -> list[str]:
        (folder / name).write_text(content, encoding="utf-8")
        return ["--data", str(folder / name)]

    return make


def _km(literal: str) -> Setup:
    raw = json.dumps(diamond())
    return _file("net.json", raw.replace('"km": 120,', f'"km": {literal},', 1))


def _slow() -> Setup:
    doc = diamond()
    doc["parameters"] = model_parameters()
    next(p for p in doc["parameters"] if p["id"] == "speed-rail")["value"] = 1e-300
    return _file("net.json", json.dumps(doc))


def _loop(folder: Path) -> list[str]:
    (folder / "a.json").symlink_to(folder / "b.json")
    (folder / "b.json").symlink_to(folder / "a.json")
    return ["--data", str(folder / "a.json")]


def _nothing(_folder: Path) -> list[str]:
    return []


CASES: dict[str, tuple[list[str], Setup]] = {
    "km-beyond-equator": (["nodes"], _km("1e308")),
    "number-beyond-float": (["nodes"], _km("9" * 400)),
    "speed-below-1-kmh": (["nodes"], _slow()),
    "file-is-device": (["nodes", "--data", "/dev/zero"], _nothing),
    "file-symlink-loop": (["nodes"], _loop),
    "file-name-too-long": (["nodes", "--data", "n" * 300], _nothing),
    "batch-not-a-file": (["path", "--batch", "/dev/zero"], _nothing),
    "pairs-not-a-file": (["projects", "--pairs", "/dev/zero"], _nothing),
    "output-not-a-file": (["nodes", "-o", "/dev/null"], _nothing),
    "output-is-input": (["nodes", "-o", "net.json"], _file("net.json", json.dumps(diamond()))),
    "output-name-too-long": (["nodes", "-o", "n" * 300 + ".csv"], _nothing),
    "id-trailing-newline": (
        ["nodes"],
        _file("net.json", json.dumps(diamond()).replace('"id": "a"', '"id": "a\\n"', 1)),
    ),
}
