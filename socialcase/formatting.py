"""Numbers as a reader sees them: money in the scenario's currency, shares, hours, dates.

Formatting is an edge concern: the calculations hold plain floats. Each
function takes a `locale` ("en", "nb", or "en_US", "nb_NO"; None: the page's
current language, `socialcase.i18n.current_language`) and formats with Babel
(CLDR's patterns): English as ``$28,545``, ``NOK 1,068,219``, ``12.5%``;
Norwegian as ``707 405 kr``, ``12,5 %``, ``1. desember 2026``, with non-breaking
spaces (U+00A0) between digit groups and before units, so a figure never wraps.

Decided once, for every function:

- Floats are handed to Babel exactly (``Decimal(x)``), so rounding is
  half-to-even on the float's true value, as Python's own ``format`` does;
  English output is exactly what this module printed before it had locales.
- A negative figure carries Babel's own minus for both locales, the ASCII
  hyphen-minus (``-12 722 kr``): that is what Babel writes for nb_NO (its
  currency pattern is ``#,##0.00 ¤;-#,##0.00 ¤``), and it pastes into a
  spreadsheet as a number. `socialcase.parsing` also reads U+2212 and dashes.
- A figure that cannot be shown (infinite, not a number) is "n/a" in English
  and "ikke tilgjengelig" in Norwegian; `months` says "never" / "aldri".
- English keeps its plain spaces ("NOK 1,500", "16 h") and writes currencies
  other than $, € and £ by their code, as before.
"""

from __future__ import annotations

import copy
import datetime as _dt
import functools
import math
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

from socialcase.i18n import babel_locale, language_of, translations

if TYPE_CHECKING:
    from babel.numbers import NumberPattern

__all__ = [
    "compact",
    "decimal",
    "hours",
    "long_date",
    "money",
    "months",
    "number",
    "percent",
    "unit",
]

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
"""Currencies English writes by their sign; every other one by its code and a space."""

_PRECISION = 400
"""Decimal digits Babel rounds in: enough for the largest float (about 1.8e308)."""


def _missing(language: str) -> str:
    return translations(language).pgettext("a figure that cannot be shown", "n/a")


@functools.cache
def _pattern(language: str, kind: str, digits: int) -> NumberPattern:
    """The locale's CLDR pattern of `kind` ("currency", "percent", "decimal"), `digits` decimals."""
    from babel.numbers import parse_pattern

    loc = babel_locale(language)
    if kind == "currency":
        pattern = parse_pattern(loc.currency_formats["standard"].pattern)
    elif kind == "percent":
        pattern = parse_pattern(loc.percent_formats[None].pattern)
    else:
        pattern = parse_pattern(loc.decimal_formats[None].pattern)
    pattern = copy.copy(pattern)
    pattern.frac_prec = (digits, digits)
    pattern.scale = 0  # percentages are scaled by the caller, as the float it formats
    return pattern


def _apply(
    pattern: NumberPattern,
    value: float,
    language: str,
    currency: str | None = None,
    *,
    grouped: bool = True,
) -> str:
    with localcontext() as context:
        context.prec = _PRECISION
        text = pattern.apply(
            Decimal(value),
            babel_locale(language),
            currency=currency,
            currency_digits=False,
            group_separator=grouped,
        )
    return text.replace("\u00a0", " ") if language == "en" else text


def _en_currency(currency: str) -> str:
    return _SYMBOLS.get(currency, f"{currency} ")


def money(
    amount: float, currency: str = "USD", *, signed: bool = False, locale: str | None = None
) -> str:
    """Whole currency units with thousands separators; cents below 100 units.

    >>> money(21434.68)
    '$21,435'
    >>> money(-1500, "NOK")
    '-NOK 1,500'
    >>> money(1500, signed=True)
    '+$1,500'
    >>> money(0.5)
    '$0.50'
    >>> money(707405, "NOK", locale="nb")
    '707\\xa0405\\xa0kr'
    >>> money(-12722, "NOK", locale="nb"), money(28545, "USD", locale="nb")
    ('-12\\xa0722\\xa0kr', '28\\xa0545\\xa0USD')
    """
    language = language_of(locale)
    if not math.isfinite(amount):
        return _missing(language)
    small = 0 < abs(amount) < 100 and not float(amount).is_integer()
    digits = 2 if small else 0
    if language == "en":  # as before: "$1,500", "NOK 1,500", not CLDR's "NOK1,500"
        body = _en_currency(currency) + _decimal(abs(amount), digits, language)
    else:
        body = _apply(_pattern(language, "currency", digits), abs(amount), language, currency)
    shows_a_digit = any(c in "123456789" for c in body)
    sign = "-" if amount < 0 and shows_a_digit else ("+" if signed and amount > 0 else "")
    return sign + body


def percent(share: float, digits: int = 0, *, locale: str | None = None) -> str:
    """A share 0-1 as a percentage.

    >>> percent(0.8969)
    '90%'
    >>> percent(0.204, 1)
    '20.4%'
    >>> percent(0.125, 1, locale="nb")
    '12,5\\xa0%'
    """
    language = language_of(locale)
    scaled = share * 100
    if not math.isfinite(scaled):
        return _missing(language)
    return _apply(_pattern(language, "percent", digits), scaled, language, grouped=False)


def _decimal(value: float, digits: int, language: str, *, grouped: bool = True) -> str:
    return _apply(_pattern(language, "decimal", digits), value, language, grouped=grouped)


def months(value: float, *, locale: str | None = None) -> str:
    """Months with one decimal, or 'never' when the hire does not pay back.

    >>> months(9.93), months(float("inf"))
    ('9.9 months', 'never')
    >>> months(9.93, locale="nb"), months(float("inf"), locale="nb")
    ('9,9 måneder', 'aldri')
    """
    language = language_of(locale)
    words = translations(language)
    if not math.isfinite(value):
        return words.pgettext("does not pay back", "never")
    shown = _decimal(value, 1, language, grouped=False)
    return words.gettext("{months} months").format(months=shown)


def hours(value: float, *, locale: str | None = None) -> str:
    """Hours, without a trailing .0 (and one decimal at most).

    >>> hours(16.0), hours(2.5), hours(2.25)
    ('16 h', '2.5 h', '2.2 h')
    >>> hours(2.5, locale="nb")
    '2,5\\xa0t'
    """
    language = language_of(locale)
    if not math.isfinite(value):
        return _missing(language)
    # As before: a value with one decimal at most shows it ("2.5 h", "16 h"), any other
    # one is rounded to one decimal ("2.96" -> "3.0 h").
    digits = 0 if value == round(value, 1) and float(value).is_integer() else 1
    shown = _decimal(value, digits, language, grouped=False)
    return translations(language).gettext("{hours} h").format(hours=shown)


def number(value: float, *, locale: str | None = None) -> str:
    """A count rounded to whole units.

    >>> number(1234.4)
    '1,234'
    >>> number(1234.4, locale="nb")
    '1\\xa0234'
    """
    language = language_of(locale)
    if not math.isfinite(value):
        return _missing(language)
    return _decimal(value, 0, language)


def decimal(
    value: float, digits: int = 1, *, grouped: bool = True, locale: str | None = None
) -> str:
    """A number with `digits` decimals (a rate, a multiple, a share of a person's time).

    >>> decimal(1234.56), decimal(1234.56, locale="nb"), decimal(2.5, grouped=False)
    ('1,234.6', '1\xa0234,6', '2.5')
    """
    language = language_of(locale)
    if not math.isfinite(value):
        return _missing(language)
    return _decimal(value, digits, language, grouped=grouped)


def compact(value: float, *, locale: str | None = None) -> str:
    """A number as Python's ``:g`` writes it (no trailing zeros), the locale's decimal mark.

    >>> compact(2.0), compact(2.5), compact(2.5, locale="nb"), compact(1e-05, locale="nb")
    ('2', '2.5', '2,5', '1e-05')
    """
    text = f"{value:g}"
    return text.replace(".", ",") if language_of(locale) == "nb" else text


def long_date(day: _dt.date, *, locale: str | None = None) -> str:
    """A date written out: "01 December 2026" in English (as the page writes dates),
    "1. desember 2026" in Norwegian (CLDR's long date).

    >>> long_date(_dt.date(2026, 12, 1)), long_date(_dt.date(2026, 12, 1), locale="nb")
    ('01 December 2026', '1. desember 2026')
    """
    from babel.dates import format_date

    language = language_of(locale)
    pattern = "dd MMMM y" if language == "en" else "long"
    return format_date(day, pattern, locale=babel_locale(language))


def unit(text: str, currency: str = "USD", *, locale: str | None = None) -> str:
    """A scenario input's unit in the page's language, with the scenario's currency.

    A money unit starts with "currency" in English ("currency per year"); its
    translation holds ``{currency}`` where the currency goes. English names the
    code ("USD per year"); Norwegian the locale's sign ("kr per år").

    >>> unit("currency per year", "USD"), unit("currency per year", "NOK", locale="nb")
    ('USD per year', 'kr per år')
    >>> unit("hours per week", locale="nb")
    'timer per uke'
    """
    from babel.numbers import get_currency_symbol

    language = language_of(locale)
    translated = translations(language).gettext(text)
    if "{currency}" in translated:
        return translated.replace(
            "{currency}", get_currency_symbol(currency, babel_locale(language))
        )
    if translated.startswith("currency"):
        return currency + translated.removeprefix("currency")
    return translated
