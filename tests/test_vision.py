"""The vision: the hire's week as one budget and each activity's chain to money."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import scenarios

from socialcase import ACTIVITIES, Scenario, bottom_line, vision_value
from socialcase.capacity import backlog_service
from socialcase.model import replies_answered_per_week


def test_vision_of_the_sample_case() -> None:
    v = vision_value(Scenario())
    by_key = {row.activity.key: row for row in v.activities}
    assert [row.activity for row in v.activities] == list(ACTIVITIES)
    # one budget: 40 contracted h * 0.8 productive = 32 h; 10 + 6 + 4 + 3 + 3 = 26 on the
    # activities; 6 relieve the team's 20 h of overtime
    assert v.hire_hours_per_week == 40
    assert v.productive_hours_per_week == pytest.approx(32)
    assert v.activity_hours_per_week == 26
    assert v.relief_hours_per_week == pytest.approx(6)
    assert v.unallotted_hours_per_week == 0
    # responding from the inbox: 70 a day * 0.5 * 7 = 245 need a reply a week; the team's
    # 2 h * 7 days * 60 / 6 min = 140 answered; with the hire's 10 h: +100 (245 > 240)
    responding = by_key["responding"]
    assert v.extra_replies_per_week == pytest.approx(100)
    assert responding.output_per_year == pytest.approx(4_700)  # 100 * 47 weeks
    assert responding.kpi_per_year == pytest.approx(70.5)  # 4,700 * 0.015
    assert responding.value_per_year == pytest.approx(21_150)  # 70.5 * 300 of margin
    assert {k: r.value_per_year for k, r in by_key.items()} == pytest.approx(
        {
            "responding": 21_150,
            "content": 7_050,  # 6 * 47 * 0.5 * 5000 * 0.01
            "analytics": 37_600,  # 4 * 47 * 0.25 * 10 * 80
            "collaboration": 21_150,  # 3 * 47 * 0.1 * 30 * 50 (3 h <= 4 h lacking)
            "community": 17_625,  # 3 * 47 * 1 * 5 * 25
        }
    )
    assert v.value_per_year == pytest.approx(104_575)


def test_responding_is_worth_nothing_at_zero_inbound() -> None:
    v = vision_value(Scenario(inbound_per_day=0))
    assert v.extra_replies_per_week == 0
    assert v.of("responding").value_per_year == 0


def test_responding_is_worth_nothing_when_the_team_keeps_up() -> None:
    # 245 a week need a reply; 5 h a day * 7 * 10 = 350 already answered
    assert vision_value(Scenario(team_engagement_hours_per_day=5)).extra_replies_per_week == 0


def test_cross_team_work_is_bounded_by_the_hours_the_team_lacks() -> None:
    # the team lacks 24 - 20 = 4 strategic hours (test_collaboration); 8 h count only 4
    s = Scenario(hire_collaboration_hours_per_week=8, hire_community_hours_per_week=0)
    v = vision_value(s)
    assert v.collaboration_hours_lacking_per_week == pytest.approx(4)
    assert v.of("collaboration").counted_hours_per_week == pytest.approx(4)
    assert v.of("collaboration").value_per_year == pytest.approx(4 * 47 * 0.1 * 30 * 50)


def test_follower_growth_is_counted_once() -> None:
    # The stall gap's value (step 2) is context; the content activity's reach carries it.
    s = Scenario()
    assert bottom_line(s.evolve(value_per_follower=1000)) == bottom_line(s)


@settings(max_examples=80, deadline=None)
@given(
    inbound=st.floats(0, 2_000),
    share=st.floats(0, 1),
    handle=st.floats(0.5, 30),
    staffed=st.floats(0, 24),
    days=st.integers(1, 7),
)
def test_replies_answered_is_what_the_backlog_model_settles_to(
    inbound: float, share: float, handle: float, staffed: float, days: int
) -> None:
    model = backlog_service(inbound, share, handle, staffed, 4, staffed_days_per_week=days, weeks=2)
    expected = float(replies_answered_per_week(inbound, share, handle, staffed, days))
    assert model.answered_per_week == pytest.approx(expected, rel=1e-6, abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(scenarios(), st.floats(0, 1e5), st.floats(0, 1e5))
def test_responding_never_falls_as_inbound_rises(s: Scenario, a: float, b: float) -> None:
    low, high = sorted((a, b))
    quiet = bottom_line(s.evolve(inbound_per_day=low))
    busy = bottom_line(s.evolve(inbound_per_day=high))
    assert busy.vision.extra_replies_per_week >= quiet.vision.extra_replies_per_week - 1e-9
    assert busy.net_value_per_year >= quiet.net_value_per_year - 1e-9 * (
        abs(quiet.net_value_per_year) + 1
    )


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_the_hire_s_week_adds_up(s: Scenario) -> None:
    v = vision_value(s)
    assert v.value_per_year >= 0
    assert v.activity_hours_per_week <= v.productive_hours_per_week + 1e-9
    assert v.productive_hours_per_week <= v.hire_hours_per_week + 1e-9
    total = v.activity_hours_per_week + v.relief_hours_per_week + v.unallotted_hours_per_week
    assert total == pytest.approx(v.productive_hours_per_week, abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(scenarios(), st.sampled_from(ACTIVITIES[1:]), st.floats(0.01, 1e6))
def test_net_value_rises_with_any_activitys_margin_per_kpi(
    s: Scenario, activity, extra: float
) -> None:
    name = f"{activity.key}_value_per_kpi"
    before = bottom_line(s)
    after = bottom_line(s.evolve(**{name: min(getattr(s, name) + extra, 1e7)}))
    assert after.net_value_per_year >= before.net_value_per_year - 1e-9 * (
        abs(before.net_value_per_year) + 1
    )
