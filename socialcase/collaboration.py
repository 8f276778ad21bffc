"""No time to collaborate (step 4, "Sign 3"): the team's week as an hour budget.

Reactive work (inbox, after-hours cover, content, reporting, meetings) is taken
from the hours the team actually works; what is left is strategy and
cross-team work, compared with the hours the team wants for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from socialcase.scenario import Scenario

__all__ = ["HourBudget", "hour_budget"]


@dataclass(frozen=True)
class HourBudget:
    """The team's week, in hours per week for the whole team."""

    worked_hours_per_week: float
    contracted_hours_per_week: float
    inbox_hours_per_week: float
    after_hours_cover_hours_per_week: float
    content_hours_per_week: float
    reporting_hours_per_week: float
    meetings_admin_hours_per_week: float
    strategic_hours_wanted_per_week: float
    hire_collaboration_hours_per_week: float

    @property
    def reactive_hours_per_week(self) -> float:
        return (
            self.inbox_hours_per_week
            + self.after_hours_cover_hours_per_week
            + self.content_hours_per_week
            + self.reporting_hours_per_week
            + self.meetings_admin_hours_per_week
        )

    @property
    def strategic_hours_per_week(self) -> float:
        """Hours left for strategy today: ``max(worked - reactive, 0)``."""
        return max(self.worked_hours_per_week - self.reactive_hours_per_week, 0.0)

    @property
    def overcommitted_hours_per_week(self) -> float:
        """Reactive work beyond the hours worked: work that is not getting done."""
        return max(self.reactive_hours_per_week - self.worked_hours_per_week, 0.0)

    @property
    def strategic_share(self) -> float:
        return (
            self.strategic_hours_per_week / self.worked_hours_per_week
            if self.worked_hours_per_week
            else 0.0
        )

    @property
    def hours_lacking_per_week(self) -> float:
        """``max(wanted - strategic, 0)``: the hours the team wants and lacks."""
        return max(self.strategic_hours_wanted_per_week - self.strategic_hours_per_week, 0.0)

    @property
    def strategic_hours_with_hire_per_week(self) -> float:
        """Today's strategic hours plus the hire's cross-team hours."""
        return self.strategic_hours_per_week + self.hire_collaboration_hours_per_week

    @property
    def hours_lacking_with_hire_per_week(self) -> float:
        return max(
            self.strategic_hours_wanted_per_week - self.strategic_hours_with_hire_per_week, 0.0
        )


def hour_budget(scenario: Scenario) -> HourBudget:
    """The hour budget of `scenario`'s team.

    >>> from socialcase import Scenario
    >>> b = hour_budget(Scenario())
    >>> b.reactive_hours_per_week, b.strategic_hours_per_week, b.hours_lacking_per_week
    (80.0, 20.0, 4.0)
    """
    s = scenario
    return HourBudget(
        worked_hours_per_week=s.team_size * s.actual_hours_per_week,
        contracted_hours_per_week=s.team_size * s.contracted_hours_per_week,
        inbox_hours_per_week=s.team_engagement_hours_per_day * s.staffed_days_per_week,
        after_hours_cover_hours_per_week=s.team_size * s.after_hours_cover_hours_per_week,
        content_hours_per_week=s.team_content_hours_per_week,
        reporting_hours_per_week=s.team_reporting_hours_per_week,
        meetings_admin_hours_per_week=s.team_meetings_admin_hours_per_week,
        strategic_hours_wanted_per_week=s.strategic_hours_wanted_per_week,
        hire_collaboration_hours_per_week=s.hire_collaboration_hours_per_week,
    )
