"""Numbers as a reader sees them: money in the scenario's currency, shares, hours.

Formatting is an edge concern: the calculations hold plain floats.
"""

from __future__ import annotations

import math

__all__ = ["hours", "money", "months", "number", "percent"]

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def money(amount: float, currency: str = "USD", *, signed: bool = False) -> str:
    """Whole currency units with thousands separators; cents below 100 units.

    >>> money(21434.68)
    '$21,435'
    >>> money(-1500, "NOK")
    '-NOK 1,500'
    >>> money(1500, signed=True)
    '+$1,500'
    >>> money(0.5)
    '$0.50'
    """
    if not math.isfinite(amount):
        return "n/a"
    small = 0 < abs(amount) < 100 and not float(amount).is_integer()
    body = f"{abs(amount):,.2f}" if small else f"{abs(amount):,.0f}"
    sign = "-" if amount < 0 and body.strip("0.,") else ("+" if signed and amount > 0 else "")
    symbol = _SYMBOLS.get(currency)
    return f"{sign}{symbol}{body}" if symbol else f"{sign}{currency} {body}"


def percent(share: float, digits: int = 0) -> str:
    """A share 0-1 as a percentage.

    >>> percent(0.8969)
    '90%'
    >>> percent(0.204, 1)
    '20.4%'
    """
    if not math.isfinite(share):
        return "n/a"
    return f"{share * 100:.{digits}f}%"


def months(value: float) -> str:
    """Months with one decimal, or 'never' when the hire does not pay back.

    >>> months(9.93), months(float("inf"))
    ('9.9 months', 'never')
    """
    if not math.isfinite(value):
        return "never"
    return f"{value:.1f} months"


def hours(value: float) -> str:
    """Hours, without a trailing .0.

    >>> hours(16.0), hours(2.5)
    ('16 h', '2.5 h')
    """
    return f"{value:g} h" if value == round(value, 1) else f"{value:.1f} h"


def number(value: float) -> str:
    """A count rounded to whole units.

    >>> number(1234.4)
    '1,234'
    """
    return f"{value:,.0f}" if math.isfinite(value) else "n/a"
