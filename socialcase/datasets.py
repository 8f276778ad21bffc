"""Seeded sample data with known answers, for the demo and for the tests.

Serves step 2, "Sign 1: growth has stalled" (a follower export with a known
stall date), and step 3, "Sign 2: you miss engagement" (an inbox export).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "SAMPLE_GROWTH_SEED",
    "SAMPLE_INBOX_SEED",
    "FollowerTruth",
    "InboxTruth",
    "SeriesKind",
    "follower_series",
    "inbox_export",
    "sample_growth_export",
    "sample_inbox_export",
]

SeriesKind = Literal["stall", "steady", "seasonal", "accelerating", "outage"]

SAMPLE_GROWTH_SEED = 3
"""Seed of the built-in sample growth export (a ``"stall"`` series)."""

SAMPLE_INBOX_SEED = 7
"""Seed of the built-in sample inbox export."""

# Weekday shares of daily follower gains for all kinds but "seasonal": a mild
# weekday lift, as brands post less at weekends.  Mean over a week is 1.
_MILD_WEEKLY = np.array([1.10, 1.10, 1.05, 1.05, 1.00, 0.85, 0.85])
# "seasonal": most gains on weekdays, almost none at weekends.  Mean is 1.
_STRONG_WEEKLY = np.array([1.45, 1.40, 1.35, 1.30, 1.10, 0.20, 0.20])
# Reach and engagement by weekday (Monday first); mean is 1.
_REACH_WEEKLY = np.array([1.12, 1.15, 1.10, 1.08, 1.00, 0.78, 0.77])


@dataclass(frozen=True)
class FollowerTruth:
    """The known answer behind a :func:`follower_series` export.

    Attributes
    ----------
    kind : str
        The kind of series generated.
    stall_date : pandas.Timestamp or None
        First day of the slower growth; ``None`` when growth never stalls.
    growth_before_per_day : float
        True mean daily follower gain before the stall (for kinds without a
        stall: at the start of the series).
    growth_after_per_day : float
        True mean daily follower gain after the stall (for kinds without a
        stall: at the end of the series).
    outage_date : pandas.Timestamp or None
        The day whose row reports zeros (kind ``"outage"`` only).
    """

    kind: str
    stall_date: pd.Timestamp | None
    growth_before_per_day: float
    growth_after_per_day: float
    outage_date: pd.Timestamp | None = None


@dataclass(frozen=True)
class InboxTruth:
    """The known answer behind an :func:`inbox_export`.

    Attributes
    ----------
    messages_per_day : float
        Expected number of inbound messages per day over the exported days.
    share_answered : float
        Probability that a message gets a reply (0..1).
    hour_of_week_weights : pandas.DataFrame
        7 x 24 table (rows Monday=0 .. Sunday=6, columns hour 0..23) of the
        share of a week's messages arriving in each hour; it sums to 1.
    response_hours_median_in_office : float
        Median hours to the first reply for a message received in office
        hours (weekdays 08:00-17:00).
    """

    messages_per_day: float
    share_answered: float
    hour_of_week_weights: pd.DataFrame
    response_hours_median_in_office: float


def follower_series(
    kind: SeriesKind = "stall",
    days: int = 365,
    start: str | pd.Timestamp = "2025-01-01",
    seed: int = 0,
) -> tuple[pd.DataFrame, FollowerTruth]:
    """A daily analytics export with a known growth pattern.

    Like ruptures' ``pw_constant``, it returns the signal and the truth.

    Parameters
    ----------
    kind : {"stall", "steady", "seasonal", "accelerating", "outage"}
        ``"stall"``: about +40 followers a day, then about +3 a day from a
        day between 40% and 70% of the way through.  ``"steady"``: noisy
        +25..45 a day throughout.  ``"seasonal"``: steady growth whose daily
        gains follow a strong weekly pattern (few new followers at weekends).
        ``"accelerating"``: gains rise linearly from about +10 to about +60 a
        day.  ``"outage"``: steady growth with one day whose row reports zero
        followers, reach and engagements (a broken data day).
    days : int
        Number of daily rows (at least 60).
    start : str or Timestamp
        First date.
    seed : int
        Seed for :func:`numpy.random.default_rng`; the same seed gives the
        same export.

    Returns
    -------
    export : pandas.DataFrame
        Columns ``date``, ``followers`` (cumulative), ``reach``,
        ``impressions`` and ``engagements`` (daily counts).
    truth : FollowerTruth

    Notes
    -----
    Daily gains are ``rate * weekday_factor + noise`` with normal noise of
    standard deviation ``max(6, 0.3 * rate)``, plus a rare "viral" day (2% of
    days) that adds two days' worth of followers.  Reach is about 30% of
    followers on an average weekday (log-normal noise, sd 0.25), impressions
    about 1.6 x reach and engagements about 2.5% of reach.

    Examples
    --------
    >>> export, truth = follower_series("stall", seed=1)
    >>> list(export.columns)
    ['date', 'followers', 'reach', 'impressions', 'engagements']
    >>> truth.growth_before_per_day, truth.growth_after_per_day
    (40.0, 3.0)
    """
    if days < 60:
        raise ValueError(f"'days' must be >= 60: {days}")
    rng = np.random.default_rng(seed)
    dates = pd.date_range(pd.Timestamp(start), periods=days, freq="D")
    weekday = np.asarray(dates.day_of_week)
    position = np.arange(days)
    stall_date: pd.Timestamp | None = None
    outage_date: pd.Timestamp | None = None
    weekly = _MILD_WEEKLY[weekday]

    if kind == "stall":
        before, after = 40.0, 3.0
        stall_at = int(rng.integers(int(0.4 * days), int(0.7 * days)))
        rate = np.where(position < stall_at, before, after)
        stall_date = dates[stall_at]
    elif kind in ("steady", "outage"):
        before = after = round(float(rng.uniform(25.0, 45.0)), 1)
        rate = np.full(days, before)
    elif kind == "seasonal":
        before = after = round(float(rng.uniform(25.0, 45.0)), 1)
        rate = np.full(days, before)
        weekly = _STRONG_WEEKLY[weekday]
    elif kind == "accelerating":
        before, after = 10.0, 60.0
        rate = np.linspace(before, after, days)
    else:
        raise ValueError(
            f"'kind' must be one of stall, steady, seasonal, accelerating, outage: {kind!r}"
        )

    noise_sd = np.maximum(6.0, 0.3 * rate)
    gains = rate * weekly + rng.normal(0.0, 1.0, days) * noise_sd
    viral = rng.random(days) < 0.02
    gains = gains + viral * 2.0 * rate
    gains = np.round(gains)
    gains[0] = 0.0
    start_followers = float(rng.integers(4_000, 12_000))
    followers = start_followers + np.cumsum(gains)

    reach_noise = rng.lognormal(0.0, 0.25, days)
    reach = np.round(0.30 * followers * _REACH_WEEKLY[weekday] * reach_noise)
    impressions = np.round(reach * rng.uniform(1.4, 1.8, days))
    engagements = np.round(reach * 0.025 * rng.lognormal(0.0, 0.2, days))

    if kind == "outage":
        at = int(rng.integers(int(0.3 * days), int(0.8 * days)))
        outage_date = dates[at]
        followers[at] = reach[at] = impressions[at] = engagements[at] = 0.0

    export = pd.DataFrame(
        {
            "date": dates,
            "followers": followers.astype(np.int64),
            "reach": reach.astype(np.int64),
            "impressions": impressions.astype(np.int64),
            "engagements": engagements.astype(np.int64),
        }
    )
    truth = FollowerTruth(
        kind=kind,
        stall_date=stall_date,
        growth_before_per_day=float(before),
        growth_after_per_day=float(after),
        outage_date=outage_date,
    )
    return export, truth


def _hour_of_week_weights() -> pd.DataFrame:
    """Share of a week's inbound messages in each hour (sums to 1)."""
    hours = np.array(
        [
            *(0.15, 0.10, 0.08, 0.06, 0.06, 0.10, 0.25, 0.55, 0.95, 1.30, 1.45, 1.50),
            *(1.55, 1.50, 1.45, 1.40, 1.30, 1.15, 1.00, 0.95, 0.90, 0.75, 0.50, 0.30),
        ]
    )
    days = np.array([1.15, 1.15, 1.10, 1.10, 1.00, 0.60, 0.55])
    grid = np.outer(days, hours)
    grid = grid / grid.sum()
    return pd.DataFrame(
        grid,
        index=pd.RangeIndex(7, name="weekday"),
        columns=pd.RangeIndex(24, name="hour"),
    )


def _next_office_time(times: np.ndarray) -> np.ndarray:
    """Move each ``datetime64[s]`` to the next weekday 08:00-17:00 moment."""
    day = times.astype("datetime64[D]")
    seconds = (times - day).astype(np.int64)
    out = times.copy()
    # Before 08:00 on any day: that day's 08:00.  After 17:00: next day 08:00.
    early = seconds < 8 * 3600
    late = seconds >= 17 * 3600
    eight = np.timedelta64(8 * 3600, "s")
    out[early] = day[early] + eight
    out[late] = day[late] + np.timedelta64(1, "D") + eight
    # Weekend (Saturday=5, Sunday=6 with Monday=0): move to Monday 08:00.
    for _ in range(2):
        d = out.astype("datetime64[D]")
        weekday = (d.astype(np.int64) + 3) % 7
        weekend = weekday >= 5
        out[weekend] = d[weekend] + np.timedelta64(1, "D") + eight
    return out


def inbox_export(
    days: int = 28,
    messages_per_day: float = 129.0,
    reply_share: float = 0.4,
    seed: int = 0,
    start: str | pd.Timestamp = "2025-03-03",
) -> tuple[pd.DataFrame, InboxTruth]:
    """An inbox export, one row per inbound message, with its known answer.

    Parameters
    ----------
    days : int
        Number of whole days covered (from ``start`` at 00:00).
    messages_per_day : float
        Mean inbound messages per day over a whole week.  The default, 129,
        is Sprout Social's average number of inbound engagements a brand
        receives per day (see SOURCES.md).
    reply_share : float
        Probability that a message gets a reply (0..1).
    seed : int
        Seed for :func:`numpy.random.default_rng`.
    start : str or Timestamp
        First day (a Monday by default).

    Returns
    -------
    export : pandas.DataFrame
        Columns ``received_at``, ``network``, ``message_type`` and
        ``first_reply_at`` (``NaT`` when not replied), sorted by
        ``received_at``.
    truth : InboxTruth

    Notes
    -----
    Arrivals in each hour of each day are Poisson with mean
    ``messages_per_day * 7 * w[weekday, hour]``, where ``w`` sums to 1 over
    the 168 hours of a week: busiest on weekday business hours, quiet at night
    and at weekends.  A replied message waits until the next office moment
    (weekdays 08:00-17:00) and then a log-normal time with median 1.5 hours.

    Examples
    --------
    >>> export, truth = inbox_export(days=7, seed=1)
    >>> list(export.columns)
    ['received_at', 'network', 'message_type', 'first_reply_at']
    >>> truth.messages_per_day, truth.share_answered
    (129.0, 0.4)
    >>> round(float(truth.hour_of_week_weights.to_numpy().sum()), 6)
    1.0
    """
    if days < 1:
        raise ValueError(f"'days' must be >= 1: {days}")
    if not messages_per_day >= 0:
        raise ValueError(f"'messages_per_day' must be >= 0: {messages_per_day}")
    if not 0 <= reply_share <= 1:
        raise ValueError(f"'reply_share' must be between 0 and 1: {reply_share}")
    rng = np.random.default_rng(seed)
    weights = _hour_of_week_weights()
    grid = weights.to_numpy()
    first = pd.Timestamp(start).normalize()
    day_index = np.arange(days)
    weekdays = (first.day_of_week + day_index) % 7
    # Expected arrivals for every hour of every day, shape (days, 24).
    means = messages_per_day * 7.0 * grid[weekdays]
    counts = rng.poisson(means).ravel()
    hour_starts = first.to_datetime64().astype("datetime64[s]") + (
        np.arange(days * 24) * np.timedelta64(3600, "s")
    )
    received = np.repeat(hour_starts, counts) + rng.integers(0, 3600, counts.sum()).astype(
        "timedelta64[s]"
    )
    received.sort()
    n = received.size
    replied = rng.random(n) < reply_share
    median_hours = 1.5
    wait_seconds = np.round(rng.lognormal(np.log(median_hours * 3600), 1.0, n)).astype(np.int64)
    reply = _next_office_time(received) + wait_seconds.astype("timedelta64[s]")
    reply_at = np.where(replied, reply, np.datetime64("NaT", "s"))

    networks = rng.choice(
        np.array(["Facebook", "Instagram", "LinkedIn", "X", "TikTok"]),
        size=n,
        p=[0.35, 0.35, 0.10, 0.10, 0.10],
    )
    types = rng.choice(
        np.array(["comment", "direct message", "mention"]), size=n, p=[0.60, 0.25, 0.15]
    )
    export = pd.DataFrame(
        {
            "received_at": pd.to_datetime(received),
            "network": pd.array(networks, dtype="str"),
            "message_type": pd.array(types, dtype="str"),
            "first_reply_at": pd.to_datetime(reply_at),
        }
    )
    truth = InboxTruth(
        messages_per_day=float(means.sum() / days),
        share_answered=float(reply_share),
        hour_of_week_weights=weights,
        response_hours_median_in_office=median_hours,
    )
    return export, truth


def sample_growth_export() -> pd.DataFrame:
    """The built-in sample follower export shown by the dashboard.

    A year of daily rows from 2025-01-01 whose growth stalls part-way
    (``follower_series("stall", seed=SAMPLE_GROWTH_SEED)``; call that for the
    true stall date).

    Examples
    --------
    >>> export = sample_growth_export()
    >>> len(export), str(export["date"].iloc[0].date())
    (365, '2025-01-01')
    """
    export, _ = follower_series("stall", seed=SAMPLE_GROWTH_SEED)
    return export


def sample_inbox_export() -> pd.DataFrame:
    """The built-in sample inbox export shown by the dashboard.

    Four weeks of messages at Sprout Social's average of 129 a day, 40%
    answered (``inbox_export(seed=SAMPLE_INBOX_SEED)``).

    Examples
    --------
    >>> export = sample_inbox_export()
    >>> 3000 < len(export) < 4300
    True
    """
    export, _ = inbox_export(seed=SAMPLE_INBOX_SEED)
    return export
