"""How far each estimated input may be off: one table, by how the input was made.

Every length and every model parameter in the data says how it is known (`km_basis`, a
parameter's `basis`): sourced, derived from sourced figures, or estimated. Its range is a
relative half-width around the value, the same for every input made the same way:

- lengths: sourced +-2% (published line lengths, rounded and measured between slightly
  different points); derived +-5% (sums and differences of sourced lengths); estimated +-15%
  (great circle times a detour factor: the estimation methods in the data say "Expect
  +-10-15%", and +-15-20% in mountains; the upper end of the common case); measured +-5%
  (along OpenStreetMap's track by scripts/measure_rail.py: on the 30 rail edges with a sourced
  or derived length the two differ by 1.9% at the median and by under 5% on 23 of them).
- parameters: sourced +-10% (published averages move about that much from year to year:
  CAREC's rail speed without delay was 45.0, 42.2 and 41.6 km/h in 2019-2021); derived +-20%
  (computed from sourced figures under assumptions); estimated +-30% (judgement).

- risk values: the data's risk values are analyst assessments on the file's `risk_scale`, in
  steps of 0.25 (0 no known issue, 0.25 occasional disruption, 0.5 frequent, 0.75 severe, 1
  closed). An assessment picks the nearest step, so the value it stands for lies within half
  a step of it: +-0.125 absolute (`RISK_HALF_WIDTH`), clipped to the scale's [0, 1]. This is
  the scale's resolution, the same for every risk value; no per-value width is invented.
  A 0 ("no known issue": none found, not a proof of absence) ranges over [0, 0.125], so on
  long edges the sampled risk exposure sits above the data's value.

The sampling draws each input's factor from a symmetric triangular distribution on
[1 - w, 1 + w] with its mode at 1: most weight on the data's value, none outside the range.
A risk value is drawn itself (absolute, not a factor) from the triangular distribution on
its clipped range with its mode at the data's value.
"""

from __future__ import annotations

from dataclasses import dataclass

KM_HALF_WIDTH = {"sourced": 0.02, "derived": 0.05, "estimate": 0.15, "measured": 0.05}
PARAMETER_HALF_WIDTH = {"sourced": 0.10, "derived": 0.20, "estimate": 0.30}
RISK_SCALE_STEP = 0.25  # the risk_scale's steps: 0, 0.25, 0.5, 0.75, 1
RISK_HALF_WIDTH = RISK_SCALE_STEP / 2  # absolute: half a step either side, within [0, 1]
RISK_BASIS = "assessment"


@dataclass(frozen=True)
class Input:
    """One uncertain input: an edge's length or a parameter's value."""

    kind: str  # "km" (an edge's length), "parameter" or "risk" (an element's factor)
    id: str  # the edge's or the parameter's id; for a risk "node:aktau/weather", "country:KZ/capacity"
    value: float
    basis: str
    half_width: float  # relative: the input lies in value x [1 - w, 1 + w]; absolute if `absolute`
    absolute: bool = False  # a risk value: value +- w, clipped to [0, 1]

    @property
    def low(self) -> float:
        if self.absolute:
            return max(0.0, self.value - self.half_width)
        return self.value * (1 - self.half_width)

    @property
    def high(self) -> float:
        if self.absolute:
            return min(1.0, self.value + self.half_width)
        return self.value * (1 + self.half_width)

    def draw_range(self) -> tuple[float, float, float]:
        """(low, mode, high) of what the sampling draws: the value itself if absolute, else a factor."""
        if self.absolute:
            return self.low, self.value, self.high
        return 1 - self.half_width, 1.0, 1 + self.half_width


def km_input(edge_id: str, km: float, basis: str) -> Input:
    return Input("km", edge_id, km, basis, KM_HALF_WIDTH[basis])


def parameter_input(parameter_id: str, value: float, basis: str) -> Input:
    return Input("parameter", parameter_id, value, basis, PARAMETER_HALF_WIDTH[basis])


def risk_input(ident: str, value: float) -> Input:
    """An element's risk factor (`ident` "node:aktau/weather"): the scale's half step either side."""
    return Input("risk", ident, value, RISK_BASIS, RISK_HALF_WIDTH, absolute=True)
