"""The fully loaded cost of the hire (step 8, "The bottom line").

Salary plus employer costs by country preset, tools, equipment and recruiting. The
value not yet delivered while the hire ramps up is counted in the cash flow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from socialcase.scenario import Scenario

__all__ = ["HireCost", "employer_cost", "hire_cost"]


def employer_cost(
    salary_per_year: Any,
    country: str,
    *,
    benefits_load_share: Any = 0.34,
    no_employer_tax_share: Any = 0.141,
    no_holiday_pay_share: Any = 0.12,
    no_vacation_weeks: Any = 5,
    no_pension_share: Any = 0.02,
    no_basic_amount: Any = 130_160,
    no_injury_insurance_per_year: Any = 0.0,
    custom_employer_cost_share: Any = 0.3,
) -> Any:
    """Employer costs on top of the salary, per year.

    Notes
    -----
    US: ``salary * benefits_load`` (BLS ECEC: benefits are 34% of wages at firms under
    50 staff, 41.9% across private industry; paid leave is part of it).

    Norway, as regnskapsskole.no's "Hva koster en ansatt" budgets it::

        pay       = salary * (52 - leave weeks) / 52     (the weeks worked)
        holiday   = pay * feriepenger_share             (12% with 5 weeks, Ferieloven)
        pension   = otp_share * (min(salary, 12G) - 1G)  (OTP: 2% between 1G and 12G)
        aga       = (pay + holiday + pension) * aga_share (Skatteetaten zone 1, 14.1%)
        total     = pay + holiday + pension + aga + injury insurance
        employer  = total - salary

    Feriepenger pay the weeks of leave instead of the salary, so only what they add above
    the salary counts. Custom: ``salary * share``. Works element-wise on numpy arrays.

    Examples
    --------
    >>> round(float(employer_cost(66_750, "US")), 2)  # 66,750 * 0.34
    22695.0

    regnskapsskole.no's worked example: NOK 600,000 costs NOK 707,405 a year (pay 542,308,
    feriepenger 65,077, AGA 85,641, OTP 9,973, AGA on OTP 1,406, insurance 3,000):

    >>> extra = employer_cost(600_000, "NO", no_basic_amount=101_351,
    ...                       no_injury_insurance_per_year=3_000)
    >>> round(600_000 + float(extra))
    707405
    """
    salary = np.asarray(salary_per_year, dtype=float)
    if country == "US":
        return salary * benefits_load_share
    if country == "NO":
        pay = salary * (52.0 - no_vacation_weeks) / 52.0
        holiday = pay * no_holiday_pay_share
        pension_base = np.maximum(np.minimum(salary, 12.0 * no_basic_amount) - no_basic_amount, 0)
        pension = pension_base * no_pension_share
        tax = (pay + holiday + pension) * no_employer_tax_share
        return pay + holiday + pension + tax + no_injury_insurance_per_year - salary
    if country == "custom":
        return salary * custom_employer_cost_share
    raise ValueError(f"country must be one of US, NO, custom: got {country!r}")


@dataclass(frozen=True)
class HireCost:
    """What the hire costs, in the scenario's currency."""

    salary_per_year: float
    employer_costs_per_year: float
    tools_cost_per_year: float
    recruiting_cost: float
    equipment_cost: float
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
        """Recruiting and equipment, paid once. Ramp-up is value not yet delivered, which
        the cash flow counts (`socialcase.model`), not a cost."""
        return self.recruiting_cost + self.equipment_cost

    @property
    def year_one_cost(self) -> float:
        """The first year's outlay if the hire started on the decision date."""
        return self.steady_state_cost_per_year + self.one_off_cost


def hire_cost(scenario: Scenario) -> HireCost:
    """The fully loaded cost of the hire described by `scenario`.

    >>> from socialcase import Scenario
    >>> cost = hire_cost(Scenario())
    >>> round(cost.steady_state_cost_per_year)  # 66,750 * 1.34 + 2,400
    91845
    """
    s = scenario
    employer = float(
        employer_cost(
            s.hire_salary_per_year,
            s.country,
            benefits_load_share=s.benefits_load_share,
            no_employer_tax_share=s.no_employer_tax_share,
            no_holiday_pay_share=s.no_holiday_pay_share,
            no_vacation_weeks=s.no_vacation_weeks,
            no_pension_share=s.no_pension_share,
            no_basic_amount=s.no_basic_amount,
            no_injury_insurance_per_year=s.no_injury_insurance_per_year,
            custom_employer_cost_share=s.custom_employer_cost_share,
        )
    )
    return HireCost(
        salary_per_year=s.hire_salary_per_year,
        employer_costs_per_year=employer,
        tools_cost_per_year=s.tools_cost_per_year,
        recruiting_cost=s.recruiting_cost,
        equipment_cost=s.equipment_cost,
        time_to_fill_days=s.time_to_fill_days,
    )
