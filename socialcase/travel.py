"""The lead's evidence in a link or a scenario file (steps 2, 3 and 10).

What the uploads produced travels with the case: the growth series the stall is
read from (one metric, with its file name) and the inbox statistics step 3
shows. Both are packed as small JSON: dates as a start day and runs of equal
steps, values as whole numbers at a fixed decimal scale, stored as differences
(a year of daily followers is about 1 KB once the link compresses it). Reading
is strict about shape and size; anything unusable is refused with a sentence.
"""

from __future__ import annotations

import math
from dataclasses import MISSING, dataclass, fields
from typing import Any

import numpy as np
import pandas as pd

from socialcase.inbox import REPLY_TIME_GRID_HOURS, InboxStats

__all__ = [
    "MAX_POINTS",
    "CarriedGrowth",
    "CarriedInbox",
    "pack_growth",
    "pack_inbox",
    "unpack_growth",
    "unpack_inbox",
]

MAX_POINTS = 20_000
"""Most points a carried series may have (55 years of days)."""
_MAX_SCALE = 6
_MAX_ABS = 1e15


@dataclass(frozen=True)
class CarriedGrowth:
    """A growth series as it travels: the metric, its values by date, and where it came from."""

    file_name: str
    metric: str
    series: pd.Series
    recognised_as: str = "generic"
    frequency: str = "daily"


@dataclass(frozen=True)
class CarriedInbox:
    """Inbox statistics as they travel, with the export's file name."""

    file_name: str
    stats: InboxStats


def _text(value: Any, limit: int = 200) -> str | None:
    return value[:limit] if isinstance(value, str) else None


def _runs(steps: list[int]) -> list[list[int]]:
    """[1, 1, 1, 7] -> [[1, 3], [7, 1]]."""
    out: list[list[int]] = []
    for step in steps:
        if out and out[-1][0] == step:
            out[-1][1] += 1
        else:
            out.append([step, 1])
    return out


def _scale(values: np.ndarray) -> int:
    """The fewest decimals (0-6) that hold every value exactly, else 6."""
    finite = values[np.isfinite(values)]
    for k in range(_MAX_SCALE + 1):
        scaled = finite * 10**k
        if np.all(np.abs(scaled - np.round(scaled)) <= 1e-9 * np.maximum(1, np.abs(scaled))):
            return k
    return _MAX_SCALE


def pack_growth(file_name: str, metric: str, series: pd.Series, **about: str) -> dict[str, Any]:
    """The series as compact JSON: {"f", "m", "t0", "dt": runs of day steps, "k", "x": deltas}.

    Missing values are ``null`` in ``x`` and do not break the differences.

    >>> s = pd.Series([10.0, 12.0, None, 15.0], index=pd.date_range("2025-01-01", periods=4))
    >>> p = pack_growth("f.csv", "followers", s)
    >>> p["t0"], p["dt"], p["x"]
    ('2025-01-01', [[1, 3]], [10, 2, None, 3])
    >>> unpack_growth(p)[0].series.equals(s)
    True
    """
    data = series.dropna() if series.isna().all() else series
    dates = pd.DatetimeIndex(data.index).normalize()
    days = (dates - dates[0]).days.to_numpy() if len(dates) else np.array([], dtype=int)
    values = data.to_numpy(dtype=float)
    k = _scale(values)
    deltas: list[int | None] = []
    last = 0
    for v in values:
        if not math.isfinite(v):
            deltas.append(None)
            continue
        whole = round(v * 10**k)
        deltas.append(whole - last)
        last = whole
    return {
        "f": file_name[:200],
        "m": metric[:60],
        "t0": f"{dates[0]:%Y-%m-%d}" if len(dates) else "",
        "dt": _runs([int(d) for d in np.diff(days)]),
        "k": k,
        "x": deltas,
        **{key: value[:60] for key, value in about.items() if key in ("as", "fr")},
    }


def unpack_growth(data: Any) -> tuple[CarriedGrowth | None, str]:
    """The series `pack_growth` wrote, or None and why it cannot be used."""
    bad = (None, "the growth series in it is damaged")
    if not isinstance(data, dict):
        return bad
    name, metric, start = _text(data.get("f")), _text(data.get("m"), 60), _text(data.get("t0"))
    runs, k, deltas = data.get("dt"), data.get("k"), data.get("x")
    if name is None or not metric or not start or not isinstance(deltas, list):
        return bad
    if not isinstance(k, int) or isinstance(k, bool) or not 0 <= k <= _MAX_SCALE:
        return bad
    if not isinstance(runs, list) or not 0 < len(deltas) <= MAX_POINTS:
        return bad
    steps: list[int] = []
    for run in runs:
        ok = (
            isinstance(run, list)
            and len(run) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in run)
        )
        if not ok or not 1 <= run[0] <= 366 or not 1 <= run[1] <= MAX_POINTS - len(steps):
            return bad
        steps += [run[0]] * run[1]
    if len(steps) != len(deltas) - 1:
        return bad
    try:
        first = pd.Timestamp(start)
    except (ValueError, TypeError):
        return bad
    if not 1900 <= first.year <= 2200:
        return bad
    values: list[float] = []
    level = 0
    for d in deltas:
        if d is None:
            values.append(math.nan)
            continue
        if not isinstance(d, int) or isinstance(d, bool) or abs(d) > _MAX_ABS * 10**k:
            return bad
        level += d
        if abs(level) > _MAX_ABS * 10**k:
            return bad
        values.append(level / 10**k)
    offsets = np.concatenate([[0], np.cumsum(steps, dtype=np.int64)])
    index = pd.DatetimeIndex(first + pd.to_timedelta(offsets, unit="D"), name="date")
    series = pd.Series(values, index=index.as_unit("us"), name=metric, dtype=float)
    return (
        CarriedGrowth(
            name,
            metric,
            series,
            _text(data.get("as"), 60) or "generic",
            _text(data.get("fr"), 60) or "daily",
        ),
        "",
    )


_PERCENTILES = (
    "response_hours_p25",
    "response_hours_p50",
    "response_hours_p75",
    "response_hours_p90",
)


def pack_inbox(file_name: str, stats: InboxStats) -> dict[str, Any]:
    """The statistics as compact JSON; the hour-of-week pattern as whole message counts."""
    first = pd.Timestamp(stats.first_day)
    weekdays = _weekdays(first, stats.days_covered)
    hour_counts = np.nan_to_num(stats.hour_of_week.to_numpy(dtype=float)) * weekdays[:, None]
    networks = stats.messages_per_day_by_network
    grid = stats.answered_within_grid
    return {
        "f": file_name[:200],
        "n": int(stats.messages_total),
        "d": int(stats.days_covered),
        "a": f"{first:%Y-%m-%d}",
        "h": np.rint(hour_counts).astype(np.int64).ravel().tolist(),
        "net": {str(k)[:60]: round(float(v) * stats.days_covered) for k, v in networks.items()},
        "ma": stats.messages_answered,
        "q": [getattr(stats, p) for p in _PERCENTILES],
        # answered within each of inbox.REPLY_TIME_GRID_HOURS, as increments (short ints)
        "w": None if grid is None else np.diff(grid, prepend=0).astype(int).tolist(),
    }


def _weekdays(first: pd.Timestamp, days: int) -> np.ndarray:
    """How many Mondays..Sundays the days from `first` cover."""
    return np.bincount((np.arange(days) + first.weekday()) % 7, minlength=7).astype(float)


def _count(value: Any, limit: float = 1e12) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= limit


def unpack_inbox(data: Any) -> tuple[CarriedInbox | None, str]:
    """The statistics `pack_inbox` wrote, or None and why they cannot be used."""
    bad = (None, "the inbox statistics in it are damaged")
    if not isinstance(data, dict):
        return bad
    name, start = _text(data.get("f")), _text(data.get("a"))
    total: Any = data.get("n")
    days: Any = data.get("d")
    hours_: Any = data.get("h")
    answered, quantiles, networks = data.get("ma"), data.get("q"), data.get("net", {})
    if name is None or not start or not _count(total) or not _count(days, 36_600) or days < 1:
        return bad
    if not isinstance(hours_, list) or len(hours_) != 168 or not all(_count(c) for c in hours_):
        return bad
    if answered is not None and not (_count(answered) and answered <= total):
        return bad
    if not isinstance(quantiles, list) or len(quantiles) != 4:
        return bad
    if not all(q is None or (_finite_number(q) and q >= 0) for q in quantiles):
        return bad
    if not isinstance(networks, dict) or not all(_count(v) for v in networks.values()):
        return bad
    within, grid = data.get("w"), None  # older links have no "w": no reply-time grid
    if within is not None:
        if not isinstance(within, list) or len(within) != len(REPLY_TIME_GRID_HOURS):
            return bad
        if answered is None or not all(_count(c) for c in within) or sum(within) > answered:
            return bad
        grid = tuple(int(c) for c in np.cumsum(within))
    try:
        first = pd.Timestamp(start)
    except (ValueError, TypeError):
        return bad
    weekdays = _weekdays(first, days)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_hour = np.where(
            weekdays[:, None] > 0,
            np.array(hours_, dtype=float).reshape(7, 24) / weekdays[:, None],
            np.nan,
        )
    values: dict[str, Any] = {
        "messages_total": int(total),
        "days_covered": days,
        "first_day": first,
        "last_day": first + pd.Timedelta(days=days - 1),
        "messages_per_day": total / days,
        "hour_of_week": pd.DataFrame(
            per_hour, index=pd.RangeIndex(7, name="weekday"), columns=pd.RangeIndex(24, name="hour")
        ),
        "messages_per_day_by_network": pd.Series(
            {str(k): v / days for k, v in networks.items()}, dtype=float, name="messages_per_day"
        ),
        "messages_answered": answered,
        "share_answered": None if answered is None or total == 0 else answered / total,
        "answered_within_grid": grid,
        **{
            p: None if q is None else float(q) for p, q in zip(_PERCENTILES, quantiles, strict=True)
        },
    }
    # Statistics this version does not carry (added later) start empty.
    # those with a default take it (e.g. no per-message reply times), the others None.
    given = {
        f.name: values.get(f.name)
        for f in fields(InboxStats)
        if f.name in values or (f.default is MISSING and f.default_factory is MISSING)
    }
    stats = InboxStats(**given)  # type: ignore[arg-type]
    return CarriedInbox(name, stats), ""


def _finite_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
