"""Help and messages that tell the truth: what --risk-weight changes, why no flip, shares near 0 and 1."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from corridors.cli import app
from corridors.render.tables_analysis import share

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("fraction", "shown"),
    [(1.0, "100.0%"), (0.9996, ">99.9%"), (0.999, ">99.9%"), (0.9989, "99.9%"), (0.5, "50.0%"),
     (0.0004, "<0.1%"), (0.001, "0.1%"), (0.0, "0.0%")],
)  # fmt: skip
def test_a_share_is_never_rounded_to_all_or_none(fraction: float, shown: str) -> None:
    assert share(fraction) == shown


def test_by_help_says_the_risk_weight_moves_only_the_risk_route() -> None:
    """As the help says: by hours, every weight gives the same routes; by risk, weights differ."""
    assert "--risk-weight changes the route only with risk" in " ".join(run("compare", "--help").split())

    def routes(by: str, weight: str) -> list[object]:
        doc = json.loads(run("compare", "--by", by, "--risk-weight", weight, "--json"))
        return [c["nodes"] for c in doc["corridors"]]

    assert routes("hours", "0") == routes("hours", "50")
    assert routes("risk", "0") != routes("risk", "50")


def test_no_flip_says_who_would_overtake_and_where() -> None:
    """The weight the message predicts from the lines is where the full search finds the flip."""
    flip = json.loads(run("breakeven", "--by", "hours", "--json"))["flips"][0]
    text = " ".join(run("breakeven", "--by", "hours", "--max-weight", "5").split())
    found = re.search(
        r"No flip: Northern Corridor .* Sea via the Cape would overtake it only at risk weight ([\d.]+)", text
    )
    assert found, text
    assert flip["after"][0] == "sea-cape"
    assert float(found[1]) == pytest.approx(flip["risk_weight"], abs=0.001)


def test_no_flip_with_one_route_says_so() -> None:
    text = " ".join(run("breakeven", "--from", "Aktau", "--to", "Baku", "--by", "hours").split())
    assert "it is the only corridor with a route" in text
