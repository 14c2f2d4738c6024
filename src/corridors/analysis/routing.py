"""`path` and `compare`: the best routes between two places, and why a constraint left none."""

from __future__ import annotations

from collections.abc import Sequence

from corridors.analysis.results import Comparison, CorridorRoute, Route
from corridors.analysis.router import Router
from corridors.analysis.scenario import Avoid, Objective, RiskModel, Scenario, objectives
from corridors.errors import ConstraintError, NoRouteError, UsageError
from corridors.network.graph import CorridorGraph


def best_route(
    cgraph: CorridorGraph,
    origin: str,
    destination: str,
    *,
    by: str = "km",
    model: RiskModel | None = None,
    scenario: Scenario | None = None,
    via: Sequence[str] = (),
) -> Route:
    """The best route by `by` (a metric, or 'risk' for risk-weighted km)."""
    model = model or RiskModel()
    objective = objectives(by, model.risk_weight)[0]
    return Router(cgraph, model, scenario).best_route(origin, destination, objective, via)


def find_routes(
    cgraph: CorridorGraph,
    origin: str,
    destination: str,
    *,
    by: str = "km",
    model: RiskModel | None = None,
    scenario: Scenario | None = None,
    via: Sequence[str] = (),
    alternatives: int = 0,
    router: Router | None = None,
) -> tuple[Route, ...]:
    """The best route by `by` and, where it differs, the best risk-weighted one (or K alternatives).

    `router`, if given, is the one for `model` and `scenario`, reused across queries (a batch).
    """
    model = model or RiskModel()
    router = router or Router(cgraph, model, scenario)
    first, other = objectives(by, model.risk_weight)
    if alternatives:
        if via:
            raise UsageError("--alternatives cannot be combined with --via")
        return tuple(router.alternatives(origin, destination, first, alternatives))
    primary = router.best_route(origin, destination, first, via)
    if other == first:  # a risk weight of 0 makes both the same search
        return (primary,)
    second = router.best_route(origin, destination, other, via)
    if [leg.edge_id for leg in second.legs] == [leg.edge_id for leg in primary.legs]:
        return (primary,)
    return (primary, second)


def compare_corridors(
    cgraph: CorridorGraph,
    origin: str,
    destination: str,
    *,
    by: str = "km",
    model: RiskModel | None = None,
    as_of: int | None = None,
    avoid: Avoid | None = None,
    via: Sequence[str] = (),
    corridors: Sequence[str] = (),
) -> Comparison:
    """Each corridor's best route between the same two places, restricted to its own edges.

    `corridors` chooses which (ids); none means every corridor of the network.
    """
    model = model or RiskModel()
    objective = objectives(by, model.risk_weight)[0]
    entries: list[tuple[str, str, Route | None]] = []
    chosen = [c for c in cgraph.network.corridors if not corridors or c.id in corridors]
    for corridor in chosen:
        scenario = Scenario(as_of=as_of, corridor=corridor.id, avoid=avoid or Avoid())
        try:
            route = Router(cgraph, model, scenario).best_route(origin, destination, objective, via)
        except NoRouteError:
            route = None
        entries.append((corridor.id, corridor.name, route))
    found = [route.totals.km for _, _, route in entries if route is not None]
    if not found:
        when = f" with projects open by {as_of}" if as_of else " on operational lines"
        raise NoRouteError(f"no corridor joins {origin} and {destination}{when}")
    shortest = min(found)
    return Comparison(
        origin,
        destination,
        tuple(
            CorridorRoute(ident, name, route, route.totals.km - shortest if route else None)
            for ident, name, route in entries
        ),
    )


def explain_no_route(
    cgraph: CorridorGraph,
    origin: str,
    destination: str,
    scenario: Scenario,
    via: Sequence[str],
    corridors: Sequence[str | None] = (None,),
) -> ConstraintError | None:
    """If --avoid or --via, and not the network itself, left no route: say which did.

    `corridors` are where the command looked (`compare` looks in each corridor alone): a
    constraint cut the network only if, without it, one of them has a route.
    """
    if not scenario.avoid and not via:
        return None

    def joins(avoid: Avoid, waypoints: Sequence[str] = ()) -> bool:
        for corridor in corridors:
            router = Router(cgraph, RiskModel(), Scenario(scenario.as_of, corridor, avoid))
            try:
                router.search(origin, destination, Objective("km"), waypoints)
            except NoRouteError:
                continue
            return True
        return False

    if not joins(Avoid()):
        return None
    culprits = []
    avoid = scenario.avoid
    for kind, items in (
        ("nodes", avoid.nodes),
        ("countries", avoid.countries),
        ("modes", avoid.modes),
        ("corridors", avoid.corridors),
    ):
        for item in sorted(items):
            if not joins(Avoid(**{kind: frozenset({item})})):
                culprits.append(f"--avoid {item}")
    if via and not joins(Avoid(), via):
        culprits.append(f"--via {' '.join(via)}")
    cut = (
        ", ".join(culprits)
        if culprits
        else f"--avoid {avoid.describe()} together" + (f" with --via {' '.join(via)}" if via else "")
    )
    return ConstraintError(
        f"no route from {origin} to {destination} once the constraints are applied: "
        f"{cut} cut every route (without them there is one)"
    )
