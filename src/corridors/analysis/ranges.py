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

The sampling draws each input's factor from a symmetric triangular distribution on
[1 - w, 1 + w] with its mode at 1: most weight on the data's value, none outside the range.
"""

from __future__ import annotations

from dataclasses import dataclass

KM_HALF_WIDTH = {"sourced": 0.02, "derived": 0.05, "estimate": 0.15, "measured": 0.05}
PARAMETER_HALF_WIDTH = {"sourced": 0.10, "derived": 0.20, "estimate": 0.30}


@dataclass(frozen=True)
class Input:
    """One uncertain input: an edge's length or a parameter's value."""

    kind: str  # "km" (an edge's length) or "parameter"
    id: str  # the edge's or the parameter's id
    value: float
    basis: str
    half_width: float  # relative: the input lies in value x [1 - w, 1 + w]

    @property
    def low(self) -> float:
        return self.value * (1 - self.half_width)

    @property
    def high(self) -> float:
        return self.value * (1 + self.half_width)


def km_input(edge_id: str, km: float, basis: str) -> Input:
    return Input("km", edge_id, km, basis, KM_HALF_WIDTH[basis])


def parameter_input(parameter_id: str, value: float, basis: str) -> Input:
    return Input("parameter", parameter_id, value, basis, PARAMETER_HALF_WIDTH[basis])
