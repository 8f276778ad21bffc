"""Uncertainty of the bottom line (step 8): Monte Carlo and a tornado.

Every input with a low/high range is drawn from a triangular distribution
(low, base, high); the rest stay at their base value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from socialcase.bottomline import net_value_per_year, one_off_cost
from socialcase.scenario import spec_of, uncertain_inputs

__all__ = ["Simulation", "Swing", "simulate", "tornado", "triangular_from_uniform"]


def triangular_from_uniform(u: Any, low: Any, mode: Any, high: Any) -> Any:
    """Inverse CDF of the triangular distribution, element-wise.

    Notes
    -----
    With ``c = (mode - low) / (high - low)``::

        x = low + sqrt(u * (high - low) * (mode - low))           if u < c
        x = high - sqrt((1 - u) * (high - low) * (high - mode))   otherwise

    (Johnson, Kotz & Balakrishnan, Continuous Univariate Distributions, ch. 26.)
    A zero-width range gives ``low`` everywhere.

    Examples
    --------
    >>> float(triangular_from_uniform(0.5, 0.0, 0.5, 1.0))
    0.5
    >>> float(triangular_from_uniform(0.125, 0.0, 0.5, 1.0))  # sqrt(0.125 * 0.5) = 0.25
    0.25
    """
    width = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        cut = np.where(width > 0, (mode - low) / np.where(width > 0, width, 1.0), 0.0)
    left = low + np.sqrt(u * width * (mode - low))
    right = high - np.sqrt((1.0 - u) * width * (high - mode))
    # Rounding can land a hair outside the range; the range is a promise to the reader.
    return np.clip(np.where(u < cut, left, right), low, high)


@dataclass(frozen=True)
class Simulation:
    """The distribution of net value per year over the draws."""

    draws: int
    seed: int
    net_values_per_year: np.ndarray
    one_off_costs: np.ndarray

    @property
    def payback_months(self) -> np.ndarray:
        """Simple payback of each draw: ``one_off / (net / 12)``; infinite when net <= 0."""
        with np.errstate(divide="ignore"):
            return np.where(
                self.net_values_per_year > 0,
                self.one_off_costs / (self.net_values_per_year / 12.0),
                np.inf,
            )

    def payback_percentile(self, q: float) -> float:
        """Months by which the hire has paid back in `q`% of the draws (inf if it has not).

        An order statistic (the inverted CDF), since draws that never pay back are
        infinite and cannot be interpolated.
        """
        ordered = np.sort(self.payback_months)
        rank = min(max(math.ceil(q / 100 * ordered.size) - 1, 0), ordered.size - 1)
        return float(ordered[rank])

    @property
    def probability_positive(self) -> float:
        """Share of draws in which the hire pays for itself (net value > 0)."""
        return float(np.mean(self.net_values_per_year > 0))

    def percentile(self, q: float) -> float:
        return float(np.percentile(self.net_values_per_year, q))

    @property
    def p10(self) -> float:
        return self.percentile(10)

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p90(self) -> float:
        return self.percentile(90)

    @property
    def mean(self) -> float:
        return float(np.mean(self.net_values_per_year))


def _draw(scenario: Any, draws: int, seed: int) -> dict[str, Any]:
    values: dict[str, Any] = scenario.values()
    names = list(uncertain_inputs())
    ranges = dict(scenario.ranges)
    base = np.array([values[n] for n in names])[:, None]
    low = np.minimum(np.array([ranges[n][0] for n in names])[:, None], base)
    high = np.maximum(np.array([ranges[n][1] for n in names])[:, None], base)
    u = np.random.default_rng(seed).random((len(names), draws))
    sampled = triangular_from_uniform(u, low, base, high)
    values.update(zip(names, sampled, strict=True))
    return values


def simulate(scenario: Any, draws: int = 100_000, seed: int = 0) -> Simulation:
    """Monte Carlo of net value per year and payback; the same seed gives the same draws.

    The base value is the mode; a base outside the user's range widens the
    range to include it.

    >>> from socialcase import Scenario
    >>> sim = simulate(Scenario(), draws=10_000, seed=1)
    >>> 0 < sim.probability_positive < 1
    True
    """
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        raise ValueError(f"draws must be a whole number >= 1: got {draws!r}")
    values = _draw(scenario, draws, seed)
    net = np.asarray(net_value_per_year(values), dtype=float)
    once = np.broadcast_to(np.asarray(one_off_cost(values), dtype=float), net.shape)
    return Simulation(draws=draws, seed=seed, net_values_per_year=net, one_off_costs=once)


@dataclass(frozen=True)
class Swing:
    """How far net value moves when one input goes from its low to its high end."""

    name: str
    label: str
    low: float
    high: float
    net_value_at_low: float
    net_value_at_high: float

    @property
    def swing(self) -> float:
        return abs(self.net_value_at_high - self.net_value_at_low)


def tornado(scenario: Any) -> tuple[Swing, ...]:
    """One-at-a-time sensitivity: inputs ranked by their swing of net value.

    Inputs that do not move net value (they shape service levels, not money)
    are left out.
    """
    base = scenario.values()
    rows = []
    for name, (low, high) in scenario.ranges:
        at_low = float(net_value_per_year({**base, name: low}))
        at_high = float(net_value_per_year({**base, name: high}))
        if at_low != at_high:
            rows.append(Swing(name, spec_of(name).label, low, high, at_low, at_high))
    return tuple(sorted(rows, key=lambda r: r.swing, reverse=True))
