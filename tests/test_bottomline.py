"""The bottom line: the monthly cash flow, NPV, year one, payback from the decision."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import scenarios

from socialcase import Scenario, bottom_line, evaluate, money_model, preset

# A plain case to check the cash flow by hand: the hire starts on the decision date, is
# at full speed at once, and nothing is discounted.
PLAIN = dict(time_to_fill_days=0, ramp_up_weeks=0, discount_rate=0.0, horizon_years=1)


def test_headline_numbers_of_the_sample_case() -> None:
    b = evaluate(Scenario()).bottom_line
    # value: 104,575 of the activities (test_vision) + avoided attrition
    # 2 * 0.129 * (e^0.25 - e^0.175) * 66,750 = 1,598.03 (test_risk)
    avoided = 2 * 0.129 * (math.exp(0.25) - math.exp(0.175)) * 66_750
    assert b.value_per_year == pytest.approx(104_575 + avoided)
    # running cost: 66,750 * 1.34 + 2,400 = 91,845 (test_costs) + the hire's own turnover
    # 0.129 * 66,750 = 8,610.75
    assert b.running_cost_per_year == pytest.approx(100_455.75)
    assert b.net_value_per_year == pytest.approx(104_575 + avoided - 100_455.75)
    # vacancy: 42 days / (365.25 / 12) = 1.3799 months (SHRM time to fill)
    assert b.start_month == pytest.approx(42 / (365.25 / 12))
    # ramp-up: 20 weeks = 4.615 months at half the value on average
    value_month = (104_575 + avoided) / 12
    assert b.ramp_value_forgone == pytest.approx(value_month * (20 / (52 / 12)) / 2)
    assert b.payback_months == math.inf  # not within the 3-year horizon
    assert b.net_present_value < 0 < b.net_value_per_year
    assert b.year_one_net_value < b.net_value_per_year


def test_cash_flow_by_hand() -> None:
    s = Scenario(**PLAIN)
    b = bottom_line(s)
    m = (b.value_per_year - b.running_cost_per_year) / 12  # every month the same
    once = 4_425 + 3_000  # recruiting and equipment, in month 0
    assert b.net_by_month[0] == pytest.approx(m - once)
    assert b.net_by_month[1:] == pytest.approx([m] * 11)
    assert b.net_present_value == pytest.approx(12 * m - once)
    assert b.year_one_net_value == pytest.approx(12 * m - once)
    assert b.payback_months == math.inf  # 7,425 / m = 15.6 months: not within one year
    two = bottom_line(s.evolve(horizon_years=2))
    assert two.payback_months == pytest.approx(once / m)  # cumulative turns positive
    assert b.cost_of_waiting_per_month == pytest.approx(m)  # the horizon's last month lost
    assert b.roi == pytest.approx(b.net_present_value / (b.running_cost_per_year + once))


def test_discounting_is_monthly_at_the_yearly_rate() -> None:
    s = Scenario(**{**PLAIN, "discount_rate": 0.08, "horizon_years": 3})
    b = bottom_line(s)
    flows = np.array(b.net_by_month)
    factors = 1.08 ** (-(np.arange(36) + 1) / 12)
    assert b.net_present_value == pytest.approx(float(flows @ factors))


def test_the_ramp_delivers_value_not_a_pay_charge() -> None:
    # 52/12 * 2 weeks = 2 months of ramp: months deliver 1/4, 3/4, then full value
    s = Scenario(**{**PLAIN, "ramp_up_weeks": 52 / 6})
    m = money_model(s.values())
    value_month = float((m.activities_value_per_year + m.avoided_attrition_per_year) / 12)
    plain = money_model(Scenario(**PLAIN).values())
    got = np.array(m.net_by_month) - np.array(plain.net_by_month)
    assert got[:3] == pytest.approx([-0.75 * value_month, -0.25 * value_month, 0.0])
    assert float(m.ramp_value_forgone) == pytest.approx(value_month)  # R / 2 = 1 month


def test_the_vacancy_delays_cost_and_value() -> None:
    # 1.5 months to fill: nothing in month 0 but recruiting, half of month 1, then full
    days = 1.5 * 365.25 / 12
    m = money_model(Scenario(**{**PLAIN, "time_to_fill_days": days}).values())
    plain = money_model(Scenario(**PLAIN).values())
    month = float(plain.net_by_month[1])
    assert float(m.net_by_month[0]) == pytest.approx(-4_425)
    assert float(m.net_by_month[1]) == pytest.approx(0.5 * month - 3_000)  # equipment
    assert float(m.net_by_month[2]) == pytest.approx(month)


def test_a_hire_that_never_pays_back() -> None:
    b = bottom_line(Scenario(hire_salary_per_year=200_000))
    assert b.payback_months == math.inf
    assert b.net_present_value < 0
    assert b.cost_of_waiting_per_month < 0  # waiting saves money then


def test_the_norway_preset_has_a_bottom_line() -> None:
    b = bottom_line(preset("NO"))
    assert math.isfinite(b.net_present_value)
    assert b.vision.hire_hours_per_week == 37.5


def _scale(s: Scenario) -> float:
    b = bottom_line(s)
    return abs(b.value_per_year) + b.running_cost_per_year + b.cost.one_off_cost + 1.0


@settings(max_examples=100, deadline=None)
@given(scenarios(), st.floats(0, 1e8), st.floats(0, 1e8))
def test_net_value_never_rises_with_the_hire_s_salary(s: Scenario, a: float, b: float) -> None:
    low, high = sorted((a, b))
    cheap = bottom_line(s.evolve(hire_salary_per_year=low))
    dear = bottom_line(s.evolve(hire_salary_per_year=high))
    tol = 1e-9 * (_scale(s.evolve(hire_salary_per_year=high)))
    assert dear.net_value_per_year <= cheap.net_value_per_year + tol
    assert dear.net_present_value <= cheap.net_present_value + tol
    assert dear.year_one_net_value <= cheap.year_one_net_value + tol


@settings(max_examples=100, deadline=None)
@given(scenarios(), st.floats(0.01, 1), st.floats(0.01, 1))
def test_a_lower_productive_share_never_raises_net_value(s: Scenario, a: float, b: float) -> None:
    low, high = sorted((a, b))
    allotted = sum(
        getattr(s, f"hire_{k}_hours_per_week")
        for k in ("responding", "content", "analytics", "collaboration", "community")
    )
    if allotted > s.hire_hours_per_week * low:
        low = min(allotted / s.hire_hours_per_week, 1.0)
        high = max(high, low)
    lean = bottom_line(s.evolve(hire_productive_share=low))
    full = bottom_line(s.evolve(hire_productive_share=high))
    assert lean.net_value_per_year <= full.net_value_per_year + 1e-9 * _scale(s)
    assert lean.net_present_value <= full.net_present_value + 1e-9 * _scale(s)


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_year_one_is_below_a_steady_year_when_there_are_one_off_costs(s: Scenario) -> None:
    # With net value >= 0 a month, the vacancy and the ramp only take value away; one-off
    # costs then put year one below a steady-state year. (A hire that loses money every
    # month loses less in a year it is vacant part of.)
    b = bottom_line(s)
    if b.net_value_per_year >= 0 and b.cost.one_off_cost > 1e-9 * _scale(s):
        assert b.year_one_net_value < b.net_value_per_year


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_bottom_line_parts_fit_together(s: Scenario) -> None:
    b = bottom_line(s)
    tol = 1e-9 * _scale(s) * s.horizon_years
    assert b.net_value_per_year == pytest.approx(
        b.value_per_year - b.running_cost_per_year, abs=tol
    )
    assert len(b.net_by_month) == 12 * s.horizon_years
    cumulative = np.cumsum(b.net_by_month)
    if cumulative[-1] < 0:
        assert b.payback_months == math.inf
    else:
        assert 0 <= b.payback_months <= 12 * s.horizon_years
        whole = math.ceil(b.payback_months)
        assert (cumulative[whole:] >= -tol).all()
    undiscounted = float(np.sum(b.net_by_month))
    if s.discount_rate == 0:
        assert b.net_present_value == pytest.approx(undiscounted, abs=tol)
