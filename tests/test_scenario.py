"""The scenario: every input validated once, immutable, saved and read strictly."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from strategies import ACTIVITY_HOURS, scenarios

from socialcase import InputError, Scenario, ScenarioFileError, preset, spec_of, specs
from socialcase.scenario import (
    COUNTRIES,
    CURRENCIES,
    SCHEMA_VERSION,
    TEXT_MAX_CHARS,
    check_value,
    uncertain_inputs,
)
from socialcase.sources import SOURCES

SPECS = specs()


def _bad_values() -> list[Any]:
    """(field, bad value) for every field of the scenario, by the kind of field."""
    cases: list[Any] = []
    for name, spec in SPECS.items():
        bad: list[tuple[str, Any]] = []
        if spec.kind in ("number", "integer"):
            bad += [
                ("nan", math.nan),
                ("+inf", math.inf),
                ("-inf", -math.inf),
                ("true", True),
                ("false", False),
                ("str", "12"),
                ("none", None),
                ("list", [1.0]),
            ]
            if spec.minimum == 0 and not spec.min_exclusive:
                bad.append(("negative", -1.0))
            elif spec.min_exclusive:
                bad.append(("at exclusive minimum", spec.minimum))
            else:
                bad.append(("below minimum", spec.minimum - 0.5))
            if math.isfinite(spec.maximum):
                bad.append(("above maximum", spec.maximum * 1.01 + 1))
            if spec.kind == "integer":
                bad.append(("fraction", 2.5))
        elif spec.kind == "choice":
            bad += [("unknown choice", "XX"), ("number", 1), ("none", None)]
        elif spec.kind == "profile":
            bad += [
                ("number", 1.0),
                ("none", None),
                ("too short", [1.0] * 167),
                ("too long", [1.0] * 169),
                ("negative", [1.0] * 167 + [-1.0]),
                ("nan", [math.nan] * 168),
                ("inf", [1.0] * 167 + [math.inf]),
                ("text", ["1"] * 168),
                ("all zero", [0.0] * 168),
                ("above maximum", [1.0] * 167 + [spec.maximum * 2]),
            ]
        else:
            assert spec.kind == "text", name
            bad += [("number", 12), ("none", None), ("too long", "x" * (TEXT_MAX_CHARS + 1))]
        cases += [pytest.param(name, value, id=f"{name}-{what}") for what, value in bad]
    return cases


@pytest.mark.parametrize(("name", "value"), _bad_values())
def test_every_field_refuses_bad_input_naming_the_field(name: str, value: Any) -> None:
    with pytest.raises(InputError) as info:
        Scenario(**{name: value})
    assert info.value.field == name  # the internal name, for code
    message = str(info.value)
    assert message.startswith(SPECS[name].subject), message  # the label, for people
    assert name not in message and " must be " in message and "; you gave " in message
    # A what-if goes through the same check.
    with pytest.raises(InputError) as info:
        Scenario().evolve(**{name: value})
    assert info.value.field == name


def test_input_error_is_a_value_error_and_says_what_is_allowed() -> None:
    with pytest.raises(ValueError) as info:
        Scenario(hire_salary_per_year=-1)
    assert isinstance(info.value, InputError)
    assert info.value.value == -1
    assert info.value.field == "hire_salary_per_year"
    assert str(info.value) == (
        "Salary of the hire must be between 0 and 100,000,000 USD a year; you gave -1"
    )
    with pytest.raises(InputError) as info:
        preset("NO").evolve(equipment_cost=-3)  # the case's own currency
    assert str(info.value) == (
        "Equipment (laptop, phone) once must be between 0 and 10,000,000 NOK; you gave -3"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"team_size": 2.5},
            "People on the social team must be a whole number between 1 and 1,000 people; "
            "you gave 2.5",
        ),
        (
            {"reply_share": 1.5},
            "Share of messages that need a reply must be between 0% and 100%; you gave 1.5 (150%)",
        ),
        (
            {"hire_productive_share": 0},
            "Productive share of the hire's hours must be more than 0% and at most 100%; "
            "you gave 0 (0%)",
        ),
        (
            {"discount_rate": 0.9},
            "Discount rate must be between 0% and 50% a year; you gave 0.9 (90%)",
        ),
        (
            {"inbound_per_day": None},
            "Inbound messages per day must be between 0 and 1,000,000 messages a day; "
            "you gave None",
        ),
        (
            {"replacement_cost_multiplier": 11},
            "Replacement cost of a leaver must be between 0 and 10 times the annual salary; "
            "you gave 11",
        ),
        (
            {"staffed_days_per_week": 8},
            "Staffed days per week must be a whole number between 1 and 7 days a week; you gave 8",
        ),
        (
            {"country": "SE"},
            "Country preset for employer costs must be one of US, NO, custom; you gave 'SE'",
        ),
        (
            {"actual_hours_per_week": 40, "after_hours_cover_hours_per_week": 41},
            "Of which after-hours cover per person must be at most the hours actually worked "
            "per person (40 hours a week); you gave 41",
        ),
        (
            {"ranges": {"reply_share": (0.6, 0.2)}},
            "Share of messages that need a reply: the low end 60% is above the high end 20%",
        ),
        (
            {"ranges": {"reply_share": (0.1, 2)}},
            "Share of messages that need a reply (the high end of its range) must be between "
            "0% and 100%; you gave 2 (200%)",
        ),
        (
            {"ranges": {"team_size": (1, 2)}},
            "People on the social team has no range: only uncertain inputs have one",
        ),
    ],
    ids=lambda v: next(iter(v)) if isinstance(v, dict) else "",
)
def test_messages_name_the_label_and_say_what_is_allowed_with_units(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(InputError) as info:
        Scenario(**changes)
    assert str(info.value) == message


def test_a_long_value_is_quoted_by_its_start_and_its_length() -> None:
    with pytest.raises(InputError) as info:
        Scenario(answer_skills="x" * 5000)
    assert str(info.value) == (
        "The answer to 'How do you want to grow your own skills?' must be text of at most "
        "4,000 characters; you gave '" + "x" * 59 + "... (5,000 characters)"
    )


def test_a_number_too_large_for_a_float_is_an_input_error() -> None:
    # float(10**400) raises OverflowError; the scenario must still answer with an InputError.
    with pytest.raises(InputError) as info:
        Scenario(inbound_per_day=10**400)
    assert info.value.field == "inbound_per_day"


@pytest.mark.parametrize("name", [n for n, s in SPECS.items() if s.unit == "share, 0-1"])
def test_shares_above_one_are_refused(name: str) -> None:
    with pytest.raises(InputError, match=re.escape(SPECS[name].subject)):
        Scenario(**{name: 1.0001})


PERSON_HOURS = [
    "contracted_hours_per_week",
    "actual_hours_per_week",
    "after_hours_cover_hours_per_week",
    "hire_hours_per_week",
    *ACTIVITY_HOURS,
]


@pytest.mark.parametrize("name", PERSON_HOURS)
def test_one_persons_hours_above_168_a_week_are_refused(name: str) -> None:
    # A week has 7 * 24 = 168 hours.
    assert SPECS[name].maximum == 168
    with pytest.raises(InputError, match=re.escape(SPECS[name].subject)):
        Scenario(**{name: 168.5})


def test_numbers_are_stored_as_floats_and_integers_may_be_whole_floats() -> None:
    s = Scenario(
        team_size=np.int64(3), inbound_per_day=np.float32(100.5), staffed_days_per_week=5.0
    )
    assert s.team_size == 3.0 and type(s.team_size) is float
    assert type(s.inbound_per_day) is float and s.inbound_per_day == 100.5
    assert s.staffed_days_per_week == 5.0


def test_check_value_accepts_the_bounds_themselves() -> None:
    check_value("reply_share", SPECS["reply_share"], 0)
    check_value("reply_share", SPECS["reply_share"], 1)
    check_value("team_size", SPECS["team_size"], 1000)
    check_value("team_roles", SPECS["team_roles"], "x" * TEXT_MAX_CHARS)
    check_value("currency", SPECS["currency"], "NOK")


# --- cross-field rules -----------------------------------------------------------------


def test_after_hours_cover_cannot_exceed_the_hours_worked() -> None:
    with pytest.raises(InputError) as info:
        Scenario(actual_hours_per_week=40, after_hours_cover_hours_per_week=41)
    assert info.value.field == "after_hours_cover_hours_per_week"
    Scenario(actual_hours_per_week=40, after_hours_cover_hours_per_week=40)  # equal is fine


def test_the_visions_hours_cannot_exceed_the_hires_productive_hours() -> None:
    # Sample vision: 10 + 6 + 4 + 3 + 3 = 26 hours of the hire's 40 * 0.8 = 32 productive.
    assert sum(getattr(Scenario(), n) for n in ACTIVITY_HOURS) == 26
    Scenario(hire_hours_per_week=32.5)  # 32.5 * 0.8 = 26: exactly full is fine
    with pytest.raises(InputError) as info:
        Scenario(hire_hours_per_week=32)  # 25.6 productive
    assert info.value.field == "hire_hours_per_week"
    assert "26" in str(info.value) and "productive" in str(info.value)
    with pytest.raises(InputError):
        Scenario().evolve(hire_content_hours_per_week=12.5)  # 26 - 6 + 12.5 = 32.5 > 32
    with pytest.raises(InputError):
        Scenario().evolve(hire_productive_share=0.6)  # 24 < 26


@pytest.mark.parametrize("bad", ["abc", "", "US Dollar", "€", "x" * 4000, "XXX1"])
def test_currency_must_be_an_iso_4217_code(bad: str) -> None:
    with pytest.raises(InputError, match="ISO 4217") as info:
        Scenario(currency=bad)
    assert info.value.field == "currency"
    assert len(str(info.value)) < 200  # a long value is cut in the message


def test_currency_codes_are_read_in_capitals() -> None:
    assert Scenario(currency=" nok").currency == "NOK"
    assert {"USD", "EUR", "NOK", "GBP", "SEK", "JPY"} <= set(CURRENCIES)


# --- ranges ----------------------------------------------------------------------------


def test_every_uncertain_default_range_contains_its_base() -> None:
    s = Scenario()
    assert set(dict(s.ranges)) == set(uncertain_inputs())
    for name in uncertain_inputs():
        low, high = s.range_of(name)
        assert low <= getattr(s, name) <= high, name


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_presets_ranges_contain_its_base(country: str) -> None:
    s = preset(country)
    outside = {
        n: (s.range_of(n), getattr(s, n))
        for n in uncertain_inputs()
        if not s.range_of(n)[0] <= getattr(s, n) <= s.range_of(n)[1]
    }
    assert outside == {}


def test_with_range_low_above_high_is_refused() -> None:
    with pytest.raises(InputError) as info:
        Scenario().with_range("reply_share", 0.6, 0.25)
    assert info.value.field == "reply_share"
    assert "above the high end" in str(info.value)


def test_with_range_on_a_field_without_range_is_refused() -> None:
    with pytest.raises(InputError) as info:
        Scenario().with_range("team_size", 1, 3)
    assert info.value.field == "team_size"
    with pytest.raises(InputError) as info:
        Scenario().with_range("no_such_input", 1, 3)
    assert info.value.field == "no_such_input"


@pytest.mark.parametrize(
    ("low", "high"),
    [(math.nan, 0.5), (0.3, math.inf), (-0.1, 0.5), (0.3, 1.5), (True, 0.5), ("0.3", 0.5)],
    ids=["nan low", "inf high", "negative low", "high above 1", "bool low", "str low"],
)
def test_a_range_end_outside_the_fields_bounds_is_refused(low: Any, high: Any) -> None:
    with pytest.raises(InputError, match="Share of messages that need a reply") as info:
        Scenario().with_range("reply_share", low, high)
    # The error is about the reply_share input (the message says which end).
    assert info.value.field == "reply_share"


@pytest.mark.parametrize("pair", [(0.3,), (0.1, 0.2, 0.3), 0.3, "ab"])
def test_a_range_must_be_a_pair(pair: Any) -> None:
    with pytest.raises(InputError):
        Scenario(ranges={"reply_share": pair})


def test_with_range_changes_one_range_and_keeps_the_rest() -> None:
    s = Scenario()
    t = s.with_range("reply_share", 0.3, 0.5)
    assert t.range_of("reply_share") == (0.3, 0.5)
    assert s.range_of("reply_share") == (0.25, 0.6)
    assert {n: t.range_of(n) for n in uncertain_inputs() if n != "reply_share"} == {
        n: s.range_of(n) for n in uncertain_inputs() if n != "reply_share"
    }
    assert Scenario(ranges={"reply_share": [0.3, 0.5]}) == t  # a list is taken as a pair


# --- defaults and their sources -------------------------------------------------------


@pytest.mark.parametrize("name", list(SPECS))
def test_every_default_is_valid_has_a_unit_and_a_known_source(name: str) -> None:
    spec = SPECS[name]
    assert spec.source in SOURCES
    assert spec.cited.key == spec.source
    assert spec.unit.strip()
    assert spec.label.strip()
    check_value(name, spec, getattr(Scenario(), name))


def test_published_defaults_match_their_sources() -> None:
    s = Scenario()
    assert s.inbound_per_day == 70  # Sprout Social 2024 benchmarks: 70 a day in 2023
    assert s.hire_salary_per_year == 66_750  # BLS OEWS May 2023, SOC 27-3031 median
    assert s.benefits_load_share == 0.34  # BLS ECEC Sep 2024, firms under 50 staff
    assert s.range_of("replacement_cost_multiplier") == (0.5, 2.0)  # Gallup 0.5x-2x
    assert s.baseline_turnover_per_year == 0.129  # LinkedIn: marketing 12.9% (2022)
    assert s.no_employer_tax_share == 0.141  # Skatteetaten, zone 1
    assert s.no_holiday_pay_share == 0.12  # Ferieloven, with 5 weeks' leave
    assert s.no_vacation_weeks == 5
    assert s.no_basic_amount == 130_160  # NAV: G from 1 May 2025
    assert s.horizon_years == 3 and s.discount_rate == 0.08
    assert s.recruiting_cost == 4425  # SHRM 2017
    assert s.time_to_fill_days == 42  # SHRM 2016
    assert s.ramp_up_weeks == 20  # Mellon: 20 weeks for professionals
    assert s.hire_hours_per_week == 40  # the article: 40 hours a week


def test_activity_units_name_one_whole_output() -> None:
    # "customers kept or won per reply", not "... per replie" (the plural's last letter cut).
    assert spec_of("responding_kpi_per_output").unit == "customers kept or won per reply"
    assert spec_of("analytics_kpi_per_output").unit == "extra conversions per test"
    assert spec_of("content_kpi_per_output").unit == "people reached per post"


def test_spec_of_an_unknown_name_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="no_such_input is not an input"):
        spec_of("no_such_input")


# --- immutability and what-ifs ---------------------------------------------------------


def test_scenario_is_immutable() -> None:
    s = Scenario()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        s.team_size = 3  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        s.ranges = ()  # type: ignore[misc]
    assert s.team_size == 2


def test_evolve_returns_a_new_scenario_and_leaves_the_original() -> None:
    s = Scenario()
    t = s.evolve(inbound_per_day=200)
    assert t is not s
    assert t.inbound_per_day == 200
    assert s.inbound_per_day == 70
    assert s == Scenario()
    assert t.changed_from(s) == {"inbound_per_day": (70.0, 200.0)}
    assert s.with_range("reply_share", 0.2, 0.4).changed_from(s) == {
        "reply_share range": ((0.25, 0.6), (0.2, 0.4))
    }


def test_evolve_refuses_an_unknown_field() -> None:
    with pytest.raises(InputError) as info:
        Scenario().evolve(inbound_per_week=900)
    assert info.value.field == "inbound_per_week"
    assert "not an input" in str(info.value)


def test_equal_scenarios_hash_alike() -> None:
    assert Scenario() == Scenario()
    assert hash(Scenario()) == hash(Scenario())
    assert Scenario() != Scenario(team_size=3)


# --- saving and reading ------------------------------------------------------------------


def _json_round_trip(s: Scenario) -> Scenario:
    return Scenario.from_dict(json.loads(json.dumps(s.to_dict())))


def test_sample_case_survives_a_json_round_trip() -> None:
    data = Scenario().to_dict()
    assert data["schema_version"] == SCHEMA_VERSION == 2
    assert list(data["values"]) == list(SPECS)
    assert _json_round_trip(Scenario()) == Scenario()
    changed = Scenario(team_roles="Lead; Analyst ✓", country="NO").with_range("reply_share", 0, 0.5)
    assert _json_round_trip(changed) == changed


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_generated_scenarios_survive_a_json_round_trip(s: Scenario) -> None:
    assert _json_round_trip(s) == s


def _saved(**changes: Any) -> dict[str, Any]:
    return {**Scenario().to_dict(), **changes}


def test_from_dict_refuses_a_newer_schema() -> None:
    with pytest.raises(ScenarioFileError, match="newer") as info:
        Scenario.from_dict(_saved(schema_version=SCHEMA_VERSION + 1))
    assert info.value.field == "schema_version"


@pytest.mark.parametrize("version", [None, 0, -1, 1.0, "1", True])
def test_from_dict_refuses_a_schema_version_that_is_not_a_whole_number(version: Any) -> None:
    data = _saved(schema_version=version)
    if version is None:
        del data["schema_version"]
    with pytest.raises(ScenarioFileError) as info:
        Scenario.from_dict(data)
    assert info.value.field == "schema_version"


def test_from_dict_refuses_an_unknown_input() -> None:
    data = _saved()
    data["values"] = {**data["values"], "inbound_per_week": 900}
    with pytest.raises(ScenarioFileError) as info:
        Scenario.from_dict(data)
    assert info.value.field == "inbound_per_week"


def test_from_dict_refuses_an_unknown_top_level_key() -> None:
    # A misspelt "values" would otherwise load the sample case without a word.
    with pytest.raises(ScenarioFileError):
        Scenario.from_dict({"schema_version": 1, "value": {"inbound_per_day": 500}})


@pytest.mark.parametrize("data", [[], "scenario", None, 1, [("schema_version", 1)]])
def test_from_dict_refuses_what_is_not_an_object(data: Any) -> None:
    with pytest.raises(ScenarioFileError):
        Scenario.from_dict(data)


@pytest.mark.parametrize("key", ["values", "ranges"])
def test_from_dict_refuses_values_or_ranges_that_are_not_objects(key: str) -> None:
    with pytest.raises(ScenarioFileError):
        Scenario.from_dict(_saved(**{key: [1, 2]}))


@pytest.mark.parametrize("pair", [5, None, [0.3], [0.3, "x"]])
def test_from_dict_refuses_a_malformed_range_with_an_input_error(pair: Any) -> None:
    with pytest.raises(InputError):
        Scenario.from_dict(_saved(ranges={"reply_share": pair}))


def test_from_dict_validates_values_like_the_constructor() -> None:
    with pytest.raises(InputError) as info:
        Scenario.from_dict(_saved(values={"reply_share": 2}))
    assert info.value.field == "reply_share"


def test_from_dict_reads_a_partial_file_over_the_sample_case() -> None:
    s = Scenario.from_dict({"schema_version": 2, "values": {"inbound_per_day": 500}})
    assert s == Scenario(inbound_per_day=500)


def test_a_version_1_file_drops_what_version_2_took_out() -> None:
    # Replies per hour now come from the handle time; shrinkage only shapes live chat.
    s = Scenario.from_dict(
        {
            "schema_version": 1,
            "values": {"team_size": 3, "responding_output_per_hour": 12},
            "ranges": {"responding_output_per_hour": [6, 18], "shrinkage": [0.25, 0.35]},
        }
    )
    assert s == Scenario(team_size=3)


def test_a_version_1_vision_of_all_40_hours_keeps_its_hours() -> None:
    values = {  # a version 1 file holds every value: 26 + 5 + 4 + 3 + 2 = 40 of 40 hours
        "hire_hours_per_week": 40,
        "hire_responding_hours_per_week": 26,
        "hire_content_hours_per_week": 5,
        "hire_analytics_hours_per_week": 4,
        "hire_collaboration_hours_per_week": 3,
        "hire_community_hours_per_week": 2,
    }
    s = Scenario.from_dict({"schema_version": 1, "values": values})
    assert s.hire_responding_hours_per_week == 26
    assert s.hire_productive_share == 1.0


# --- presets ---------------------------------------------------------------------------


def test_us_preset_is_the_sample_case() -> None:
    assert preset("US") == Scenario()
    assert (preset("US").country, preset("US").currency) == ("US", "USD")


def test_norway_preset() -> None:
    s = preset("NO")
    assert (s.country, s.currency) == ("NO", "NOK")
    assert s.hire_salary_per_year == s.team_salary_per_year == 802_200  # SSB: 66,850 * 12
    assert s.contracted_hours_per_week == 37.5
    assert s.working_weeks_per_year == 46
    assert s.recruiting_cost == 47_600  # 4,425 USD * 10.76 = 47,613 -> nearest 100
    assert s.equipment_cost == 32_300  # 3,000 * 10.76 = 32,280
    assert s.tools_cost_per_year == 25_800  # 2,400 * 10.76 = 25,824


def test_norway_preset_converts_every_money_input_to_nok() -> None:
    # The preset converts cash figures without a Norwegian source at NOK 10.76 per USD;
    # money inputs left in dollars would price the vision's value in USD against a cost
    # in NOK. Salaries come from SSB instead, so they are left out.
    us, no = Scenario(), preset("NO")
    money = [
        n
        for n, spec in SPECS.items()
        if spec.unit.startswith("currency")
        and n not in ("hire_salary_per_year", "team_salary_per_year")
    ]
    assert "analytics_value_per_kpi" in money and "value_per_follower" in money
    ratios = {n: getattr(no, n) / getattr(us, n) for n in money}
    assert ratios == {n: pytest.approx(10.76, rel=0.02) for n in money}


def test_custom_preset_and_base() -> None:
    base = Scenario(inbound_per_day=300)
    s = preset("custom", base)
    assert s.country == "custom"
    assert s.inbound_per_day == 300
    assert s.currency == "USD"


def test_unknown_preset_is_refused() -> None:
    with pytest.raises(InputError) as info:
        preset("SE")
    assert info.value.field == "country"


def test_an_arrival_profile_is_168_weights_or_none() -> None:
    assert Scenario().inbound_hour_profile == ()  # the sample: an even spread
    weights = [float(hour % 24 >= 9) for hour in range(168)]
    scenario = Scenario(inbound_hour_profile=weights)  # a list, as JSON gives it
    assert scenario.inbound_hour_profile == tuple(weights)
    assert Scenario.from_dict(scenario.to_dict()) == scenario
    assert scenario.evolve(inbound_hour_profile=()).inbound_hour_profile == ()


# --- the declaration the type checker reads ----------------------------------------------


def test_every_field_is_declared_with_the_type_its_spec_holds() -> None:
    # The class body is the one declaration: attrs reads it at run time, mypy statically.
    declared = {a.name: a.type for a in attrs.fields(Scenario) if a.name != "ranges"}
    assert list(declared) == list(SPECS)
    wanted = {
        "number": "float",
        "integer": "float",
        "text": "str",
        "choice": "str",
        "profile": "tuple[float, ...]",
    }
    assert {n: t for n, t in declared.items() if t != wanted[SPECS[n].kind]} == {}


def test_mypy_rejects_a_misspelled_field_and_a_wrong_type(tmp_path: Path) -> None:
    mypy_api = pytest.importorskip("mypy.api")
    snippet = (
        "from socialcase.scenario import Scenario\n"
        "s = Scenario(inbound_per_dya=200)\n"
        "n: str = s.inbound_per_day\n"
        "t = s.team_sizee\n"
        "ok: float = Scenario(team_size=3).team_size\n"
    )
    script = tmp_path / "what_if.py"
    script.write_text(snippet)
    out, err, status = mypy_api.run(
        ["--no-incremental", "--cache-dir=/dev/null", "--no-error-summary", str(script)]
    )
    assert status == 1, out + err
    lines = out.splitlines()
    assert any('Unexpected keyword argument "inbound_per_dya"' in line for line in lines), out
    assert any("what_if.py:3: error: Incompatible types in assignment" in line for line in lines)
    assert any('has no attribute "team_sizee"' in line for line in lines), out
    assert not any("what_if.py:5:" in line for line in lines), out
