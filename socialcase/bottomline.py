"""The bottom line (steps 0 and 8): net value, ROI, payback and the cost of waiting.

`net_value_per_year` is the whole formula over plain inputs, so the Monte
Carlo in `socialcase.uncertainty` evaluates it on arrays of draws.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from socialcase.costs import HireCost, employer_cost, hire_cost, ramp_up_cost
from socialcase.risk import AttritionRisk, attrition_risk, leave_probability, relief_hours_per_week
from socialcase.scenario import ACTIVITIES
from socialcase.vision import VisionValue, activity_value_per_year, vision_value

__all__ = ["BottomLine", "bottom_line", "net_value_per_year", "one_off_cost", "payback_months"]

DAYS_PER_MONTH = 365.25 / 12


def payback_months(one_off_cost: float, net_value_per_year: float) -> float:
    """Months until the net value repays the one-off costs; infinite if it never does.

    Notes
    -----
    Simple payback: ``one_off / (net_value_per_year / 12)``, where the yearly
    net value already pays for the running costs (salary, employer costs, tools).

    Examples
    --------
    >>> payback_months(12_000, 48_000)
    3.0
    >>> payback_months(12_000, -1)
    inf
    """
    if net_value_per_year <= 0:
        return math.inf
    return one_off_cost / (net_value_per_year / 12.0)


@dataclass(frozen=True)
class BottomLine:
    """The verdict of the case, in the scenario's currency."""

    cost: HireCost
    vision: VisionValue
    risk: AttritionRisk

    @property
    def value_per_year(self) -> float:
        """What the hire brings a year: the vision's value and the avoided attrition."""
        return self.vision.value_per_year + self.risk.avoided_cost_per_year

    @property
    def net_value_per_year(self) -> float:
        """``value - steady-state cost``: a normal year once the hire is in place."""
        return self.value_per_year - self.cost.steady_state_cost_per_year

    @property
    def net_value_year_one(self) -> float:
        """The first year: one-off costs (recruiting, equipment, ramp-up) included."""
        return self.net_value_per_year - self.cost.one_off_cost

    @property
    def status_quo_cost_per_year(self) -> float:
        """Without the hire: the expected cost of burned-out leavers."""
        return self.risk.expected_cost_without_per_year

    @property
    def roi(self) -> float:
        """Net value per unit of steady-state cost."""
        return (
            self.net_value_per_year / self.cost.steady_state_cost_per_year
            if self.cost.steady_state_cost_per_year
            else math.inf
        )

    @property
    def payback_months(self) -> float:
        return payback_months(self.cost.one_off_cost, self.net_value_per_year)

    @property
    def months_from_decision_to_payback(self) -> float:
        """Time to fill the position, then the payback."""
        return self.cost.time_to_fill_days / DAYS_PER_MONTH + self.payback_months

    @property
    def cost_of_waiting_per_month(self) -> float:
        """A month's delay forgoes a month of net value: ``net_value_per_year / 12``."""
        return self.net_value_per_year / 12.0


def bottom_line(scenario: Any) -> BottomLine:
    """The bottom line of `scenario`.

    >>> from socialcase import Scenario
    >>> b = bottom_line(Scenario())
    >>> round(b.net_value_per_year)  # 111,907 + 3,203 - 86,565
    28545
    """
    return BottomLine(hire_cost(scenario), vision_value(scenario), attrition_risk(scenario))


def net_value_per_year(values: Mapping[str, Any]) -> Any:
    """Net value per year from plain inputs (floats or numpy arrays, broadcast).

    The same formula as `BottomLine.net_value_per_year`, written out so it runs
    on arrays: ``vision value + avoided attrition - steady-state cost``.
    """
    v = values
    loaded = _loaded_salary(v)
    cost = loaded + v["tools_cost_per_year"]
    return _value(v) - cost


def one_off_cost(values: Mapping[str, Any]) -> Any:
    """One-off costs from plain inputs (arrays broadcast), as `HireCost.one_off_cost`:
    ``recruiting + equipment + loaded salary / 52 * ramp_up_weeks / 2``."""
    return (
        values["recruiting_cost"]
        + values["equipment_cost"]
        + ramp_up_cost(_loaded_salary(values), values["ramp_up_weeks"])
    )


def _loaded_salary(v: Mapping[str, Any]) -> Any:
    return v["hire_salary_per_year"] + employer_cost(
        v["hire_salary_per_year"],
        v["country"],
        benefits_load_share=v["benefits_load_share"],
        no_employer_tax_share=v["no_employer_tax_share"],
        no_holiday_pay_share=v["no_holiday_pay_share"],
        no_pension_share=v["no_pension_share"],
        no_basic_amount=v["no_basic_amount"],
        custom_employer_cost_share=v["custom_employer_cost_share"],
    )


def _value(v: Mapping[str, Any]) -> Any:
    """Vision value plus avoided attrition, per year."""
    value = 0.0
    activity_hours = 0.0
    for a in ACTIVITIES:
        hours = v[f"hire_{a.key}_hours_per_week"]
        activity_hours = activity_hours + hours
        value = value + activity_value_per_year(
            hours,
            v[f"{a.key}_output_per_hour"],
            v[f"{a.key}_kpi_per_output"],
            v[f"{a.key}_value_per_kpi"],
            v["working_weeks_per_year"],
        )

    team_contract = v["team_size"] * v["contracted_hours_per_week"]
    overtime = np.maximum(v["team_size"] * v["actual_hours_per_week"] - team_contract, 0.0)
    relief = relief_hours_per_week(v["hire_hours_per_week"], activity_hours, overtime)
    p_without = leave_probability(
        v["baseline_turnover_per_year"],
        overtime / team_contract,
        v["overtime_attrition_elasticity"],
    )
    p_with = leave_probability(
        v["baseline_turnover_per_year"],
        (overtime - relief) / team_contract,
        v["overtime_attrition_elasticity"],
    )
    avoided = (
        v["team_size"]
        * (p_without - p_with)
        * v["team_salary_per_year"]
        * v["replacement_cost_multiplier"]
    )
    return value + avoided
