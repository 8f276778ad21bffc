"""The report's inputs as a reader sees them: each value with its unit, and the appendix rows.

In the current language (`socialcase.i18n`): English as before (``$62,810 per year``),
Norwegian with its own marks and words (``62\u00a0810\u00a0kr per år``, ``34\u00a0% av lønnen``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from socialcase.formatting import money
from socialcase.formatting import unit as unit_words
from socialcase.i18n import current_language, gettext
from socialcase.narrative import Glossary, arrival_profile_text, role_title, step_title
from socialcase.page import country_inputs_hidden
from socialcase.provenance import Provenance, describe, describe_range
from socialcase.scenario import Scenario, spec_of, specs

__all__ = ["AppendixGroup", "AppendixRow", "appendix", "format_input"]


def _local(text: str) -> str:
    """An English-written number (``1,234.5``) with the current locale's marks."""
    if current_language() == "en":
        return text
    return text.replace(",", "\u00a0").replace(".", ",")


def _plain(value: float) -> str:
    if float(value).is_integer():
        return _local(f"{value:,.0f}")
    return _local(format(value, ",.6g"))


def _money_exact(amount: float, currency: str) -> str:
    """Money with cents where whole units would hide the value (a follower is worth $0.50)."""
    if float(amount).is_integer() or abs(amount) >= 100 or current_language() != "en":
        return money(amount, currency)
    prefix = money(1.0, currency)[:-1]  # "$" or "NOK "
    sign = "-" if amount < 0 else ""
    body = f"{abs(amount):,.2f}" if abs(amount) >= 0.01 else format(abs(amount), "g")
    return f"{sign}{prefix}{body}"


def _share(value: float) -> str:
    text = f"{value * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%" if current_language() == "en" else f"{_local(text)}\u00a0%"


def format_input(name: str, value: Any, currency: str = "USD") -> str:
    """One scenario input as a reader sees it: the value with its unit (plain text).

    Parameters
    ----------
    name : str
        The scenario field, e.g. ``"hire_salary_per_year"``.
    value : Any
        Its value (a number or a text).
    currency : str
        The scenario's currency, for money inputs.

    Returns
    -------
    str
        Not escaped: escape it before putting it in HTML.

    Examples
    --------
    >>> format_input("hire_salary_per_year", 62_810.0)
    '$62,810 per year'
    >>> format_input("value_per_follower", 0.5, "NOK")
    'NOK 0.50 per follower'
    >>> format_input("benefits_load_share", 0.34)
    '34% of salary'
    >>> format_input("reply_share", 0.4)
    '40%'
    >>> format_input("handle_time_minutes", 5.0)
    '5 minutes per message'
    >>> format_input("replacement_cost_multiplier", 0.5)
    '0.5x annual salary'
    >>> format_input("answer_skills", "")
    '(empty)'
    """
    spec = spec_of(name)
    if spec.kind in ("text", "choice"):
        return _choice(name, str(value)) if str(value) else gettext("(empty)")
    if spec.kind == "profile":
        return arrival_profile_text(tuple(value))
    if current_language() != "en":
        return _local_input(spec.unit, float(value), currency)
    unit = spec.unit
    if unit.startswith("currency"):
        return _money_exact(float(value), currency) + unit.removeprefix("currency")
    if unit.startswith("share"):
        rest = unit.removeprefix("share")
        return _share(float(value)) + ("" if rest.startswith(",") else rest)
    if unit.startswith("x "):  # a multiple: "1x annual salary"
        return f"{_plain(float(value))}{unit}"
    return f"{_plain(float(value))} {unit}"


def _choice(name: str, value: str) -> str:
    """A chosen value in words: a role by its title, "auto" as the rule, others as typed."""
    if name == "hire_role":
        from socialcase.roles import ROLES

        if value in ROLES:
            return role_title(ROLES[value])
        if value == "auto" and current_language() != "en":
            return gettext("auto (suggested from the gaps)")
    if name == "country" and current_language() != "en":
        from socialcase.provenance import COUNTRY_NAMES

        return gettext(COUNTRY_NAMES.get(value, value))
    return value


def _local_input(unit: str, value: float, currency: str) -> str:
    """A number input in a language other than English: the unit's translation
    (`socialcase.formatting.unit`), the figure by the locale."""
    words = gettext(unit)
    if unit.startswith("currency"):  # "{currency} per år": the amount takes the currency's place
        rest = words.split("{currency}", 1)[1] if "{currency}" in words else " " + words
        return _money_exact(value, currency) + rest
    if unit.startswith("share"):
        rest = words.split(" ", 1)[1] if " " in words and not words.split()[0].endswith(",") else ""
        return _share(value) + (" " + rest if rest else "")
    return f"{_plain(value)} {unit_words(unit, currency)}"


@dataclass(frozen=True)
class AppendixRow:
    """One input in the appendix: its label, value, range and source, all plain text."""

    name: str
    label: str
    value: str
    span: str
    origin_kind: str
    source: str


@dataclass(frozen=True)
class AppendixGroup:
    step: int
    title: str
    rows: tuple[AppendixRow, ...]


def appendix(scenario: Scenario, provenance: Provenance | None = None) -> list[AppendixGroup]:
    """Every input that applies to this case, by step, with its value, range and source.

    The inputs of another country's employer costs are left out (they change nothing
    here); Norwegian terms get their English the first time (`narrative.Glossary`). A
    value with no recorded origin that differs from its preset default reads "set in
    this scenario": it is never credited to the default's source.
    """
    cur = scenario.currency
    ranges = dict(scenario.ranges)
    origins = provenance if provenance is not None else Provenance()
    hidden = country_inputs_hidden(scenario)
    glossary = Glossary()
    groups: dict[int, list[AppendixRow]] = {}
    for name, spec in specs().items():
        if name in hidden:
            continue
        value = format_input(name, getattr(scenario, name), cur)
        span = ""
        if name in ranges:
            low, high = ranges[name]
            span = gettext("{low} to {high}").format(
                low=format_input(name, low, cur), high=format_input(name, high, cur)
            )
            said = describe_range(scenario, name, origins.range_origin(scenario, name))
            if not low <= float(getattr(scenario, name)) <= high:
                said = gettext("does not hold the value: the simulation draws around it")
            if said:
                span += f" ({said})"
        origin = origins.origin(scenario, name)
        groups.setdefault(spec.step, []).append(
            AppendixRow(
                name,
                glossary.explain(gettext(spec.label)),
                value,
                span,
                origin.kind,
                describe(scenario, name, origin, long=True),
            )
        )
    return [AppendixGroup(step, step_title(step), tuple(rows)) for step, rows in groups.items()]
