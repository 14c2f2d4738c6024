"""The SVG charts: geometry read back through the printed axes, escaping, self-containment."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Any

import pytest

from conftest import document, edge, model_parameters, node
from corridors.analysis.profile import route_profile
from corridors.analysis.results import Route
from corridors.analysis.routing import best_route
from corridors.analysis.simulation import CorridorSimulation, Histogram, Simulation, Summary
from corridors.network.graph import CorridorGraph
from corridors.network.loading import parse_network
from corridors.network.model import Network
from corridors.render.charts import Line, tcd_svg
from corridors.render.charts_analysis import pareto_svg, simulation_svg
from corridors.render.svg import nice_ticks

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert('x')</script> & co"


def chain() -> Network:
    """o(CN) -rail 1435-> x(CN) -rail 1520, border-> y(KZ) -ferry, border-> z(AZ): three legs.

    Every wait the chart draws happens once, each with non-zero hours and cost: a gauge
    change and a border at x, a transshipment, a border and a ferry wait at y.
    """
    doc: dict[str, Any] = document(
        [
            node("o", 0, 0, "CN"),
            node("x", 0, 1, "CN"),
            node("y", 0, 2, "KZ", name=HOSTILE),
            node("z", 0, 6, "AZ"),
        ],
        [
            edge("o", "x", 120, gauge_mm=1435),
            edge("x", "y", 120, gauge_mm=1520),
            edge("y", "z", 500, mode="ferry"),
        ],
    )
    doc["edges"][2].pop("gauge_mm")
    doc["parameters"] = model_parameters()
    for parameter in doc["parameters"]:
        if parameter["id"] == "cost-ferry-wait":
            parameter["value"] = 30  # the shared set has 0: every term must count
    return parse_network(doc, "chain")


def chain_route(network: Network) -> Route:
    return best_route(CorridorGraph.build(network), "o", "z")


# By hand, from model_parameters: rail 50 km/h and 1 USD/km, ferry 20 km/h and 3 USD/km;
# border 5 h 50 USD, gauge change 10 h 100 USD, transshipment 20 h 200 USD, ferry wait 7 h 30 USD.
SEGMENTS = [
    ("running", "o", 120, 2.4, 120),
    ("gauge_change", "x", 0, 10, 100),
    ("border", "x", 0, 5, 50),
    ("running", "x", 120, 2.4, 120),
    ("transshipment", "y", 0, 20, 200),
    ("border", "y", 0, 5, 50),
    ("ferry_wait", "y", 0, 7, 30),
    ("running", "y", 500, 25, 1500),
]
POINTS = [  # cumulative km, hours, USD after each segment
    (0, 0, 0),
    (120, 2.4, 120),
    (120, 12.4, 220),
    (120, 17.4, 270),
    (240, 19.8, 390),
    (240, 39.8, 590),
    (240, 44.8, 640),
    (240, 51.8, 670),
    (740, 76.8, 2170),
]


def test_profile_splits_legs_into_moves_and_waits() -> None:
    network = chain()
    route = chain_route(network)
    profile = route_profile(network, route)
    assert [(s.kind, s.node, s.km, round(s.hours, 9), s.cost_usd) for s in profile.segments] == SEGMENTS
    assert [tuple(round(v, 9) for v in p) for p in profile.points()] == POINTS
    # the same totals as the route's: nothing lost or counted twice
    km, hours, cost = profile.points()[-1]
    assert (km, hours, cost) == pytest.approx((route.totals.km, route.totals.hours, route.totals.cost_usd))


def axis_scales(svg: ET.Element) -> list[tuple[Any, Any]]:
    """Per panel, pixel -> data maps for x and y, read from the grid lines and tick labels."""
    scales = []
    grids = [g for g in svg.iter(f"{SVG}g") if g.get("stroke") == "#e3e8ec"]
    tick_groups = [
        g for g in svg.iter(f"{SVG}g") if g.get("font-size") == "10" and g.get("fill") == "#546e7a"
    ]
    for grid, ticks in zip(grids, tick_groups, strict=True):
        lines = list(grid)
        horizontal = [float(line.get("y1", "")) for line in lines if line.get("y1") == line.get("y2")]
        vertical = [float(line.get("x1", "")) for line in lines if line.get("x1") == line.get("x2")]
        labels = list(ticks)
        x_values = [number(t.text) for t in labels if t.get("text-anchor") == "middle"]
        y_values = [number(t.text) for t in labels if t.get("text-anchor") == "end"]
        scales.append((linear(vertical, x_values), linear(horizontal, y_values)))
    return scales


def number(text: str | None) -> float:
    return float(re.sub(r"[^0-9.\-]", "", text or ""))


def linear(pixels: list[float], values: list[float]) -> Any:
    assert len(pixels) == len(values) >= 2
    (p0, v0), (p1, v1) = (pixels[0], values[0]), (pixels[-1], values[-1])
    return lambda p: v0 + (p - p0) * (v1 - v0) / (p1 - p0)


def polyline_points(element: ET.Element) -> list[tuple[float, float]]:
    return [(float(a), float(b)) for a, b in (pair.split(",") for pair in element.get("points", "").split())]


def test_the_lines_pass_through_the_hand_computed_points() -> None:
    network = chain()
    profile = route_profile(network, chain_route(network))
    text = tcd_svg(network, [Line("Chain", "chain", profile, 0)], title="t")
    svg = ET.fromstring(text)
    (x_time, days_of), (x_cost, usd_of) = axis_scales(svg)
    time_line, cost_line = list(svg.iter(f"{SVG}polyline"))
    read_time = [(x_time(x), days_of(y) * 24) for x, y in polyline_points(time_line)]
    read_cost = [(x_cost(x), usd_of(y)) for x, y in polyline_points(cost_line)]
    # 0.1 px of rounding is about 0.1 km, 0.01 days and 1 USD on these axes
    assert read_time == [pytest.approx((km, h), abs=0.4) for km, h, _ in POINTS]
    assert read_cost == [pytest.approx((km, usd), abs=1.5) for km, _, usd in POINTS]
    # the waits are vertical: the x of a wait's two ends are the same pixel
    xs = [x for x, _ in polyline_points(time_line)]
    assert xs[1] == xs[2] == xs[3] and xs[4] == xs[5] == xs[6] == xs[7]


def labels_of(svg: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]


def test_steps_are_labelled_with_place_kind_and_amount_and_names_stay_literal() -> None:
    network = chain()
    profile = route_profile(network, chain_route(network))
    text = tcd_svg(network, [Line(HOSTILE, "chain", profile, 0)], title=HOSTILE)
    svg = ET.fromstring(text)
    labels = labels_of(svg)
    assert "X: gauge change + border +15 h" in labels
    assert f"{HOSTILE}: transshipment + border + port wait +32 h" in labels
    assert "X: gauge change + border +$150" in labels
    assert f"{HOSTILE}: transshipment + border + port wait +$280" in labels
    assert svg.findtext(f"{SVG}title") == HOSTILE
    assert HOSTILE in (svg.findtext(f"{SVG}desc") or "")
    assert "<script" not in text and not list(svg.iter(f"{SVG}script"))


def test_charts_are_self_contained() -> None:
    network = chain()
    profile = route_profile(network, chain_route(network))
    for text in (
        tcd_svg(network, [Line("a", "a", profile, 0)], title="t"),
        simulation_svg(network, simulation()),
    ):
        svg = ET.fromstring(text)
        assert svg.findtext(f"{SVG}title") and svg.findtext(f"{SVG}desc")
        tags = {element.tag.removeprefix(SVG) for element in svg.iter()}
        assert not tags & {"script", "image", "style", "foreignObject", "a", "use"}
        assert "href" not in text and "url(" not in text and "@import" not in text
        assert re.findall(r"https?://[^\"' ]+", text) == ["http://www.w3.org/2000/svg"]


def simulation() -> Simulation:
    """Hand-made: 100 journeys in bins [10, 12), [12, 14), [14, 15], a deadline of 13 days."""
    corridor = CorridorSimulation(
        "east",
        "East",
        None,
        100,
        12.0,
        Summary(12.5, 1.0, 12.4, 14.0, 14.5, 10.0, 15.0),
        0.55,
        Histogram((10.0, 12.0, 14.0, 15.0), (20, 50, 30)),
        (),
    )
    missing = CorridorSimulation("west", "West", None, 0, None, None, None, None, ())
    return Simulation("o", "z", 100, 1, None, 13.0, None, (corridor, missing))


def test_the_histogram_shows_the_share_per_day_and_the_deadline() -> None:
    svg = ET.fromstring(simulation_svg(chain(), simulation()))
    x_of, pct_of = axis_scales(svg)[0]
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("fill-opacity")]
    read = [(x_of(float(r.get("x", ""))), pct_of(float(r.get("y", "")))) for r in bars]
    # % of journeys per day: 20/2, 50/2, 30/1
    assert read == [pytest.approx(v, abs=0.06) for v in ((10, 10), (12, 25), (14, 30))]
    deadline = [line for line in svg.iter(f"{SVG}line") if line.get("stroke-dasharray") == "6 3"]
    assert [x_of(float(line.get("x1", ""))) for line in deadline] == [pytest.approx(13, abs=0.01)]
    labels = labels_of(svg)
    assert "P(within 13 days) = 55.0%" in labels
    assert any(label.startswith("West: no route") for label in labels)


@pytest.mark.parametrize(
    ("high", "low", "expected"),
    [
        (740, 0, (0, 200, 400, 600, 800)),
        (3.2, 0, (0, 1, 2, 3, 4)),
        (2170, 0, (0, 500, 1000, 1500, 2000, 2500)),
        (45, 12.3, (10, 20, 30, 40, 50)),
        (0.3, 0, (0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)),
    ],
)
def test_nice_ticks(high: float, low: float, expected: tuple[float, ...]) -> None:
    assert nice_ticks(high, low=low) == pytest.approx(expected)


def test_tick_steps_are_round_and_cover_the_range() -> None:
    for high in (0.7, 1, 9.99, 31.07, 99, 101, 10844, 123456):
        ticks = nice_ticks(high)
        step = ticks[1] - ticks[0]
        mantissa = step / 10 ** math.floor(math.log10(step))
        assert round(mantissa, 9) in (1, 2, 2.5, 5)
        assert ticks[0] == 0 and ticks[-1] >= high > ticks[-2]
        assert 3 <= len(ticks) <= 9


def test_analysis_charts_show_hostile_names_literally() -> None:
    network = chain()
    hostile = replace(simulation(), corridors=(replace(simulation().corridors[0], name=HOSTILE),))
    route = best_route(CorridorGraph.build(network), "y", "z")
    for text in (simulation_svg(network, hostile), pareto_svg(network, ["km", "hours"], [route])):
        svg = ET.fromstring(text)
        assert "<script" not in text and not list(svg.iter(f"{SVG}script"))
        assert any(HOSTILE in label for label in labels_of(svg))
