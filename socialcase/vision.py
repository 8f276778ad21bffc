"""The vision: what the hire's hours a week buy (step 6).

Each activity is a driver chain, read top-down: productive hours -> output -> KPI ->
contribution margin, through editable conversion rates. Responding is valued from the
inbox evidence: the replies the hire's hours add. The figures come from the one model of
the money, `socialcase.model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from socialcase.scenario import ACTIVITIES, Activity

if TYPE_CHECKING:
    from socialcase.scenario import Scenario

__all__ = ["ActivityValue", "VisionValue", "vision_from_model", "vision_value"]


@dataclass(frozen=True)
class ActivityValue:
    """One activity's chain, per year (a steady-state year, at full productivity)."""

    activity: Activity
    hours_per_week: float  # productive hours allotted
    counted_hours_per_week: float  # of those, hours that earn value (see `VisionValue`)
    hours_per_year: float
    output_per_year: float
    kpi_per_year: float
    value_per_year: float


@dataclass(frozen=True)
class VisionValue:
    """What the hire's hours buy, per activity and in total.

    Hours: ``contracted * productive share = productive``; activities take
    `activity_hours_per_week` of those and the rest (`relief_hours_per_week`, up to the team's
    overtime) take over the team's overtime, valued in `socialcase.risk`. Cross-team work
    counts only up to the strategic hours the team lacks; responding counts only replies the
    team does not give today.
    """

    activities: tuple[ActivityValue, ...]
    hire_hours_per_week: float  # contracted
    productive_hours_per_week: float
    relief_hours_per_week: float
    extra_replies_per_week: float
    collaboration_hours_lacking_per_week: float

    @property
    def activity_hours_per_week(self) -> float:
        return sum(a.hours_per_week for a in self.activities)

    @property
    def unallotted_hours_per_week(self) -> float:
        """Productive hours neither on an activity nor relieving overtime."""
        return max(
            self.productive_hours_per_week
            - self.activity_hours_per_week
            - self.relief_hours_per_week,
            0.0,
        )

    @property
    def value_per_year(self) -> float:
        return sum(a.value_per_year for a in self.activities)

    def of(self, key: str) -> ActivityValue:
        return next(a for a in self.activities if a.activity.key == key)


def vision_value(scenario: Scenario) -> VisionValue:
    """The value of the hire's hours in `scenario`.

    >>> from socialcase import Scenario
    >>> round(vision_value(Scenario()).value_per_year)
    104575
    """
    from socialcase.model import money_model

    return vision_from_model(scenario, money_model(scenario.values()))


def vision_from_model(scenario: Scenario, m: Any) -> VisionValue:
    """The `VisionValue` view of a `socialcase.model.MoneyModel` of `scenario`."""
    s = scenario
    rows = []
    for a in ACTIVITIES:
        k = a.key
        hours = getattr(s, f"hire_{k}_hours_per_week")
        rows.append(
            ActivityValue(
                a,
                hours,
                float(m.counted_hours[k]),
                hours * s.working_weeks_per_year,
                float(m.output_per_year[k]),
                float(m.kpi_per_year[k]),
                float(m.value_per_year[k]),
            )
        )
    return VisionValue(
        tuple(rows),
        s.hire_hours_per_week,
        float(m.productive_hours_per_week),
        float(m.relief_hours_per_week),
        float(m.extra_replies_per_week),
        float(m.collaboration_hours_lacking_per_week),
    )
