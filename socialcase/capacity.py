"""Capacity of the team against its inbox: step 3 of the case, "Sign 2: you miss engagement".

Erlang C for real-time queues (chat, DMs answered in seconds) and a backlog model for a
social inbox answered within hours: how many messages go unanswered, and who it would take.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from socialcase.errors import ImpossibleQueueError, InputError

__all__ = [
    "MAX_AGENTS",
    "BacklogResult",
    "ErlangCResult",
    "ImpossibleQueueError",
    "InputError",
    "StaffingResult",
    "agents_needed",
    "backlog_service",
    "effective_handle_time_seconds",
    "erlang_c",
    "hourly_arrival_rates",
    "staffed_hours_needed",
]

#: Largest team the queue functions consider; beyond it a queue counts as impossible.
MAX_AGENTS = 100_000

_HOURS_PER_WEEK = 168
#: Messages still unanswered after this many hours are dropped as missed (they have gone stale).
_STALE_AFTER_HOURS = 168
_STAFFED_HOURS_STEP = 0.25
#: Fewer messages a week than this needing a reply count as none: far below one message,
#: and the running totals of so small a queue are rounding noise (subnormal floats).
_NEGLIGIBLE_PER_WEEK = 1e-9


# --- input checking: once, at the edge ---------------------------------------------------


def _refuse(field: str, value: Any, allowed: str) -> InputError:
    return InputError(field, value, f"{field} must be {allowed}: got {value!r}")


def _number(
    field: str,
    value: Any,
    *,
    low: float,
    high: float = math.inf,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return `value` as a finite float in the given range, or raise `InputError`."""
    if low_open and high_open:
        allowed = f"a number in ({low:g}, {high:g})"
    elif high == math.inf:
        allowed = f"a number {'>' if low_open else '>='} {low:g}"
    else:
        allowed = (
            f"a number in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        )
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise _refuse(field, value, allowed)
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError):
        raise _refuse(field, value, allowed) from None
    if (
        not math.isfinite(number)
        or number < low
        or (low_open and number == low)
        or number > high
        or (high_open and number == high)
    ):
        raise _refuse(field, value, allowed)
    return number


def _whole(field: str, value: Any, *, low: int, high: int) -> int:
    """Return `value` as an int in [low, high]; integral floats such as 12.0 are accepted."""
    allowed = f"a whole number in [{low}, {high}]"
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise _refuse(field, value, allowed)
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError):
        raise _refuse(field, value, allowed) from None
    if not math.isfinite(number) or number != math.floor(number) or not low <= number <= high:
        raise _refuse(field, value, allowed)
    return int(number)


# --- Erlang C: real-time queues ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ErlangCResult:
    """How a queue with a given number of agents performs (Erlang C)."""

    agents: int
    traffic_erlangs: float
    service_level: float  # share answered within the target, 0..1
    wait_probability: float  # share that has to wait at all, 0..1
    occupancy: float  # share of agents' time spent handling, 0..1
    mean_wait_seconds: float  # average speed of answer (ASA); inf when the queue is unstable


@dataclass(frozen=True, slots=True)
class StaffingResult:
    """The smallest team that meets a service target, and how it then performs."""

    agents: int  # people on the floor at the same time
    fte: float  # full-time equivalents to employ: agents / (1 - shrinkage)
    service_level: float
    occupancy: float
    wait_probability: float
    mean_wait_seconds: float
    traffic_erlangs: float


def _traffic_erlangs(arrivals: float, interval_minutes: float, handle_time_seconds: float) -> float:
    return arrivals * handle_time_seconds / (interval_minutes * 60.0)


def _erlang_b(traffic: float, agents: int) -> float:
    """Erlang B blocking probability by the stable recursion B(n) = A B(n-1) / (n + A B(n-1))."""
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return blocking


def _erlang_c_from_b(
    traffic: float,
    agents: int,
    blocking: float,
    handle_time_seconds: float,
    target_answer_seconds: float,
) -> ErlangCResult:
    """Performance of `agents` agents given Erlang B at `agents` (shared by the public API)."""
    if traffic == 0.0:
        return ErlangCResult(agents, 0.0, 1.0, 0.0, 0.0, 0.0)
    if agents <= traffic:
        return ErlangCResult(agents, traffic, 0.0, 1.0, 1.0, math.inf)
    spare = agents - traffic
    # Both are in [0, 1] exactly; the clamps only absorb rounding.
    wait_probability = min(agents * blocking / (agents - traffic * (1.0 - blocking)), 1.0)
    decay = math.exp(-spare * target_answer_seconds / handle_time_seconds)
    return ErlangCResult(
        agents=agents,
        traffic_erlangs=traffic,
        service_level=max(1.0 - wait_probability * decay, 0.0),
        wait_probability=wait_probability,
        occupancy=traffic / agents,
        mean_wait_seconds=wait_probability * handle_time_seconds / spare,
    )


def erlang_c(
    arrivals: float,
    interval_minutes: float,
    handle_time_seconds: float,
    target_answer_seconds: float,
    agents: int,
) -> ErlangCResult:
    """Service level, probability of waiting and speed of answer of a queue (Erlang C).

    Parameters
    ----------
    arrivals : float
        Messages (or calls) arriving in the interval, >= 0.
    interval_minutes : float
        Length of the interval, > 0.
    handle_time_seconds : float
        Average handle time per message, > 0. For chat, where one person handles several
        conversations at once, pass `effective_handle_time_seconds`.
    target_answer_seconds : float
        Answer within this many seconds to count as served in time, >= 0.
    agents : int
        People answering at the same time, a whole number in [1, 100000].

    Returns
    -------
    ErlangCResult
        `agents`, `traffic_erlangs`, `service_level`, `wait_probability`, `occupancy`,
        `mean_wait_seconds`. With no more agents than erlangs of traffic the queue grows
        without end: service level 0, wait probability 1, occupancy 1, mean wait infinite.

    Raises
    ------
    InputError
        For a negative, NaN, infinite, boolean or non-numeric input, or fractional agents.

    Notes
    -----
    With traffic :math:`A = \\lambda h` in erlangs (arrivals times handle time over the
    interval) and :math:`N` agents, Erlang B follows the recursion

    .. math:: B(0) = 1, \\quad B(n) = \\frac{A B(n-1)}{n + A B(n-1)},

    Erlang C (the probability of waiting) is :math:`P_w = \\frac{N B(N)}{N - A (1 - B(N))}`,
    and for a target answer time :math:`t`

    .. math::

        SL = 1 - P_w e^{-(N - A) t / h}, \\quad
        ASA = \\frac{P_w h}{N - A}, \\quad \\text{occupancy} = A / N.

    The recursion never forms :math:`A^N` or :math:`N!`, so it is exact in floating point to
    10,000 agents and beyond; the cost is one pass over 1..N.

    References
    ----------
    .. [1] A. K. Erlang, "Solution of some problems in the theory of probabilities of
       significance in automatic telephone exchanges", Elektroteknikeren 13 (1917).
    .. [2] G. Koole, "Call Center Optimization", MG books (2013): the Erlang C formula,
       service level and average speed of answer as used in contact centres.

    Examples
    --------
    The textbook case: 100 calls in 30 minutes, 3 minutes each, 12 agents, target 20 s.

    >>> r = erlang_c(100, 30, 180, 20, 12)
    >>> r.traffic_erlangs
    10.0
    >>> round(r.wait_probability, 4), round(r.service_level, 4), round(r.mean_wait_seconds, 1)
    (0.4494, 0.6402, 40.4)
    >>> round(r.occupancy, 3)
    0.833
    """
    arrivals = _number("arrivals", arrivals, low=0.0)
    interval_minutes = _number("interval_minutes", interval_minutes, low=0.0, low_open=True)
    handle_time_seconds = _number(
        "handle_time_seconds", handle_time_seconds, low=0.0, low_open=True
    )
    target_answer_seconds = _number("target_answer_seconds", target_answer_seconds, low=0.0)
    agents = _whole("agents", agents, low=1, high=MAX_AGENTS)
    traffic = _traffic_erlangs(arrivals, interval_minutes, handle_time_seconds)
    blocking = _erlang_b(traffic, agents)
    return _erlang_c_from_b(traffic, agents, blocking, handle_time_seconds, target_answer_seconds)


def agents_needed(
    arrivals: float,
    interval_minutes: float,
    handle_time_seconds: float,
    target_answer_seconds: float,
    service_level: float,
    max_occupancy: float = 1.0,
    shrinkage: float = 0.0,
) -> StaffingResult:
    """Smallest number of agents that answers `service_level` of messages within the target.

    Parameters
    ----------
    arrivals, interval_minutes, handle_time_seconds, target_answer_seconds : float
        As in `erlang_c`.
    service_level : float
        Share to answer within `target_answer_seconds`, in (0, 1]; the contact-centre
        convention is 0.8 within 20 s.
    max_occupancy : float, default 1.0
        Highest share of time agents may spend handling, in (0, 1]; contact-centre practice
        keeps it at 0.85 or below to avoid burnout.
    shrinkage : float, default 0.0
        Share of paid time not available for the queue (meetings, leave, training), in [0, 1);
        contact-centre practice puts it at 0.25-0.35.

    Returns
    -------
    StaffingResult
        `agents` on the floor, `fte` to employ, and the `service_level`, `occupancy`,
        `wait_probability`, `mean_wait_seconds` and `traffic_erlangs` that team achieves.
        No arrivals need no agents (0 agents, 0 FTE, service level 1).

    Raises
    ------
    InputError
        For an input out of range (see `erlang_c`).
    ImpossibleQueueError
        When no team of up to 100,000 agents meets the target.

    Notes
    -----
    The answer is the smallest :math:`N > A` with :math:`SL(N) \\ge` `service_level` and
    :math:`A / N \\le` `max_occupancy`, with :math:`SL` from `erlang_c`; and
    :math:`FTE = N / (1 - \\text{shrinkage})`. The search starts at
    :math:`\\lfloor A \\rfloor + 1` and carries the Erlang B recursion one agent at a time, so
    the whole search costs one pass over 1..N.

    References
    ----------
    .. [1] A. K. Erlang (1917), see `erlang_c`.
    .. [2] G. Koole, "Call Center Optimization", MG books (2013): staffing with Erlang C.
    .. [3] Contact-centre practice for the defaults: 80% within 20 s, occupancy at most 85%,
       shrinkage 25-35% (see SOURCES.md, "Engagement and response").

    Examples
    --------
    100 calls in 30 minutes, 3 minutes each, 80% answered within 20 s, 30% shrinkage:

    >>> r = agents_needed(100, 30, 180, 20, 0.8, shrinkage=0.3)
    >>> r.agents, round(r.fte, 2), round(r.service_level, 3)
    (14, 20.0, 0.888)
    """
    arrivals = _number("arrivals", arrivals, low=0.0)
    interval_minutes = _number("interval_minutes", interval_minutes, low=0.0, low_open=True)
    handle_time_seconds = _number(
        "handle_time_seconds", handle_time_seconds, low=0.0, low_open=True
    )
    target_answer_seconds = _number("target_answer_seconds", target_answer_seconds, low=0.0)
    service_level = _number("service_level", service_level, low=0.0, high=1.0, low_open=True)
    max_occupancy = _number("max_occupancy", max_occupancy, low=0.0, high=1.0, low_open=True)
    shrinkage = _number("shrinkage", shrinkage, low=0.0, high=1.0, high_open=True)

    traffic = _traffic_erlangs(arrivals, interval_minutes, handle_time_seconds)
    if traffic == 0.0:
        return StaffingResult(0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0)
    first = math.floor(traffic) + 1
    if first > MAX_AGENTS or traffic / MAX_AGENTS > max_occupancy:
        raise ImpossibleQueueError(
            f"{traffic:,.1f} erlangs of traffic need more than {MAX_AGENTS:,} agents at "
            f"occupancy <= {max_occupancy:.0%} ({arrivals:g} arrivals in "
            f"{interval_minutes:g} min at {handle_time_seconds:g} s each)"
        )
    blocking = _erlang_b(traffic, first)
    for agents in range(first, MAX_AGENTS + 1):
        if agents > first:
            blocking = traffic * blocking / (agents + traffic * blocking)
        result = _erlang_c_from_b(
            traffic, agents, blocking, handle_time_seconds, target_answer_seconds
        )
        if result.service_level >= service_level and result.occupancy <= max_occupancy:
            return StaffingResult(
                agents=agents,
                fte=agents / (1.0 - shrinkage),
                service_level=result.service_level,
                occupancy=result.occupancy,
                wait_probability=result.wait_probability,
                mean_wait_seconds=result.mean_wait_seconds,
                traffic_erlangs=traffic,
            )
    raise ImpossibleQueueError(
        f"no team of up to {MAX_AGENTS:,} agents answers {service_level:.1%} within "
        f"{target_answer_seconds:g} s at occupancy <= {max_occupancy:.0%} "
        f"({traffic:,.1f} erlangs of traffic)"
    )


def effective_handle_time_seconds(handle_time_seconds: float, concurrency: float) -> float:
    """Handle time per message when one person answers several conversations at once.

    Parameters
    ----------
    handle_time_seconds : float
        Time one conversation takes from first reply to close, > 0.
    concurrency : float
        Conversations one person handles at the same time, >= 1 (an average may be
        fractional). Contact-centre practice puts chat at 4-8 (a weak source).

    Returns
    -------
    float
        The handle time to give `erlang_c` or `agents_needed`, in seconds.

    Notes
    -----
    :math:`h_{eff} = h / c`: Erlang C then counts each person as one server who finishes a
    conversation every :math:`h / c` on average, as if the :math:`c` parallel chats were
    worked one after the other at :math:`c` times the speed. (Treating them as :math:`c`
    servers of handle time :math:`h` each would be a different model, with less queueing.)
    It is optimistic: in practice each extra chat slows the others, so keep `concurrency`
    at the low end when in doubt. For a chat, `h` is the conversation's length from first
    reply to close, not the handle time of one inbox message.

    References
    ----------
    .. [1] Contact-centre practice: the usual first approximation for chat in staffing
       tools, with 4-8 simultaneous chats per agent (a weak source; see SOURCES.md,
       "Engagement and response"). No published formula is claimed.

    Examples
    --------
    >>> effective_handle_time_seconds(600, 4)
    150.0
    """
    handle_time_seconds = _number(
        "handle_time_seconds", handle_time_seconds, low=0.0, low_open=True
    )
    concurrency = _number("concurrency", concurrency, low=1.0)
    return handle_time_seconds / concurrency


# --- backlog model: a social inbox answered within hours -------------------------------


@dataclass(frozen=True, slots=True)
class BacklogResult:
    """What a week of a social inbox looks like once the backlog has settled.

    The counts are for the messages that arrive in the reported week (the last simulated
    week), followed until they are answered or go stale.
    """

    needing_reply_per_week: float
    capacity_replies_per_week: float  # what the staffed hours could answer if never idle
    answered_per_week: float  # replied to before going stale
    answered_in_time_per_week: float  # replied to within the reply target
    share_answered_in_time: float  # answered in time / needing reply; 1 when none need a reply
    missed_per_week: float  # never answered: needing reply - answered
    backlog_end_of_week: float  # messages waiting at the end of the reported week
    staffed_hours_per_week: float
    hours_needed_per_week: float  # handling time the week's messages need
    fte_needed: float  # hours needed / hours per FTE week


def _week_segments(
    hourly_arrivals: np.ndarray,
    replies_per_staffed_hour: float,
    staffed_days_per_week: int,
    staffed_hours_per_day: float,
    shift_start_hour: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One week cut where a rate changes: segment starts (hours), arrival and service rates.

    `hourly_arrivals` holds the 168 arrival rates of the week's hours, Monday 00-01 first.
    """
    start = min(shift_start_hour, 24.0 - staffed_hours_per_day)
    end = start + staffed_hours_per_day
    changes = np.flatnonzero(np.diff(hourly_arrivals)) + 1  # hours where the rate changes
    cuts = [0.0, *changes.astype(float).tolist()]
    if staffed_hours_per_day > 0.0:
        cuts += [day * 24.0 + edge for day in range(staffed_days_per_week) for edge in (start, end)]
    starts = np.unique(np.array([cut for cut in cuts if cut < _HOURS_PER_WEEK], dtype=float))
    middles = (starts + np.append(starts[1:], float(_HOURS_PER_WEEK))) / 2.0
    day, clock = np.divmod(middles, 24.0)
    arrival_rates = hourly_arrivals[middles.astype(int)]
    staffed = (day < staffed_days_per_week) & (start <= clock) & (clock < end)
    service_rates = np.where(staffed, replies_per_staffed_hour, 0.0)
    return starts, arrival_rates, service_rates


def hourly_arrival_rates(
    needing_per_week: float,
    days_per_week: int = 7,
    arrival_profile: Sequence[float] | None = None,
) -> np.ndarray:
    """The 168 arrival rates (messages an hour) of a week, Monday 00-01 first.

    Without a profile the week's messages arrive evenly over the first `days_per_week`
    days: ``rate = needing / (24 days)`` in their hours, 0 elsewhere. With one,
    ``rate[k] = needing * w[k] / sum(w)``: the profile's 168 weights (messages counted in
    each hour of the week, say) set the shape, `needing_per_week` the total.

    >>> rates = hourly_arrival_rates(168.0)
    >>> float(rates.min()), float(rates.max())
    (1.0, 1.0)
    >>> profile = [0.0] * 168
    >>> profile[9] = 3.0; profile[10] = 1.0   # Monday 09-10 and 10-11
    >>> rates = hourly_arrival_rates(100.0, arrival_profile=profile)
    >>> float(rates[9]), float(rates[10]), float(rates.sum())
    (75.0, 25.0, 100.0)
    """
    if arrival_profile is None:
        hours = np.arange(_HOURS_PER_WEEK)
        even = needing_per_week / (24.0 * days_per_week)
        return np.where(hours // 24 < days_per_week, even, 0.0)
    weights = np.asarray(arrival_profile, dtype=float)
    if weights.shape != (_HOURS_PER_WEEK,):
        raise _refuse(
            "arrival_profile", f"{weights.size} values", "168 values, one per hour of the week"
        )
    if not np.isfinite(weights).all() or (weights < 0.0).any() or weights.sum() <= 0.0:
        raise _refuse(
            "arrival_profile",
            "weights with a negative, blank or infinite value, or all zero",
            "168 weights >= 0 that are not all zero",
        )
    return needing_per_week * weights / weights.sum()


def _fluid_backlog(
    ends: list[float],
    arrival_rates: list[float],
    service_rates: list[float],
    stale_rates: list[float],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Run the continuous fluid FIFO queue over back-to-back segments of constant rates.

    Returns the times (hours from 0) at which the regime changes and, at each, the messages
    arrived (A), the messages gone from the queue, answered or dropped (O, the FIFO front)
    and the messages answered (S), all counted from time 0.
    """
    times = [0.0]
    arrived_points = [0.0]
    front_points = [0.0]
    served_points = [0.0]
    now = arrived = stale = front = served = 0.0  # stale: A(t - 168), the oldest allowed
    for end, arrival, service, stale_rate in zip(
        ends, arrival_rates, service_rates, stale_rates, strict=True
    ):
        while now < end:
            left = end - now
            step = left
            if front >= arrived and arrival <= service:  # empty: answered as they arrive
                arrived += arrival * step
                served += arrival * step
                stale += stale_rate * step
                front = arrived
            elif front <= stale and service < stale_rate:  # the oldest go stale unanswered
                arrived += arrival * step
                served += service * step
                stale += stale_rate * step
                front = stale
            else:  # the team answers the oldest at the staffed rate
                to_empty = (
                    (arrived - front) / (service - arrival) if service > arrival else math.inf
                )
                to_stale = (
                    (front - stale) / (stale_rate - service) if stale_rate > service else math.inf
                )
                step = min(left, to_empty, to_stale)
                arrived += arrival * step
                served += service * step
                stale += stale_rate * step
                front = min(max(front + service * step, stale), arrived)
                if step == to_empty:
                    front = arrived
                elif step == to_stale:
                    front = stale
            now = end if step == left else now + step
            times.append(now)
            arrived_points.append(arrived)
            front_points.append(front)
            served_points.append(served)
    return (
        np.array(times),
        np.array(arrived_points),
        np.array(front_points),
        np.array(served_points),
    )


def _answered_in_time(
    times: np.ndarray,
    arrived: np.ndarray,
    front: np.ndarray,
    first_reported: float,
    target_hours: float,
) -> float:
    """Messages arriving in the reported week whose front passes them within the target.

    A message arriving at time a is answered in time when O(a + T) >= A(a): both sides are
    linear between the grid points, so the set of such a is found exactly piece by piece.
    """
    last_reported = first_reported + _HOURS_PER_WEEK
    grid = np.concatenate(([first_reported, last_reported], times, times - target_hours))
    grid = np.unique(grid[(grid >= first_reported) & (grid <= last_reported)])
    arrived_at = np.interp(grid, times, arrived)
    slack = np.interp(grid + target_hours, times, front) - arrived_at
    slack[np.abs(slack) <= 1e-9 * max(1.0, float(arrived[-1]))] = 0.0
    low, high = slack[:-1], slack[1:]
    width = np.diff(grid)
    crossing = np.divide(low, low - high, out=np.zeros_like(low), where=low != high) * width
    start = np.where(low >= 0.0, grid[:-1], grid[:-1] + crossing)
    stop = np.where(high >= 0.0, grid[1:], grid[:-1] + crossing)
    start = np.where((low < 0.0) & (high < 0.0), grid[1:], start)
    stop = np.where((low < 0.0) & (high < 0.0), grid[1:], stop)
    pieces = np.interp(stop, times, arrived) - np.interp(start, times, arrived)
    return math.fsum(np.maximum(pieces, 0.0).tolist())


def backlog_service(
    inbound_per_day: float,
    reply_share: float,
    handle_time_minutes: float,
    staffed_hours_per_day: float,
    reply_target_hours: float,
    days_per_week: int = 7,
    staffed_days_per_week: int = 5,
    weeks: int = 4,
    hours_per_fte_week: float = 40.0,
    shift_start_hour: float = 9.0,
    arrival_profile: Sequence[float] | None = None,
) -> BacklogResult:
    """How much of a social inbox gets answered, and in time, with the hours staffed.

    Parameters
    ----------
    inbound_per_day : float
        Inbound engagements a day on days messages arrive, >= 0 (Sprout Social: 129 a day on
        average).
    reply_share : float
        Share of inbound that needs a reply, in [0, 1].
    handle_time_minutes : float
        Minutes to answer one message, > 0 (about 5; DMs 8-15, weak sources).
    staffed_hours_per_day : float
        Hours the inbox is worked on each staffed day, in [0, 24]; fractions of an hour count
        pro rata.
    reply_target_hours : float
        A reply within this many hours counts as in time, >= 0 (consumers: 79% expect one
        within 24 h, 39% within 60 min).
    days_per_week : int, default 7
        Days a week messages arrive (the first ones of the week), whole number in [1, 7].
    staffed_days_per_week : int, default 5
        Days a week the inbox is worked (the first ones, Monday to Friday for 5), in [0, 7].
    weeks : int, default 4
        Weeks simulated, whole number in [1, 52]; the reported week is the last. From the
        second week on the result is the settled one (see Notes), so more weeks change
        nothing; 1 reports a first week.
    hours_per_fte_week : float, default 40.0
        Paid hours of one full-time person a week, > 0.
    shift_start_hour : float, default 9.0
        Hour of day the shift starts, in [0, 24); a shift that would run past midnight starts
        earlier instead, so 24 staffed hours cover the whole day.
    arrival_profile : sequence of 168 floats, optional
        When messages arrive: a weight for each hour of the week, Monday 00-01 first (an
        inbox export's hour-of-week counts, `socialcase.inbox.InboxStats.hour_of_week`).
        It shapes the week; the week's total stays ``inbound_per_day * reply_share *
        days_per_week``. Default: evenly over the arrival days.

    Returns
    -------
    BacklogResult
        `needing_reply_per_week`, `capacity_replies_per_week`, `answered_per_week`,
        `answered_in_time_per_week`, `share_answered_in_time`, `missed_per_week`,
        `backlog_end_of_week`, `staffed_hours_per_week`, `hours_needed_per_week`,
        `fte_needed`.

    Raises
    ------
    InputError
        For an input out of range.

    Notes
    -----
    This is the project's own continuous-time fluid model: no published formula covers a
    queue answered in hours with office-hours staffing. Time runs continuously over `weeks`
    weeks plus one more (so the last week's messages can be followed to the end). Messages
    needing a reply arrive at the constant rate :math:`\\lambda = I r / 24` an hour on
    arrival days, or :math:`\\lambda_k = d I r w_k / \\sum w` in hour :math:`k` of the week
    with an arrival profile :math:`w` and :math:`d` arrival days (spread evenly within each
    hour), and during the shift the team answers at :math:`\\mu = 60 / h` an hour, oldest
    first (FIFO), counting messages as a fluid. With :math:`A(t)` the messages arrived by
    time :math:`t` and :math:`O(t)` the FIFO front (the messages answered or dropped by
    :math:`t`), the front moves at

    .. math::

        O'(t) = \begin{cases}
            \\lambda(t) & \text{queue empty, } \\lambda(t) \\le \\mu(t)
                \text{ (answered as they arrive)} \\
            \\lambda(t - 168) & O(t) = A(t - 168),\\ \\mu(t) < \\lambda(t - 168)
                \text{ (the oldest go stale)} \\
            \\mu(t) & \text{otherwise,}
        \\end{cases}

    answering at :math:`\\min(\\lambda, \\mu)`, :math:`\\mu` and :math:`\\mu` in the three
    cases: messages still waiting 168 h after they arrived are dropped as missed (on social,
    a week-old comment is stale and answering it does not win the customer back). The rates
    are constant between the shift's edges and midnights, so the code follows :math:`O`
    exactly from one regime change to the next. A message arriving at :math:`a` waits
    until the front reaches it, :math:`O^{-1}(A(a)) - a` hours, to the fraction of an hour;
    it is in time for a target :math:`T < 168` exactly when :math:`O(a + T) \\ge A(a)`,
    which the code solves piece by piece (both sides are linear between the grid points).
    An inbox whose staffed hours can answer the week's messages starts empty and has
    settled after one week (a fluid queue that keeps up empties once a week); one that
    cannot starts with a week of messages waiting, where it would end up anyway after
    many weeks. Under overload FIFO answers the oldest messages first, so in the settled
    state nearly every reply is days late: a team that answers newest first would do
    better on time, but misses just as many. Then

    .. math::

        \text{missed} = \text{needing} - \text{answered}, \\quad
        \text{hours needed} = \text{needing} \\cdot h / 60, \\quad
        FTE = \text{hours needed} / \text{hours per FTE week}.

    Fewer than 1e-9 messages a week needing a reply (or answered in time) count as none:
    so small a queue's running totals are rounding noise.

    Sanity checks the model passes (see the tests): with every hour staffed and capacity at
    least the hourly inflow, every message is answered in the hour it arrives (share 1);
    with no staffed hours nothing is answered (share 0); more staffed hours never lower the
    share answered in time; and it agrees with an event simulation of single messages.

    References
    ----------
    .. [1] socialcase's own model (no published source); its inputs are from Sprout Social
       (129 inbound engagements a day), HubSpot (79% expect a reply within 24 h) and
       LiveAgent (about 5 minutes per social message, weak).

    Examples
    --------
    The article's 129 engagements a day, a third needing a reply at 5 minutes each, target
    one day. Worked 4 hours a day Monday to Friday, the inbox cannot keep up: 61 messages a
    week are never answered and, oldest first, every reply comes days late.

    >>> r = backlog_service(129, 1 / 3, 5, 4, 24)
    >>> round(r.needing_reply_per_week), round(r.capacity_replies_per_week)
    (301, 240)
    >>> round(r.answered_per_week), round(r.missed_per_week), r.share_answered_in_time
    (240, 61, 0.0)
    >>> round(r.hours_needed_per_week, 1), round(r.fte_needed, 2)
    (25.1, 0.63)

    Worked 6 hours a day, every message gets a reply, but weekend messages wait over a day:

    >>> r = backlog_service(129, 1 / 3, 5, 6, 24)
    >>> round(r.missed_per_week), round(r.share_answered_in_time, 2)
    (0, 0.51)
    """
    inbound_per_day = _number("inbound_per_day", inbound_per_day, low=0.0)
    reply_share = _number("reply_share", reply_share, low=0.0, high=1.0)
    handle_time_minutes = _number(
        "handle_time_minutes", handle_time_minutes, low=0.0, low_open=True
    )
    staffed_hours_per_day = _number(
        "staffed_hours_per_day", staffed_hours_per_day, low=0.0, high=24.0
    )
    reply_target_hours = _number("reply_target_hours", reply_target_hours, low=0.0)
    days_per_week = _whole("days_per_week", days_per_week, low=1, high=7)
    staffed_days_per_week = _whole("staffed_days_per_week", staffed_days_per_week, low=0, high=7)
    weeks = _whole("weeks", weeks, low=1, high=52)
    hours_per_fte_week = _number("hours_per_fte_week", hours_per_fte_week, low=0.0, low_open=True)
    shift_start_hour = _number(
        "shift_start_hour", shift_start_hour, low=0.0, high=24.0, high_open=True
    )

    needing = inbound_per_day * reply_share * days_per_week
    if needing < _NEGLIGIBLE_PER_WEEK:  # e.g. a share of 1e-311: float noise, not messages
        needing = 0.0
    starts, arrival_rates, service_rates = _week_segments(
        hourly_arrival_rates(needing, days_per_week, arrival_profile),
        60.0 / handle_time_minutes,
        staffed_days_per_week,
        staffed_hours_per_day,
        shift_start_hour,
    )
    lengths = np.diff(np.append(starts, float(_HOURS_PER_WEEK)))
    capacity = 60.0 / handle_time_minutes * staffed_hours_per_day * staffed_days_per_week
    # An overloaded inbox settles with a week of messages waiting; starting it there (a
    # warm-up week with nobody answering) reaches that state at once instead of after
    # dozens of weeks. An inbox that keeps up settles after one week from empty.
    warm_up_weeks = 1 if capacity < needing else 0
    simulated_weeks = warm_up_weeks + weeks + 1  # + 1 to follow the last week's messages
    offsets = np.repeat(np.arange(simulated_weeks) * float(_HOURS_PER_WEEK), len(starts))
    ends = np.tile(starts + lengths, simulated_weeks) + offsets
    services = np.tile(service_rates, simulated_weeks)
    services[: warm_up_weeks * len(starts)] = 0.0
    stales = np.tile(arrival_rates, simulated_weeks)
    stales[: len(starts)] = 0.0  # nothing arrived before time 0
    times, arrived, front, served = _fluid_backlog(
        ends.tolist(),
        np.tile(arrival_rates, simulated_weeks).tolist(),
        services.tolist(),
        stales.tolist(),
    )
    first_reported = float((warm_up_weeks + weeks - 1) * _HOURS_PER_WEEK)
    last_reported = first_reported + _HOURS_PER_WEEK
    first_message, last_message = np.interp([first_reported, last_reported], times, arrived)
    moving = np.concatenate(([True], np.diff(front) > 0.0))
    served_first, served_last = np.interp(
        [first_message, last_message], front[moving], served[moving]
    )
    backlog_end = float(last_message - np.interp(last_reported, times, front))
    # answered <= needing and <= capacity exactly; the interpolation's rounding (1e-12 of the
    # running totals) must not push a tiny week's answers above what the shift can do
    answered = min(max(float(served_last - served_first), 0.0), needing, capacity)
    if reply_target_hours >= _STALE_AFTER_HOURS:
        in_time = answered
    else:
        in_time = min(
            _answered_in_time(times, arrived, front, first_reported, reply_target_hours),
            answered,
        )
        if in_time < _NEGLIGIBLE_PER_WEEK * max(1.0, needing):  # rounding noise, not replies
            in_time = 0.0
    hours_needed = needing * handle_time_minutes / 60.0
    staffed_hours_per_week = staffed_hours_per_day * staffed_days_per_week
    return BacklogResult(
        needing_reply_per_week=needing,
        capacity_replies_per_week=capacity,
        answered_per_week=answered,
        answered_in_time_per_week=in_time,
        share_answered_in_time=in_time / needing if needing > 0.0 else 1.0,
        missed_per_week=needing - answered,
        backlog_end_of_week=backlog_end,
        staffed_hours_per_week=staffed_hours_per_week,
        hours_needed_per_week=hours_needed,
        fte_needed=hours_needed / hours_per_fte_week,
    )


def staffed_hours_needed(
    inbound_per_day: float,
    reply_share: float,
    handle_time_minutes: float,
    reply_target_hours: float,
    target_share_in_time: float,
    days_per_week: int = 7,
    staffed_days_per_week: int = 5,
    weeks: int = 4,
    shift_start_hour: float = 9.0,
    arrival_profile: Sequence[float] | None = None,
) -> float:
    """Fewest staffed hours a day (in quarter hours) that answer the target share in time.

    Parameters
    ----------
    inbound_per_day, reply_share, handle_time_minutes, reply_target_hours : float
        As in `backlog_service`.
    target_share_in_time : float
        Share of messages needing a reply to answer within `reply_target_hours`, in (0, 1].
    days_per_week, staffed_days_per_week, weeks : int
        As in `backlog_service`; `staffed_days_per_week` must be at least 1 here.
    shift_start_hour : float, default 9.0
        As in `backlog_service`.
    arrival_profile : sequence of 168 floats, optional
        As in `backlog_service`.

    Returns
    -------
    float
        Staffed hours per staffed day, a multiple of 0.25 in [0, 24].

    Raises
    ------
    InputError
        For an input out of range.
    ImpossibleQueueError
        When even 24 staffed hours a day fall short of the target.

    Notes
    -----
    The smallest :math:`H \\in \\{0, 0.25, \\ldots, 24\\}` with
    :math:`\\text{share in time}(H) \\ge` `target_share_in_time` in `backlog_service`, found by
    bisection: the share never falls as staffed hours grow, and the answer always meets the
    target while a quarter hour less does not. The search starts at the capacity bound
    :math:`60 H d / h \\ge` target :math:`\\times` needing, below which no :math:`H` can meet
    the target (nothing is answered in time that is not answered).

    References
    ----------
    .. [1] socialcase's own model, see `backlog_service`.

    Examples
    --------
    How many hours a day answer 80% of the article's inbox within a day? Monday to Friday
    it takes long days, because the weekend's messages wait; every day, under 4 hours.

    >>> staffed_hours_needed(129, 1 / 3, 5, 24, 0.8)
    19.5
    >>> staffed_hours_needed(129, 1 / 3, 5, 24, 0.8, staffed_days_per_week=7)
    3.75
    """
    target_share_in_time = _number(
        "target_share_in_time", target_share_in_time, low=0.0, high=1.0, low_open=True
    )
    staffed_days_per_week = _whole("staffed_days_per_week", staffed_days_per_week, low=1, high=7)

    def share(hours: float) -> float:
        return backlog_service(
            inbound_per_day,
            reply_share,
            handle_time_minutes,
            hours,
            reply_target_hours,
            days_per_week=days_per_week,
            staffed_days_per_week=staffed_days_per_week,
            weeks=weeks,
            shift_start_hour=shift_start_hour,
            arrival_profile=arrival_profile,
        ).share_answered_in_time

    steps = round(24.0 / _STAFFED_HOURS_STEP)
    best = share(steps * _STAFFED_HOURS_STEP)
    if best < target_share_in_time:
        raise ImpossibleQueueError(
            f"even 24 staffed hours a day on {staffed_days_per_week} days a week answer only "
            f"{best:.1%} of messages within {float(reply_target_hours):g} h, short of the "
            f"{target_share_in_time:.1%} target ({float(inbound_per_day):g} inbound a day, "
            f"{float(reply_share):.0%} needing a reply, {float(handle_time_minutes):g} min each)"
        )
    needing = float(inbound_per_day) * float(reply_share) * days_per_week
    if needing < _NEGLIGIBLE_PER_WEEK:
        return 0.0  # nothing to answer: share 1 with no staffed hours
    # Answered in time <= answered <= capacity, so share(H) <= 60 H d / (h * needing): no H
    # below target * needing * h / (60 d) can meet the target. The bisection starts there.
    floor_hours = target_share_in_time * needing * float(handle_time_minutes) / 60.0
    floor_steps = math.ceil(floor_hours / staffed_days_per_week / _STAFFED_HOURS_STEP) - 1
    low, high = min(max(floor_steps, 0), steps - 1), steps
    # share(low) misses the target (it is 0 at no staffed hours), share(high) meets it
    while high - low > 1:
        middle = (low + high) // 2
        if share(middle * _STAFFED_HOURS_STEP) >= target_share_in_time:
            high = middle
        else:
            low = middle
    return high * _STAFFED_HOURS_STEP
