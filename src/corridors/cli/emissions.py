"""`emissions`: each corridor's CO2e as ISO 14083 / GLEC report it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corridors.cli.app import app
from corridors.cli.common import View, check_year, load, reporting, show
from corridors.cli.options import (
    AsOfOption,
    ByOption,
    CorridorOption,
    DataOption,
    FormatOption,
    FromArgument,
    FromOption,
    JsonOption,
    OutputOption,
    ToArgument,
    ToOption,
    places,
)

if TYPE_CHECKING:
    from corridors.network.model import Network


class _Document:
    def __init__(
        self, origin: str, destination: str, cargo_t: float, chains: Any, defaults: Any, hub_defaults: Any
    ) -> None:
        self.origin, self.destination, self.chains = origin, destination, chains
        self.defaults, self.hub_defaults = defaults, hub_defaults
        self.body = {
            "origin": origin,
            "destination": destination,
            "cargo_t": cargo_t,
            "corridors": [c.to_dict() for c in chains],
            "default_intensities": [_default(p) for p in defaults],
            "default_hub_intensities": [_hub_default(p) for p in hub_defaults],
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


def _hub_default(p: Any) -> dict[str, Any]:
    return {
        "parameter": p.id,
        "event": p.event,
        "kg_co2e_wtw_per_container": p.value,
        "basis": p.basis,
        "sources": list(p.sources),
    }


@app.command(
    epilog="""\b
Examples:
  corridors emissions
  corridors emissions Xian Istanbul --by co2_wtw
  corridors emissions --json | jq '.corridors[] | {corridor, co2e_wtw_kg}'
  corridors emissions --format csv -o emissions.csv"""
)
def emissions(
    start: FromArgument = None,
    end: ToArgument = None,
    origin: FromOption = None,
    destination: ToOption = None,
    by: ByOption = "co2_wtw",
    corridor: CorridorOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """CO2e per FEU of each corridor's route as ISO 14083 / GLEC report it: WTW = TTW + WTT, by mode.

    With the default intensity of each mode and of each hub operation, and their sources; hubs
    (transshipments, gauge changes) are in WTW only, as their figures are published.
    """
    with reporting():
        origin, destination = places(start, end, origin, destination)
        from corridors.analysis.emissions import HUB, chain, defaults
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
        hub_listed = defaults(network, (HUB,))
        document = _Document(start, end, CostModel(network, year).cargo_t, chains, listed, hub_listed)
        show(emissions_view(network, document, query), fmt, json_out, output)


def emissions_view(network: Network, document: _Document, query: dict[str, Any]) -> View:
    from corridors.render.jsondoc import analysis_json
    from corridors.render.rows_analysis import EMISSIONS_COLUMNS, emissions_rows
    from corridors.render.tables_emissions import emissions_text

    return View(
        json=lambda: analysis_json("emissions", query, network, document),
        table=lambda: emissions_text(
            network,
            document.origin,
            document.destination,
            document.chains,
            document.defaults,
            document.hub_defaults,
        ),
        columns=EMISSIONS_COLUMNS,
        rows=lambda: emissions_rows(c.to_dict() for c in document.chains),
    )
