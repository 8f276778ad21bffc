"""The fully loaded cost of the hire (step 8, "The bottom line").

Salary plus employer costs by country preset, tools, equipment, recruiting and
the productivity not yet delivered while the hire ramps up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["HireCost", "employer_cost", "hire_cost", "ramp_up_cost"]


def employer_cost(
    salary_per_year: Any,
    country: str,
    *,
    benefits_load_share: Any = 0.34,
    no_employer_tax_share: Any = 0.141,
    no_holiday_pay_share: Any = 0.102,
    no_pension_share: Any = 0.02,
    no_basic_amount: Any = 130_160,
    custom_employer_cost_share: Any = 0.3,
) -> Any:
    """Employer costs on top of salary, per year.

    Notes
    -----
    US: ``salary * benefits_load`` (BLS ECEC: benefits are 34% of wages at firms
    under 50 staff, 41.9% across private industry).

    Norway::

        holiday   = salary * feriepenger_share              (Ferieloven, 10.2%)
        pension   = max(salary - 1G, 0) * otp_share         (OTP law, at least 2%)
        aga       = (salary + holiday + pension) * aga_share (Skatteetaten zone 1, 14.1%)
        employer  = holiday + pension + aga

    Holiday pay is added in full, as Norwegian budgets do, although it partly
    replaces salary for the weeks of leave. Custom: ``salary * share``.
    Works element-wise on numpy arrays.

    Examples
    --------
    >>> round(float(employer_cost(62_810, "US")), 2)  # 62,810 * 0.34
    21355.4
    >>> round(float(employer_cost(802_200, "NO")), 1)
    221807.8
    """
    salary = np.asarray(salary_per_year, dtype=float)
    if country == "US":
        return salary * benefits_load_share
    if country == "NO":
        holiday = salary * no_holiday_pay_share
        pension = np.maximum(salary - no_basic_amount, 0.0) * no_pension_share
        return holiday + pension + (salary + holiday + pension) * no_employer_tax_share
    if country == "custom":
        return salary * custom_employer_cost_share
    raise ValueError(f"country must be one of US, NO, custom: got {country!r}")


def ramp_up_cost(
    loaded_cost_per_year: Any, ramp_up_weeks: Any, weeks_per_year: float = 52.0
) -> Any:
    """Pay for output not yet delivered while productivity ramps up linearly.

    Notes
    -----
    With productivity rising linearly from 0 to 1 over ``R`` weeks, half the pay
    of those weeks buys no output: ``cost = loaded_cost_per_week * R / 2``.
    Time to full productivity: 20 weeks for professionals (Mellon Financial
    study, cited by MIT Sloan Management Review).

    Examples
    --------
    >>> float(ramp_up_cost(52_000, 20))  # 1,000 a week * 20 / 2
    10000.0
    """
    return np.asarray(loaded_cost_per_year, dtype=float) / weeks_per_year * ramp_up_weeks / 2.0


@dataclass(frozen=True)
class HireCost:
    """What the hire costs, in the scenario's currency."""

    salary_per_year: float
    employer_costs_per_year: float
    tools_cost_per_year: float
    recruiting_cost: float
    equipment_cost: float
    ramp_up_cost: float
    time_to_fill_days: float

    @property
    def loaded_salary_per_year(self) -> float:
        return self.salary_per_year + self.employer_costs_per_year

    @property
    def steady_state_cost_per_year(self) -> float:
        """Salary, employer costs and tools: what every year costs."""
        return self.loaded_salary_per_year + self.tools_cost_per_year

    @property
    def one_off_cost(self) -> float:
        """Recruiting, equipment and ramp-up: paid once, in year one."""
        return self.recruiting_cost + self.equipment_cost + self.ramp_up_cost

    @property
    def year_one_cost(self) -> float:
        return self.steady_state_cost_per_year + self.one_off_cost


def hire_cost(scenario: Any) -> HireCost:
    """The fully loaded cost of the hire described by `scenario`.

    >>> from socialcase import Scenario
    >>> cost = hire_cost(Scenario())
    >>> round(cost.steady_state_cost_per_year)  # 62,810 * 1.34 + 2,400
    86565
    """
    s = scenario
    employer = float(
        employer_cost(
            s.hire_salary_per_year,
            s.country,
            benefits_load_share=s.benefits_load_share,
            no_employer_tax_share=s.no_employer_tax_share,
            no_holiday_pay_share=s.no_holiday_pay_share,
            no_pension_share=s.no_pension_share,
            no_basic_amount=s.no_basic_amount,
            custom_employer_cost_share=s.custom_employer_cost_share,
        )
    )
    loaded = s.hire_salary_per_year + employer
    return HireCost(
        salary_per_year=s.hire_salary_per_year,
        employer_costs_per_year=employer,
        tools_cost_per_year=s.tools_cost_per_year,
        recruiting_cost=s.recruiting_cost,
        equipment_cost=s.equipment_cost,
        ramp_up_cost=float(ramp_up_cost(loaded, s.ramp_up_weeks)),
        time_to_fill_days=s.time_to_fill_days,
    )
