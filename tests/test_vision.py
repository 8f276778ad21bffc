"""The vision: each activity's driver chain from the hire's hours to money."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import scenarios

from socialcase import ACTIVITIES, Scenario, bottom_line, vision_value
from socialcase.vision import activity_value_per_year


def test_activity_value_is_the_product_of_the_chain() -> None:
    # 8 h * 12 replies/h * 0.015 customers/reply * 300/customer * 47 weeks = 20,304
    assert activity_value_per_year(8, 12, 0.015, 300, 47) == pytest.approx(20_304)
    assert activity_value_per_year(0, 12, 0.015, 300, 47) == 0


def test_vision_of_the_sample_case() -> None:
    v = vision_value(Scenario())
    by_key = {row.activity.key: row for row in v.activities}
    assert [row.activity for row in v.activities] == list(ACTIVITIES)
    responding = by_key["responding"]
    assert responding.hours_per_week == 14
    assert responding.hours_per_year == 658  # 14 * 47
    assert responding.output_per_year == pytest.approx(7_896)  # 658 * 12 replies
    assert responding.kpi_per_year == pytest.approx(118.44)  # 7,896 * 0.015
    assert responding.value_per_year == pytest.approx(35_532)  # 118.44 * 300
    assert {k: r.value_per_year for k, r in by_key.items()} == pytest.approx(
        {
            "responding": 35_532,  # 14 * 47 * 12 * 0.015 * 300
            "content": 5_875,  # 5 * 47 * 0.5 * 5000 * 0.01
            "analytics": 37_600,  # 4 * 47 * 0.25 * 10 * 80
            "collaboration": 21_150,  # 3 * 47 * 0.1 * 30 * 50
            "community": 11_750,  # 2 * 47 * 1 * 5 * 25
        }
    )
    # 35,532 + 5,875 + 37,600 + 21,150 + 11,750 = 111,907
    assert v.value_per_year == pytest.approx(111_907)
    assert v.activity_hours_per_week == 28  # 14 + 5 + 4 + 3 + 2
    assert v.hire_hours_per_week == 40
    assert v.relief_hours_per_week == 12  # 40 - 28


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_vision_value_is_the_sum_of_the_chains(s: Scenario) -> None:
    v = vision_value(s)
    expected = [
        activity_value_per_year(
            getattr(s, f"hire_{a.key}_hours_per_week"),
            getattr(s, f"{a.key}_output_per_hour"),
            getattr(s, f"{a.key}_kpi_per_output"),
            getattr(s, f"{a.key}_value_per_kpi"),
            s.working_weeks_per_year,
        )
        for a in ACTIVITIES
    ]
    assert [r.value_per_year for r in v.activities] == pytest.approx(expected, rel=1e-12)
    assert v.value_per_year >= 0
    assert v.activity_hours_per_week <= v.hire_hours_per_week + 1e-9
    assert v.relief_hours_per_week == pytest.approx(
        v.hire_hours_per_week - v.activity_hours_per_week, abs=1e-9
    )


@settings(max_examples=100, deadline=None)
@given(scenarios(), st.sampled_from(ACTIVITIES), st.floats(0.01, 1e6))
def test_net_value_rises_with_any_activitys_value_per_kpi(
    s: Scenario, activity, extra: float
) -> None:
    name = f"{activity.key}_value_per_kpi"
    before = bottom_line(s)
    after = bottom_line(s.evolve(**{name: getattr(s, name) + extra}))
    # The chain is linear in value per KPI: net rises by hours * weeks * output * KPI * extra.
    kpi_per_year = (
        getattr(s, f"hire_{activity.key}_hours_per_week")
        * s.working_weeks_per_year
        * getattr(s, f"{activity.key}_output_per_hour")
        * getattr(s, f"{activity.key}_kpi_per_output")
    )
    scale = abs(before.value_per_year) + before.cost.steady_state_cost_per_year + 1.0
    assert after.net_value_per_year >= before.net_value_per_year - 1e-12 * scale
    assert after.net_value_per_year - before.net_value_per_year == pytest.approx(
        kpi_per_year * extra, rel=1e-9, abs=1e-9 * (scale + kpi_per_year * extra)
    )
    if kpi_per_year * extra > 1e-6 * scale:
        assert after.net_value_per_year > before.net_value_per_year
