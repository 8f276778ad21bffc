"""Timings for socialcase.capacity, each against a naive version measured in the same run.

Run with ``python benchmarks/bench_capacity.py``. It prints the median time per call of
`agents_needed` at about 1,000 agents and of `backlog_service`, and how many times faster
each is than its baseline. It takes a few seconds.
"""

from __future__ import annotations

import math
import statistics
import timeit
from collections.abc import Callable
from typing import Any

import numpy as np

from socialcase.capacity import agents_needed, backlog_service

# 10,000 messages in 30 minutes at 180 s each: 1,000 erlangs, about 1,011 agents for 80/20.
ARRIVALS = 10_000
INTERVAL_MINUTES = 30
HANDLE_SECONDS = 180
TARGET_SECONDS = 20
SERVICE_LEVEL = 0.8
# The article's inbox: 129 a day, a third needing a reply, 5 min each, 6 h a day Mon-Fri.
INBOX: dict[str, Any] = {
    "inbound_per_day": 129,
    "reply_share": 1 / 3,
    "handle_time_minutes": 5,
    "staffed_hours_per_day": 6,
    "reply_target_hours": 24,
}


def naive_agents_needed(
    arrivals: float,
    interval_minutes: float,
    handle_time_seconds: float,
    target_answer_seconds: float,
    service_level: float,
) -> int:
    """Try each N above the traffic and compute Erlang C from scratch for it (pure Python)."""
    traffic = arrivals * handle_time_seconds / (interval_minutes * 60)
    agents = 1
    while True:
        if agents > traffic:
            blocking = 1.0
            for n in range(1, agents + 1):
                blocking = traffic * blocking / (n + traffic * blocking)
            wait = agents * blocking / (agents - traffic * (1 - blocking))
            decay = math.exp(-(agents - traffic) * target_answer_seconds / handle_time_seconds)
            if 1 - wait * decay >= service_level:
                return agents
        agents += 1


def naive_backlog_answered_in_time(
    inbound_per_day: float,
    reply_share: float,
    handle_time_minutes: float,
    staffed_hours_per_day: float,
    reply_target_hours: float,
    weeks: int = 4,
) -> float:
    """The same FIFO cohort model in bare numpy: every hour, serve the whole queue again.

    Monday to Friday from 09:00, messages every day, the inbox keeps up (no warm start).
    """
    hours = (weeks + 1) * 168
    hour_of_day = np.arange(hours) % 24
    day = (np.arange(hours) // 24) % 7
    arrivals = np.full(hours, inbound_per_day * reply_share / 24)
    staffed = (day < 5) & (hour_of_day >= 9) & (hour_of_day < 9 + staffed_hours_per_day)
    capacity = np.where(staffed, 60 / handle_time_minutes, 0.0)
    remaining = np.zeros(hours)
    first = (weeks - 1) * 168
    in_time = np.zeros(168)
    target = math.floor(reply_target_hours)
    for hour in range(hours):
        remaining[hour] = arrivals[hour]
        oldest = max(0, hour - 167)
        remaining[:oldest] = 0.0
        live = remaining[oldest : hour + 1]
        served = np.clip(capacity[hour] - (np.cumsum(live) - live), 0.0, live)
        live -= served
        cohorts = np.arange(oldest, hour + 1)
        counted = (cohorts >= first) & (cohorts < first + 168) & (hour - cohorts <= target)
        in_time[cohorts[counted] - first] += served[counted]
    return float(in_time.sum())


def median_seconds(call: Callable[[], object], repeat: int, number: int) -> float:
    return statistics.median(timeit.repeat(call, repeat=repeat, number=number)) / number


def report(name: str, fast: float, baseline: float, baseline_name: str) -> None:
    print(f"{name:<42} median {fast * 1e3:8.3f} ms")
    print(f"{'  baseline: ' + baseline_name:<42} median {baseline * 1e3:8.3f} ms")
    print(f"{'  speed-up':<42} {baseline / fast:8.1f}x")


def main() -> None:
    staffing = agents_needed(
        ARRIVALS, INTERVAL_MINUTES, HANDLE_SECONDS, TARGET_SECONDS, SERVICE_LEVEL
    )
    naive = naive_agents_needed(
        ARRIVALS, INTERVAL_MINUTES, HANDLE_SECONDS, TARGET_SECONDS, SERVICE_LEVEL
    )
    assert staffing.agents == naive, (staffing.agents, naive)
    fast = median_seconds(
        lambda: agents_needed(
            ARRIVALS, INTERVAL_MINUTES, HANDLE_SECONDS, TARGET_SECONDS, SERVICE_LEVEL
        ),
        repeat=7,
        number=20,
    )
    slow = median_seconds(
        lambda: naive_agents_needed(
            ARRIVALS, INTERVAL_MINUTES, HANDLE_SECONDS, TARGET_SECONDS, SERVICE_LEVEL
        ),
        repeat=5,
        number=1,
    )
    report(f"agents_needed ({staffing.agents:,} agents)", fast, slow, "Erlang C from scratch per N")

    result = backlog_service(**INBOX)
    reference = naive_backlog_answered_in_time(**INBOX)
    assert math.isclose(result.answered_in_time_per_week, reference, rel_tol=1e-9), reference
    fast = median_seconds(lambda: backlog_service(**INBOX), repeat=7, number=50)
    slow = median_seconds(lambda: naive_backlog_answered_in_time(**INBOX), repeat=5, number=2)
    report("backlog_service (4 weeks + 1)", fast, slow, "numpy, whole queue every hour")


if __name__ == "__main__":
    main()
