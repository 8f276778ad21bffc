"""Burnout and flight risk (step 7, "The risks").

Overtime raises the team's turnover; a leaver costs a multiple of salary to replace.
The hire takes over some of the team's overtime, and may leave too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from socialcase.scenario import Scenario

__all__ = [
    "AttritionRisk",
    "attrition_risk",
    "leave_probability",
    "replacement_cost",
    "risk_from_model",
    "turnover_rate",
]


def replacement_cost(salary_per_year: Any, multiplier: Any) -> Any:
    """Cost of replacing one leaver: ``salary * multiplier``.

    Notes
    -----
    Gallup puts the cost of replacing an employee at 0.5x to 2x annual salary
    ("conservative"); Boushey & Glynn (Center for American Progress, 2012) find
    a median of 0.21x across 30 case studies. The cost covers vacancy,
    recruiting, onboarding and lost productivity.

    Examples
    --------
    >>> replacement_cost(62_810, 0.5), replacement_cost(62_810, 2.0)
    (31405.0, 125620.0)
    """
    for name, value in (("salary_per_year", salary_per_year), ("multiplier", multiplier)):
        if np.any(np.asarray(value) < 0) or not np.all(np.isfinite(np.asarray(value, float))):
            raise ValueError(f"{name} must be a finite number >= 0: got {value!r}")
    result = np.asarray(salary_per_year, dtype=float) * multiplier
    return float(result) if np.ndim(result) == 0 else result


def turnover_rate(baseline_per_year: Any, overtime_share: Any, slope: Any) -> Any:
    """Leavers per person a year, raised by sustained overtime (a proportional hazard).

    Notes
    -----
    A stated assumption of this model, with a bounded slope (0 to 2)::

        rate = baseline * exp(slope * max(overtime_share, 0))
        overtime_share = (actual_hours - contracted_hours) / contracted_hours

    The baseline is a turnover rate (leavers per head a year): 12.9% in marketing in
    2022 (LinkedIn), the average of all marketers with and without overtime, applied here
    at contracted hours. The rate never falls as overtime rises, and because it grows
    faster with more overtime, taking an hour of overtime away never saves less when there
    is more overtime. No study of long hours and actual turnover pins the slope, so it is
    an input with a range; 1.0 puts 20% overtime at 1.22x the baseline.

    Examples
    --------
    >>> round(float(turnover_rate(0.129, 0.2, 1.0)), 4)  # 0.129 * e^0.2
    0.1576
    """
    return baseline_per_year * np.exp(slope * np.maximum(overtime_share, 0.0))


def leave_probability(rate_per_year: Any) -> Any:
    """Chance that one person leaves within 12 months at a turnover rate: ``1 - e^-rate``.

    Never above 1, and never falling as the rate rises.

    >>> round(float(leave_probability(0.129)), 4)
    0.121
    """
    return 1.0 - np.exp(-np.asarray(rate_per_year, dtype=float))


@dataclass(frozen=True)
class AttritionRisk:
    """Expected cost of the existing team leaving, per year, without and with the hire,
    and the expected cost of the hire's own turnover."""

    overtime_hours_per_week: float  # the whole team's hours above contract
    relief_hours_per_week: float  # of those, taken over by the hire
    overtime_share_without: float
    overtime_share_with: float
    turnover_without: float  # leavers per person a year
    turnover_with: float
    replacement_cost_per_leaver: float
    team_size: float
    hire_turnover_cost_per_year: float

    @property
    def leave_probability_without(self) -> float:
        return float(leave_probability(self.turnover_without))

    @property
    def leave_probability_with(self) -> float:
        return float(leave_probability(self.turnover_with))

    @property
    def expected_leavers_without(self) -> float:
        return self.team_size * self.turnover_without

    @property
    def expected_leavers_with(self) -> float:
        return self.team_size * self.turnover_with

    @property
    def expected_cost_without_per_year(self) -> float:
        return self.expected_leavers_without * self.replacement_cost_per_leaver

    @property
    def expected_cost_with_per_year(self) -> float:
        return self.expected_leavers_with * self.replacement_cost_per_leaver

    @property
    def avoided_cost_per_year(self) -> float:
        return self.expected_cost_without_per_year - self.expected_cost_with_per_year


def attrition_risk(scenario: Scenario) -> AttritionRisk:
    """Expected attrition cost of the current team without and with the hire.

    Notes
    -----
    ``expected cost = team_size * turnover_rate(overtime) * replacement_cost``; the hire's
    relief hours come from the one budget of the hire's week (`socialcase.model`). The
    hire's own turnover, ``baseline * hire salary * multiplier`` a year, is a cost of the
    hire.

    >>> from socialcase import Scenario
    >>> risk = attrition_risk(Scenario())
    >>> round(risk.leave_probability_without, 4), round(risk.leave_probability_with, 4)
    (0.1526, 0.1424)
    """
    from socialcase.model import money_model  # the model builds on this module's formulas

    return risk_from_model(scenario, money_model(scenario.values()))


def risk_from_model(scenario: Scenario, m: Any) -> AttritionRisk:
    """The `AttritionRisk` view of a `socialcase.model.MoneyModel` of `scenario`."""
    return AttritionRisk(
        overtime_hours_per_week=float(m.team_overtime_hours_per_week),
        relief_hours_per_week=float(m.relief_hours_per_week),
        overtime_share_without=float(m.overtime_share_without),
        overtime_share_with=float(m.overtime_share_with),
        turnover_without=float(m.team_turnover_without),
        turnover_with=float(m.team_turnover_with),
        replacement_cost_per_leaver=float(m.replacement_cost_per_leaver),
        team_size=float(scenario.team_size),
        hire_turnover_cost_per_year=float(m.hire_turnover_cost_per_year),
    )
