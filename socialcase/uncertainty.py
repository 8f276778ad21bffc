"""Uncertainty of the bottom line (step 8): Monte Carlo and a tornado.

Every draw runs the same model as the point case (`socialcase.model.money_model`), once,
on arrays. Inputs with a low/high range are drawn from a triangular distribution (low,
base, high); each activity's value per hour gets one multiplier, between ``1 - spread``
and ``1 + spread``, and the multipliers share an estimation bias (a Gaussian copula with
the scenario's correlation). Inputs that cannot move money are not drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from socialcase.model import money_model
from socialcase.scenario import ACTIVITIES, spec_of

if TYPE_CHECKING:
    from socialcase.scenario import Scenario

__all__ = [
    "DRAWS",
    "PercentileReading",
    "Simulation",
    "Swing",
    "correlated_uniforms",
    "money_inputs",
    "ndtr",
    "simulate",
    "tornado",
    "triangular_from_uniform",
]


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


def correlated_uniforms(rng: np.random.Generator, k: int, draws: int, correlation: float) -> Any:
    """`k` rows of uniforms whose normal scores share a factor: ``z = sqrt(rho) z0 +
    sqrt(1 - rho) z_i`` (a Gaussian copula, equicorrelated at `correlation`), ``u = Phi(z)``.

    >>> u = correlated_uniforms(np.random.default_rng(0), 2, 100_000, 0.4)
    >>> round(float(np.corrcoef(u)[0, 1]), 1)
    0.4
    """
    shared = rng.standard_normal(draws)
    own = rng.standard_normal((k, draws))
    return ndtr(math.sqrt(correlation) * shared + math.sqrt(1.0 - correlation) * own)


# Cephes' rational approximations of erf and erfc (S. L. Moshier, Cephes Math Library 2.2,
# 1992, ``ndtr.c``), the ones `scipy.special.ndtr` evaluates: erf on |x| <= 1 as
# x T(x^2) / U(x^2); erfc on 1 <= x < 8 as exp(-x^2) P(x) / Q(x), beyond as exp(-x^2) R(x) / S(x)
# (U, Q and S have a leading coefficient of 1, left out here as in Cephes' ``p1evl``).
_ERFC_P = (
    2.46196981473530512524e-10,
    5.64189564831068821977e-1,
    7.46321056442269912687e0,
    4.86371970985681366614e1,
    1.96520832956077098242e2,
    5.26445194995477358631e2,
    9.34528527171957607540e2,
    1.02755188689515710272e3,
    5.57535335369399327526e2,
)
_ERFC_Q = (
    1.32281951154744992508e1,
    8.67072140885989742329e1,
    3.54937778887819891062e2,
    9.75708501743205489753e2,
    1.82390916687909736289e3,
    2.24633760818710981792e3,
    1.65666309194161350182e3,
    5.57535340817727675546e2,
)
_ERFC_R = (
    5.64189583547755073984e-1,
    1.27536670759978104416e0,
    5.01905042251180477414e0,
    6.16021097993053585195e0,
    7.40974269950448939160e0,
    2.97886665372100240670e0,
)
_ERFC_S = (
    2.26052863220117276590e0,
    9.39603524938001434673e0,
    1.20489539808096656605e1,
    1.70814450747565897222e1,
    9.60896809063285878198e0,
    3.36907645100081516050e0,
)
_ERF_T = (
    9.60497373987051638749e0,
    9.00260197203842689217e1,
    2.23200534594684319226e3,
    7.00332514112805075473e3,
    5.55923013010394962768e4,
)
_ERF_U = (
    3.35617141647503099647e1,
    5.21357949780152679795e2,
    4.59432382970980127987e3,
    2.26290000613890934246e4,
    4.92673942608635921086e4,
)
_MAXLOG = 7.09782712893383996843e2  # log(largest double): exp(-x^2) underflows beyond


def _polevl(x: Any, coefficients: tuple[float, ...]) -> Any:
    """c0 x^n + c1 x^(n-1) + ... + cn by Horner's rule (Cephes' ``polevl``)."""
    result = np.full_like(x, coefficients[0])
    for c in coefficients[1:]:
        result = result * x + c
    return result


def _p1evl(x: Any, coefficients: tuple[float, ...]) -> Any:
    """The same with a leading coefficient of 1 (Cephes' ``p1evl``)."""
    result = x + coefficients[0]
    for c in coefficients[1:]:
        result = result * x + c
    return result


def ndtr(a: Any) -> Any:
    """The standard normal CDF, element-wise: ``Phi(a) = (1 + erf(a / sqrt(2))) / 2``.

    The same arithmetic as `scipy.special.ndtr` (Cephes): below ``|a / sqrt(2)| <
    1 / sqrt(2)`` from erf, beyond from erfc of ``|a| / sqrt(2)`` (``1 - erfc`` for
    positive `a`); equal to scipy's within 1e-15 (`tests/test_uncertainty.py`), without
    importing scipy (about 0.2 s, on the cold page's path).

    >>> float(ndtr(0.0))
    0.5
    >>> round(float(ndtr(1.959963984540054)), 12)  # the 97.5th percentile
    0.975
    """
    a = np.asarray(a, dtype=float)
    x = a * math.sqrt(0.5)
    z = np.abs(x)
    result = np.empty_like(x)
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        near = z < math.sqrt(0.5)  # there |x| < 1: 0.5 + 0.5 erf(x), erf's own series
        xn = x[near]
        xn2 = xn * xn
        result[near] = 0.5 + 0.5 * (xn * _polevl(xn2, _ERF_T) / _p1evl(xn2, _ERF_U))
        far = ~near  # 0.5 erfc(|x|), and 1 - that for positive x
        zf = z[far]
        zf2 = zf * zf
        erfc = np.empty_like(zf)
        below_one = zf < 1.0  # erfc = 1 - erf
        zb, zb2 = zf[below_one], zf2[below_one]
        erfc[below_one] = 1.0 - zb * _polevl(zb2, _ERF_T) / _p1evl(zb2, _ERF_U)
        middle = (zf >= 1.0) & (zf < 8.0)
        zm = zf[middle]
        erfc[middle] = np.exp(-zf2[middle]) * _polevl(zm, _ERFC_P) / _p1evl(zm, _ERFC_Q)
        tail = zf >= 8.0
        zt = zf[tail]
        erfc[tail] = np.exp(-zf2[tail]) * _polevl(zt, _ERFC_R) / _p1evl(zt, _ERFC_S)
        erfc[-zf2 < -_MAXLOG] = 0.0  # underflow (and |x| = inf)
        half = 0.5 * erfc
        result[far] = np.where(x[far] > 0, 1.0 - half, half)
    result[np.isnan(a)] = np.nan
    return result if result.ndim else result[()]


#: The number of simulated cases the dashboard and the report both use (one count, so
#: both show the same chance and the same percentiles for the same case and seed).
DRAWS = 20_000


@dataclass(frozen=True)
class PercentileReading:
    """A payback percentile and how far it would move with another seed.

    `low` and `high` are the ends of its 95% interval from the order statistics
    (`Simulation.payback_percentile_interval`); inf means "not within the horizon".
    The rule: the percentile is *stable* when both ends are beyond the horizon (then it
    is "not within the horizon" for any seed), or both are within it and the interval is
    at most ``max(1 month, 10% of the percentile)`` wide. An unstable percentile is
    never shown as one number: `text` gives its interval instead.
    """

    q: float
    months: float
    low: float
    high: float

    @property
    def stable(self) -> bool:
        if math.isinf(self.low) and math.isinf(self.high):
            return True
        if math.isinf(self.high):
            return False
        return self.high - self.low <= max(1.0, 0.1 * self.months)

    def text(self) -> str:
        """'14.2 months', 'not within the horizon', or the interval when unstable.

        >>> PercentileReading(90, 14.2, 13.9, 14.6).text()
        '14.2 months'
        >>> PercentileReading(90, 30.0, 24.0, float("inf")).text()
        '24.0 months or later (unstable)'
        """
        if math.isinf(self.low) and math.isinf(self.high):
            return "not within the horizon"
        if self.stable:
            return f"{self.months:.1f} months"
        if math.isinf(self.high):
            return f"{self.low:.1f} months or later (unstable)"
        return f"{self.low:.1f} to {self.high:.1f} months (unstable)"


@dataclass(frozen=True)
class Simulation:
    """The distribution of the bottom line over the draws."""

    draws: int
    seed: int
    net_present_values: np.ndarray
    net_values_per_year: np.ndarray  # steady-state years
    year_one_net_values: np.ndarray
    payback_months: np.ndarray  # from the decision; inf when not within the horizon
    drawn: tuple[str, ...]  # the inputs drawn ("<activity> value per hour" for multipliers)

    def payback_percentile(self, q: float) -> float:
        """Months by which the hire has paid back in `q`% of the draws (inf if it has not).

        An order statistic (the inverted CDF), since draws that never pay back are
        infinite and cannot be interpolated.
        """
        return float(np.sort(self.payback_months)[self._rank(q)])

    def _rank(self, q: float) -> int:
        return min(max(math.ceil(q / 100 * self.draws) - 1, 0), self.draws - 1)

    def payback_percentile_interval(self, q: float) -> tuple[float, float]:
        """A 95% interval for the `q` percentile of payback, from the order statistics
        ``n q +/- 1.96 sqrt(n q (1 - q))``: how much the percentile moves with the seed."""
        share = q / 100
        half = 1.96 * math.sqrt(self.draws * share * (1 - share))
        ordered = np.sort(self.payback_months)
        low = min(max(math.floor(self.draws * share - half) - 1, 0), self.draws - 1)
        high = min(max(math.ceil(self.draws * share + half) - 1, 0), self.draws - 1)
        return float(ordered[low]), float(ordered[high])

    def payback_reading(self, q: float) -> PercentileReading:
        """The `q` percentile of payback with its interval, to show only when stable."""
        low, high = self.payback_percentile_interval(q)
        return PercentileReading(q, self.payback_percentile(q), low, high)

    @property
    def probability_positive(self) -> float:
        """Share of draws whose net present value over the horizon is above zero."""
        return float(np.mean(self.net_present_values > 0))

    @property
    def probability_year_one_positive(self) -> float:
        return float(np.mean(self.year_one_net_values > 0))

    def percentile(self, q: float) -> float:
        """The `q` percentile of net present value."""
        return float(np.percentile(self.net_present_values, q))

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
        return float(np.mean(self.net_present_values))


def _value_factor_range(scenario: Scenario) -> tuple[float, float]:
    spread = scenario.activity_value_spread
    return 1.0 - spread, 1.0 + spread


def _moves_money(scenario: Scenario, name: str, low: float, high: float) -> bool:
    base = scenario.values()
    return bool(np.ptp(_npv_at(base, name, low, high)) != 0)


def _npv_at(base: dict[str, Any], name: str, low: float, high: float) -> Any:
    """Net present value with `name` at its low and its high end (2 values)."""
    at = money_model({**base, name: np.array([low, high], dtype=float)}).net_present_value
    return np.broadcast_to(at, (2,))


def money_inputs(scenario: Scenario) -> tuple[str, ...]:
    """The uncertain inputs that move money in `scenario` (the others are not drawn)."""
    return tuple(
        name for name, (low, high) in scenario.ranges if _moves_money(scenario, name, low, high)
    )


def simulate(scenario: Scenario, draws: int = DRAWS, seed: int = 0) -> Simulation:
    """Monte Carlo of the bottom line; the same seed gives the same draws.

    The base value is the mode; a base outside the user's range widens the range to
    include it. At zero-width ranges and no spread every draw equals the point case.

    >>> from socialcase import Scenario
    >>> sim = simulate(Scenario(), draws=10_000, seed=1)
    >>> 0 < sim.probability_positive < 1
    True
    """
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        raise ValueError(f"draws must be a whole number >= 1: got {draws!r}")
    values: dict[str, Any] = scenario.values()
    names = list(money_inputs(scenario))
    ranges = dict(scenario.ranges)
    rng = np.random.default_rng(seed)
    if names:
        base = np.array([values[n] for n in names])[:, None]
        low = np.minimum(np.array([ranges[n][0] for n in names])[:, None], base)
        high = np.maximum(np.array([ranges[n][1] for n in names])[:, None], base)
        sampled = triangular_from_uniform(rng.random((len(names), draws)), low, base, high)
        values.update(zip(names, sampled, strict=True))
    low_f, high_f = _value_factor_range(scenario)
    keys = [a.key for a in ACTIVITIES]
    if high_f > low_f:
        u = correlated_uniforms(rng, len(keys), draws, scenario.estimation_bias_correlation)
        factors = triangular_from_uniform(u, low_f, 1.0, high_f)
        factor = dict(zip(keys, factors, strict=True))
    else:
        factor = {k: np.ones(draws) for k in keys}
    m = money_model(values, factor)
    shape = (draws,)
    return Simulation(
        draws=draws,
        seed=seed,
        net_present_values=np.broadcast_to(np.asarray(m.net_present_value, float), shape),
        net_values_per_year=np.broadcast_to(np.asarray(m.net_value_per_year, float), shape),
        year_one_net_values=np.broadcast_to(np.asarray(m.year_one_net_value, float), shape),
        payback_months=np.broadcast_to(np.asarray(m.payback_months, float), shape),
        drawn=(*names, *(f"{k} value per hour" for k in keys if high_f > low_f)),
    )


@dataclass(frozen=True)
class Swing:
    """How far net present value moves when one input goes from its low to its high end."""

    name: str
    label: str
    low: float
    high: float
    net_value_at_low: float  # net present value over the horizon
    net_value_at_high: float

    @property
    def swing(self) -> float:
        return abs(self.net_value_at_high - self.net_value_at_low)


def tornado(scenario: Scenario) -> tuple[Swing, ...]:
    """One-at-a-time sensitivity of net present value, largest swing first.

    One bar per uncertain input that moves money, and one per activity for its value per
    hour (its output, KPI and margin rates move together, between ``1 - spread`` and
    ``1 + spread`` times the estimate). Inputs that do not move money are left out.
    """
    base = scenario.values()
    rows = []
    for name, (low, high) in scenario.ranges:
        at = _npv_at(base, name, low, high)
        if at[0] != at[1]:
            rows.append(Swing(name, spec_of(name).label, low, high, float(at[0]), float(at[1])))
    low_f, high_f = _value_factor_range(scenario)
    for a in ACTIVITIES:
        pair = np.array([low_f, high_f])
        at = money_model(base, {a.key: pair}).net_present_value
        at = np.broadcast_to(at, (2,))
        if at[0] != at[1]:
            rows.append(
                Swing(
                    f"{a.key}_value_per_hour",
                    f"{a.label}: value per hour",
                    low_f,
                    high_f,
                    float(at[0]),
                    float(at[1]),
                )
            )
    return tuple(sorted(rows, key=lambda r: r.swing, reverse=True))
