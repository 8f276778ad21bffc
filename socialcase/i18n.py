"""The page's language: English or Norwegian bokmål, with gettext catalogs.

Every step of the case speaks the language chosen here. Strings are looked up
in ``socialcase/locale/<lang>/LC_MESSAGES/socialcase.mo`` (compiled from the
``.po`` beside it when the package is built; see ``setup.py``); English is the
source language, so a string without a translation shows its English msgid.

The language is kept per kernel (one dashboard page per kernel, as Voila runs
it): `set_language` sets it for the page, and `use_language` overrides it
within a block (a report or a test), safely across threads and tasks.

>>> set_language("en")
'en'
>>> with use_language("nb"):
...     gettext("The bottom line")
'Bunnlinjen'
>>> gettext("The bottom line")
'The bottom line'
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "COUNTRY_LANGUAGES",
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "LOCALES",
    "LOCALE_DIR",
    "N_",
    "babel_locale",
    "current_language",
    "gettext",
    "language_for",
    "language_of",
    "ngettext",
    "normalise_language",
    "npgettext",
    "pgettext",
    "set_language",
    "translations",
    "use_language",
]

_log = logging.getLogger(__name__)

DOMAIN = "socialcase"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "nb")
"""The languages of the page: English (the source language) and Norwegian bokmål."""
LANGUAGE_NAMES = {"en": "English", "nb": "Norsk bokmål"}
"""Each language in its own words, as a language picker shows it."""
LOCALES = {"en": "en_US", "nb": "nb_NO"}
"""The Babel locale each language formats numbers, money and dates with."""
COUNTRY_LANGUAGES = {"NO": "nb"}
"""The language a country preset brings when nobody has picked one; others bring English."""

_ALIASES = {"no": "nb", "nob": "nb", "eng": "en"}

_page_language = DEFAULT_LANGUAGE
_scoped_language: ContextVar[str | None] = ContextVar("socialcase_language", default=None)


def normalise_language(code: str) -> str:
    """The language ("en" or "nb") a language or locale code names.

    Accepts ``nb``, ``nb_NO``, ``nb-NO``, ``no`` (Norwegian, which here is bokmål),
    ``en``, ``en_US``, ``en-GB``..., in any case. Raises `ValueError` otherwise.

    >>> normalise_language("nb-NO"), normalise_language("EN_us"), normalise_language("no")
    ('nb', 'en', 'nb')
    """
    if not isinstance(code, str):
        raise ValueError(f"a language is a code such as 'nb' or 'en', not {code!r}")
    base = code.strip().replace("-", "_").split("_", 1)[0].lower()
    base = _ALIASES.get(base, base)
    if base not in LANGUAGES:
        shown = code if len(code) <= 20 else code[:20] + "..."
        raise ValueError(f"socialcase speaks en (English) and nb (norsk bokmål), not {shown!r}")
    return base


def current_language() -> str:
    """The language the page speaks now: the scoped one (`use_language`), else the page's."""
    return _scoped_language.get() or _page_language


def set_language(language: str) -> str:
    """Make `language` the page's language (for this kernel) and return it normalised."""
    global _page_language
    _page_language = normalise_language(language)
    return _page_language


@contextmanager
def use_language(language: str | None) -> Iterator[str]:
    """Speak `language` within the block (None: the current language); restored after."""
    chosen = normalise_language(language) if language is not None else current_language()
    token = _scoped_language.set(chosen)
    try:
        yield chosen
    finally:
        _scoped_language.reset(token)


def language_of(locale: str | None = None) -> str:
    """The language of a locale code, or the current language when `locale` is None."""
    return current_language() if locale is None else normalise_language(locale)


@functools.cache
def _babel_locale(language: str) -> Locale:
    from babel import Locale

    return Locale.parse(LOCALES[language])


def babel_locale(locale: str | None = None) -> Locale:
    """The Babel `Locale` that formats for `locale` (None: the current language).

    >>> str(babel_locale("nb")), str(babel_locale("en"))
    ('nb_NO', 'en_US')
    """
    return _babel_locale(language_of(locale))


def language_for(country: str, chosen: str | None = None) -> str:
    """The page's language: the one the reader chose, else the one the country preset brings.

    The language follows the country preset (Norway -> bokmål, others -> English)
    until someone picks one, in the picker or in a link's or file's ``lang``.

    >>> language_for("NO"), language_for("US"), language_for("NO", "en"), language_for("US", "nb")
    ('nb', 'en', 'en', 'nb')
    """
    if chosen:
        return normalise_language(chosen)
    return COUNTRY_LANGUAGES.get(country, DEFAULT_LANGUAGE)


def _catalog_files(language: str) -> tuple[Path, Path]:
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    return folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"


@functools.cache
def translations(language: str) -> _gettext.NullTranslations:
    """The gettext translations of `language` (English: the msgids themselves).

    Reads the compiled ``.mo``; when it is missing or older than its ``.po`` (a
    catalog edited since the last build), compiles the ``.po`` in memory instead.
    """
    language = normalise_language(language)
    if language == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    mo, po = _catalog_files(language)
    if mo.is_file() and not (po.is_file() and po.stat().st_mtime > mo.stat().st_mtime):
        with mo.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    if po.is_file():
        return _gettext.GNUTranslations(io.BytesIO(compile_catalog(po.read_bytes())))
    _log.error("no catalog for %r in %s: the page stays in English", language, mo.parent)
    return _gettext.NullTranslations()


def compile_catalog(po_bytes: bytes) -> bytes:
    """A ``.po`` catalog compiled to ``.mo`` bytes with Babel (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po_bytes))
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def gettext(message: str) -> str:
    """`message` in the current language."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for the count `n`, in the current language."""
    return translations(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where `context` tells two uses of it apart."""
    return translations(current_language()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """`ngettext` with a context."""
    return translations(current_language()).npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it (translate it where it is shown)."""
    return message
