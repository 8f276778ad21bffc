"""Timing of the Monte Carlo, `simulate(Scenario(), draws=100_000, seed=0)`.

Run with ``python benchmarks/bench_simulation.py``. It prints the median time over
7 runs against a bare-numpy baseline measured in the same run: the same uncertain
inputs drawn with ``numpy.random.default_rng(0).triangular`` and the same net-value
formula written inline. Targets: within 2x of the baseline and under 150 ms. The
baseline's draws use the same inverse CDF on the same uniforms, so both give the
same net values; the script checks that first. It takes a few seconds.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from socialcase import Scenario, simulate
from socialcase.scenario import uncertain_inputs

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


def bare_numpy(scenario: Scenario, draws: int, seed: int) -> np.ndarray:
    """Net value per year of a US scenario over triangular draws, in bare numpy."""
    v: dict[str, Any] = scenario.values()
    names = list(uncertain_inputs())
    ranges = dict(scenario.ranges)
    mode = np.array([v[n] for n in names])[:, None]
    low = np.minimum(np.array([ranges[n][0] for n in names])[:, None], mode)
    high = np.maximum(np.array([ranges[n][1] for n in names])[:, None], mode)
    sampled = np.random.default_rng(seed).triangular(low, mode, high, size=(len(names), draws))
    v.update(zip(names, sampled, strict=True))

    cost = v["hire_salary_per_year"] * (1 + v["benefits_load_share"]) + v["tools_cost_per_year"]
    value = 0.0
    hours = 0.0
    for key in ACTIVITIES:
        h = v[f"hire_{key}_hours_per_week"]
        hours += h
        value = value + (
            h
            * v[f"{key}_output_per_hour"]
            * v[f"{key}_kpi_per_output"]
            * v[f"{key}_value_per_kpi"]
            * v["working_weeks_per_year"]
        )
    contract = v["team_size"] * v["contracted_hours_per_week"]
    overtime = max(v["team_size"] * v["actual_hours_per_week"] - contract, 0.0)
    relief = min(max(v["hire_hours_per_week"] - hours, 0.0), overtime)
    base, e = v["baseline_turnover_per_year"], v["overtime_attrition_elasticity"]
    p_without = np.minimum(base * (1 + e * (overtime / contract)), 1.0)
    p_with = np.minimum(base * (1 + e * ((overtime - relief) / contract)), 1.0)
    avoided = (
        v["team_size"]
        * (p_without - p_with)
        * v["team_salary_per_year"]
        * v["replacement_cost_multiplier"]
    )
    return value + avoided - cost


def main() -> int:
    scenario = Scenario()
    library = simulate(scenario, draws=DRAWS, seed=SEED).net_values_per_year
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
        f"P50 net value per year             {np.percentile(library, 50):12,.2f} "
        f"(baseline {np.percentile(baseline, 50):,.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
