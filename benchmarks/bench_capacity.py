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
    messages_per_hour: int = 60,
) -> float:
    """The same continuous FIFO model as single messages, one at a time in pure Python.

    Monday to Friday from 09:00, messages every day, the inbox keeps up (no warm start).
    Each hour's arrivals are `messages_per_hour` equal messages at the middles of equal
    slots; one server takes them in order at 60 / h an hour of staffed time; a message is
    in time when its reply starts within the target. It converges on the fluid model.
    """
    windows = [
        (week * 168 + day * 24 + 9.0, week * 168 + day * 24 + 9.0 + staffed_hours_per_day)
        for week in range(weeks + 1)
        for day in range(5)
    ]
    weight = inbound_per_day * reply_share / 24 / messages_per_hour
    work = weight * handle_time_minutes / 60
    first = (weeks - 1) * 168
    free, window, in_time = 0.0, 0, 0.0
    for hour in range((weeks + 1) * 168):
        for slot in range(messages_per_hour):
            arrival = hour + (slot + 0.5) / messages_per_hour
            clock = max(free, arrival)
            while window < len(windows) and windows[window][1] <= clock:
                window += 1
            if window == len(windows):
                break
            clock, left = max(clock, windows[window][0]), work
            started = clock
            while clock + left > windows[window][1] and window + 1 < len(windows):
                left -= windows[window][1] - clock
                window += 1
                clock = windows[window][0]
            free = clock + left
            if first <= arrival < first + 168 and started - arrival <= reply_target_hours:
                in_time += weight
    return in_time


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
    # whole messages of 1/60 of an hour's arrivals: agreement to 0.3% of the week's messages
    assert math.isclose(result.answered_in_time_per_week, reference, rel_tol=3e-3), reference
    fast = median_seconds(lambda: backlog_service(**INBOX), repeat=7, number=50)
    slow = median_seconds(lambda: naive_backlog_answered_in_time(**INBOX), repeat=5, number=2)
    report("backlog_service (4 weeks + 1)", fast, slow, "single messages, pure Python")

    # An inbox export's hour-of-week pattern: a rate for each of the 168 hours (the worst
    # case for the segment count), against the even spread in the same run.
    profile = [1.0 + (hour * 7919 % 13) for hour in range(168)]
    even = fast
    shaped = median_seconds(
        lambda: backlog_service(**INBOX, arrival_profile=profile), repeat=7, number=50
    )
    print(f"{'backlog_service, 168-hour arrival profile':<42} median {shaped * 1e3:8.3f} ms")
    print(f"{'  against the even spread':<42} {shaped / even:8.1f}x")


if __name__ == "__main__":
    main()
