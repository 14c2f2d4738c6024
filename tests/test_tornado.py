"""The sensitivity tornado as SVG: bars read back through the printed axis, marks, escaping, the CLI."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from conftest import diamond
from corridors.analysis.ranges import Input
from corridors.analysis.sensitivity import Sensitivity, Swing
from corridors.cli import app
from corridors.network.loading import parse_network
from corridors.render.charts_analysis import tornado_svg

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert('x')</script> & co"
LOW_COLOUR, HIGH_COLOUR = "#0072B2", "#D55E00"  # Okabe-Ito blue and vermillion, as the key says


def result(difference: float = -20.0) -> Sensitivity:
    """East minus West by km is -20 at the data's values; by hand, three inputs swing it."""
    swings = (
        # a length: at its low end East is 5 km shorter still, at its high end 5 km longer
        Swing(Input("km", "a-c", 140.0, "estimate", 0.15), -25.0, -15.0, False, 0.5),
        # a parameter whose high end makes West the shorter: the verdict flips
        Swing(Input("parameter", HOSTILE, 10.0, "estimate", 0.3), -22.0, 4.0, True, 0.4),
        Swing(Input("km", "b-d", 120.0, "sourced", 0.02), -19.0, -21.0, False, 0.1),
    )
    return Sensitivity("east", "west", "km", "km", difference, swings)


def axis(svg: ET.Element) -> tuple[float, float]:
    """Pixels per unit and the pixel of 0, from the printed tick values and where they stand."""
    ticks = [
        (float(t.get("x", "0")), float((t.text or "").replace(",", "").replace("−", "-")))
        for group in svg.iter(f"{SVG}g")
        if group.get("text-anchor") == "middle"
        for t in group.iter(f"{SVG}text")
    ]
    (x0, v0), (x1, v1) = ticks[0], ticks[-1]
    scale = (x1 - x0) / (v1 - v0)
    return scale, x0 - v0 * scale


def bars(svg: ET.Element, colour: str) -> list[tuple[float, float]]:
    return [
        (float(r.get("x", "0")), float(r.get("x", "0")) + float(r.get("width", "0")))
        for r in svg.iter(f"{SVG}rect")
        if r.get("fill") == colour and r.get("height") == "14"
    ]


def test_each_bar_spans_from_the_data_value_to_the_input_at_its_range_end() -> None:
    network = parse_network(diamond(), "diamond")
    svg = ET.fromstring(tornado_svg(network, result()))
    scale, zero = axis(svg)
    px = lambda value: zero + value * scale  # noqa: E731
    # low ends, by hand: -25, -22, -19 from the base -20; high ends -15, +4, -21
    for (left, right), (a, b) in zip(
        bars(svg, LOW_COLOUR), [(-25, -20), (-22, -20), (-20, -19)], strict=True
    ):
        assert abs(left - px(a)) < 1.0 and abs(right - px(b)) < 1.0
    for (left, right), (a, b) in zip(bars(svg, HIGH_COLOUR), [(-20, -15), (-20, 4), (-21, -20)], strict=True):
        assert abs(left - px(a)) < 1.0 and abs(right - px(b)) < 1.0


def test_the_flipping_input_is_marked_and_the_zero_line_drawn() -> None:
    network = parse_network(diamond(), "diamond")
    svg = ET.fromstring(tornado_svg(network, result()))
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert texts.count("flips") == 1
    assert any(t.startswith("0: no difference") for t in texts)
    assert any("at the data's values: -20.00" in t for t in texts)
    desc = svg.findtext(f"{SVG}desc") or ""
    assert "East minus West by km is -20.00 km" in desc and "can flip the verdict" in desc
    assert (svg.findtext(f"{SVG}title") or "").startswith("What decides East against West by km")


def test_zero_far_off_the_bars_is_said_not_drawn() -> None:
    network = parse_network(diamond(), "diamond")
    swing = Swing(result().swings[0].input, -2005, -1995, False, 1)
    far = Sensitivity("east", "west", "km", "km", -2000.0, (swing,))
    svg = ET.fromstring(tornado_svg(network, far))
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert not any(t.startswith("0: no difference") for t in texts)
    assert any("lies off this scale" in t for t in texts)
    _, zero = axis(svg)
    assert zero < 0 or zero > 1000  # 0 really is off the drawn axis


def test_hostile_input_ids_are_text_and_the_svg_has_no_script() -> None:
    network = parse_network(diamond(), "diamond")
    text = tornado_svg(network, result())
    svg = ET.fromstring(text)
    assert "<script" not in text and not list(svg.iter(f"{SVG}script"))
    assert any(HOSTILE in "".join(t.itertext()) for t in svg.iter(f"{SVG}text"))


def test_hours_read_in_days() -> None:
    network = parse_network(diamond(), "diamond")
    by_hours = Sensitivity(
        "east", "west", "hours", "hours", -48.0, (Swing(result().swings[0].input, -72, -24, False, 1),)
    )
    svg = ET.fromstring(tornado_svg(network, by_hours))
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert "East minus West, days" in texts
    assert "-3.00" in texts and "-1.00" in texts  # -72 h and -24 h


def test_cli_draws_the_tornado_to_stdout_or_a_file(tmp_path: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(
        app, ["sensitivity", "--chart", "tornado", "--top", "5"], env={"CORRIDORS_DATA": ""}
    )
    assert shown.exit_code == 0, shown.stderr
    svg = ET.fromstring(shown.stdout)
    assert svg.get("role") == "img"
    table = runner.invoke(app, ["sensitivity", "--json"], env={"CORRIDORS_DATA": ""})
    first = re.escape(json.loads(table.stdout)["inputs"][0]["id"])
    labels = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert any(re.match(first + r" \(", label) for label in labels)  # the largest swing is drawn
    assert len(bars(svg, LOW_COLOUR)) == 5
    target = tmp_path / "tornado.svg"
    written = runner.invoke(app, ["sensitivity", "--chart", "tornado", "--top", "5", "-o", str(target)])
    assert written.exit_code == 0 and written.stdout == ""
    assert target.read_text(encoding="utf-8") == shown.stdout
    wrong = runner.invoke(app, ["sensitivity", "--chart", "tcd"])
    assert wrong.exit_code == 2 and "use --chart tornado" in wrong.stderr
