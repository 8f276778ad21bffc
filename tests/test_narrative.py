"""No sentence on the page contradicts another: every hour and money figure a step's
paragraph quotes is one the model computed, and figures that two steps both quote agree.
"""

from __future__ import annotations

import re

import pytest

from socialcase import Scenario, evaluate, preset, simulate, tornado
from socialcase import narrative as n
from socialcase.formatting import hours, money, months

SCENARIOS = {
    "sample": Scenario(),
    "norway": preset("NO"),
    "no inbound": Scenario(inbound_per_day=0),
    "no overtime": Scenario(actual_hours_per_week=38),
    "a little overtime": Scenario(actual_hours_per_week=41),  # relief capped at 2 h
    "much cross-team work": Scenario(
        hire_collaboration_hours_per_week=9, hire_community_hours_per_week=0
    ),
    "unallotted hours": Scenario(actual_hours_per_week=40.5, hire_content_hours_per_week=0),
    "a dear hire": Scenario(hire_salary_per_year=150_000),
    "a cheap hire, long horizon": Scenario(hire_salary_per_year=45_000, horizon_years=5),
}

HOURS = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})*(?:\.\d+)?) h\b")
MONEY = re.compile(r"-?(?:\$|NOK )\d{1,3}(?:,\d{3})*(?:\.\d+)?")


def _texts(s: Scenario) -> dict[str, str]:
    case = evaluate(s)
    sim = simulate(s, draws=2_000, seed=0)
    return {
        "verdict": n.verdict_text(case, sim.probability_positive),
        "team": n.team_text(case),
        "engagement": n.engagement_text(case),
        "collaboration": n.collaboration_text(case),
        "vision": n.vision_text(case),
        "risk": n.risk_text(case),
        "cost": n.cost_text(case),
        "uncertainty": n.uncertainty_text(case, sim, tornado(s)),
    }


def _known_hours(s: Scenario) -> set[str]:
    case = evaluate(s)
    v, r, c, e = case.vision, case.risk, case.collaboration, case.engagement
    figures = [
        s.actual_hours_per_week,
        s.contracted_hours_per_week,
        s.team_engagement_hours_per_day,
        s.reply_target_hours,
        s.hire_responding_hours_per_week,
        v.hire_hours_per_week,
        v.productive_hours_per_week,
        v.activity_hours_per_week,
        v.relief_hours_per_week,
        v.unallotted_hours_per_week,
        r.overtime_hours_per_week,
        r.relief_hours_per_week,
        c.worked_hours_per_week,
        c.reactive_hours_per_week,
        c.strategic_hours_per_week,
        c.strategic_hours_wanted_per_week,
        c.hours_lacking_per_week,
        c.hours_lacking_with_hire_per_week,
        *(a.hours_per_week for a in v.activities),
        *(a.counted_hours_per_week for a in v.activities),
    ]
    if e.hours_per_day_needed is not None:
        figures.append(e.hours_per_day_needed)
    return {hours(x) for x in figures}


def _known_money(s: Scenario, texts: dict[str, str]) -> set[str]:
    case = evaluate(s)
    b, c, r, v = case.bottom_line, case.cost, case.risk, case.vision
    sim = simulate(s, draws=2_000, seed=0)
    figures = [
        b.net_present_value,
        -b.net_present_value,
        b.year_one_net_value,
        b.net_value_per_year,
        b.cost_of_waiting_per_month,
        b.ramp_value_forgone,
        c.steady_state_cost_per_year,
        c.salary_per_year,
        c.employer_costs_per_year,
        c.tools_cost_per_year,
        c.one_off_cost,
        r.replacement_cost_per_leaver,
        r.expected_cost_without_per_year,
        r.expected_cost_with_per_year,
        r.hire_turnover_cost_per_year,
        v.value_per_year,
        *(a.value_per_year for a in v.activities),
        sim.p10,
        sim.p50,
        sim.p90,
    ]
    return {money(x, s.currency) for x in figures}


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_quoted_hour_and_money_figure_is_the_model_s(name: str) -> None:
    s = SCENARIOS[name]
    texts = _texts(s)
    known_hours, known_money = _known_hours(s), _known_money(s, texts)
    for step, text in texts.items():
        for quoted in HOURS.findall(text):
            assert f"{quoted} h" in known_hours, (name, step, quoted, text)
        for quoted in MONEY.findall(text):
            assert quoted in known_money, (name, step, quoted, text)


@pytest.mark.parametrize("name", SCENARIOS)
def test_figures_two_steps_quote_agree(name: str) -> None:
    s = SCENARIOS[name]
    case = evaluate(s)
    texts = _texts(s)
    relief = hours(case.vision.relief_hours_per_week)
    # one definition of relief hours: the vision and the risk quote the same figure
    assert case.vision.relief_hours_per_week == case.risk.relief_hours_per_week
    assert f"taking over {relief} of overtime" in texts["risk"]
    if case.vision.relief_hours_per_week > 0:
        assert f"The other {relief} take over work" in texts["vision"]
    else:
        assert "take over work the team now does" not in texts["vision"]
    # the team's overtime: the team step and the risk step
    if case.risk.overtime_hours_per_week > 0:
        assert hours(case.risk.overtime_hours_per_week) + " of overtime" in texts["team"]
    # the net present value: the verdict and the bottom line
    npv = money(abs(case.bottom_line.net_present_value), s.currency)
    assert npv in texts["verdict"] and npv in texts["cost"]
    assert money(case.bottom_line.year_one_net_value, s.currency) in texts["verdict"]
    if case.bottom_line.net_present_value > 0:
        assert months(case.bottom_line.payback_months) in texts["verdict"]
    # the hire's inbox hours: the engagement step and the vision's responding hours
    assert (
        f"With the hire's {hours(s.hire_responding_hours_per_week)} a week" in (texts["engagement"])
    )


def test_zero_inbound_says_the_responding_hours_are_better_spent_elsewhere() -> None:
    text = n.vision_text(evaluate(Scenario(inbound_per_day=0)))
    assert "better spent elsewhere" in text


def test_the_page_says_which_step_counts_follower_growth() -> None:
    assert "counted once" in n.vision_text(evaluate(Scenario()))


def test_bounded_cross_team_work_is_explained() -> None:
    text = n.vision_text(evaluate(SCENARIOS["much cross-team work"]))
    assert "Only 4 h of the 9 h of cross-team work count" in text
