"""Reading what a person types into a number box, with a message when it is not a number.

Accepts what people write: ``62,810``, ``62 810``, ``0,4`` (decimal comma),
``40%`` for a share, a leading currency sign. Everything else is refused with
an `InputError` naming the field and what is allowed.
"""

from __future__ import annotations

import math
import re

from socialcase.errors import InputError
from socialcase.scenario import Spec, check_value

__all__ = ["format_value", "is_share", "parse_number"]

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_CURRENCY = re.compile(
    r"^(?:[$€£]|usd|nok|eur|gbp|kr)\s*|\s*(?:[$€£]|usd|nok|eur|gbp|kr)$", re.IGNORECASE
)


def parse_number(text: str, name: str, spec: Spec) -> float:
    """The number in `text` for field `name`, checked against its `spec`.

    >>> from socialcase.scenario import spec_of
    >>> parse_number("62,810", "hire_salary_per_year", spec_of("hire_salary_per_year"))
    62810.0
    >>> parse_number("40%", "reply_share", spec_of("reply_share"))
    0.4
    >>> parse_number("0,4", "reply_share", spec_of("reply_share"))
    0.4
    >>> parse_number("lots", "inbound_per_day", spec_of("inbound_per_day"))
    Traceback (most recent call last):
    ...
    socialcase.errors.InputError: inbound_per_day must be a number >= 0 and <= 1e+06 \
(messages per day): got 'lots'
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
        raise InputError(name, raw, f"{name} is empty: enter {spec.allowed()} ({spec.unit})")
    try:
        value = float(cleaned) * scale
    except ValueError:
        raise InputError(
            name, raw, f"{name} must be {spec.allowed()} ({spec.unit}): got {raw!r}"
        ) from None
    if not math.isfinite(value):
        raise InputError(name, raw, f"{name} must be {spec.allowed()} ({spec.unit}): got {raw!r}")
    value = round(value, 12)
    check_value(name, spec, value)
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
