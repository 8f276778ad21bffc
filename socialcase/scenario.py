"""The scenario: every assumption of the case, validated once and immutable.

A `Scenario()` is the built-in sample case. Each field is declared in the class with
its type (so a type checker sees every field) and carries a `Spec` as data beside it:
its label, unit, allowed bounds, default low/high range and the key of its source in
`socialcase.sources`. A what-if is a copy: ``scenario.evolve(field=value)``. A refused
value raises `InputError` in plain words (`refusal`): the field's label, what is allowed
with its unit, and what was given; ``error.field`` is the field's name.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import attrs

from socialcase.errors import InputError, ScenarioFileError
from socialcase.i18n import N_, current_language, gettext
from socialcase.sources import SOURCES, Source

__all__ = [
    "ACTIVITIES",
    "COUNTRIES",
    "CURRENCIES",
    "EXCHANGE_RATES",
    "NOK_PER_USD",
    "ROLE_CHOICES",
    "SCHEMA_VERSION",
    "Activity",
    "Scenario",
    "Spec",
    "check_value",
    "exchange_rate",
    "money_fields",
    "preset",
    "preset_changes",
    "refusal",
    "spec_of",
    "specs",
    "uncertain_inputs",
    "upgrade_v1",
]

SCHEMA_VERSION = 2

COUNTRIES = ("US", "NO", "custom")
ROLE_CHOICES = (
    "auto",
    "community_manager",
    "social_strategist",
    "social_analyst",
    "content_creator",
    "social_customer_care",
)
TEXT_MAX_CHARS = 4000
HOURS_PER_WEEK = 168
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: Active ISO 4217 currency codes (SIX, the ISO 4217 maintenance agency, list one).
CURRENCIES = (
    "AED",
    "AFN",
    "ALL",
    "AMD",
    "ANG",
    "AOA",
    "ARS",
    "AUD",
    "AWG",
    "AZN",
    "BAM",
    "BBD",
    "BDT",
    "BGN",
    "BHD",
    "BIF",
    "BMD",
    "BND",
    "BOB",
    "BRL",
    "BSD",
    "BTN",
    "BWP",
    "BYN",
    "BZD",
    "CAD",
    "CDF",
    "CHF",
    "CLP",
    "CNY",
    "COP",
    "CRC",
    "CUP",
    "CVE",
    "CZK",
    "DJF",
    "DKK",
    "DOP",
    "DZD",
    "EGP",
    "ERN",
    "ETB",
    "EUR",
    "FJD",
    "FKP",
    "GBP",
    "GEL",
    "GHS",
    "GIP",
    "GMD",
    "GNF",
    "GTQ",
    "GYD",
    "HKD",
    "HNL",
    "HTG",
    "HUF",
    "IDR",
    "ILS",
    "INR",
    "IQD",
    "IRR",
    "ISK",
    "JMD",
    "JOD",
    "JPY",
    "KES",
    "KGS",
    "KHR",
    "KMF",
    "KPW",
    "KRW",
    "KWD",
    "KYD",
    "KZT",
    "LAK",
    "LBP",
    "LKR",
    "LRD",
    "LSL",
    "LYD",
    "MAD",
    "MDL",
    "MGA",
    "MKD",
    "MMK",
    "MNT",
    "MOP",
    "MRU",
    "MUR",
    "MVR",
    "MWK",
    "MXN",
    "MYR",
    "MZN",
    "NAD",
    "NGN",
    "NIO",
    "NOK",
    "NPR",
    "NZD",
    "OMR",
    "PAB",
    "PEN",
    "PGK",
    "PHP",
    "PKR",
    "PLN",
    "PYG",
    "QAR",
    "RON",
    "RSD",
    "RUB",
    "RWF",
    "SAR",
    "SBD",
    "SCR",
    "SDG",
    "SEK",
    "SGD",
    "SHP",
    "SLE",
    "SOS",
    "SRD",
    "SSP",
    "STN",
    "SVC",
    "SYP",
    "SZL",
    "THB",
    "TJS",
    "TMT",
    "TND",
    "TOP",
    "TRY",
    "TTD",
    "TWD",
    "TZS",
    "UAH",
    "UGX",
    "USD",
    "UYU",
    "UZS",
    "VES",
    "VND",
    "VUV",
    "WST",
    "XAF",
    "XCD",
    "XCG",
    "XOF",
    "XPF",
    "YER",
    "ZAR",
    "ZMW",
    "ZWG",
)


@dataclass(frozen=True)
class Spec:
    """What a scenario field holds, what is allowed, and where its default comes from."""

    label: str
    unit: str
    source: str
    step: int  # the step of the case the field belongs to (see DESIGN.md)
    kind: str = "number"  # "number", "integer", "text", "choice" or "profile" (168 weights)
    minimum: float = 0.0
    maximum: float = math.inf
    min_exclusive: bool = False
    low: float | None = None  # default low end of the range, if the input is uncertain
    high: float | None = None
    help: str = ""
    choices: tuple[str, ...] = ()  # for "choice", or the allowed codes of a "text" field
    source_no: str | None = None  # the source under the Norway preset, where it differs

    @property
    def uncertain(self) -> bool:
        return self.low is not None and self.high is not None

    @property
    def cited(self) -> Source:
        return SOURCES[self.source]

    def cited_in(self, country: str) -> Source:
        """The source of the default under a country preset."""
        return SOURCES[self.source_no] if country == "NO" and self.source_no else self.cited

    @property
    def subject(self) -> str:
        """How a message names the field: its label (a question's answer for a question),
        in the page's language."""
        label = gettext(self.label)
        if self.label.endswith("?"):
            return gettext("The answer to '{question}'").format(question=label)
        return label

    def unit_words(self, currency: str | None = None) -> str:
        """The unit as a sentence says it after a number: "USD a year", "hours a week".

        Shares are shown as percentages, so "share of salary" reads "of salary".
        Norwegian: the unit's translation, with the currency's sign ("kr per år").
        """
        if current_language() != "en":
            return _unit_words_translated(self.unit, currency)
        unit = _UNIT_WORDS.get(self.unit, self.unit)
        if unit.startswith("share"):
            unit = unit.removeprefix("share").strip(" ,")
        if unit.startswith(_MONEY):
            rest = unit.removeprefix(_MONEY).strip()
            unit = f"{currency} {rest}" if currency else f"{rest} (in the case's currency)"
        for per, a in _PER.items():
            unit = unit.replace(per, a)
        return unit.strip()

    def allowed(self, currency: str | None = None) -> str:
        """The allowed values in plain words with the unit, for messages and help texts.

        >>> spec_of("team_size").allowed()
        'a whole number between 1 and 1,000 people'
        >>> spec_of("hire_salary_per_year").allowed("NOK")
        'between 0 and 100,000,000 NOK a year'
        >>> spec_of("hire_productive_share").allowed()
        'more than 0% and at most 100%'
        """
        if self.kind == "choice":
            return gettext("one of {choices}").format(choices=", ".join(self.choices))
        if self.kind == "text" and self.choices:
            return gettext("a code from the ISO 4217 list, such as USD, EUR or NOK")
        if self.kind == "text":
            return gettext("text of at most {count} characters").format(
                count=_plain(TEXT_MAX_CHARS)
            )
        if self.kind == "profile":
            return gettext(
                "{count} numbers between 0 and {high}, one for each hour of the week from "
                "Monday 00-01, not all zero; or none, for an even spread"
            ).format(count=HOURS_PER_WEEK, high=self.shown(self.maximum))
        low, high = self.shown(self.minimum), self.shown(self.maximum)
        if math.isinf(self.maximum):
            words = (
                gettext("more than {low}") if self.min_exclusive else gettext("{low} or more")
            ).format(low=low)
        elif self.min_exclusive:
            words = gettext("more than {low} and at most {high}").format(low=low, high=high)
        else:
            words = gettext("between {low} and {high}").format(low=low, high=high)
        if self.kind == "integer":
            words = gettext("a whole number {range}").format(range=words)
        return f"{words} {self.unit_words(currency)}".strip()

    def shown(self, number: float) -> str:
        """A number as a message shows it: 100,000,000; 0.01667; a share as 40%
        (Norwegian: 100 000 000; 0,01667; 40 %)."""
        if self.unit.startswith("share"):
            return _localised(f"{_english(number * 100)}%")
        return _plain(number)


def _english(number: float) -> str:
    if math.isinf(number) or math.isnan(number):
        return str(number)
    if float(number).is_integer() and abs(number) < 1e15:
        return f"{int(number):,}"
    return f"{number:,.4g}" if abs(number) < 1 else f"{round(number, 4):,}"


def _localised(english: str) -> str:
    """A number written the English way (1,234.5; 40%) as the page's language writes it:
    Norwegian groups with no-break spaces, a decimal comma and ``40 %``."""
    if current_language() != "nb":
        return english
    return english.replace(",", "\u00a0").replace(".", ",").replace("%", "\u00a0%")


def _plain(number: float) -> str:
    """A number as a message shows it, in the page's language."""
    return _localised(_english(number))


def _label_of(name: str) -> str:
    """An input's label in the page's language."""
    return gettext(_SPECS[name].label)


def _lowered(label: str) -> str:
    """A label inside a sentence: its first letter lower case (not an acronym's)."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _unit_words_translated(unit: str, currency: str | None) -> str:
    """A unit in the page's language after a number in a message; a share reads as its %
    is already written ("av lønnen"), money with the currency's sign, or the case's."""
    from socialcase.formatting import unit as unit_text

    if unit in ("share, 0-1", "correlation, 0-1"):
        return ""
    words = unit_text(unit, currency or "XXX")
    if not currency:
        words = words.replace("XXX", gettext("(in the case's currency)"))
    if unit.startswith("share"):
        words = words.partition(" ")[2].removeprefix(", ").strip()
    return words.strip()


_PER = {
    " per year": " a year",
    " per week": " a week",
    " per day": " a day",
    " per hour": " an hour",
}
_UNIT_WORDS = {
    "x annual salary": "times the annual salary",
    "correlation, 0-1": "",
    "share, 0-1": "",
    "log hazard ratio per unit of overtime share": "(log hazard ratio per unit of overtime share)",
}


def _check(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    spec: Spec = attribute.metadata["spec"]
    currency = getattr(instance, "currency", None)
    check_value(attribute.name, spec, value, currency=currency if currency in CURRENCIES else None)


def _quote(value: Any, spec: Spec | None = None) -> str:
    """What was given, for a message: a number plainly (a share with its %), text quoted,
    a long value by its start and its length."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if math.isfinite(number) and abs(number) < 1e15:
            plain = _plain(number) if number.is_integer() else _localised(f"{number:,.10g}")
            if spec is not None and spec.unit.startswith("share"):
                return f"{plain} ({spec.shown(number)})"
            return plain
    quoted = repr(value)
    if len(quoted) > 80:  # quote what was typed, not 4,000 characters of it
        length = len(value) if isinstance(value, str) else len(quoted)
        quoted = f"{quoted[:60]}... ({length:,} characters)"
    return quoted


def refusal(
    name: str,
    spec: Spec,
    value: Any,
    *,
    currency: str | None = None,
    typed: str | None = None,
    end: str = "",
) -> InputError:
    """The `InputError` for a value of `name` that does not fit `spec`, in plain words:
    "Salary of the hire must be between 0 and 100,000,000 USD a year; you typed '$70k'".

    `typed` is the text as the person typed it; `end` ("low"/"high") names a range's end.
    """
    what = spec.subject
    if end:
        what = (
            gettext("{subject} (the low end of its range)")
            if end == "low"
            else gettext("{subject} (the high end of its range)")
        ).format(subject=what)
    given = (
        gettext("you typed {typed}").format(typed=_quote(typed))
        if typed is not None
        else gettext("you gave {value}").format(value=_quote(value, spec))
    )
    return InputError(
        name,
        value,
        gettext("{subject} must be {allowed}; {given}").format(
            subject=what, allowed=spec.allowed(currency), given=given
        ),
    )


def check_value(
    name: str,
    spec: Spec,
    value: Any,
    *,
    currency: str | None = None,
    typed: str | None = None,
    end: str = "",
) -> None:
    """Refuse a value that does not fit `spec`, naming the field by its label and saying
    what is allowed (`refusal`); the exception's ``field`` is `name`."""
    if spec.kind == "profile":
        _check_profile(name, spec, value)
        return
    bad = refusal(name, spec, value, currency=currency, typed=typed, end=end)
    if spec.kind == "text":
        if not isinstance(value, str) or len(value) > TEXT_MAX_CHARS:
            raise bad
        if spec.choices and value not in spec.choices:
            raise bad
        return
    if spec.kind == "choice":
        if value not in spec.choices:
            raise bad
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise bad
    try:
        number = float(value)
    except OverflowError:
        raise bad from None
    if not math.isfinite(number):
        raise bad
    if spec.kind == "integer" and not number.is_integer():
        raise bad
    too_low = number <= spec.minimum if spec.min_exclusive else number < spec.minimum
    if too_low or number > spec.maximum:
        raise bad


def _check_profile(name: str, spec: Spec, value: Any) -> None:
    """Refuse a weekly arrival profile that is not () or 168 finite weights, not all zero,
    in `refusal`'s words ("When messages arrive must be 168 numbers ...; you gave ...")."""
    value = _to_profile(value)
    if value == ():
        return

    def refuse(given: str) -> InputError:
        return InputError(
            name,
            value,
            gettext("{subject} must be {allowed}; {given}").format(
                subject=spec.subject,
                allowed=spec.allowed(),
                given=gettext("you gave {value}").format(value=given),
            ),
        )

    if not isinstance(value, tuple) or len(value) != HOURS_PER_WEEK:
        raise refuse(f"{len(value)} values" if isinstance(value, tuple) else _quote(value))
    for hour, weight in enumerate(value):
        fine = isinstance(weight, float) and math.isfinite(weight)
        if not fine or not 0.0 <= weight <= spec.maximum:
            day, clock = divmod(hour, 24)
            raise refuse(f"{_quote(weight)} for {_WEEKDAYS[day]} {clock:02d}-{clock + 1:02d}")
    if sum(value) <= 0.0:
        raise refuse("all zero")


def _to_profile(value: Any) -> Any:
    # A list of numbers (from JSON) becomes a tuple of floats; anything else is left for
    # the validator to refuse with a clear message.
    if not isinstance(value, list | tuple):
        return value
    if not all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in value):
        return tuple(value)
    try:
        return tuple(float(v) for v in value)
    except OverflowError:
        return tuple(value)


def _to_number(value: Any) -> Any:
    # numpy scalars and ints become plain floats so JSON and equality stay simple;
    # anything else (and an integer too large for a float) is left for the validator
    # to refuse with a clear message.
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return value
    try:
        return float(value)
    except OverflowError:
        return value


def _number(default: float, spec: Spec) -> Any:
    return attrs.field(
        default=default, converter=_to_number, validator=_check, metadata={"spec": spec}
    )


def _text(default: str, spec: Spec) -> Any:
    return attrs.field(default=default, validator=_check, metadata={"spec": spec})


def _profile(spec: Spec) -> Any:
    return attrs.field(default=(), converter=_to_profile, validator=_check, metadata={"spec": spec})


def _code(value: Any) -> Any:
    # "usd " is what people type for USD; anything long is left for the validator to refuse.
    return value.strip().upper() if isinstance(value, str) and len(value) <= 8 else value


def _n(label: str, unit: str, source: str, step: int, **kw: Any) -> Spec:
    return Spec(label=label, unit=unit, source=source, step=step, **kw)


_MONEY = "currency"
_MONEY_YEAR = "currency per year"
_HOURS_WEEK = "hours per week"
_SHARE = "share, 0-1"


@dataclass(frozen=True)
class Activity:
    """One activity of the 40-hour vision and its driver chain: hours -> output -> KPI -> money."""

    key: str
    label: str
    output_unit: str  # plural, e.g. "replies"
    kpi_unit: str
    output_one: str  # singular, e.g. "reply"
    kpi_one: str


ACTIVITIES = (
    Activity(
        "responding",
        N_("Responding to the community"),
        "replies",
        N_("customers kept or won"),
        "reply",
        "customer kept or won",
    ),
    Activity("content", N_("Content"), "posts", N_("people reached"), "post", "person reached"),
    Activity(
        "analytics",
        N_("Analytics and testing"),
        "tests run",
        N_("extra conversions"),
        "test",
        "extra conversion",
    ),
    Activity(
        "collaboration",
        N_("Cross-team collaboration"),
        "joint campaigns",
        N_("qualified leads"),
        "joint campaign",
        "qualified lead",
    ),
    Activity(
        "community",
        N_("Community and advocacy"),
        "community actions",
        N_("new advocates"),
        "community action",
        "new advocate",
    ),
)


def _activity_hours(activity: Activity, hours: float) -> Any:
    """The hire's productive hours a week on `activity`."""
    return _number(
        hours,
        _n(
            f"{activity.label}: productive hours of the hire",
            _HOURS_WEEK,
            "sample_case",
            6,
            maximum=168.0,
        ),
    )


def _activity_output(activity: Activity, output: float) -> Any:
    """Output per productive hour (responding has none: 60 / handle time gives it)."""
    return _number(
        output,
        _n(
            f"{activity.label}: {activity.output_unit} per hour",
            f"{activity.output_unit} per hour",
            "sample_case",
            6,
            maximum=1000,
            help="Your own throughput, in productive hours.",
        ),
    )


def _activity_kpi(activity: Activity, kpi: float) -> Any:
    """KPI units per unit of output."""
    return _number(
        kpi,
        _n(
            f"{activity.label}: {activity.kpi_unit} per {activity.output_one}",
            f"{activity.kpi_unit} per {activity.output_one}",
            "sample_case",
            6,
            maximum=1e6,
            help="A conversion rate from your analytics.",
        ),
    )


def _activity_value(activity: Activity, value: float) -> Any:
    """Contribution margin per KPI unit."""
    return _number(
        value,
        _n(
            f"{activity.label}: contribution margin per {activity.kpi_one}",
            f"{_MONEY} of margin per {activity.kpi_one}",
            "sample_case",
            6,
            maximum=1e7,
            source_no="nok_conversion",
            help="Contribution margin, not revenue: what one more unit adds to profit after "
            "the costs of serving it. Agree it with finance.",
        ),
    )


def _default_ranges() -> dict[str, tuple[float, float]]:
    return {
        name: (float(spec.low), float(spec.high))  # type: ignore[arg-type]
        for name, spec in _SPECS.items()
        if spec.uncertain
    }


def _ranges_converter(value: Any) -> tuple[tuple[str, tuple[float, float]], ...]:
    """Merge given ranges over the defaults; stored as a sorted tuple so it is immutable."""
    given = dict(value.items() if isinstance(value, Mapping) else value)
    merged = _default_ranges()
    for name, pair in given.items():
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            what = gettext(_SPECS[name].label) if name in _SPECS else name
            raise InputError(
                name,
                pair,
                gettext("{input}: a range is a pair (low, high); you gave {value}").format(
                    input=what, value=_quote(pair)
                ),
            )
        merged[name] = (_to_number(pair[0]), _to_number(pair[1]))
    return tuple(sorted(merged.items()))


@attrs.frozen(kw_only=True)
class Scenario:
    """All assumptions of the case. `Scenario()` is the built-in sample case.

    Every field is written out below, in the order of the case, with its type and its
    `Spec` (attrs and mypy both read this one declaration).

    >>> s = Scenario()
    >>> s.inbound_per_day
    70.0
    >>> s.evolve(inbound_per_day=200).inbound_per_day
    200.0
    >>> s.range_of("replacement_cost_multiplier")
    (0.5, 2.0)
    >>> Scenario(hire_salary_per_year=-1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    socialcase.errors.InputError: Salary of the hire must be between 0 and 100,000,000 USD a year; \
you gave -1
    """

    # Step 1: the team today
    team_size: float = _number(
        2,
        _n(
            "People on the social team",
            "people",
            "sample_case",
            1,
            kind="integer",
            minimum=1,
            maximum=1000,
        ),
    )
    team_salary_per_year: float = _number(
        66_750,
        _n(
            "Average salary on the team",
            _MONEY_YEAR,
            "bls_oews_pr",
            1,
            maximum=1e8,
            source_no="ssb_salary",
        ),
    )
    contracted_hours_per_week: float = _number(
        40,
        _n(
            "Contracted hours per person",
            _HOURS_WEEK,
            "flsa_week",
            1,
            minimum=10,
            maximum=168,
            help="At least 10: below that, overtime as a share of the contract means "
            "little, and it drives the turnover model.",
        ),
    )
    actual_hours_per_week: float = _number(
        50,
        _n(
            "Hours actually worked per person",
            _HOURS_WEEK,
            "sample_case",
            1,
            maximum=168,
            help="Include evenings and weekends spent covering the channels.",
        ),
    )
    after_hours_cover_hours_per_week: float = _number(
        4,
        _n("Of which after-hours cover per person", _HOURS_WEEK, "sample_case", 1, maximum=168),
    )
    country: str = _text(
        "US",
        _n(
            "Country preset for employer costs",
            "preset",
            "model_assumption",
            1,
            kind="choice",
            choices=COUNTRIES,
        ),
    )
    currency: str = attrs.field(
        default="USD",
        converter=_code,
        validator=_check,
        metadata={
            "spec": _n(
                "Currency",
                "ISO 4217 code",
                "model_assumption",
                1,
                kind="text",
                choices=CURRENCIES,
            )
        },
    )
    team_roles: str = _text(
        "Social media manager; Content creator",
        _n("Roles on the team today", "names separated by ;", "sample_case", 1, kind="text"),
    )
    # Step 2: growth
    value_per_follower: float = _number(
        0.5,
        _n(
            "Value of one follower",
            f"{_MONEY} per follower",
            "sample_case",
            2,
            maximum=1e6,
            source_no="nok_conversion",
            help="What one more follower is worth to the business; agree it with finance.",
        ),
    )
    # Step 3: engagement
    inbound_per_day: float = _number(
        70,
        _n(
            "Inbound messages per day",
            "messages per day",
            "sprout_inbound",
            3,
            maximum=1e6,
            help="Sprout Social's newest average is 70 a day (2023); the article quotes "
            "129. Count your own inbox.",
        ),
    )
    reply_share: float = _number(
        0.5,
        _n(
            "Share of messages that need a reply",
            _SHARE,
            "sample_case",
            3,
            maximum=1,
            low=0.25,
            high=0.6,
            help="No published benchmark: count a week of your inbox.",
        ),
    )
    handle_time_minutes: float = _number(
        6,
        _n(
            "Handle time per message",
            "minutes per message",
            "liveagent_handle_time",
            3,
            minimum=1 / 60,
            maximum=24 * 60,
            low=5,
            high=15,
            help="The one source of replies per hour: 60 / handle time.",
        ),
    )
    team_engagement_hours_per_day: float = _number(
        2,
        _n(
            "Team hours on the inbox per staffed day",
            "hours per day",
            "sample_case",
            3,
            maximum=24,
        ),
    )
    staffed_days_per_week: float = _number(
        7,
        _n(
            "Staffed days per week",
            "days per week",
            "sample_case",
            3,
            kind="integer",
            minimum=1,
            maximum=7,
        ),
    )
    reply_target_hours: float = _number(
        4,
        _n(
            "Reply within",
            "hours",
            "sprout_index_2016",
            3,
            min_exclusive=True,
            maximum=168,
            help="Consumers expect a reply within 4 hours (Sprout Social Index 2016).",
        ),
    )
    reply_target_share: float = _number(
        0.8,
        _n(
            "Share to answer within the reply target",
            _SHARE,
            "cc_service_level",
            3,
            min_exclusive=True,
            maximum=1,
            help="The contact-centre 80% convention, applied to replies within hours.",
        ),
    )
    inbound_hour_profile: tuple[float, ...] = _profile(
        _n(
            "When messages arrive",
            "messages in each hour of the week, Monday 00-01 first",
            "model_assumption",
            3,
            kind="profile",
            maximum=1e6,
            help="Set from an inbox export (Use these numbers): the mean messages in each "
            "hour of the week. It shapes the week; messages a day set the total. None: "
            "each day's messages spread evenly over the day.",
        )
    )
    chat_messages_per_hour: float = _number(
        6, _n("Live chats in the busiest hour", "chats per hour", "sample_case", 3, maximum=1e6)
    )
    chat_target_answer_seconds: float = _number(
        20,
        _n(
            "Answer live chats within",
            "seconds",
            "cc_service_level",
            3,
            min_exclusive=True,
            maximum=86_400,
        ),
    )
    chat_service_level: float = _number(
        0.8,
        _n(
            "Share of chats answered within target",
            _SHARE,
            "cc_service_level",
            3,
            min_exclusive=True,
            maximum=1,
        ),
    )
    chat_conversation_minutes: float = _number(
        10,
        _n(
            "Length of one live-chat conversation",
            "minutes per conversation",
            "sample_case",
            3,
            minimum=1 / 60,
            maximum=24 * 60,
            help="From first reply to close; not the handle time of one inbox message.",
        ),
    )
    chat_concurrency: float = _number(
        4,
        _n(
            "Chats one person handles at once",
            "chats",
            "cc_concurrency",
            3,
            minimum=1,
            maximum=20,
        ),
    )
    max_occupancy: float = _number(
        0.85, _n("Maximum occupancy", _SHARE, "cc_occupancy", 3, min_exclusive=True, maximum=1)
    )
    shrinkage: float = _number(
        0.3,
        _n(
            "Shrinkage (meetings, leave, training)",
            _SHARE,
            "cc_shrinkage",
            3,
            maximum=0.95,
            help="Live chat only: the share of paid time not on the floor.",
        ),
    )
    # Step 4: collaboration (team hours per week)
    team_content_hours_per_week: float = _number(
        40, _n("Team hours on content production", _HOURS_WEEK, "sample_case", 4, maximum=1e5)
    )
    team_reporting_hours_per_week: float = _number(
        6, _n("Team hours on reporting", _HOURS_WEEK, "sample_case", 4, maximum=1e5)
    )
    team_meetings_admin_hours_per_week: float = _number(
        12, _n("Team hours on meetings and admin", _HOURS_WEEK, "sample_case", 4, maximum=1e5)
    )
    strategic_hours_wanted_per_week: float = _number(
        24,
        _n(
            "Team hours wanted for strategy and cross-team work",
            _HOURS_WEEK,
            "sample_case",
            4,
            maximum=1e5,
        ),
    )
    # Step 5: the four questions
    answer_missed_opportunity: str = _text(
        "",
        _n("What is your biggest missed opportunity?", "text", "sample_case", 5, kind="text"),
    )
    answer_skills: str = _text(
        "",
        _n("How do you want to grow your own skills?", "text", "sample_case", 5, kind="text"),
    )
    answer_social_direction: str = _text(
        "", _n("Where is social heading?", "text", "sample_case", 5, kind="text")
    )
    answer_business_direction: str = _text(
        "", _n("Where is the business heading?", "text", "sample_case", 5, kind="text")
    )
    # Step 6: the vision
    hire_hours_per_week: float = _number(
        40,
        _n(
            "Contracted hours of the hire",
            _HOURS_WEEK,
            "article_40_hours",
            6,
            min_exclusive=True,
            maximum=168,
        ),
    )
    hire_productive_share: float = _number(
        0.8,
        _n(
            "Productive share of the hire's hours",
            _SHARE,
            "productive_share",
            6,
            min_exclusive=True,
            maximum=1,
            low=0.7,
            high=0.9,
            help="What is left after meetings, admin and training; leave is already out "
            "of the working weeks.",
        ),
    )
    # Sample-case driver chains; each rate is the sample team's own estimate.
    # The hire's productive hours not given to an activity take over the team's overtime.
    hire_responding_hours_per_week: float = _activity_hours(ACTIVITIES[0], 10)
    responding_kpi_per_output: float = _activity_kpi(ACTIVITIES[0], 0.015)
    responding_value_per_kpi: float = _activity_value(ACTIVITIES[0], 300)
    hire_content_hours_per_week: float = _activity_hours(ACTIVITIES[1], 6)
    content_output_per_hour: float = _activity_output(ACTIVITIES[1], 0.5)
    content_kpi_per_output: float = _activity_kpi(ACTIVITIES[1], 5000)
    content_value_per_kpi: float = _activity_value(ACTIVITIES[1], 0.01)
    hire_analytics_hours_per_week: float = _activity_hours(ACTIVITIES[2], 4)
    analytics_output_per_hour: float = _activity_output(ACTIVITIES[2], 0.25)
    analytics_kpi_per_output: float = _activity_kpi(ACTIVITIES[2], 10)
    analytics_value_per_kpi: float = _activity_value(ACTIVITIES[2], 80)
    hire_collaboration_hours_per_week: float = _activity_hours(ACTIVITIES[3], 3)
    collaboration_output_per_hour: float = _activity_output(ACTIVITIES[3], 0.1)
    collaboration_kpi_per_output: float = _activity_kpi(ACTIVITIES[3], 30)
    collaboration_value_per_kpi: float = _activity_value(ACTIVITIES[3], 50)
    hire_community_hours_per_week: float = _activity_hours(ACTIVITIES[4], 3)
    community_output_per_hour: float = _activity_output(ACTIVITIES[4], 1)
    community_kpi_per_output: float = _activity_kpi(ACTIVITIES[4], 5)
    community_value_per_kpi: float = _activity_value(ACTIVITIES[4], 25)
    working_weeks_per_year: float = _number(
        47,
        _n(
            "Working weeks a year",
            "weeks per year",
            "sample_case",
            6,
            minimum=1,
            maximum=52,
            low=45,
            high=48,
            help="52 weeks less about 5 weeks of leave and public holidays.",
        ),
    )
    # Step 7: risk
    replacement_cost_multiplier: float = _number(
        1.0,
        _n(
            "Replacement cost of a leaver",
            "x annual salary",
            "gallup_replacement",
            7,
            maximum=10,
            low=0.5,
            high=2.0,
            help="Base 1x is the geometric middle of Gallup's 0.5x-2x; CAP's median is 0.21x. "
            "It covers the vacancy, re-hiring and the new person's ramp-up.",
        ),
    )
    baseline_turnover_per_year: float = _number(
        0.129,
        _n(
            "Yearly turnover in marketing (leavers per person a year)",
            _SHARE,
            "linkedin_turnover",
            7,
            maximum=1,
            low=0.106,
            high=0.17,
            help="The average of all marketers, with and without overtime; the model "
            "applies it at contracted hours and to the hire. 12.9% (2022); 17% in 2017.",
        ),
    )
    overtime_attrition_elasticity: float = _number(
        1.0,
        _n(
            "How strongly overtime raises turnover",
            "log hazard ratio per unit of overtime share",
            "overtime_turnover",
            7,
            maximum=2,
            low=0.5,
            high=2.0,
            help="A stated assumption: turnover x exp(slope x overtime share). 1.0 at 20% "
            "overtime raises 12.9% to 15.8%; 2.0, to 19.2%.",
        ),
    )
    # Step 8: cost of the hire
    hire_salary_per_year: float = _number(
        66_750,
        _n(
            "Salary of the hire",
            _MONEY_YEAR,
            "bls_oews_pr",
            8,
            maximum=1e8,
            source_no="ssb_salary",
            low=60_000,
            high=76_000,
            help="The range is the salary band you may have to offer (about -10%/+14%).",
        ),
    )
    benefits_load_share: float = _number(
        0.34,
        _n(
            "US benefits load",
            "share of salary",
            "bls_ecec_small",
            8,
            maximum=5,
            low=0.25,
            high=0.419,
            help="BLS: 34% at firms under 50 staff, 41.9% across private "
            "industry; templates use 25-30%.",
        ),
    )
    no_employer_tax_share: float = _number(
        0.141,
        _n("Norway: arbeidsgiveravgift", "share of pay", "skatteetaten_aga", 8, maximum=1),
    )
    no_holiday_pay_share: float = _number(
        0.12,
        _n(
            "Norway: feriepenger",
            "share of pay for the weeks worked",
            "ferieloven",
            8,
            maximum=1,
            help="12% with five weeks' leave (most agreements); 10.2% with four weeks and a day.",
        ),
    )
    no_vacation_weeks: float = _number(
        5,
        _n(
            "Norway: weeks of leave paid by feriepenger",
            "weeks per year",
            "ferieloven",
            8,
            maximum=10,
        ),
    )
    no_pension_share: float = _number(
        0.02,
        _n("Norway: OTP pension", "share of pay between 1G and 12G", "otp_law", 8, maximum=1),
    )
    no_basic_amount: float = _number(
        130_160,
        _n("Norway: 1G (grunnbeløpet)", "NOK per year", "nav_g", 8, minimum=1, maximum=1e7),
    )
    no_injury_insurance_per_year: float = _number(
        3000,
        _n(
            "Norway: yrkesskadeforsikring",
            "NOK per year",
            "regnskapsskole_cost",
            8,
            maximum=1e6,
            help="Mandatory occupational injury insurance; ask your insurer.",
        ),
    )
    custom_employer_cost_share: float = _number(
        0.3,
        _n("Custom employer cost load", "share of salary", "templates_benefits", 8, maximum=5),
    )
    equipment_cost: float = _number(
        3000,
        _n(
            "Equipment (laptop, phone) once",
            _MONEY,
            "sample_case",
            8,
            maximum=1e7,
            source_no="nok_conversion",
        ),
    )
    tools_cost_per_year: float = _number(
        2400,
        _n(
            "Software seats for the hire",
            _MONEY_YEAR,
            "sample_case",
            8,
            maximum=1e7,
            source_no="nok_conversion",
        ),
    )
    recruiting_cost: float = _number(
        4425,
        _n(
            "Recruiting cost per hire",
            _MONEY,
            "shrm_cost_per_hire",
            8,
            maximum=1e7,
            source_no="nok_conversion",
            low=2700,
            high=4700,
            help="SHRM $4,425 (2017); PwC Saratoga $2,700; about $4,700 recently.",
        ),
    )
    time_to_fill_days: float = _number(
        42, _n("Time to fill the position", "days", "shrm_time_to_fill", 8, maximum=730)
    )
    ramp_up_weeks: float = _number(
        20,
        _n(
            "Weeks to full productivity",
            "weeks",
            "mellon_ramp",
            8,
            maximum=156,
            low=8,
            high=26,
            help="8 weeks clerical, 20 professional, 26+ executive. Productivity rises "
            "from 0 to full over these weeks.",
        ),
    )
    horizon_years: float = _number(
        3,
        _n(
            "Years the case looks ahead",
            "years",
            "model_assumption",
            8,
            kind="integer",
            minimum=1,
            maximum=10,
        ),
    )
    discount_rate: float = _number(
        0.08,
        _n(
            "Discount rate",
            "share a year",
            "discount_rate",
            8,
            maximum=0.5,
            help="What money a year from now is worth less than today: use your finance "
            "team's hurdle rate.",
        ),
    )
    activity_value_spread: float = _number(
        0.5,
        _n(
            "How far each activity's value per hour may be off",
            "share, either way",
            "model_assumption",
            8,
            maximum=0.95,
            help="0.5: each activity's value per hour is drawn between half and one and a "
            "half times its estimate.",
        ),
    )
    estimation_bias_correlation: float = _number(
        0.4,
        _n(
            "Shared estimation bias between activities",
            "correlation, 0-1",
            "estimation_bias",
            8,
            maximum=1,
            help="0: each activity's estimate errs on its own; 1: all err together. The "
            "same people estimated them, so they tend to be optimistic together.",
        ),
    )
    # Step 9: the role
    hire_role: str = _text(
        "auto",
        _n("Role to hire", "role", "model_assumption", 9, kind="choice", choices=ROLE_CHOICES),
    )

    ranges: tuple[tuple[str, tuple[float, float]], ...] = attrs.field(
        factory=tuple, converter=_ranges_converter
    )
    """The low/high range of each uncertain input, sorted by name."""

    def __attrs_post_init__(self) -> None:
        cover, worked = self.after_hours_cover_hours_per_week, self.actual_hours_per_week
        if worked < cover:
            raise InputError(
                "after_hours_cover_hours_per_week",
                cover,
                gettext(
                    "{cover} must be at most the {worked} ({hours} hours a week); you gave {given}"
                ).format(
                    cover=_label_of("after_hours_cover_hours_per_week"),
                    worked=_lowered(_label_of("actual_hours_per_week")),
                    hours=_plain(worked),
                    given=_plain(cover),
                ),
            )
        vision = sum(getattr(self, f"hire_{a.key}_hours_per_week") for a in ACTIVITIES)
        productive = self.hire_hours_per_week * self.hire_productive_share
        if vision > productive + 1e-9:
            raise InputError(
                "hire_hours_per_week",
                self.hire_hours_per_week,
                gettext(
                    "The activities' hours add up to {vision} hours a week, more than the "
                    "hire's productive hours ({hours} hours a week x {share} productive = "
                    "{productive}): lower an activity, or raise the contracted hours of the "
                    "hire or the productive share"
                ).format(
                    vision=_localised(f"{vision:g}"),
                    hours=_localised(f"{self.hire_hours_per_week:g}"),
                    share=_localised(f"{self.hire_productive_share:.0%}"),
                    productive=_localised(f"{productive:g}"),
                ),
            )
        currency = self.currency
        for name, (low, high) in self.ranges:
            spec = _SPECS.get(name)
            if spec is None or not spec.uncertain:
                what = gettext(spec.label) if spec is not None else name
                raise InputError(
                    name,
                    (low, high),
                    gettext("{input} has no range: only uncertain inputs have one").format(
                        input=what
                    ),
                )
            for end, value in (("low", low), ("high", high)):
                try:
                    check_value(name, spec, value, currency=currency, end=end)
                except InputError as error:
                    raise InputError(name, (low, high), str(error)) from None
            if low > high:
                raise InputError(
                    name,
                    (low, high),
                    gettext("{input}: the low end {low} is above the high end {high}").format(
                        input=gettext(spec.label), low=spec.shown(low), high=spec.shown(high)
                    ),
                )

    def evolve(self, **changes: Any) -> Scenario:
        """A copy with some fields changed, validated like a new scenario."""
        unknown = sorted(set(changes) - set(_SPECS) - {"ranges"})
        if unknown:
            raise InputError(
                unknown[0],
                changes[unknown[0]],
                gettext("{name} is not an input of the scenario").format(name=unknown[0]),
            )
        return attrs.evolve(self, **changes)

    def with_range(self, name: str, low: float, high: float) -> Scenario:
        """A copy with the low/high range of one uncertain input changed."""
        return self.evolve(ranges={**dict(self.ranges), name: (low, high)})

    def range_of(self, name: str) -> tuple[float, float]:
        """The (low, high) range of an uncertain input."""
        return dict(self.ranges)[name]

    def values(self) -> dict[str, Any]:
        """Every input by name (without the ranges)."""
        return {name: getattr(self, name) for name in _SPECS}

    def changed_from(self, other: Scenario) -> dict[str, tuple[Any, Any]]:
        """Inputs (and ranges) that differ: name -> (other's value, this value)."""
        mine, theirs = self.values(), other.values()
        diff = {k: (theirs[k], v) for k, v in mine.items() if theirs[k] != v}
        r_mine, r_theirs = dict(self.ranges), dict(other.ranges)
        diff |= {f"{k} range": (r_theirs[k], v) for k, v in r_mine.items() if r_theirs[k] != v}
        return diff

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with the schema version."""
        return {
            "schema_version": SCHEMA_VERSION,
            "values": self.values(),
            "ranges": {k: list(v) for k, v in self.ranges},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scenario:
        """Read `to_dict`'s output strictly: unknown fields or a newer schema are refused."""
        if not isinstance(data, Mapping):
            raise ScenarioFileError("scenario", data, "a scenario must be a JSON object")
        version = data.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ScenarioFileError(
                "schema_version",
                version,
                f"schema_version must be a whole number >= 1: got {version!r}",
            )
        if version > SCHEMA_VERSION:
            raise ScenarioFileError(
                "schema_version",
                version,
                f"schema_version {version} is newer than this socialcase reads "
                f"({SCHEMA_VERSION}): update socialcase",
            )
        unknown_keys = sorted(set(data) - {"schema_version", "values", "ranges"})
        if unknown_keys:
            raise ScenarioFileError(
                unknown_keys[0],
                data[unknown_keys[0]],
                f"{unknown_keys[0]} is not part of a scenario "
                "(expected schema_version, values, ranges)",
            )
        values = data.get("values", {})
        ranges = data.get("ranges", {})
        if not isinstance(values, Mapping) or not isinstance(ranges, Mapping):
            raise ScenarioFileError("values", values, "values and ranges must be JSON objects")
        if version < SCHEMA_VERSION:
            values, ranges = upgrade_v1(dict(values), dict(ranges))
        unknown = sorted(set(values) - set(_SPECS))
        if unknown:
            raise ScenarioFileError(
                unknown[0], values[unknown[0]], f"{unknown[0]} is not an input of the scenario"
            )
        return cls(
            **{
                **values,
                "ranges": {
                    k: tuple(v) if isinstance(v, list | tuple) else v for k, v in ranges.items()
                },
            }
        )


_SPECS: dict[str, Spec] = {
    a.name: a.metadata["spec"] for a in attrs.fields(Scenario) if "spec" in a.metadata
}
_DEFAULTS: dict[str, Any] = {a.name: a.default for a in attrs.fields(Scenario) if a.name in _SPECS}


# What schema version 2 took out of version 1: an input (replies per hour now come from the
# handle time) and its short link key, and the ranges of inputs that no longer have one.
_V1_GONE = ("responding_output_per_hour", "1o")
_V1_RANGES_GONE = frozenset(
    {
        *(f"{a.key}_{rate}" for a in ACTIVITIES for rate in ("output_per_hour", "kpi_per_output")),
        *(f"{a.key}_value_per_kpi" for a in ACTIVITIES),
        "chat_concurrency",
        "shrinkage",
        "no_holiday_pay_share",
    }
)


def upgrade_v1(
    values: dict[str, Any], ranges: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Schema 1 -> 2: the inputs and ranges of an old file or link, in today's terms.

    `responding_output_per_hour` goes (60 / handle time replaces it); ranges of inputs that
    no longer have one go (their uncertainty is now the activity's value spread); the
    productive share is set so the old activity hours still fit. What a link leaves out
    takes today's sample value, as for any link; a file holds every value.

    >>> values, ranges = upgrade_v1(
    ...     {"inbound_per_day": 200, "responding_output_per_hour": 9}, {"shrinkage": [0, 1]}
    ... )
    >>> values
    {'inbound_per_day': 200}
    >>> ranges
    {}
    """
    values = {k: v for k, v in values.items() if k not in _V1_GONE}
    ranges = {k: v for k, v in ranges.items() if k not in _V1_GONE and k not in _V1_RANGES_GONE}
    if "hire_productive_share" not in values:
        hours = values.get("hire_hours_per_week", 40)
        share = _DEFAULTS["hire_productive_share"]
        try:
            allotted = sum(
                float(values.get(n, _DEFAULTS[n]))
                for n in (f"hire_{a.key}_hours_per_week" for a in ACTIVITIES)
            )
            needed = min(allotted / float(hours), 1.0)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            needed = share  # a broken value is refused, with its message, when built
        if needed > share:  # version 1 valued all the hours: keep the old vision whole
            values["hire_productive_share"] = needed
    return values, ranges


def specs() -> dict[str, Spec]:
    """Every scenario input's `Spec`, in the order of the case."""
    return dict(_SPECS)


def spec_of(name: str) -> Spec:
    """The `Spec` of one scenario input."""
    try:
        return _SPECS[name]
    except KeyError:
        raise KeyError(f"{name} is not an input of the scenario") from None


def uncertain_inputs() -> Iterator[str]:
    """Names of the inputs that have a low/high range."""
    return (name for name, spec in _SPECS.items() if spec.uncertain)


# Norway preset: salaries from SSB; money figures without a Norwegian source are the
# US figures converted at Norges Bank's 2024 average of about NOK 10.76 per USD.
NOK_PER_USD = 10.76
EXCHANGE_RATES: dict[tuple[str, str], float] = {("USD", "NOK"): NOK_PER_USD}
"""The stated rates a country switch converts amounts at: (from, to) -> units of `to` per `from`."""
_CONVERTED = (
    "recruiting_cost",
    "equipment_cost",
    "tools_cost_per_year",
    "value_per_follower",
    *(f"{a.key}_value_per_kpi" for a in ACTIVITIES),
)
_SAMPLE = Scenario()


def _nok(usd: float) -> float:
    """A US figure in NOK: cash amounts to the nearest 100, unit values to 4 decimals."""
    return round(usd * NOK_PER_USD, -2) if usd >= 1000 else round(usd * NOK_PER_USD, 4)


_PRESETS: dict[str, dict[str, Any]] = {
    "US": {"country": "US", "currency": "USD"},
    "NO": {
        "country": "NO",
        "currency": "NOK",
        "team_salary_per_year": 66_850 * 12,
        "hire_salary_per_year": 66_850 * 12,
        "contracted_hours_per_week": 37.5,
        "hire_hours_per_week": 37.5,
        "working_weeks_per_year": 46,
        **{name: _nok(getattr(_SAMPLE, name)) for name in _CONVERTED},
    },
    "custom": {"country": "custom"},
}
_PRESET_RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "US": {},
    "NO": {
        **{
            name: (_nok(low), _nok(high))
            for name, (low, high) in _SAMPLE.ranges
            if name in _CONVERTED
        },
        # SSB's salary with the same band as the US one (about -10%/+14%); 46 weeks +/- 1.
        "hire_salary_per_year": (722_000, 914_500),
        "working_weeks_per_year": (45, 47),
    },
    "custom": {},
}


def _preset_value(country: str, name: str) -> Any:
    return _PRESETS[country].get(name, _PRESETS["US"].get(name, getattr(_SAMPLE, name)))


def _preset_range(country: str, name: str) -> tuple[float, float]:
    return _PRESET_RANGES[country].get(name, _SAMPLE.range_of(name))


def exchange_rate(from_currency: str, to_currency: str) -> float | None:
    """Units of `to_currency` per unit of `from_currency` at the stated rate, or None if unknown.

    >>> exchange_rate("USD", "NOK"), round(exchange_rate("NOK", "USD") * NOK_PER_USD, 12)
    (10.76, 1.0)
    """
    if from_currency == to_currency:
        return 1.0
    if (from_currency, to_currency) in EXCHANGE_RATES:
        return EXCHANGE_RATES[(from_currency, to_currency)]
    if (to_currency, from_currency) in EXCHANGE_RATES:
        return 1.0 / EXCHANGE_RATES[(to_currency, from_currency)]
    return None


def money_fields() -> tuple[str, ...]:
    """The inputs that are amounts of money in the scenario's currency."""
    return tuple(name for name, spec in _SPECS.items() if spec.unit.startswith(_MONEY))


def preset_changes(current: Scenario, country: str) -> dict[str, Any]:
    """The changes that move `current` to `country`'s preset.

    Inputs (and ranges) still at the old preset's value follow the new preset.
    An amount of money the person set (typed, measured, from a link) is never
    reinterpreted in the new currency: it is converted at `exchange_rate`
    (rounded to cents); with no known rate it stays as it is.

    >>> changes = preset_changes(Scenario(hire_salary_per_year=70_000), "NO")
    >>> changes["currency"], changes["hire_salary_per_year"], changes["team_salary_per_year"]
    ('NOK', 753200.0, 802200)
    """
    if country not in _PRESETS:
        raise InputError(
            "country",
            country,
            gettext("{subject} must be {allowed}; {given}").format(
                subject=_label_of("country"),
                allowed=gettext("one of {choices}").format(choices=", ".join(COUNTRIES)),
                given=gettext("you gave {value}").format(value=_quote(country)),
            ),
        )
    old = current.country
    names = {*_PRESETS["NO"], *_PRESETS[country]} - {"country"}
    changes: dict[str, Any] = {"country": country}
    for name in names:
        if getattr(current, name) == _preset_value(old, name):
            changes[name] = _preset_value(country, name)
    rate = exchange_rate(current.currency, changes.get("currency", current.currency))
    convert = rate is not None and rate != 1.0
    factor = rate if rate is not None else 1.0
    for name in money_fields() if convert else ():
        value = getattr(current, name)
        if name not in changes and value != _preset_value(old, name):
            changes[name] = round(value * factor, 2)
    ranges = dict(current.ranges)
    moved = {
        name: _preset_range(country, name)
        for name in {*_CONVERTED, *_PRESET_RANGES[old], *_PRESET_RANGES[country]}
        if name in ranges and ranges[name] == _preset_range(old, name)
    }
    if convert:
        moved |= {
            name: (round(low * factor, 2), round(high * factor, 2))
            for name, (low, high) in ranges.items()
            if name in money_fields()
            and name not in moved
            and (low, high) != _preset_range(old, name)
        }
    if moved:
        changes["ranges"] = {**ranges, **moved}
    return changes


def preset(country: str, base: Scenario | None = None) -> Scenario:
    """The sample case (or `base`) with a country's employer-cost preset and currency.

    >>> preset("NO").hire_salary_per_year
    802200.0
    >>> preset("NO").range_of("recruiting_cost")
    (29100.0, 50600.0)
    """
    start = base or Scenario()
    return start.evolve(**preset_changes(start, country))
