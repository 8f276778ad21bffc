"""Tests for socialcase.files: saved scenario files and comparing two scenarios."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import scenarios

from socialcase import share
from socialcase.bottomline import bottom_line
from socialcase.errors import InputError, ScenarioFileError
from socialcase.files import (
    FORMAT,
    MAX_FILE_BYTES,
    Comparison,
    LoadResult,
    compare,
    comparison_table,
    dumps,
    load,
    loads,
    save,
)
from socialcase.scenario import SCHEMA_VERSION, Scenario, preset

SAMPLE = Scenario()
DATA = Path(__file__).parent / "data"
WHEN = "2026-03-02T09:30:00+00:00"


def document(**changes: Any) -> dict[str, Any]:
    return {**json.loads(dumps(SAMPLE, saved_at=WHEN)), **changes}


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- saving and loading ---------------------------------------------------------------------


def test_a_saved_file_holds_everything_with_its_version() -> None:
    scenario = Scenario(inbound_per_day=200, answer_skills="Paid social").with_range(
        "reply_share", 0.3, 0.7
    )
    data = json.loads(dumps(scenario, saved_at=WHEN))
    assert data["format"] == FORMAT
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["saved_at"] == WHEN
    assert data["values"]["inbound_per_day"] == 200
    assert data["values"]["answer_skills"] == "Paid social"
    assert set(data["values"]) == set(scenario.values())
    assert data["ranges"]["reply_share"] == [0.3, 0.7]


def test_saved_at_is_now_unless_given() -> None:
    stamp = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert json.loads(dumps(SAMPLE, saved_at=stamp))["saved_at"] == "2026-01-02T03:04:05+00:00"
    assert dumps(SAMPLE, saved_at=stamp) == dumps(SAMPLE, saved_at=stamp)
    saved = datetime.fromisoformat(json.loads(dumps(SAMPLE))["saved_at"])
    assert abs((datetime.now(UTC) - saved).total_seconds()) < 60


def test_save_and_load_a_file(tmp_path: Path) -> None:
    scenario = preset("NO").evolve(answer_missed_opportunity="Svar på DM-er innen fire timer")
    path = save(scenario, tmp_path / "case.json", saved_at=WHEN)
    assert path == tmp_path / "case.json"
    assert [p.name for p in tmp_path.iterdir()] == ["case.json"]
    result = load(path)
    assert isinstance(result, LoadResult)
    assert result.scenario == scenario
    assert result.ignored == ()
    assert (result.file_name, result.schema_version, result.saved_at) == (
        "case.json",
        SCHEMA_VERSION,
        WHEN,
    )
    assert "Svar på" in path.read_text(encoding="utf-8")  # readable, not \u-escaped


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_any_valid_scenario_round_trips_through_a_file(scenario: Scenario) -> None:
    result = loads(dumps(scenario, saved_at=WHEN))
    assert result.scenario == scenario
    assert result.ignored == ()


def test_a_version_1_file_still_loads() -> None:
    # tests/data/scenario_v1.json was saved by schema version 1; keep it unchanged.
    result = load(DATA / "scenario_v1.json")
    assert result.ignored == ()
    assert result.schema_version == 1
    assert result.saved_at == WHEN
    s = result.scenario
    assert (s.country, s.currency, s.team_size, s.inbound_per_day) == ("NO", "NOK", 3, 210)
    assert s.hire_salary_per_year == 802_200
    assert s.answer_missed_opportunity == "Svar på kundemeldinger innen fire timer"
    assert s.hire_role == "community_manager"
    assert s.range_of("replacement_cost_multiplier") == (0.75, 1.5)


def test_a_file_in_scenario_to_dict_shape_loads() -> None:
    scenario = Scenario(inbound_per_day=200)
    assert loads(json.dumps(scenario.to_dict())).scenario == scenario


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "excel.json", b"\xef\xbb\xbf" + dumps(SAMPLE).encode())
    assert load(path).scenario == SAMPLE


def test_a_missing_file_raises_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "nowhere.json")


# --- files that load with something ignored ---------------------------------------------


def test_bad_values_in_a_file_are_ignored_and_named(tmp_path: Path) -> None:
    doc = document()
    doc["values"] |= {"inbound_per_day": -5, "reply_share": 0.5, "followers_on_mars": 3}
    doc["ranges"] |= {"reply_share": [0.4, 0.2]}
    result = load(write(tmp_path, "edited.json", json.dumps(doc)))
    assert result.scenario == SAMPLE.evolve(reply_share=0.5)
    assert len(result.ignored) == 3
    assert any(
        s.startswith(
            "inbound_per_day=-5 was ignored: Inbound messages per day must be between 0 and "
            "1,000,000 messages a day; you gave -5"
        )
        and s.endswith("kept 70")
        for s in result.ignored
    )
    assert any("'followers_on_mars' in edited.json" in s for s in result.ignored)
    assert any("reply_share range" in s for s in result.ignored)


def test_a_newer_file_is_ignored_whole(tmp_path: Path) -> None:
    doc = document(schema_version=SCHEMA_VERSION + 1)
    doc["values"]["inbound_per_day"] = 200
    result = load(write(tmp_path, "future.json", json.dumps(doc)))
    assert result.scenario == SAMPLE
    (sentence,) = result.ignored
    assert sentence.startswith("future.json was made by a newer socialcase")


@pytest.mark.parametrize("version", [None, "one", 0, True, 1.0])
def test_a_file_with_an_unknown_version_is_ignored_whole(tmp_path: Path, version: Any) -> None:
    doc = document(schema_version=version)
    doc["values"]["inbound_per_day"] = 200
    result = load(write(tmp_path, "odd.json", json.dumps(doc)))
    assert result.scenario == SAMPLE
    (sentence,) = result.ignored
    assert "odd.json has schema version" in sentence


def test_an_older_file_is_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def v0_to_v1(
        values: dict[str, Any], ranges: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        values = dict(values)
        values["inbound_per_day"] = values.pop("inbound_messages")
        return values, ranges

    monkeypatch.setitem(share.MIGRATIONS, 0, v0_to_v1)
    old = {"format": FORMAT, "schema_version": 0, "values": {"inbound_messages": 175}}
    result = load(write(tmp_path, "old.json", json.dumps(old)))
    assert result.scenario == SAMPLE.evolve(inbound_per_day=175)
    assert result.ignored == ()


def test_values_that_are_not_an_object_are_ignored(tmp_path: Path) -> None:
    doc = document(values=[1, 2, 3])
    result = load(write(tmp_path, "list.json", json.dumps(doc)))
    assert result.scenario == SAMPLE
    assert "values in list.json were ignored" in result.ignored[0]


# --- files that are not a scenario at all ---------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "it is not JSON (Expecting property name"),
        ("", "it is not JSON"),
        ("[1, 2]", "it holds a JSON list, not an object"),
        ('"text"', "it holds a JSON text, not an object"),
        ("42", "it holds a JSON number, not an object"),
        ("null", "it holds a JSON null, not an object"),
        (
            '{"format": "something-else", "schema_version": 1, "values": {}}',
            "its \"format\" is 'something-else'",
        ),
        ('{"format": ["x"], "values": {}}', "its \"format\" is ['x']"),
        ('{"name": "a report", "values": {}}', 'it has no "format"'),
        (b"\xff\xfe{\x00}\x00", "it is not UTF-8 text"),
        (b'{"format": "socialcase-scenario", "x": "\xe9t\xe9"}', "it is not UTF-8 text"),
        ("[" * 100_000, "it is not JSON"),
    ],
)
def test_a_file_that_is_not_a_scenario_raises(
    tmp_path: Path, content: str | bytes, reason: str
) -> None:
    path = write(tmp_path, "upload.json", content)
    with pytest.raises(ScenarioFileError) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith("upload.json is not a socialcase scenario file: ")
    assert reason in message
    assert isinstance(caught.value, InputError)
    assert isinstance(caught.value, ValueError)
    assert caught.value.field == "file"
    assert caught.value.value == "upload.json"


def test_a_file_over_one_mebibyte_raises(tmp_path: Path) -> None:
    doc = document()
    doc["padding"] = " " * MAX_FILE_BYTES
    path = write(tmp_path, "big.json", json.dumps(doc))
    with pytest.raises(ScenarioFileError, match=r"big\.json is not .*larger than 1024 KiB"):
        load(path)
    with pytest.raises(ScenarioFileError, match="larger than"):
        loads(json.dumps(doc), "big.json")


def test_loads_names_the_file_it_was_given() -> None:
    with pytest.raises(ScenarioFileError, match=r"^my case\.json is not"):
        loads(b"nope", file_name="my case.json")


# --- comparing scenarios ----------------------------------------------------------------


def test_raising_the_salary_by_1000_costs_1469_a_year_in_the_us() -> None:
    # costs.py: steady-state cost = salary * (1 + benefits_load_share) + tools; the US
    # sample's load is 0.34 (BLS ECEC, firms under 50 staff), so +1,000 salary costs
    # 1,000 * 1.34 = 1,340 a year, and the hire's own expected turnover (12.9% a year at 1x
    # salary) 129 more: 1,469. Over a 10-year horizon the sample pays back.
    a = preset("US").evolve(horizon_years=10)
    b = a.evolve(hire_salary_per_year=a.hire_salary_per_year + 1_000)
    cmp = compare(a, b)
    assert isinstance(cmp, Comparison)
    (diff,) = cmp.differences
    assert (diff.name, diff.label, diff.unit, diff.a, diff.b) == (
        "hire_salary_per_year",
        "Salary of the hire",
        "currency per year",
        66_750,
        67_750,
    )
    assert cmp.change.net_value_per_year == pytest.approx(-1_469)
    assert cmp.change.cost_of_waiting_per_month < 0
    line_a, line_b = bottom_line(a), bottom_line(b)
    assert cmp.a.net_value_per_year == pytest.approx(line_a.net_value_per_year)
    assert cmp.b.roi == pytest.approx(line_b.roi)
    assert cmp.b.payback_months == pytest.approx(line_b.payback_months)
    assert cmp.change.roi == pytest.approx(line_b.roi - line_a.roi)
    assert cmp.change.payback_months > 0  # dearer hire, later payback


def test_compare_lists_every_difference_including_ranges() -> None:
    a = SAMPLE
    b = SAMPLE.evolve(inbound_per_day=200, answer_skills="SQL").with_range("reply_share", 0.3, 0.7)
    names = [d.name for d in compare(a, b).differences]
    assert names == ["inbound_per_day", "answer_skills", "reply_share range"]
    diff = compare(a, b).differences[-1]
    assert (diff.a, diff.b) == ((0.25, 0.6), (0.3, 0.7))


def test_comparing_a_scenario_with_itself_changes_nothing() -> None:
    never = SAMPLE.evolve(
        **{
            f"{k}_value_per_kpi": 0
            for k in ("responding", "content", "analytics", "collaboration", "community")
        },
        replacement_cost_multiplier=0,
    )
    for scenario in (SAMPLE, never):
        cmp = compare(scenario, scenario)
        assert cmp.differences == ()
        assert cmp.change.net_value_per_year == 0
        assert cmp.change.payback_months == 0  # even when both never pay back (inf)
    assert math.isinf(compare(never, never).a.payback_months)


def test_comparison_table() -> None:
    b = SAMPLE.evolve(inbound_per_day=200, answer_skills="x" * 200)
    table = comparison_table(compare(SAMPLE, b), names=("Today", "Proposal"))
    assert list(table.columns) == ["part", "unit", "Today", "Proposal", "change"]
    assert list(table.index) == [
        "Inbound messages per day",
        "How do you want to grow your own skills?",
        "Net value a year",
        "Return on investment",
        "Payback",
        "Cost of waiting a month",
    ]
    assert table.loc["Inbound messages per day", "change"] == 130
    assert table.loc["How do you want to grow your own skills?", "Proposal"].endswith("…")
    assert list(table["part"]) == ["input"] * 2 + ["bottom line"] * 4


# --- origins and evidence in the file -------------------------------------------------------


def test_origins_and_evidence_travel_in_the_file() -> None:
    from socialcase import datasets, growth, inbox
    from socialcase.provenance import Origin, Provenance
    from socialcase.travel import CarriedGrowth, CarriedInbox

    series = datasets.sample_growth_export().set_index("date")["followers"]
    frame, _ = datasets.inbox_export(days=28, messages_per_day=60, seed=3)
    stats = inbox.inbox_stats(frame)
    scenario = SAMPLE.evolve(hire_salary_per_year=70_000, inbound_per_day=60.1)
    origins = Provenance().set(["hire_salary_per_year"], Origin("typed"))
    origins = origins.set(["inbound_per_day"], Origin("measured", "inbox.csv, 28 days"))
    text = dumps(
        scenario,
        saved_at=WHEN,
        provenance=origins,
        growth=CarriedGrowth("followers.csv", "followers", series),
        inbox=CarriedInbox("inbox.csv", stats),
    )
    got = loads(text, "team.json")
    assert got.scenario == scenario and got.ignored == () and got.notes == ()
    assert got.provenance.get("hire_salary_per_year") == Origin("typed", via="team.json")
    assert got.provenance.get("inbound_per_day") == Origin(
        "measured", "inbox.csv, 28 days", "team.json"
    )
    assert got.growth is not None and got.growth.file_name == "followers.csv"
    stall = growth.detect_stall(got.growth.series)
    assert stall is not None and f"{stall.start:%Y-%m-%d}" == "2025-08-23"  # the sample's stall
    assert got.inbox is not None and got.inbox.stats.messages_total == stats.messages_total


def test_a_version_1_file_without_origins_credits_changed_values_to_the_file() -> None:
    result = load(DATA / "scenario_v1.json")
    origins = result.provenance
    assert origins.origin(result.scenario, "inbound_per_day").kind == "file"
    assert origins.origin(result.scenario, "inbound_per_day").via == "scenario_v1.json"
    # the Norwegian salary is the Norway preset's default: credited to it, not to the file
    assert origins.origin(result.scenario, "hire_salary_per_year").kind == "default"
    assert result.growth is None and result.inbox is None


@pytest.mark.parametrize(
    ("evidence", "said"),
    [
        ({"growth": {"f": "g.csv"}}, "growth series"),
        ({"inbox": [1, 2]}, "inbox statistics"),
        ([1, 2], '"evidence" in team.json was ignored'),
    ],
)
def test_damaged_evidence_in_a_file_is_named_and_the_rest_opens(evidence: Any, said: str) -> None:
    text = json.dumps(document(evidence=evidence, values={"inbound_per_day": 200}))
    got = loads(text, "team.json")
    assert got.scenario.inbound_per_day == 200
    assert any(said in note for note in got.notes)


# --- the page's language in the file ("lang") ------------------------------------------------


def test_the_language_is_saved_and_read(tmp_path: Path) -> None:
    text = dumps(SAMPLE, saved_at=WHEN, lang="nb")
    assert json.loads(text)["lang"] == "nb"
    assert list(json.loads(text))[:4] == ["format", "schema_version", "saved_at", "lang"]
    assert loads(text).lang == "nb"
    path = save(Scenario(country="NO"), tmp_path / "case.json", lang="en-GB")
    assert load(path).lang == "en"


def test_a_file_without_a_language_opens_as_before() -> None:
    text = dumps(SAMPLE, saved_at=WHEN)
    assert "lang" not in json.loads(text)
    result = loads(text)
    assert (result.lang, result.ignored) == (None, ())


@pytest.mark.parametrize("lang", ["de", 3, None, ["nb"]])
def test_an_unknown_language_in_a_file_is_ignored(lang: Any) -> None:
    result = loads(json.dumps(document(lang=lang)), "case.json")
    assert result.lang is None
    assert result.scenario == SAMPLE
    if lang is None:
        assert result.ignored == ()
    else:
        assert result.ignored == (
            f"The language {lang!r} in case.json was ignored: socialcase speaks en (English) "
            "and nb (norsk bokmål).",
        )
