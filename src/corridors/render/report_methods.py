"""The report's method notes: short, and each true to what the code computes. `text` in
backticks is a command, shown as code.

Figures in them (ranges, the cargo mass, the risk settings) are read from the code's constants,
the parameters the routes use and the query, never written here by hand.
"""

from __future__ import annotations

from corridors.analysis.ranges import KM_HALF_WIDTH, PARAMETER_HALF_WIDTH
from corridors.render.report import Page


def notes(page: Page) -> list[tuple[str, str]]:
    return [
        ("Time and cost: the UNESCAP time/cost-distance method", _time_cost()),
        ("Speeds and borders: CAREC CPMM", _carec()),
        ("Emissions: ISO 14083 and the GLEC Framework", _emissions(page)),
        ("Risk", _risk(page)),
        ("Uncertainty and reliability", _uncertainty()),
    ]


def _time_cost() -> str:
    return (
        "A leg takes its km over a speed (by mode, country or the edge itself), plus the border dwell "
        "where it crosses a border and the wait for a sailing on a ferry or sea leg; a place adds a "
        "transshipment where the mode changes and a gauge change where rail gauges differ. Cost is km "
        "times a rate per km plus a charge per border, transshipment and gauge change. The "
        "time/cost-distance chart draws these sums against cumulative distance as the UNESCAP method "
        "(ESCAP 2004) does: the vertical steps are time and money spent without moving."
    )


def _carec() -> str:
    return (
        "The model's speeds are moving speeds: border, gauge-change, port and transshipment time is "
        "added separately, as CAREC's Corridor Performance Measurement and Monitoring (CPMM, Asian "
        "Development Bank) separates speed without delay (SWOD) from speed with delay (SWD) and "
        "measures border time and cost per crossing (TFI1, TFI2). `corridors carec` gives these "
        "indicators for the same places."
    )


def _emissions(page: Page) -> str:
    cargo = next((p.value for p in page.report.provenance.parameters if p.metric == "cargo_t"), None)
    mass = f" ({cargo:g} t per FEU)" if cargo is not None else ""
    return (
        f"CO2e is each leg's km times an intensity per tonne-km of its mode times the cargo mass{mass}. "
        "Well to wheel (WTW) is tank to wheel (the fuel burnt) plus well to tank (producing the fuel or "
        "the power), as ISO 14083:2023 and the GLEC Framework report a transport chain. The intensities "
        "are defaults, listed with their basis and sources under Provenance. Hubs (transshipments, "
        "gauge changes) are counted but their emissions are not included: no sourced default per "
        "container handled was found. `corridors emissions` splits the figures by mode."
    )


def _risk(page: Page) -> str:
    query = page.query
    weights = query.get("factor_weights") or {}
    scaled = (
        " Factor weights here: " + ", ".join(f"{f} {w:g}" for f, w in weights.items()) + "."
        if weights
        else ""
    )
    return (
        f"Countries, lines and places carry named risk factors ({', '.join(page.network.risk_factors)}), "
        "each an analyst's assessment from 0 (no known issue) to 1 (closed) with its evidence "
        "(`corridors risks` lists them). A line's or a place's risk combines "
        "its factors as if independent: 1 − Π(1 − weight × value). A route's exposure is the sum of km "
        f"times risk over its legs plus {query.get('node_risk_km', 100):g} km-equivalents times the risk "
        "of each place it passes; the risk score in the table is that exposure over the exposed length "
        "(a weighted mean in [0, 1]). A route is chosen by its amount plus the risk weight "
        f"({query.get('risk_weight', 1):g}) times the amount spent at risk, so risk counts on top of "
        f"km, days or cost.{scaled}"
    )


def _uncertainty() -> str:
    km = ", ".join(f"{basis} ±{w:.0%}" for basis, w in KM_HALF_WIDTH.items())
    parameters = ", ".join(f"{basis} ±{w:.0%}" for basis, w in PARAMETER_HALF_WIDTH.items())
    return (
        f"Each input's range follows from how it is known: lengths {km}; parameters {parameters}. The "
        "tornado moves one input at a time to either end of its range, the others at their values. The "
        "simulated journeys vary border queues, port handling, ferry waits and seasonal closures around "
        "the model's hours, as the data's delay records say, with the parameters at their values "
        "(`corridors compare --uncertainty` samples the lengths and parameters instead)."
    )
