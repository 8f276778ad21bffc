"""Inbox exports: reading them, and the load measured from them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import upload_value
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcase import datasets, inbox
from socialcase.datasets import inbox_export, sample_inbox_export
from socialcase.imports import ExportError
from socialcase.inbox import engagement_inputs, inbox_stats, read_inbox_export
from socialcase.travel import pack_inbox, unpack_inbox

# A tiny hand-made export.  Monday 3 March 2025 to Wednesday 12 March 2025.
TINY = (
    "Received,Network,Message Type,First reply at\n"
    "2025-03-03 09:10:00,Facebook,comment,2025-03-03 10:10:00\n"  # 1.0 h
    "2025-03-03 09:50:00,Instagram,direct message,2025-03-03 12:50:00\n"  # 3.0 h
    "2025-03-03 23:30:00,Facebook,comment,\n"
    "2025-03-08 14:00:00,Facebook,mention,2025-03-10 08:00:00\n"  # 42.0 h
    "2025-03-10 09:20:00,LinkedIn,comment,2025-03-10 09:50:00\n"  # 0.5 h
    "2025-03-12 16:00:00, Instagram ,comment,\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_stats_by_hand(tmp_path: Path) -> None:
    export = read_inbox_export(write(tmp_path, "tiny.csv", TINY))
    stats = inbox_stats(export)
    assert stats.messages_total == 6
    # 3 March to 12 March inclusive: 10 days.
    assert stats.days_covered == 10
    assert stats.first_day == pd.Timestamp("2025-03-03")
    assert stats.last_day == pd.Timestamp("2025-03-12")
    assert stats.messages_per_day == 0.6  # 6 / 10
    assert stats.messages_answered == 4
    assert stats.share_answered == 4 / 6
    # Waits sorted: 0.5, 1, 3, 42 h.  numpy's linear percentile at rank
    # q * (n - 1): p25 at 0.75 -> 0.5 + 0.75 * 0.5 = 0.875; p50 at 1.5 ->
    # 1 + 0.5 * 2 = 2.0; p75 at 2.25 -> 3 + 0.25 * 39 = 12.75; p90 at 2.7 ->
    # 3 + 0.7 * 39 = 30.3.
    assert stats.response_hours_p25 == pytest.approx(0.875)
    assert stats.response_hours_p50 == pytest.approx(2.0)
    assert stats.response_hours_p75 == pytest.approx(12.75)
    assert stats.response_hours_p90 == pytest.approx(30.3)
    # 10 days hold Mondays 3 and 10 March (2), one Saturday (8 March) and
    # Wednesdays 5 and 12 March (2).  Monday 09:00-10:00 has 2 + 1 = 3
    # messages over 2 Mondays: 1.5; Saturday 14:00 has 1 over 1: 1.0;
    # Wednesday 16:00 has 1 over 2 Wednesdays: 0.5; Monday 23:00: 1 / 2.
    how = stats.hour_of_week
    assert how.shape == (7, 24)
    assert how.loc[0, 9] == 1.5
    assert how.loc[5, 14] == 1.0
    assert how.loc[2, 16] == 0.5
    assert how.loc[0, 23] == 0.5
    assert how.to_numpy().sum() == 1.5 + 1.0 + 0.5 + 0.5
    # Networks: Facebook 3, Instagram 2 (one padded with spaces), LinkedIn 1.
    assert stats.messages_per_day_by_network.to_dict() == {
        "Facebook": 0.3,
        "Instagram": 0.2,
        "LinkedIn": 0.1,
    }


def test_engagement_inputs_replace_the_defaults(tmp_path: Path) -> None:
    stats = inbox_stats(read_inbox_export(write(tmp_path, "tiny.csv", TINY)))
    inputs = engagement_inputs(stats)
    assert inputs["inbound_per_day"] == 0.6
    assert inputs["reply_share"] == pytest.approx(2 / 3)
    assert inputs["response_hours_p50"] == pytest.approx(2.0)
    assert inputs["share_answered"] == pytest.approx(2 / 3)
    assert inputs["handle_time_minutes"] is None  # the export has no handle time
    assert inputs["note"].startswith("Your inbox export covers 10 days: 0.6 inbound messages")
    assert sum(inputs["inbound_hour_profile"]) > 0 and len(inputs["inbound_hour_profile"]) == 168
    assert "answered 67% of them; the share that needs a reply stays yours" in inputs["note"]


def test_stats_match_the_generator_truth() -> None:
    export, truth = inbox_export(days=28, seed=11)
    stats = inbox_stats(export)
    assert stats.days_covered == 28
    # Poisson over 28 days: sd of the daily mean is sqrt(129 / 28), about 2.1.
    assert stats.messages_per_day == pytest.approx(truth.messages_per_day, abs=8)
    assert stats.share_answered == pytest.approx(truth.share_answered, abs=0.03)
    expected = truth.hour_of_week_weights * truth.messages_per_day * 7
    assert (
        np.corrcoef(stats.hour_of_week.to_numpy().ravel(), expected.to_numpy().ravel())[0, 1] > 0.9
    )


def test_sample_round_trips_through_csv(tmp_path: Path) -> None:
    sample = sample_inbox_export()
    path = tmp_path / "sample.csv"
    sample.to_csv(path, index=False)
    export = read_inbox_export(path)
    assert len(export.data) == len(sample)
    assert inbox_stats(export).messages_answered == sample["first_reply_at"].notna().sum()


def test_sprout_style_xlsx(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "Timestamp (ET)": pd.to_datetime(["2025-03-03 09:00", "2025-03-04 10:00"]),
            "Network": ["Facebook", "X"],
            "Message": ["hi", "hello"],
        }
    )
    path = tmp_path / "sprout.xlsx"
    frame.to_excel(path, index=False)
    export = read_inbox_export(path)
    assert export.mapping == {"Timestamp (ET)": "received_at", "Network": "network"}
    assert export.unrecognised_columns == ("Message",)
    assert "first_reply_at" not in export.data
    stats = inbox_stats(export)
    assert stats.share_answered is None and stats.response_hours_p50 is None
    assert "no reply times" in engagement_inputs(stats)["note"]


def test_zendesk_minutes_and_freshdesk_clock_durations(tmp_path: Path) -> None:
    zendesk = "Created at,Via,First reply time in minutes\n2025-03-03 09:00,Facebook,90\n"
    export = read_inbox_export(write(tmp_path, "zendesk.csv", zendesk))
    assert export.data["first_reply_at"].tolist() == [pd.Timestamp("2025-03-03 10:30")]
    fresh = (
        "Created time,Source,First response time (in hrs)\n"
        "2025-03-03 09:00:00,Twitter,01:30:00\n"
        "2025-03-03 10:00:00,Email,2.5\n"
    )
    export = read_inbox_export(write(tmp_path, "freshdesk.csv", fresh))
    assert export.data["first_reply_at"].tolist() == [
        pd.Timestamp("2025-03-03 10:30"),
        pd.Timestamp("2025-03-03 12:30"),
    ]


def test_norwegian_cp1252_semicolon_export(tmp_path: Path) -> None:
    text = (
        "Innboks – eksport\n"
        "Mottatt;Kanal;Første svar\n"
        "03.03.2025 09:00;Facebook;03.03.2025 09:45\n"
        "04.03.2025 21:10;Instagram;\n"
    )
    export = read_inbox_export(write(tmp_path, "innboks.csv", text, encoding="cp1252"))
    assert export.mapping == {
        "Mottatt": "received_at",
        "Kanal": "network",
        "Første svar": "first_reply_at",
    }
    stats = inbox_stats(export)
    assert stats.response_hours_p50 == 0.75
    assert stats.share_answered == 0.5


def test_rows_without_received_time_are_skipped(tmp_path: Path) -> None:
    text = "Received,Network\n2025-03-03 09:00,X\n,X\n2025-03-03 10:00,X\n"
    export = read_inbox_export(write(tmp_path, "gaps.csv", text))
    assert len(export.data) == 2
    assert "Skipped 1 row(s) without a received time." in export.notes


# --------------------------------------------------------------- bad input


def test_bad_inbox_files(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="the file is empty"):
        read_inbox_export(write(tmp_path, "empty.csv", "\n\n"))
    with pytest.raises(ExportError, match="PNG image"):
        read_inbox_export(b"\x89PNG\r\n\x1a\n\x00\x00", "shot.png")
    with pytest.raises(ExportError, match="no column with the time each message was received"):
        read_inbox_export(write(tmp_path, "none.csv", "Network,Author\nX,me\n"))
    with pytest.raises(ExportError, match="row 3, column 'Received'"):
        read_inbox_export(
            write(tmp_path, "bad.csv", "Received,Network\n2025-03-03 09:00,X\nnoon,X\n")
        )
    with pytest.raises(ExportError, match="before the message was received") as info:
        read_inbox_export(
            write(
                tmp_path,
                "early.csv",
                "Received,First reply at\n2025-03-03 09:00,2025-03-03 08:00\n",
            )
        )
    assert info.value.row == 2 and info.value.column == "First reply at"
    with pytest.raises(ExportError, match="expected a count of 0 or more"):
        read_inbox_export(
            write(tmp_path, "neg.csv", "Created at,First reply time in minutes\n2025-03-03,-5\n")
        )
    with pytest.raises(ExportError, match="more than a year"):
        read_inbox_export(
            write(tmp_path, "long.csv", "Created at,First reply time in minutes\n2025-03-03,1e12\n")
        )
    with pytest.raises(ExportError, match="limit is 10 bytes"):
        read_inbox_export(TINY.encode(), "tiny.csv", max_bytes=10)


def test_stats_refuse_frames_without_received_times() -> None:
    with pytest.raises(ValueError, match="received_at"):
        inbox_stats(pd.DataFrame({"when": [1]}))
    with pytest.raises(ValueError, match="no messages"):
        inbox_stats(pd.DataFrame({"received_at": pd.DatetimeIndex([pd.NaT])}))


# ---------------------------------------------------------------- property


@settings(max_examples=40, deadline=None)
@given(
    offsets_min=st.lists(st.integers(min_value=0, max_value=60 * 24 * 60), min_size=1, max_size=60),
    replied=st.lists(st.booleans(), min_size=60, max_size=60),
    waits_min=st.lists(st.integers(min_value=0, max_value=60 * 24 * 5), min_size=60, max_size=60),
)
def test_stats_invariants(
    offsets_min: list[int], replied: list[bool], waits_min: list[int]
) -> None:
    n = len(offsets_min)
    received = pd.Timestamp("2025-01-01") + pd.to_timedelta(offsets_min, unit="min")
    reply = received + pd.to_timedelta(waits_min[:n], unit="min")
    reply = reply.where(np.array(replied[:n], dtype=bool), pd.Timestamp("NaT"))
    stats = inbox_stats(pd.DataFrame({"received_at": received, "first_reply_at": reply}))
    assert stats.share_answered is not None
    assert 0 <= stats.share_answered <= 1
    assert stats.messages_per_day * stats.days_covered == pytest.approx(n)
    # Each weekday's hours sum to that weekday's messages over its days.
    per_weekday = stats.hour_of_week.sum(axis=1).to_numpy()
    weekday_counts = np.bincount(received.day_of_week, minlength=7)
    days = pd.date_range(stats.first_day, stats.last_day, freq="D").day_of_week
    days_per_weekday = np.bincount(days, minlength=7)
    np.testing.assert_allclose(
        np.nan_to_num(per_weekday * days_per_weekday), weekday_counts, atol=1e-9
    )
    if stats.response_hours_p25 is not None:
        assert stats.response_hours_p25 <= stats.response_hours_p50  # type: ignore[operator]
        assert stats.response_hours_p50 <= stats.response_hours_p90  # type: ignore[operator]


# ------------------------------------------------------- column recognition


def test_received_time_and_first_reply_time_timestamps(tmp_path: Path) -> None:
    # The export that gave "share answered n/a" with no message before.
    text = (
        "Received time,First reply time,Network\n"
        "2025-03-03 09:00:00,2025-03-03 10:30:00,Facebook\n"
        "2025-03-03 11:00:00,,Instagram\n"
    )
    export = read_inbox_export(write(tmp_path, "sprout.csv", text))
    assert export.mapping["First reply time"] == "first_reply_at"
    stats = inbox_stats(export)
    assert stats.share_answered == 0.5 and stats.response_hours_p50 == 1.5


@pytest.mark.parametrize(
    ("header", "cells", "hours"),
    [
        ("First reply time (seconds)", ["5400", "60"], [1.5, 1 / 60]),
        ("First response time (sec)", ["5400", "60"], [1.5, 1 / 60]),
        ("First reply time", ["90", "30"], [1.5, 0.5]),  # no unit: minutes, and said so
        ("First response time", ["01:30:00", "0:30:00"], [1.5, 0.5]),
        ("First reply time in minutes", ["90", "30"], [1.5, 0.5]),
        ("First response time (in hrs)", ["1.5", "0.5"], [1.5, 0.5]),
    ],
)
def test_first_reply_durations_in_any_unit(
    tmp_path: Path, header: str, cells: list[str], hours: list[float]
) -> None:
    text = f"Sent time,{header}\n" + "".join(
        f"2025-03-0{i + 3} 09:00:00,{c}\n" for i, c in enumerate(cells)
    )
    export = read_inbox_export(write(tmp_path, "durations.csv", text))
    stats = inbox_stats(export)
    np.testing.assert_allclose(np.sort(stats.response_hours), np.sort(hours), atol=1e-6)
    assert any("durations in" in note for note in export.notes)


def test_missing_reply_column_is_said_not_silent(tmp_path: Path) -> None:
    export = read_inbox_export(write(tmp_path, "none.csv", "Received,Network\n2025-03-03,X\n"))
    assert any("has no first-reply column" in note for note in export.notes)
    stats = inbox_stats(export)
    assert stats.share_answered is None
    export = read_inbox_export(
        write(tmp_path, "empty.csv", "Received,First reply at\n2025-03-03 09:00,\n")
    )
    assert "Column 'First reply at' has no reply times" in export.notes[0]


def test_handle_time_is_measured_and_offered(tmp_path: Path) -> None:
    text = (
        "Created at,First reply at,Handle time (minutes)\n"
        "2025-03-03 09:00,2025-03-03 09:30,4\n"
        "2025-03-03 10:00,2025-03-03 10:10,6\n"
        "2025-03-03 11:00,,8\n"
    )
    stats = inbox_stats(read_inbox_export(write(tmp_path, "handle.csv", text)))
    assert stats.handle_minutes_p50 == 6.0  # median of 4, 6, 8
    inputs = engagement_inputs(stats)
    assert inputs["handle_time_minutes"] == 6.0
    assert "median handle time of 6.0 minutes" in inputs["note"]
    # Answered within 0.25 h: one (10 min) over 1 day, times 7 days a week.
    assert stats.answered_within_per_week(0.25) == 7.0


# ------------------------------------------------------- the dashboard panel


def test_panel_offers_a_column_mapping_when_columns_are_unknown() -> None:
    from socialcase.ui.evidence import InboxPanel

    loaded = []
    panel = InboxPanel(None, lambda changes, note: "", loaded.append)
    text = "When,Answered after\n2025-03-03 09:00,90\n2025-03-04 10:00,\n2025-03-05 11:00,30\n"
    panel.upload.value = upload_value(text.encode(), "odd.csv")
    assert "no column with the time each message was received" in panel.message.value
    boxes = {b.description: b for b in panel.mapping.children if hasattr(b, "options")}
    assert set(boxes) == {"When", "Answered after"}
    boxes["When"].value = "received_at"
    boxes["Answered after"].value = "first_reply_minutes"
    next(b for b in panel.mapping.children if "sc-map-apply" in b._dom_classes).click()
    assert len(loaded) == 1
    stats = loaded[0].stats
    assert stats.messages_total == 3 and stats.share_answered == pytest.approx(2 / 3)
    assert stats.response_hours_p50 == 1.0  # median of 1.5 h and 0.5 h
    assert panel.mapping.children == ()


def test_panel_without_reply_times_says_so_and_offers_the_mapping() -> None:
    from socialcase.ui.evidence import InboxPanel

    panel = InboxPanel(None, lambda changes, note: "", lambda evidence: None)
    text = "Received,Replied after (sec)?\n2025-03-03 09:00,60\n"
    panel.upload.value = upload_value(text.encode(), "inbox.csv")
    assert "has no first-reply column" in panel.message.value
    assert panel.cards["inbox-answered"].widget.value.count("no reply times in the export") == 1
    assert any(hasattr(b, "options") for b in panel.mapping.children)


def test_inbox_time_budget_says_so(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"took longer than 0 seconds"):
        read_inbox_export(write(tmp_path, "tiny.csv", TINY), time_budget_seconds=0)


def test_a_long_received_cell_is_cut_in_the_message(tmp_path: Path) -> None:
    text = "Received,Network\n2025-03-03 09:00,X\n" + "y" * 100_000 + ",X\n"
    with pytest.raises(ExportError) as info:
        read_inbox_export(write(tmp_path, "long.csv", text))
    assert len(str(info.value)) < 400 and "(100,000 characters)" in str(info.value)


def test_carried_statistics_answer_within_any_target_from_the_grid() -> None:
    frame, _ = datasets.inbox_export(days=28, messages_per_day=59, seed=4)
    stats = inbox_stats(frame)
    carried, why = unpack_inbox(json.loads(json.dumps(pack_inbox("inbox.csv", stats))))
    assert carried is not None and why == ""
    assert carried.stats.response_hours.size == 0  # no per-message times in a link
    for target in inbox.REPLY_TIME_GRID_HOURS:  # exact at every grid point
        assert carried.stats.answered_within_per_week(target) == pytest.approx(
            stats.answered_within_per_week(target)
        )
    # Between grid points the count is linear: within one whole message a week of the truth
    # for this export, and never more than at the next grid point.
    for target in (0.1, 3.9, 13.5, 50.0, 100.0, 167.0):
        got, truth = (
            carried.stats.answered_within_per_week(target),
            stats.answered_within_per_week(target),
        )
        assert got is not None and truth is not None
        assert abs(got - truth) <= 0.05 * stats.messages_per_day * 7
    assert carried.stats.answered_within_per_week(500) == pytest.approx(
        stats.messages_answered / stats.days_covered * 7
    )


def test_a_link_from_before_the_grid_still_opens_without_reply_times() -> None:
    frame, _ = datasets.inbox_export(days=14, messages_per_day=30, seed=2)
    packed = pack_inbox("inbox.csv", inbox_stats(frame))
    del packed["w"]
    carried, why = unpack_inbox(packed)
    assert carried is not None and why == ""
    assert carried.stats.answered_within_per_week(24) is None


@pytest.mark.parametrize(
    "within",
    [[1] * 79, [-1] + [0] * 79, [10**9] + [0] * 79, "12"],
)
def test_a_tampered_reply_time_grid_is_refused(within: object) -> None:
    frame, _ = datasets.inbox_export(days=14, messages_per_day=30, seed=2)
    packed = pack_inbox("inbox.csv", inbox_stats(frame))
    packed["w"] = within
    carried, why = unpack_inbox(packed)
    assert carried is None and "damaged" in why
