"""Timing of `evaluate(Scenario())`, the call the dashboard makes on every change.

Run with ``python benchmarks/bench_case.py``. It prints the median time of one
`evaluate` over 200 runs, against two baselines measured in the same run: building
the `Scenario` alone, and the steady-state net value's arithmetic on a bare dict. The target
is under 5 ms, so a slider feels instant. It takes a few seconds.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from socialcase import Scenario, evaluate
from socialcase.engagement import _backlog, _hours_needed

RUNS = 200
ACTIVITIES = ("responding", "content", "analytics", "collaboration", "community")
TARGET_MS = 5.0


def median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    """Median wall time of `fn()` in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def bare_net_value(v: dict[str, Any]) -> float:
    """The sample case's steady-state net value per year on a plain dict (US costs only)."""
    hours = {k: v[f"hire_{k}_hours_per_week"] for k in ACTIVITIES}
    productive = v["hire_hours_per_week"] * v["hire_productive_share"]
    contract = v["team_size"] * v["contracted_hours_per_week"]
    worked = v["team_size"] * v["actual_hours_per_week"]
    overtime = max(worked - contract, 0.0)
    relief = min(max(productive - sum(hours.values()), 0.0), overtime)
    days, team = v["staffed_days_per_week"], v["team_engagement_hours_per_day"]
    needing = v["inbound_per_day"] * v["reply_share"] * 7
    per_hour = 60 / v["handle_time_minutes"]
    extra = min(needing, min(team + hours["responding"] / days, 24) * days * per_hour) - min(
        needing, min(team, 24) * days * per_hour
    )
    reactive = (
        team * days
        + v["team_size"] * v["after_hours_cover_hours_per_week"]
        + v["team_content_hours_per_week"]
        + v["team_reporting_hours_per_week"]
        + v["team_meetings_admin_hours_per_week"]
    )
    lacking = max(v["strategic_hours_wanted_per_week"] - max(worked - reactive, 0.0), 0.0)
    weeks = v["working_weeks_per_year"]
    value = extra * weeks * v["responding_kpi_per_output"] * v["responding_value_per_kpi"]
    for k in ACTIVITIES[1:]:
        h = min(hours[k], lacking) if k == "collaboration" else hours[k]
        value += (
            h
            * v[f"{k}_output_per_hour"]
            * v[f"{k}_kpi_per_output"]
            * v[f"{k}_value_per_kpi"]
            * weeks
        )
    base, slope = v["baseline_turnover_per_year"], v["overtime_attrition_elasticity"]
    avoided = (
        v["team_size"]
        * base
        * (math.exp(slope * overtime / contract) - math.exp(slope * (overtime - relief) / contract))
        * v["team_salary_per_year"]
        * v["replacement_cost_multiplier"]
    )
    cost = v["hire_salary_per_year"] * (1 + v["benefits_load_share"]) + v["tools_cost_per_year"]
    turnover = base * v["hire_salary_per_year"] * v["replacement_cost_multiplier"]
    return value + avoided - cost - turnover


def main() -> int:
    scenario = Scenario()
    values = scenario.values()
    library = evaluate(scenario).bottom_line.net_value_per_year
    bare = bare_net_value(values)
    if abs(library - bare) > 1e-6 * abs(library):
        print(f"MISMATCH: evaluate gives {library:,.2f}, the bare formula {bare:,.2f}")
        return 1

    def cold() -> Any:
        # Without the inbox-simulation cache: every recompute runs the queues again.
        _backlog.cache_clear()
        _hours_needed.cache_clear()
        return evaluate(scenario)

    t_evaluate = median_ms(cold)
    t_cached = median_ms(lambda: evaluate(scenario))
    t_scenario = median_ms(Scenario)
    t_bare = median_ms(lambda: bare_net_value(values))
    met = "met" if t_evaluate < TARGET_MS else "MISSED"
    print(
        f"evaluate(Scenario()), cold   {t_evaluate:8.3f} ms  median of {RUNS} "
        f"(target < {TARGET_MS:g} ms: {met})"
    )
    print(
        f"evaluate, inbox unchanged    {t_cached:8.3f} ms  (cached queues: a money input changed)"
    )
    print(
        f"Scenario() alone             {t_scenario:8.3f} ms  evaluate is "
        f"{t_evaluate / t_scenario:,.1f}x this"
    )
    print(
        f"bare dict bottom line        {t_bare:8.3f} ms  evaluate is "
        f"{t_evaluate / t_bare:,.0f}x this (it also runs the inbox and chat queues)"
    )
    print(f"net value per year           {library:12,.2f} (bare formula: {bare:,.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
