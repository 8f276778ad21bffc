"""Tests for socialcase.provenance: where each value comes from, and currency-safe presets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialcase.provenance import (
    Conversion,
    Origin,
    Provenance,
    describe,
    out_of_range,
    switch_country,
    widen_ranges,
)
from socialcase.scenario import NOK_PER_USD, Scenario, money_fields, preset, preset_changes

SAMPLE = Scenario()
TYPED = Origin("typed")


def typed(scenario: Scenario, **changes: float) -> tuple[Scenario, Provenance]:
    after = scenario.evolve(**changes)
    return after, Provenance().after(scenario, after, TYPED)


# --- what each value is credited to ----------------------------------------------------------


def test_a_default_is_credited_to_its_published_source() -> None:
    text = describe(SAMPLE, "inbound_per_day", Provenance().origin(SAMPLE, "inbound_per_day"))
    assert text.startswith("Default: Sprout Social")


def test_a_typed_salary_is_the_leads_figure_never_statistics_norway() -> None:
    norway, origins = typed(preset("NO"), hire_salary_per_year=70_000)
    text = describe(norway, "hire_salary_per_year", origins.origin(norway, "hire_salary_per_year"))
    assert text == "Your figure."
    long = describe(
        norway, "hire_salary_per_year", origins.origin(norway, "hire_salary_per_year"), long=True
    )
    assert long.startswith("Your figure.") and "Replaces the default (Statistics Norway" in long


def test_typed_answers_are_the_leads_not_the_sample_case() -> None:
    answered, origins = typed(SAMPLE, answer_skills="Paid social")
    text = describe(answered, "answer_skills", origins.origin(answered, "answer_skills"))
    assert text == "Your answer."


def test_a_measured_value_names_its_file_and_what_was_measured() -> None:
    origin = Origin("measured", "inbox.csv, 28 days")
    assert describe(SAMPLE, "inbound_per_day", origin) == "Measured from inbox.csv, 28 days."
    arrived = Origin("measured", "inbox.csv, 28 days", "the link")
    assert describe(SAMPLE, "inbound_per_day", arrived) == (
        "Measured from inbox.csv, 28 days (came in the link)."
    )


def test_a_changed_value_without_a_record_is_never_credited_to_the_default() -> None:
    changed = SAMPLE.evolve(hire_salary_per_year=99_000)
    origin = Provenance().origin(changed, "hire_salary_per_year")
    assert origin.kind != "default"
    assert "Bureau of Labor" not in describe(changed, "hire_salary_per_year", origin)


def test_a_preset_default_is_credited_to_the_preset() -> None:
    norway = preset("NO")
    origin = Provenance().origin(norway, "hire_salary_per_year")
    assert origin.kind == "default"
    assert describe(norway, "hire_salary_per_year", origin).startswith(
        "Norway preset: Statistics Norway"
    )


@pytest.mark.parametrize(
    "origin",
    [
        Origin("typed"),
        Origin("measured", "inbox.csv, 28 days", "the link"),
        Origin("typed", "", "team.json", Conversion(70_000, "USD", NOK_PER_USD)),
        Origin("link", "", "the link"),
        Origin("widened", "your figure"),
    ],
)
def test_origins_survive_their_compact_code(origin: Origin) -> None:
    back = Origin.from_code(origin.code(), origin.via)
    assert back == origin


@pytest.mark.parametrize(
    "code",
    [None, [], ["d"], ["x", "y"], [1], "t", ["t", "", [1, 2]], ["t", "", [1, "USD", -1]]],
)
def test_a_tampered_origin_is_not_used(code: object) -> None:
    assert Origin.from_code(code, "the link") is None


# --- ranges that no longer hold the value ----------------------------------------------------


def test_a_range_that_no_longer_holds_the_value_is_widened() -> None:
    measured = SAMPLE.evolve(reply_share=0.719)  # the measured share vs 25%-60%
    assert out_of_range(measured) == ("reply_share",)
    widened = widen_ranges(measured)
    assert widened.range_of("reply_share") == (SAMPLE.range_of("reply_share")[0], 0.719)
    assert out_of_range(widened) == ()


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 1))
def test_widening_always_leaves_the_value_inside_its_range(share: float) -> None:
    low, high = widen_ranges(SAMPLE.evolve(reply_share=share)).range_of("reply_share")
    assert low <= share <= high


# --- currency-safe country switches ----------------------------------------------------------


def test_typed_amounts_are_converted_at_the_stated_rate_with_a_note() -> None:
    # The case: 70,000 / 65,000 typed as USD must not count as NOK in Norway.
    us, origins = typed(SAMPLE, hire_salary_per_year=70_000, team_salary_per_year=65_000)
    switch = switch_country(us, origins, "NO")
    s = switch.scenario
    assert (s.country, s.currency) == ("NO", "NOK")
    assert s.hire_salary_per_year == 70_000 * NOK_PER_USD  # 753,200
    assert s.team_salary_per_year == 65_000 * NOK_PER_USD  # 699,400
    assert "Converted at 10.76 NOK per USD" in switch.note
    assert "Salary of the hire USD 70,000 to NOK 753,200" in switch.note
    origin = switch.provenance.get("hire_salary_per_year")
    assert origin is not None and origin.kind == "typed"
    assert describe(s, "hire_salary_per_year", origin) == (
        "Your figure, converted from USD 70,000 at 10.76 NOK per USD."
    )


def test_the_verdict_stays_sane_after_a_switch_with_typed_salaries() -> None:
    from socialcase.case import evaluate

    us, origins = typed(SAMPLE, hire_salary_per_year=70_000, team_salary_per_year=65_000)
    cost_usd = evaluate(us).bottom_line.cost.steady_state_cost_per_year
    norway = switch_country(us, origins, "NO").scenario
    cost_nok = evaluate(norway).bottom_line.cost.steady_state_cost_per_year
    # Everything in NOK now: the hire's yearly cost is of the size of the US one times the
    # rate (the employer costs differ by country, so not equal), not a tenth of it as when
    # the typed 70,000 counted as NOK 70,000 (net NOK 1,068,219, a 939% return).
    assert 0.5 < cost_nok / NOK_PER_USD / cost_usd < 2
    assert abs(evaluate(norway).bottom_line.roi) < 3


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 2_000_000),
    st.integers(1, 2_000_000),
    st.integers(0, 10**7).map(lambda cents: cents / 100),
)
def test_us_to_norway_and_back_restores_what_was_typed(
    salary: int, team: int, tools: float
) -> None:
    us, origins = typed(
        SAMPLE, hire_salary_per_year=salary, team_salary_per_year=team, tools_cost_per_year=tools
    )
    there = switch_country(us, origins, "NO")
    back = switch_country(there.scenario, there.provenance, "US")
    assert back.scenario.hire_salary_per_year == salary
    assert back.scenario.team_salary_per_year == team
    assert back.scenario.tools_cost_per_year == tools
    assert back.provenance.get("hire_salary_per_year") == TYPED


def test_untouched_defaults_follow_the_preset_and_the_note_lists_them() -> None:
    switch = switch_country(SAMPLE, Provenance(), "NO")
    assert switch.scenario == preset("NO")
    assert "Converted" not in switch.note
    assert "defaults now follow the Norway preset" in switch.note


def test_preset_changes_never_reinterprets_a_set_amount() -> None:
    for name in money_fields():
        start = SAMPLE.evolve(**{name: getattr(SAMPLE, name) + 1_000})
        changes = preset_changes(start, "NO")
        got = changes.get(name, getattr(start, name))
        assert got == pytest.approx(getattr(start, name) * NOK_PER_USD, abs=0.01), name
