"""Tests for socialcase.i18n and the catalogs: the page's language and its translations."""

from __future__ import annotations

import gettext
import io
import re
import threading
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from socialcase import catalogs, i18n
from socialcase.i18n import (
    babel_locale,
    current_language,
    language_for,
    ngettext,
    normalise_language,
    npgettext,
    pgettext,
    set_language,
    translations,
    use_language,
)
from socialcase.narrative import STEP_TITLES
from socialcase.scenario import specs

LOCALE_DIR = Path(i18n.__file__).parent / "locale"
POT = LOCALE_DIR / "socialcase.pot"
PO_NB = LOCALE_DIR / "nb" / "LC_MESSAGES" / "socialcase.po"
MO_NB = PO_NB.with_suffix(".mo")

SAME_IN_BOTH = frozenset(
    {"Community manager", "Senior community manager", "P50 (median)", "{first}; {second}."}
)
"""Strings whose Norwegian is the English: job titles Norwegian employers write in English,
"median", and punctuation joining two clauses. "Currency" is "Valuta" and a code-only
unit is "{currency}"."""

NORWEGIAN_TERMS = ("arbeidsgiveravgift", "feriepenger", "OTP", "grunnbeløpet", "1G")


def _catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


@pytest.fixture(scope="module")
def nb() -> Catalog:
    return _catalog(PO_NB, "nb")


@pytest.fixture(scope="module")
def pot() -> Catalog:
    return _catalog(POT)


def _strings(message: object) -> tuple[str, ...]:
    string = message.string  # type: ignore[attr-defined]
    return string if isinstance(string, tuple) else (string,)


# --- the catalogs ----------------------------------------------------------------------------


def test_every_string_of_the_template_has_a_norwegian_translation(
    pot: Catalog, nb: Catalog
) -> None:
    missing = []
    for message in pot:
        if not message.id:
            continue
        translated = nb.get(message.id, message.context)
        if translated is None or translated.fuzzy or not all(_strings(translated)):
            missing.append(message.id)
    assert missing == []


def test_no_translation_is_its_english_source(nb: Catalog) -> None:
    same = [m.id for m in nb if m.id and m.id not in SAME_IN_BOTH and m.string == m.id]
    assert same == []


def test_the_template_holds_every_string_the_code_and_the_data_show(pot: Catalog) -> None:
    # Fails when a string is marked with gettext (or a label, unit, step title or headline
    # changes) without `python -m socialcase.catalogs` and a translation.
    in_pot = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in pot if m.id}
    now = catalogs.template()
    absent = [m.id for m in now if m.id and catalogs._key(m.id, m.context) not in in_pot]
    assert absent == [], "run `python -m socialcase.catalogs` and translate the new strings"
    assert catalogs.untranslated("nb", now) == []


def test_the_template_seeds_titles_labels_units_and_headlines(pot: Catalog) -> None:
    ids = {m.id for m in pot}
    assert set(STEP_TITLES.values()) <= ids
    assert {s.label for s in specs().values()} <= ids
    assert {s.unit for s in specs().values()} <= ids
    # Every headline figure's label, from the page model's one table of figures.
    from socialcase.page import FIGURES

    assert {figure.label for figure in FIGURES} <= ids


def test_placeholders_survive_translation(nb: Catalog) -> None:
    field = re.compile(r"\{(\w*)\}")
    for message in nb:
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        wanted = set(field.findall(source))
        if source.startswith("currency"):
            wanted |= {"currency"}  # a money unit says where the currency goes
        for string in _strings(message):
            found = set(field.findall(string))
            assert found <= wanted, (source, string)  # a translation may leave {typed} out
            if "currency" in wanted:
                assert "currency" in found, (source, string)


def test_norwegian_terms_stay_norwegian(nb: Catalog) -> None:
    for message in nb:
        for term in NORWEGIAN_TERMS:
            if isinstance(message.id, str) and term in message.id:
                assert term.lower() in message.string.lower(), (message.id, message.string)


def test_a_number_and_its_percent_sign_never_part(nb: Catalog) -> None:
    for message in nb:
        for string in _strings(message):
            assert not re.search(r"\d %", string), string


def test_the_page_reads_the_current_catalog() -> None:
    # `make install` (pip install -e .) compiles the .mo (setup.py's build step); a .po edited
    # since is compiled in memory until the next build, so the page never reads a stale one.
    assert MO_NB.is_file(), "the .mo is built by `pip install .` / `make install`"
    fresh = gettext.GNUTranslations(io.BytesIO(i18n.compile_catalog(PO_NB.read_bytes())))

    def messages(t: gettext.NullTranslations) -> dict[object, str]:
        # The header says which Babel compiled it (the build's may be newer than ours).
        return {k: v for k, v in t._catalog.items() if k != ""}  # type: ignore[attr-defined]

    translations.cache_clear()
    assert messages(translations("nb")) == messages(fresh)


def test_an_edited_po_is_used_before_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "nb" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "socialcase.po").write_bytes(
        PO_NB.read_bytes().replace(b'msgstr "Bunnlinjen"', b'msgstr "Bunnlinja"')
    )
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    translations.cache_clear()
    try:
        assert translations("nb").gettext("The bottom line") == "Bunnlinja"
    finally:
        translations.cache_clear()


def test_no_catalog_leaves_the_page_in_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    translations.cache_clear()
    try:
        assert translations("nb").gettext("The bottom line") == "The bottom line"
        assert "stays in English" in caplog.text
    finally:
        translations.cache_clear()


# --- looking strings up --------------------------------------------------------------------


def test_step_titles_labels_and_units_in_norwegian() -> None:
    with use_language("nb"):
        assert i18n.gettext(STEP_TITLES[8]) == "Bunnlinjen"
        assert i18n.gettext(STEP_TITLES[1]) == "Teamet ditt i dag"
        assert i18n.gettext(specs()["no_employer_tax_share"].label) == "Arbeidsgiveravgift"
        assert i18n.gettext(specs()["no_basic_amount"].label) == "Grunnbeløpet (1G)"
        assert i18n.gettext("hours per week") == "timer per uke"
        for title in STEP_TITLES.values():
            assert i18n.gettext(title) != title
        for spec in specs().values():
            assert i18n.gettext(spec.label) != spec.label
            assert i18n.gettext(spec.unit) != spec.unit


def test_english_is_the_msgid_and_unknown_strings_fall_back_to_it() -> None:
    with use_language("en"):
        assert i18n.gettext("The bottom line") == "The bottom line"
    with use_language("nb"):
        assert i18n.gettext("A sentence nobody translated") == "A sentence nobody translated"
        assert ngettext("one month", "{n} months", 1) == "one month"
        assert ngettext("one month", "{n} months", 3) == "{n} months"
        assert pgettext("does not pay back", "never") == "aldri"
        assert pgettext("another use", "never") == "never"  # the context tells uses apart
        assert npgettext("ctx", "a", "b", 2) == "b"


def test_the_page_language_and_a_scoped_one() -> None:
    assert current_language() == "en"
    try:
        assert set_language("nb-NO") == "nb"
        assert current_language() == "nb"
        with use_language("en"):
            assert current_language() == "en"
            with use_language(None):  # None keeps the current one
                assert current_language() == "en"
        assert current_language() == "nb"
    finally:
        set_language("en")


def test_a_scoped_language_stays_in_its_thread() -> None:
    seen: list[str] = []
    with use_language("nb"):
        worker = threading.Thread(target=lambda: seen.append(current_language()))
        worker.start()
        worker.join()
        assert current_language() == "nb"
    assert seen == ["en"]  # a new thread starts from the page's language


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("nb", "nb"),
        ("NB", "nb"),
        ("nb_NO", "nb"),
        ("nb-NO", "nb"),
        ("no", "nb"),
        (" nob ", "nb"),
        ("en", "en"),
        ("en_US", "en"),
        ("en-GB", "en"),
        ("EN", "en"),
    ],
)
def test_language_codes(code: str, language: str) -> None:
    assert normalise_language(code) == language


@pytest.mark.parametrize("code", ["de", "nn", "", "sv_SE", "x" * 300])
def test_other_languages_are_refused_plainly(code: str) -> None:
    with pytest.raises(ValueError, match=r"socialcase speaks en \(English\) and nb"):
        normalise_language(code)


def test_babel_locales() -> None:
    assert str(babel_locale("nb")) == "nb_NO"
    assert str(babel_locale("en-GB")) == "en_US"  # English is formatted the US way
    with use_language("nb"):
        assert str(babel_locale()) == "nb_NO"


@pytest.mark.parametrize(
    ("country", "chosen", "language"),
    [
        ("NO", None, "nb"),  # Norway brings bokmål ...
        ("US", None, "en"),
        ("custom", None, "en"),
        ("NO", "en", "en"),  # ... until someone picks a language
        ("US", "nb", "nb"),
        ("NO", "", "nb"),  # an empty choice is no choice
        ("NO", "nb-NO", "nb"),
    ],
)
def test_the_language_follows_the_country_until_one_is_picked(
    country: str, chosen: str | None, language: str
) -> None:
    assert language_for(country, chosen) == language


@pytest.mark.slow
def test_a_wheel_carries_the_compiled_catalog(tmp_path: Path) -> None:
    # What `pip install .` (Binder's postBuild) installs: the build step compiles the .po.
    import subprocess
    import sys
    import zipfile

    root = Path(i18n.__file__).parent.parent
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(root),
        ],
        check=True,
        timeout=600,
    )
    (wheel,) = tmp_path.glob("socialcase-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        mo = archive.read("socialcase/locale/nb/LC_MESSAGES/socialcase.mo")
    built = gettext.GNUTranslations(io.BytesIO(mo))
    assert built.gettext("The bottom line") == "Bunnlinjen"
    assert built.pgettext("does not pay back", "never") == "aldri"
