"""Shell completion: scripts for bash, zsh and fish, and place names for FROM/TO."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import diamond
from corridors.analysis.queries import complete_nodes
from corridors.cli import app
from corridors.network.loading import load_network

runner = CliRunner()


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o default -F"), ("zsh", "compdef"), ("fish", "complete --command corridors")],
)
def test_completion_scripts(shell: str, marker: str) -> None:
    result = runner.invoke(app, ["completion", shell])
    assert result.exit_code == 0
    assert marker in result.stdout and "_CORRIDORS_COMPLETE" in result.stdout


def test_complete_nodes_matches_ids_names_and_aliases() -> None:
    network = load_network(None)
    assert [ident for ident, _ in complete_nodes(network, "ak")] == ["akhalkalaki", "aktau", "aktogay"]
    assert ("malaszewicze", "Małaszewicze") in complete_nodes(network, "Mała")
    assert [ident for ident, _ in complete_nodes(network, "Aqtau")] == ["aktau"]  # an alias
    assert complete_nodes(network, "zzz") == []


def complete(args: str, env: dict[str, str] | None = None) -> list[str]:
    result = runner.invoke(
        app,
        [],
        prog_name="corridors",
        env={
            "_CORRIDORS_COMPLETE": "complete_bash",
            "COMP_WORDS": args,
            "COMP_CWORD": str(len(args.split()) - (0 if args.endswith(" ") else 1)),
            **(env or {}),
        },
    )
    return result.stdout.split()


@pytest.mark.parametrize(
    "words",
    [
        "corridors path ak",
        "corridors path xian ak",
        "corridors compare --from ak",
        "corridors show ak",
        "corridors map --to ak",
    ],
)
def test_shell_completes_place_names(words: str) -> None:
    assert complete(words, {"CORRIDORS_DATA": ""}) == ["akhalkalaki", "aktau", "aktogay"]


def test_completion_reads_the_network_given_with_data(write_json: Any) -> None:
    net = str(write_json(diamond()))
    assert complete(f"corridors path --data {net} ") == ["a", "b", "c", "d"]
    assert complete("corridors path ", {"CORRIDORS_DATA": "/nonexistent.json"}) == []  # no crash


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("corridors path AK", ["akhalkalaki", "aktau", "aktogay"]),  # any case
        ("corridors path Aqt", ["aktau", "aktogay"]),  # aliases (Aqtau, Aqtoghay), completed to ids
        ("corridors path Aktau Baku --via BAK", ["bakhty", "baku"]),
        ("corridors path Aktau Baku --by H", ["hours"]),
        ("corridors map --region EU", ["europe", "eurasia"]),
        ("corridors compare --format MA", ["markdown"]),
    ],
)
def test_completion_ignores_case(words: str, expected: list[str]) -> None:
    assert complete(words) == expected


def test_avoid_completes_what_it_takes_not_file_names() -> None:
    offered = complete("corridors path Aktau Baku --avoid ")
    assert offered[:5] == ["rail", "ferry", "sea", "road", "water"]
    assert {"northern", "RU", "KZ", "aktau"} <= set(offered)
    assert complete("corridors path Aktau Baku --avoid ru") == ["RU"]
    assert complete("corridors path Aktau Baku --avoid wat") == ["water"]
