"""Timing of the Monte Carlo, `simulate(Scenario(), draws=100_000, seed=0)`.

Run with ``python benchmarks/bench_simulation.py``. It prints the median time over
7 runs against a bare-numpy baseline measured in the same run: the same uncertain
inputs drawn with ``numpy.random.default_rng(0).triangular``, the same correlated
activity multipliers, and the whole model (hire's week, inbox, risk, monthly cash flow,
net present value) written inline with nothing of socialcase but the list of inputs to
draw. Targets: within 2x of the baseline and under 150 ms. The baseline's draws use the
same inverse CDF on the same uniforms, so both give the same net present values; the
script checks that first. It takes a few seconds.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy.special import ndtr

from socialcase import Scenario, simulate
from socialcase.uncertainty import money_inputs

DRAWS = 100_000
SEED = 0
RUNS = 7
TARGET_RATIO = 2.0
TARGET_MS = 150.0
ACTIVITIES = ("responding", "content", "analytics", "collaboration", "community")


def median_ms(fn: Callable[[], Any], runs: int = RUNS) -> float:
    """Median wall time of `fn()` in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def _triangular(u: np.ndarray, low: Any, mode: Any, high: Any) -> np.ndarray:
    cut = (mode - low) / (high - low)
    left = low + np.sqrt(u * (high - low) * (mode - low))
    right = high - np.sqrt((1 - u) * (high - low) * (high - mode))
    return np.clip(np.where(u < cut, left, right), low, high)


def bare_numpy(scenario: Scenario, draws: int, seed: int) -> np.ndarray:
    """Net present value of a US scenario over the same draws, the whole model inline."""
    v: dict[str, Any] = scenario.values()
    names = list(money_inputs(scenario))
    ranges = dict(scenario.ranges)
    rng = np.random.default_rng(seed)
    mode = np.array([v[n] for n in names])[:, None]
    low = np.minimum(np.array([ranges[n][0] for n in names])[:, None], mode)
    high = np.maximum(np.array([ranges[n][1] for n in names])[:, None], mode)
    sampled = rng.triangular(low, mode, high, size=(len(names), draws))
    v.update(zip(names, sampled, strict=True))
    rho, spread = v["estimation_bias_correlation"], v["activity_value_spread"]
    z = math.sqrt(rho) * rng.standard_normal(draws) + math.sqrt(1 - rho) * rng.standard_normal(
        (len(ACTIVITIES), draws)
    )
    factor = dict(zip(ACTIVITIES, _triangular(ndtr(z), 1 - spread, 1.0, 1 + spread), strict=True))

    weeks, days = v["working_weeks_per_year"], v["staffed_days_per_week"]
    hours = {k: v[f"hire_{k}_hours_per_week"] for k in ACTIVITIES}
    productive = v["hire_hours_per_week"] * v["hire_productive_share"]
    contract = v["team_size"] * v["contracted_hours_per_week"]
    worked = v["team_size"] * v["actual_hours_per_week"]
    overtime = max(worked - contract, 0.0)
    relief = np.minimum(np.maximum(productive - sum(hours.values()), 0.0), overtime)
    needing = v["inbound_per_day"] * v["reply_share"] * 7
    per_hour = 60 / v["handle_time_minutes"]
    team = v["team_engagement_hours_per_day"]
    extra = np.minimum(needing, min(team + hours["responding"] / days, 24) * days * per_hour)
    extra = extra - np.minimum(needing, min(team, 24) * days * per_hour)
    reactive = (
        team * days
        + v["team_size"] * v["after_hours_cover_hours_per_week"]
        + v["team_content_hours_per_week"]
        + v["team_reporting_hours_per_week"]
        + v["team_meetings_admin_hours_per_week"]
    )
    lacking = max(v["strategic_hours_wanted_per_week"] - max(worked - reactive, 0.0), 0.0)
    value = extra * weeks * v["responding_kpi_per_output"] * v["responding_value_per_kpi"]
    value = value * factor["responding"]
    for k in ACTIVITIES[1:]:
        h = min(hours[k], lacking) if k == "collaboration" else hours[k]
        chain = h * v[f"{k}_output_per_hour"] * v[f"{k}_kpi_per_output"] * v[f"{k}_value_per_kpi"]
        value = value + chain * weeks * factor[k]
    base, slope = v["baseline_turnover_per_year"], v["overtime_attrition_elasticity"]
    avoided = (
        v["team_size"]
        * base
        * (np.exp(slope * overtime / contract) - np.exp(slope * (overtime - relief) / contract))
        * v["team_salary_per_year"]
        * v["replacement_cost_multiplier"]
    )
    running = (
        v["hire_salary_per_year"] * (1 + v["benefits_load_share"])
        + v["tools_cost_per_year"]
        + base * v["hire_salary_per_year"] * v["replacement_cost_multiplier"]
    )

    months = int(v["horizon_years"]) * 12
    m = np.arange(months, dtype=float)
    start = v["time_to_fill_days"] / (365.25 / 12)
    ramp = np.asarray(v["ramp_up_weeks"] / (52 / 12))[..., None]

    def delivered(t: np.ndarray) -> np.ndarray:
        t = np.maximum(t, 0.0)
        return np.where(t <= ramp, t * t / (2 * ramp), t - ramp / 2)

    employed = np.clip(m + 1 - start, 0, 1)
    ramped = delivered(m + 1 - start) - delivered(m - start)
    discount = (1 + v["discount_rate"]) ** (-(m + 1) / 12)
    npv = ((value + avoided) / 12) * np.sum(ramped * discount, axis=-1)
    npv = npv - (running / 12) * float(employed @ discount)
    npv = npv - v["recruiting_cost"] * discount[0]
    npv = npv - v["equipment_cost"] * discount[math.floor(start)]
    return npv


def main() -> int:
    scenario = Scenario()
    library = simulate(scenario, draws=DRAWS, seed=SEED).net_present_values
    baseline = bare_numpy(scenario, DRAWS, SEED)
    if not np.allclose(library, baseline, rtol=1e-9, atol=1e-6):
        worst = float(np.max(np.abs(library - baseline)))
        print(f"MISMATCH: simulate and the bare-numpy baseline differ by up to {worst:g}")
        return 1

    t_simulate = median_ms(lambda: simulate(scenario, draws=DRAWS, seed=SEED))
    t_bare = median_ms(lambda: bare_numpy(scenario, DRAWS, SEED))
    ratio = t_simulate / t_bare
    print(
        f"simulate(Scenario(), {DRAWS:,} draws)  {t_simulate:8.1f} ms  median of {RUNS} "
        f"(target < {TARGET_MS:g} ms: {'met' if t_simulate < TARGET_MS else 'MISSED'})"
    )
    print(
        f"bare numpy baseline                {t_bare:8.1f} ms  simulate is {ratio:.2f}x this "
        f"(target within {TARGET_RATIO:g}x: {'met' if ratio <= TARGET_RATIO else 'MISSED'})"
    )
    print(
        f"P50 net present value              {np.percentile(library, 50):12,.2f} "
        f"(baseline {np.percentile(baseline, 50):,.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
