"""`report`: the comparison, its charts and its provenance as one self-contained HTML page."""

from __future__ import annotations

from typing import Annotated

import typer

from corridors.analysis.valueoftime import VOT_DEFAULT_PCT
from corridors.cli.app import app
from corridors.cli.common import deliver, load, reporting
from corridors.cli.options import (
    AsOfOption,
    AvoidOption,
    ByOption,
    CorridorOption,
    DataOption,
    DeadlineOption,
    FactorWeightOption,
    FromArgument,
    FromOption,
    NodeRiskOption,
    OutputOption,
    RiskWeightOption,
    ToArgument,
    ToOption,
    ValueOfTimeOption,
    ViaOption,
    places,
)
from corridors.cli.route_views import compared, judged

REPORT_RUNS = 5_000  # journeys per corridor: the distribution's shape in well under a second


@app.command(
    epilog="""\b
Examples:
  corridors report -o report.html
  corridors report --to Istanbul --as-of 2027 -o istanbul-2027.html
  corridors report Chongqing Rotterdam --by cost --deadline 30 -o report.html
  corridors report --corridor middle --corridor northern --by hours > report.html
  corridors report --data my-network.json --from a --to d -o mine.html"""
)
def report(
    start: FromArgument = None,
    end: ToArgument = None,
    origin: FromOption = None,
    destination: ToOption = None,
    by: ByOption = "km",
    avoid: AvoidOption = None,
    via: ViaOption = None,
    corridor: CorridorOption = None,
    risk_weight: RiskWeightOption = 1.0,
    factor_weight: FactorWeightOption = None,
    node_risk_km: NodeRiskOption = 100.0,
    as_of: AsOfOption = None,
    value_of_time: ValueOfTimeOption = VOT_DEFAULT_PCT,
    deadline: DeadlineOption = None,
    runs: Annotated[
        int, typer.Option("--runs", "-n", min=100, max=1_000_000, help="Simulated journeys per corridor.")
    ] = REPORT_RUNS,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed of the simulated journeys.")] = (
        20_260_101
    ),
    data: DataOption = None,
    output: OutputOption = None,
) -> None:
    """One self-contained HTML page: verdict, comparison, map, charts, reliability, sensitivity, sources.

    The page loads nothing from the network (inline SVG and CSS, no scripts or web fonts), so
    it opens offline and can be mailed or archived as one file; it prints on A4. Every section
    describes the same routes: each corridor's best by --by, as `compare` finds them. Without
    -o the HTML goes to stdout.
    """
    with reporting():
        origin, destination = places(start, end, origin, destination)
        from corridors.analysis.queries import route_request
        from corridors.analysis.report import build_report
        from corridors.render.report import report_html

        request = route_request(
            *load(data, delays=True), origin, destination, as_of=as_of, risk_weight=risk_weight,
            factor_weight=factor_weight, node_risk_km=node_risk_km, avoid=avoid, via=via,
        )  # fmt: skip
        corridors, comparison = compared(request, corridor, by, as_of)
        result = build_report(
            request.network, comparison, judged(request, comparison, by, value_of_time), by=by,
            named=corridors, as_of=as_of, runs=runs, seed=seed, deadline_days=deadline,
        )  # fmt: skip
        query = {**request.query(by=by), "corridors": list(corridors), "data": data}
        deliver([report_html(request.network, result, query)], output)
