"""Uncertainty of the bottom line: triangular draws, the seeded Monte Carlo, the tornado."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import scenarios

from socialcase import Scenario, bottom_line, preset, simulate, tornado
from socialcase.scenario import uncertain_inputs
from socialcase.uncertainty import correlated_uniforms, triangular_from_uniform

finite = st.floats(-1e6, 1e6)
# magnitudes where the variance formula neither underflows nor loses the sample mean
moderate = st.one_of(st.just(0.0), st.floats(1e-6, 1e6), st.floats(-1e6, -1e-6))


def _collapsed(s: Scenario) -> Scenario:
    """`s` with every range collapsed to its base value and no activity value spread."""
    s = s.evolve(activity_value_spread=0.0)
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


# --- correlated draws ------------------------------------------------------------------


@pytest.mark.parametrize("rho", [0.0, 0.4, 0.9])
def test_correlated_uniforms_have_the_gaussian_copula_rank_correlation(rho: float) -> None:
    u = correlated_uniforms(np.random.default_rng(4), 3, 200_000, rho)
    assert u.min() >= 0 and u.max() <= 1
    assert float(np.mean(u[0])) == pytest.approx(0.5, abs=0.005)  # uniform margins
    # Spearman's rho of a Gaussian copula: (6 / pi) * arcsin(rho / 2)
    expected = 6 / math.pi * math.asin(rho / 2)
    assert float(np.corrcoef(u)[0, 1]) == pytest.approx(expected, abs=0.01)


def test_a_shared_estimation_bias_widens_the_distribution() -> None:
    s = Scenario()
    alone = simulate(s.evolve(estimation_bias_correlation=0.0), draws=50_000, seed=1)
    shared = simulate(s.evolve(estimation_bias_correlation=0.9), draws=50_000, seed=1)
    assert np.std(shared.net_present_values) > 1.1 * np.std(alone.net_present_values)


# --- simulate --------------------------------------------------------------------------


def test_same_seed_repeats_exactly_and_other_seeds_differ() -> None:
    a = simulate(Scenario(), draws=20_000, seed=7)
    b = simulate(Scenario(), draws=20_000, seed=7)
    c = simulate(Scenario(), draws=20_000, seed=8)
    assert np.array_equal(a.net_present_values, b.net_present_values)
    assert not np.array_equal(a.net_present_values, c.net_present_values)
    assert (a.draws, a.seed) == (20_000, 7)
    assert a.net_present_values.shape == (20_000,)


@settings(max_examples=50, deadline=None)
@given(scenarios(), st.integers(0, 2**32))
def test_a_seeded_simulation_repeats_exactly(s: Scenario, seed: int) -> None:
    a = simulate(s, draws=500, seed=seed)
    b = simulate(s, draws=500, seed=seed)
    assert np.array_equal(a.net_present_values, b.net_present_values)


@settings(max_examples=50, deadline=None)
@given(scenarios(), st.integers(0, 2**32))
def test_percentiles_are_ordered_and_probability_is_a_share(s: Scenario, seed: int) -> None:
    sim = simulate(s, draws=1000, seed=seed)
    assert np.all(np.isfinite(sim.net_present_values))
    assert sim.p10 <= sim.p50 <= sim.p90
    assert sim.probability_positive == float(np.mean(sim.net_present_values > 0))
    lowest, highest = sim.net_present_values.min(), sim.net_present_values.max()
    slack = 1e-9 * (abs(lowest) + abs(highest))
    assert lowest - slack <= sim.mean <= highest + slack


def test_the_point_case_is_every_draw_at_base_values() -> None:
    # One function for both: at zero-width ranges and no spread the draws are the point case.
    s = _collapsed(Scenario())
    b = bottom_line(s)
    sim = simulate(s, draws=5_000, seed=3)
    assert np.all(sim.net_present_values == b.net_present_value)
    assert np.all(sim.year_one_net_values == b.year_one_net_value)
    assert np.all(sim.net_values_per_year == b.net_value_per_year)
    assert np.all(sim.payback_months == b.payback_months)


@settings(max_examples=50, deadline=None)
@given(scenarios(ranges=False), st.integers(0, 2**32))
def test_collapsed_ranges_give_the_point_case(s: Scenario, seed: int) -> None:
    s = _collapsed(s)
    sim = simulate(s, draws=200, seed=seed)
    assert np.all(sim.net_present_values == bottom_line(s).net_present_value)


def test_one_uncertain_input_gives_its_triangular_distribution() -> None:
    # Only recruiting varies, triangular(0, 4,425, 4,425), paid in month 0 and discounted
    # by 1.08^(-1/12): NPV = NPV(base) + 1.08^(-1/12) * (4,425 - x).
    s = _collapsed(Scenario()).with_range("recruiting_cost", 0, 4_425)
    base = bottom_line(s).net_present_value
    d0 = 1.08 ** (-1 / 12)
    sim = simulate(s, draws=100_000, seed=11)
    # mean of x: (0 + 4,425 + 4,425) / 3 = 2,950; sd: 4,425 / sqrt(18) = 1,043; of the
    # mean: 1,043 / sqrt(100,000) = 3.3
    assert sim.mean == pytest.approx(base + d0 * (4_425 - 2_950), abs=6 * 3.3 * d0)
    # P90 of NPV is P10 of x: F(x) = x^2 / 4,425^2 = 0.1 -> x = 1,399.3
    assert sim.p90 == pytest.approx(base + d0 * (4_425 - 4_425 * math.sqrt(0.1)), abs=30)


def test_inputs_that_cannot_move_money_are_not_drawn() -> None:
    us = simulate(Scenario(), draws=100, seed=0).drawn
    assert "benefits_load_share" in us and "reply_share" in us
    norway = simulate(preset("NO"), draws=100, seed=0).drawn
    assert "benefits_load_share" not in norway  # the US load does not apply in Norway
    quiet = simulate(Scenario(hire_responding_hours_per_week=0), draws=100, seed=0).drawn
    assert "reply_share" not in quiet and "handle_time_minutes" not in quiet
    assert "analytics value per hour" in us


def test_sample_case_simulation_is_plausible() -> None:
    sim = simulate(Scenario(), draws=100_000, seed=0)
    assert sim.p10 < bottom_line(Scenario()).net_present_value < sim.p90
    assert 0.0 < sim.probability_positive < 1.0


@pytest.mark.parametrize("draws", [0, -5, 2.5, True, "100"])
def test_simulate_refuses_bad_draws(draws) -> None:
    with pytest.raises(ValueError, match="draws"):
        simulate(Scenario(), draws=draws)


# --- tornado ---------------------------------------------------------------------------


def _npv(s: Scenario) -> float:
    return bottom_line(s).net_present_value


@pytest.mark.parametrize("country", ["US", "NO", "custom"])
def test_tornado_is_sorted_and_every_swing_is_recomputed_with_evolve(country: str) -> None:
    s = preset(country)
    rows = tornado(s)
    assert rows
    swings = [r.swing for r in rows]
    assert swings == sorted(swings, reverse=True)
    for r in rows:
        if r.name.endswith("_value_per_hour"):
            continue
        assert (r.low, r.high) == s.range_of(r.name)
        assert r.net_value_at_low == pytest.approx(_npv(s.evolve(**{r.name: r.low})))
        assert r.net_value_at_high == pytest.approx(_npv(s.evolve(**{r.name: r.high})))


def test_the_tornado_groups_an_activity_s_rates_into_one_bar() -> None:
    s = Scenario()
    rows = {r.name: r for r in tornado(s)}
    assert not any(n.endswith(("_kpi_per_output", "_output_per_hour")) for n in rows)
    bar = rows["analytics_value_per_hour"]
    # +/-50% on the whole chain equals +/-50% on its margin per KPI (the chain is linear)
    low = _npv(s.evolve(analytics_value_per_kpi=80 * 0.5))
    high = _npv(s.evolve(analytics_value_per_kpi=80 * 1.5))
    assert (bar.net_value_at_low, bar.net_value_at_high) == pytest.approx((low, high))
    labels = [r.label for r in rows.values()]
    assert len(labels) == len(set(labels))  # no triplets of identical bars


def test_the_tornado_leaves_out_what_does_not_move_money() -> None:
    names = {r.name for r in tornado(Scenario())}
    assert "no_holiday_pay_share" not in names  # a Norway input, US sample
    assert "benefits_load_share" in names
    assert "benefits_load_share" not in {r.name for r in tornado(preset("NO"))}


@settings(max_examples=30, deadline=None)
@given(scenarios())
def test_tornado_is_sorted_for_generated_scenarios(s: Scenario) -> None:
    swings = [r.swing for r in tornado(s)]
    assert swings == sorted(swings, reverse=True)
    assert all(w > 0 for w in swings)


def test_payback_percentiles_are_order_statistics_with_never_as_infinity() -> None:
    sim = simulate(Scenario(hire_salary_per_year=40_000), draws=20_000, seed=3)
    months = np.sort(sim.payback_months)
    # Inverted CDF: the ceil(q * n)-th smallest draw.
    assert sim.payback_percentile(50) == months[10_000 - 1]
    assert sim.payback_percentile(90) == months[18_000 - 1]
    low, high = sim.payback_percentile_interval(50)
    assert low <= sim.payback_percentile(50) <= high
    # A draw whose cash never turns positive within the horizon counts as infinite months.
    assert np.all(np.isinf(sim.payback_months[sim.net_present_values < -1e6]))
