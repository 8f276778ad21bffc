"""Tests for socialcase.capacity: Erlang C staffing and the social-inbox backlog model."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcase.capacity import (
    MAX_AGENTS,
    ImpossibleQueueError,
    InputError,
    agents_needed,
    backlog_service,
    effective_handle_time_seconds,
    erlang_c,
    staffed_hours_needed,
)

# --- independent references -------------------------------------------------------------


def erlang_c_exact(traffic: Fraction, agents: int) -> Fraction:
    """Erlang C straight from its textbook form, in exact rational arithmetic.

    P_w = (A^N / N! * N / (N - A)) / (sum_{k<N} A^k / k! + A^N / N! * N / (N - A))
    """
    waiting_term = traffic**agents / math.factorial(agents) * Fraction(agents) / (agents - traffic)
    no_wait = sum(traffic**k / math.factorial(k) for k in range(agents))
    return waiting_term / (no_wait + waiting_term)


def erlang_c_log_space(traffic: float, agents: int) -> float:
    """The same textbook form evaluated with log-gamma, usable at 10,000 agents."""
    logs = [k * math.log(traffic) - math.lgamma(k + 1) for k in range(agents)]
    last = (
        agents * math.log(traffic) - math.lgamma(agents + 1) + math.log(agents / (agents - traffic))
    )
    top = max([*logs, last])
    total = math.fsum(math.exp(x - top) for x in [*logs, last])
    return math.exp(last - top) / total


def backlog_event_simulation(
    inbound_per_day: float,
    reply_share: float,
    handle_time_minutes: float,
    staffed_hours_per_day: float,
    reply_target_hours: float,
    days_per_week: int = 7,
    staffed_days_per_week: int = 5,
    weeks: int = 2,
    shift_start_hour: float = 9.0,
    warm_up: bool | None = None,
    messages_per_hour: int = 60,
    arrival_profile: Sequence[float] | None = None,
) -> dict[str, float]:
    """The backlog model re-done as an event simulation of single messages, the slow way.

    Each hour's arrivals are cut into `messages_per_hour` equal messages arriving at the
    middles of equal slots (arrivals spread evenly within the hour). One server takes them
    in arrival order; a message of weight w needs w * h / 60 hours of staffed time, starts
    when it has arrived and the one before is done, is dropped when it has not started
    168 h after it arrived, and is in time when it starts within the target of its
    arrival (in the fluid model a message is answered when the front of the queue reaches
    it).
    Messages are whole, so it converges on the fluid model as `messages_per_hour` grows.
    With `arrival_profile` (168 weights, Monday 00-01 first), hour k of each week brings
    ``needing * w[k] / sum(w)`` messages instead of the even ``per_hour``.
    """
    start = min(shift_start_hour, 24 - staffed_hours_per_day)
    end = start + staffed_hours_per_day
    per_hour = inbound_per_day * reply_share / 24
    needing = per_hour * 24 * days_per_week
    capacity = 60 / handle_time_minutes * staffed_hours_per_day * staffed_days_per_week
    if warm_up is None:
        warm_up = capacity < needing
    total_weeks = int(warm_up) + weeks + 1
    windows = [
        (week * 168 + day * 24 + start, week * 168 + day * 24 + end)
        for week in range(int(warm_up), total_weeks)
        for day in range(staffed_days_per_week)
        if end > start
    ]
    first = (int(warm_up) + weeks - 1) * 168
    if arrival_profile is None:
        per_hour_of_week = [per_hour if k // 24 < days_per_week else 0.0 for k in range(168)]
    else:
        per_hour_of_week = [needing * w / sum(arrival_profile) for w in arrival_profile]
    free, window = 0.0, 0
    answered = in_time = 0.0
    for hour in range(total_weeks * 168):
        weight = per_hour_of_week[hour % 168] / messages_per_hour
        work = weight * handle_time_minutes / 60
        if weight == 0:
            continue
        for slot in range(messages_per_hour):
            arrival = hour + (slot + 0.5) / messages_per_hour
            clock = max(free, arrival)
            while window < len(windows) and windows[window][1] <= clock:
                window += 1
            if window == len(windows) or max(clock, windows[window][0]) >= arrival + 168:
                continue  # never started before going stale: dropped, the server stays free
            clock, left = max(clock, windows[window][0]), work
            started = clock
            while clock + left > windows[window][1]:
                left -= windows[window][1] - clock
                window += 1
                if window == len(windows):
                    clock = math.inf
                    break
                clock = windows[window][0]
            free = clock + left if clock < math.inf else math.inf
            if first <= arrival < first + 168:
                answered += weight
                in_time += weight if started - arrival <= reply_target_hours else 0.0
    return {
        "needing_reply_per_week": needing,
        "answered_per_week": answered,
        "answered_in_time_per_week": in_time,
    }


# --- Erlang C ----------------------------------------------------------------------------


def test_textbook_example_matches_exact_erlang_c() -> None:
    # 100 calls in 30 min at 180 s each: A = 100 * 180 / 1800 = 10 erlangs.
    result = erlang_c(100, 30, 180, 20, 12)
    assert result.agents == 12
    assert result.traffic_erlangs == 10.0
    wait = erlang_c_exact(Fraction(10), 12)  # = 0.449388224... exactly computed
    assert result.wait_probability == pytest.approx(float(wait), rel=1e-12)
    # Erlang C tables give 0.4494 for A = 10, N = 12. (The figure 0.4493 sometimes quoted
    # is a truncation: the exact value is 0.449388...)
    assert round(result.wait_probability, 4) == 0.4494
    # SL = 1 - P_w exp(-(N - A) t / h) = 1 - 0.449388 * exp(-2 * 20 / 180) = 0.640158...
    # (0.7857, sometimes quoted for this example, is not what the formula gives at 12
    # agents; at 13 agents it gives 0.7956, so we assert the formula.)
    assert result.service_level == pytest.approx(1 - float(wait) * math.exp(-40 / 180), rel=1e-12)
    assert round(result.service_level, 4) == 0.6402
    # ASA = P_w h / (N - A) = 0.449388 * 180 / 2 = 40.44 s
    assert result.mean_wait_seconds == pytest.approx(float(wait) * 90, rel=1e-12)
    assert result.occupancy == pytest.approx(10 / 12)


@pytest.mark.parametrize(
    ("agents", "service_level"),
    # The same example at 11, 13 and 14 agents, from SL = 1 - P_w exp(-(N - A) t / h) with
    # exact P_w: 0.3896, 0.7956, 0.8884 (0.682118, 0.285270, 0.174132 probability of wait).
    [(11, 0.3896), (13, 0.7956), (14, 0.8884)],
)
def test_textbook_example_other_team_sizes(agents: int, service_level: float) -> None:
    result = erlang_c(100, 30, 180, 20, agents)
    assert result.wait_probability == pytest.approx(
        float(erlang_c_exact(Fraction(10), agents)), rel=1e-12
    )
    assert round(result.service_level, 4) == service_level


@pytest.mark.parametrize(
    ("traffic", "agents"),
    [
        (Fraction(1, 2), 1),
        (Fraction(3, 2), 2),
        (Fraction(47, 10), 5),
        (Fraction(20), 25),
        (Fraction(79), 90),
    ],
)
def test_wait_probability_matches_exact_formula(traffic: Fraction, agents: int) -> None:
    # arrivals in 60 min at 3600 s each make the traffic equal to the arrivals
    result = erlang_c(float(traffic), 60, 3600, 0, agents)
    expected = float(erlang_c_exact(traffic, agents))
    assert result.traffic_erlangs == pytest.approx(float(traffic))
    assert result.wait_probability == pytest.approx(expected, rel=1e-12)
    assert result.service_level == pytest.approx(1 - expected, rel=1e-12)  # target 0: SL = 1 - P_w


@pytest.mark.parametrize(
    ("traffic", "agents"), [(990.0, 1_000), (9_900.0, 10_000), (9_990.0, 10_000)]
)
def test_stable_at_thousands_of_agents(traffic: float, agents: int) -> None:
    # A^N / N! overflows a float long before 1,000 agents; the recursion must not.
    result = erlang_c(traffic, 60, 3600, 20, agents)
    for value in (result.service_level, result.wait_probability, result.occupancy):
        assert math.isfinite(value)
        assert 0.0 <= value <= 1.0
    assert math.isfinite(result.mean_wait_seconds)
    assert result.wait_probability == pytest.approx(erlang_c_log_space(traffic, agents), rel=1e-8)


def test_unstable_queue_when_agents_do_not_exceed_traffic() -> None:
    result = erlang_c(100, 30, 180, 20, 10)  # 10 agents for 10 erlangs
    assert (result.service_level, result.wait_probability, result.occupancy) == (0.0, 1.0, 1.0)
    assert result.mean_wait_seconds == math.inf
    assert erlang_c(200, 30, 180, 20, 10).occupancy == 1.0  # 20 erlangs: capped at 1


def test_no_arrivals_means_no_waiting() -> None:
    result = erlang_c(0, 30, 180, 20, 3)
    assert (result.service_level, result.wait_probability, result.mean_wait_seconds) == (
        1.0,
        0.0,
        0.0,
    )
    assert result.traffic_erlangs == 0.0
    assert result.occupancy == 0.0


def test_agents_accepts_integral_float_and_numpy_numbers() -> None:
    # What a spreadsheet cell or a numpy column hands over; typed loosely on purpose.
    twelve: Any = 12.0
    numpy_args: list[Any] = [np.float64(100), np.int64(30), 180, 20, np.int64(12)]
    assert erlang_c(100, 30, 180, 20, twelve) == erlang_c(100, 30, 180, 20, 12)
    assert erlang_c(*numpy_args) == erlang_c(100, 30, 180, 20, 12)


def test_results_are_frozen() -> None:
    result = erlang_c(100, 30, 180, 20, 12)
    with pytest.raises(AttributeError):
        result.agents = 13  # type: ignore[misc]


@settings(max_examples=60, deadline=None)
@given(
    arrivals=st.floats(0, 2_000),
    handle_time_seconds=st.floats(1, 1_200),
    target_answer_seconds=st.floats(0, 300),
    agents=st.integers(1, 300),
)
def test_adding_an_agent_never_hurts(
    arrivals: float, handle_time_seconds: float, target_answer_seconds: float, agents: int
) -> None:
    fewer = erlang_c(arrivals, 30, handle_time_seconds, target_answer_seconds, agents)
    more = erlang_c(arrivals, 30, handle_time_seconds, target_answer_seconds, agents + 1)
    assert more.service_level >= fewer.service_level
    assert more.wait_probability <= fewer.wait_probability
    assert more.mean_wait_seconds <= fewer.mean_wait_seconds
    assert 0.0 <= more.service_level <= 1.0
    assert 0.0 <= more.wait_probability <= 1.0


# --- agents_needed -----------------------------------------------------------------------


def test_agents_needed_textbook_example() -> None:
    # 80% within 20 s: 13 agents give SL 0.7956 < 0.8, 14 give 0.8884 (exact Erlang C above).
    result = agents_needed(100, 30, 180, 20, 0.8, shrinkage=0.3)
    assert result.agents == 14
    assert result.fte == pytest.approx(14 / 0.7)  # FTE = agents / (1 - shrinkage) = 20
    assert result.traffic_erlangs == 10.0
    assert result.occupancy == pytest.approx(10 / 14)
    assert round(result.service_level, 4) == 0.8884


def test_agents_needed_respects_max_occupancy() -> None:
    # SL 30% is met by 11 agents (0.3896) at occupancy 10/11 = 0.909; a 0.85 cap needs
    # N >= 10 / 0.85 = 11.8 -> 12, a 0.8 cap N >= 12.5 -> 13.
    assert agents_needed(100, 30, 180, 20, 0.3).agents == 11
    assert agents_needed(100, 30, 180, 20, 0.3, max_occupancy=0.85).agents == 12
    assert agents_needed(100, 30, 180, 20, 0.3, max_occupancy=0.8).agents == 13


def test_agents_needed_without_arrivals() -> None:
    result = agents_needed(0, 30, 180, 20, 0.8, shrinkage=0.3)
    assert (result.agents, result.fte, result.service_level, result.occupancy) == (0, 0.0, 1.0, 0.0)


def test_agents_needed_at_a_thousand_agents() -> None:
    # 10,000 messages in 30 min at 180 s: 1,000 erlangs
    result = agents_needed(10_000, 30, 180, 20, 0.8)
    assert result.agents > 1_000
    check = erlang_c(10_000, 30, 180, 20, result.agents)
    assert result.service_level == check.service_level >= 0.8
    assert erlang_c(10_000, 30, 180, 20, result.agents - 1).service_level < 0.8


def test_agents_needed_impossible_queue_names_the_numbers() -> None:
    with pytest.raises(ImpossibleQueueError, match=r"200,000\.0 erlangs"):
        agents_needed(2_000_000, 30, 180, 20, 0.8)
    with pytest.raises(ImpossibleQueueError, match=str(MAX_AGENTS)[:3]):
        agents_needed(10_000, 30, 180, 20, 0.8, max_occupancy=0.001)


@settings(max_examples=80, deadline=None)
@given(
    arrivals=st.floats(0.01, 3_000),
    interval_minutes=st.sampled_from([15, 30, 60]),
    handle_time_seconds=st.floats(5, 900),
    target_answer_seconds=st.floats(0, 120),
    service_level=st.floats(0.01, 1.0),
    max_occupancy=st.floats(0.3, 1.0),
    shrinkage=st.floats(0, 0.6),
)
def test_agents_needed_is_the_smallest_team_meeting_the_target(
    arrivals: float,
    interval_minutes: int,
    handle_time_seconds: float,
    target_answer_seconds: float,
    service_level: float,
    max_occupancy: float,
    shrinkage: float,
) -> None:
    args = (arrivals, interval_minutes, handle_time_seconds, target_answer_seconds)
    result = agents_needed(*args, service_level, max_occupancy, shrinkage)
    at = erlang_c(*args, result.agents)
    assert at.service_level >= service_level
    assert at.occupancy <= max_occupancy
    assert result.agents > result.traffic_erlangs
    assert result.service_level == at.service_level
    assert result.wait_probability == at.wait_probability
    assert result.fte == pytest.approx(result.agents / (1 - shrinkage))
    if result.agents > 1:
        below = erlang_c(*args, result.agents - 1)
        assert below.service_level < service_level or below.occupancy > max_occupancy


# --- chat concurrency --------------------------------------------------------------------


def test_effective_handle_time_divides_by_concurrency() -> None:
    assert effective_handle_time_seconds(600, 4) == 150.0  # h / c = 600 / 4
    assert effective_handle_time_seconds(600, 1) == 600.0
    assert effective_handle_time_seconds(600, 2.5) == 240.0


# --- backlog model -----------------------------------------------------------------------


def test_backlog_worked_weekend_example() -> None:
    # 1 message an hour, answered at 120 an hour 09:00-17:00 Monday to Friday, target 24 h.
    # Weekday evenings and nights wait until 09:00 (< 16 h, in time). At Monday 09:00 the
    # messages from Friday 17:00 on wait, and one at position p (in messages) is answered at
    # 09:00 + p / 120 h. One that arrived on Sunday at 09:00 + d has p = 7 + 24 + 9 + d
    # ahead of it, so waits 24 + (40 + d) / 120 - d h, within 24 h once d >= 40 / 119.
    # Late: Friday 17:00 to Sunday 09:00 + 40/119, i.e. 40 + 40/119 messages; in time
    # 128 - 40/119 = 127.664 of 168 (the whole-hour model said 128). At Sunday midnight
    # Friday 17:00 on waits: 7 + 24 + 24 = 55 messages.
    result = backlog_service(24, 1, 0.5, 8, 24)
    assert result.needing_reply_per_week == 168
    assert result.answered_per_week == pytest.approx(168)
    assert result.missed_per_week == pytest.approx(0, abs=1e-9)
    assert result.answered_in_time_per_week == pytest.approx(128 - 40 / 119)
    assert result.share_answered_in_time == pytest.approx((128 - 40 / 119) / 168)
    assert result.backlog_end_of_week == pytest.approx(55)
    assert result.capacity_replies_per_week == 120 * 8 * 5
    assert result.staffed_hours_per_week == 40
    assert result.hours_needed_per_week == pytest.approx(168 * 0.5 / 60)  # needing * h / 60
    assert result.fte_needed == pytest.approx(1.4 / 40)


def test_waits_are_continuous_not_whole_hours() -> None:
    # The same weekend, checked three ways: the hand formula above, an event simulation of
    # single messages (400 an hour), and the whole-hour answer 128 / 168 it must not give.
    result = backlog_service(24, 1, 0.5, 8, 24)
    events = backlog_event_simulation(24, 1, 0.5, 8, 24, messages_per_hour=400)
    whole_hours = 128 / 168
    assert result.share_answered_in_time == pytest.approx(
        events["answered_in_time_per_week"] / 168, abs=2e-4
    )
    assert abs(result.share_answered_in_time - whole_hours) > 1e-3
    # A target of 0 h: in time only when the queue is empty on arrival. At 09:00 the
    # night's messages wait (64 on Monday, from Friday 17:00; 16 on Tuesday to Friday)
    # and clear at 120 - 1 = 119 a net hour, so the shift answers on arrival for
    # 8 - 64/119 h on Monday and 8 - 16/119 h on the other four days, at 1 message an
    # hour. The whole-hour model counted every reply within the arrival hour as in time
    # (40 of 168): it fails this.
    zero = backlog_service(24, 1, 0.5, 8, 0)
    expected_zero = 40 - 64 / 119 - 4 * 16 / 119
    assert zero.answered_in_time_per_week == pytest.approx(expected_zero)


def test_backlog_every_hour_staffed_with_enough_capacity_answers_all_in_time() -> None:
    # 5 messages an hour needing a reply, 12 an hour answered, 24/7: each hour clears itself
    result = backlog_service(240, 0.5, 5, 24, 0, staffed_days_per_week=7)
    assert result.share_answered_in_time == 1.0
    assert result.answered_in_time_per_week == result.needing_reply_per_week == 840
    assert result.backlog_end_of_week == 0.0
    assert result.hours_needed_per_week == pytest.approx(70)  # 840 * 5 / 60
    assert result.fte_needed == pytest.approx(70 / 40)


@pytest.mark.parametrize("kwargs", [{"staffed_hours_per_day": 0}, {"staffed_days_per_week": 0}])
def test_backlog_without_staff_answers_nothing(kwargs: dict[str, Any]) -> None:
    args: dict[str, Any] = {"staffed_hours_per_day": 8, "reply_target_hours": 24} | kwargs
    result = backlog_service(129, 1 / 3, 5, **args)
    assert result.share_answered_in_time == 0.0
    assert result.answered_per_week == 0.0
    assert result.missed_per_week == pytest.approx(301)  # 129 / 3 * 7
    assert result.backlog_end_of_week == pytest.approx(301)  # a week of messages waits


def test_backlog_without_messages() -> None:
    result = backlog_service(0, 0.5, 5, 8, 24)
    assert result.share_answered_in_time == 1.0
    assert result.needing_reply_per_week == result.missed_per_week == result.fte_needed == 0.0


def test_backlog_overloaded_inbox_answers_its_capacity_and_misses_the_rest() -> None:
    # The article's 129 a day, a third needing a reply: 301 a week; 4 h x 5 days at 12 an
    # hour answer 240. Settled, every answered message is days old (FIFO).
    result = backlog_service(129, 1 / 3, 5, 4, 24)
    assert result.needing_reply_per_week == pytest.approx(301)
    assert result.capacity_replies_per_week == 240
    assert result.answered_per_week == pytest.approx(240)
    assert result.missed_per_week == pytest.approx(61)
    assert result.share_answered_in_time == 0.0


def test_backlog_warm_start_is_where_a_long_run_from_empty_ends() -> None:
    # Overloaded by 61 a week, an empty inbox fills up in about 5 weeks; after 12 it has
    # settled. The event simulation's whole messages (12 an hour) agree to 0.5% of 301.
    long_run = backlog_event_simulation(
        129, 1 / 3, 5, 4, 150, weeks=12, warm_up=False, messages_per_hour=12
    )
    result = backlog_service(129, 1 / 3, 5, 4, 150)
    for field in ("answered_per_week", "answered_in_time_per_week"):
        assert getattr(result, field) == pytest.approx(long_run[field], abs=1.5), field
    assert result.answered_in_time_per_week > 0  # the 150 h target makes this a real check


@pytest.mark.parametrize(
    "args",
    [
        (129, 1 / 3, 5, 6, 24, 7, 5),
        (129, 1 / 3, 5, 4.25, 24, 7, 5),
        (500, 0.2, 8, 7.75, 4, 5, 5),
        (300, 0.8, 12, 10, 48, 7, 6),
        (80, 1.0, 5, 2.5, 0, 7, 7),
        (1000, 0.5, 3, 16.5, 200, 6, 3),
    ],
)
def test_backlog_agrees_with_an_event_simulation(args: tuple[Any, ...]) -> None:
    inbound, share, minutes, hours, target, days, staffed_days = args
    kwargs = {"days_per_week": days, "staffed_days_per_week": staffed_days}
    result = backlog_service(inbound, share, minutes, hours, target, **kwargs)
    expected = backlog_event_simulation(inbound, share, minutes, hours, target, **kwargs)
    # whole messages of 1/60 of an hour's arrivals: agreement to 0.3% of the week's messages
    tolerance = 3e-3 * expected["needing_reply_per_week"] + 1e-9
    for field, value in expected.items():
        assert getattr(result, field) == pytest.approx(value, abs=tolerance), field


@settings(max_examples=15, deadline=None)
@given(
    inbound_per_day=st.floats(0, 2_000),
    reply_share=st.floats(0, 1),
    handle_time_minutes=st.floats(0.5, 30),
    staffed_hours_per_day=st.floats(0, 24),
    reply_target_hours=st.floats(0, 200),
    days_per_week=st.integers(1, 7),
    staffed_days_per_week=st.integers(0, 7),
)
def test_backlog_agrees_with_an_event_simulation_anywhere(**kwargs: Any) -> None:
    result = backlog_service(**kwargs)
    expected = backlog_event_simulation(**kwargs, messages_per_hour=20)
    tolerance = 1e-2 * expected["needing_reply_per_week"] + 1e-9
    for field, value in expected.items():
        assert getattr(result, field) == pytest.approx(value, abs=tolerance), field


inbox = {
    "inbound_per_day": st.floats(0, 2_000),
    "reply_share": st.floats(0, 1),
    "handle_time_minutes": st.floats(0.5, 30),
    "reply_target_hours": st.floats(0, 200),
    "days_per_week": st.integers(1, 7),
    "staffed_days_per_week": st.integers(0, 7),
    "shift_start_hour": st.floats(0, 23.75),
}


@settings(max_examples=80, deadline=None)
@given(staffed_hours_per_day=st.floats(0, 24), **inbox)
def test_backlog_invariants(**kwargs: Any) -> None:
    result = backlog_service(**kwargs)
    assert 0.0 <= result.answered_in_time_per_week <= result.answered_per_week
    assert result.answered_per_week <= result.needing_reply_per_week
    assert 0.0 <= result.share_answered_in_time <= 1.0
    assert result.missed_per_week >= 0.0
    assert result.backlog_end_of_week >= 0.0
    assert result.answered_per_week <= result.capacity_replies_per_week * (1 + 1e-9)


@settings(max_examples=25, deadline=None)
@given(staffed_hours_per_day=st.floats(0, 24), **inbox)
def test_backlog_has_settled_by_the_second_week(**kwargs: Any) -> None:
    short = backlog_service(**kwargs, weeks=2)
    long = backlog_service(**kwargs, weeks=10)
    assert short.answered_per_week == pytest.approx(long.answered_per_week, rel=1e-9, abs=1e-9)
    assert short.share_answered_in_time == pytest.approx(
        long.share_answered_in_time, rel=1e-9, abs=1e-9
    )


@settings(max_examples=80, deadline=None)
@given(hours=st.lists(st.floats(0, 24), min_size=2, max_size=2), **inbox)
def test_more_staffed_hours_never_lower_the_share_in_time(
    hours: list[float], **kwargs: Any
) -> None:
    fewer, more = sorted(hours)
    share_fewer = backlog_service(**kwargs, staffed_hours_per_day=fewer).share_answered_in_time
    share_more = backlog_service(**kwargs, staffed_hours_per_day=more).share_answered_in_time
    assert share_more >= share_fewer - 1e-12


@settings(max_examples=40, deadline=None)
@given(
    inbound_per_day=st.floats(1, 1_000),
    reply_share=st.floats(0.05, 1),
    handle_time_minutes=st.floats(0.5, 15),
    reply_target_hours=st.floats(0, 72),
    target_share_in_time=st.floats(0.05, 1),
    staffed_days_per_week=st.integers(1, 7),
)
def test_staffed_hours_needed_is_the_least_that_meets_the_target(**kwargs: Any) -> None:
    target = kwargs.pop("target_share_in_time")
    try:
        hours = staffed_hours_needed(**kwargs, target_share_in_time=target)
    except ImpossibleQueueError:
        assert backlog_service(**kwargs, staffed_hours_per_day=24).share_answered_in_time < target
        return
    assert hours % 0.25 == 0 and 0 <= hours <= 24
    assert backlog_service(**kwargs, staffed_hours_per_day=hours).share_answered_in_time >= target
    if hours > 0:
        short = backlog_service(**kwargs, staffed_hours_per_day=hours - 0.25)
        assert short.share_answered_in_time < target


def test_staffed_hours_needed_examples() -> None:
    # Same numbers as the doctest (301 a week needing a reply, 12 answered an hour): worked
    # every day, 3.75 h a day answer 80% within a day (the event simulation agrees: see
    # test_backlog_agrees_with_an_event_simulation for the model itself).
    assert staffed_hours_needed(129, 1 / 3, 5, 24, 0.8, staffed_days_per_week=7) == 3.75
    assert staffed_hours_needed(0, 0.5, 5, 24, 1.0) == 0.0  # nothing to answer


def test_staffed_hours_needed_impossible_says_how_far_short() -> None:
    # Staffed 24 h Monday to Friday: lambda = 129 / 72 an hour, mu = 12. At Monday 00:00 the
    # weekend's 48 h of messages wait; one that arrived on Saturday at d h is reached at
    # lambda d / mu h, so waits 48 - d (1 - lambda / mu) h: late while d < 24 / (1 - lambda /
    # mu) = 28.21 h. In time 1 - 28.21 / 168 = 83.2% at most (whole hours said 83.3%).
    with pytest.raises(ImpossibleQueueError, match=r"83\.2%.*90\.0%"):
        staffed_hours_needed(129, 1 / 3, 5, 24, 0.9)


# --- bad input ---------------------------------------------------------------------------

CALLS: dict[str, tuple[Any, dict[str, Any]]] = {
    "erlang_c": (
        erlang_c,
        {
            "arrivals": 100,
            "interval_minutes": 30,
            "handle_time_seconds": 180,
            "target_answer_seconds": 20,
            "agents": 12,
        },
    ),
    "agents_needed": (
        agents_needed,
        {
            "arrivals": 100,
            "interval_minutes": 30,
            "handle_time_seconds": 180,
            "target_answer_seconds": 20,
            "service_level": 0.8,
            "max_occupancy": 0.85,
            "shrinkage": 0.3,
        },
    ),
    "effective_handle_time_seconds": (
        effective_handle_time_seconds,
        {"handle_time_seconds": 600, "concurrency": 4},
    ),
    "backlog_service": (
        backlog_service,
        {
            "inbound_per_day": 129,
            "reply_share": 0.3,
            "handle_time_minutes": 5,
            "staffed_hours_per_day": 8,
            "reply_target_hours": 24,
            "days_per_week": 7,
            "staffed_days_per_week": 5,
            "weeks": 4,
            "hours_per_fte_week": 40,
            "shift_start_hour": 9,
        },
    ),
    "staffed_hours_needed": (
        staffed_hours_needed,
        {
            "inbound_per_day": 129,
            "reply_share": 0.3,
            "handle_time_minutes": 5,
            "reply_target_hours": 24,
            "target_share_in_time": 0.5,
            "days_per_week": 7,
            "staffed_days_per_week": 5,
            "weeks": 4,
            "shift_start_hour": 9,
        },
    ),
}

# Out of range for one parameter only (on top of negative, NaN, infinite, bool and text).
OUT_OF_RANGE: dict[str, list[Any]] = {
    "interval_minutes": [0],
    "handle_time_seconds": [0],
    "agents": [0, 2.5, MAX_AGENTS + 1, 10**400],
    "service_level": [0, 1.5],
    "max_occupancy": [0, 1.01],
    "shrinkage": [1, 1.5],
    "concurrency": [0, 0.5],
    "reply_share": [1.01],
    "handle_time_minutes": [0],
    "staffed_hours_per_day": [24.25],
    "days_per_week": [0, 8, 6.5],
    "staffed_days_per_week": [8],
    "weeks": [0, 53],
    "hours_per_fte_week": [0],
    "shift_start_hour": [24],
    "target_share_in_time": [0, 1.1],
}

BAD_INPUTS = [
    pytest.param(name, field, value, id=f"{name}-{field}-{value!r}")
    for name, (_, kwargs) in CALLS.items()
    for field in kwargs
    for value in [-3, math.nan, math.inf, True, "5", None, *OUT_OF_RANGE.get(field, [])]
]


@pytest.mark.parametrize(("name", "field", "value"), BAD_INPUTS)
def test_bad_input_is_refused_with_its_name(name: str, field: str, value: Any) -> None:
    function, kwargs = CALLS[name]
    with pytest.raises(InputError, match=rf"^{field} must be a ") as caught:
        function(**(kwargs | {field: value}))
    assert caught.value.field == field
    assert caught.value.value is value
    assert f"got {value!r}" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_error_message_format() -> None:
    with pytest.raises(InputError) as caught:
        erlang_c(100, 30, -3, 20, 12)
    assert str(caught.value) == "handle_time_seconds must be a number > 0: got -3"
    with pytest.raises(InputError) as caught:
        erlang_c(100, 30, 180, 20, 2.5)  # type: ignore[arg-type]
    assert str(caught.value) == "agents must be a whole number in [1, 100000]: got 2.5"
    with pytest.raises(InputError) as caught:
        agents_needed(100, 30, 180, 20, 0.8, shrinkage=1)
    assert str(caught.value) == "shrinkage must be a number in [0, 1): got 1"


def test_staffed_hours_needed_needs_a_staffed_day() -> None:
    with pytest.raises(
        InputError, match=r"staffed_days_per_week must be a whole number in \[1, 7\]"
    ):
        staffed_hours_needed(129, 0.3, 5, 24, 0.5, staffed_days_per_week=0)


# --- arrival profile: the hour-of-week pattern of an inbox export ------------------------


def _office_heavy_profile() -> list[float]:
    """Weights of a typical brand inbox: busy weekday daytime, quieter evenings, a weekend."""
    weights = []
    for hour in range(168):
        day, clock = divmod(hour, 24)
        base = 4.0 if 8 <= clock < 18 else (2.0 if 18 <= clock < 23 else 0.5)
        weights.append(base * (0.6 if day >= 5 else 1.0))
    return weights


def test_an_even_profile_is_the_default_spread() -> None:
    # Equal weights in every hour of the 7 arrival days are exactly the default.
    for args in [(129, 1 / 3, 5, 4, 24), (70, 0.5, 6, 2, 4), (300, 0.8, 12, 10, 48)]:
        default = backlog_service(*args)
        even = backlog_service(*args, arrival_profile=[1.0] * 168)
        assert even == default


@pytest.mark.parametrize(
    "args",
    [
        (129, 1 / 3, 5, 4, 24),
        (70, 0.5, 6, 2, 4),
        (500, 0.2, 8, 7.75, 4),
        (300, 0.8, 12, 10, 48),
    ],
)
def test_profile_agrees_with_an_event_simulation(args: tuple[Any, ...]) -> None:
    profile = _office_heavy_profile()
    result = backlog_service(*args, arrival_profile=profile)
    expected = backlog_event_simulation(*args, arrival_profile=profile)
    tolerance = 3e-3 * expected["needing_reply_per_week"] + 1e-9
    for field, value in expected.items():
        assert getattr(result, field) == pytest.approx(value, abs=tolerance), field


@settings(max_examples=10, deadline=None)
@given(
    weights=st.lists(st.floats(0, 10), min_size=168, max_size=168).filter(lambda w: sum(w) > 1),
    inbound_per_day=st.floats(1, 1_000),
    staffed_hours_per_day=st.floats(0, 24),
    reply_target_hours=st.floats(0, 100),
)
def test_any_profile_agrees_with_an_event_simulation(
    weights: list[float], inbound_per_day: float, **kwargs: float
) -> None:
    result = backlog_service(inbound_per_day, 0.5, 5, arrival_profile=weights, **kwargs)
    expected = backlog_event_simulation(
        inbound_per_day, 0.5, 5, arrival_profile=weights, messages_per_hour=20, **kwargs
    )
    tolerance = 1e-2 * expected["needing_reply_per_week"] + 1e-9
    for field, value in expected.items():
        assert getattr(result, field) == pytest.approx(value, abs=tolerance), field


def test_messages_in_staffed_hours_are_answered_sooner_than_overnight_ones() -> None:
    # The same 350 messages a week needing a reply (100 a day x 0.5 x 7), 2 minutes each,
    # staffed 09-13 on weekdays, target 2 h. Arriving in the shift at 350 / 20 h = 17.5 an
    # hour, under the 30 an hour the team answers, each is answered as it arrives; arriving
    # 01-05 each waits at least 4 h for the shift, so none is in time.
    in_shift = [1.0 if h // 24 < 5 and 9 <= h % 24 < 13 else 0.0 for h in range(168)]
    overnight = [1.0 if h // 24 < 5 and 1 <= h % 24 < 5 else 0.0 for h in range(168)]
    day = backlog_service(100, 0.5, 2, 4, 2, arrival_profile=in_shift)
    night = backlog_service(100, 0.5, 2, 4, 2, arrival_profile=overnight)
    assert day.needing_reply_per_week == night.needing_reply_per_week == pytest.approx(350)
    assert day.share_answered_in_time == pytest.approx(1.0)
    assert night.share_answered_in_time == 0.0
    # Capacity (30 an hour, 600 a week) covers the week either way: nothing is missed.
    assert day.missed_per_week == pytest.approx(0) and night.missed_per_week == pytest.approx(0)


@pytest.mark.parametrize(
    ("profile", "says"),
    [
        ([1.0] * 167, "168 values"),
        ([1.0] * 167 + [-1.0], ">= 0"),
        ([0.0] * 168, "not all zero"),
        ([1.0] * 167 + [math.nan], ">= 0"),
    ],
)
def test_a_bad_profile_is_refused(profile: list[float], says: str) -> None:
    with pytest.raises(InputError, match="arrival_profile") as caught:
        backlog_service(100, 0.5, 5, 4, 2, arrival_profile=profile)
    assert says in str(caught.value)
