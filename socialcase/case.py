"""The whole case at once: `evaluate(scenario)` runs every calculation.

This is the one call the workbook, the dashboard and the report make; each
result comes from the module of its step.
"""

from __future__ import annotations

from dataclasses import dataclass

from socialcase.bottomline import BottomLine, bottom_line
from socialcase.collaboration import HourBudget, hour_budget
from socialcase.costs import HireCost
from socialcase.engagement import Engagement, engagement
from socialcase.risk import AttritionRisk
from socialcase.scenario import Scenario
from socialcase.vision import VisionValue

__all__ = ["Case", "evaluate"]


@dataclass(frozen=True)
class Case:
    """Every result of the case for one scenario."""

    scenario: Scenario
    bottom_line: BottomLine
    engagement: Engagement
    collaboration: HourBudget

    @property
    def cost(self) -> HireCost:
        return self.bottom_line.cost

    @property
    def risk(self) -> AttritionRisk:
        return self.bottom_line.risk

    @property
    def vision(self) -> VisionValue:
        return self.bottom_line.vision

    @property
    def capacity(self) -> Engagement:
        return self.engagement


def evaluate(scenario: Scenario) -> Case:
    """Every result of the case (cost, risk, capacity, collaboration, vision, bottom line).

    >>> from socialcase import Scenario
    >>> case = evaluate(Scenario())
    >>> round(case.bottom_line.payback_months, 1) > 0
    True
    """
    return Case(scenario, bottom_line(scenario), engagement(scenario), hour_budget(scenario))
