"""Stall detection: finds real stalls, does not cry wolf."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcase.datasets import SAMPLE_GROWTH_SEED, follower_series, sample_growth_export
from socialcase.growth import (
    LinearTrend,
    StallDetector,
    detect_stall,
    gap_to_trend,
    value_of_gap,
)

SEEDS = range(10)


def followers_of(kind: str, seed: int) -> pd.Series:
    export, _ = follower_series(kind, seed=seed)  # type: ignore[arg-type]
    return export.set_index("date")["followers"]


@pytest.mark.parametrize("seed", SEEDS)
def test_finds_the_stall_within_two_weeks(seed: int) -> None:
    export, truth = follower_series("stall", seed=seed)
    stall = detect_stall(export.set_index("date")["followers"])
    assert stall is not None
    assert truth.stall_date is not None
    assert abs((stall.start - truth.stall_date).days) <= 14
    assert stall.growth_before_per_day == pytest.approx(40, abs=6)
    assert stall.growth_after_per_day == pytest.approx(3, abs=3)
    assert 0.9 <= stall.confidence <= 1
    assert stall.drop_share > 0.5
    assert stall.metric == "followers"


@pytest.mark.parametrize("kind", ["steady", "seasonal", "accelerating", "outage"])
@pytest.mark.parametrize("seed", SEEDS)
def test_no_stall_in_healthy_growth(kind: str, seed: int) -> None:
    assert detect_stall(followers_of(kind, seed)) is None


def test_outage_day_is_treated_as_a_glitch() -> None:
    export, truth = follower_series("outage", seed=3)
    detector = StallDetector().fit(export.set_index("date")["followers"])
    assert truth.outage_date in detector.glitch_days_


def test_weekly_export_with_gaps_still_finds_the_stall() -> None:
    export, truth = follower_series("stall", seed=5)
    series = export.set_index("date")["followers"]
    weekly = series[pd.DatetimeIndex(series.index).day_of_week == 0]  # a Monday-by-Monday export
    weekly = weekly.drop(weekly.index[[3, 4, 10]])  # and three missing weeks
    stall = detect_stall(weekly)
    assert stall is not None and truth.stall_date is not None
    assert abs((stall.start - truth.stall_date).days) <= 14


def test_recovered_growth_is_not_a_stall() -> None:
    dates = pd.date_range("2025-01-01", periods=300, freq="D")
    rate = np.select([np.arange(300) < 100, np.arange(300) < 160], [40.0, 3.0], 40.0)
    series = pd.Series(5000 + np.cumsum(rate), index=dates)
    assert detect_stall(series) is None


def test_a_stall_younger_than_min_days_is_not_reported_yet() -> None:
    dates = pd.date_range("2025-01-01", periods=200, freq="D")
    rate = np.where(np.arange(200) < 185, 40.0, 2.0)
    assert detect_stall(pd.Series(np.cumsum(rate), index=dates)) is None


def test_too_short_a_series_gives_no_stall() -> None:
    dates = pd.date_range("2025-01-01", periods=30, freq="D")
    assert detect_stall(pd.Series(np.arange(30.0), index=dates)) is None


def test_gap_to_trend_by_hand() -> None:
    # 60 days: day 1 at 1040 and +40 a day to day 60 (3400); then +4 a day for
    # 60 days to 3640.  Old trend from day 60: 3400 + 40 * 60 = 5800 on day
    # 120, so the gap is 5800 - 3640 = 2160 and widens by 40 - 4 = 36 a day.
    dates = pd.date_range("2025-01-01", periods=120, freq="D")
    gains = np.where(np.arange(120) < 60, 40.0, 4.0)
    followers = pd.Series(1000 + np.cumsum(gains), index=dates, name="followers")
    stall = detect_stall(followers)
    assert stall is not None
    assert stall.start == pd.Timestamp("2025-03-02")
    assert stall.growth_before_per_day == 40.0
    assert stall.growth_after_per_day == 4.0
    assert stall.trend_before == LinearTrend(pd.Timestamp("2025-03-01"), 3400.0, 40.0)
    gap = gap_to_trend(followers, stall)
    assert gap.gap_units == 2160.0
    assert gap.actual_at_end == 3640.0
    assert gap.trend_at_end == 5800.0
    assert gap.gap_growth_per_day == 36.0
    assert gap.trend.index[0] == stall.start and gap.trend.index[-1] == gap.end_date
    assert value_of_gap(gap.gap_units, 0.5) == 1080.0


def test_sample_case_has_a_stall() -> None:
    series = sample_growth_export().set_index("date")["followers"]
    truth = follower_series("stall", seed=SAMPLE_GROWTH_SEED)[1]
    stall = detect_stall(series)
    assert stall is not None and truth.stall_date is not None
    assert abs((stall.start - truth.stall_date).days) <= 14
    assert gap_to_trend(series, stall).gap_units > 0


def test_bad_input_is_refused() -> None:
    with pytest.raises(TypeError):
        detect_stall([1, 2, 3])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="indexed by date"):
        detect_stall(pd.Series([1.0, 2.0], index=["a", "b"]))
    with pytest.raises(ValueError, match="min_drop_share"):
        StallDetector(min_drop_share=1.5)
    with pytest.raises(ValueError, match="min_days"):
        StallDetector(min_days=3)
    with pytest.raises(ValueError, match="penalty"):
        StallDetector(penalty=-1.0)
    with pytest.raises(RuntimeError):
        StallDetector().predict()
    with pytest.raises(ValueError, match="value_per_unit"):
        value_of_gap(100.0, -1.0)
    with pytest.raises(ValueError, match="gap_units"):
        value_of_gap(float("nan"), 1.0)
    with pytest.raises(TypeError):
        value_of_gap(True, 1.0)


@settings(max_examples=25, deadline=None)
@given(
    slope=st.floats(min_value=0.5, max_value=500.0),
    noise=st.floats(min_value=0.0, max_value=0.3),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_straight_growth_never_stalls(slope: float, noise: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    gains = slope * (1 + noise * rng.standard_normal(240))
    dates = pd.date_range("2024-06-01", periods=240, freq="D")
    assert detect_stall(pd.Series(1000 + np.cumsum(gains), index=dates)) is None


@settings(max_examples=20, deadline=None)
@given(
    before=st.floats(min_value=10.0, max_value=1000.0),
    kept=st.floats(min_value=0.0, max_value=0.3),
    at=st.integers(min_value=70, max_value=170),
)
def test_clean_stalls_are_found_on_the_day(before: float, kept: float, at: int) -> None:
    dates = pd.date_range("2024-06-01", periods=240, freq="D")
    gains = np.where(np.arange(240) < at, before, before * kept)
    stall = detect_stall(pd.Series(np.cumsum(gains), index=dates))
    assert stall is not None
    assert abs((stall.start - dates[at]).days) <= 2
