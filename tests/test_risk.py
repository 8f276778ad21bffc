"""Burnout and flight risk: replacement cost, chance of leaving, the hire's relief."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import scenarios

from socialcase import (
    Scenario,
    attrition_risk,
    leave_probability,
    replacement_cost,
    turnover_rate,
)

shares = st.floats(0, 1)
slopes = st.floats(0, 2)
overtime = st.floats(-1, 10)
salaries = st.floats(0, 1e8)
multipliers = st.floats(0, 10)


def test_replacement_cost_gallup_and_cap_examples() -> None:
    # Gallup: 0.5x to 2x salary: 62,810 * 0.5 = 31,405; 62,810 * 2 = 125,620
    assert replacement_cost(62_810, 0.5) == 31_405
    assert replacement_cost(62_810, 2.0) == 125_620
    # CAP (Boushey & Glynn 2012), median 21%: 62,810 * 0.21 = 13,190.10
    assert replacement_cost(62_810, 0.21) == pytest.approx(13_190.10)
    assert isinstance(replacement_cost(62_810, 1.0), float)


def test_replacement_cost_works_on_arrays() -> None:
    result = replacement_cost(np.array([40_000.0, 62_810.0]), np.array([0.5, 2.0]))
    assert result.tolist() == [20_000.0, 125_620.0]  # 40,000 * 0.5; 62,810 * 2


@pytest.mark.parametrize(
    ("salary", "multiplier"),
    [(-1, 1.0), (62_810, -0.5), (math.nan, 1.0), (62_810, math.inf), (np.array([1.0, -1.0]), 1.0)],
)
def test_replacement_cost_refuses_negative_or_non_finite_input(salary, multiplier) -> None:
    with pytest.raises(ValueError, match="must be a finite number >= 0"):
        replacement_cost(salary, multiplier)


@given(salaries, salaries, multipliers, st.floats(0, 100))
def test_replacement_cost_is_linear(a: float, b: float, m: float, k: float) -> None:
    # salary * multiplier: additive in salary and homogeneous in both arguments
    assert replacement_cost(a + b, m) == pytest.approx(
        replacement_cost(a, m) + replacement_cost(b, m), rel=1e-12, abs=1e-6
    )
    assert replacement_cost(a * k, m) == pytest.approx(
        k * replacement_cost(a, m), rel=1e-12, abs=1e-6
    )
    assert replacement_cost(a, m * k) == pytest.approx(
        k * replacement_cost(a, m), rel=1e-12, abs=1e-6
    )


def test_turnover_rate_worked_examples() -> None:
    # 0.129 * e^(1.0 * 0.2) = 0.15756 (LinkedIn 2022 marketing turnover, raised by overtime)
    assert turnover_rate(0.129, 0.2, 1.0) == pytest.approx(0.129 * math.exp(0.2))
    # no overtime, or working less than contracted: the baseline 12.9%
    assert turnover_rate(0.129, 0.0, 1.0) == pytest.approx(0.129)
    assert turnover_rate(0.129, -0.25, 1.0) == pytest.approx(0.129)
    # a rate of 0.129 leavers a year is a 1 - e^-0.129 = 12.1% chance one person leaves
    assert leave_probability(0.129) == pytest.approx(1 - math.exp(-0.129))


@given(shares, overtime, slopes)
def test_leave_probability_is_a_probability(baseline: float, share: float, k: float) -> None:
    assert 0.0 <= leave_probability(turnover_rate(baseline, share, k)) <= 1.0


@given(shares, overtime, overtime, slopes)
def test_turnover_never_falls_as_overtime_grows(
    baseline: float, a: float, b: float, k: float
) -> None:
    low, high = sorted((a, b))
    assert turnover_rate(baseline, low, k) <= turnover_rate(baseline, high, k)
    assert leave_probability(turnover_rate(baseline, low, k)) <= leave_probability(
        turnover_rate(baseline, high, k)
    )


def test_attrition_risk_of_the_sample_case() -> None:
    risk = attrition_risk(Scenario())
    # team overtime: 2 people * (50 - 40) h = 20 h a week, of 2 * 40 = 80 contracted
    assert risk.overtime_hours_per_week == 20
    assert risk.overtime_share_without == pytest.approx(0.25)  # 20 / 80
    # the hire: 40 h * 0.8 productive = 32 h, less the vision's 10 + 6 + 4 + 3 + 3 = 26 h
    assert risk.relief_hours_per_week == pytest.approx(6)
    assert risk.overtime_share_with == pytest.approx(0.175)  # (20 - 6) / 80
    without, with_ = 0.129 * math.exp(0.25), 0.129 * math.exp(0.175)
    assert risk.turnover_without == pytest.approx(without)
    assert risk.turnover_with == pytest.approx(with_)
    assert risk.replacement_cost_per_leaver == 66_750  # 66,750 * 1.0
    assert risk.expected_leavers_without == pytest.approx(2 * without)
    assert risk.avoided_cost_per_year == pytest.approx(2 * (without - with_) * 66_750)
    # the hire's own turnover: 12.9% a year at 1x salary = 8,610.75
    assert risk.hire_turnover_cost_per_year == pytest.approx(8_610.75)


def test_no_overtime_means_no_avoided_attrition() -> None:
    risk = attrition_risk(Scenario(actual_hours_per_week=38, after_hours_cover_hours_per_week=4))
    assert risk.overtime_hours_per_week == 0
    assert risk.relief_hours_per_week == 0
    assert risk.turnover_without == risk.turnover_with == pytest.approx(0.129)
    assert risk.avoided_cost_per_year == 0


def test_relief_is_capped_by_the_overtime() -> None:
    # 2 * (42 - 40) = 4 h of overtime; the hire's 6 spare productive hours can only take 4
    risk = attrition_risk(Scenario(actual_hours_per_week=42))
    assert risk.relief_hours_per_week == 4
    assert risk.turnover_with == pytest.approx(0.129)
    # a vision that fills all 32 productive hours leaves nothing for the overtime
    full = attrition_risk(Scenario(hire_responding_hours_per_week=16))  # 16+6+4+3+3 = 32
    assert full.relief_hours_per_week == 0
    assert full.avoided_cost_per_year == 0


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_the_hire_never_raises_the_risk(s: Scenario) -> None:
    risk = attrition_risk(s)
    assert 0 <= risk.leave_probability_with <= risk.leave_probability_without <= 1
    assert 0 <= risk.relief_hours_per_week <= risk.overtime_hours_per_week
    assert risk.avoided_cost_per_year >= 0


@settings(max_examples=150, deadline=None)
@given(scenarios(), st.floats(0, 168), st.floats(0, 168))
def test_more_overtime_never_lowers_risk_or_avoided_attrition(
    s: Scenario, a: float, b: float
) -> None:
    low, high = sorted((a, b))
    cover = min(s.after_hours_cover_hours_per_week, low)
    shorter = attrition_risk(
        s.evolve(actual_hours_per_week=low, after_hours_cover_hours_per_week=cover)
    )
    longer = attrition_risk(
        s.evolve(actual_hours_per_week=high, after_hours_cover_hours_per_week=cover)
    )
    assert shorter.leave_probability_without <= longer.leave_probability_without
    assert shorter.expected_cost_without_per_year <= longer.expected_cost_without_per_year
    assert shorter.avoided_cost_per_year <= longer.avoided_cost_per_year * (1 + 1e-12) + 1e-9


@pytest.mark.parametrize(("multiplier", "expected"), [(0.5, 657_500), (2.0, 2_630_000)])
def test_gallups_worked_example(multiplier: float, expected: float) -> None:
    # Gallup, "This Fixable Problem Costs U.S. Businesses $1 Trillion": 100 employees at
    # $50,000 with 26.3% turnover (MAP) cost $657,500 to $2.63M a year to replace at 0.5x-2x.
    s = Scenario(
        team_size=100,
        team_salary_per_year=50_000,
        baseline_turnover_per_year=0.263,
        actual_hours_per_week=40,  # no overtime: the published rate itself
        replacement_cost_multiplier=multiplier,
    )
    risk = attrition_risk(s)
    assert risk.expected_leavers_without == pytest.approx(26.3)
    assert risk.expected_cost_without_per_year == pytest.approx(expected)
