"""The one model of the money (steps 6-8): every figure of the bottom line from plain inputs.

`money_model` runs on floats (the point case, through `socialcase.evaluate`) and on numpy
arrays of draws (the Monte Carlo, `socialcase.simulate`) alike: there is no second copy of
any formula. It budgets the hire's week, values the activities from the team's evidence,
prices the attrition risk and lays the decision out as a monthly cash flow.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from socialcase.costs import employer_cost
from socialcase.risk import turnover_rate
from socialcase.scenario import ACTIVITIES

__all__ = [
    "DAYS_PER_MONTH",
    "WEEKS_PER_MONTH",
    "MoneyModel",
    "inbox_hours_per_day",
    "money_model",
    "replies_answered_per_week",
]

DAYS_PER_MONTH = 365.25 / 12
WEEKS_PER_MONTH = 52.0 / 12


def inbox_hours_per_day(responding_hours_per_week: Any, staffed_days_per_week: Any) -> Any:
    """The hire's responding hours spread over the staffed days: ``hours / days``."""
    return responding_hours_per_week / staffed_days_per_week


def replies_answered_per_week(
    inbound_per_day: Any,
    reply_share: Any,
    handle_time_minutes: Any,
    staffed_hours_per_day: Any,
    staffed_days_per_week: Any,
) -> Any:
    """Messages answered a week once the inbox has settled: ``min(needing, capacity)``.

    Notes
    -----
    ``needing = inbound/day * reply_share * 7`` and ``capacity = min(staffed h/day, 24) *
    staffed days * 60 / handle_time_minutes``: the handle time is the one source of replies
    per hour. This is what `socialcase.capacity.backlog_service` settles to (a team that
    keeps up answers every message within the week; an overloaded one answers as many as its
    hours allow, the rest go stale); the tests check the two agree. The backlog model adds
    *when* messages are answered, which does not change how many customers a reply keeps.

    Examples
    --------
    >>> float(replies_answered_per_week(70, 0.5, 6, 2.5, 7))  # min(245, 2.5*7*10 = 175)
    175.0
    """
    needing = inbound_per_day * reply_share * 7.0
    capacity = np.minimum(staffed_hours_per_day, 24.0) * staffed_days_per_week
    return np.minimum(needing, capacity * 60.0 / handle_time_minutes)


def _ramped_months(months_since_start: Any, ramp_months: Any) -> Any:
    """Full-productivity months delivered by `months_since_start` (>= 0), ramping linearly.

    ``F(T) = T^2 / (2R)`` for ``0 <= T <= R`` and ``T - R/2`` after: productivity rises from
    0 to 1 over the ``R`` months of ramp-up (Mellon Financial study: 20 weeks for a
    professional). Written as ``u^2 / (2R) + T - u`` with ``u = min(T, R)``, one pass.

    >>> float(_ramped_months(1.0, 2.0)), float(_ramped_months(3.0, 2.0))  # 1/4; 3 - 1
    (0.25, 2.0)
    """
    t = np.asarray(months_since_start, dtype=float)
    r = np.maximum(ramp_months, 1e-12)
    u = np.minimum(t, r)
    out = u * u
    out *= 0.5 / r
    out += t
    out -= u
    return out


@dataclass(frozen=True)
class MoneyModel:
    """Every money figure of the case; floats for one scenario, arrays for draws.

    Money is in the scenario's currency; "a year" is a steady-state year once the hire is
    in place and up to speed; the cash flow runs monthly from the decision date.
    """

    productive_hours_per_week: Any
    activity_hours_per_week: Any
    relief_hours_per_week: Any  # productive hours left, up to the team's overtime
    team_overtime_hours_per_week: Any
    counted_hours: dict[str, Any]  # hours that earn value, per activity
    output_per_year: dict[str, Any]
    kpi_per_year: dict[str, Any]
    value_per_year: dict[str, Any]
    extra_replies_per_week: Any
    collaboration_hours_lacking_per_week: Any
    overtime_share_without: Any
    overtime_share_with: Any
    team_turnover_without: Any  # leavers per person a year
    team_turnover_with: Any
    replacement_cost_per_leaver: Any
    avoided_attrition_per_year: Any
    hire_turnover_cost_per_year: Any
    employer_costs_per_year: Any
    steady_cost_per_year: Any  # salary, employer costs, tools
    one_off_cost: Any  # recruiting and equipment
    net_value_per_year: Any
    start_month: Any
    ramp_value_forgone: Any
    cumulative_by_month: Any  # the running total of the cash flow, shape (..., months)
    net_present_value: Any
    year_one_net_value: Any
    payback_months: Any
    cost_of_waiting_per_month: Any
    present_cost: Any

    @property
    def net_by_month(self) -> Any:
        """The cash flow month by month from the decision, shape (..., months)."""
        c = self.cumulative_by_month
        return np.diff(c, axis=-1, prepend=np.zeros_like(c[..., :1]))

    @property
    def activities_value_per_year(self) -> Any:
        return sum(self.value_per_year.values())

    @property
    def roi(self) -> Any:
        """``NPV / present value of every cost of the hire`` over the horizon."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(
                self.present_cost > 0, self.net_present_value / self.present_cost, np.inf
            )


def money_model(v: Mapping[str, Any], value_factor: Mapping[str, Any] | None = None) -> MoneyModel:
    """The money of the case from plain inputs (floats, or arrays that broadcast).

    `value_factor` multiplies each activity's value per hour (the simulation's draws; 1 by
    default).

    Notes
    -----
    The hire's week::

        productive = contracted hours * productive share
        relief     = min(productive - allotted hours, team overtime)

    Value a year (steady state): responding is worth the extra replies the hire's inbox
    hours answer (`replies_answered_per_week` with vs without the hire) times customers kept
    per reply times the margin per customer; other activities ``hours * output/hour *
    KPI/output * margin/KPI * weeks``; cross-team work counts only up to the strategic hours
    the team lacks. Avoided attrition ``team * (rate(overtime) - rate(overtime - relief)) *
    replacement cost`` (`socialcase.risk.turnover_rate`). The hire's own turnover costs
    ``base rate * hire salary * replacement multiplier`` a year.

    Cash flow, month ``m`` from the decision: recruiting in month 0; the hire starts after
    the time to fill (equipment that month) and is paid from then; value arrives as
    productivity ramps up linearly; every month is discounted at ``(1 + rate)^-(m+1)/12``.
    Payback is when the cumulative (undiscounted) cash turns and stays non-negative.
    """
    factor = value_factor or {}
    weeks = v["working_weeks_per_year"]
    productive = v["hire_hours_per_week"] * v["hire_productive_share"]
    hours = {a.key: v[f"hire_{a.key}_hours_per_week"] for a in ACTIVITIES}
    allotted = sum(hours.values())
    team_contract = v["team_size"] * v["contracted_hours_per_week"]
    worked = v["team_size"] * v["actual_hours_per_week"]
    overtime = np.maximum(worked - team_contract, 0.0)
    relief = np.minimum(np.maximum(productive - allotted, 0.0), overtime)

    # Responding: the replies the hire's inbox hours add to what the team answers today.
    days = v["staffed_days_per_week"]
    inbox = (v["inbound_per_day"], v["reply_share"], v["handle_time_minutes"])
    today = replies_answered_per_week(*inbox, v["team_engagement_hours_per_day"], days)
    with_hire = replies_answered_per_week(
        *inbox,
        v["team_engagement_hours_per_day"] + inbox_hours_per_day(hours["responding"], days),
        days,
    )
    extra_replies = with_hire - today

    # Cross-team work: bounded by the strategic hours the team lacks today (step 4).
    reactive = (
        v["team_engagement_hours_per_day"] * days
        + v["team_size"] * v["after_hours_cover_hours_per_week"]
        + v["team_content_hours_per_week"]
        + v["team_reporting_hours_per_week"]
        + v["team_meetings_admin_hours_per_week"]
    )
    lacking = np.maximum(
        v["strategic_hours_wanted_per_week"] - np.maximum(worked - reactive, 0.0), 0.0
    )
    counted = dict(hours)
    counted["collaboration"] = np.minimum(hours["collaboration"], lacking)

    output: dict[str, Any] = {}
    kpi: dict[str, Any] = {}
    value: dict[str, Any] = {}
    for a in ACTIVITIES:
        k = a.key
        if k == "responding":
            output[k] = extra_replies * weeks
        else:
            output[k] = counted[k] * v[f"{k}_output_per_hour"] * weeks
        kpi[k] = output[k] * v[f"{k}_kpi_per_output"]
        value[k] = kpi[k] * v[f"{k}_value_per_kpi"] * factor.get(k, 1.0)
    activities_value = sum(value.values())

    # Risk: the team's turnover with and without the hire's relief, and the hire's own.
    slope, base = v["overtime_attrition_elasticity"], v["baseline_turnover_per_year"]
    share_without = overtime / team_contract
    share_with = (overtime - relief) / team_contract
    rate_without = turnover_rate(base, share_without, slope)
    rate_with = turnover_rate(base, share_with, slope)
    per_leaver = v["team_salary_per_year"] * v["replacement_cost_multiplier"]
    avoided = v["team_size"] * (rate_without - rate_with) * per_leaver
    hire_turnover = base * v["hire_salary_per_year"] * v["replacement_cost_multiplier"]

    # Cost of the hire.
    employer = employer_cost(
        v["hire_salary_per_year"],
        v["country"],
        benefits_load_share=v["benefits_load_share"],
        no_employer_tax_share=v["no_employer_tax_share"],
        no_holiday_pay_share=v["no_holiday_pay_share"],
        no_vacation_weeks=v["no_vacation_weeks"],
        no_pension_share=v["no_pension_share"],
        no_basic_amount=v["no_basic_amount"],
        no_injury_insurance_per_year=v["no_injury_insurance_per_year"],
        custom_employer_cost_share=v["custom_employer_cost_share"],
    )
    steady_cost = v["hire_salary_per_year"] + employer + v["tools_cost_per_year"]
    one_off = v["recruiting_cost"] + v["equipment_cost"]
    value_per_year = activities_value + avoided
    running_cost = steady_cost + hire_turnover
    net_per_year = value_per_year - running_cost

    # Monthly cash flow from the decision date, built from its running total: by the end of
    # month k the hire has been paid for E = max(k + 1 - start, 0) months and has delivered
    # F(k + 1 - start) months of full value (the ramp), recruiting is paid and equipment
    # bought once the hire starts. Sums over months are dot products with month weights.
    months = int(v["horizon_years"]) * 12
    ends = np.arange(1, months + 1, dtype=float)  # end of month k, in months from decision
    start = np.asarray(v["time_to_fill_days"] / DAYS_PER_MONTH, dtype=float)
    ramp = np.asarray(v["ramp_up_weeks"] / WEEKS_PER_MONTH, dtype=float)
    since = ends - start[..., None]
    paid = np.maximum(since, 0.0)
    delivered = _ramped_months(paid, ramp[..., None])
    monthly_value = np.asarray(value_per_year / 12.0, dtype=float)
    monthly_cost = np.asarray(running_cost / 12.0, dtype=float)
    equipment = np.asarray(v["equipment_cost"], dtype=float)
    recruiting = np.asarray(v["recruiting_cost"], dtype=float)
    bought = ends > np.floor(start)[..., None]  # the start's month has ended
    cumulative = (
        monthly_value[..., None] * delivered
        - monthly_cost[..., None] * paid
        - equipment[..., None] * bought
        - recruiting[..., None]
    )
    rate = np.asarray(v["discount_rate"], dtype=float)
    discount = (1.0 + rate[..., None]) ** (-ends / 12.0)
    # sum_k net_k d_k = sum_k C_k (d_k - d_k+1) + C_last d_last (summation by parts)
    weight = discount - np.concatenate([discount[..., 1:], np.zeros_like(discount[..., :1])], -1)
    npv = np.einsum("...k,...k->...", cumulative, weight)
    # a month later: net_k is received at d_k+1 and the last month falls off the horizon
    later = np.concatenate([discount[..., 1:], np.zeros_like(discount[..., :1])], -1)
    later_weight = later - np.concatenate([later[..., 1:], np.zeros_like(later[..., :1])], -1)
    later_weight[..., -1] = 0.0
    if months > 1:
        later_weight[..., -2] = later[..., -2]
    delayed = np.einsum("...k,...k->...", cumulative, later_weight)
    employed_weight = np.clip(since, 0.0, 1.0)  # share of month k after the start
    bought_in = np.diff(bought.astype(float), axis=-1, prepend=0.0)  # 1 in the start's month
    present_cost = (
        monthly_cost * np.einsum("...k,...k->...", employed_weight, discount)
        + equipment * np.einsum("...k,...k->...", bought_in, discount)
        + recruiting * discount[..., 0]
    )
    negative = cumulative < 0.0
    last_negative = months - 1 - np.argmax(negative[..., ::-1], axis=-1)
    behind = np.take_along_axis(cumulative, last_negative[..., None], axis=-1)[..., 0]
    after = np.take_along_axis(
        cumulative, np.minimum(last_negative + 1, months - 1)[..., None], axis=-1
    )[..., 0]
    following = after - behind
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing = last_negative + 1.0 + np.where(following > 0, -behind / following, 0.0)
    payback = np.where(negative[..., -1], np.inf, np.where(negative.any(axis=-1), crossing, 0.0))
    year = min(12, months) - 1
    ramp_forgone = monthly_value * (paid[..., -1] - delivered[..., -1])

    return MoneyModel(
        productive_hours_per_week=productive,
        activity_hours_per_week=allotted,
        relief_hours_per_week=relief,
        team_overtime_hours_per_week=overtime,
        counted_hours=counted,
        output_per_year=output,
        kpi_per_year=kpi,
        value_per_year=value,
        extra_replies_per_week=extra_replies,
        collaboration_hours_lacking_per_week=lacking,
        overtime_share_without=share_without,
        overtime_share_with=share_with,
        team_turnover_without=rate_without,
        team_turnover_with=rate_with,
        replacement_cost_per_leaver=per_leaver,
        avoided_attrition_per_year=avoided,
        hire_turnover_cost_per_year=hire_turnover,
        employer_costs_per_year=employer,
        steady_cost_per_year=steady_cost,
        one_off_cost=one_off,
        net_value_per_year=net_per_year,
        start_month=start,
        ramp_value_forgone=ramp_forgone,
        cumulative_by_month=cumulative,
        net_present_value=npv,
        year_one_net_value=cumulative[..., year],
        payback_months=payback,
        cost_of_waiting_per_month=npv - delayed,
        present_cost=present_cost,
    )
