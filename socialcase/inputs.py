"""Reading what a person types into a number box, with a message when it is not a number.

Accepts what people write: ``62,810``, ``62 810``, ``0,4`` (decimal comma),
``40%`` for a share, a leading currency sign. Everything else is refused with
an `InputError` naming the field by its label and what is allowed, with its unit.
"""

from __future__ import annotations

import math

from socialcase.errors import InputError
from socialcase.i18n import gettext, language_of
from socialcase.parsing import NotANumberError, Reading, read_number
from socialcase.scenario import Spec, check_value, refusal

__all__ = ["format_value", "is_share", "parse_number", "read_input"]


def read_input(
    text: str,
    name: str,
    spec: Spec,
    *,
    currency: str | None = None,
    end: str = "",
    locale: str | None = None,
) -> Reading:
    """The number typed in `text` for field `name`, checked against its `spec`, read the
    way `locale` writes numbers (None: the page's language; `socialcase.parsing`), with
    the note of how an ambiguous number was read.

    A refused text raises `InputError` (``field`` is `name`) naming the field by its label,
    with what is allowed in words and units (`currency`: the case's code for money) and
    what was typed; `end` ("low"/"high") says which end of a range the box is.

    >>> from socialcase.scenario import spec_of
    >>> read_input("62 810,50", "hire_salary_per_year", spec_of("hire_salary_per_year"),
    ...            locale="nb").value
    62810.5
    """
    if not text.strip():
        allowed = spec.allowed(currency)
        if spec.kind != "integer":
            allowed = gettext("a number {allowed}").format(allowed=allowed)
        subject = spec.subject
        if end:
            subject = _range_end(subject, end)
        raise InputError(
            name,
            text,
            gettext("{subject} is empty: type {allowed}").format(subject=subject, allowed=allowed),
        )
    bad = refusal(name, spec, text, currency=currency, typed=text, end=end)
    try:
        reading = read_number(text, language_of(locale), share=is_share(spec))
    except NotANumberError:
        raise bad from None
    value = reading.value
    if not math.isfinite(value):
        raise bad
    value = round(value, 12)
    check_value(name, spec, value, currency=currency, typed=text, end=end)
    return Reading(value, reading.note)


def _range_end(subject: str, end: str) -> str:
    if end == "low":
        return gettext("{subject} (the low end of its range)").format(subject=subject)
    return gettext("{subject} (the high end of its range)").format(subject=subject)


def parse_number(
    text: str,
    name: str,
    spec: Spec,
    *,
    currency: str | None = None,
    end: str = "",
    locale: str | None = None,
) -> float:
    """The number in `text` for field `name`, checked against its `spec` (`read_input`).

    >>> from socialcase.scenario import spec_of
    >>> parse_number("62,810", "hire_salary_per_year", spec_of("hire_salary_per_year"))
    62810.0
    >>> parse_number("40%", "reply_share", spec_of("reply_share"))
    0.4
    >>> parse_number("0,4", "reply_share", spec_of("reply_share"))
    0.4
    >>> parse_number("$70k", "hire_salary_per_year", spec_of("hire_salary_per_year"),
    ...              currency="USD")
    Traceback (most recent call last):
    ...
    socialcase.errors.InputError: Salary of the hire must be between 0 and 100,000,000 \
USD a year; you typed '$70k'
    >>> parse_number("", "team_size", spec_of("team_size"))
    Traceback (most recent call last):
    ...
    socialcase.errors.InputError: People on the social team is empty: type a whole number \
between 1 and 1,000 people
    """
    return read_input(text, name, spec, currency=currency, end=end, locale=locale).value


def is_share(spec: Spec) -> bool:
    """A share (0-1 in the model) is shown and typed as a percentage."""
    return spec.unit.startswith("share")


def format_value(value: float, spec: Spec, *, locale: str | None = None) -> str:
    """How a number is shown in its box, the way `locale` writes numbers (None: the page's
    language): thousands separators, no trailing zeros, and a share as a percentage (the
    model keeps 0.4, the box shows 40%). Norwegian groups with a non-breaking space and
    writes a decimal comma and ``40 %``.

    >>> from socialcase.scenario import spec_of
    >>> format_value(62810.0, spec_of("hire_salary_per_year"))
    '62,810'
    >>> format_value(0.4, spec_of("reply_share"))
    '40%'
    >>> format_value(0.07, spec_of("discount_rate"))
    '7%'
    >>> format_value(62810.5, spec_of("hire_salary_per_year"), locale="nb")
    '62\xa0810,5'
    >>> format_value(0.125, spec_of("reply_share"), locale="nb")
    '12,5\xa0%'
    """
    if spec.kind == "integer":
        text = f"{int(value):,}"
    elif is_share(spec):
        text = f"{value * 100:,.10g}%"
    else:
        text = f"{value:,.10g}"
    if language_of(locale) == "nb":  # 1,234.5 -> 1 234,5 and 40% -> 40 % (no-break spaces)
        text = text.replace(",", "\u00a0").replace(".", ",").replace("%", "\u00a0%")
    return text
