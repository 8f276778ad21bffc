"""The whole case at once: `evaluate(scenario)` runs every calculation.

This is the one call the workbook, the dashboard and the report make; each
result comes from the module of its step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from socialcase.bottomline import BottomLine, bottom_line_from_model
from socialcase.collaboration import HourBudget, hour_budget
from socialcase.costs import HireCost
from socialcase.engagement import Engagement, engagement
from socialcase.model import money_model
from socialcase.risk import AttritionRisk
from socialcase.scenario import Scenario
from socialcase.uncertainty import simulate
from socialcase.vision import VisionValue

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Case", "evaluate", "summary"]


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

    @property
    def overtime_hours_per_person(self) -> float:
        """Hours a week each person works above contract, at least 0:
        ``actual_hours_per_week - contracted_hours_per_week``."""
        s = self.scenario
        return max(s.actual_hours_per_week - s.contracted_hours_per_week, 0.0)


def evaluate(scenario: Scenario) -> Case:
    """Every result of the case (cost, risk, capacity, collaboration, vision, bottom line).

    >>> from socialcase import Scenario
    >>> case = evaluate(Scenario())
    >>> round(case.bottom_line.payback_months, 1) > 0
    True
    """
    return Case(
        scenario,
        bottom_line_from_model(scenario, money_model(scenario.values())),
        engagement(scenario),
        hour_budget(scenario),
    )


def summary(
    scenarios: Mapping[str, Scenario], *, draws: int = 20_000, seed: int = 0
) -> pd.DataFrame:
    """The verdict of several cases side by side (one row per team), for the analyst.

    Columns: net present value, year-one net, steady-state net a year, ROI, payback months
    from the decision, the chance the net present value is positive (Monte Carlo with
    `draws`), messages missed a week and cost of waiting.

    >>> from socialcase import Scenario
    >>> table = summary({"EMEA": Scenario(), "US": Scenario(team_size=3)}, draws=2_000)
    >>> list(table.index), round(float(table.loc["EMEA", "net_value_per_year"]))
    (['EMEA', 'US'], 5717)
    """
    import pandas as pd

    rows = {}
    for name, scenario in scenarios.items():
        case = evaluate(scenario)
        b = case.bottom_line
        rows[name] = {
            "net_present_value": b.net_present_value,
            "year_one_net_value": b.year_one_net_value,
            "net_value_per_year": b.net_value_per_year,
            "roi": b.roi,
            "payback_months": b.payback_months,
            "probability_positive": simulate(scenario, draws, seed).probability_positive,
            "missed_per_week": case.engagement.missed_per_week_without_hire,
            "missed_per_week_with_hire": case.engagement.missed_per_week_with_hire,
            "cost_of_waiting_per_month": b.cost_of_waiting_per_month,
            "currency": scenario.currency,
        }
    return pd.DataFrame.from_dict(rows, orient="index")
