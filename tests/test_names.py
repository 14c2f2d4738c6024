"""Place and country names: any script or spelling folds to one key; --avoid takes a country's name."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from corridors.analysis.scenario import country_named, parse_avoid, resolve_node
from corridors.cli import app
from corridors.errors import UnknownNodeError
from corridors.network.gazetteer import fold
from corridors.network.loading import bundled_data_path, load_network

runner = CliRunner()
NETWORK = load_network(bundled_data_path())


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Bak\u0131", "baki"),  # Azerbaijani dotless i
        ("\u00d8restad", "orestad"),  # o-slash
        ("Ma\u0142aszewicze", "malaszewicze"),  # l-stroke
        ("\u0411\u0430\u043a\u0443", "baku"),  # Cyrillic
        ("\u897f\u5b89", "xian"),  # Chinese, as pinyin
        ("Xi'an", "xian"),
        ("  XI-AN ", "xian"),
        ("D\u00fcsseldorf", "dusseldorf"),
        ("\u0130stanbul", "istanbul"),  # Turkish dotted capital I
        ("Stra\u00dfe", "strasse"),
    ],
)
def test_fold_transliterates_every_script(name: str, key: str) -> None:
    assert fold(name) == key


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("\u0411\u0430\u043a\u0443", "baku"),
        ("\u897f\u5b89", "xian"),
        ("AKTAU", "aktau"),
        ("Bak\u0131", "baku"),
    ],
)
def test_places_resolve_in_any_script(name: str, ident: str) -> None:
    assert resolve_node(NETWORK, name).id == ident


def test_a_country_is_named_by_code_or_name_in_any_case() -> None:
    assert country_named(NETWORK, "Russia") == "RU"
    assert country_named(NETWORK, "ru") == "RU"
    assert country_named(NETWORK, "north macedonia") == "MK"
    assert country_named(NETWORK, "Atlantis") is None
    assert country_named(NETWORK, "JP") is None  # no place of the data is in Japan


def test_avoid_takes_a_country_name_and_water_is_ferry_and_sea() -> None:
    assert parse_avoid(NETWORK, ["Russia"]) == parse_avoid(NETWORK, ["RU"])
    assert parse_avoid(NETWORK, ["water"]).modes == {"ferry", "sea"}
    assert parse_avoid(NETWORK, ["ferry"]).modes == {"ferry"}  # the Caspian and Black Sea ferries only


def test_avoid_russia_routes_as_avoid_ru() -> None:
    def routes(avoid: str) -> object:
        result = runner.invoke(
            app,
            ["path", "Xian", "Duisburg", "--avoid", avoid, "--json"],
        )
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)["routes"]

    assert routes("Russia") == routes("RU")


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("Russia", "that is a country (RU), not a place; its places: "),
        ("Harbinn", "Harbin (CN) is not in the network; nearest on the map: dalian"),  # by the gazetteer
        ("Moynti", "did you mean moiynty?"),  # by the network's own names
        ("q" * 10_000, "longer than any place name"),
    ],
)
def test_unknown_names_get_hints_beyond_spelling(name: str, says: str) -> None:
    with pytest.raises(UnknownNodeError) as caught:
        resolve_node(NETWORK, name)
    assert says in str(caught.value)
    assert len(str(caught.value)) < 300
