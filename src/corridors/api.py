"""The Python API: what the commands compute, as functions a notebook can call.

Places are named as on the command line (id, name or alias, any case: "Xian", "xi'an");
results are the same frozen records the CLI renders, each with `to_dict()` (the `--json`
body); errors are corridors' own (`UnknownNodeError`, `NoRouteError`, `UsageError`, ...).
`network` is a loaded `Network`, a path, or None for $CORRIDORS_DATA or the bundled one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from corridors.analysis.criteria import PARETO_DEFAULT
from corridors.analysis.scenario import DEFAULT_NODE_RISK_KM, DEFAULT_RISK_WEIGHT
from corridors.errors import UsageError
from corridors.network.graph import CorridorGraph
from corridors.network.loading import load_for_analysis
from corridors.network.model import Network

if TYPE_CHECKING:
    from corridors.analysis.breakeven import Breakeven
    from corridors.analysis.queries import RouteRequest
    from corridors.analysis.results import Comparison, Routes
    from corridors.analysis.simulation import Simulation

NetworkLike = Network | str | Path | None
DEFAULT_ORIGIN, DEFAULT_DESTINATION = "xian", "duisburg"


def load_network(path: str | Path | None = None) -> Network:
    """Load and validate a network file (None: $CORRIDORS_DATA, else the bundled network).

    A file without model parameters borrows the bundled ones, as the commands do.
    Raises DataError listing every problem with its place.
    """
    return load_for_analysis(path, delays=True)


_GRAPHS: dict[int, CorridorGraph] = {}  # by id(network); the graph holds its network alive


def _graph(network: Network) -> CorridorGraph:
    """The network's graph, built once per network (a few, most recent kept)."""
    found = _GRAPHS.get(id(network))
    if found is None or found.network is not network:
        if len(_GRAPHS) >= 4:
            _GRAPHS.pop(next(iter(_GRAPHS)))
        found = _GRAPHS[id(network)] = CorridorGraph.build(network)
    return found


@lru_cache(maxsize=4)
def _loaded(path: str | None) -> Network:
    return load_network(path)


def _network(network: NetworkLike) -> Network:
    if isinstance(network, Network):
        return network
    return _loaded(str(network) if network is not None else None)


def _request(
    network: NetworkLike,
    origin: str,
    destination: str,
    *,
    as_of: int | None,
    risk_weight: float,
    factor_weights: dict[str, float] | None,
    node_risk_km: float,
    avoid: Sequence[str],
    via: Sequence[str],
) -> RouteRequest:
    from corridors.analysis.queries import route_request

    loaded = _network(network)
    weights = [f"{factor}={weight}" for factor, weight in (factor_weights or {}).items()]
    return route_request(
        loaded, _graph(loaded), origin, destination, as_of=as_of, risk_weight=risk_weight,
        factor_weight=weights, node_risk_km=node_risk_km, avoid=list(avoid), via=list(via),
    )  # fmt: skip


def path(
    origin: str,
    destination: str,
    *,
    by: str = "km",
    avoid: Sequence[str] = (),
    via: Sequence[str] = (),
    alternatives: int = 0,
    risk_weight: float = DEFAULT_RISK_WEIGHT,
    factor_weights: dict[str, float] | None = None,
    node_risk_km: float = DEFAULT_NODE_RISK_KM,
    as_of: int | None = None,
    network: NetworkLike = None,
) -> Routes:
    """The best route by `by` and, where it differs, the best risk-weighted one (`corridors path`).

    `by` is km, hours, cost, co2, co2_wtw or risk; `alternatives=k` gives the k best loopless
    routes instead.
    """
    from corridors.analysis.results import Routes
    from corridors.analysis.routing import find_routes

    request = _request(
        network, origin, destination, as_of=as_of, risk_weight=risk_weight,
        factor_weights=factor_weights, node_risk_km=node_risk_km, avoid=avoid, via=via,
    )  # fmt: skip
    with request.explained():
        routes = find_routes(
            request.cgraph, request.start, request.end, by=by, model=request.model,
            scenario=request.scenario, via=request.via, alternatives=alternatives,
        )  # fmt: skip
    return Routes(request.start, request.end, routes)


def compare(
    origin: str = DEFAULT_ORIGIN,
    destination: str = DEFAULT_DESTINATION,
    *,
    by: str = "km",
    avoid: Sequence[str] = (),
    via: Sequence[str] = (),
    risk_weight: float = DEFAULT_RISK_WEIGHT,
    factor_weights: dict[str, float] | None = None,
    node_risk_km: float = DEFAULT_NODE_RISK_KM,
    as_of: int | None = None,
    network: NetworkLike = None,
) -> Comparison:
    """Each corridor's best route between the same two places (`corridors compare`)."""
    from corridors.analysis.routing import compare_corridors

    request = _request(
        network, origin, destination, as_of=as_of, risk_weight=risk_weight,
        factor_weights=factor_weights, node_risk_km=node_risk_km, avoid=avoid, via=via,
    )  # fmt: skip
    with request.explained(per_corridor=True):
        return compare_corridors(
            request.cgraph, request.start, request.end, by=by, model=request.model, as_of=as_of,
            avoid=request.scenario.avoid, via=request.via,
        )  # fmt: skip


def pareto(
    origin: str,
    destination: str,
    *,
    criteria: Sequence[str] = PARETO_DEFAULT,
    avoid: Sequence[str] = (),
    risk_weight: float = DEFAULT_RISK_WEIGHT,
    factor_weights: dict[str, float] | None = None,
    node_risk_km: float = DEFAULT_NODE_RISK_KM,
    as_of: int | None = None,
    network: NetworkLike = None,
) -> Routes:
    """Every route no other beats on all `criteria` at once (`corridors pareto`)."""
    from corridors.analysis.pareto import pareto_routes
    from corridors.analysis.results import Routes
    from corridors.analysis.router import Router

    request = _request(
        network, origin, destination, as_of=as_of, risk_weight=risk_weight,
        factor_weights=factor_weights, node_risk_km=node_risk_km, avoid=avoid, via=(),
    )  # fmt: skip
    router = Router(request.cgraph, request.model, request.scenario)
    with request.explained():
        routes = pareto_routes(router, request.start, request.end, list(criteria))
    return Routes(request.start, request.end, tuple(routes), tuple(criteria))


def breakeven(
    origin: str = DEFAULT_ORIGIN,
    destination: str = DEFAULT_DESTINATION,
    *,
    by: str = "km",
    max_weight: float = 100.0,
    avoid: Sequence[str] = (),
    factor_weights: dict[str, float] | None = None,
    node_risk_km: float = DEFAULT_NODE_RISK_KM,
    as_of: int | None = None,
    network: NetworkLike = None,
) -> Breakeven:
    """The risk weights at which the preferred corridor flips (`corridors breakeven`)."""
    from corridors.analysis.breakeven import breakeven as find_breakeven

    request = _request(
        network, origin, destination, as_of=as_of, risk_weight=1.0,
        factor_weights=factor_weights, node_risk_km=node_risk_km, avoid=avoid, via=(),
    )  # fmt: skip
    with request.explained(per_corridor=True):
        return find_breakeven(
            request.cgraph, request.start, request.end, metric=by, model=request.model, as_of=as_of,
            avoid=request.scenario.avoid, max_weight=max_weight,
        )  # fmt: skip


def simulate(
    origin: str = DEFAULT_ORIGIN,
    destination: str = DEFAULT_DESTINATION,
    *,
    runs: int = 100_000,
    seed: int = 20_260_101,
    month: int | None = None,
    deadline_days: float | None = None,
    as_of: int | None = None,
    network: NetworkLike = None,
) -> Simulation:
    """Door-to-door days as a distribution, per corridor (`corridors simulate`; needs numpy)."""
    from corridors.analysis.queries import check_year
    from corridors.analysis.scenario import resolve_node
    from corridors.analysis.simulation import check_options
    from corridors.analysis.simulation import simulate as run

    check_options(runs, seed, month, deadline_days)
    loaded = _network(network)
    check_year(loaded, as_of)
    start, end = resolve_node(loaded, origin).id, resolve_node(loaded, destination).id
    if start == end:
        raise UsageError(f"origin and destination are the same place ({start})")
    return run(
        _graph(loaded), start, end, runs=runs, seed=seed, month=month, deadline_days=deadline_days,
        as_of=as_of,
    )  # fmt: skip
