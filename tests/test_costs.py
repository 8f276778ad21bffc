"""The fully loaded cost of the hire: employer costs by country and one-off costs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import scenarios

from socialcase import Scenario, employer_cost, hire_cost, preset
from socialcase.scenario import COUNTRIES


def test_us_employer_cost_is_the_bls_benefits_load() -> None:
    # BLS ECEC Sep 2024, firms under 50 staff: 66,750 * 0.34 = 22,695
    assert employer_cost(66_750, "US") == pytest.approx(22_695.0)
    # BLS ECEC Dec 2024, private industry: 13.20 / 31.47 = 41.9% -> 66,750 * 0.419 = 27,968.25
    assert employer_cost(66_750, "US", benefits_load_share=0.419) == pytest.approx(27_968.25)


def test_norway_employer_cost_reproduces_regnskapsskole_to_the_krone() -> None:
    # regnskapsskole.no, "Hva koster en ansatt": NOK 600,000 -> 707,405 a year, with the
    # example's own rates: 47 of 52 weeks, feriepenger 12%, AGA 14.1%, OTP 2% above
    # G = 101,351, yrkesskadeforsikring 3,000.
    salary = 600_000
    pay = salary * 47 / 52
    assert round(pay) == 542_308
    assert round(pay * 0.12) == 65_077  # feriepenger
    assert round((pay + pay * 0.12) * 0.141) == 85_641  # AGA on pay
    assert round((salary - 101_351) * 0.02) == 9_973  # OTP
    assert round(9_973 * 0.141) == 1_406  # AGA on OTP
    extra = employer_cost(
        salary,
        "NO",
        no_employer_tax_share=0.141,
        no_holiday_pay_share=0.12,
        no_vacation_weeks=5,
        no_pension_share=0.02,
        no_basic_amount=101_351,
        no_injury_insurance_per_year=3_000,
    )
    assert round(salary + float(extra)) == 707_405


def test_norway_pension_runs_between_one_and_twelve_g() -> None:
    g = 130_160
    below = employer_cost(100_000, "NO", no_basic_amount=g, no_pension_share=0.5)
    without = employer_cost(100_000, "NO", no_basic_amount=g, no_pension_share=0.0)
    assert below == pytest.approx(without)  # 100,000 < 1G: no OTP
    # Above 12G the OTP base stops at 12G - 1G = 11G: 2% of 11 * 130,160 = 28,635.20
    top = employer_cost(3_000_000, "NO", no_basic_amount=g)
    top_no_otp = employer_cost(3_000_000, "NO", no_basic_amount=g, no_pension_share=0.0)
    assert float(top - top_no_otp) == pytest.approx(28_635.20 * 1.141)


def test_norway_holiday_pay_replaces_salary_for_the_weeks_of_leave() -> None:
    # 52 weeks of pay and no leave, no holiday pay, no AGA, no OTP: nothing on top.
    zero = employer_cost(
        500_000,
        "NO",
        no_employer_tax_share=0.0,
        no_holiday_pay_share=0.0,
        no_vacation_weeks=0,
        no_pension_share=0.0,
    )
    assert float(zero) == pytest.approx(0.0)
    # 5 weeks at 12%: pay 47/52 * 1.12 = 1.01231 of salary, so 1.23% on top before AGA.
    only_holiday = employer_cost(520_000, "NO", no_employer_tax_share=0.0, no_pension_share=0.0)
    assert float(only_holiday) == pytest.approx(520_000 * (47 / 52 * 1.12 - 1))


def test_custom_employer_cost_is_a_share_of_salary() -> None:
    # templates: 25-30% of base salary; 66,750 * 0.3 = 20,025
    assert employer_cost(66_750, "custom") == pytest.approx(20_025.0)
    assert employer_cost(66_750, "custom", custom_employer_cost_share=0.25) == pytest.approx(
        16_687.5  # 66,750 * 0.25
    )


def test_employer_cost_refuses_an_unknown_country() -> None:
    with pytest.raises(ValueError, match="SE"):
        employer_cost(62_810, "SE")


@pytest.mark.parametrize("country", COUNTRIES)
def test_employer_cost_works_element_wise(country: str) -> None:
    salaries_ = np.array([0.0, 50_000.0, 130_160.0, 802_200.0, 2e6])
    costs = employer_cost(salaries_, country)
    assert costs.shape == (5,)
    assert costs.tolist() == pytest.approx([float(employer_cost(s, country)) for s in salaries_])


def test_hire_cost_of_the_sample_case() -> None:
    cost = hire_cost(Scenario())
    assert cost.salary_per_year == 66_750  # BLS OEWS May 2023
    assert cost.employer_costs_per_year == pytest.approx(22_695.0)  # 66,750 * 0.34
    assert cost.loaded_salary_per_year == pytest.approx(89_445.0)
    assert cost.steady_state_cost_per_year == pytest.approx(91_845.0)  # + seats 2,400
    # one-off: recruiting 4,425 (SHRM) + equipment 3,000; the ramp is value, not cost
    assert cost.one_off_cost == pytest.approx(7_425.0)
    assert cost.year_one_cost == pytest.approx(99_270.0)
    assert cost.time_to_fill_days == 42


def test_hire_cost_of_the_norway_preset() -> None:
    s = preset("NO")
    cost = hire_cost(s)
    salary = 802_200
    pay = salary * 47 / 52
    pension = (salary - 130_160) * 0.02
    expected = (pay * 1.12 + pension) * 1.141 + 3_000 - salary
    assert cost.employer_costs_per_year == pytest.approx(expected)
    assert s.hire_hours_per_week == 37.5
    assert s.no_holiday_pay_share == 0.12 and s.no_vacation_weeks == 5


def test_hire_cost_follows_the_country() -> None:
    # custom: 66,750 * 0.3 = 20,025; US benefits load ignored
    cost = hire_cost(Scenario(country="custom", benefits_load_share=2))
    assert cost.employer_costs_per_year == pytest.approx(20_025.0)


@settings(max_examples=100, deadline=None)
@given(s=scenarios(), low=st.floats(0, 1e8 - 1), step=st.floats(1, 1e8))
def test_steady_state_cost_rises_strictly_with_salary(s: Scenario, low: float, step: float) -> None:
    high = min(low + step, 1e8)  # at least one unit of currency above `low`
    for country in COUNTRIES:
        cheap = hire_cost(s.evolve(country=country, hire_salary_per_year=low))
        dear = hire_cost(s.evolve(country=country, hire_salary_per_year=high))
        assert dear.steady_state_cost_per_year > cheap.steady_state_cost_per_year, country


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_cost_parts_add_up(s: Scenario) -> None:
    cost = hire_cost(s)
    assert cost.year_one_cost == pytest.approx(
        cost.salary_per_year
        + cost.employer_costs_per_year
        + cost.tools_cost_per_year
        + cost.recruiting_cost
        + cost.equipment_cost
    )
    if s.country != "NO":
        assert cost.employer_costs_per_year >= 0
