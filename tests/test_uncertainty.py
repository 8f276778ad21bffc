"""Uncertainty of the bottom line: triangular draws, the seeded Monte Carlo, the tornado."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import scenarios

from socialcase import Scenario, bottom_line, preset, simulate, tornado
from socialcase.bottomline import net_value_per_year
from socialcase.scenario import uncertain_inputs
from socialcase.uncertainty import triangular_from_uniform

finite = st.floats(-1e6, 1e6)
# magnitudes where the variance formula neither underflows nor loses the sample mean
moderate = st.one_of(st.just(0.0), st.floats(1e-6, 1e6), st.floats(-1e6, -1e-6))


def _collapsed(s: Scenario) -> Scenario:
    """`s` with every range collapsed to its base value."""
    for name in uncertain_inputs():
        base = getattr(s, name)
        s = s.with_range(name, base, base)
    return s


# --- triangular_from_uniform -----------------------------------------------------------


def test_triangular_inverse_cdf_worked_examples() -> None:
    # c = (0.5 - 0) / 1 = 0.5; u = 0.125 < c: 0 + sqrt(0.125 * 1 * 0.5) = 0.25
    assert float(triangular_from_uniform(0.125, 0.0, 0.5, 1.0)) == pytest.approx(0.25)
    # u = 0.875 >= c: 1 - sqrt(0.125 * 1 * 0.5) = 0.75
    assert float(triangular_from_uniform(0.875, 0.0, 0.5, 1.0)) == pytest.approx(0.75)
    # mode at the low end: c = 0; u = 0.75: 15 - sqrt(0.25 * 10 * 10) = 10
    assert float(triangular_from_uniform(0.75, 5.0, 5.0, 15.0)) == pytest.approx(10.0)
    assert float(triangular_from_uniform(0.0, 2.0, 3.0, 7.0)) == 2.0
    assert float(triangular_from_uniform(1.0, 2.0, 3.0, 7.0)) == 7.0


def test_zero_width_range_gives_the_value_itself() -> None:
    u = np.linspace(0, 1, 11)
    assert triangular_from_uniform(u, 3.0, 3.0, 3.0).tolist() == [3.0] * 11


@given(st.floats(0, 1), finite, finite, finite)
# low = mode = 1e-20, high = 1, u = 0: 1 - sqrt(1 * (1 - 1e-20) * (1 - 1e-20)) rounds to 0
@example(0.0, 1e-20, 1e-20, 1.0)
def test_triangular_stays_within_low_and_high(u: float, a: float, b: float, c: float) -> None:
    low, mode, high = sorted((a, b, c))
    x = float(triangular_from_uniform(u, low, mode, high))
    assert low <= x <= high


@given(st.floats(0, 1), st.floats(0, 1), finite, finite, finite)
def test_triangular_never_falls_as_u_grows(
    u: float, v: float, a: float, b: float, c: float
) -> None:
    low, mode, high = sorted((a, b, c))
    u, v = sorted((u, v))
    slack = 1e-12 * (abs(low) + abs(high))
    assert triangular_from_uniform(u, low, mode, high) <= (
        triangular_from_uniform(v, low, mode, high) + slack
    )


@settings(max_examples=30, deadline=None)
@given(moderate, moderate, moderate, st.integers(0, 2**32))
def test_triangular_sample_mean_is_the_triangular_mean(
    a: float, b: float, c: float, seed: int
) -> None:
    low, mode, high = sorted((a, b, c))
    n = 200_000
    x = triangular_from_uniform(np.random.default_rng(seed).random(n), low, mode, high)
    # Mean (a + b + c) / 3 and variance (a² + b² + c² - ab - ac - bc) / 18 of the triangular
    # distribution (Johnson, Kotz & Balakrishnan, Continuous Univariate Distributions,
    # vol. 2, ch. 26).
    mean = (low + mode + high) / 3
    var = (low**2 + mode**2 + high**2 - low * mode - low * high - mode * high) / 18
    standard_error = math.sqrt(max(var, 0.0) / n)
    assert abs(float(np.mean(x)) - mean) <= 6 * standard_error + 1e-9 * (abs(low) + abs(high))


def test_triangular_matches_numpys_triangular_draw_for_draw() -> None:
    # numpy's Generator.triangular uses the same inverse CDF on one uniform per draw.
    low, mode, high = 40.0, 80.0, 120.0
    ours = triangular_from_uniform(np.random.default_rng(5).random(1000), low, mode, high)
    theirs = np.random.default_rng(5).triangular(low, mode, high, 1000)
    assert ours == pytest.approx(theirs, rel=1e-12)


# --- simulate --------------------------------------------------------------------------


def test_same_seed_repeats_exactly_and_other_seeds_differ() -> None:
    a = simulate(Scenario(), draws=20_000, seed=7)
    b = simulate(Scenario(), draws=20_000, seed=7)
    c = simulate(Scenario(), draws=20_000, seed=8)
    assert np.array_equal(a.net_values_per_year, b.net_values_per_year)
    assert not np.array_equal(a.net_values_per_year, c.net_values_per_year)
    assert (a.draws, a.seed) == (20_000, 7)
    assert a.net_values_per_year.shape == (20_000,)


@settings(max_examples=50, deadline=None)
@given(scenarios(), st.integers(0, 2**32))
def test_a_seeded_simulation_repeats_exactly(s: Scenario, seed: int) -> None:
    a = simulate(s, draws=500, seed=seed)
    b = simulate(s, draws=500, seed=seed)
    assert np.array_equal(a.net_values_per_year, b.net_values_per_year)


@settings(max_examples=50, deadline=None)
@given(scenarios(), st.integers(0, 2**32))
def test_percentiles_are_ordered_and_probability_is_a_share(s: Scenario, seed: int) -> None:
    sim = simulate(s, draws=1000, seed=seed)
    assert np.all(np.isfinite(sim.net_values_per_year))
    assert sim.p10 <= sim.p50 <= sim.p90
    assert 0.0 <= sim.probability_positive <= 1.0
    lowest, highest = sim.net_values_per_year.min(), sim.net_values_per_year.max()
    slack = 1e-9 * (abs(lowest) + abs(highest))
    assert lowest - slack <= sim.mean <= highest + slack


def test_collapsed_ranges_give_the_deterministic_net_value_in_every_draw() -> None:
    s = _collapsed(Scenario())
    sim = simulate(s, draws=5_000, seed=3)
    # 28,544.91: the sample's net value (see test_bottomline)
    assert np.all(sim.net_values_per_year == float(net_value_per_year(s.values())))
    assert sim.net_values_per_year == pytest.approx(28_544.91)
    assert sim.probability_positive == 1.0


@settings(max_examples=50, deadline=None)
@given(scenarios(ranges=False), st.integers(0, 2**32))
def test_collapsed_ranges_give_the_deterministic_net_value(s: Scenario, seed: int) -> None:
    s = s.evolve(ranges={n: (getattr(s, n), getattr(s, n)) for n in uncertain_inputs()})
    sim = simulate(s, draws=200, seed=seed)
    assert np.all(sim.net_values_per_year == float(net_value_per_year(s.values())))
    assert sim.p50 == pytest.approx(
        bottom_line(s).net_value_per_year,
        rel=1e-9,
        abs=1e-6 * (abs(bottom_line(s).value_per_year) + 1),
    )


def test_one_uncertain_input_gives_its_triangular_distribution() -> None:
    # Only analytics_value_per_kpi varies, triangular(0, 80, 80). Net value is linear in it:
    # net = 28,544.91 + 470 * (x - 80), with 470 = 4 h * 47 weeks * 0.25 tests/h * 10
    # conversions/test.
    s = _collapsed(Scenario()).with_range("analytics_value_per_kpi", 0, 80)
    sim = simulate(s, draws=100_000, seed=11)
    # mean of x: (0 + 80 + 80) / 3 = 53.333; net: 28,544.91 + 470 * (53.333 - 80) = 16,011.58
    # sd of x: sqrt((0 + 6400 + 6400 - 0 - 0 - 6400) / 18) = 18.856; of the mean: 470 *
    # 18.856 / sqrt(100,000) = 28.0
    assert sim.mean == pytest.approx(16_011.58, abs=6 * 28.0)
    # P10 of x: F(x) = x² / 6400 = 0.1 -> x = 25.298; net 28,544.91 + 470 * (25.298 - 80)
    # = 2,835.05
    assert sim.p10 == pytest.approx(2_835.05, abs=300)
    # net > 0 <=> x > 80 - 28,544.91 / 470 = 19.266; P(x <= 19.266) = 19.266² / 6400 = 0.0580
    assert sim.probability_positive == pytest.approx(1 - 0.0580, abs=0.004)


def test_a_base_outside_its_range_widens_the_range() -> None:
    # range (100, 120) with base 80: draws come from triangular(80, 80, 120)
    s = _collapsed(Scenario()).with_range("analytics_value_per_kpi", 100, 120)
    x = simulate(s, draws=20_000, seed=2).net_values_per_year
    # net at 80: 28,544.91; at 120: 28,544.91 + 470 * 40 = 47,344.91
    assert x.min() >= 28_544.91 - 1e-6
    assert x.max() <= 47_344.91 + 1e-6
    assert x.min() < 28_544.91 + 470 * 20  # some draws below the user's low end of 100


def test_sample_case_simulation_is_plausible() -> None:
    sim = simulate(Scenario(), draws=100_000, seed=0)
    # every draw lies between all-low and all-high ends of the inputs' ranges
    assert sim.p10 < bottom_line(Scenario()).net_value_per_year < sim.p90
    assert 0.5 < sim.probability_positive < 1.0


@pytest.mark.parametrize("draws", [0, -5, 2.5, True, "100"])
def test_simulate_refuses_bad_draws(draws) -> None:
    with pytest.raises(ValueError, match="draws"):
        simulate(Scenario(), draws=draws)


# --- tornado ---------------------------------------------------------------------------


def _recomputed_swing(s: Scenario, name: str) -> float:
    low, high = s.range_of(name)
    return abs(
        bottom_line(s.evolve(**{name: high})).net_value_per_year
        - bottom_line(s.evolve(**{name: low})).net_value_per_year
    )


@pytest.mark.parametrize("country", ["US", "NO", "custom"])
def test_tornado_is_sorted_and_every_swing_is_recomputed_with_evolve(country: str) -> None:
    s = preset(country)
    rows = tornado(s)
    assert rows
    swings = [r.swing for r in rows]
    assert swings == sorted(swings, reverse=True)
    for r in rows:
        assert (r.low, r.high) == s.range_of(r.name)
        assert r.net_value_at_low == pytest.approx(
            bottom_line(s.evolve(**{r.name: r.low})).net_value_per_year
        )
        assert r.swing == pytest.approx(_recomputed_swing(s, r.name))
    # every input that moves net value is in; the rest are out
    moving = {n for n in uncertain_inputs() if _recomputed_swing(s, n) > 1e-6}
    assert {r.name for r in rows} == moving


def test_tornado_of_the_sample_case() -> None:
    rows = tornado(Scenario())
    top = rows[0]
    # analytics: 4 h * 47 weeks * 0.25 * 10 = 470 per unit of value; 470 * (120 - 40)
    # = 37,600 (the KPI and output rates swing the same: +/-50% on the same chain)
    assert top.name.startswith("analytics_")
    assert top.swing == pytest.approx(37_600)
    names = {r.name for r in rows}
    # the inbox and one-off inputs do not move the yearly net value
    assert names.isdisjoint(
        {
            "reply_share",
            "handle_time_minutes",
            "chat_concurrency",
            "shrinkage",
            "recruiting_cost",
            "ramp_up_weeks",
        }
    )
    # US sample: Norway's holiday pay does not count; the US benefits load does
    assert "no_holiday_pay_share" not in names
    benefits = next(r for r in rows if r.name == "benefits_load_share")
    assert benefits.swing == pytest.approx(62_810 * (0.419 - 0.25))  # 10,614.89


@settings(max_examples=30, deadline=None)
@given(scenarios())
def test_tornado_is_sorted_for_generated_scenarios(s: Scenario) -> None:
    swings = [r.swing for r in tornado(s)]
    assert swings == sorted(swings, reverse=True)
    assert all(w > 0 for w in swings)


def test_payback_percentiles_are_order_statistics_with_never_as_infinity() -> None:
    sim = simulate(Scenario(), draws=20_000, seed=3)
    months = np.sort(sim.payback_months)
    # Inverted CDF: the ceil(q * n)-th smallest draw.
    assert sim.payback_percentile(50) == months[10_000 - 1]
    assert sim.payback_percentile(90) == months[18_000 - 1]
    assert sim.payback_percentile(50) <= sim.payback_percentile(90)
    # A draw that never pays back (net <= 0) counts as infinite months.
    never = int(np.sum(sim.net_values_per_year <= 0))
    assert int(np.sum(np.isinf(sim.payback_months))) == never
