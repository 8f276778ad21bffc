"""The bottom line (steps 0 and 8): net present value, year one, payback, cost of waiting.

Every figure comes from the one model of the money, `socialcase.model.money_model`, which
the Monte Carlo in `socialcase.uncertainty` runs on arrays of draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from socialcase.costs import HireCost, hire_cost
from socialcase.model import money_model
from socialcase.risk import AttritionRisk, risk_from_model
from socialcase.vision import VisionValue, vision_from_model

if TYPE_CHECKING:
    from socialcase.scenario import Scenario

__all__ = ["DEFINITIONS", "BottomLine", "bottom_line", "bottom_line_from_model"]

#: Each headline of the bottom line in one sentence, for the page and the report.
DEFINITIONS = {
    "net_present_value": "Net present value: every month's value less every cost of the hire, "
    "from the decision over the horizon, discounted at the discount rate.",
    "year_one_net_value": "Year-one net: the first 12 months from the decision, with the "
    "vacancy, the ramp-up and the one-off costs.",
    "payback_months": "Payback: months from the decision until the cumulative cash of the "
    "hire turns positive for good.",
    "net_value_per_year": "Steady-state net a year: a normal year once the hire is in place "
    "and up to speed, the hire's own expected turnover included.",
    "cost_of_waiting_per_month": "Cost of waiting: how much less the case is worth if the "
    "decision comes one month later.",
    "roi": "ROI: net present value divided by the present value of every cost of the hire.",
}


@dataclass(frozen=True)
class BottomLine:
    """The verdict of the case, in the scenario's currency."""

    cost: HireCost
    vision: VisionValue
    risk: AttritionRisk
    net_value_per_year: float  # a steady-state year
    net_present_value: float  # over horizon_years at discount_rate
    year_one_net_value: float  # the first 12 months from the decision
    payback_months: float  # from the decision; inf if not within the horizon
    cost_of_waiting_per_month: float
    roi: float
    present_cost: float
    ramp_value_forgone: float  # value not delivered while the hire ramps up
    start_month: float  # months from the decision until the hire starts
    horizon_years: int
    discount_rate: float
    net_by_month: tuple[float, ...]  # the monthly cash flow from the decision

    @property
    def value_per_year(self) -> float:
        """What the hire brings a year: the vision's value and the avoided attrition."""
        return self.vision.value_per_year + self.risk.avoided_cost_per_year

    @property
    def running_cost_per_year(self) -> float:
        """Salary, employer costs, tools and the hire's own expected turnover."""
        return self.cost.steady_state_cost_per_year + self.risk.hire_turnover_cost_per_year

    @property
    def status_quo_cost_per_year(self) -> float:
        """Without the hire: the expected cost of burned-out leavers."""
        return self.risk.expected_cost_without_per_year


def bottom_line(scenario: Scenario) -> BottomLine:
    """The bottom line of `scenario`.

    >>> from socialcase import Scenario
    >>> b = bottom_line(Scenario())
    >>> round(b.net_value_per_year), round(b.net_present_value), round(b.payback_months, 1)
    (5717, -12722, inf)
    """
    m = money_model(scenario.values())
    return bottom_line_from_model(scenario, m)


def bottom_line_from_model(scenario: Scenario, m: Any) -> BottomLine:
    """The `BottomLine` view of a `socialcase.model.MoneyModel` of `scenario`."""
    return BottomLine(
        cost=hire_cost(scenario),
        vision=vision_from_model(scenario, m),
        risk=risk_from_model(scenario, m),
        net_value_per_year=float(m.net_value_per_year),
        net_present_value=float(m.net_present_value),
        year_one_net_value=float(m.year_one_net_value),
        payback_months=float(m.payback_months),
        cost_of_waiting_per_month=float(m.cost_of_waiting_per_month),
        roi=float(m.roi),
        present_cost=float(m.present_cost),
        ramp_value_forgone=float(m.ramp_value_forgone),
        start_month=float(m.start_month),
        horizon_years=int(scenario.horizon_years),
        discount_rate=float(scenario.discount_rate),
        net_by_month=tuple(float(x) for x in m.net_by_month),
    )
