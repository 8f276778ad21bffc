"""Burnout and flight risk (step 7, "The risks").

Overtime raises the chance that someone on the team leaves; a leaver costs a
multiple of salary to replace. The hire takes over the team's overtime.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from socialcase.scenario import ACTIVITIES

__all__ = ["AttritionRisk", "attrition_risk", "leave_probability", "replacement_cost"]


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


def leave_probability(baseline_per_year: Any, overtime_share: Any, elasticity: Any) -> Any:
    """Chance that one person leaves within 12 months, raised by sustained overtime.

    Notes
    -----
    An assumption of this model, stated so it can be argued with::

        p = min(1, baseline * (1 + elasticity * max(overtime_share, 0)))
        overtime_share = (actual_hours - contracted_hours) / contracted_hours

    Baseline: 17% a year in marketing (LinkedIn Talent Insights). With
    elasticity 1, 20% overtime gives 20.4%, close to the 20% of social media
    professionals who plan to leave social within 12 months (Sprout Social
    pulse survey, Q2 2023).

    Examples
    --------
    >>> round(float(leave_probability(0.17, 0.2, 1.0)), 3)
    0.204
    """
    raised = baseline_per_year * (1.0 + elasticity * np.maximum(overtime_share, 0.0))
    return np.minimum(raised, 1.0)


@dataclass(frozen=True)
class AttritionRisk:
    """Expected cost of the existing team leaving, per year, without and with the hire."""

    overtime_hours_per_week: float  # the whole team's hours above contract
    relief_hours_per_week: float  # of those, taken over by the hire
    overtime_share_without: float
    overtime_share_with: float
    leave_probability_without: float
    leave_probability_with: float
    replacement_cost_per_leaver: float
    expected_leavers_without: float
    expected_leavers_with: float
    expected_cost_without_per_year: float
    expected_cost_with_per_year: float

    @property
    def avoided_cost_per_year(self) -> float:
        return self.expected_cost_without_per_year - self.expected_cost_with_per_year


def relief_hours_per_week(
    hire_hours_per_week: Any, activity_hours_per_week: Any, team_overtime_hours_per_week: Any
) -> Any:
    """Hours of the team's overtime the hire takes over.

    The hire's hours not allotted to an activity of the vision go to work the
    team now does in overtime: ``min(hire_hours - activity_hours, overtime)``.
    """
    return np.minimum(
        np.maximum(hire_hours_per_week - activity_hours_per_week, 0.0), team_overtime_hours_per_week
    )


def attrition_risk(scenario: Any) -> AttritionRisk:
    """Expected attrition cost of the current team without and with the hire.

    Notes
    -----
    ``expected cost = team_size * p(overtime) * replacement_cost``, with `p` from
    `leave_probability`. The hire's own turnover is left out: it is the same
    for any hire and not part of the burnout the case is about.

    >>> from socialcase import Scenario
    >>> risk = attrition_risk(Scenario())
    >>> round(risk.leave_probability_without, 4), round(risk.leave_probability_with, 4)
    (0.204, 0.1785)
    """
    s = scenario
    team_contract = s.team_size * s.contracted_hours_per_week
    overtime = max(s.team_size * s.actual_hours_per_week - team_contract, 0.0)
    activity_hours = sum(getattr(s, f"hire_{a.key}_hours_per_week") for a in ACTIVITIES)
    relief = float(relief_hours_per_week(s.hire_hours_per_week, activity_hours, overtime))
    share_without = overtime / team_contract
    share_with = (overtime - relief) / team_contract
    p_without = float(
        leave_probability(
            s.baseline_turnover_per_year, share_without, s.overtime_attrition_elasticity
        )
    )
    p_with = float(
        leave_probability(s.baseline_turnover_per_year, share_with, s.overtime_attrition_elasticity)
    )
    per_leaver = replacement_cost(s.team_salary_per_year, s.replacement_cost_multiplier)
    return AttritionRisk(
        overtime_hours_per_week=overtime,
        relief_hours_per_week=relief,
        overtime_share_without=share_without,
        overtime_share_with=share_with,
        leave_probability_without=p_without,
        leave_probability_with=p_with,
        replacement_cost_per_leaver=per_leaver,
        expected_leavers_without=s.team_size * p_without,
        expected_leavers_with=s.team_size * p_with,
        expected_cost_without_per_year=s.team_size * p_without * per_leaver,
        expected_cost_with_per_year=s.team_size * p_with * per_leaver,
    )
