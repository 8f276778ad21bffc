"""Tests for socialcase.formatting: figures by locale (English as before, Norwegian by CLDR)."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialcase.formatting import (
    compact,
    decimal,
    hours,
    long_date,
    money,
    months,
    number,
    percent,
    unit,
)
from socialcase.i18n import use_language

NBSP = "\u00a0"

# --- English: exactly what formatting.py printed before it knew locales ----------------------
# The functions below are the module as it was at commit ce7ac91 (before Babel), kept as the
# definition of English output: every page, report and test in English reads these strings.

_OLD_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def old_money(amount: float, currency: str = "USD", *, signed: bool = False) -> str:
    if not math.isfinite(amount):
        return "n/a"
    small = 0 < abs(amount) < 100 and not float(amount).is_integer()
    body = f"{abs(amount):,.2f}" if small else f"{abs(amount):,.0f}"
    sign = "-" if amount < 0 and body.strip("0.,") else ("+" if signed and amount > 0 else "")
    symbol = _OLD_SYMBOLS.get(currency)
    return f"{sign}{symbol}{body}" if symbol else f"{sign}{currency} {body}"


def old_percent(share: float, digits: int = 0) -> str:
    if not math.isfinite(share):
        return "n/a"
    return f"{share * 100:.{digits}f}%"


def old_months(value: float) -> str:
    return "never" if not math.isfinite(value) else f"{value:.1f} months"


def old_hours(value: float) -> str:
    return f"{value:g} h" if value == round(value, 1) else f"{value:.1f} h"


def old_number(value: float) -> str:
    return f"{value:,.0f}" if math.isfinite(value) else "n/a"


amounts = st.floats(allow_nan=True, allow_infinity=True) | st.floats(-1e6, 1e6)
halves = st.integers(-(10**7), 10**7).map(lambda k: k / 2)  # exact .5 ties: half-to-even
cents = st.integers(-(10**6), 10**6).map(lambda k: k / 1000)  # ties at the third decimal


@given(
    st.one_of(amounts, halves, cents),
    st.sampled_from(["USD", "NOK", "EUR", "GBP", "CAD"]),
    st.booleans(),
)
def test_english_money_is_exactly_what_it_was(amount: float, currency: str, signed: bool) -> None:
    assert money(amount, currency, signed=signed, locale="en") == old_money(
        amount, currency, signed=signed
    )


@given(st.one_of(amounts.filter(lambda x: not abs(x) > 1e300), cents), st.integers(0, 3))
def test_english_percent_is_exactly_what_it_was(share: float, digits: int) -> None:
    # Above 1.8e306 the share overflows in percent: "n/a" now, "inf%" before.
    assert percent(share, digits, locale="en") == old_percent(share, digits)


@given(st.one_of(amounts, halves, cents))
def test_english_number_and_months_are_exactly_what_they_were(value: float) -> None:
    assert number(value, locale="en") == old_number(value)
    assert months(value, locale="en") == old_months(value)


@given(st.one_of(st.floats(-99_999, 99_999), halves.filter(lambda x: abs(x) < 99_999), cents))
def test_english_hours_are_exactly_what_they_were(value: float) -> None:
    # Python's :g switches to exponents at a million hours; a week has 168.
    assert hours(value, locale="en") == old_hours(value)


def test_the_current_language_is_english_by_default() -> None:
    assert money(28545) == "$28,545"
    assert money(1_068_219, "NOK") == "NOK 1,068,219"
    assert percent(0.125, 1) == "12.5%"


# --- Norwegian: CLDR's nb_NO through Babel 2.18 -----------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (707_405, "NOK", "707 405 kr"),  # the example
        (707_404.5, "NOK", "707 404 kr"),  # half to even
        (707_405.5, "NOK", "707 406 kr"),
        (-12_722.4, "NOK", "-12 722 kr"),  # Babel's nb_NO negative pattern: hyphen-minus
        (0, "NOK", "0 kr"),
        (-0.001, "NOK", "0,00 kr"),  # nothing left to be negative
        (12.5, "NOK", "12,50 kr"),  # below 100 units: øre
        (999, "NOK", "999 kr"),
        (1_000, "NOK", "1 000 kr"),
        (1e15, "NOK", "1 000 000 000 000 000 kr"),
        (28_545, "USD", "28 545 USD"),
        (28_545, "EUR", "28 545 €"),
    ],
)
def test_norwegian_money(amount: float, currency: str, shown: str) -> None:
    assert money(amount, currency, locale="nb") == shown.replace(" ", NBSP)


def test_norwegian_money_signed_and_largest() -> None:
    assert money(1500, "NOK", signed=True, locale="nb") == f"+1{NBSP}500{NBSP}kr"
    largest = money(1.7976931348623157e308, "NOK", locale="nb")
    assert largest.endswith(f"{NBSP}kr") and len(largest.replace(NBSP, "")) == 309 + 2


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
def test_a_figure_that_cannot_be_shown(bad: float) -> None:
    for locale, missing in (("nb", "ikke tilgjengelig"), ("en", "n/a")):
        assert money(bad, "NOK", locale=locale) == missing
        assert percent(bad, locale=locale) == missing
        assert number(bad, locale=locale) == missing
        assert hours(bad, locale=locale) == missing  # was "inf h" / "nan h" before locales
    assert months(bad, locale="nb") == "aldri"
    assert months(bad, locale="en") == "never"


@pytest.mark.parametrize(
    ("share", "digits", "shown"),
    [
        (0.125, 1, "12,5 %"),
        (0.8969, 0, "90 %"),
        (0, 0, "0 %"),
        (-0.05, 0, "-5 %"),
        (12.345, 0, "1234 %"),
        (0.204, 1, "20,4 %"),
    ],
)
def test_norwegian_percent(share: float, digits: int, shown: str) -> None:
    assert percent(share, digits, locale="nb") == shown.replace(" ", NBSP)


def test_norwegian_numbers_hours_months() -> None:
    assert number(1234.4, locale="nb") == f"1{NBSP}234"
    assert number(-1_234_567.5, locale="nb") == f"-1{NBSP}234{NBSP}568"
    assert number(0, locale="nb") == "0"
    assert hours(16.0, locale="nb") == f"16{NBSP}t"
    assert hours(2.5, locale="nb") == f"2,5{NBSP}t"
    assert hours(2.96, locale="nb") == f"3,0{NBSP}t"  # as English does: "3.0 h"
    assert months(9.93, locale="nb") == "9,9 måneder"
    assert months(36, locale="nb") == "36,0 måneder"


@given(st.floats(-1e12, 1e12), st.sampled_from(["NOK", "USD", "EUR"]))
def test_norwegian_figures_never_break_inside(amount: float, currency: str) -> None:
    for text in (
        money(amount, currency, locale="nb"),
        number(amount, locale="nb"),
        percent(amount / 1e6, 1, locale="nb"),
        hours(amount, locale="nb"),
    ):
        assert " " not in text  # only non-breaking spaces
    assert NBSP not in money(amount, currency, locale="en")


def test_dates() -> None:
    day = dt.date(2026, 12, 1)
    assert long_date(day, locale="nb") == "1. desember 2026"
    assert long_date(day, locale="en") == "01 December 2026"  # as the page writes dates
    assert long_date(dt.datetime(2025, 3, 2, 14, 5), locale="nb") == "2. mars 2025"
    assert long_date(dt.date(2025, 2, 17), locale="en") == f"{dt.date(2025, 2, 17):%d %B %Y}"


def test_the_current_language_formats() -> None:
    with use_language("nb"):
        assert money(707_405, "NOK") == f"707{NBSP}405{NBSP}kr"
        assert percent(0.125, 1) == f"12,5{NBSP}%"
        assert long_date(dt.date(2026, 12, 1)) == "1. desember 2026"
        assert money(28545, locale="en") == "$28,545"  # an explicit locale wins
    assert money(707_405, "NOK") == "NOK 707,405"


@pytest.mark.parametrize(
    ("text", "currency", "locale", "shown"),
    [
        ("currency per year", "USD", "en", "USD per year"),
        (
            "currency of margin per customer kept or won",
            "NOK",
            "en",
            "NOK of margin per customer kept or won",
        ),
        ("currency per year", "NOK", "nb", "kr per år"),
        ("currency per year", "USD", "nb", "USD per år"),
        (
            "currency of margin per person reached",
            "NOK",
            "nb",
            "kr i dekningsbidrag per person nådd",
        ),
        ("currency", "NOK", "nb", "kr"),
        ("NOK per year", "NOK", "nb", "kr per år"),
        ("hours per week", "USD", "en", "hours per week"),
        ("hours per week", "USD", "nb", "timer per uke"),
        ("not a unit in the catalog", "USD", "nb", "not a unit in the catalog"),
    ],
)
def test_units(text: str, currency: str, locale: str, shown: str) -> None:
    assert unit(text, currency, locale=locale) == shown


def test_an_unknown_locale_is_refused_plainly() -> None:
    with pytest.raises(ValueError, match=r"socialcase speaks en \(English\) and nb"):
        money(1, locale="de_DE")


# --- decimal and compact: the rates, counts and multiples the narrative and charts write ---


@pytest.mark.parametrize(
    ("value", "digits", "grouped", "locale", "shown"),
    [
        (41.54, 1, True, "en", "41.5"),
        (41.54, 1, True, "nb", "41,5"),
        (12345.67, 1, True, "nb", "12\u00a0345,7"),  # U+00A0 between groups: never wraps
        (12345.67, 1, False, "nb", "12345,7"),
        (-1234.5, 1, True, "nb", "-1\u00a0234,5"),  # Babel's nb_NO minus is the hyphen-minus
        (-1234.5, 1, True, "en", "-1,234.5"),
        (2.25, 1, False, "en", "2.2"),  # half-to-even on the float, as format() does
    ],
)
def test_decimal(value: float, digits: int, grouped: bool, locale: str, shown: str) -> None:
    assert decimal(value, digits, grouped=grouped, locale=locale) == shown
    if locale == "en":
        assert shown == format(value, f"{',' if grouped else ''}.{digits}f")


@pytest.mark.parametrize(
    ("value", "en", "nb"),
    [(2.0, "2", "2"), (2.5, "2.5", "2,5"), (0.4, "0.4", "0,4"), (37.5, "37.5", "37,5")],
)
def test_compact_is_python_g_with_the_locales_decimal_mark(value: float, en: str, nb: str) -> None:
    assert compact(value, locale="en") == en == f"{value:g}"
    assert compact(value, locale="nb") == nb


def test_a_negative_amount_in_norwegian_keeps_its_groups_joined() -> None:
    shown = money(-970_712, "NOK", locale="nb")
    assert shown == "-970\u00a0712\u00a0kr"
    assert " " not in shown  # no plain space: the figure never wraps in a table or a chart
    assert money(-0.5, "NOK", locale="nb") == "-0,50\u00a0kr"
    assert decimal(float("nan"), locale="nb") == "ikke tilgjengelig"
