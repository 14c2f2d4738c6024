"""A plain (not editable) wheel carries the bundled network and finds it from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_the_network_and_uses_it(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("corridors-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "corridors/data/routes.json" in names
    assert "corridors/network/routes.schema.json" in names
    assert "corridors/data/gazetteer.json" in names  # places for unknown-name suggestions
    assert "corridors/py.typed" in names
    assert "corridors/render/basemap.json" in names

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("CORRIDORS_DATA", None)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import corridors, corridors.network.loading as l; "
            "print(corridors.__file__); print(l.bundled_data_path())",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    module_file, data_file = probe.stdout.split()
    assert module_file.startswith(str(site))
    assert data_file == str(site / "corridors" / "data" / "routes.json")
    done = subprocess.run(
        [sys.executable, "-m", "corridors", "compare", "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["command"] == "compare"
    drawn = subprocess.run(
        [sys.executable, "-m", "corridors", "map"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert drawn.returncode == 0, drawn.stderr
    assert "Made with Natural Earth" in drawn.stdout and ">RUSSIA</text>" in drawn.stdout  # the base map
    packaged = json.loads((site / "corridors" / "data" / "routes.json").read_text(encoding="utf-8"))
    assert packaged == json.loads((ROOT / "data" / "routes.json").read_text(encoding="utf-8"))
