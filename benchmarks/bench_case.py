"""Timing of `evaluate(Scenario())`, the call the dashboard makes on every change.

Run with ``python benchmarks/bench_case.py``. It prints the median time of one
`evaluate` over 200 runs, against two baselines measured in the same run: building
the `Scenario` alone, and the bottom line's arithmetic on a bare dict. The target
is under 5 ms, so a slider feels instant. It takes a few seconds.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from socialcase import Scenario, evaluate
from socialcase.engagement import _backlog, _hours_needed

RUNS = 200
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
    """The sample case's net value per year on a plain dict (US employer costs only)."""
    cost = v["hire_salary_per_year"] * (1 + v["benefits_load_share"]) + v["tools_cost_per_year"]
    value = 0.0
    hours = 0.0
    for key in ("responding", "content", "analytics", "collaboration", "community"):
        h = v[f"hire_{key}_hours_per_week"]
        hours += h
        value += (
            h
            * v[f"{key}_output_per_hour"]
            * v[f"{key}_kpi_per_output"]
            * v[f"{key}_value_per_kpi"]
            * v["working_weeks_per_year"]
        )
    contract = v["team_size"] * v["contracted_hours_per_week"]
    overtime = max(v["team_size"] * v["actual_hours_per_week"] - contract, 0.0)
    relief = min(max(v["hire_hours_per_week"] - hours, 0.0), overtime)

    def leave(share: float) -> float:
        raised = v["baseline_turnover_per_year"] * (
            1 + v["overtime_attrition_elasticity"] * max(share, 0.0)
        )
        return min(raised, 1.0)

    avoided = (
        v["team_size"]
        * (leave(overtime / contract) - leave((overtime - relief) / contract))
        * v["team_salary_per_year"]
        * v["replacement_cost_multiplier"]
    )
    return value + avoided - cost


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
