"""Tests for socialcase.share (links that reproduce the case) and socialcase.ui.linkwidget."""

from __future__ import annotations

import base64
import dataclasses
import json
import time
import zlib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import scenarios

from socialcase import share
from socialcase.scenario import SCHEMA_VERSION, TEXT_MAX_CHARS, Scenario, specs
from socialcase.share import (
    MAX_PAYLOAD_BYTES,
    QUERY_KEYS,
    SHORT_KEYS,
    LinkResult,
    apply_values,
    from_query,
    join_query,
    query_from_environ,
    share_url,
    to_query,
)
from socialcase.ui.linkwidget import LONG_LINK_CHARS, LinkBar

SAMPLE = Scenario()
TEXT_FIELDS = tuple(
    name for name, spec in specs().items() if spec.kind == "text" and not spec.choices
)
ANSWERS = (
    "answer_missed_opportunity",
    "answer_skills",
    "answer_social_direction",
    "answer_business_direction",
)


def pack(payload: Any, *, raw: bytes | None = None) -> str:
    """A link payload built by hand: JSON, zlib, base64url without padding."""
    data = raw if raw is not None else json.dumps(payload).encode()
    return base64.urlsafe_b64encode(zlib.compress(data)).decode().rstrip("=")


def link(payload: Any, version: str = "1") -> str:
    return f"sc={version}&d={pack(payload)}"


def assert_lenient(result: LinkResult) -> None:
    """Every result is a valid scenario and the last-resort guard was not needed."""
    assert isinstance(result.scenario, Scenario)
    assert share._UNREADABLE not in result.ignored


# --- writing links --------------------------------------------------------------------------


def test_the_sample_case_is_just_the_version() -> None:
    assert to_query(SAMPLE) == f"sc={SCHEMA_VERSION}"
    result = from_query("sc=1")
    assert (result.scenario, result.ignored, result.applied, result.found) == (SAMPLE, (), (), True)


def test_ten_changes_make_a_short_link() -> None:
    scenario = Scenario(
        team_size=3,
        inbound_per_day=200,
        reply_share=0.45,
        hire_salary_per_year=70_000,
        actual_hours_per_week=52,
        shrinkage=0.32,
        country="NO",
        currency="NOK",
        hire_role="community_manager",
        answer_skills="Learn paid social and SQL",
    ).with_range("reply_share", 0.3, 0.7)
    query = to_query(scenario)
    assert len(query) < 300
    result = from_query(query)
    assert result.scenario == scenario
    assert result.ignored == ()
    assert set(result.applied) == {
        "team_size",
        "inbound_per_day",
        "reply_share",
        "hire_salary_per_year",
        "actual_hours_per_week",
        "shrinkage",
        "country",
        "currency",
        "hire_role",
        "answer_skills",
        "reply_share range",
    }


def test_link_keys_stay_clear_of_voila() -> None:
    query = to_query(Scenario(inbound_per_day=200), lang="nb")
    keys = [part.split("=")[0] for part in query.split("&")]
    assert keys == list(QUERY_KEYS)
    for key in QUERY_KEYS:
        assert key not in {"theme", "template", "classic-tree"}
        assert not key.startswith("voila")


def test_a_link_made_today_still_opens() -> None:
    # Written by to_query for schema version 1; keeps the format (short keys) stable.
    frozen = (
        "sc=1&d=eNqrVipTsqpWysxTsjIyMNBRKjRSslIKSMxMUSjOT85MzFHSUcooVrIyNzAAyWYUAWUhEvGJ"
        "eYk5lcUlSrU6SkUgI4qAyqIN9Ix1DPTMY2trAXp4GhE"
    )
    expected = Scenario(
        inbound_per_day=200,
        hire_salary_per_year=70_000,
        answer_skills="Paid social",
        hire_role="social_analyst",
    ).with_range("reply_share", 0.3, 0.7)
    result = from_query(frozen)
    assert result.scenario == expected
    assert result.ignored == ()


def test_short_keys_are_unique_and_name_real_inputs() -> None:
    assert len(set(SHORT_KEYS.values())) == len(SHORT_KEYS)
    assert set(SHORT_KEYS) <= set(specs())
    assert not set(SHORT_KEYS.values()) & set(specs())


@pytest.mark.parametrize(
    "text",
    [
        "Svar på alle meldinger innen fire timer — og «DM» på TikTok 🚀",
        'quotes " and \\ backslashes, & ampersands = equals ? marks # hashes',
        "line one\nline two\ttabbed",
    ],
)
def test_free_text_answers_survive_a_link(text: str) -> None:
    scenario = SAMPLE.evolve(**dict.fromkeys(ANSWERS, text))
    result = from_query(to_query(scenario))
    assert result.scenario == scenario
    assert result.ignored == ()


def test_the_largest_valid_scenario_fits_the_payload_limit() -> None:
    # Six full text fields of characters JSON escapes to 6 bytes each: the worst case.
    worst = "\x01" * TEXT_MAX_CHARS
    scenario = SAMPLE.evolve(**dict.fromkeys(TEXT_FIELDS, worst))
    assert len(json.dumps(dict.fromkeys(TEXT_FIELDS, worst))) < MAX_PAYLOAD_BYTES
    result = from_query(to_query(scenario))
    assert result.scenario == scenario
    assert result.ignored == ()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_any_valid_scenario_round_trips(scenario: Scenario) -> None:
    result = from_query(to_query(scenario))
    assert result.scenario == scenario
    assert result.ignored == ()
    changed = {name.removesuffix(" range") for name in scenario.changed_from(SAMPLE)}
    assert {name.removesuffix(" range") for name in result.applied} == changed


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=TEXT_MAX_CHARS), min_size=4, max_size=4))
def test_any_answers_round_trip(answers: list[str]) -> None:
    scenario = SAMPLE.evolve(**dict(zip(ANSWERS, answers, strict=True)))
    assert from_query(to_query(scenario)).scenario == scenario


# --- reading links leniently ------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["", "theme=dark", "template=lab&classic-tree=1", "voila-foo=1&x=%zz", "&&&=", "?"]
)
def test_a_page_without_a_scenario_gets_the_sample_case_silently(query: str) -> None:
    result = from_query(query)
    assert (result.scenario, result.ignored, result.applied, result.found) == (
        SAMPLE,
        (),
        (),
        False,
    )


def test_other_query_keys_are_left_alone() -> None:
    query = to_query(Scenario(inbound_per_day=200))
    for text in (
        f"theme=dark&{query}",
        f"{query}&theme=dark",
        f"?{query}",
        f"https://example.org/voila/render/case.ipynb?theme=dark&{query}#top",
    ):
        result = from_query(text)
        assert result.scenario.inbound_per_day == 200
        assert result.ignored == ()


def test_an_out_of_range_value_is_ignored_and_named() -> None:
    result = from_query(link({"v": {"in": -5, "rs": 0.5}}))
    assert result.scenario == SAMPLE.evolve(reply_share=0.5)
    assert result.applied == ("reply_share",)
    (sentence,) = result.ignored
    assert sentence.startswith(
        "inbound_per_day=-5 was ignored: Inbound messages per day must be between 0 and "
        "1,000,000 messages a day; you gave -5"
    )
    assert sentence.endswith("; kept 70")


@pytest.mark.parametrize(
    ("key", "value", "allowed"),
    [
        ("inbound_per_day", "lots", "must be between 0 and 1,000,000 messages a day"),
        ("inbound_per_day", True, "must be between 0 and 1,000,000"),
        ("inbound_per_day", [1, 2], "must be between 0 and 1,000,000"),
        ("inbound_per_day", None, "must be between 0 and 1,000,000"),
        ("inbound_per_day", {"x": 1}, "must be between 0 and 1,000,000"),
        ("inbound_per_day", 10**400, "must be between 0 and 1,000,000"),
        ("team_size", 2.5, "must be a whole number between 1 and 1,000 people"),
        ("reply_share", 1.5, "between 0% and 100%; you gave 1.5 (150%)"),
        ("handle_time_minutes", 0, "between 0.01667 and 1,440 minutes per message"),
        ("country", "SE", "must be one of US, NO, custom"),
        ("answer_skills", 42, "must be text of at most"),
        ("answer_skills", "x" * (TEXT_MAX_CHARS + 1), "must be text of at most"),
    ],
)
def test_a_value_of_the_wrong_kind_is_ignored_and_named(key: str, value: Any, allowed: str) -> None:
    result = from_query(link({"v": {key: value, "hs": 70_000}}))
    assert_lenient(result)
    assert result.scenario == SAMPLE.evolve(hire_salary_per_year=70_000)
    (sentence,) = result.ignored
    assert sentence.startswith(f"{key}=")
    assert allowed in sentence
    assert "kept" in sentence


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_ignored(constant: str) -> None:
    raw = b'{"v": {"in": ' + constant.encode() + b"}}"
    result = from_query(f"sc=1&d={pack(None, raw=raw)}")
    assert result.scenario == SAMPLE
    assert "inbound_per_day" in result.ignored[0]


def test_unknown_keys_are_ignored_and_named() -> None:
    result = from_query(link({"v": {"followers_on_mars": 3, "in": 150}, "x": 1}))
    assert result.scenario == SAMPLE.evolve(inbound_per_day=150)
    assert any("'followers_on_mars'" in s and "not an input" in s for s in result.ignored)
    assert any("'x'" in s for s in result.ignored)


def test_full_field_names_work_in_links_too() -> None:
    result = from_query(link({"v": {"inbound_per_day": 150}, "r": {"reply_share": [0.3, 0.5]}}))
    assert result.scenario == SAMPLE.evolve(inbound_per_day=150).with_range("reply_share", 0.3, 0.5)
    assert result.ignored == ()


def test_an_input_given_twice_is_named() -> None:
    result = from_query(link({"v": {"in": 150, "inbound_per_day": 160}}))
    assert result.scenario.inbound_per_day in (150, 160)
    assert any("appear twice" in s for s in result.ignored)
    result = apply_values({"in": 150, "inbound_per_day": 160})
    assert result.scenario.inbound_per_day == 150
    assert result.ignored == (
        "inbound_per_day=160 was ignored: inbound_per_day was given twice in the link; used 150",
    )


def test_a_change_that_breaks_a_rule_between_fields_is_ignored() -> None:
    # after-hours cover may not exceed the 48 hours actually worked
    result = from_query(link({"v": {"ac": 60, "in": 150}}))
    assert result.scenario == SAMPLE.evolve(inbound_per_day=150)
    (sentence,) = result.ignored
    assert sentence.startswith(
        "after_hours_cover_hours_per_week=60 was ignored: "
        "Of which after-hours cover per person must be at most the hours actually worked "
        "per person (50 hours a week)"
    )
    assert sentence.endswith("kept 4")


def test_changes_that_only_fit_together_are_all_applied() -> None:
    # 55 h of cover fits only once 60 h are worked; 20 h of the hire only once an activity
    # shrinks: one at a time in the wrong order each would be refused.
    values = {
        "after_hours_cover_hours_per_week": 55,
        "actual_hours_per_week": 60,
        "hire_hours_per_week": 25,  # 25 * 0.8 = 20 productive h: 4 + 6 + 4 + 3 + 3
        "hire_responding_hours_per_week": 4,
    }
    result = apply_values(values)
    assert result.scenario == SAMPLE.evolve(**values)
    assert result.ignored == ()
    # ...and when one of them cannot fit, only that one is refused.
    result = apply_values({**values, "hire_content_hours_per_week": 30})
    assert result.scenario == SAMPLE.evolve(**values)
    (sentence,) = result.ignored
    assert sentence.startswith("hire_content_hours_per_week=30 was ignored: The activities'")


@pytest.mark.parametrize(
    ("ranges", "reason"),
    [
        ({"rs": [0.9, 0.1]}, "the low end 0.9 is above the high end 0.1"),
        (
            {"rs": [0.1, 2]},
            "Share of messages that need a reply (the high end of its range) must be between 0%",
        ),
        ({"rs": [0.1]}, "a range is a pair"),
        ({"rs": "wide"}, "a range is a pair"),
        (
            {"rs": ["a", "b"]},
            "Share of messages that need a reply (the low end of its range) must be",
        ),
        ({"in": [1, 2]}, "only uncertain inputs"),
        ({"nope": [1, 2]}, "only uncertain inputs"),
    ],
)
def test_a_bad_range_is_ignored_and_named(ranges: dict[str, Any], reason: str) -> None:
    result = from_query(link({"v": {"in": 150}, "r": ranges}))
    assert result.scenario == SAMPLE.evolve(inbound_per_day=150)
    (sentence,) = result.ignored
    assert reason in sentence


def test_values_that_are_not_an_object_are_ignored() -> None:
    result = from_query(link({"v": [1, 2], "r": {"rs": [0.3, 0.5]}}))
    assert result.scenario == SAMPLE.with_range("reply_share", 0.3, 0.5)
    assert "values in the link were ignored" in result.ignored[0]


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("sc=1&d=%%%%", "damaged"),  # not base64 at all
        ("sc=1&d=abc*def", "damaged"),  # a character outside base64url
        ("sc=1&d=aGVsbG8gd29ybGQ", "damaged"),  # base64 of text, not zlib
        (f"sc=1&d={pack(None, raw=b'{not json')}", "damaged"),
        ("sc=1&d=" + pack(None, raw=bytes([0xFF, 0xFE])), "damaged"),  # not UTF-8
        (f"sc=1&d={pack(None, raw=b'[' * 100_000)}", "damaged"),  # nested too deep
        (f"sc=1&d={pack([1, 2])}", "not a set of named values"),
        (f"sc=1&d={pack('text')}", "not a set of named values"),
    ],
)
def test_a_garbled_payload_is_ignored(query: str, reason: str) -> None:
    result = from_query(query)
    assert_lenient(result)
    assert result.scenario == SAMPLE
    assert result.found
    (sentence,) = result.ignored
    assert reason in sentence
    assert "sample case" in sentence


def test_a_cut_or_extended_payload_is_ignored() -> None:
    good = to_query(Scenario(inbound_per_day=200, answer_skills="Paid social " * 10))
    for tampered in (
        good[:-6],
        good + "AAAA",
        good[:-3] + ("A" if good[-3] != "A" else "B") + good[-2:],
    ):
        result = from_query(tampered)
        assert_lenient(result)
        assert result.scenario == SAMPLE
        assert len(result.ignored) == 1


def test_a_zip_bomb_is_refused_without_unpacking_it() -> None:
    bomb = zlib.compress(b'{"v": {"q1": "' + b" " * 50_000_000 + b'"}}', 9)
    query = "sc=1&d=" + base64.urlsafe_b64encode(bomb).decode().rstrip("=")
    assert len(query) < 100_000
    started = time.perf_counter()
    result = from_query(query)
    assert time.perf_counter() - started < 1.0
    assert result.scenario == SAMPLE
    (sentence,) = result.ignored
    assert f"more than {MAX_PAYLOAD_BYTES // 1024} KiB" in sentence


def test_a_huge_link_is_refused() -> None:
    result = from_query("sc=1&d=" + "A" * (3 * MAX_PAYLOAD_BYTES))
    assert result.scenario == SAMPLE
    assert "larger than socialcase reads" in result.ignored[0]


def test_a_newer_version_is_ignored_whole() -> None:
    result = from_query(link({"v": {"in": 200}}, version=str(SCHEMA_VERSION + 1)))
    assert result.scenario == SAMPLE
    assert result.applied == ()
    (sentence,) = result.ignored
    assert f"newer socialcase (schema version {SCHEMA_VERSION + 1}" in sentence
    assert "update socialcase" in sentence


@pytest.mark.parametrize("version", ["0", "abc", "", "-1", "1.5", "99999999999999"])
def test_an_unknown_version_is_ignored_whole(version: str) -> None:
    result = from_query(link({"v": {"in": 200}}, version=version))
    assert_lenient(result)
    assert result.scenario == SAMPLE
    assert len(result.ignored) == 1
    assert "schema version" in result.ignored[0]


def test_a_payload_without_a_version_is_ignored() -> None:
    result = from_query(f"d={pack({'v': {'in': 200}})}")
    assert result.scenario == SAMPLE
    assert "no version" in result.ignored[0]


def test_an_older_version_is_migrated(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fake schema version 0 that called inbound_per_day "inbound_messages"."""

    def v0_to_v1(
        values: dict[str, Any], ranges: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        renamed = {
            ("inbound_per_day" if k == "inbound_messages" else k): v for k, v in values.items()
        }
        return renamed, ranges

    old = link({"v": {"inbound_messages": 175, "rs": 0.5}}, version="0")
    assert from_query(old).scenario == SAMPLE  # unknown until a migration exists
    monkeypatch.setitem(share.MIGRATIONS, 0, v0_to_v1)
    result = from_query(old)
    assert result.scenario == SAMPLE.evolve(inbound_per_day=175, reply_share=0.5)
    assert result.ignored == ()


def test_from_query_never_needs_its_guard_for_odd_inputs() -> None:
    odd = [
        "sc=1&sc=2&d=",
        "sc=1&d=",
        "sc=%FF&d=%FF",
        "sc=1&d=" + "=" * 10,
        "sc=\x00",
        "sc=1&d=" + pack({"v": {"in": 1e308 * 10}}),
        "#sc=1",
        "sc=１",
    ]
    for query in odd:
        assert_lenient(from_query(query))


def test_the_guard_turns_a_bug_into_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(query: str) -> LinkResult:
        raise RuntimeError("a bug")

    monkeypatch.setattr(share, "_read_query", broken)
    result = from_query("sc=1")
    assert result.scenario == SAMPLE
    assert result.ignored == (share._UNREADABLE,)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_read_without_an_exception(text: str) -> None:
    for query in (text, "sc=1&d=" + text, "sc=" + text):
        assert_lenient(from_query(query))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)
KEYS = st.sampled_from([*SHORT_KEYS.values(), *list(specs())[:10], "zz", ""])


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        JSON,
        st.fixed_dictionaries(
            {},
            optional={
                "v": st.dictionaries(KEYS, JSON, max_size=6),
                "r": st.dictionaries(KEYS, JSON, max_size=4),
            },
        ),
    )
)
def test_any_well_packed_payload_is_read_without_an_exception(payload: Any) -> None:
    result = from_query(link(payload))
    assert_lenient(result)
    for sentence in result.ignored:
        assert isinstance(sentence, str)
        assert sentence


def test_link_result_is_frozen() -> None:
    result = from_query("sc=1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.scenario = SAMPLE  # type: ignore[misc]


# --- URLs and the environment -----------------------------------------------------------


def test_share_url_keeps_the_rest_of_the_address() -> None:
    scenario = Scenario(inbound_per_day=200)
    query = to_query(scenario)
    base = "https://hub.example/voila/render/workbooks/business_case.ipynb"
    assert share_url(base, scenario) == f"{base}?{query}"
    assert share_url(f"{base}?theme=dark", scenario) == f"{base}?theme=dark&{query}"
    assert share_url(f"{base}?sc=1&d=old&theme=dark#verdict", scenario) == (
        f"{base}?theme=dark&{query}#verdict"
    )
    assert from_query(share_url(f"{base}?theme=dark", scenario)).scenario == scenario


def test_join_query_only_touches_socialcase_keys() -> None:
    assert join_query("/x?a=1&sc=1&b=%20&d=old", "sc=1") == "/x?a=1&b=%20&sc=1"
    assert join_query("", "sc=1") == "?sc=1"


def test_query_from_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    assert query_from_environ({"QUERY_STRING": "theme=dark&sc=1"}) == "theme=dark&sc=1"
    assert query_from_environ({}) == ""
    monkeypatch.delenv("QUERY_STRING", raising=False)
    assert query_from_environ() == ""
    monkeypatch.setenv("QUERY_STRING", "sc=1")
    assert query_from_environ() == "sc=1"


# --- the link bar widget ------------------------------------------------------------------


def test_link_bar_follows_the_scenario() -> None:
    bar = LinkBar()
    assert bar.query == f"sc={SCHEMA_VERSION}"
    scenario = Scenario(inbound_per_day=200)
    assert bar.show(scenario) is bar
    assert bar.query == to_query(scenario)
    assert LinkBar(scenario=scenario).query == to_query(scenario)
    bar.base_url = "http://localhost:8866/?theme=dark"
    assert bar.url == f"http://localhost:8866/?theme=dark&{to_query(scenario)}"
    assert list(bar.owned_keys) == list(QUERY_KEYS)
    assert not bar.long_link


def test_link_bar_syncs_what_the_browser_needs() -> None:
    synced = set(LinkBar().keys)
    assert {"query", "base_url", "owned_keys", "button_label", "backup", "stored_query"} <= synced
    assert "long_link" not in synced


def test_link_bar_flags_a_long_link() -> None:
    bar = LinkBar(scenario=SAMPLE.evolve(**dict.fromkeys(ANSWERS, "ab" * 1000)))
    assert not bar.long_link
    random_text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(TEXT_MAX_CHARS))
    bar.show(SAMPLE.evolve(**dict.fromkeys(ANSWERS, random_text)))
    assert len(bar.query) <= LONG_LINK_CHARS  # cut to fit, and said so
    assert bar.long_link
    assert "were cut to" in bar.notes[0]
    assert not bar.refused


def test_link_bar_offers_the_stored_scenario() -> None:
    bar = LinkBar()
    assert bar.stored_scenario() is None
    scenario = Scenario(inbound_per_day=200)
    bar.stored_query = to_query(scenario)
    assert bar.stored_scenario() == scenario
    bar.stored_query = "theme=dark"
    assert bar.stored_scenario() is None


def test_link_bar_code_is_plain_and_local() -> None:
    esm, css = LinkBar._esm, LinkBar._css
    assert isinstance(esm, str)
    assert esm.strip()
    for needed in (
        "replaceState",
        "clipboard",
        "writeText",
        "data-voila",
        "sc-copy-link",
        "sc-share-url",
        "socialcase:v1:",
        "localStorage",
        "export default",
    ):
        assert needed in esm
    for forbidden in ("http://", "https://", "fetch(", "XMLHttpRequest", "import "):
        assert forbidden not in esm
    assert ".sc-copy-link" in css
    assert "http" not in css


# --- origins and evidence travel; links stay within the budget --------------------------------

from socialcase import datasets, growth, inbox  # noqa: E402
from socialcase.provenance import Origin, Provenance  # noqa: E402
from socialcase.share import (  # noqa: E402
    LINK_BUDGET_CHARS,
    QUERY_BUDGET_CHARS,
    LinkTooLongError,
    build_link,
)
from socialcase.travel import CarriedGrowth, CarriedInbox  # noqa: E402


def own_growth(days: int = 365, seed: int = 7) -> CarriedGrowth:
    """A year of daily followers with noise (harder to compress than the sample's)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    steps = np.where(np.arange(days) < days * 0.6, 40, 4) + rng.integers(-15, 16, days)
    series = pd.Series(
        (10_000 + np.cumsum(steps)).astype(float),
        index=pd.date_range("2024-01-01", periods=days, name="date").as_unit("us"),
        name="followers",
    )
    return CarriedGrowth("growth export.csv", "followers", series, "Meta Business Suite", "daily")


def own_inbox() -> CarriedInbox:
    frame, _ = datasets.inbox_export(days=28, messages_per_day=60, seed=3)
    return CarriedInbox("inbox.csv", inbox.inbox_stats(frame))


def test_the_growth_series_and_inbox_statistics_travel_in_the_link() -> None:
    g, i = own_growth(), own_inbox()
    result = from_query(to_query(SAMPLE, growth=g, inbox=i))
    assert result.growth is not None and result.inbox is not None
    assert result.growth.series.equals(g.series)
    assert result.growth.file_name == "growth export.csv"
    sent, got = growth.detect_stall(g.series), growth.detect_stall(result.growth.series)
    assert sent is not None and got is not None and got.start == sent.start
    assert result.inbox.stats.messages_per_day == i.stats.messages_per_day
    assert result.inbox.stats.share_answered == i.stats.share_answered
    assert result.inbox.stats.response_hours_p50 == i.stats.response_hours_p50
    assert result.inbox.stats.hour_of_week.equals(i.stats.hour_of_week)
    assert result.ignored == () and result.notes == ()


def test_a_year_of_daily_values_is_about_a_kilobyte_in_the_link() -> None:
    with_series = len(to_query(SAMPLE, growth=own_growth()))
    assert with_series < 1_500  # the estimate: a year of daily values is about 1 KB


def test_origins_travel_and_a_value_without_one_came_in_the_link() -> None:
    scenario = SAMPLE.evolve(hire_salary_per_year=70_000, inbound_per_day=59.3, team_size=4)
    origins = Provenance().set(["hire_salary_per_year"], Origin("typed"))
    origins = origins.set(["inbound_per_day"], Origin("measured", "inbox.csv, 28 days"))
    result = from_query(to_query(scenario, provenance=origins))
    got = result.provenance.as_dict()
    assert got["hire_salary_per_year"] == Origin("typed", via="the link")
    assert got["inbound_per_day"] == Origin("measured", "inbox.csv, 28 days", "the link")
    assert got["team_size"].kind == "link"  # sent without a recorded origin
    assert "reply_share" not in got  # defaults need no record


def test_an_old_link_still_opens_with_every_value_from_the_link() -> None:
    old = "sc=1&d=" + pack({"v": {"in": 200, "hs": 70000}})
    result = from_query(old)
    assert result.scenario.inbound_per_day == 200 and result.ignored == ()
    assert {k: o.kind for k, o in result.provenance.origins} == {
        "hire_salary_per_year": "link",
        "inbound_per_day": "link",
    }
    assert result.growth is None and result.inbox is None


def _worst_case() -> tuple[Scenario, Provenance]:
    """Every input away from its default, six full incompressible texts, every origin long."""
    import random

    rng = random.Random(1)

    def text() -> str:
        return "".join(chr(rng.randrange(0x4E00, 0x9FFF)) for _ in range(TEXT_MAX_CHARS))

    changes: dict[str, Any] = {name: text() for name in TEXT_FIELDS if name != "currency"}
    changes["currency"] = "ABC"
    for name, spec in specs().items():
        if spec.kind in ("number", "integer") and name not in changes:
            value = getattr(SAMPLE, name)
            changes[name] = value * 0.987654321 if spec.kind == "number" else value + 1
    scenario = SAMPLE
    for name, value in changes.items():  # one at a time: keep the rules between fields
        try:
            scenario = scenario.evolve(**{name: value})
        except Exception:
            continue
    measured = Origin("measured", "x" * 200 + ", 28 days")
    return scenario, Provenance().set(scenario.changed_from(SAMPLE), measured)


def test_the_worst_case_link_stays_within_the_budget_and_says_what_it_left_out() -> None:
    scenario, origins = _worst_case()
    g = own_growth(days=3_650)  # ten years of daily values
    link = build_link(scenario, provenance=origins, growth=g, inbox=own_inbox())
    whole = len(to_query(scenario, provenance=origins, growth=g, inbox=own_inbox()))
    print(f"worst case: {whole:,} characters in full, {len(link.query):,} sent")
    assert whole > 5 * QUERY_BUDGET_CHARS
    assert len(link.query) <= QUERY_BUDGET_CHARS
    assert (
        len(
            "https://hub.mybinder.turing.ac.uk/user/owner-repo-abcdefgh/voila/render/"
            "workbooks/business_case.ipynb?" + link.query
        )
        <= LINK_BUDGET_CHARS
    )
    assert not link.complete
    assert any("were cut to" in n for n in link.notes)
    assert any("Save the scenario file" in n for n in link.notes)
    got = from_query(link.query)
    assert got.ignored == ()
    assert any("cut short to fit in the link" in n for n in got.notes)


def test_evidence_that_does_not_fit_is_left_out_and_the_recipient_is_told() -> None:
    g = own_growth(days=3_650)
    link = build_link(SAMPLE, growth=g, inbox=own_inbox(), budget=3_000)
    assert len(link.query) <= 3_000
    assert any("leaves out the growth series of growth export.csv" in n for n in link.notes)
    got = from_query(link.query)
    assert got.growth is None and got.inbox is not None
    assert any("did not fit in the link" in n and "growth export.csv" in n for n in got.notes)


def test_a_link_that_cannot_fit_at_all_is_refused_with_the_file_offered() -> None:
    scenario, origins = _worst_case()
    with pytest.raises(LinkTooLongError, match="save the scenario file"):
        build_link(scenario, provenance=origins, budget=500)


def test_a_link_bar_refuses_a_case_that_cannot_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    import socialcase.ui.linkwidget as lw

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise LinkTooLongError("This case does not fit: save the scenario file.")

    monkeypatch.setattr(lw, "build_link", refuse)
    bar = LinkBar(scenario=SAMPLE.evolve(inbound_per_day=200))
    assert bar.refused and bar.long_link
    assert from_query(bar.query).scenario.inbound_per_day == 200  # the page still reloads


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_any_valid_scenario_gets_a_link_within_the_budget(scenario: Scenario) -> None:
    link = build_link(scenario)
    assert len(link.query) <= QUERY_BUDGET_CHARS
    got = from_query(link.query)
    assert got.ignored == ()
    if link.complete:
        assert got.scenario == scenario


# --- tampered links: read leniently, always the sample case or a valid one with a notice ------

_GOOD_G = {
    "f": "g.csv",
    "m": "followers",
    "t0": "2025-01-01",
    "dt": [[1, 2]],
    "k": 0,
    "x": [1, 2, 3],
}


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("sc=1&d=" + base64.urlsafe_b64encode(bytes(range(256)) * 4).decode(), "damaged"),
        ("sc=1&d=" + "A" * 5_000, "damaged"),
        ("sc=one&d=" + pack({"v": {"in": 200}}), "does not know"),
        ("sc=99&d=" + pack({"v": {"in": 200}}), "newer socialcase"),
        ("sc=-1&d=" + pack({"v": {"in": 200}}), "does not know"),
        ("d=" + pack({"v": {"in": 200}}), "no version"),
        ("sc=1&d=" + pack([1, 2, 3]), "not a set of named values"),
        ("sc=1&d=" + pack({"v": [1, 2]}), "must be a JSON object"),
        ("sc=1&d=" + pack({"v": {"in": "lots"}}), "inbound_per_day"),
        ("sc=1&d=" + pack({"v": {"in": 1e400}}), "you gave inf"),
        ("sc=1&d=" + pack({"v": {"hs": True}}), "hire_salary_per_year"),
        ("sc=1&d=" + pack({"r": {"rs": [0.9, 0.1]}}), "above the high end"),
        ("sc=1&d=" + pack({"p": {"hs": ["t"]}, "v": {}}), ""),
        ("sc=1&d=" + pack({"v": {"hs": 70000}, "p": {"hs": "typed"}}), "could not be read"),
        ("sc=1&d=" + pack({"v": {"hs": 70000}, "p": [1]}), "could not be read"),
        ("sc=1&d=" + pack({"g": "not a series"}), "growth series"),
        ("sc=1&d=" + pack({"g": {**_GOOD_G, "dt": [[1, 10**9]]}}), "growth series"),
        ("sc=1&d=" + pack({"g": {**_GOOD_G, "x": [1, 2, 10**30]}}), "growth series"),
        ("sc=1&d=" + pack({"g": {**_GOOD_G, "t0": "yesterday"}}), "growth series"),
        ("sc=1&d=" + pack({"g": {**_GOOD_G, "k": 99}}), "growth series"),
        ("sc=1&d=" + pack({"g": {**_GOOD_G, "dt": [[0, 2]]}}), "growth series"),
        ("sc=1&d=" + pack({"i": {"f": "i.csv", "n": 5, "d": 1, "a": "2025-01-01"}}), "inbox"),
        (
            "sc=1&d="
            + pack(
                {
                    "i": {
                        "f": "i.csv",
                        "n": -5,
                        "d": 1,
                        "a": "2025-01-01",
                        "h": [0] * 168,
                        "q": [None] * 4,
                    }
                }
            ),
            "inbox",
        ),
        ("sc=1&d=" + pack({"gx": "<img src=x onerror=alert(1)>"}), "did not fit"),
        ("sc=1&d=" + pack({"tc": ["q1", 5, None]}), "cut short"),
        ("sc=1&d=" + pack({"zz": 1}), "not a part socialcase knows"),
    ],
)
def test_a_tampered_link_gives_a_valid_case_and_a_notice(query: str, expect: str) -> None:
    result = from_query(query)
    assert_lenient(result)
    said = " ".join((*result.ignored, *result.notes))
    assert expect in said
    if expect:
        assert said  # never silent


def test_the_good_growth_part_used_by_the_tampered_cases_is_itself_readable() -> None:
    result = from_query("sc=1&d=" + pack({"g": _GOOD_G}))
    assert result.growth is not None and list(result.growth.series) == [1.0, 3.0, 6.0]


# --- the page's language in the link (lang=nb|en) ------------------------------------------


def test_the_language_travels_in_the_link() -> None:
    case = Scenario(inbound_per_day=200, country="NO")
    query = to_query(case, lang="nb")
    assert query.startswith("sc=2&lang=nb&d=")
    result = from_query(query)
    assert result.lang == "nb"
    assert result.scenario == case
    assert result.ignored == ()
    assert from_query(to_query(case, lang="en")).lang == "en"


def test_a_link_without_a_language_opens_as_before() -> None:
    # Written by to_query before links carried a language.
    result = from_query(to_query(Scenario(inbound_per_day=200)))
    assert result.lang is None
    assert result.scenario.inbound_per_day == 200
    assert from_query("sc=1").lang is None


def test_a_language_alone_is_no_scenario() -> None:
    result = from_query("lang=nb")
    assert (result.lang, result.found, result.scenario, result.ignored) == (
        "nb",
        False,
        SAMPLE,
        (),
    )


@pytest.mark.parametrize(
    ("typed", "lang"), [("NB", "nb"), ("nb-NO", "nb"), ("no", "nb"), ("en_US", "en")]
)
def test_a_language_is_read_leniently(typed: str, lang: str) -> None:
    assert from_query(f"sc=2&lang={typed}").lang == lang


@pytest.mark.parametrize("typed", ["de", "", "<script>", "n" * 500])
def test_an_unknown_language_is_ignored_and_the_case_still_opens(typed: str) -> None:
    query = to_query(Scenario(inbound_per_day=200)).replace("sc=2", f"sc=2&lang={typed}")
    result = from_query(query)
    assert result.lang is None
    assert result.scenario.inbound_per_day == 200
    assert len(result.ignored) == 1
    assert "was ignored: socialcase speaks en (English) and nb (norsk bokmål)" in result.ignored[0]
    assert len(result.ignored[0]) < 200


def test_the_language_is_written_normalised_and_an_unknown_one_is_refused() -> None:
    assert to_query(SAMPLE, lang="nb_NO") == "sc=2&lang=nb"
    with pytest.raises(ValueError, match="socialcase speaks"):
        to_query(SAMPLE, lang="de")


def test_voilas_keys_stay_when_the_language_changes() -> None:
    url = "https://example.org/voila/render/case.ipynb?theme=dark&lang=en&sc=2#top"
    assert share_url(url, SAMPLE, lang="nb") == (
        "https://example.org/voila/render/case.ipynb?theme=dark&sc=2&lang=nb#top"
    )
    assert share.merge_query("lang=en&theme=dark&template=x", "sc=2&lang=nb") == (
        "theme=dark&template=x&sc=2&lang=nb"
    )


def test_a_link_with_its_language_stays_within_the_budget() -> None:
    case = Scenario(**{name: "å" * TEXT_MAX_CHARS for name in ANSWERS})
    link = share.build_link(case, lang="nb")
    assert len(link.query) <= share.QUERY_BUDGET_CHARS
    assert "&lang=nb&" in link.query
    assert from_query(link.query).lang == "nb"
