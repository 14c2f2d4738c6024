"""`carec`: CAREC's corridor performance indicators on the model's routes."""

from __future__ import annotations

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
    def __init__(self, origin: str, destination: str, found: list[object]) -> None:
        self.origin, self.destination, self.found = origin, destination, found

    def to_dict(self) -> dict[str, object]:
        return {
            "origin": self.origin,
            "destination": self.destination,
            "corridors": [item.to_dict() for item in self.found],  # type: ignore[attr-defined]
        }


@app.command(
    epilog="""\b
Examples:
  corridors carec
  corridors carec --to Istanbul --corridor middle
  corridors carec --json | jq '.corridors[] | {corridor, speed_with_delay_kmh}'"""
)
def carec(
    origin: FromOption = DEFAULT_ORIGIN,
    destination: ToOption = DEFAULT_DESTINATION,
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
        chosen = choose_format(fmt, json_out, (Format.table, Format.json))
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
        if chosen is Format.json:
            from corridors.render.jsondoc import analysis_json

            deliver([analysis_json("carec", query, network, _Document(start, end, list(found)))], output)
        else:
            from corridors.render.tables_carec import carec_text

            deliver([tables_text(carec_text(network, start, end, found), to_file=bool(output))], output)
