"""No time to collaborate: the team's week as an hour budget."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from strategies import scenarios

from socialcase import Scenario, hour_budget


def test_hour_budget_of_the_sample_case() -> None:
    b = hour_budget(Scenario())
    assert b.worked_hours_per_week == 100  # 2 people * 50 h
    assert b.contracted_hours_per_week == 80  # 2 * 40
    assert b.inbox_hours_per_week == 14  # 2 h a day * 7 staffed days
    assert b.after_hours_cover_hours_per_week == 8  # 2 people * 4 h
    # reactive: 14 + 8 + 40 content + 6 reporting + 12 meetings = 80
    assert b.reactive_hours_per_week == 80
    assert b.strategic_hours_per_week == 20  # 100 - 80
    assert b.strategic_share == pytest.approx(0.2)  # 20 / 100
    assert b.overcommitted_hours_per_week == 0
    assert b.hours_lacking_per_week == 4  # 24 wanted - 20
    # the hire's 3 h of cross-team collaboration: 20 + 3 = 23, lacking 24 - 23 = 1
    assert b.strategic_hours_with_hire_per_week == 23
    assert b.hours_lacking_with_hire_per_week == 1


def test_an_overcommitted_team_has_no_strategic_hours() -> None:
    b = hour_budget(Scenario(team_content_hours_per_week=100))
    # reactive: 14 + 8 + 100 + 6 + 12 = 140 > 100 worked
    assert b.strategic_hours_per_week == 0
    assert b.overcommitted_hours_per_week == 40  # 140 - 100
    assert b.hours_lacking_per_week == 24
    assert b.hours_lacking_with_hire_per_week == 21  # 24 - (0 + 3)


def test_a_hire_can_cover_all_the_strategic_hours_wanted() -> None:
    b = hour_budget(Scenario(strategic_hours_wanted_per_week=22))
    assert b.hours_lacking_per_week == 2  # 22 - 20
    assert b.hours_lacking_with_hire_per_week == 0  # 22 - 23 < 0 -> 0


def test_a_team_that_works_no_hours_has_no_strategic_share() -> None:
    b = hour_budget(Scenario(actual_hours_per_week=0, after_hours_cover_hours_per_week=0))
    assert b.worked_hours_per_week == 0
    assert b.strategic_share == 0.0


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_hours_balance(s: Scenario) -> None:
    b = hour_budget(s)
    # worked = reactive + strategic - overcommitted, and never both strategic and over
    assert b.worked_hours_per_week == pytest.approx(
        b.reactive_hours_per_week + b.strategic_hours_per_week - b.overcommitted_hours_per_week,
        rel=1e-9,
        abs=1e-9,
    )
    assert b.strategic_hours_per_week == 0 or b.overcommitted_hours_per_week == 0
    assert 0 <= b.strategic_share <= 1
    assert 0 <= b.hours_lacking_with_hire_per_week <= b.hours_lacking_per_week
