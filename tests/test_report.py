"""`corridors report`: the page read back with html.parser and checked against the other commands.

The oracles are independent of the page's code: `compare --json` for the table and the verdict,
`simulate --json` for the simulated days, `sensitivity --json` for the tornado, and the page's
own markup rules (captions, th scope, labelled charts, heading order) read from the parsed tree.
"""

from __future__ import annotations

import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import diamond, model_parameters, mutated
from corridors.cli import app

ENV = {"CORRIDORS_DATA": "", "COLUMNS": "100"}
RUNS = ["--runs", "500", "--seed", "7"]  # a small seeded sample: the tests compare, not estimate
HOSTILE = "<script>alert('x')</script> & \"co\" <b>"
BAD_URL = 'https://example.org/"onmouseover="alert(1)"><script>x</script>'


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env=ENV, catch_exceptions=False)


VOID = {"meta", "link", "img", "br", "hr", "input", "source", "wbr"}


class Tree(HTMLParser):
    """Every element in document order with its attributes, its text and where it ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict[str, Any]] = []
        self.stack: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = {"tag": tag, "attrs": dict(attrs), "text": [], "start": len(self.elements)}
        self.elements.append(element)
        if tag in VOID:
            element["end"] = len(self.elements)
        else:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append({"tag": tag, "attrs": dict(attrs), "text": [], "start": len(self.elements)})
        self.elements[-1]["end"] = len(self.elements)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index]["tag"] == tag:
                for element in self.stack[index:]:
                    element["end"] = len(self.elements)
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element["text"].append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, Any]]:
        return [
            e
            for e in self.elements
            if e["tag"] == tag and all(e["attrs"].get(k) == v for k, v in attrs.items())
        ]

    def inside(self, parent: dict[str, Any], tag: str) -> list[dict[str, Any]]:
        return [e for e in self.elements[parent["start"] + 1 : parent["end"]] if e["tag"] == tag]


def text(element: dict[str, Any]) -> str:
    return " ".join("".join(element["text"]).split())


def parse(page: str) -> Tree:
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert not tree.stack, [e["tag"] for e in tree.stack]  # every element closed
    return tree


def table_rows(tree: Tree, caption_start: str) -> dict[str, list[str]]:
    """A table's data cells by their row header."""
    tables = [t for t in tree.find("table") if text(tree.inside(t, "caption")[0]).startswith(caption_start)]
    assert len(tables) == 1, caption_start
    rows = {}
    for row in tree.inside(tables[0], "tr"):
        cells = [text(c) for c in tree.inside(row, "td")]
        if cells:
            rows[text(tree.inside(row, "th")[0])] = cells
    return rows


def number(cell: str) -> float:
    return float(cell.split()[0].replace(",", "").lstrip("+"))


@pytest.fixture(scope="module")
def istanbul() -> tuple[str, Tree]:
    """A non-default query, so every option has to reach the page."""
    result = run(
        "report", "--to", "Istanbul", "--as-of", "2027", "--by", "hours", "--risk-weight", "0", *RUNS
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout, parse(result.stdout)


def test_the_table_says_what_compare_json_says(istanbul: tuple[str, Tree]) -> None:
    _, tree = istanbul
    doc = json.loads(
        run(
            "compare", "--to", "Istanbul", "--as-of", "2027", "--by", "hours", "--risk-weight", "0", "--json"
        ).stdout
    )
    rows = table_rows(tree, "Xi'an → Istanbul")
    assert len(rows["Total km"]) == len(doc["corridors"])
    for column, corridor in enumerate(doc["corridors"]):
        totals = corridor["totals"]
        assert abs(number(rows["Total km"][column]) - totals["km"]) <= 0.5
        assert abs(number(rows["Days (model)"][column]) - totals["hours"] / 24) <= 0.05
        assert abs(number(rows["Cost, USD per FEU (model)"][column]) - totals["cost_usd"]) <= 0.5
        assert abs(number(rows["CO2e WTW, kg per FEU (model)"][column]) - totals["co2e_wtw_kg"]) <= 0.5
        assert abs(number(rows["Risk (0-1)"][column]) - totals["risk"]) <= 0.0005
        assert int(rows["Border crossings"][column]) == totals["border_crossings"]
    verdict = [text(li) for li in tree.inside(tree.find("section", id="verdict")[0], "li")]
    assert verdict[: len(doc["verdict"]["sentences"])] == doc["verdict"]["sentences"]


def test_the_simulated_days_are_simulate_json_on_the_same_routes(istanbul: tuple[str, Tree]) -> None:
    # --by hours at risk weight 0 are simulate's own routes (each corridor's fastest)
    _, tree = istanbul
    doc = json.loads(run("simulate", "--to", "Istanbul", "--as-of", "2027", *RUNS, "--json").stdout)
    rows = table_rows(tree, "Door-to-door days over 500 simulated journeys")
    for corridor in doc["corridors"]:
        # the JSON keeps two decimals, the page one: the same sample agrees to within their rounding
        assert abs(number(rows[corridor["name"]][1]) - corridor["days"]["p50"]) <= 0.055
        assert abs(number(rows[corridor["name"]][3]) - corridor["days"]["p95"]) <= 0.055


def test_the_tornado_is_sensitivity_json_on_the_same_pair(istanbul: tuple[str, Tree]) -> None:
    _, tree = istanbul
    doc = json.loads(
        run("sensitivity", "--to", "Istanbul", "--as-of", "2027", "--by", "hours", "--json").stdout
    )
    figure = tree.find("figure", id="fig-tornado")[0]
    desc = text(tree.inside(figure, "desc")[0])
    assert f"is {doc['difference'] / 24:,.2f} days" in desc
    assert f"{doc['inputs'][0]['id']} ({doc['inputs'][0]['basis']})" in desc


def test_the_page_is_self_contained(istanbul: tuple[str, Tree]) -> None:
    page, tree = istanbul
    assert (
        not tree.find("script") and not tree.find("link") and not tree.find("img") and not tree.find("iframe")
    )
    assert "@import" not in page and not re.search(r"url\((?!#)", page)  # only fragment references
    for element in tree.elements:  # nothing loads from anywhere: only links to follow by hand
        for name, value in element["attrs"].items():
            if name in ("src", "srcset", "data", "poster", "xlink:href") or (
                name == "href" and element["tag"] != "a"
            ):
                pytest.fail(f"{element['tag']} {name}={value}")
    policy = tree.find("meta", **{"http-equiv": "Content-Security-Policy"})
    assert policy and "default-src 'none'" in policy[0]["attrs"]["content"]


def test_the_page_is_accessible_markup(istanbul: tuple[str, Tree]) -> None:
    _, tree = istanbul
    assert tree.find("html")[0]["attrs"]["lang"] == "en"
    levels = [int(e["tag"][1]) for e in tree.elements if re.fullmatch(r"h[1-6]", e["tag"])]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # no level skipped
    for table in tree.find("table"):
        assert text(tree.inside(table, "caption")[0])
        heads = tree.inside(table, "th")
        assert heads and all(h["attrs"].get("scope") in ("col", "row") for h in heads)
    ids = [e["attrs"]["id"] for e in tree.elements if "id" in e["attrs"]]
    assert len(ids) == len(set(ids))
    svgs = tree.find("svg")
    assert len(svgs) == 4  # the map, the time/cost-distance chart, the days, the tornado
    for svg in svgs:
        assert svg["attrs"]["role"] == "img"
        title, desc = svg["attrs"]["aria-labelledby"].split()
        assert text(tree.find("title", id=title)[0]) and len(text(tree.find("desc", id=desc)[0])) > 40


def test_sections_in_order_and_print_rules(istanbul: tuple[str, Tree]) -> None:
    page, tree = istanbul
    sections = [s["attrs"]["id"] for s in tree.find("section")]
    assert sections == [
        "verdict",
        "comparison",
        "map",
        "tcd",
        "reliability",
        "sensitivity",
        "provenance",
        "methods",
    ]
    assert re.search(r"@page\s*\{\s*size:\s*A4", page)
    assert re.search(r"figure\s*\{[^}]*break-inside:\s*avoid", page)
    methods = text(tree.find("section", id="methods")[0])
    for name in ("UNESCAP", "CAREC", "ISO 14083", "GLEC", "Risk"):
        assert name in methods


def test_provenance_lists_the_routes_sources_and_parameters(istanbul: tuple[str, Tree]) -> None:
    _, tree = istanbul
    doc = json.loads(
        run(
            "compare", "--to", "Istanbul", "--as-of", "2027", "--by", "hours", "--risk-weight", "0", "--json"
        ).stdout
    )
    cited = {s for c in doc["corridors"] for leg in c["legs"] for s in leg["sources"]}
    section = tree.find("section", id="provenance")[0]
    listed = {text(code) for code in tree.inside(section, "code")}
    assert cited <= listed  # every source a leg cites (the page adds those of risks and parameters)
    estimated = {
        leg["edge_id"] for c in doc["corridors"] for leg in c["legs"] if leg["km_basis"] == "estimate"
    }
    rows = table_rows(tree, "Estimated and derived lengths")
    assert estimated and estimated <= set(rows)
    parameters = table_rows(tree, "The time, cost and emission figures")
    assert "cargo-t-feu" in parameters and parameters["cargo-t-feu"][2] == "20"


def hostile_network() -> dict[str, Any]:
    def change(doc: dict[str, Any]) -> None:
        doc["nodes"][0]["name"] = HOSTILE
        doc["corridors"][0]["name"] = HOSTILE + " corridor"
        doc["corridors"].append({"id": "north", "name": "North"})  # a corridor without any line
        doc["sources"][0]["title"] = HOSTILE
        doc["sources"].append({"id": "s2", "title": "t", "publisher": "p", "year": 2020, "url": BAD_URL})
        doc["edges"][2]["sources"] = ["s1", "s2"]
        doc["edges"][2]["km_basis"] = "estimate"
        doc["edges"][2]["km_note"] = HOSTILE
        doc["parameters"] = model_parameters()

    return mutated(diamond(), change)


def test_a_hostile_user_network_is_shown_escaped_and_degrades(write_json: Any, tmp_path: Path) -> None:
    path = str(write_json(hostile_network()))
    target = tmp_path / "report.html"
    result = run("report", "--data", path, "--from", "a", "--to", "d", *RUNS, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    page = target.read_text(encoding="utf-8")
    tree = parse(page)
    assert "<script" not in page and not tree.find("script") and not tree.find("b")
    assert HOSTILE in text(tree.find("h1")[0])  # the place's name, as text
    assert any(HOSTILE in text(e) for e in tree.find("cite"))
    assert any(HOSTILE in text(e) for e in tree.find("td"))  # the km note
    links = [a for a in tree.find("a") if a["attrs"]["href"] == BAD_URL]  # one attribute, not broken out of
    assert len(links) == 1 and set(links[0]["attrs"]) == {"href"} and text(links[0]) == BAD_URL
    rows = table_rows(tree, HOSTILE)
    assert rows["Total km"][-1] == "no route"  # North has no line at all
    for section in ("map", "tcd"):
        assert "Not drawn, with no route for this query: North." in text(tree.find("section", id=section)[0])
    assert "model parameters from the network file" in page


def test_one_corridor_with_a_route_leaves_out_the_sensitivity(write_json: Any) -> None:
    path = str(write_json(hostile_network()))
    result = run(
        "report",
        "--data",
        path,
        "--from",
        "a",
        "--to",
        "d",
        "--corridor",
        "west",
        "--corridor",
        "north",
        *RUNS,
    )
    assert result.exit_code == 0, result.stderr
    tree = parse(result.stdout)
    section = text(tree.find("section", id="sensitivity")[0])
    assert "No sensitivity here: it needs two corridors with a route, and only 1 has one." in section
    assert len(tree.find("svg")) == 3
    assert "model parameters bundled" not in result.stdout


def test_stdout_and_file_are_the_same_page(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    shown = run("report", "--to", "Warsaw", *RUNS)
    written = run("report", "--to", "Warsaw", *RUNS, "-o", str(target))
    assert shown.exit_code == written.exit_code == 0
    assert target.read_text(encoding="utf-8") == shown.stdout
    assert shown.stdout.startswith("<!DOCTYPE html>")


def test_bad_options_are_one_line_errors() -> None:
    result = run("report", "--to", "Nowhere-at-all")
    assert result.exit_code != 0 and result.stdout == ""
    assert result.stderr.startswith("corridors: error:") and result.stderr.count("\n") == 1
    assert run("report", "--runs", "5").exit_code == 2
