"""Share the case (step 10): a link that reproduces the whole scenario.

`to_query` writes every input that differs from the sample case (and every
changed low/high range) into a short, versioned query string; `from_query`
reads one back leniently: whatever it cannot use is ignored and said so, and
the rest is applied. Saved scenario files (`socialcase.files`) share
`read_values`, so a link and a file follow the same policy.

Query format, schema version 1::

    sc=1&lang=nb&d=<payload>

``sc`` is the schema version; ``lang`` (optional) the page's language, ``nb``
or ``en``, as the sender chose it; ``d`` is ``base64url(zlib(JSON))`` without
padding, the JSON being ``{"v": {key: value}, "r": {key: [low, high]}}`` with
each field under its short key (`SHORT_KEYS`) or its full name. The sample case
is just ``sc=1``. Optional parts, all read leniently: ``"p"`` and ``"q"`` the
origin of each value and range (`socialcase.provenance`), ``"g"`` the growth
series and ``"i"`` the inbox statistics the uploads produced
(`socialcase.travel`), ``"gx"`` / ``"ix"`` the file names of evidence that did
not fit, ``"tc"`` the texts that were cut to fit.

Links a person sends are kept within `LINK_BUDGET_CHARS` by `build_link`:
long texts are cut (and said so), then evidence that does not fit is left out
(and the recipient is told), and only then is the link refused.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import math
import os
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote_plus, urlsplit, urlunsplit

from socialcase.errors import InputError
from socialcase.i18n import normalise_language
from socialcase.provenance import Origin, Provenance
from socialcase.scenario import SCHEMA_VERSION, Scenario, check_value, specs, upgrade_v1

if TYPE_CHECKING:
    from socialcase.travel import CarriedGrowth, CarriedInbox

__all__ = [
    "LINK_BUDGET_CHARS",
    "MAX_PAYLOAD_BYTES",
    "MIGRATIONS",
    "QUERY_BUDGET_CHARS",
    "QUERY_KEYS",
    "SHORT_KEYS",
    "Applied",
    "LinkResult",
    "LinkTooLongError",
    "SharedLink",
    "apply_values",
    "build_link",
    "from_query",
    "join_query",
    "merge_query",
    "query_from_environ",
    "read_evidence",
    "read_language",
    "read_values",
    "share_url",
    "to_query",
]

_log = logging.getLogger(__name__)

VERSION_KEY = "sc"
LANGUAGE_KEY = "lang"
PAYLOAD_KEY = "d"
QUERY_KEYS = (VERSION_KEY, LANGUAGE_KEY, PAYLOAD_KEY)
"""The query keys socialcase owns, in the order it writes them (``sc`` first); every
other key (Voila's ``theme``...) is left alone."""

MAX_PAYLOAD_BYTES = 256 * 1024
"""Largest decompressed payload read (a guard against zip bombs).

The largest valid scenario (six text fields of 4,000 characters, each JSON-escaped
to at most 6 bytes) is about 150 KB, so every valid scenario fits.
"""
_MAX_ENCODED_CHARS = 2 * MAX_PAYLOAD_BYTES

LINK_BUDGET_CHARS = 8000
"""The longest link `build_link` writes, address included.

RFC 9110 (section 4.1) asks every sender and recipient to support URIs of at least
8,000 octets; Chromium, Firefox and Safari accept far longer ones, but proxies,
e-mail clients and chat tools cut or refuse long links unevenly, and the tornado
server under Voila refuses request heads above 64 KiB. 8,000 is the length every
party is expected to carry.
"""
QUERY_BUDGET_CHARS = LINK_BUDGET_CHARS - 500
"""The query's share of the budget: 500 characters are left for the page's address
(a Binder address is about 130) and query keys of others (``theme=dark``)."""
MIN_TEXT_CHARS = 100
"""Free text is never cut shorter than this to make a link fit."""

# Short link keys. They are part of the link format: never reuse or change a key.
# When a field is renamed, keep its short key and point it at the new name. A field
# without a short key is written under its full name, which links read as well.
SHORT_KEYS: dict[str, str] = {
    "team_size": "ts",
    "team_salary_per_year": "tsal",
    "contracted_hours_per_week": "ch",
    "actual_hours_per_week": "ah",
    "after_hours_cover_hours_per_week": "ac",
    "country": "co",
    "currency": "cu",
    "team_roles": "tr",
    "value_per_follower": "vf",
    "inbound_per_day": "in",
    "reply_share": "rs",
    "handle_time_minutes": "ht",
    "team_engagement_hours_per_day": "eh",
    "staffed_days_per_week": "sd",
    "reply_target_hours": "rt",
    "reply_target_share": "rts",
    "chat_messages_per_hour": "cm",
    "chat_target_answer_seconds": "ca",
    "chat_service_level": "cs",
    "chat_concurrency": "cc",
    "max_occupancy": "mo",
    "shrinkage": "sh",
    "team_content_hours_per_week": "tc",
    "team_reporting_hours_per_week": "trp",
    "team_meetings_admin_hours_per_week": "tm",
    "strategic_hours_wanted_per_week": "sw",
    "answer_missed_opportunity": "q1",
    "answer_skills": "q2",
    "answer_social_direction": "q3",
    "answer_business_direction": "q4",
    "hire_hours_per_week": "hh",
    "hire_responding_hours_per_week": "1h",
    "responding_kpi_per_output": "1k",
    "responding_value_per_kpi": "1v",
    "hire_content_hours_per_week": "2h",
    "content_output_per_hour": "2o",
    "content_kpi_per_output": "2k",
    "content_value_per_kpi": "2v",
    "hire_analytics_hours_per_week": "3h",
    "analytics_output_per_hour": "3o",
    "analytics_kpi_per_output": "3k",
    "analytics_value_per_kpi": "3v",
    "hire_collaboration_hours_per_week": "4h",
    "collaboration_output_per_hour": "4o",
    "collaboration_kpi_per_output": "4k",
    "collaboration_value_per_kpi": "4v",
    "hire_community_hours_per_week": "5h",
    "community_output_per_hour": "5o",
    "community_kpi_per_output": "5k",
    "community_value_per_kpi": "5v",
    "working_weeks_per_year": "ww",
    "replacement_cost_multiplier": "rc",
    "baseline_turnover_per_year": "bt",
    "overtime_attrition_elasticity": "oe",
    "hire_salary_per_year": "hs",
    "benefits_load_share": "bl",
    "no_employer_tax_share": "nt",
    "no_holiday_pay_share": "nh",
    "no_pension_share": "np",
    "no_basic_amount": "ng",
    "custom_employer_cost_share": "ce",
    "equipment_cost": "eq",
    "tools_cost_per_year": "to",
    "recruiting_cost": "rec",
    "time_to_fill_days": "tf",
    "ramp_up_weeks": "ru",
    "hire_role": "hr",
}
_NAME_OF_SHORT = {short: name for name, short in SHORT_KEYS.items()}
_SPECS = specs()

Migration = Callable[[dict[str, Any], dict[str, Any]], tuple[dict[str, Any], dict[str, Any]]]
MIGRATIONS: dict[int, Migration] = {1: upgrade_v1}
"""``MIGRATIONS[n]`` turns the (values, ranges) of schema version n into version n + 1.

Both mappings arrive keyed by full field names (short link keys are resolved
first). Schema version 1 is the first; when version 2 renames ``old`` to ``new``::

    def _v1_to_v2(values, ranges):
        values = {("new" if k == "old" else k): v for k, v in values.items()}
        return values, ranges

    MIGRATIONS[1] = _v1_to_v2
"""

_UNREADABLE = "The link could not be read, so the sample case is shown"


_NO_ORIGINS = Provenance()


@dataclass(frozen=True)
class Applied:
    """A scenario built leniently, with what was applied and what was ignored and why.

    `provenance` holds where each applied value came from; `growth` and `inbox`
    the evidence that travelled with it (None when none did); `notes` say what
    the sender cut or left out to fit a link; `lang` the page language it
    carried ("nb" or "en"; None when it carried none).
    """

    scenario: Scenario
    ignored: tuple[str, ...] = ()  # human sentences: what was ignored and why
    applied: tuple[str, ...] = ()  # field names; a range appears as "<field> range"
    provenance: Provenance = _NO_ORIGINS
    growth: CarriedGrowth | None = None
    inbox: CarriedInbox | None = None
    notes: tuple[str, ...] = ()
    lang: str | None = None


@dataclass(frozen=True)
class LinkResult(Applied):
    """What a link (query string) gave: always a valid scenario.

    `found` is true when the query carried a socialcase scenario at all.
    """

    found: bool = False


# --- writing ----------------------------------------------------------------------------


def compact_number(value: Any) -> Any:
    """A whole float as an int (129.0 -> 129): shorter JSON that reads back equal.

    A tuple of numbers (an arrival profile) becomes a list of them, each made compact.
    """
    if isinstance(value, tuple):
        return [compact_number(x) for x in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value


def _json_bytes(data: Any) -> bytes:
    """Compact UTF-8 JSON; escaped ASCII if some text cannot be encoded (lone surrogates)."""
    try:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, separators=(",", ":")).encode("ascii")


def _short(key: str) -> str:
    if key.endswith(" range"):
        return SHORT_KEYS.get(key.removesuffix(" range"), key.removesuffix(" range"))
    return SHORT_KEYS.get(key, key)


def _changes(scenario: Scenario, provenance: Provenance | None = None) -> dict[str, Any]:
    sample = Scenario()
    values = {
        SHORT_KEYS.get(name, name): compact_number(value)
        for name, value in scenario.values().items()
        if value != getattr(sample, name)
    }
    default_ranges = dict(sample.ranges)
    ranges = {
        SHORT_KEYS.get(name, name): [compact_number(low), compact_number(high)]
        for name, (low, high) in scenario.ranges
        if default_ranges.get(name) != (low, high)
    }
    payload: dict[str, Any] = {}
    if values:
        payload["v"] = values
    if ranges:
        payload["r"] = ranges
    if provenance is not None:
        codes = provenance.codes()
        origins = {_short(k): c for k, c in codes.items() if not k.endswith(" range")}
        range_origins = {_short(k): c for k, c in codes.items() if k.endswith(" range")}
        if origins:
            payload["p"] = origins
        if range_origins:
            payload["q"] = range_origins
    return payload


def _evidence(
    growth: CarriedGrowth | None, inbox: CarriedInbox | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The packed growth and inbox parts, and the "left out" markers to use instead."""
    parts: dict[str, Any] = {}
    markers: dict[str, Any] = {}
    if growth is None and inbox is None:
        return parts, markers
    from socialcase import travel  # lazy: pandas only when evidence travels

    if growth is not None:
        parts["g"] = travel.pack_growth(
            growth.file_name,
            growth.metric,
            growth.series,
            **{"as": growth.recognised_as, "fr": growth.frequency},
        )
        markers["gx"] = growth.file_name[:200]
    if inbox is not None:
        parts["i"] = travel.pack_inbox(inbox.file_name, inbox.stats)
        markers["ix"] = inbox.file_name[:200]
    return parts, markers


def _pack(payload: Mapping[str, Any], lang: str | None = None) -> str:
    head = f"{VERSION_KEY}={SCHEMA_VERSION}"
    if lang is not None:
        head += f"&{LANGUAGE_KEY}={normalise_language(lang)}"
    if not payload:
        return head
    packed = base64.urlsafe_b64encode(zlib.compress(_json_bytes(payload), 9))
    return f"{head}&{PAYLOAD_KEY}={packed.decode('ascii').rstrip('=')}"


def to_query(
    scenario: Scenario,
    *,
    provenance: Provenance | None = None,
    growth: CarriedGrowth | None = None,
    inbox: CarriedInbox | None = None,
    lang: str | None = None,
) -> str:
    """The query string that reproduces `scenario`: only what differs from the sample case.

    With `provenance`, `growth` or `inbox`, those travel too; with `lang` ("nb",
    "en"), the page's language. No length budget: `build_link` keeps a link a
    person sends within `LINK_BUDGET_CHARS`.

    >>> to_query(Scenario()), to_query(Scenario(), lang="nb")
    ('sc=2', 'sc=2&lang=nb')
    >>> q = to_query(Scenario(inbound_per_day=200))
    >>> q.startswith("sc=2&d="), from_query(q).scenario.inbound_per_day
    (True, 200.0)
    """
    payload = _changes(scenario, provenance)
    parts, _ = _evidence(growth, inbox)
    return _pack({**payload, **parts}, lang)


class LinkTooLongError(ValueError):
    """Even with texts cut and evidence left out, the case does not fit in a link."""


@dataclass(frozen=True)
class SharedLink:
    """A link's query within the budget, and what was cut or left out to fit (for the sender)."""

    query: str
    notes: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.notes


def _cut_texts(payload: dict[str, Any], limit: int) -> tuple[dict[str, Any], list[str]]:
    """`payload` with every free text longer than `limit` cut to `limit` characters."""
    values = dict(payload.get("v", {}))
    cut: list[str] = []
    for key, value in values.items():
        name = _resolve(key)
        if isinstance(value, str) and name and _SPECS[name].kind == "text" and len(value) > limit:
            values[key] = value[: max(limit - 1, 0)] + "…"
            cut.append(key)
    if not cut:
        return payload, []
    out = {**payload, "v": values, "tc": cut}
    return out, [_NAME_OF_SHORT.get(k, k) for k in cut]


def _fit_texts(
    payload: dict[str, Any], budget: int, lang: str | None = None
) -> tuple[str, list[str], int] | None:
    """The query with free texts cut as little as needed to fit `budget`, or None."""
    whole = _pack(payload, lang)
    if len(whole) <= budget:
        return whole, [], 0
    texts = [v for v in payload.get("v", {}).values() if isinstance(v, str)]
    longest = max((len(t) for t in texts), default=0)
    if longest <= MIN_TEXT_CHARS:
        return None
    low, high = MIN_TEXT_CHARS, longest - 1  # the longest limit that fits lies in [low, high]
    best: tuple[str, list[str], int] | None = None
    while low <= high:
        limit = (low + high) // 2
        cut_payload, cut = _cut_texts(payload, limit)
        query = _pack(cut_payload, lang)
        if len(query) <= budget:
            best, low = (query, cut, limit), limit + 1
        else:
            high = limit - 1
    return best


def build_link(
    scenario: Scenario,
    *,
    provenance: Provenance | None = None,
    growth: CarriedGrowth | None = None,
    inbox: CarriedInbox | None = None,
    budget: int = QUERY_BUDGET_CHARS,
    lang: str | None = None,
) -> SharedLink:
    """The query of a link to send, at most `budget` characters long (with `lang`, if given).

    Everything travels when it fits. Otherwise free texts are cut (never below
    `MIN_TEXT_CHARS`), then the growth series and then the inbox statistics are
    left out (the recipient is told which file is missing); `notes` tell the
    sender and offer the scenario file. Raises `LinkTooLongError` when even that
    does not fit.

    >>> build_link(Scenario()).query
    'sc=2'
    >>> varied = "".join(chr(0x4E00 + i * 7919 % 20000) for i in range(4000))
    >>> link = build_link(Scenario(answer_skills=varied))
    >>> len(link.query) <= QUERY_BUDGET_CHARS
    True
    >>> link.notes[0]
    'How do you want to grow your own skills? was cut to 2,545 characters to fit in the link.'

    """
    base = _changes(scenario, provenance)
    parts, markers = _evidence(growth, inbox)
    left_out: list[str] = []
    attempts: list[tuple[dict[str, Any], list[str]]] = [(base | parts, [])]
    if "g" in parts:
        attempts.append(
            (base | {k: v for k, v in parts.items() if k != "g"} | {"gx": markers["gx"]}, ["g"])
        )
    if "i" in parts:
        attempts.append((base | {k: v for k, v in markers.items()}, [*parts]))
    for payload, dropped in attempts:
        fitted = _fit_texts(payload, budget, lang)
        if fitted is None:
            continue
        query, cut, limit = fitted
        notes: list[str] = []
        if cut:
            labels = " and ".join(_SPECS[n].label for n in cut)
            notes.append(
                f"{labels} {'was' if len(cut) == 1 else 'were'} cut to {limit:,} characters to "
                f"fit in the link."
            )
        for part in dropped:
            left_out.append(
                f"the growth series of {growth.file_name}"  # type: ignore[union-attr]
                if part == "g"
                else f"the inbox statistics of {inbox.file_name}"  # type: ignore[union-attr]
            )
        if left_out:
            notes.append(
                f"The link leaves out {' and '.join(left_out)}: it does not fit in a link "
                f"of {LINK_BUDGET_CHARS:,} characters."
            )
        if notes:
            notes.append("Save the scenario file and send it to share everything.")
        return SharedLink(query, tuple(notes))
    raise LinkTooLongError(
        f"This case does not fit in a link of {LINK_BUDGET_CHARS:,} characters, even with "
        "long answers cut: save the scenario file and send it instead."
    )


def _key_of(part: str) -> str:
    return unquote_plus(part.split("=", 1)[0])


def merge_query(existing: str, query: str) -> str:
    """`existing` without socialcase's keys, then `query`; other keys keep their bytes.

    >>> merge_query("theme=dark&sc=1&d=abc", "sc=1&d=xyz")
    'theme=dark&sc=1&d=xyz'
    """
    kept = [p for p in existing.split("&") if p and _key_of(p) not in QUERY_KEYS]
    return "&".join([*kept, *([query] if query else [])])


def share_url(base_url: str, scenario: Scenario, *, lang: str | None = None) -> str:
    """`base_url` with the scenario's query; its other query keys and fragment are kept.

    >>> share_url("https://example.org/voila/render/case.ipynb?theme=dark", Scenario())
    'https://example.org/voila/render/case.ipynb?theme=dark&sc=2'
    >>> share_url("/case.ipynb?lang=en", Scenario(), lang="nb")
    '/case.ipynb?sc=2&lang=nb'
    """
    return join_query(base_url, to_query(scenario, lang=lang))


def join_query(base_url: str, query: str) -> str:
    """`base_url` with socialcase's keys replaced by `query`; the rest of it is kept.

    >>> join_query("/voila/render/case.ipynb?sc=1&d=old#top", "sc=1&d=new")
    '/voila/render/case.ipynb?sc=1&d=new#top'
    """
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(query=merge_query(parts.query, query)))


def query_from_environ(environ: Mapping[str, str] | None = None) -> str:
    """The page's query string inside Voila (``QUERY_STRING``); "" in JupyterLab or nbmake.

    With preheated kernels call ``voila.utils.wait_for_request()`` first.

    >>> query_from_environ({"QUERY_STRING": "sc=1"})
    'sc=1'
    >>> query_from_environ({})
    ''
    """
    env = os.environ if environ is None else environ
    value = env.get("QUERY_STRING", "")
    return value if isinstance(value, str) else ""


# --- applying values leniently ------------------------------------------------------------


def _show(value: Any, limit: int = 60) -> str:
    """A value as a user would write it, shortened for a message."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        text = str(int(value)) if abs(value) < 1e16 else f"{value:g}"
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**16:
        text = "a number too large to use"
    elif isinstance(value, str):
        text = repr(value if len(value) <= limit else value[:limit] + "...")
    elif value == ():  # an arrival profile left empty
        text = "an even spread"
    elif isinstance(value, tuple) and len(value) > 8:  # an arrival profile's hourly values
        text = f"{len(value)} hourly values"
    else:
        text = repr(value)
        if len(text) > limit:
            text = text[:limit] + "..."
    return text


def _cap(what: str) -> str:
    return "The" + what[3:] if what.startswith("the ") else what


def _resolve(key: Any) -> str | None:
    if not isinstance(key, str):
        return None
    if key in _SPECS:
        return key
    name = _NAME_OF_SHORT.get(key)
    return name if name in _SPECS else None


def _first_error(name: str, value: Any) -> str | None:
    """Why `value` cannot be `name`'s value on its own (type, bounds), or None."""
    try:
        check_value(name, _SPECS[name], _number_or_same(value))
    except InputError as err:
        return str(err)
    return None


def _number_or_same(value: Any) -> Any:
    # ints too large for a float are refused by the caller's messages, not by OverflowError
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            return math.inf
    return value


def _range_pair(name: str, pair: Any) -> tuple[tuple[float, float] | None, str]:
    if not isinstance(pair, list | tuple) or len(pair) != 2:
        return None, f"{name}: a range is a pair [low, high]: got {_show(pair)}"
    low, high = (_number_or_same(x) for x in pair)
    spec = _SPECS[name]
    for end, x in (("low", low), ("high", high)):
        try:
            check_value(name, spec, x, end=end)
        except InputError as err:
            return None, str(err)
    if low > high:
        return None, f"{name}: the low end {low:g} is above the high end {high:g}"
    return (float(low), float(high)), ""


def _evolve(scenario: Scenario, **changes: Any) -> tuple[Scenario | None, str]:
    try:
        return scenario.evolve(**changes), ""
    except (InputError, TypeError, ValueError, OverflowError) as err:
        return None, str(err)


def apply_values(
    values: Mapping[Any, Any],
    ranges: Mapping[Any, Any] | None = None,
    *,
    base: Scenario | None = None,
    what: str = "the link",
) -> Applied:
    """Apply named `values` and `ranges` onto `base` (the sample case) field by field.

    Keys are full field names or short link keys. A value of the wrong type or out
    of bounds, an unknown key, or a change that breaks a rule between fields
    (after-hours cover above the hours worked, activity hours above the hire's
    hours) is ignored, and `ignored` says which and why; everything else is applied.

    >>> r = apply_values({"inbound_per_day": -5, "reply_share": 0.5})
    >>> r.scenario.inbound_per_day, r.scenario.reply_share, r.applied
    (70.0, 0.5, ('reply_share',))
    >>> print(r.ignored[0])  # doctest: +ELLIPSIS
    inbound_per_day=-5 was ignored: Inbound messages per day must be between 0 and ...; kept 70
    """
    start = base if base is not None else Scenario()
    ranges = ranges or {}
    ignored: list[str] = []
    order = list(_SPECS)
    good: dict[str, Any] = {}
    for key, value in values.items():
        name = _resolve(key)
        if name is None:
            ignored.append(
                f"{_show(key)} in {what} was ignored: it is not an input of "
                f"this version of socialcase"
            )
            continue
        if name in good:
            ignored.append(
                f"{name}={_show(value)} was ignored: {name} was given twice "
                f"in {what}; used {_show(good[name])}"
            )
            continue
        problem = _first_error(name, value)
        if problem:
            ignored.append(
                f"{name}={_show(value)} was ignored: {problem}; kept {_show(getattr(start, name))}"
            )
            continue
        good[name] = _number_or_same(value)

    good_ranges: dict[str, tuple[float, float]] = {}
    for key, pair in ranges.items():
        name = _resolve(key)
        if name is None or not _SPECS[name].uncertain:
            ignored.append(
                f"the range of {_show(key)} in {what} was ignored: only "
                f"uncertain inputs of this version of socialcase have a range"
            )
            continue
        checked, problem = _range_pair(name, pair)
        if checked is None:
            kept = start.range_of(name)
            ignored.append(
                f"{name} range {_show(pair)} was ignored: {problem}; kept "
                f"{_show(kept[0])} to {_show(kept[1])}"
            )
            continue
        good_ranges[name] = checked

    # Everything at once first: valid combinations never depend on order.
    merged_ranges = {**dict(start.ranges), **good_ranges}
    scenario, _ = _evolve(start, **good, ranges=merged_ranges)
    range_names = [f"{n} range" for n in sorted(good_ranges, key=order.index)]
    if scenario is not None:
        applied = [n for n in order if n in good] + range_names
        return Applied(scenario, tuple(ignored), tuple(applied))

    # A rule between fields is broken: apply one field at a time, repeating while any
    # field still goes in, so a change that only fits after another one is kept.
    scenario = start.evolve(ranges=merged_ranges)
    pending = sorted(good, key=order.index)
    applied_names: list[str] = []
    reasons: dict[str, str] = {}
    progress = True
    while pending and progress:
        progress = False
        for name in list(pending):
            candidate, reasons[name] = _evolve(scenario, **{name: good[name]})
            if candidate is not None:
                scenario = candidate
                applied_names.append(name)
                pending.remove(name)
                progress = True
    for name in pending:
        ignored.append(
            f"{name}={_show(good[name])} was ignored: {reasons[name]}; "
            f"kept {_show(getattr(scenario, name))}"
        )
    applied = [n for n in order if n in applied_names] + range_names
    return Applied(scenario, tuple(ignored), tuple(applied))


def _version_number(version: Any) -> int | None:
    if isinstance(version, bool):
        return None
    if isinstance(version, int):
        return version
    if isinstance(version, str) and version.strip().isdecimal() and len(version.strip()) < 10:
        return int(version.strip())
    return None


def migrate(
    values: dict[str, Any], ranges: dict[str, Any], version: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Bring `values` and `ranges` of schema `version` up to `SCHEMA_VERSION` via `MIGRATIONS`.

    Raises `KeyError` when a step from `version` is missing (an unknown version).
    """
    for step in range(version, SCHEMA_VERSION):
        values, ranges = MIGRATIONS[step](dict(values), dict(ranges))
    return values, ranges


def read_values(
    version: Any,
    values: Any,
    ranges: Any,
    *,
    what: str = "the link",
    origins: Any = None,
    range_origins: Any = None,
) -> Applied:
    """Check the schema `version`, migrate an older one, then `apply_values`.

    `what` names the source in messages ("the link", "scenario.json"). A newer or
    unknown version applies nothing and says so. `origins` / `range_origins`
    (`Provenance.codes` by key) say where each value came from; an applied value
    without one is recorded as coming from `what`.
    """
    sample = Scenario()
    number = _version_number(version)
    if number is not None and number > SCHEMA_VERSION:
        return Applied(
            sample,
            (
                f"{_cap(what)} was made by a newer socialcase (schema version {number}; this "
                f"one reads up to {SCHEMA_VERSION}): nothing in it was applied, so the sample "
                f"case is shown; update socialcase to open it",
            ),
        )
    if number is None or any(step not in MIGRATIONS for step in range(number, SCHEMA_VERSION)):
        return Applied(
            sample,
            (
                f"{_cap(what)} has schema version {_show(version)}, which socialcase does not "
                f"know (it reads versions up to {SCHEMA_VERSION}): nothing in it was applied, "
                f"so the sample case is shown",
            ),
        )
    ignored: list[str] = []
    if not isinstance(values, Mapping):
        if values is not None:
            ignored.append(
                f"the values in {what} were ignored: they must be a JSON object, "
                f"not {_show(values)}"
            )
        values = {}
    if not isinstance(ranges, Mapping):
        if ranges is not None:
            ignored.append(
                f"the ranges in {what} were ignored: they must be a JSON object, "
                f"not {_show(ranges)}"
            )
        ranges = {}
    # Resolve short keys before migrating: migrations see full names.
    named_values = {(_resolve(k) or k): v for k, v in values.items()}
    named_ranges = {(_resolve(k) or k): v for k, v in ranges.items()}
    if len(named_values) < len(values) or len(named_ranges) < len(ranges):
        ignored.append(
            f"some inputs appear twice in {what} (by short key and by name); the last one was used"
        )
    if number < SCHEMA_VERSION:
        named_values, named_ranges = migrate(named_values, named_ranges, number)
    result = apply_values(named_values, named_ranges, what=what)
    provenance, bad = _origins_read(origins, range_origins, result.applied, what)
    provenance = provenance.settle(result.scenario)
    if bad:
        ignored.append(f"{bad} of the origins recorded in {what} could not be read")
    return Applied(result.scenario, (*ignored, *result.ignored), result.applied, provenance)


def _origins_read(
    origins: Any, range_origins: Any, applied: tuple[str, ...], what: str
) -> tuple[Provenance, int]:
    """Where each applied value came from: its recorded origin, else `what` itself."""

    def by_name(codes: Any, suffix: str) -> Any:
        if not isinstance(codes, Mapping):
            return codes
        return {f"{_resolve(k) or k}{suffix}": v for k, v in codes.items()}

    kind = "link" if what == "the link" else "file"
    recorded_v, bad_v = Provenance.from_codes(by_name(origins, ""), what, applied)
    recorded_r, bad_r = Provenance.from_codes(by_name(range_origins, " range"), what, applied)
    recorded = {**recorded_v.as_dict(), **recorded_r.as_dict()}
    fallback = Origin(kind, "", what)
    provenance = Provenance(tuple(sorted((k, recorded.get(k, fallback)) for k in applied)))
    return provenance, bad_v + bad_r


# --- reading a link -----------------------------------------------------------------------


def _unpack(payload: str) -> tuple[Any, str]:
    """The JSON object in a payload, or None and why it cannot be read."""
    broken = "its data is damaged (was the link cut short or changed?)"
    if len(payload) > _MAX_ENCODED_CHARS:
        return None, "its data is larger than socialcase reads"
    try:
        packed = base64.b64decode(
            payload + "=" * (-len(payload) % 4), altchars=b"-_", validate=True
        )
    except (binascii.Error, ValueError):
        return None, broken
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(packed, MAX_PAYLOAD_BYTES + 1)
    except zlib.error:
        return None, broken
    if len(raw) > MAX_PAYLOAD_BYTES:
        return None, f"its data unpacks to more than {MAX_PAYLOAD_BYTES // 1024} KiB"
    if not inflater.eof or inflater.unused_data:
        return None, broken
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, broken
    if not isinstance(data, dict):
        return None, "its data is not a set of named values"
    return data, ""


def read_language(value: Any, what: str = "the link") -> tuple[str | None, tuple[str, ...]]:
    """The page language a link's ``lang`` or a file's ``"lang"`` names, and why it was ignored.

    Read leniently: ``nb``, ``nb-NO``, ``no``, ``en``, ``en_US``... in any case; anything
    else is ignored with a sentence, and the page keeps its own language.

    >>> read_language("nb-NO"), read_language(None)
    (('nb', ()), (None, ()))
    >>> read_language("de")[1]
    ("The language 'de' in the link was ignored: socialcase speaks en (English) and nb (norsk bokmål).",)
    """  # noqa: E501
    if value is None:
        return None, ()
    try:
        return normalise_language(value), ()
    except ValueError:
        return None, (
            f"The language {_show(value, 20)} in {what} was ignored: socialcase speaks en "
            "(English) and nb (norsk bokmål).",
        )


def _read_query(query_string: str) -> LinkResult:
    text = query_string if isinstance(query_string, str) else ""
    text = text.split("#", 1)[0]
    if "?" in text:  # a whole URL, or a query with its "?"
        text = text.split("?", 1)[1]
    fields: dict[str, str] = {}
    for key, value in parse_qsl(text, keep_blank_values=True, errors="replace"):
        if key in QUERY_KEYS:
            fields.setdefault(key, value)
    lang, lang_notes = read_language(fields.pop(LANGUAGE_KEY, None))
    result = _read_scenario(fields)
    if lang is None and not lang_notes:
        return result
    return replace(result, lang=lang, ignored=(*result.ignored, *lang_notes))


def _read_scenario(fields: dict[str, str]) -> LinkResult:
    """The scenario in a link's ``sc`` and ``d`` keys."""
    if not fields:
        return LinkResult(Scenario())
    if VERSION_KEY not in fields:
        return LinkResult(
            Scenario(),
            (
                "The link's scenario was ignored: it has no version (sc=...), so the sample "
                "case is shown",
            ),
            found=True,
        )
    version: Any = fields[VERSION_KEY]
    number = _version_number(version)
    if number is None or number > SCHEMA_VERSION or PAYLOAD_KEY not in fields:
        result = read_values(version, {}, {})
        return LinkResult(result.scenario, result.ignored, result.applied, found=True)
    data, problem = _unpack(fields[PAYLOAD_KEY])
    if data is None:
        return LinkResult(
            Scenario(),
            (f"The link's scenario was ignored: {problem}; the sample case is shown",),
            found=True,
        )
    extra = sorted(str(k) for k in data if k not in _PARTS)
    notes = [f"{_show(k)} in the link was ignored: not a part socialcase knows" for k in extra]
    result = read_values(
        version, data.get("v"), data.get("r"), origins=data.get("p"), range_origins=data.get("q")
    )
    growth, inbox, told = read_evidence(data, "the link")
    return LinkResult(
        result.scenario,
        (*notes, *result.ignored),
        result.applied,
        result.provenance,
        growth,
        inbox,
        told,
        found=True,
    )


_PARTS = ("v", "r", "p", "q", "g", "i", "gx", "ix", "tc")


def read_evidence(
    data: Mapping[str, Any], what: str
) -> tuple[CarriedGrowth | None, CarriedInbox | None, tuple[str, ...]]:
    """The growth series and inbox statistics in a link's or file's data, and notes for the reader.

    The notes say what travelled, what the sender left out and what could not be read.
    """
    growth = inbox = None
    notes: list[str] = []
    if "g" in data or "i" in data:
        from socialcase import travel  # lazy: pandas only when evidence travels

        if "g" in data:
            growth, problem = travel.unpack_growth(data["g"])
            if growth is None:
                notes.append(
                    f"{_cap(what)} carries a growth series that could not be read "
                    f"({problem}), so the sample series is shown."
                )
        if "i" in data:
            inbox, problem = travel.unpack_inbox(data["i"])
            if inbox is None:
                notes.append(
                    f"{_cap(what)} carries inbox statistics that could not be read "
                    f"({problem}), so the sample inbox is shown."
                )
    for key, part, shown in (
        ("gx", "growth series", "the sample follower series is shown"),
        ("ix", "inbox statistics", "the sample inbox is shown"),
    ):
        name = data.get(key)
        if key in data and (growth if key == "gx" else inbox) is None:
            source = f"of {_show(name)} " if isinstance(name, str) and name else ""
            notes.append(
                f"The {part} {source}did not fit in the link, so {shown}: ask the sender "
                "for the scenario file."
            )
    cut = data.get("tc")
    if isinstance(cut, list) and cut:
        labels = [_SPECS[n].label for n in (_resolve(k) for k in cut) if n is not None]
        if labels:
            notes.append(
                f"{' and '.join(labels)} {'was' if len(labels) == 1 else 'were'} cut short to "
                "fit in the link (ending in …): the scenario file has the whole text."
            )
    return growth, inbox, tuple(notes)


def from_query(query_string: str) -> LinkResult:
    """The scenario in a query string (or a whole URL); never raises.

    Unknown keys, values of the wrong type or out of bounds, changes that break a
    rule between fields, damaged data and newer versions are ignored, each with a
    sentence in `ignored`; query keys that are not socialcase's (Voila's
    ``theme``...) are left alone silently.

    >>> r = from_query("theme=dark")
    >>> r.scenario == Scenario(), r.ignored, r.found, r.lang
    (True, (), False, None)
    >>> from_query("sc=2&lang=nb").lang
    'nb'
    >>> from_query("sc=1&d=not-a-payload").ignored  # doctest: +ELLIPSIS
    ("The link's scenario was ignored: its data is damaged ...",)
    """
    try:
        return _read_query(query_string)
    except Exception:  # a link must never break the page; this is a bug, so log it
        _log.exception("reading the link %r failed", str(query_string)[:200])
        return LinkResult(Scenario(), (_UNREADABLE,), found=True)
