"""The pure parts of scripts/measure_rail.py (the measuring itself needs the `build` extra)."""

from __future__ import annotations

import functools
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))  # the scripts share scripts/datafile.py, as they do when run


@functools.cache
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("measure_rail", ROOT / "scripts" / "measure_rail.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_douglas_peucker_keeps_a_point_only_beyond_the_tolerance() -> None:
    # The middle point lies 0.01 degrees of latitude off the chord: 0.01 * pi / 180 * 6371 = 1.112 km.
    line = [(0.0, 0.0), (0.01, 0.5), (0.0, 1.0)]
    simplify = script().douglas_peucker
    assert simplify(line, 2.0) == [(0.0, 0.0), (0.0, 1.0)]
    assert simplify(line, 1.0) == line
    assert simplify([(0.0, 0.0), (0.0, 0.0), (0.0, 1.0)], 1.0) == [(0.0, 0.0), (0.0, 1.0)]


def test_haversine_matches_a_hand_calculation() -> None:
    # One degree of latitude on a 6371 km sphere: 6371 * pi / 180 = 111.195 km.
    assert abs(script().haversine(10.0, 20.0, 11.0, 20.0) - 111.195) < 0.001


def test_dump_keeps_the_file_layout_with_each_geometry_on_one_line() -> None:
    doc = {"edges": [{"id": "a-b", "km": 1, "geometry": [[1.5, 2.25], [3, 4]]}, {"id": "b-c", "km": 2}]}
    text = script().dump(doc)
    assert '      "geometry": [[1.5,2.25],[3,4]]\n' in text
    assert json.loads(text) == doc  # the document itself is left as it was
    assert script().dump(json.loads(text)) == text
    # Without geometry the layout is json.dumps(indent=2), as the data file has always been written.
    plain = {"edges": [{"id": "b-c", "note": "Constanța"}]}
    assert script().dump(plain) == json.dumps(plain, indent=2, ensure_ascii=False) + "\n"


def test_the_data_file_is_in_the_scripts_layout() -> None:
    text = (ROOT / "data" / "routes.json").read_text(encoding="utf-8")
    assert script().dump(json.loads(text)) == text
