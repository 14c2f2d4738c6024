"""Flat rows (csv, ndjson, markdown) of the analysis commands over whole routes and baskets.

Each takes the result's JSON form, so a column means what the JSON key of that name means.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from corridors.analysis.basket import VECTOR_KEYS

Row = dict[str, Any]

CARGO_VALUE_COLUMNS = (
    "corridor",
    "sea_corridor",
    "days_saved",
    "extra_cost_usd",
    "rail_wins",
    "breakeven_cargo_value_usd",
    "breakeven_cargo_value_low_usd",
    "breakeven_cargo_value_high_usd",
    "value_of_time_pct_per_day",
)
PROJECTS_COLUMNS = (
    "rank",
    "id",
    "name",
    "status",
    "opens",
    "corridor",
    "modelled",
    "pairs_using",
    "pairs_connected",
    "saved_days",
    *(f"saved_{key}" for key in VECTOR_KEYS),
    "new_edges",
    "note",
)
CRITICAL_COLUMNS = (
    "rank",
    "kind",
    "id",
    "name",
    "pairs_using",
    "pairs_cut",
    "extra_days",
    *(f"extra_{key}" for key in VECTOR_KEYS),
)
SENSITIVITY_COLUMNS = (
    "rank",
    "corridor_a",
    "corridor_b",
    "criterion",
    "difference",
    "kind",
    "id",
    "basis",
    "value",
    "low",
    "high",
    "difference_at_low",
    "difference_at_high",
    "swing",
    "flips",
    "variance_share",
)
CAREC_COLUMNS = (
    "corridor",
    "km",
    "moving_hours",
    "total_hours",
    "speed_without_delay_kmh",
    "speed_with_delay_kmh",
    "cost_usd",
    "cost_per_500km_20t_usd",
    "border_crossings",
    "border_time_hours",
    "border_cost_usd",
)
EMISSIONS_COLUMNS = (
    "corridor",
    "mode",
    "km",
    "tonne_km",
    "co2e_ttw_kg",
    "co2e_wtt_kg",
    "co2e_wtw_kg",
    "parameters",
)


def cargo_value_rows(result: Mapping[str, Any]) -> Iterator[Row]:
    """One row per land corridor against a sea corridor (`ValueOfTime.to_dict()`)."""
    for entry in result["entries"]:
        low, high = entry["breakeven_cargo_value_range_usd"]
        yield {
            **{key: entry[key] for key in CARGO_VALUE_COLUMNS[:6]},
            "breakeven_cargo_value_low_usd": low,
            "breakeven_cargo_value_high_usd": high,
            "value_of_time_pct_per_day": result["value_of_time_pct_per_day"],
        }


def projects_rows(projects: Iterable[Mapping[str, Any]]) -> Iterator[Row]:
    """One row per project, best first; its new edges joined by spaces."""
    for rank, project in enumerate(projects, start=1):
        yield {
            "rank": rank,
            **{key: project[key] for key in PROJECTS_COLUMNS[1:10]},
            **{f"saved_{key}": project["saved"].get(key) for key in VECTOR_KEYS},
            "new_edges": " ".join(project["new_edges"]),
            "note": project["note"],
        }


def critical_rows(losses: Iterable[Mapping[str, Any]]) -> Iterator[Row]:
    """One row per edge or place, worst first."""
    for rank, loss in enumerate(losses, start=1):
        yield {
            "rank": rank,
            **{key: loss[key] for key in CRITICAL_COLUMNS[1:7]},
            **{f"extra_{key}": loss["extra"].get(key) for key in VECTOR_KEYS},
        }


def sensitivity_rows(result: Mapping[str, Any], top: int) -> Iterator[Row]:
    """One row per input, largest swing first, the pair compared repeated on each."""
    pair = {key: result[key] for key in SENSITIVITY_COLUMNS[1:5]}
    for rank, item in enumerate(result["inputs"][:top], start=1):
        low, high = item["range"]
        yield {
            "rank": rank,
            **pair,
            **{key: item[key] for key in ("kind", "id", "basis", "value")},
            "low": low,
            "high": high,
            **{key: item[key] for key in SENSITIVITY_COLUMNS[11:]},
        }


def carec_rows(found: Iterable[Mapping[str, Any]]) -> Iterator[Row]:
    """One row per corridor with a route; its crossings counted (the JSON lists them)."""
    for item in found:
        yield {
            **{key: item[key] for key in CAREC_COLUMNS if key != "border_crossings"},
            "border_crossings": len(item["crossings"]),
        }


def emissions_rows(chains: Iterable[Mapping[str, Any]]) -> Iterator[Row]:
    """One row per corridor and mode, its hubs (mode `hubs`, WTW only), then its total (mode `all`).

    The modes' and the hubs' WTW add up to the total's.
    """
    for chain in chains:
        for mode in chain["by_mode"]:
            yield {"corridor": chain["corridor"], **mode, "parameters": " ".join(mode["parameters"])}
        hubs = chain["hubs"]
        if hubs["operations"]:
            yield {
                "corridor": chain["corridor"],
                "mode": "hubs",
                "km": 0.0,
                "tonne_km": 0.0,
                "co2e_ttw_kg": None,
                "co2e_wtt_kg": None,
                "co2e_wtw_kg": hubs["co2e_wtw_kg"],
                "parameters": " ".join(hubs["parameters"]),
            }
        yield {
            "corridor": chain["corridor"],
            "mode": "all",
            "km": round(sum(mode["km"] for mode in chain["by_mode"]), 1),
            "tonne_km": chain["tonne_km"],
            **{key: chain[key] for key in ("co2e_ttw_kg", "co2e_wtt_kg", "co2e_wtw_kg")},
            "parameters": "",
        }
