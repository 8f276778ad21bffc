"""The sample-data generators: realistic shape, repeatable, answers known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from socialcase.datasets import (
    SeriesKind,
    follower_series,
    inbox_export,
    sample_growth_export,
    sample_inbox_export,
)

KINDS: list[SeriesKind] = ["stall", "steady", "seasonal", "accelerating", "outage"]


@pytest.mark.parametrize("kind", KINDS)
def test_follower_series_is_repeatable_and_shaped_like_an_export(kind: SeriesKind) -> None:
    first, truth = follower_series(kind, days=200, seed=4)
    again, _ = follower_series(kind, days=200, seed=4)
    other, _ = follower_series(kind, days=200, seed=5)
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)
    assert list(first.columns) == ["date", "followers", "reach", "impressions", "engagements"]
    assert len(first) == 200
    assert first["date"].diff().dropna().eq(pd.Timedelta(days=1)).all()
    assert (first[["reach", "impressions", "engagements"]] >= 0).all().all()
    assert truth.kind == kind


def test_stall_truth_matches_the_generated_gains() -> None:
    export, truth = follower_series("stall", seed=2)
    assert truth.stall_date is not None
    gains = export.set_index("date")["followers"].diff()
    before = gains[: truth.stall_date - pd.Timedelta(days=1)].iloc[1:].mean()
    after = gains[truth.stall_date :].mean()
    # Noise sd 12 a day (before) and 6 (after) plus rare viral days: the
    # sample means sit within a few followers of the true rates.
    assert before == pytest.approx(truth.growth_before_per_day, abs=5)
    assert after == pytest.approx(truth.growth_after_per_day, abs=2)


def test_steady_kinds_have_no_stall_and_outage_has_one_zero_day() -> None:
    for kind in ("steady", "seasonal", "accelerating"):
        _, truth = follower_series(kind, seed=1)
        assert truth.stall_date is None
    export, truth = follower_series("outage", seed=1)
    assert truth.outage_date is not None
    zero_days = export.loc[export["followers"] == 0, "date"]
    assert list(zero_days) == [truth.outage_date]


def test_seasonal_gains_are_low_at_weekends() -> None:
    export, _ = follower_series("seasonal", seed=0)
    gains = export.set_index("date")["followers"].diff().dropna()
    by_day = gains.groupby(pd.DatetimeIndex(gains.index).day_of_week).mean()
    assert by_day[[5, 6]].max() < 0.3 * by_day[[0, 1, 2, 3]].min()


def test_follower_series_refuses_bad_arguments() -> None:
    with pytest.raises(ValueError, match="'kind'"):
        follower_series("sideways")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'days'"):
        follower_series(days=10)


def test_inbox_export_is_repeatable_and_consistent() -> None:
    export, truth = inbox_export(days=14, seed=3)
    again, _ = inbox_export(days=14, seed=3)
    pd.testing.assert_frame_equal(export, again)
    assert list(export.columns) == ["received_at", "network", "message_type", "first_reply_at"]
    assert export["received_at"].is_monotonic_increasing
    assert export["received_at"].min() >= pd.Timestamp("2025-03-03")
    assert export["received_at"].max() < pd.Timestamp("2025-03-17")
    replied = export.dropna(subset=["first_reply_at"])
    assert (replied["first_reply_at"] >= replied["received_at"]).all()
    # Poisson total over 14 days: mean 1806, sd about 42.
    assert abs(len(export) - truth.messages_per_day * 14) < 5 * np.sqrt(1806)
    assert truth.hour_of_week_weights.shape == (7, 24)
    assert truth.hour_of_week_weights.to_numpy().sum() == pytest.approx(1.0)


def test_inbox_replies_start_in_office_hours() -> None:
    export, _ = inbox_export(days=28, seed=0)
    replied = export.dropna(subset=["first_reply_at"])
    # A reply is sent after the next office moment (weekdays 08:00-17:00), so
    # a message received on Saturday is never answered before Monday 08:00.
    saturday = replied[replied["received_at"].dt.day_of_week == 5]
    assert (saturday["first_reply_at"].dt.day_of_week.isin([0, 1, 2, 3, 4])).all()


def test_inbox_export_business_hours_busier_than_night() -> None:
    weights = inbox_export(days=7, seed=0)[1].hour_of_week_weights.to_numpy()
    assert weights[1, 11] > 10 * weights[1, 3]
    assert weights[1, 11] > weights[6, 11]


def test_inbox_export_refuses_bad_arguments() -> None:
    with pytest.raises(ValueError, match="'reply_share'"):
        inbox_export(reply_share=1.5)
    with pytest.raises(ValueError, match="'days'"):
        inbox_export(days=0)


def test_samples_are_fixed() -> None:
    pd.testing.assert_frame_equal(sample_growth_export(), sample_growth_export())
    pd.testing.assert_frame_equal(sample_inbox_export(), sample_inbox_export())
