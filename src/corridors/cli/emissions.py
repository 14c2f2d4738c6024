"""`emissions`: each corridor's CO2e as ISO 14083 / GLEC report it."""

from __future__ import annotations

from typing import Any

from corridors.cli.app import app
from corridors.cli.common import check_year, choose_format, deliver, load, reporting, tables_text
from corridors.cli.options import (
    DEFAULT_DESTINATION,
    DEFAULT_ORIGIN,
    AsOfOption,
    ByOption,
    CorridorOption,
    DataOption,
    Format,
    FormatOption,
    FromOption,
    JsonOption,
    OutputOption,
    ToOption,
)


class _Document:
    def __init__(self, origin: str, destination: str, cargo_t: float, chains: Any, defaults: Any) -> None:
        self.body = {
            "origin": origin,
            "destination": destination,
            "cargo_t": cargo_t,
            "corridors": [c.to_dict() for c in chains],
            "default_intensities": [_default(p) for p in defaults],
        }

    def to_dict(self) -> dict[str, Any]:
        return self.body


def _default(p: Any) -> dict[str, Any]:
    return {
        "parameter": p.id,
        "mode": p.mode,
        "part": "ttw" if p.metric == "co2e_kg_per_t_km" else "wtt",
        "kg_co2e_per_t_km": p.value,
        "basis": p.basis,
        "sources": list(p.sources),
    }


@app.command(
    epilog="""\b
Examples:
  corridors emissions
  corridors emissions --to Istanbul --by co2_wtw
  corridors emissions --json | jq '.corridors[] | {corridor, co2e_wtw_kg}'"""
)
def emissions(
    origin: FromOption = DEFAULT_ORIGIN,
    destination: ToOption = DEFAULT_DESTINATION,
    by: ByOption = "co2_wtw",
    corridor: CorridorOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """CO2e per FEU of each corridor's route as ISO 14083 / GLEC report it: WTW = TTW + WTT, by mode.

    With the default intensity of each mode and its sources; hubs are counted, not costed.
    """
    with reporting():
        chosen = choose_format(fmt, json_out, (Format.table, Format.json))
        from corridors.analysis.emissions import chain, defaults
        from corridors.analysis.metrics import CostModel
        from corridors.analysis.queries import parse_corridors
        from corridors.analysis.routing import compare_corridors
        from corridors.analysis.scenario import resolve_node

        network, cgraph = load(data)
        check_year(network, as_of)
        start, end = resolve_node(network, origin).id, resolve_node(network, destination).id
        named = parse_corridors(network, corridor or [])
        comparison = compare_corridors(cgraph, start, end, by=by, as_of=as_of, corridors=named)
        year = as_of or network.as_of_year
        chains = [chain(c.id, c.route, network, year) for c in comparison.corridors if c.route is not None]
        listed = defaults(network)
        query = {"from": start, "to": end, "by": by, "corridors": list(named), "as_of": as_of, "data": data}
        if chosen is Format.json:
            from corridors.render.jsondoc import analysis_json

            cargo = CostModel(network, year).cargo_t
            document = _Document(start, end, cargo, chains, listed)
            deliver([analysis_json("emissions", query, network, document)], output)
        else:
            from corridors.render.tables_emissions import emissions_text

            deliver(
                [tables_text(emissions_text(network, start, end, chains, listed), to_file=bool(output))],
                output,
            )
