"""The network as loaded and validated: plain frozen records, trusted after loading."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

STATUSES = ("operational", "under_construction", "planned")
NODE_KINDS = ("city", "junction", "border", "port", "terminal", "hub")
KM_BASES = ("sourced", "derived", "estimate", "measured")  # measured: by a script under scripts/
EVENTS = ("border", "gauge_change", "transshipment", "ferry_wait")
HUB_EVENTS = ("gauge_change", "transshipment")  # ISO 14083 hub operations: a container is handled
# metric -> what selects it: a mode (per-km rates), an event (dwell and charges) or a hub event.
# A file must give a default of every mode and event metric; a hub metric is optional (a file
# without one has no hub emissions, and `emissions` says so).
PARAMETER_METRICS = {
    "speed_kmh": "mode",
    "cost_usd_per_km": "mode",
    "co2e_kg_per_t_km": "mode",  # tank to wheel
    "co2e_wtt_kg_per_t_km": "mode",  # well to tank (fuel and power production); + TTW = well to wheel
    "dwell_hours": "event",
    "cost_usd": "event",
    "co2e_wtw_kg": "hub",  # well to wheel per container handled (no TTW/WTT split is published)
    "cargo_t": None,
}
# Delays (see simulation.py): what varies in a journey. "running" is a leg's km / speed.
DELAY_EVENTS = ("running", *EVENTS)
DELAY_EFFECTS = ("spread", "extra")
# family -> its parameters. A spread scales the deterministic value (its mean, or its median
# for a lognormal anchored there); an extra adds hours drawn from the family, with a probability.
SPREAD_FAMILIES: dict[str, tuple[str, ...]] = {"fixed": (), "lognormal": ("sigma",), "exponential": ()}
EXTRA_FAMILIES: dict[str, tuple[str, ...]] = {
    "exponential": ("mean_hours",),
    "lognormal": ("median_hours", "sigma"),
    "triangular": ("low_hours", "mode_hours", "high_hours"),
    "uniform": ("low_hours", "high_hours"),
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    year: int | None
    url: str


@dataclass(frozen=True)
class Risk:
    """One named risk factor of an edge or a node, on the data file's risk scale."""

    factor: str
    value: float
    why: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    lat: float
    lon: float
    kind: str
    risks: tuple[Risk, ...] = ()


@dataclass(frozen=True)
class Edge:
    id: str
    source: str  # "from" in the file; `from` is a keyword
    target: str
    mode: str
    km: float
    km_basis: str
    status: str
    opens: int | None
    corridors: tuple[str, ...]
    sources: tuple[str, ...]
    gauge_mm: int | None = None
    oneway: bool = False
    risks: tuple[Risk, ...] = ()
    km_note: str | None = None  # how a length not taken from a source was made
    geometry: tuple[tuple[float, float], ...] = ()  # the line's [lon, lat] points, if the file has them

    def available(self, year: int | None) -> bool:
        """Operational lines always; others once `year` reaches their opening year."""
        if self.status == "operational":
            return True
        return year is not None and self.opens is not None and self.opens <= year


@dataclass(frozen=True)
class Country:
    """Risks that hold per km of rail or road line in one country, unless an edge states its own."""

    code: str
    name: str
    risks: tuple[Risk, ...] = ()


@dataclass(frozen=True)
class Corridor:
    id: str
    name: str
    short_name: str  # for table headers; the name where the file gives none


@dataclass(frozen=True)
class Project:
    id: str
    name: str
    status: str
    opens: int | None
    edges: tuple[str, ...]
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class Parameter:
    """One figure of the time, cost and emissions model, and where it applies."""

    id: str
    metric: str
    value: float
    mode: str | None = None
    event: str | None = None
    country: str | None = None
    node: str | None = None
    edge: str | None = None
    from_year: int | None = None
    basis: str = "estimate"  # sourced, derived or estimate (KM_BASES): what its uncertainty range is
    sources: tuple[str, ...] = ()

    @property
    def specificity(self) -> int:
        return 3 if self.edge else 2 if self.node else 1 if self.country else 0


@dataclass(frozen=True)
class Delay:
    """How one part of a journey varies around the deterministic model, and where it applies.

    A `spread` replaces the part's deterministic hours with a draw whose mean (or median,
    for a lognormal anchored there) is those hours; an `extra` adds hours drawn from its
    family with a probability per month (a closure, a congestion wait).
    """

    id: str
    event: str
    effect: str
    family: str
    params: tuple[tuple[str, float], ...] = ()
    anchor: str = "mean"  # lognormal spreads: the deterministic value is the "mean" or "median"
    month_probabilities: tuple[float, ...] = ()  # extras: 12 values, January first
    mode: str | None = None
    country: str | None = None
    node: str | None = None
    edge: str | None = None

    @property
    def specificity(self) -> int:
        return 3 if self.edge else 2 if self.node else 1 if self.country else 0

    def param(self, name: str) -> float:
        return dict(self.params)[name]


def _frozen(mapping: Mapping[str, object] | None = None) -> Mapping[str, object]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Network:
    """A validated network. Lookups are read-only views built once at load time."""

    schema_version: int
    as_of: str
    label: str  # where it came from, for messages and the JSON `query`
    nodes: Mapping[str, Node]
    edges: tuple[Edge, ...]
    corridors: tuple[Corridor, ...]
    sources: Mapping[str, Source]
    risk_factors: tuple[str, ...]
    projects: tuple[Project, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    parameters_from: str = "file"  # or "bundled", for a network file without its own
    delays: tuple[Delay, ...] = ()
    meta: Mapping[str, object] = field(default_factory=_frozen)
    countries: Mapping[str, Country] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def as_of_year(self) -> int:
        return int(self.as_of[:4])
