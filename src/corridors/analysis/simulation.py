"""Monte Carlo door-to-door days: the deterministic time model with the `delays` varied.

A journey on a route is a list of parts (see `journey_plan`, in plan.py): each leg's running time,
border dwell and ferry wait, and each stop's transshipment or gauge change, with the
deterministic hours of `metrics.CostModel`. A part takes the most specific `spread`
delay that applies to it (its hours become a draw with that mean, or median) and the most
specific `extra` (hours added with a probability per month: a closure, a congestion wait).
Parts without a spread keep their deterministic hours.

Sampling (sampling.py) is vectorised with numpy and chunked: CHUNK journeys at a time, each chunk from
its own PCG64 stream keyed by (seed, corridor, chunk), so a result depends only on the
seed and the number of runs, and memory stays bounded whatever the number of runs. The
mean, standard deviation, minimum, maximum and deadline probability are exact; quantiles
are read from a fixed histogram of QUANTILE_BIN_DAYS bins, at most one bin from the
exact sample quantile.

numpy is imported inside the functions that sample, so importing this module (the CLI
and the tables do) stays cheap for every other command.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from corridors.analysis.metrics import CostModel
from corridors.analysis.plan import Part as Part  # re-exported, as before the split
from corridors.analysis.plan import journey_plan as journey_plan
from corridors.analysis.results import Comparison, Route
from corridors.analysis.routing import compare_corridors
from corridors.analysis.sampling import Sampler as Sampler
from corridors.errors import UsageError
from corridors.network.graph import CorridorGraph
from corridors.network.model import MONTHS, Network

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

DEFAULT_RUNS = 100_000
DEFAULT_SEED = 20_260_101
MAX_RUNS = 100_000_000  # about a minute per corridor; beyond it the answer no longer changes
CHUNK = 100_000  # journeys sampled at once: a few MB per array
QUANTILE_BIN_DAYS = 0.01  # the fine histogram quantiles are read from: 14.4 minutes
HISTOGRAM_MAX_DAYS = 1000.0  # journeys beyond it go to an overflow count (and still to the mean)
# A route slower than HISTOGRAM_MAX_DAYS / HISTOGRAM_SPAN (any valid network may have one)
# gets wider fine bins, so its histogram still reaches HISTOGRAM_SPAN times its modelled days.
HISTOGRAM_SPAN = 4
DISPLAY_BINS = 20  # about this many bins between P0.5 and P99.5 in the reported histogram
NICE_WIDTHS_DAYS = (0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 50.0, 100.0)
MAX_DEADLINE_DAYS = 1000.0


@dataclass(frozen=True)
class Summary:
    """Door-to-door days over the sampled journeys."""

    mean: float
    std: float
    p50: float
    p90: float
    p95: float
    min: float
    max: float

    def to_dict(self) -> dict[str, float]:
        return {key: round(value, 2) for key, value in self.__dict__.items()}


@dataclass(frozen=True)
class Histogram:
    """Counts of journeys by days: bin i is [edges[i], edges[i+1]), the last bin closed."""

    bin_edges_days: tuple[float, ...]
    counts: tuple[int, ...]

    def to_dict(self) -> dict[str, list[Any]]:
        return {"bin_edges_days": [round(e, 2) for e in self.bin_edges_days], "counts": list(self.counts)}


@dataclass(frozen=True)
class CorridorSimulation:
    """One corridor: its fastest route and the distribution of its door-to-door days."""

    id: str
    name: str
    route: Route | None
    runs: int
    model_days: float | None
    days: Summary | None
    p_within_deadline: float | None
    histogram: Histogram | None
    delays: tuple[str, ...]  # the ids of the delay records its journeys use

    def to_dict(self, with_deadline: bool) -> dict[str, Any]:
        route = self.route
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "route_found": route is not None,
            "nodes": list(route.nodes) if route else [],
            "runs": self.runs,
            "model_days": round(self.model_days, 2) if self.model_days is not None else None,
            "days": self.days.to_dict() if self.days else None,
        }
        if with_deadline:
            p = self.p_within_deadline
            out["p_within_deadline"] = round(p, 4) if p is not None else None
        out["histogram"] = self.histogram.to_dict() if self.histogram else None
        out["delays"] = list(self.delays)
        return out


@dataclass(frozen=True)
class Simulation:
    origin: str
    destination: str
    runs: int
    seed: int
    month: int | None
    deadline_days: float | None
    as_of: int | None
    corridors: tuple[CorridorSimulation, ...]

    def to_dict(self) -> dict[str, Any]:
        with_deadline = self.deadline_days is not None
        return {
            "origin": self.origin,
            "destination": self.destination,
            "quantile_resolution_days": QUANTILE_BIN_DAYS,
            "corridors": [corridor.to_dict(with_deadline) for corridor in self.corridors],
        }


def check_options(runs: int, seed: int, month: int | None, deadline_days: float | None) -> None:
    if not 1 <= runs <= MAX_RUNS:
        raise UsageError(f"--runs must be between 1 and {MAX_RUNS:,}, got {runs:,}")
    if seed < 0:
        raise UsageError(f"--seed must be 0 or more, got {seed}")
    if month is not None and not 1 <= month <= 12:
        raise UsageError(f"--month must be 1 to 12, got {month}")
    if deadline_days is not None and not (0 < deadline_days <= MAX_DEADLINE_DAYS):
        raise UsageError(
            f"--deadline must be above 0 and at most {MAX_DEADLINE_DAYS:g} days, got {deadline_days}"
        )


class Accumulator:
    """Running statistics of journey days, combined chunk by chunk in bounded memory."""

    def __init__(self, reference_days: float, deadline_days: float | None) -> None:
        import numpy as np

        self.reference = reference_days  # sums are taken around it, so the variance keeps its digits
        self.deadline = deadline_days
        self.n = 0
        self.total = 0.0
        self.squares = 0.0
        self.low = math.inf
        self.high = -math.inf
        self.within = 0
        bins = round(HISTOGRAM_MAX_DAYS / QUANTILE_BIN_DAYS)
        scale = max(1, math.ceil(HISTOGRAM_SPAN * reference_days / HISTOGRAM_MAX_DAYS))
        self.bin_days = QUANTILE_BIN_DAYS * scale  # QUANTILE_BIN_DAYS for any route under 250 days
        self.counts = np.zeros(bins + 1, dtype=np.int64)  # the last bin is the overflow

    def add(self, days: NDArray[np.float64]) -> None:
        import numpy as np

        if not days.size:
            return
        centred = days - self.reference
        self.n += int(days.size)
        self.total += float(centred.sum())
        self.squares += float(np.dot(centred, centred))
        self.low = min(self.low, float(days.min()))
        self.high = max(self.high, float(days.max()))
        if self.deadline is not None:
            self.within += int(np.count_nonzero(days <= self.deadline))
        last = self.counts.size - 1
        index = np.minimum(np.floor(days / self.bin_days), last).astype(np.int64)
        self.counts += np.bincount(index, minlength=self.counts.size)

    @property
    def mean(self) -> float:
        return self.reference + self.total / self.n

    @property
    def std(self) -> float:
        if self.n < 2:
            return 0.0
        offset = self.total / self.n
        return math.sqrt(max(0.0, (self.squares - self.n * offset * offset) / (self.n - 1)))

    def quantile(self, q: float) -> float:
        """The q-quantile from the fine histogram: within one bin of the sample's (inverted CDF).

        Inside its bin the value is interpolated linearly and clamped to the exact min and max.
        """
        import numpy as np

        rank = max(1, math.ceil(q * self.n))  # the inverted-CDF order statistic, 1-based
        cumulative = np.cumsum(self.counts)
        index = int(np.searchsorted(cumulative, rank))
        if index >= self.counts.size - 1:  # in the overflow: only the maximum is known
            return self.high
        before = int(cumulative[index - 1]) if index else 0
        inside = int(self.counts[index])
        value = (index + (rank - before) / inside) * self.bin_days
        return min(max(value, self.low), self.high)

    def summary(self) -> Summary:
        q = self.quantile
        return Summary(self.mean, self.std, q(0.5), q(0.9), q(0.95), self.low, self.high)

    def histogram(self) -> Histogram:
        """About DISPLAY_BINS bins of a round width over P0.5-P99.5, and an open bin either side.

        Edges are multiples of the width; the first and last edges are the exact min and max,
        so the counts add up to every journey.
        """
        import numpy as np

        low, high = self.quantile(0.005), self.quantile(0.995)
        width = _nice_width(high - low)
        start = math.floor(low / width) * width
        stop = math.ceil(high / width) * width
        if stop <= start:
            stop = start + width
        inner = [start + i * width for i in range(round((stop - start) / width) + 1)]
        top = (self.counts.size - 1) * self.bin_days  # the overflow cannot be split
        inner = [edge for edge in inner if self.low < edge < self.high and edge <= top]
        edges = [self.low, *inner, self.high] if self.high > self.low else [self.low, self.low + width]
        below = np.cumsum(self.counts)  # below[k]: journeys in fine bins 0..k
        fine_edges = [round(edge / self.bin_days) for edge in inner]
        cumulative = [0, *(int(below[edge - 1]) if edge else 0 for edge in fine_edges), self.n]
        counts = tuple(b - a for a, b in pairwise(cumulative))
        return Histogram(tuple(edges), counts)


def _nice_width(span_days: float) -> float:
    """The smallest round width that cuts `span_days` into at most DISPLAY_BINS bins.

    NICE_WIDTHS_DAYS, then the same widths times 1,000, 1,000,000...: a route of years (a
    valid network may hold one) gets a few wide bins, not millions of narrow ones.
    """
    scale = 1.0
    while True:
        for width in NICE_WIDTHS_DAYS:
            if span_days / (width * scale) <= DISPLAY_BINS:
                return width * scale
        scale *= 1000


def simulate_plan(
    parts: Sequence[Part],
    *,
    runs: int,
    seed: int,
    month: int | None = None,
    deadline_days: float | None = None,
    stream: int = 0,
    chunk: int = CHUNK,
    progress: Callable[[int], None] | None = None,
) -> Accumulator:
    """Sample `runs` journeys along one plan, `chunk` at a time; the result depends on the chunk size."""
    import numpy as np

    sampler = Sampler(parts, month)
    stats = Accumulator(math.fsum(part.hours for part in parts) / 24, deadline_days)
    done = 0
    for index in range(math.ceil(runs / chunk)):
        n = min(chunk, runs - done)
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(stream, index))))
        stats.add(sampler.sample_days(rng, n))
        done += n
        if progress is not None:
            progress(n)
    return stats


def simulate(
    cgraph: CorridorGraph,
    origin: str,
    destination: str,
    *,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    month: int | None = None,
    deadline_days: float | None = None,
    as_of: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Simulation:
    """Each corridor's fastest route (as `compare --by hours`), then `runs` journeys along it.

    Corridor i samples from its own streams, so adding a corridor to the data does not
    change another's result.
    """
    check_options(runs, seed, month, deadline_days)
    comparison = compare_corridors(cgraph, origin, destination, by="hours", as_of=as_of)
    return simulate_comparison(
        cgraph.network, comparison, runs=runs, seed=seed, month=month, deadline_days=deadline_days,
        as_of=as_of, progress=progress,
    )  # fmt: skip


def simulate_comparison(
    network: Network,
    comparison: Comparison,
    *,
    runs: int,
    seed: int,
    month: int | None = None,
    deadline_days: float | None = None,
    as_of: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Simulation:
    """`runs` journeys along each corridor's route in `comparison` (any routes: `report` brings its own).

    A corridor samples from the stream of its place in the data, whichever corridors are compared.
    """
    costs = CostModel(network, as_of or network.as_of_year)
    streams = {c.id: index for index, c in enumerate(network.corridors)}
    results = []
    for corridor in comparison.corridors:
        stream = streams[corridor.id]
        route = corridor.route
        if route is None:
            results.append(
                CorridorSimulation(corridor.id, corridor.name, None, 0, None, None, None, None, ())
            )
            continue
        parts = journey_plan(network, costs, route)
        stats = simulate_plan(
            parts,
            runs=runs,
            seed=seed,
            month=month,
            deadline_days=deadline_days,
            stream=stream,
            progress=progress,
        )
        used = {d.id: None for part in parts for d in (part.spread, part.extra) if d is not None}
        within = stats.within / stats.n if deadline_days is not None else None
        results.append(
            CorridorSimulation(
                corridor.id,
                corridor.name,
                route,
                runs,
                route.totals.days,
                stats.summary(),
                within,
                stats.histogram(),
                tuple(used),
            )
        )
    return Simulation(
        comparison.origin, comparison.destination, runs, seed, month, deadline_days, as_of, tuple(results)
    )


def month_name(month: int | None) -> str:
    return "an average year" if month is None else MONTHS[month - 1].title()
