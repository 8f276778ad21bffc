"""Tests for socialcase.parsing: numbers typed the Norwegian or the English way."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialcase.formatting import money, number, percent
from socialcase.i18n import use_language
from socialcase.parsing import NotANumberError, read_number

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 234,5", 1234.5),
        ("1.234,5", 1234.5),
        (f"1{NBSP}234,5", 1234.5),
        (f"1{NNBSP}234,5", 1234.5),
        ("kr 70 000", 70_000),
        ("70 000 kr", 70_000),
        ("kr 70 000,-", 70_000),  # whole kroner, as Norwegian prices are written
        ("70.000,- kr", 70_000),
        ("NOK 1 068 219", 1_068_219),
        ("-12 722 kr", -12_722),
        ("\u221212 722 kr", -12_722),  # the minus sign U+2212
        ("\u2013 500", -500),  # an en dash typed as a minus
        ("kr -500", -500),
        ("+250", 250),
        ("1.234.567", 1_234_567),
        ("1.234.567,89", 1_234_567.89),
        ("1,234.5", 1234.5),  # the English way reads the same in Norwegian
        ("12,5", 12.5),
        ("12.5", 12.5),  # a point before other than three digits can only be a decimal
        ("0,500", 0.5),  # a group of thousands never follows a lone 0 ...
        ("20001.234", 20001.234),  # ... nor four digits or more
        ("0001.234", 1.234),
        (",5", 0.5),
        ("62 810", 62_810),
        ("1_000", 1000),
        ("12 345 678", 12_345_678),
    ],
)
def test_norwegian_typing(text: str, value: float) -> None:
    reading = read_number(text, "nb")
    assert reading.value == value
    assert reading.note == ""


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.5", 1234.5),
        ("$70,000.50", 70_000.5),
        ("USD 1,234,567", 1_234_567),
        ("-$12,345,678", -12_345_678),
        ("$-1,234,567", -1_234_567),
        ("0,4", 0.4),  # a decimal comma, as the English page always read it
        ("1 234,5", 1234.5),
        ("62 810", 62_810),
        ("1.5", 1.5),
    ],
)
def test_english_typing(text: str, value: float) -> None:
    reading = read_number(text, "en")
    assert reading.value == value
    assert reading.note == ""


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("12,5 %", "nb", 0.125),
        (f"12,5{NBSP}%", "nb", 0.125),
        ("40%", "en", 0.4),
        ("40 %", "en", 0.4),
        ("0,5%", "nb", 0.005),
        ("100%", "en", 1.0),
    ],
)
def test_percentages_for_a_share(text: str, locale: str, value: float) -> None:
    assert read_number(text, locale, share=True).value == value


def test_a_percentage_is_only_for_a_share() -> None:
    with pytest.raises(NotANumberError, match="only for a share"):
        read_number("40%", "en")


@pytest.mark.parametrize(
    ("text", "locale", "value", "words"),
    [
        # Norwegian: a comma is the decimal mark, a point separates thousands.
        (
            "1,234",
            "nb",
            1.234,
            ["Lest som 1,234, et desimaltall", "skriv tallet uten komma", "Mener du 1234"],
        ),
        ("1.234", "nb", 1234, [f"Lest som 1{NBSP}234:", "desimaltallet 1,234"]),
        ("62,810", "nb", 62.81, ["Lest som 62,810, et desimaltall"]),
        # English: a comma separates thousands, a point is the decimal mark.
        ("1,234", "en", 1234, ["Read 1,234 as 1234:", "the decimal number 1.234"]),
        ("1.234", "en", 1.234, ["Read 1.234 as 1.234, a decimal number", "If you mean 1234"]),
        ("$70,000", "en", 70_000, ["Read 70,000 as 70000"]),
    ],
)
def test_an_ambiguous_number_is_read_the_pages_way_and_said_so(
    text: str, locale: str, value: float, words: list[str]
) -> None:
    reading = read_number(text, locale)
    assert reading.value == value
    for part in words:
        assert part in reading.note


def test_the_note_speaks_the_pages_language() -> None:
    with use_language("nb"):
        assert read_number("1,234").value == 1.234
        assert read_number("1,234").note.startswith("Lest som")
    assert read_number("1,234").value == 1234
    assert read_number("1,234").note.startswith("Read")


@pytest.mark.parametrize(
    "text",
    [
        "lots",
        "",
        "   ",
        "1..2",
        "1,,2",
        "12 ,5",
        "12, 5",
        "--5",
        "-−5",
        "1,23,4",
        "1.23.4",
        "1.234,5.6",
        "1,2.3,4",
        "kr kr 5",
        "$5 kr",
        "-$56€",
        "5 kr kr",
        "0x10",
        "inf",
        "nan",
        "1 2 3 %",
        "%",
        "kr",
        "$",
        "5-",
    ],
)
def test_not_a_number(text: str) -> None:
    for locale in ("nb", "en"):
        with pytest.raises(NotANumberError):
            read_number(text, locale, share=True)


def test_too_large_a_number() -> None:
    with pytest.raises(NotANumberError, match="too large"):
        read_number("9" * 400, "en")


def test_not_text() -> None:
    with pytest.raises(NotANumberError):
        read_number(12, "en")  # type: ignore[arg-type]


@given(st.floats(-1e15, 1e15), st.sampled_from(["nb", "en"]))
def test_a_formatted_number_reads_back(value: float, locale: str) -> None:
    assert read_number(number(value, locale=locale), locale).value == float(f"{value:.0f}")


@given(
    st.floats(-1e15, 1e15),
    st.sampled_from(["NOK", "USD", "EUR", "GBP"]),
    st.sampled_from(["nb", "en"]),
)
def test_formatted_money_reads_back(amount: float, currency: str, locale: str) -> None:
    small = 0 < abs(amount) < 100 and not amount.is_integer()
    expected = float(f"{amount:.2f}" if small else f"{amount:.0f}")
    shown = money(amount, currency, locale=locale)
    assert read_number(shown, locale).value == expected


@given(st.floats(-100, 100), st.integers(0, 3), st.sampled_from(["nb", "en"]))
def test_a_formatted_percentage_reads_back(share: float, digits: int, locale: str) -> None:
    shown = percent(share, digits, locale=locale)
    expected = float(f"{share * 100:.{digits}f}") / 100
    assert math.isclose(
        read_number(shown, locale, share=True).value, expected, rel_tol=1e-12, abs_tol=1e-15
    )
