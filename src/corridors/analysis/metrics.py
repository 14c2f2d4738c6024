"""Time, cost and emissions of legs and of what happens between them.

Per container (the unit the parameters state, one FEU in the bundled data):

- a leg takes ``km / speed`` hours, plus the border dwell when its ends are in two
  countries, plus the wait for a sailing when it is a ferry or sea leg;
- between two legs a node adds a transshipment when the mode changes, or a gauge
  change when two rail legs differ in gauge;
- cost is ``km x rate`` per leg plus a charge per border, transshipment and gauge
  change; CO2e is ``km x factor x cargo tonnes`` (well to wheel: the tank-to-wheel factor
  plus the well-to-tank one, plus a figure per transshipment and gauge change where the data
  gives one). `criteria.Criterion` says which parameters make each amount.

Each figure is the most specific parameter that applies (edge > node > country >
default), the latest one in force in the scenario year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from types import MappingProxyType

from corridors.analysis.criteria import AMOUNTS, Criterion
from corridors.network.graph import END, START, Class
from corridors.network.model import Edge, Network, Parameter
from corridors.network.modes import WATER_MODES

Amounts = Mapping[str, float]  # criterion key -> what one leg or stop adds, for every AMOUNTS criterion
NOTHING: Amounts = MappingProxyType({c.key: 0.0 for c in AMOUNTS})


class CostModel:
    """Parameter look-ups for one network and one scenario year."""

    def __init__(self, network: Network, year: int) -> None:
        self.network = network
        self.year = year
        self.available = bool(network.parameters)
        table: dict[tuple[str, str | None], list[Parameter]] = defaultdict(list)
        for parameter in network.parameters:
            if parameter.from_year is None or parameter.from_year <= year:
                table[(parameter.metric, parameter.mode or parameter.event)].append(parameter)
        # Most specific first, then the latest in force.
        self._table = {
            key: sorted(found, key=lambda p: (p.specificity, p.from_year or 0), reverse=True)
            for key, found in table.items()
        }
        self._index = {key: _Index(found) for key, found in self._table.items()}
        cargo = self._table.get(("cargo_t", None))
        self.cargo_t = cargo[0].value if cargo else 0.0
        self._legs: dict[tuple[str, str], Amounts] = {}
        self._stops: dict[tuple[str, str], Amounts] = {}

    def _value(
        self,
        metric: str,
        what: str,
        *,
        country: str | None = None,
        node: str | None = None,
        edge: str | None = None,
    ) -> float:
        found = self.parameter(metric, what, country=country, node=node, edge=edge)
        return found.value if found is not None else 0.0

    def parameter(
        self,
        metric: str,
        what: str | None,
        *,
        country: str | None = None,
        node: str | None = None,
        edge: str | None = None,
    ) -> Parameter | None:
        """The record that applies: the most specific, then the latest in force (None: the figure is 0)."""
        index = self._index.get((metric, what))
        return index.find(country, node, edge) if index is not None else None

    def leg(self, edge: Edge, start: str) -> Amounts:
        """Amounts for travelling `edge` from `start` (the departure node matters for waits)."""
        key = (edge.id, start)
        cached = self._legs.get(key)
        if cached is None:
            parts = [amounts for _, amounts in self.leg_parts(edge, start)] or [NOTHING]
            cached = {c.key: sum(part[c.key] for part in parts) for c in AMOUNTS}
            self._legs[key] = cached
        return cached

    def leg_parts(self, edge: Edge, start: str) -> tuple[tuple[str, Amounts], ...]:
        """A leg's amounts by part: running (the per-km terms), then border and ferry_wait.

        A border when the ends are in two countries, a wait for a sailing on water (each
        criterion's `per_event` parameter). The simulation varies the parts' hours; the
        time/cost-distance chart draws the running part as a slope, the others as steps.
        The parts sum to ``leg(edge, start)``.
        """
        if not self.available:
            return ()
        nodes = self.network.nodes
        end = edge.target if start == edge.source else edge.source
        countries = {nodes[start].country, nodes[end].country}
        country = next(iter(countries)) if len(countries) == 1 else None
        parts = [("running", {c.key: self._running(c, edge, country) for c in AMOUNTS})]
        events = (("border", country is None), ("ferry_wait", edge.mode in WATER_MODES))
        for event, applies in events:
            if applies:
                amounts = {
                    c.key: self._value(c.per_event, event, node=start, edge=edge.id) if c.per_event else 0.0
                    for c in AMOUNTS
                }
                parts.append((event, amounts))
        return tuple(parts)

    def _running(self, criterion: Criterion, edge: Edge, country: str | None) -> float:
        """What moving along `edge` adds to `criterion`: its per-km terms (see `Criterion`)."""
        total = 0.0
        for metric in criterion.per_km:
            value = self._value(metric, edge.mode, country=country, edge=edge.id)
            if criterion.inverse:
                total += edge.km / value if value else 0.0
            else:
                total += edge.km * value
        if criterion.per_tonne:
            total *= self.cargo_t
        return total

    def stop(self, node: str, arriving: Class, leaving: Class) -> tuple[str | None, Amounts]:
        """What happens at `node` between two legs: a transshipment, a gauge change or nothing."""
        event = stop_event(arriving, leaving)
        if event is None or not self.available:
            return event, NOTHING
        key = (node, event)
        cached = self._stops.get(key)
        if cached is None:
            cached = {
                c.key: self._value(c.per_event, event, node=node) if c.per_event else 0.0 for c in AMOUNTS
            }
            self._stops[key] = cached
        return event, cached

    def leg_hours_parts(self, edge: Edge, start: str) -> tuple[tuple[str, float], ...]:
        """A leg's hours by part, as the simulation varies them: running, border, ferry_wait."""
        return tuple((part, amounts["hours"]) for part, amounts in self.leg_parts(edge, start))


class _Index:
    """One metric's records, most specific first, indexed so that a look-up reads only its candidates.

    The answer is the first record, in that order, whose edge, node and country are each
    unset or the ones asked for. Records naming an edge come first, then those naming a node
    (specificity), so those of the edge and of the node asked for are tried in that order,
    then the country's, then the general one.
    """

    def __init__(self, found: list[Parameter]) -> None:
        self.by_edge: dict[str, list[Parameter]] = defaultdict(list)
        self.by_node: dict[str, list[Parameter]] = defaultdict(list)
        self.by_country: dict[str, Parameter] = {}
        self.general: Parameter | None = None
        for p in found:
            if p.edge is not None:
                self.by_edge[p.edge].append(p)
            elif p.node is not None:
                self.by_node[p.node].append(p)
            elif p.country is not None:
                self.by_country.setdefault(p.country, p)
            elif self.general is None:
                self.general = p

    def find(self, country: str | None, node: str | None, edge: str | None) -> Parameter | None:
        for named in (self.by_edge.get(edge, ()) if edge else (), self.by_node.get(node, ()) if node else ()):
            for p in named:
                if p.edge in (None, edge) and p.node in (None, node) and p.country in (None, country):
                    return p
        if country is not None:
            return self.by_country.get(country, self.general)
        return self.general


def stop_event(arriving: Class, leaving: Class) -> str | None:
    """Arrival and departure classes are (mode, gauge); the origin arrives as START."""
    if arriving == START or leaving in (START, END):
        return None
    if arriving[0] != leaving[0]:
        return "transshipment"
    if arriving[1] != leaving[1]:
        return "gauge_change"
    return None
