"""The charts through the CLI: --chart on compare, path, pareto and simulate, to stdout or -o."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridors.cli import app

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "--chart", "tcd"],
        ["path", "Xian", "Istanbul", "--by", "hours", "--chart", "tcd", "-k", "2"],
        ["pareto", "Xian", "Duisburg", "--chart", "front"],
        ["simulate", "--runs", "2000", "--deadline", "20", "--chart", "distribution"],
    ],
)
def test_cli_draws_each_chart(args: list[str], tmp_path: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(app, args, env={"CORRIDORS_DATA": ""}, catch_exceptions=False)
    assert shown.exit_code == 0, shown.stderr
    svg = ET.fromstring(shown.stdout)
    assert svg.tag == f"{SVG}svg" and svg.findtext(f"{SVG}desc")
    target = tmp_path / "chart.svg"
    written = runner.invoke(app, [*args, "-o", str(target)], env={"CORRIDORS_DATA": ""})
    assert written.exit_code == 0 and written.stdout == ""
    assert target.read_text(encoding="utf-8") == shown.stdout


def test_compare_chart_draws_each_corridor_in_its_map_style() -> None:
    result = CliRunner().invoke(app, ["compare", "--chart", "tcd"], env={"CORRIDORS_DATA": ""})
    svg = ET.fromstring(result.stdout)
    lines = list(svg.iter(f"{SVG}polyline"))
    half = len(lines) // 2
    styles = [(p.get("stroke"), p.get("stroke-dasharray")) for p in lines]
    # both panels draw the same lines: the first corridor solid Okabe-Ito blue, the next dashed vermillion
    assert half >= 2 and styles[:half] == styles[half:]
    assert styles[:2] == [("#0072B2", None), ("#D55E00", "9 3.5")]
    assert any(
        t.startswith("Middle Corridor") and "days" in t
        for t in ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    )
