"""The bottom line: net value, ROI, payback, the cost of waiting; and the array formula."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import scenarios

from socialcase import Scenario, bottom_line, evaluate, payback_months, preset
from socialcase.bottomline import net_value_per_year


def test_payback_months_worked_example() -> None:
    # simple payback: 12,000 / (48,000 / 12) = 12,000 / 4,000 = 3 months
    assert payback_months(12_000, 48_000) == 3.0
    # 23,610.65 / (28,544.91 / 12) = 9.9257 months (the sample case, below)
    assert payback_months(23_610.65, 28_544.91) == pytest.approx(9.9257, abs=1e-4)
    assert payback_months(0, 1_000) == 0.0


@pytest.mark.parametrize("net", [0.0, -1.0, -1e9, -math.inf])
def test_payback_never_comes_when_net_value_is_not_positive(net: float) -> None:
    assert payback_months(12_000, net) == math.inf


@given(st.floats(0, 1e9), st.floats(1e-3, 1e9))
def test_payback_repays_the_one_off_cost(one_off: float, net: float) -> None:
    # months * monthly net value = one-off cost
    assert payback_months(one_off, net) * net / 12 == pytest.approx(one_off, rel=1e-12, abs=1e-9)


def test_headline_numbers_of_the_sample_case() -> None:
    b = evaluate(Scenario()).bottom_line
    # vision: 35,532 + 5,875 + 37,600 + 21,150 + 11,750 = 111,907 (see test_vision)
    # avoided attrition: 2 * (0.17 * 1.2 - 0.17 * 1.05) * 62,810 * 1.0 = 3,203.31 (test_risk)
    assert b.value_per_year == pytest.approx(115_110.31)  # 111,907 + 3,203.31
    # steady-state cost: 62,810 * 1.34 + 2,400 = 86,565.40 (test_costs)
    # net value: 115,110.31 - 86,565.40 = 28,544.91
    assert b.net_value_per_year == pytest.approx(28_544.91)
    # ROI: 28,544.91 / 86,565.40 = 0.32975
    assert b.roi == pytest.approx(0.32975, abs=1e-5)
    # one-off: 4,425 + 3,000 + 84,165.40 / 52 * 20 / 2 = 23,610.65
    # year one: 28,544.91 - 23,610.65 = 4,934.26
    assert b.net_value_year_one == pytest.approx(4_934.26, abs=0.01)
    # payback: 23,610.65 / (28,544.91 / 12) = 9.9257 months
    assert b.payback_months == pytest.approx(9.9257, abs=1e-4)
    # decision to payback: 42 days / (365.25 / 12) = 1.3799 months, + 9.9257 = 11.3056
    assert b.months_from_decision_to_payback == pytest.approx(11.3056, abs=1e-4)
    # cost of waiting: 28,544.91 / 12 = 2,378.74 a month
    assert b.cost_of_waiting_per_month == pytest.approx(2_378.74, abs=0.01)
    # status quo: 2 * 0.204 * 62,810 = 25,626.48 of expected leavers a year
    assert b.status_quo_cost_per_year == pytest.approx(25_626.48)


def test_a_hire_that_never_pays_back() -> None:
    b = bottom_line(Scenario(hire_salary_per_year=200_000))
    # 200,000 * 1.34 + 2,400 = 270,400 > 115,110.31 of value
    assert b.net_value_per_year == pytest.approx(115_110.31 - 270_400)
    assert b.payback_months == math.inf
    assert b.months_from_decision_to_payback == math.inf
    assert b.cost_of_waiting_per_month < 0  # waiting saves money then


def test_roi_of_a_free_hire_is_infinite() -> None:
    b = bottom_line(Scenario(hire_salary_per_year=0, tools_cost_per_year=0))
    assert b.cost.steady_state_cost_per_year == 0
    assert b.roi == math.inf


def _scale(s: Scenario) -> float:
    """The size of the terms net value is the difference of, for a rounding tolerance."""
    b = bottom_line(s)
    return (
        b.vision.value_per_year
        + b.risk.expected_cost_without_per_year
        + b.risk.expected_cost_with_per_year
        + b.cost.steady_state_cost_per_year
        + 1.0
    )


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_array_formula_equals_the_bottom_line(s: Scenario) -> None:
    # The Monte Carlo relies on this: net_value_per_year(values) is BottomLine's formula.
    expected = bottom_line(s).net_value_per_year
    got = float(net_value_per_year(s.values()))
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-9 * _scale(s))


@pytest.mark.parametrize("country", ["US", "NO", "custom"])
def test_array_formula_equals_the_bottom_line_for_each_preset(country: str) -> None:
    s = preset(country)
    assert float(net_value_per_year(s.values())) == pytest.approx(
        bottom_line(s).net_value_per_year, rel=1e-12
    )


def test_array_formula_broadcasts_element_wise() -> None:
    s = Scenario()
    salaries = np.array([40_000.0, 62_810.0, 90_000.0])
    shares = np.array([0.25, 0.34, 0.419])
    nets = net_value_per_year(
        {**s.values(), "hire_salary_per_year": salaries, "benefits_load_share": shares}
    )
    expected = [
        bottom_line(s.evolve(hire_salary_per_year=a, benefits_load_share=b)).net_value_per_year
        for a, b in zip(salaries, shares, strict=True)
    ]
    assert nets.shape == (3,)
    assert nets.tolist() == pytest.approx(expected, rel=1e-12)
    # the sample's middle column: 28,544.91 as above
    assert nets[1] == pytest.approx(28_544.91)


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_bottom_line_parts_fit_together(s: Scenario) -> None:
    b = bottom_line(s)
    assert b.net_value_per_year == pytest.approx(
        b.vision.value_per_year + b.risk.avoided_cost_per_year - b.cost.steady_state_cost_per_year,
        rel=1e-12,
        abs=1e-12 * _scale(s),
    )
    assert b.net_value_year_one == pytest.approx(
        b.net_value_per_year - b.cost.one_off_cost, rel=1e-12, abs=1e-12 * _scale(s)
    )
    assert b.cost_of_waiting_per_month == pytest.approx(b.net_value_per_year / 12)
    if b.net_value_per_year <= 0:
        assert b.payback_months == math.inf
    else:
        assert b.payback_months >= 0


@settings(max_examples=60, deadline=None)
@given(scenario=scenarios())
def test_vectorised_one_off_cost_matches_the_hire_cost(scenario) -> None:
    """The Monte Carlo's payback uses this; it must be `HireCost.one_off_cost`."""
    from socialcase.bottomline import one_off_cost
    from socialcase.costs import hire_cost

    assert float(one_off_cost(scenario.values())) == pytest.approx(
        hire_cost(scenario).one_off_cost, rel=1e-9, abs=1e-6
    )
