"""What `corridors report` shows besides the comparison: the reliability of the routes compared,
what decides between the best two, and where their numbers come from.

Everything is computed on the routes the comparison found (the ones the table, the map and the
charts show), so the sections of one report never describe different routes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from corridors.analysis.criteria import NAMES
from corridors.analysis.metrics import CostModel
from corridors.analysis.results import Comparison, Route
from corridors.analysis.sensitivity import Sensitivity, pick_pair, swings
from corridors.analysis.simulation import Simulation, check_options, simulate_comparison
from corridors.analysis.uncertainty import Inputs, route_terms
from corridors.network.model import Edge, Network, Parameter, Source

SENSITIVITY_FALLBACK = "hours"  # by risk, the tornado swings days (risk is no sum of inputs)


@dataclass(frozen=True)
class Provenance:
    """The sources the routes cite, their lengths not taken from a source, the parameters they use."""

    sources: tuple[Source, ...]  # in order of first use: edges, their risks, places, countries, parameters
    lengths: tuple[Edge, ...]  # derived, measured or estimated lengths, with how they were made
    parameters: tuple[Parameter, ...]
    parameters_from: str  # "file", or "bundled" for a network file without its own


@dataclass(frozen=True)
class Report:
    comparison: Comparison
    verdict: Any  # analysis.verdict.Verdict
    rail_sea: Any  # analysis.valueoftime.ValueOfTime
    simulation: Simulation
    sensitivity: Sensitivity | None
    why_no_sensitivity: str  # when there is none
    provenance: Provenance


def routes_of(comparison: Comparison) -> list[tuple[str, Route]]:
    return [(c.id, c.route) for c in comparison.corridors if c.route is not None]


def sensitivity_of(
    comparison: Comparison, by: str, named: Sequence[str], network: Network, year: int
) -> tuple[Sensitivity | None, str]:
    """The tornado of the two best corridors by `by` (or the two named), or why there is none."""
    routes = routes_of(comparison)
    if len(routes) < 2:
        has = f"only {len(routes)} has" if routes else "none has"
        return None, f"it needs two corridors with a route, and {has} one"
    criterion = by if by in NAMES else SENSITIVITY_FALLBACK
    i, j = pick_pair(routes, criterion, named if len(named) == 2 else ())
    return swings(routes[i], routes[j], criterion, network, year), ""


def provenance(network: Network, routes: Iterable[Route], year: int) -> Provenance:
    """What the routes rest on, each item once, in the order the routes first use it."""
    edges = {e.id: e for e in network.edges}
    cited: dict[str, None] = {}
    lengths: dict[str, Edge] = {}
    inputs, costs = Inputs(network), CostModel(network, year)
    for route in routes:
        route_terms(route, costs, network, inputs)  # records every parameter the totals use
        for leg in route.legs:
            edge = edges[leg.edge_id]
            cited.update(dict.fromkeys(edge.sources))
            cited.update(dict.fromkeys(s for r in edge.risks for s in r.sources))
            if edge.km_basis != "sourced":
                lengths.setdefault(edge.id, edge)
        for ident in route.nodes:
            place = network.nodes[ident]
            cited.update(dict.fromkeys(s for r in place.risks for s in r.sources))
            country = network.countries.get(place.country)
            if country is not None:
                cited.update(dict.fromkeys(s for r in country.risks for s in r.sources))
    by_id = {p.id: p for p in network.parameters}
    used = [by_id[i.id] for i in inputs.items if i.kind == "parameter" and i.id in by_id]
    for parameter in used:
        cited.update(dict.fromkeys(parameter.sources))
    sources = tuple(network.sources[s] for s in cited if s in network.sources)
    return Provenance(sources, tuple(lengths.values()), tuple(used), network.parameters_from)


def build_report(
    network: Network,
    comparison: Comparison,
    judged: tuple[Any, Any],
    *,
    by: str,
    named: Sequence[str],
    as_of: int | None,
    runs: int,
    seed: int,
    deadline_days: float | None,
) -> Report:
    """The report's analyses of `comparison` with its verdict and rail-against-sea (`judged`)."""
    year = as_of or network.as_of_year
    check_options(runs, seed, None, deadline_days)
    simulation = simulate_comparison(
        network, comparison, runs=runs, seed=seed, deadline_days=deadline_days, as_of=as_of
    )
    tornado, why = sensitivity_of(comparison, by, named, network, year)
    found = [route for _, route in routes_of(comparison)]
    verdict, rail_sea = judged
    return Report(comparison, verdict, rail_sea, simulation, tornado, why, provenance(network, found, year))
