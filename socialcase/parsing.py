"""Reading a number typed the way the page's language writes it (every input box).

Norwegian writes ``1 234,5`` (a space, often a non-breaking one, between digit
groups, a decimal comma) and sometimes ``1.234,5``; English writes ``1,234.5``.
`read_number` reads both ways in either language and, where only the language
can tell (``1,234``: one comma, then three digits), reads it the page's way and
says so in a note.

How a typed text is read, in order:

1. Around the number: a sign (``-``, the minus sign U+2212, a dash, ``+``); a
   currency (``$``, ``€``, ``£``, ``kr``, ``NOK``, ``USD``, ...) before or after;
   ``%`` for a share; the Norwegian ``,-`` after whole kroner (``kr 70 000,-``).
2. Spaces of every kind (plain, non-breaking, narrow non-breaking, thin) and
   ``_`` separate groups of three digits (``62 810``; not ``1 2 3``) and are dropped.
3. Both ``,`` and ``.``: the last one is the decimal mark (``1.234,5``,
   ``1,234.5``). One of them more than once: it separates groups (``1.234.567``).
4. One ``,`` or ``.`` once: it is the decimal mark unless it could separate
   groups (one to three digits, not starting with 0, before it; exactly three
   after it, as in ``1,234``): that is ambiguous, read the
   page's way (Norwegian: ``1,234`` = 1.234 and ``1.234`` = 1234; English:
   ``1,234`` = 1234 and ``1.234`` = 1.234), with a note.
5. An exponent after the digits (``1e6``, ``1,5e3``) multiplies by a power of ten.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from socialcase.i18n import N_, language_of, translations

__all__ = ["NotANumberError", "Reading", "read_number"]


class NotANumberError(ValueError):
    """The text is not a number (the caller names the field in its message)."""


@dataclass(frozen=True)
class Reading:
    """The number a text holds, and how an ambiguous one was read ("" when it was not)."""

    value: float
    note: str = ""


_SPACES = "\u0020\u00a0\u202f\u2009\u2007_"
_MINUSES = "-\u2212\u2013\u2012\u2014"
# A space between digits must start a group of three: "62 810", "1 234,5", not "1 2 3".
_LOOSE_SPACE = re.compile(f"[{_SPACES}]+(?!\\d{{3}}(?:$|[{_SPACES}.,]))")
_CURRENCY = r"(?:[$€£¥]|kr\.?|nok|usd|eur|gbp|sek|dkk)"
_TYPED = re.compile(
    rf"""^\s*
    (?P<sign>[{_MINUSES}+])?\s*
    (?P<before>{_CURRENCY}\s*)?
    (?P<sign2>[{_MINUSES}+])?\s*
    (?P<body>[\d.,{_SPACES}]*\d[\d.,{_SPACES}]*?)
    (?P<exponent>[eE][+-]?\d{{1,4}})?
    (?P<whole>,-|\.-)?
    \s*(?P<percent>%)?
    \s*(?P<after>{_CURRENCY})?
    \s*(?P<whole2>,-|\.-)?
    \s*$""",
    re.IGNORECASE | re.VERBOSE,
)


# How an ambiguous number was read: (language, the separator typed) -> the note.
_NOTES = {
    ("nb", ","): N_(
        "Read {typed} as {shown}, a decimal number: in Norwegian a comma marks the "
        "decimals. If you mean {plain}, type it without the comma."
    ),
    ("nb", "."): N_(
        "Read {typed} as {shown}: in Norwegian a point between digits separates "
        "thousands. If you mean the decimal number {other}, type it with a comma."
    ),
    ("en", ","): N_(
        "Read {typed} as {shown}: in English a comma separates thousands. If you mean "
        "the decimal number {other}, type it with a point."
    ),
    ("en", "."): N_(
        "Read {typed} as {shown}, a decimal number: in English a point marks the "
        "decimals. If you mean {plain}, type it without the point."
    ),
}


def _note(language: str, digits: str, sep: str, shown: str) -> str:
    other = digits.replace(sep, "." if sep == "," else ",")
    return (
        translations(language)
        .gettext(_NOTES[language, sep])
        .format(typed=digits, shown=shown, plain=digits.replace(sep, ""), other=other)
    )


def read_number(text: str, locale: str | None = None, *, share: bool = False) -> Reading:
    """The number typed in `text`, read the way `locale` writes numbers (None: the page's).

    With `share`, a ``%`` divides by 100 (``40%`` -> 0.4); without it a ``%`` is
    refused. Raises `NotANumberError` for a text that is not a number.

    >>> read_number("1 234,5", "nb").value, read_number("1,234.5", "en").value
    (1234.5, 1234.5)
    >>> read_number("12,5 %", "nb", share=True).value, read_number("kr 70 000,-", "nb").value
    (0.125, 70000.0)
    >>> r = read_number("1,234", "nb")
    >>> r.value, r.note
    (1.234, 'Lest som 1,234, et desimaltall: på norsk er komma desimaltegn. Mener du 1234, skriv tallet uten komma.')
    """  # noqa: E501
    language = language_of(locale)
    if not isinstance(text, str):
        raise NotANumberError(f"expected text, got {type(text).__name__}")
    match = _TYPED.match(text)
    if match is None or (match["sign"] and match["sign2"]) or (match["before"] and match["after"]):
        raise NotANumberError(f"{text!r} is not a number")
    if match["percent"] and not share:
        raise NotANumberError(f"{text!r}: a percentage is only for a share")
    body = match["body"].strip(_SPACES)
    digits = re.sub(f"[{_SPACES}]", "", body)
    if _LOOSE_SPACE.search(body) or re.search(r"[.,]{2}", digits):
        raise NotANumberError(f"{text!r} is not a number")
    whole_units = bool(match["whole"] or match["whole2"])  # "70 000,-": no decimals
    plain, note = _plain(digits, language, whole_units)
    try:
        exact = Decimal(plain + (match["exponent"] or ""))
    except InvalidOperation:
        raise NotANumberError(f"{text!r} is not a number") from None
    if match["percent"]:
        exact /= 100
    if (match["sign"] or match["sign2"] or "+") in _MINUSES:
        exact = -exact
    value = float(exact)
    if not math.isfinite(value):
        raise NotANumberError(f"{text!r} is too large a number")
    return Reading(value, note)


def _plain(digits: str, language: str, whole_units: bool = False) -> tuple[str, str]:
    """`digits` (digits, commas, points) as a plain decimal ("1234.5"), and a note if ambiguous.

    With `whole_units` (the number ended in ",-") a lone separator separates thousands.
    """
    commas, points = digits.count(","), digits.count(".")
    if commas and points:  # the last one marks the decimals
        mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        group = "." if mark == "," else ","
        whole, _, decimals = digits.rpartition(mark)
        if group in decimals or mark in whole:
            raise NotANumberError(f"{digits!r} is not a number")
        return _grouped(whole, group) + "." + decimals, ""
    if commas + points == 0:
        return digits, ""
    sep = "," if commas else "."
    if commas + points > 1:
        return _grouped(digits, sep), ""
    whole, _, decimals = digits.partition(sep)
    # "1,234" may be grouped; "0,500", "20001,234" and "1,5" cannot: a decimal mark.
    could_be_grouped = len(decimals) == 3 and _FIRST_GROUP.fullmatch(whole) is not None
    if not could_be_grouped:
        return (whole or "0") + "." + decimals, ""
    if whole_units:
        return whole + decimals, ""
    as_decimal = sep == ("," if language == "nb" else ".")
    if as_decimal:
        return whole + "." + decimals, _note(language, digits, sep, digits)
    shown = f"{whole}\u00a0{decimals}" if language == "nb" else whole + decimals
    return whole + decimals, _note(language, digits, sep, shown)


_FIRST_GROUP = re.compile(r"[1-9]\d{0,2}")


def _grouped(digits: str, sep: str) -> str:
    """Digits in groups of three after the first (``1.234.567``), the separators dropped."""
    first, *rest = digits.split(sep)
    if not _FIRST_GROUP.fullmatch(first) or any(len(group) != 3 for group in rest):
        raise NotANumberError(f"{digits!r} is not a number")
    return first + "".join(rest)
