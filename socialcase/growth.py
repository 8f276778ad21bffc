"""Find where follower (or reach) growth stalled and what the gap is worth.

Serves step 2 of the case, "Sign 1: growth has stalled": the growth rate
before and after the stall, the old trend continued, and the gap to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "LinearTrend",
    "Stall",
    "StallDetector",
    "TrendGap",
    "detect_stall",
    "gap_to_trend",
    "value_of_gap",
]

_DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class LinearTrend:
    """A straight line through time: ``level_at_origin + slope_per_day * days``.

    Attributes
    ----------
    origin : pandas.Timestamp
        The day the line starts from.
    level_at_origin : float
        Value of the metric on ``origin`` (units of the metric, e.g. followers).
    slope_per_day : float
        Growth per day (units of the metric per day).

    Examples
    --------
    >>> trend = LinearTrend(pd.Timestamp("2025-01-01"), 1000.0, 40.0)
    >>> trend.at(pd.to_datetime(["2025-01-01", "2025-01-11"])).tolist()
    [1000.0, 1400.0]
    """

    origin: pd.Timestamp
    level_at_origin: float
    slope_per_day: float

    def at(self, dates: pd.DatetimeIndex | pd.Series | list[pd.Timestamp]) -> np.ndarray:
        """Values of the line on ``dates``."""
        index = pd.DatetimeIndex(dates)
        days = np.asarray((index - self.origin) / _DAY, dtype=float)
        return self.level_at_origin + self.slope_per_day * days


@dataclass(frozen=True)
class Stall:
    """A stall in growth found by :func:`detect_stall`.

    Attributes
    ----------
    start : pandas.Timestamp
        First day of the slower growth.
    growth_before_per_day : float
        Mean daily gain (units a day) over the period of steady growth
        before ``start``.
    growth_after_per_day : float
        Mean daily gain (units a day) from ``start`` to the end of the series.
    drop_share : float
        ``1 - growth_after_per_day / growth_before_per_day``: 0.9 means growth
        fell by 90%.
    days_before : int
        Length in days of the period ``growth_before_per_day`` is measured on.
    days_after : int
        Days from ``start`` to the last day of the series, inclusive.
    confidence : float
        Approximate probability (0..1) that growth truly fell by at least
        the detector's ``min_drop_share``; see :class:`StallDetector`.
    trend_before : LinearTrend
        The old growth continued: starts on the day before ``start`` at that
        day's level and rises by ``growth_before_per_day``.
    metric : str
        Name of the series (e.g. ``"followers"``).
    """

    start: pd.Timestamp
    growth_before_per_day: float
    growth_after_per_day: float
    drop_share: float
    days_before: int
    days_after: int
    confidence: float
    trend_before: LinearTrend
    metric: str


@dataclass(frozen=True)
class TrendGap:
    """How far the metric now lags the old trend; from :func:`gap_to_trend`.

    Attributes
    ----------
    trend : pandas.Series
        The old trend continued, one value a day from the stall to the last
        day of the series (for drawing beside the actual series).
    end_date : pandas.Timestamp
        Last day of the series.
    actual_at_end : float
        The metric's value on ``end_date`` (units).
    trend_at_end : float
        The old trend's value on ``end_date`` (units).
    gap_units : float
        ``trend_at_end - actual_at_end``: followers (or other units) the
        stall has cost so far.
    gap_growth_per_day : float
        How much the gap widens each day while the stall lasts:
        ``growth_before_per_day - growth_after_per_day``.
    """

    trend: pd.Series
    end_date: pd.Timestamp
    actual_at_end: float
    trend_at_end: float
    gap_units: float
    gap_growth_per_day: float


def _daily_level(series: pd.Series) -> pd.Series:
    """The series as one value a day, gaps interpolated in time."""
    if not isinstance(series, pd.Series):
        raise TypeError(f"'series' must be a pandas Series: {type(series).__name__}")
    try:
        index = pd.DatetimeIndex(series.index)
    except (TypeError, ValueError) as exc:
        raise ValueError("'series' must be indexed by date") from exc
    values = pd.to_numeric(pd.Series(series.to_numpy(), index=index), errors="coerce")
    values = values.astype(float)
    values = values[np.isfinite(values.to_numpy())]
    if index.tz is not None:
        values.index = pd.DatetimeIndex(values.index).tz_localize(None)
    values = values.sort_index()
    values = values[~values.index.duplicated(keep="last")]
    if len(values) < 2:
        raise ValueError("'series' needs at least two dated numeric values")
    daily = values.resample("D").last()
    return daily.interpolate(method="time")


def _remove_glitches(level: pd.Series) -> tuple[pd.Series, pd.DatetimeIndex]:
    """Replace one- or two-day data glitches by interpolation (a Hampel filter).

    A cumulative count that jumps far from the median of the surrounding week
    and comes back is a broken data day, not growth.  Lasting level shifts
    are kept: after the shift the centred median follows them.  The first and
    last three days are not checked (no centred week around them).
    """
    median = level.rolling(7, center=True, min_periods=7).median()
    residual = level - median
    mad = float(np.nanmedian(np.abs(residual - np.nanmedian(residual))))
    typical_gain = float(np.nanmedian(np.abs(level.diff())))
    threshold = max(8.0 * 1.4826 * mad, 5.0 * typical_gain, 1.0)
    glitch = (residual.abs() > threshold).to_numpy()
    if not glitch.any():
        return level, pd.DatetimeIndex([])
    cleaned = level.mask(glitch).interpolate(method="time").ffill().bfill()
    return cleaned, pd.DatetimeIndex(level.index[glitch])


def _normal_cdf(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


class StallDetector:
    """Detect a lasting fall in the growth rate of a cumulative metric.

    Shaped like a ruptures estimator: set options, ``fit`` a series, then
    ``predict``.

    Parameters
    ----------
    penalty : float, optional
        Pelt penalty on each change point, in (units a day)^2.  By default
        ``6 * sigma**2 * log(n)``, with ``sigma`` the robust noise of the
        weekly growth rates (``1.4826 * MAD`` of week-to-week differences
        over ``sqrt(2)``, at least 1/7) and ``n`` the number of weeks: twice
        the usual BIC penalty, so that a single viral week does not split
        the growth before a stall.
    min_days : int
        A stall must have lasted at least this many days (28), and the growth
        before it is measured over at least this many days.
    min_drop_share : float
        Growth after the change must be at most ``1 - min_drop_share`` of the
        growth before it (0.5: growth at least halved).
    min_confidence : float
        Report a stall only if ``confidence`` is at least this (0.9).

    Notes
    -----
    Method:

    1. Resample to one value a day; interpolate gaps (for detection only).
    2. Remove one- or two-day data glitches (a Hampel filter on the level:
       values more than ``max(8 * 1.4826 * MAD, 5 * median |daily gain|)``
       from the centred 7-day median are interpolated).
    3. Daily gains, averaged over consecutive 7-day blocks ending on the last
       day.  Whole weeks cancel weekly seasonality and most day-to-day noise.
    4. Change points in the weekly growth rate with ruptures' Pelt and the
       ``"l2"`` cost (piecewise-constant mean), minimum segment
       ``ceil(min_days / 7)`` weeks (Killick, Fearnhead & Eckley, 2012).
    5. The first change point where (a) growth over the segment before it was
       positive, (b) growth in the segment after it, in the last segment and
       on average from it to the end are all at most ``1 - min_drop_share``
       of that, and (c) the confidence below is at least
       ``min_confidence``, is a stall.
    6. The day is refined with ruptures' Dynp (one change, ``"l2"``) on the
       centred 7-day mean of daily gains within two weeks either side.

    Confidence: with ``b`` and ``a`` the mean weekly growth rates before and
    after, ``n_b`` and ``n_a`` their numbers of weeks, ``d`` the
    ``min_drop_share`` and ``sigma`` the robust noise of one week's rate,
    ``z = ((1 - d) * b - a) / (sigma * sqrt(1 / n_a + (1 - d)**2 / n_b))``
    and ``confidence = Phi(z)``, the normal approximation of the probability
    that growth truly fell by at least ``d``.  It ignores the uncertainty in
    where the change is and any correlation between weeks, so read it as a
    rough grade, not an exact probability.

    Limits: it looks for the first lasting fall only; it needs about
    ``2 * min_days`` days of history; a slow, gradual slowdown may be found
    late or not at all; a stall in the last ``min_days`` days is not yet
    reported; a lasting level drop (e.g. a platform removing inactive
    accounts) is a single negative day, not a stall.

    References
    ----------
    Truong, Oudre & Vayatis (2020), "Selective review of offline change point
    detection methods", Signal Processing 167 (ruptures).

    Examples
    --------
    >>> from socialcase.datasets import follower_series
    >>> export, truth = follower_series("stall", seed=0)
    >>> followers = export.set_index("date")["followers"]
    >>> stall = StallDetector().fit(followers).predict()
    >>> abs((stall.start - truth.stall_date).days) <= 14
    True
    >>> abs(stall.growth_before_per_day - 40) < 5, abs(stall.growth_after_per_day - 3) < 2
    (True, True)
    """

    def __init__(
        self,
        *,
        penalty: float | None = None,
        min_days: int = 28,
        min_drop_share: float = 0.5,
        min_confidence: float = 0.9,
    ) -> None:
        if penalty is not None and not (math.isfinite(penalty) and penalty > 0):
            raise ValueError(f"'penalty' must be a positive number: {penalty}")
        if isinstance(min_days, bool) or not isinstance(min_days, int) or min_days < 7:
            raise ValueError(f"'min_days' must be an integer >= 7: {min_days}")
        if not 0 < min_drop_share < 1:
            raise ValueError(f"'min_drop_share' must be between 0 and 1: {min_drop_share}")
        if not 0 <= min_confidence < 1:
            raise ValueError(f"'min_confidence' must be in [0, 1): {min_confidence}")
        self.penalty = penalty
        self.min_days = min_days
        self.min_drop_share = min_drop_share
        self.min_confidence = min_confidence

    def fit(self, series: pd.Series) -> StallDetector:
        """Prepare ``series`` (a cumulative metric indexed by date).

        Sets ``level_`` (cleaned daily level), ``glitch_days_``,
        ``gains_`` (daily gains), ``weekly_growth_per_day_`` (mean daily gain
        per 7-day block, indexed by the block's last day), ``noise_per_day_``
        and ``change_points_`` (first days of new Pelt segments).
        """
        level, glitches = _remove_glitches(_daily_level(series))
        self.metric_ = str(series.name) if series.name is not None else "value"
        self.level_ = level
        self.glitch_days_ = glitches
        gains = level.diff().iloc[1:]
        self.gains_ = gains
        n_blocks = len(gains) // 7
        self.min_blocks_ = max(2, math.ceil(self.min_days / 7))
        self._offset = len(gains) - 7 * n_blocks
        blocks = gains.to_numpy()[self._offset :].reshape(n_blocks, 7).mean(axis=1)
        self.weekly_growth_per_day_ = pd.Series(
            blocks, index=gains.index[self._offset + 6 :: 7], name=self.metric_
        )
        self._bkps: list[int] = []
        self.change_points_: list[pd.Timestamp] = []
        self.noise_per_day_ = float("nan")
        if n_blocks < 2 * self.min_blocks_:
            return self
        step = np.diff(blocks)
        sigma = 1.4826 * float(np.median(np.abs(step - np.median(step)))) / math.sqrt(2)
        # Counts are whole numbers: a week's mean is known to 1/7 a day at best.
        sigma = max(sigma, 1 / 7)
        self.noise_per_day_ = sigma
        penalty = self.penalty
        if penalty is None:
            penalty = 6.0 * sigma**2 * math.log(n_blocks)
        import ruptures as rpt  # here, not at the top: it pulls in scipy (0.7 s)

        algo = rpt.Pelt(model="l2", min_size=self.min_blocks_, jump=1)
        self._bkps = [int(b) for b in algo.fit(blocks.reshape(-1, 1)).predict(pen=penalty)]
        self.change_points_ = [gains.index[self._offset + 7 * b] for b in self._bkps[:-1]]
        return self

    def predict(self) -> Stall | None:
        """The first lasting stall, or ``None`` when growth did not stall."""
        if not hasattr(self, "gains_"):
            raise RuntimeError("call fit(series) before predict()")
        blocks = self.weekly_growth_per_day_.to_numpy()
        bounds = [0, *self._bkps]
        d = self.min_drop_share
        for j in range(1, len(bounds) - 1):
            seg_start, b = bounds[j - 1], bounds[j]
            before = float(blocks[seg_start:b].mean())
            after = float(blocks[b:].mean())
            first_after = float(blocks[b : bounds[j + 1]].mean())
            last_segment = float(blocks[bounds[-2] :].mean())
            if before <= 0 or max(after, first_after, last_segment) > (1 - d) * before:
                continue
            n_b, n_a = b - seg_start, len(blocks) - b
            spread = self.noise_per_day_ * math.sqrt(1 / n_a + (1 - d) ** 2 / n_b)
            z = ((1 - d) * before - after) / spread
            confidence = _normal_cdf(z)
            if confidence < self.min_confidence:
                continue
            stall = self._stall(self._offset + 7 * seg_start, self._offset + 7 * b, confidence)
            # Checked again on the exact day: lasted long enough, fell far enough.
            if stall.days_after >= self.min_days and stall.drop_share >= d:
                return stall
        return None

    def _stall(self, seg_start: int, rough: int, confidence: float) -> Stall:
        gains = self.gains_
        smooth = gains.rolling(7, center=True, min_periods=4).mean().to_numpy()
        lo, hi = max(seg_start, rough - 14), min(len(gains), rough + 14)
        window = smooth[lo:hi]
        window = window[np.isfinite(window)]
        pos = rough
        if len(window) >= 8:
            import ruptures as rpt  # imported by fit already; see there

            refined = rpt.Dynp(model="l2", min_size=3, jump=1).fit(window.reshape(-1, 1))
            pos = lo + int(refined.predict(n_bkps=1)[0])
        values = gains.to_numpy()
        before = float(values[seg_start:pos].mean())
        after = float(values[pos:].mean())
        start = gains.index[pos]
        origin = start - _DAY
        trend = LinearTrend(origin, float(self.level_.loc[origin]), before)
        return Stall(
            start=start,
            growth_before_per_day=before,
            growth_after_per_day=after,
            drop_share=1.0 - after / before,
            days_before=pos - seg_start,
            days_after=len(values) - pos,
            confidence=confidence,
            trend_before=trend,
            metric=self.metric_,
        )


def detect_stall(
    series: pd.Series,
    *,
    min_days: int = 28,
    min_drop_share: float = 0.5,
    min_confidence: float = 0.9,
    penalty: float | None = None,
) -> Stall | None:
    """Where growth of a cumulative metric stalled, or ``None`` if it did not.

    A convenience for ``StallDetector(...).fit(series).predict()``; see
    :class:`StallDetector` for the method, the confidence and the limits.

    Parameters
    ----------
    series : pandas.Series
        A cumulative metric (e.g. followers) indexed by date; daily or weekly
        values, gaps allowed.  For a column of daily new followers pass
        ``new_followers.cumsum()``.
    min_days : int
        Minimum days a stall must have lasted (and of growth before it).
    min_drop_share : float
        Minimum fall of the growth rate to count as a stall (0.5 = halved).
    min_confidence : float
        Minimum confidence to report a stall.
    penalty : float, optional
        Pelt penalty; by default chosen from the noise (see the detector).

    Returns
    -------
    Stall or None

    Examples
    --------
    >>> from socialcase.datasets import follower_series
    >>> export, _ = follower_series("seasonal", seed=0)
    >>> print(detect_stall(export.set_index("date")["followers"]))
    None
    """
    detector = StallDetector(
        penalty=penalty,
        min_days=min_days,
        min_drop_share=min_drop_share,
        min_confidence=min_confidence,
    )
    return detector.fit(series).predict()


def gap_to_trend(series: pd.Series, stall: Stall) -> TrendGap:
    """The old trend continued past the stall and the gap to it at the end.

    Parameters
    ----------
    series : pandas.Series
        The cumulative metric the stall was found in, indexed by date.
    stall : Stall
        From :func:`detect_stall`.

    Returns
    -------
    TrendGap

    Notes
    -----
    ``trend(t) = level(s - 1) + g_before * (t - (s - 1))`` for each day ``t``
    from the stall day ``s`` to the last day ``T``;
    ``gap_units = trend(T) - actual(T)``.  The gap grows by about
    ``g_before - g_after`` a day while the stall lasts.  It assumes the old
    growth would have continued in a straight line, which is optimistic for
    a maturing account and conservative for a growing market.

    Examples
    --------
    >>> dates = pd.date_range("2025-01-01", periods=120, freq="D")
    >>> gains = np.where(np.arange(120) < 60, 40.0, 4.0)
    >>> followers = pd.Series(1000 + np.cumsum(gains), index=dates, name="followers")
    >>> stall = detect_stall(followers)
    >>> str(stall.start.date())
    '2025-03-02'
    >>> gap = gap_to_trend(followers, stall)
    >>> gap.gap_units, gap.gap_growth_per_day
    (2160.0, 36.0)
    """
    level = _daily_level(series)
    end_date = pd.Timestamp(level.index[-1])
    dates = pd.date_range(stall.start, end_date, freq="D")
    values = stall.trend_before.at(dates)
    trend = pd.Series(values, index=dates, name=f"{stall.metric} (old trend)")
    actual = float(level.iloc[-1])
    trend_end = float(values[-1]) if len(values) else actual
    return TrendGap(
        trend=trend,
        end_date=end_date,
        actual_at_end=actual,
        trend_at_end=trend_end,
        gap_units=trend_end - actual,
        gap_growth_per_day=stall.growth_before_per_day - stall.growth_after_per_day,
    )


def value_of_gap(gap_units: float, value_per_unit: float) -> float:
    """What the gap to the old trend is worth: ``gap_units * value_per_unit``.

    Parameters
    ----------
    gap_units : float
        The gap, e.g. followers short of the old trend
        (:attr:`TrendGap.gap_units`).
    value_per_unit : float
        Money one unit is worth to the business (e.g. a follower's value a
        year, in the scenario's currency); at least 0.

    Returns
    -------
    float
        Money, in the currency of ``value_per_unit``.

    Examples
    --------
    >>> value_of_gap(2160.0, 1.5)
    3240.0
    """
    for name, value in (("gap_units", gap_units), ("value_per_unit", value_per_unit)):
        if isinstance(value, bool) or not isinstance(value, int | float | np.number):
            raise TypeError(f"'{name}' must be a number: {value!r}")
        if not math.isfinite(value):
            raise ValueError(f"'{name}' must be finite: {value}")
    if value_per_unit < 0:
        raise ValueError(f"'value_per_unit' must be >= 0: {value_per_unit}")
    return float(gap_units) * float(value_per_unit)
