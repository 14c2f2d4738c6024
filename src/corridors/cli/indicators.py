"""`carec`: CAREC's corridor performance indicators on the model's routes."""

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
    from corridors.analysis.carec import Indicators
    from corridors.network.model import Network


class _Document:
    def __init__(self, origin: str, destination: str, found: list[Indicators]) -> None:
        self.origin, self.destination, self.found = origin, destination, found

    def to_dict(self) -> dict[str, object]:
        return {
            "origin": self.origin,
            "destination": self.destination,
            "corridors": [item.to_dict() for item in self.found],
        }


@app.command(
    epilog="""\b
Examples:
  corridors carec
  corridors carec Xian Istanbul --corridor middle
  corridors carec --json | jq '.corridors[] | {corridor, speed_with_delay_kmh}'
  corridors carec --format csv -o carec.csv"""
)
def carec(
    start: FromArgument = None,
    end: ToArgument = None,
    origin: FromOption = None,
    destination: ToOption = None,
    by: ByOption = "hours",
    corridor: CorridorOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    json_out: JsonOption = False,
    fmt: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """CAREC CPMM indicators of each corridor's route: speed without and with delay, border time and cost.

    SWOD = km / moving hours, SWD = km / all hours; per border crossing (rail and road) the
    time (TFI1) and cost (TFI2) of the border dwell and a gauge change there; TFI3 = cost per
    500 km and 20 t. See README: CAREC indicators, for published figures beside the model's.
    """
    with reporting():
        origin, destination = places(start, end, origin, destination)
        from corridors.analysis.carec import indicators
        from corridors.analysis.queries import parse_corridors
        from corridors.analysis.routing import compare_corridors
        from corridors.analysis.scenario import resolve_node

        network, cgraph = load(data)
        check_year(network, as_of)
        start, end = resolve_node(network, origin).id, resolve_node(network, destination).id
        named = parse_corridors(network, corridor or [])
        comparison = compare_corridors(cgraph, start, end, by=by, as_of=as_of, corridors=named)
        year = as_of or network.as_of_year
        found = [
            indicators(c.id, c.route, network, year) for c in comparison.corridors if c.route is not None
        ]
        query = {"from": start, "to": end, "by": by, "corridors": list(named), "as_of": as_of, "data": data}
        show(carec_view(network, _Document(start, end, found), query), fmt, json_out, output)


def carec_view(network: Network, document: _Document, query: dict[str, Any]) -> View:
    from corridors.render.jsondoc import analysis_json
    from corridors.render.rows_analysis import CAREC_COLUMNS, carec_rows
    from corridors.render.tables_carec import carec_text

    return View(
        json=lambda: analysis_json("carec", query, network, document),
        table=lambda: carec_text(network, document.origin, document.destination, document.found),
        columns=CAREC_COLUMNS,
        rows=lambda: carec_rows(item.to_dict() for item in document.found),
    )
