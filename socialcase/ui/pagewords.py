"""The words of the page before its kernel has run: the Voila template's loading screen
and its queue messages, in every language.

The template cannot look up the catalogs, so `python -m socialcase.catalogs` writes these
words, translated, to the template's ``words.json``, which the template inlines; the page
picks the language of ``<html lang>`` (from the link's ``lang=``). Placeholders in braces
are filled in by the page's script.
"""

from __future__ import annotations

import json

from socialcase.i18n import LANGUAGES, N_, gettext, use_language

__all__ = ["WORDS", "words", "words_json"]

WORDS = {
    "case_linked": N_("the case in your link"),
    "case_sample": N_("the sample case"),
    "case_any": N_("the case"),
    "why": N_(
        "Your own copy of the case is being calculated on the server: the team's costs, "
        "the inbox, the risks and 20,000 what-if draws."
    ),
    "calculating": N_("Calculating {case}\u2026"),
    "calculating_step": N_("Calculating {case}: {step}\u2026"),
    "still": N_("Still calculating {case}\u2026 ({seconds} s)"),
    "busy": N_(
        "Several people are opening the dashboard at the same time, so the server prepares "
        "each copy in turn. This page fills in by itself: no need to reload."
    ),
    "in_line": N_("In line: {people} people are opening this case at once\u2026"),
    "slots_one": N_("The server calculates one copy at a time, so that each one is quick."),
    "slots_other": N_("The server calculates {slots} copies at a time, so that each one is quick."),
    "next": N_("Yours is next in line."),
    "next_when": N_("Yours is next in line, in about {seconds} s."),
    "number": N_("Yours is number {place} in line."),
    "number_when": N_("Yours is number {place} in line, in about {seconds} s."),
    "fills": N_("This page fills in by itself: no need to reload."),
    "interactive": N_("Loading the interactive case\u2026"),
}
"""Each message of the loading screen, by the key the template's script uses."""


def words() -> dict[str, dict[str, str]]:
    """`WORDS` in every language: ``{language: {key: text}}``."""
    translated = {}
    for language in LANGUAGES:
        with use_language(language):
            translated[language] = {key: gettext(text) for key, text in WORDS.items()}
    return translated


def words_json() -> str:
    """`words` as the JSON the template inlines (``<`` escaped, so it cannot end a script)."""
    text = json.dumps(words(), ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("<", "\\u003c") + "\n"
