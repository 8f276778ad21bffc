"""Where each input's value comes from (every step, and the report's appendix).

An input holds the built-in default of its country preset (with that default's
published source), a figure the lead typed, a value measured from a named file,
or one that came in a link or a scenario file. `Provenance` records the
non-default origins; the link, the scenario file and the appendix carry them,
so a typed salary is never credited to the source of the default it replaced.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from socialcase.i18n import N_, current_language, gettext, ngettext
from socialcase.scenario import (
    Scenario,
    exchange_rate,
    money_fields,
    preset,
    preset_changes,
    spec_of,
)

__all__ = [
    "KINDS",
    "Conversion",
    "CountrySwitch",
    "Origin",
    "Provenance",
    "describe",
    "describe_range",
    "out_of_range",
    "switch_country",
    "widen_ranges",
]

KINDS = ("default", "typed", "measured", "link", "file", "widened")
"""default: the preset's default; typed: the lead's own figure; measured: from a named
file; link / file: came in a link or a scenario file with no origin recorded; widened:
a range stretched to hold the value the case uses."""

COUNTRY_NAMES = {"US": N_("United States"), "NO": N_("Norway"), "custom": N_("Custom")}


@dataclass(frozen=True)
class Conversion:
    """An amount set in another currency and converted at a stated rate when the country changed."""

    amount: float  # as it was set, in `currency`
    currency: str
    rate: float  # units of the new currency per unit of `currency`

    def text(self, to_currency: str) -> str:
        """'USD 70,000 at 10.76 NOK per USD'."""
        rate = f"{self.rate:,.6g} {to_currency} per {self.currency}"
        return f"{_amount(self.amount, self.currency)} at {rate}"


@dataclass(frozen=True)
class Origin:
    """Where one input's value comes from.

    `detail` says what was measured ("inbox.csv, 28 days") or names the file a
    value came in; `via` is how it reached this viewer ("the link", a file name),
    empty when it was set here; `converted` is set when a country switch converted it.
    """

    kind: str = "default"
    detail: str = ""
    via: str = ""
    converted: Conversion | None = None

    def code(self) -> list[Any]:
        """A compact JSON form for links and files: [kind, detail] or [kind, detail, conversion]."""
        out: list[Any] = [self.kind[0], self.detail]
        if self.converted is not None:
            c = self.converted
            out.append([_compact(c.amount), c.currency, c.rate])
        return out

    @classmethod
    def from_code(cls, code: Any, via: str) -> Origin | None:
        """Read `code`; None when it is not an origin this version knows (then it is ignored)."""
        if not isinstance(code, list) or not code or not isinstance(code[0], str):
            return None
        kind = {k[0]: k for k in KINDS}.get(code[0])
        detail = code[1] if len(code) > 1 and isinstance(code[1], str) else ""
        if kind is None or kind == "default":
            return None
        converted = None
        if len(code) > 2:
            c = code[2]
            ok = (
                isinstance(c, list)
                and len(c) == 3
                and all(_finite(x) for x in (c[0], c[2]))
                and isinstance(c[1], str)
                and 0 < len(c[1]) <= 8
                and c[2] > 0
            )
            if not ok:
                return None
            converted = Conversion(float(c[0]), c[1], float(c[2]))
        return cls(kind, detail[:200], via, converted)


def _finite(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _compact(value: float) -> float | int:
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


@cache
def _preset_values(country: str) -> dict[str, Any]:
    return preset(country).values()


@cache
def _preset_ranges(country: str) -> dict[str, tuple[float, float]]:
    return dict(preset(country).ranges)


def is_default(scenario: Scenario, name: str) -> bool:
    """True when `name` holds its default under the scenario's country preset."""
    return bool(getattr(scenario, name) == _preset_values(scenario.country).get(name))


def range_is_default(scenario: Scenario, name: str) -> bool:
    return dict(scenario.ranges).get(name) == _preset_ranges(scenario.country).get(name)


@dataclass(frozen=True)
class Provenance:
    """The recorded origin of every input that does not hold its default.

    Keys are field names, or ``"<field> range"`` for a low/high range. Immutable:
    every change gives a new `Provenance`.

    >>> p = Provenance().set(["hire_salary_per_year"], Origin("typed"))
    >>> p.origin(Scenario(hire_salary_per_year=70_000), "hire_salary_per_year").kind
    'typed'
    >>> p.origin(Scenario(), "inbound_per_day").kind
    'default'
    """

    origins: tuple[tuple[str, Origin], ...] = ()

    def as_dict(self) -> dict[str, Origin]:
        return dict(self.origins)

    def get(self, key: str) -> Origin | None:
        return self.as_dict().get(key)

    def set(self, keys: Iterable[str], origin: Origin) -> Provenance:
        """These keys now come from `origin`."""
        mine = self.as_dict()
        for key in keys:
            mine[key] = origin
        return Provenance(tuple(sorted(mine.items())))

    def without(self, keys: Iterable[str]) -> Provenance:
        drop = set(keys)
        return Provenance(tuple((k, o) for k, o in self.origins if k not in drop))

    def origin(self, scenario: Scenario, name: str) -> Origin:
        """The origin of `name`'s value: recorded, else the default, else 'not recorded'.

        A value that differs from its preset default and has no recorded origin is
        never credited to the default's source: it reads "set in this scenario".
        """
        found = self.get(name)
        if found is not None:
            return found
        if is_default(scenario, name):
            return Origin("default")
        return Origin("link", "", "this scenario")

    def range_origin(self, scenario: Scenario, name: str) -> Origin:
        found = self.get(f"{name} range")
        if found is not None:
            return found
        if range_is_default(scenario, name):
            return Origin("default")
        return Origin("link", "", "this scenario")

    def after(self, before: Scenario, after: Scenario, origin: Origin) -> Provenance:
        """Record `origin` for every input (and range) that changed from `before` to `after`."""
        changed = [k for k, (old, new) in after.changed_from(before).items() if old != new]
        return self.set(changed, origin).settle(after)

    def settle(self, scenario: Scenario) -> Provenance:
        """Forget 'came in a link or file' for inputs that hold their default (typed ones stay)."""
        stale = [
            key
            for key, origin in self.origins
            if origin.kind in ("link", "file")
            and (
                range_is_default(scenario, key.removesuffix(" range"))
                if key.endswith(" range")
                else is_default(scenario, key)
            )
        ]
        return self.without(stale)

    def arrived(self, via: str) -> Provenance:
        """The same origins as they reach a viewer through a link or a file named `via`."""
        return Provenance(tuple((k, replace(o, via=via)) for k, o in self.origins))

    def codes(self) -> dict[str, list[Any]]:
        """Compact JSON for a link or a file: key -> `Origin.code()`."""
        return {key: origin.code() for key, origin in self.origins}

    @classmethod
    def from_codes(cls, codes: Any, via: str, known: Iterable[str]) -> tuple[Provenance, int]:
        """Read `codes`; returns the provenance and how many entries were not usable."""
        if not isinstance(codes, Mapping):
            return cls(), 0 if codes is None else 1
        allowed = set(known)
        good: dict[str, Origin] = {}
        bad = 0
        for key, code in codes.items():
            origin = Origin.from_code(code, via)
            if isinstance(key, str) and key in allowed and origin is not None:
                good[key] = origin
            else:
                bad += 1
        return cls(tuple(sorted(good.items()))), bad


def describe(scenario: Scenario, name: str, origin: Origin, *, long: bool = False) -> str:
    """The origin in words: compact beside the input, `long` for the report's appendix.

    >>> s = Scenario(hire_salary_per_year=70_000)
    >>> describe(s, "hire_salary_per_year", Origin("typed"))
    'Your figure.'
    >>> describe(s, "inbound_per_day", Origin("measured", "inbox.csv, 28 days"))
    'Measured from inbox.csv, 28 days.'
    >>> describe(Scenario(), "inbound_per_day", Origin())  # doctest: +ELLIPSIS
    "Default: Sprout Social ..."
    """
    spec = spec_of(name)
    country = scenario.country
    cited = spec.cited_in(country).citation()
    answer = spec.kind == "text" and name.startswith("answer_")
    came = origin.via and origin.via != "this scenario"
    if origin.kind == "default":
        return _describe_default(scenario, name, cited)
    if origin.kind == "typed":
        if origin.via:
            text = gettext("The lead's answer") if answer else gettext("The lead's figure")
        else:
            text = gettext("Your answer") if answer else gettext("Your figure")
    elif origin.kind == "measured":
        text = gettext("Measured from {detail}").format(
            detail=origin.detail or gettext("an export")
        )
    else:
        where = origin.detail or origin.via or "this scenario"
        text = (
            gettext("Set in this scenario (its source was not recorded)")
            if where == "this scenario"
            else gettext("From {where} (its source was not recorded)").format(where=where)
        )
    if came and origin.kind in ("typed", "measured"):
        text = gettext("{origin} (came in {via})").format(origin=text, via=origin.via)
    if origin.converted is not None:
        text = gettext("{origin}, converted from {amount}").format(
            origin=text, amount=origin.converted.text(scenario.currency)
        )
    text += "."
    if long:
        text += " " + gettext("Replaces the default ({citation}).").format(citation=cited)
    return text


def _describe_default(scenario: Scenario, name: str, cited: str) -> str:
    """A preset's default; a preset value its source does not back is not credited to it."""
    country = scenario.country
    if country == "US":
        return gettext("Default: {citation}.").format(citation=cited)
    preset_name = gettext(COUNTRY_NAMES.get(country, country))
    value = getattr(scenario, name)
    if name in ("country", "currency"):
        return gettext("Set by the {preset} preset.").format(preset=preset_name)
    if spec_of(name).source_no is not None or value == _preset_values("US").get(name):
        return gettext("{preset} preset: {citation}.").format(preset=preset_name, citation=cited)
    rate = exchange_rate("USD", scenario.currency)
    if name in money_fields() and rate not in (None, 1.0):
        return gettext(
            "{preset} preset: the US default converted at {rate} {currency} per USD ({citation})."
        ).format(
            preset=preset_name,
            rate=_rate(rate),
            currency=scenario.currency,
            citation=cited,
        )
    return gettext("{preset} preset value; the preset records no source for it.").format(
        preset=preset_name
    )


def _rate(rate: float) -> str:
    """An exchange rate to six significant digits (``10.76``), the locale's decimal mark."""
    text = format(rate, ",.6g")
    if current_language() == "en":
        return text
    return text.replace(",", "\u00a0").replace(".", ",")


def describe_range(scenario: Scenario, name: str, origin: Origin) -> str:
    """A range's origin in a few words; empty for the default range."""
    if origin.kind == "default":
        return ""
    if origin.kind == "widened":
        return gettext("widened to hold {value}").format(
            value=gettext(origin.detail) if origin.detail else gettext("the value")
        )
    if origin.kind == "typed":
        if origin.via:
            return gettext("your range (came in {via})").format(via=origin.via)
        return gettext("your range")
    return gettext("set in this scenario")


def out_of_range(scenario: Scenario) -> tuple[str, ...]:
    """Uncertain inputs whose value lies outside their low/high range."""
    return tuple(
        name
        for name, (low, high) in scenario.ranges
        if not low <= float(getattr(scenario, name)) <= high
    )


def widen_ranges(scenario: Scenario, names: Iterable[str] | None = None) -> Scenario:
    """`scenario` with every range (of `names`, default all) stretched to hold its value.

    The simulation draws around the value the case uses, so a measured 71.9% reply
    share never sits beside a 25%-60% range.

    >>> s = widen_ranges(Scenario(reply_share=0.719))
    >>> s.range_of("reply_share")[1]
    0.719
    """
    wanted = set(out_of_range(scenario))
    if names is not None:
        wanted &= set(names)
    if not wanted:
        return scenario
    ranges = dict(scenario.ranges)
    for name in wanted:
        low, high = ranges[name]
        value = float(getattr(scenario, name))
        ranges[name] = (min(low, value), max(high, value))
    return scenario.evolve(ranges=ranges)


@dataclass(frozen=True)
class CountrySwitch:
    """A country switch: the new scenario, the origins after it, and a note of what changed."""

    scenario: Scenario
    provenance: Provenance
    note: str


def _amount(value: float, currency: str) -> str:
    """An amount with its ISO code, as a conversion note shows it: 'USD 70,000'
    (Norwegian: '70 000 USD', '753 200 kr')."""
    if current_language() != "en":
        from socialcase.formatting import money

        return money(value, currency)
    if float(value).is_integer():
        return f"{currency} {value:,.0f}"
    return f"{currency} {value:,.2f}" if abs(value) >= 1 else f"{currency} {value:.4g}"


def switch_country(scenario: Scenario, provenance: Provenance, country: str) -> CountrySwitch:
    """Move to `country`'s preset without reinterpreting any amount in the new currency.

    Defaults follow the new preset; amounts that were set (typed, measured, from a
    link) are converted at the stated rate (`socialcase.scenario.exchange_rate`);
    an amount converted earlier and now back in its own currency gets exactly what
    was set (US -> NO -> US restores what was typed). With no known rate, amounts
    stay as they are and the note asks about them. Ranges that no longer hold their
    value are widened.

    >>> typed = Provenance().set(["hire_salary_per_year"], Origin("typed"))
    >>> there = switch_country(Scenario(hire_salary_per_year=70_000), typed, "NO")
    >>> there.scenario.hire_salary_per_year, there.note.splitlines()[1]
    (753200.0, 'Converted at 10.76 NOK per USD: Salary of the hire USD 70,000 to NOK 753,200.')
    >>> back = switch_country(there.scenario, there.provenance, "US")
    >>> back.scenario.hire_salary_per_year, back.provenance.get("hire_salary_per_year")
    (70000.0, Origin(kind='typed', detail='', via='', converted=None))
    """
    before = scenario
    changes = preset_changes(before, country)
    old_currency = before.currency
    new_currency = changes.get("currency", old_currency)
    rate = exchange_rate(old_currency, new_currency)
    origins = provenance.as_dict()
    converted: list[str] = []
    for name in money_fields():
        origin = origins.get(name)
        was_set = name in changes and not is_default(before, name) and name in origins
        if rate is None or rate == 1.0 or origin is None or not was_set:
            continue
        conversion = origin.converted
        if conversion is not None and conversion.currency == new_currency:
            changes[name] = conversion.amount  # back in its own currency: exactly as set
            origins[name] = replace(origin, converted=None)
        else:
            first = conversion or Conversion(float(getattr(before, name)), old_currency, rate)
            if conversion is not None:  # converted twice: keep the first amount, chain the rate
                first = Conversion(conversion.amount, conversion.currency, conversion.rate * rate)
            origins[name] = replace(origin, converted=first)
        converted.append(name)
    after = before.evolve(**changes)
    after = widen_ranges(after)
    # Amounts that were set but have no recorded origin (an older link) are converted too.
    unrecorded = [
        name
        for name in money_fields()
        if name in changes and name not in origins and not is_default(before, name)
    ]
    for name in unrecorded:
        origins[name] = Origin(
            "link",
            "",
            "this scenario",
            Conversion(float(getattr(before, name)), old_currency, rate or 1.0),
        )
    converted += unrecorded
    country_name = gettext(COUNTRY_NAMES.get(country, country))
    lines = [
        gettext("Switched to {country}: amounts are in {currency}.").format(
            country=country_name, currency=new_currency
        )
    ]
    if converted and rate not in (None, 1.0):
        shown = "; ".join(
            gettext("{label} {before} to {after}").format(
                label=gettext(spec_of(n).label),
                before=_amount(getattr(before, n), old_currency),
                after=_amount(getattr(after, n), new_currency),
            )
            for n in sorted(converted, key=list(money_fields()).index)
        )
        lines.append(
            gettext("Converted at {rate} {currency} per {old}: {amounts}.").format(
                rate=_rate(rate), currency=new_currency, old=old_currency, amounts=shown
            )
        )
    if rate is None and old_currency != new_currency:
        kept = [n for n in money_fields() if n in origins and n not in changes]
        if kept:
            lines.append(
                gettext(
                    "No rate from {old} to {currency} is known, so these amounts stay as they "
                    "were: {labels}. Are they in {currency}? If not, type them again."
                ).format(
                    old=old_currency,
                    currency=new_currency,
                    labels=", ".join(gettext(spec_of(n).label) for n in kept),
                )
            )
    followed = [
        n
        for n in changes
        if n not in ("country", "currency", "ranges")
        and n not in converted
        and getattr(before, n) != getattr(after, n)
    ]
    if followed:
        lines.append(
            ngettext(
                "{count} default now follow the {country} preset (each input says where its "
                "value comes from).",
                "{count} defaults now follow the {country} preset (each input says where its "
                "value comes from).",
                len(followed),
            ).format(count=len(followed), country=country_name)
        )
    widened = [n for n in out_of_range(before.evolve(**changes))]
    result = Provenance(tuple(sorted(origins.items()))).without(followed)
    if widened:
        result = result.set(
            [f"{n} range" for n in widened], Origin("widened", N_("the converted value"))
        )
    return CountrySwitch(after, result, "\n".join(lines))
