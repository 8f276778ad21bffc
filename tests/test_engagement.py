"""You miss engagement: the scenario's inbox and live chat, without and with the hire."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import scenarios

from socialcase import Scenario, spec_of
from socialcase.capacity import agents_needed, backlog_service, staffed_hours_needed
from socialcase.engagement import engagement


def _inbox(s: Scenario) -> dict:
    return dict(
        inbound_per_day=s.inbound_per_day,
        reply_share=s.reply_share,
        handle_time_minutes=s.handle_time_minutes,
        reply_target_hours=s.reply_target_hours,
        staffed_days_per_week=int(s.staffed_days_per_week),
    )


def test_engagement_of_the_sample_case() -> None:
    e = engagement(Scenario())
    assert e.team_hours_per_day == 2
    assert e.hire_hours_per_day == pytest.approx(10 / 7)  # 10 responding h / 7 staffed days
    # needing a reply: 70 a day * 0.5 * 7 days = 245 a week
    assert e.without_hire.needing_reply_per_week == pytest.approx(245)
    # 2 h a day * 7 days * (60 / 6 min) = 140 replies a week: the inbox is overloaded and
    # answers at capacity, so 245 - 140 = 105 go unanswered
    assert e.without_hire.capacity_replies_per_week == pytest.approx(140)
    assert e.missed_per_week_without_hire == pytest.approx(105)
    # with the hire: (2 + 10/7) h * 7 * 10 = 240 < 245: 5 still missed
    assert e.with_hire.capacity_replies_per_week == pytest.approx(240)
    assert e.missed_per_week_with_hire == pytest.approx(5)
    assert e.without_hire.share_answered_in_time <= e.with_hire.share_answered_in_time


def test_engagement_passes_the_scenario_to_the_queue_models() -> None:
    s = Scenario()
    e = engagement(s)
    assert e.without_hire == backlog_service(staffed_hours_per_day=2, weeks=2, **_inbox(s))
    assert e.with_hire == backlog_service(staffed_hours_per_day=2 + 10 / 7, weeks=2, **_inbox(s))
    assert e.hours_per_day_needed == staffed_hours_needed(target_share_in_time=0.8, **_inbox(s))
    assert e.hours_per_day_needed_note == ""


def test_live_chat_staffing_of_the_sample_case() -> None:
    chat = engagement(Scenario()).chat
    assert chat is not None
    # A conversation of 10 min (not the 6 min handle time of an inbox message), 4 at once:
    # 600 / 4 = 150 s each; 6 chats an hour: 6 * 150 / 3600 = 0.25 erlangs. One agent:
    # B = 0.25 / 1.25 = 0.2, P(wait) = 0.2 / (1 - 0.25 * 0.8) = 0.25, SL = 1 - 0.25 *
    # exp(-0.75 * 20 / 150) = 0.774 < 80%. Two: B = 0.05 / 2.05, P(wait) = 2B / (2 - 0.25
    # (1 - B)) = 0.02778, SL = 1 - 0.02778 * exp(-1.75 * 20 / 150) = 0.978.
    assert chat.traffic_erlangs == pytest.approx(0.25)
    assert chat.agents == 2
    b = 0.05 / 2.05
    wait = 2 * b / (2 - 0.25 * (1 - b))
    assert chat.wait_probability == pytest.approx(wait)
    assert chat.service_level == pytest.approx(1 - wait * math.exp(-1.75 * 20 / 150))
    assert chat.fte == pytest.approx(2 / 0.7)  # 30% shrinkage
    assert chat == agents_needed(6, 60, 150, 20, 0.8, max_occupancy=0.85, shrinkage=0.3)


def test_the_hires_hours_spread_over_the_staffed_days() -> None:
    e = engagement(Scenario(staffed_days_per_week=5, hire_responding_hours_per_week=10))
    assert e.hire_hours_per_day == 2  # 10 / 5
    assert e.with_hire.staffed_hours_per_week == pytest.approx(20)  # (2 + 2) * 5


def test_staffed_hours_never_exceed_a_day() -> None:
    e = engagement(Scenario(team_engagement_hours_per_day=23))
    assert e.with_hire.staffed_hours_per_week == pytest.approx(24 * 7)  # min(23 + 1.4, 24)


def test_an_impossible_target_is_a_note_not_an_error() -> None:
    # A million messages a day of a day each cannot be answered in 24 staffed hours; 1
    # million chats an hour of 24 h each are 24 million erlangs, beyond any team.
    e = engagement(
        Scenario(
            inbound_per_day=1e6,
            chat_messages_per_hour=1e6,
            handle_time_minutes=24 * 60,
            chat_conversation_minutes=24 * 60,
            chat_concurrency=1,
        )
    )
    assert e.hours_per_day_needed is None
    assert "24 staffed hours" in e.hours_per_day_needed_note
    assert e.chat is None
    assert "erlangs" in e.chat_note


@settings(max_examples=25, deadline=None)
@given(scenarios(ranges=False))
def test_the_hire_never_makes_the_inbox_worse(s: Scenario) -> None:
    e = engagement(s)
    assert e.missed_per_week_with_hire <= e.missed_per_week_without_hire + 1e-9 * (
        e.without_hire.needing_reply_per_week + 1
    )
    assert e.with_hire.share_answered_in_time >= e.without_hire.share_answered_in_time - 1e-9
    assert (e.hours_per_day_needed is None) == bool(e.hours_per_day_needed_note)
    assert (e.chat is None) == bool(e.chat_note)


def test_the_smallest_handle_time_the_scenario_accepts_still_works() -> None:
    spec = spec_of("handle_time_minutes")
    smallest = math.nextafter(spec.minimum, math.inf) if spec.min_exclusive else spec.minimum
    # With a minimum of 0 (exclusive) this is 5e-324 minutes: 60 / 5e-324 replies an hour
    # overflow to inf, and inf * 0 for an unstaffed hour is NaN (a RuntimeWarning).
    e = engagement(Scenario(handle_time_minutes=smallest))
    assert math.isfinite(e.without_hire.capacity_replies_per_week)
    assert e.missed_per_week_with_hire <= e.missed_per_week_without_hire


# --- calibration to a measured inbox ------------------------------------------------


def _replied_inbox(messages: int, answered_in_time: int, days: int = 28):
    """`messages` spread evenly over `days` days; the first `answered_in_time` replied after
    1 hour (within any reply target of at least 1 h), the rest never."""
    import pandas as pd

    from socialcase.inbox import inbox_stats

    received = pd.date_range("2025-03-03", periods=messages, freq=f"{days * 86400 // messages}s")
    reply = pd.Series(received + pd.Timedelta(hours=1))
    reply[answered_in_time:] = pd.NaT
    return inbox_stats(pd.DataFrame({"received_at": received, "first_reply_at": reply}))


def test_calibration_brings_the_model_to_the_measured_week() -> None:
    from socialcase import datasets
    from socialcase.engagement import CALIBRATION_STEP_HOURS, calibrate_to_inbox
    from socialcase.inbox import inbox_stats

    frame, _ = datasets.inbox_export(days=28, messages_per_day=80, seed=2)
    stats = inbox_stats(frame)
    s = Scenario()
    result = calibrate_to_inbox(stats, s, "inbox.csv")
    measured = stats.answered_within_per_week(s.reply_target_hours)
    assert result.possible and result.measured_in_time_per_week == measured
    hours = result.changes["team_engagement_hours_per_day"]
    assert result.changes["inbound_per_day"] == round(stats.messages_per_day, 1)
    calibrated = engagement(s.evolve(**result.changes)).without_hire.answered_in_time_per_week
    assert calibrated == result.modelled_in_time_per_week
    # The bisection's bracket (f never falls as hours grow): a step less falls short, the
    # calibrated hours reach the measurement.
    step_less = {**result.changes, "team_engagement_hours_per_day": hours - CALIBRATION_STEP_HOURS}
    less = engagement(s.evolve(**step_less)).without_hire.answered_in_time_per_week
    assert less < measured <= calibrated
    # Where the model is smooth (here), a hundredth of an hour a day adds at most
    # 0.01 h * 60 / handle time replies on each of the staffed days:
    # 0.01 * 60 / 3 * 7 = 1.4 a week, so the calibrated week is within that of the measurement.
    tolerance = CALIBRATION_STEP_HOURS * 60 / s.handle_time_minutes * s.staffed_days_per_week
    assert calibrated - measured <= tolerance
    assert "inbox.csv" in result.sentence and f"{hours:g} team hours" in result.sentence


def test_calibration_without_reply_times_says_so() -> None:
    import pandas as pd

    from socialcase.engagement import calibrate_to_inbox
    from socialcase.inbox import inbox_stats

    stats = inbox_stats(pd.DataFrame({"received_at": pd.date_range("2025-03-03", periods=50)}))
    result = calibrate_to_inbox(stats, Scenario(), "inbox.csv")
    assert not result.possible and result.changes == {}
    assert result.sentence.startswith("Calibration is not possible: inbox.csv has no reply times")


def test_calibration_of_an_inbox_that_answered_nothing_in_time_says_so() -> None:
    from socialcase.engagement import calibrate_to_inbox

    result = calibrate_to_inbox(_replied_inbox(280, 0), Scenario())
    assert not result.possible
    assert "answered no messages within" in result.sentence


def test_calibration_beyond_what_the_model_thinks_needs_a_reply_says_so() -> None:
    from socialcase.engagement import calibrate_to_inbox

    # 2,800 messages in 28 days = 100 a day, all answered in 1 h: 700 a week, more than the
    # 100 * 7 * 0.4 = 280 the model thinks need a reply with a reply share of 0.4.
    result = calibrate_to_inbox(_replied_inbox(2800, 2800), Scenario(reply_share=0.4))
    assert not result.possible
    assert "more than the 280 the model thinks need a reply" in result.sentence


def test_calibration_needing_more_hours_than_a_day_has_says_so() -> None:
    from socialcase.engagement import calibrate_to_inbox

    # 100 a day, all needing a reply and answered in 1 h (700 a week); at 60 minutes each and
    # one staffed day a week, 24 hours answer at most 24 a week.
    s = Scenario(reply_share=1.0, handle_time_minutes=60, staffed_days_per_week=1)
    result = calibrate_to_inbox(_replied_inbox(2800, 2800), s)
    assert not result.possible
    assert "more hours than a week has" in result.sentence


@settings(max_examples=15, deadline=None)
@given(
    first=st.integers(min_value=1, max_value=1000), more=st.integers(min_value=0, max_value=1000)
)
def test_more_measured_answers_never_lower_the_calibrated_hours(first: int, more: int) -> None:
    from socialcase.engagement import calibrate_to_inbox

    s = Scenario(reply_share=1.0)  # every message may need a reply: all counts calibrate
    one = calibrate_to_inbox(_replied_inbox(2800, first), s)
    two = calibrate_to_inbox(_replied_inbox(2800, first + more), s)
    assert one.possible and two.possible
    assert (
        two.changes["team_engagement_hours_per_day"] >= one.changes["team_engagement_hours_per_day"]
    )


def test_the_measured_arrival_pattern_shapes_the_modelled_week() -> None:
    # 70 messages a day, half needing a reply (35), 6 minutes each (10 an hour), worked
    # 09-13 every day, reply within 4 h. Evenly spread (35 / 24 = 1.458 an hour), the 29.2
    # waiting at 09:00 (since 13:00) are answered at 10 an hour, the one that arrived a
    # hours after 13:00 at 09:00 + 0.1458 a; it waits 20 - 0.854 a hours, within 4 h from
    # a = 18.73 (07:44) on. In time: (1.27 h + the 4 h of the shift) x 1.458 = 7.68 of 35
    # a day, 21.95%. Arriving only 08-12 (8.75 an hour, under the 10 answered), every
    # message is answered within an hour of arriving: 100%. Nothing is missed either way.
    morning = [1.0 if 8 <= hour % 24 < 12 else 0.0 for hour in range(168)]
    even = engagement(Scenario(team_engagement_hours_per_day=4)).without_hire
    shaped = engagement(
        Scenario(team_engagement_hours_per_day=4, inbound_hour_profile=morning)
    ).without_hire
    assert even.needing_reply_per_week == shaped.needing_reply_per_week == 245
    assert even.share_answered_in_time == pytest.approx(7.68 / 35, abs=2e-3)
    assert shaped.share_answered_in_time == pytest.approx(1.0)
    assert even.missed_per_week == shaped.missed_per_week == 0
