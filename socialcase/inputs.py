"""Reading what a person types into a number box, with a message when it is not a number.

Accepts what people write: ``62,810``, ``62 810``, ``0,4`` (decimal comma),
``40%`` for a share, a leading currency sign. Everything else is refused with
an `InputError` naming the field by its label and what is allowed, with its unit.
"""

from __future__ import annotations

import math
import re

from socialcase.errors import InputError
from socialcase.scenario import Spec, check_value, refusal

__all__ = ["format_value", "is_share", "parse_number"]

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_CURRENCY = re.compile(
    r"^(?:[$€£]|usd|nok|eur|gbp|kr)\s*|\s*(?:[$€£]|usd|nok|eur|gbp|kr)$", re.IGNORECASE
)


def parse_number(
    text: str, name: str, spec: Spec, *, currency: str | None = None, end: str = ""
) -> float:
    """The number in `text` for field `name`, checked against its `spec`.

    A refused text raises `InputError` (``field`` is `name`) naming the field by its label,
    with what is allowed in words and units (`currency`: the case's code for money) and
    what was typed; `end` ("low"/"high") says which end of a range the box is.

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
    raw = text
    cleaned = _CURRENCY.sub("", text.strip()).replace("\u00a0", "").replace(" ", "")
    cleaned = cleaned.replace("_", "")
    share = spec.unit.startswith("share")
    scale = 1.0
    if cleaned.endswith("%") and share:
        cleaned, scale = cleaned[:-1], 0.01
    if _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not cleaned:
        allowed = spec.allowed(currency)
        if spec.kind != "integer":
            allowed = f"a number {allowed}"
        subject = f"{spec.subject} (the {end} end of its range)" if end else spec.subject
        raise InputError(name, raw, f"{subject} is empty: type {allowed}")
    bad = refusal(name, spec, raw, currency=currency, typed=raw, end=end)
    try:
        value = float(cleaned) * scale
    except ValueError:
        raise bad from None
    if not math.isfinite(value):
        raise bad
    value = round(value, 12)
    check_value(name, spec, value, currency=currency, typed=raw, end=end)
    return value


def is_share(spec: Spec) -> bool:
    """A share (0-1 in the model) is shown and typed as a percentage."""
    return spec.unit.startswith("share")


def format_value(value: float, spec: Spec) -> str:
    """How a number is shown in its box: thousands separators, no trailing zeros, and
    a share as a percentage (the model keeps 0.4, the box shows 40%).

    >>> from socialcase.scenario import spec_of
    >>> format_value(62810.0, spec_of("hire_salary_per_year"))
    '62,810'
    >>> format_value(0.4, spec_of("reply_share"))
    '40%'
    >>> format_value(0.07, spec_of("discount_rate"))
    '7%'
    """
    if spec.kind == "integer":
        return f"{int(value):,}"
    if is_share(spec):
        return f"{value * 100:,.10g}%"
    return f"{value:,.10g}"
