"""The vision: what the hire's 40 extra hours a week buy (step 6).

Each activity is a driver chain, read top-down:
hours -> output -> KPI -> money, through editable conversion rates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from socialcase.scenario import ACTIVITIES, Activity

__all__ = ["ActivityValue", "VisionValue", "activity_value_per_year", "vision_value"]


def activity_value_per_year(
    hours_per_week: Any,
    output_per_hour: Any,
    kpi_per_output: Any,
    value_per_kpi: Any,
    working_weeks_per_year: Any,
) -> Any:
    """Value of one activity per year: a driver tree from hours to money.

    Notes
    -----
    ``value = hours/week * output/hour * KPI/output * money/KPI * weeks/year``.
    A top-down driver tree as used in value-driver analysis; every rate is the
    team's own estimate, to be agreed with finance.

    Examples
    --------
    >>> activity_value_per_year(8, 12, 0.015, 300, 47)  # 8*12*0.015*300*47
    20304.0
    """
    return (
        hours_per_week * output_per_hour * kpi_per_output * value_per_kpi * working_weeks_per_year
    )


@dataclass(frozen=True)
class ActivityValue:
    """One activity's chain, per year."""

    activity: Activity
    hours_per_week: float
    hours_per_year: float
    output_per_year: float
    kpi_per_year: float
    value_per_year: float


@dataclass(frozen=True)
class VisionValue:
    """What the hire's hours buy, per activity and in total."""

    activities: tuple[ActivityValue, ...]
    hire_hours_per_week: float
    relief_hours_per_week: float  # hours left for the team's overtime (see risk)

    @property
    def activity_hours_per_week(self) -> float:
        return sum(a.hours_per_week for a in self.activities)

    @property
    def value_per_year(self) -> float:
        return sum(a.value_per_year for a in self.activities)


def vision_value(scenario: Any) -> VisionValue:
    """The value of the hire's hours in `scenario`.

    >>> from socialcase import Scenario
    >>> round(vision_value(Scenario()).value_per_year)
    111907
    """
    s = scenario
    rows = []
    for a in ACTIVITIES:
        hours = getattr(s, f"hire_{a.key}_hours_per_week")
        per_year = hours * s.working_weeks_per_year
        output = per_year * getattr(s, f"{a.key}_output_per_hour")
        kpi = output * getattr(s, f"{a.key}_kpi_per_output")
        value = kpi * getattr(s, f"{a.key}_value_per_kpi")
        rows.append(ActivityValue(a, hours, per_year, output, kpi, value))
    used = sum(r.hours_per_week for r in rows)
    return VisionValue(tuple(rows), s.hire_hours_per_week, s.hire_hours_per_week - used)
