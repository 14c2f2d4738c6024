"""The modes of transport: one record each, from which everything else is derived.

A mode says whether it is water (its legs wait for a sailing, count in `water_km` and are
drawn dotted), whether its track has a gauge (a change of gauge between two legs is a stop),
and how the map draws it. The file format's mode enum (`routes.schema.json`, `$defs/mode`)
lists the same names; a test holds the two together. Adding a mode (barge, say) is a record
here, its name in the schema, and its parameters in the data.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mode:
    name: str
    label: str  # for people: legends, tables
    water: bool = False  # waits for a sailing (ferry_wait), counts as water_km
    gauged: bool = False  # the track gauge is part of how a place is reached (gauge changes)
    line_width: float = 1.4  # map stroke width, px
    line_dash: str | None = None  # map stroke-dasharray; None for a solid line


MODE_RECORDS: tuple[Mode, ...] = (
    Mode("rail", "rail", gauged=True, line_width=2.2),
    Mode("ferry", "ferry", water=True, line_width=3.0, line_dash="0.5 5"),
    Mode("sea", "sea", water=True, line_width=3.0, line_dash="0.5 5"),
    Mode("road", "road"),
)
BY_NAME = {mode.name: mode for mode in MODE_RECORDS}
MODES = tuple(BY_NAME)
WATER_MODES = frozenset(mode.name for mode in MODE_RECORDS if mode.water)
GAUGED_MODES = frozenset(mode.name for mode in MODE_RECORDS if mode.gauged)
