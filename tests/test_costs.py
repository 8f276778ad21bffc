"""The fully loaded cost of the hire: employer costs by country, ramp-up, one-off costs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import scenarios

from socialcase import Scenario, employer_cost, hire_cost, preset
from socialcase.costs import ramp_up_cost
from socialcase.scenario import COUNTRIES


def test_us_employer_cost_is_the_bls_benefits_load() -> None:
    # BLS ECEC Sep 2024, firms under 50 staff: 62,810 * 0.34 = 21,355.40
    assert employer_cost(62_810, "US") == pytest.approx(21_355.40)
    # BLS ECEC Dec 2024, private industry: 13.20 / 31.47 = 41.9% -> 62,810 * 0.419 = 26,317.39
    assert employer_cost(62_810, "US", benefits_load_share=0.419) == pytest.approx(26_317.39)


def test_norway_employer_cost_worked_example() -> None:
    # Norway: holiday 802,200 * 0.102 = 81,824.40; pension (802,200 - 130,160) * 0.02
    # = 13,440.80; AGA (802,200 + 81,824.40 + 13,440.80) * 0.141 = 126,542.59;
    # total 81,824.40 + 13,440.80 + 126,542.59 = 221,807.79
    assert employer_cost(802_200, "NO") == pytest.approx(221_807.79, abs=0.01)


def test_norway_pension_is_zero_below_one_g() -> None:
    # 100,000 < 1G = 130,160: holiday 10,200; pension 0; AGA (100,000 + 10,200) * 0.141
    # = 15,538.20; total 25,738.20
    assert employer_cost(100_000, "NO") == pytest.approx(25_738.20)


def test_custom_employer_cost_is_a_share_of_salary() -> None:
    # templates: 25-30% of base salary; 62,810 * 0.3 = 18,843
    assert employer_cost(62_810, "custom") == pytest.approx(18_843.0)
    assert employer_cost(62_810, "custom", custom_employer_cost_share=0.25) == pytest.approx(
        15_702.5  # 62,810 * 0.25
    )


def test_employer_cost_refuses_an_unknown_country() -> None:
    with pytest.raises(ValueError, match="SE"):
        employer_cost(62_810, "SE")


@pytest.mark.parametrize("country", COUNTRIES)
def test_employer_cost_works_element_wise(country: str) -> None:
    salaries_ = np.array([0.0, 50_000.0, 130_160.0, 802_200.0])
    costs = employer_cost(salaries_, country)
    assert costs.shape == (4,)
    assert costs.tolist() == pytest.approx([float(employer_cost(s, country)) for s in salaries_])


def test_ramp_up_cost_is_half_the_pay_of_the_ramp_weeks() -> None:
    # 52,000 a year = 1,000 a week; 20 weeks at half output: 1,000 * 20 / 2 = 10,000
    assert ramp_up_cost(52_000, 20) == pytest.approx(10_000)
    assert ramp_up_cost(52_000, 0) == 0
    # 8 weeks clerical (Mellon): 1,000 * 8 / 2 = 4,000
    assert ramp_up_cost(52_000, 8) == pytest.approx(4_000)


def test_hire_cost_of_the_sample_case() -> None:
    cost = hire_cost(Scenario())
    assert cost.salary_per_year == 62_810
    assert cost.employer_costs_per_year == pytest.approx(21_355.40)  # 62,810 * 0.34
    assert cost.loaded_salary_per_year == pytest.approx(84_165.40)  # 62,810 + 21,355.40
    # + software seats 2,400
    assert cost.steady_state_cost_per_year == pytest.approx(86_565.40)
    # ramp-up: 84,165.40 / 52 * 20 / 2 = 16,185.65
    assert cost.ramp_up_cost == pytest.approx(16_185.65, abs=0.01)
    # one-off: recruiting 4,425 (SHRM) + equipment 3,000 + ramp-up 16,185.65 = 23,610.65
    assert cost.one_off_cost == pytest.approx(23_610.65, abs=0.01)
    # year one: 86,565.40 + 23,610.65 = 110,176.05
    assert cost.year_one_cost == pytest.approx(110_176.05, abs=0.01)
    assert cost.time_to_fill_days == 42


def test_hire_cost_of_the_norway_preset() -> None:
    cost = hire_cost(preset("NO"))
    # employer costs as in the worked example above: 221,807.79
    assert cost.employer_costs_per_year == pytest.approx(221_807.79, abs=0.01)
    # 802,200 + 221,807.79 + tools 25,800 = 1,049,807.79
    assert cost.steady_state_cost_per_year == pytest.approx(1_049_807.79, abs=0.01)


def test_hire_cost_follows_the_country() -> None:
    # custom: 62,810 * 0.3 = 18,843; US benefits load ignored
    cost = hire_cost(Scenario(country="custom", benefits_load_share=2))
    assert cost.employer_costs_per_year == pytest.approx(18_843.0)


@settings(max_examples=100, deadline=None)
@given(s=scenarios(), low=st.floats(0, 1e8 - 1), step=st.floats(1, 1e8))
def test_steady_state_cost_rises_strictly_with_salary(s: Scenario, low: float, step: float) -> None:
    high = min(low + step, 1e8)  # at least one unit of currency above `low`
    for country in COUNTRIES:
        cheap = hire_cost(s.evolve(country=country, hire_salary_per_year=low))
        dear = hire_cost(s.evolve(country=country, hire_salary_per_year=high))
        assert dear.steady_state_cost_per_year > cheap.steady_state_cost_per_year, country
        assert dear.one_off_cost >= cheap.one_off_cost, country


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_cost_parts_add_up_and_are_never_negative(s: Scenario) -> None:
    cost = hire_cost(s)
    assert cost.employer_costs_per_year >= 0
    assert cost.loaded_salary_per_year >= cost.salary_per_year
    assert cost.year_one_cost == pytest.approx(
        cost.salary_per_year
        + cost.employer_costs_per_year
        + cost.tools_cost_per_year
        + cost.recruiting_cost
        + cost.equipment_cost
        + cost.ramp_up_cost
    )


@given(st.floats(0, 1e8), st.floats(0, 1e8))
def test_norway_employer_cost_matches_the_three_laws(salary: float, g: float) -> None:
    holiday = salary * 0.102  # Ferieloven
    pension = max(salary - g, 0.0) * 0.02  # OTP: 2% above 1G
    aga = (salary + holiday + pension) * 0.141  # Skatteetaten zone 1
    assert float(employer_cost(salary, "NO", no_basic_amount=g)) == pytest.approx(
        holiday + pension + aga, rel=1e-12, abs=1e-9
    )
