"""The dashboard in Norwegian bokmål and English: every text node, the picker, the link.

The dashboard is built twice on the same Norway case, once in each language, with every
section opened and the same messages provoked; a text with letters that reads the same in
both languages is English left on the Norwegian page, unless it is on the short list of
words that are the same in both (the product's name, codes, source titles, file names,
what the lead typed).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets
import pytest
from test_i18n import SAME_IN_BOTH as CATALOG_SAME_IN_BOTH

from socialcase import files, share
from socialcase.i18n import LANGUAGE_NAMES, current_language, set_language
from socialcase.scenario import Scenario, preset_changes
from socialcase.sources import SOURCES
from socialcase.ui.dashboard import Dashboard

DRAWS = 300


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    """The page's language is per kernel; every test leaves it English, as it found it."""
    yield
    set_language("en")


def norway() -> Scenario:
    base = Scenario()
    return base.evolve(**preset_changes(base, "NO"))


# --- walking the widget tree ------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")
_ATTRIBUTE = re.compile(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"')


def _html_texts(value: str) -> Iterator[str]:
    """The text between the tags of `value`, and the words in its attributes."""
    for attribute in _ATTRIBUTE.findall(value):
        yield html.unescape(attribute)
    for piece in _TAG.split(value):
        yield html.unescape(piece)


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a trait's value (lists, dicts, nested)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _open_everything(widget: widgets.Widget) -> None:
    """Open every section (closed ones build their widgets when opened), depth first."""
    if isinstance(widget, widgets.Accordion) and widget.selected_index is None:
        widget.selected_index = 0
    if isinstance(widget, widgets.Box):
        for child in widget.children:
            _open_everything(child)


def texts(widget: widgets.Widget) -> Iterator[str]:
    """What a reader sees of a widget tree: HTML text, descriptions, labels, options,
    placeholders, tooltips, section titles, and the words the page's own scripts show."""
    if isinstance(widget, widgets.HTML | widgets.HTMLMath | widgets.Label):
        yield from _html_texts(widget.value)
    if isinstance(widget, widgets.Accordion):
        yield from widget.titles
    for trait in ("description", "placeholder", "tooltip", "button_label", "title", "case_name"):
        value = getattr(widget, trait, None)
        if isinstance(value, str):
            yield value
    for trait in ("labels", "words"):
        yield from _strings(getattr(widget, trait, None))
    for trait in ("steps", "figures"):  # [step or hook, what it shows]
        for pair in getattr(widget, trait, None) or ():
            yield str(pair[1])
    if isinstance(widget, widgets.ToggleButtons | widgets.Dropdown | widgets.Select):
        yield from widget._options_labels
    if isinstance(widget, widgets.Box):
        for child in widget.children:
            yield from texts(child)


def page_texts(board: Dashboard) -> set[str]:
    """Every text on the page, trimmed; the same for each paragraph split into sentences."""
    for number in range(11):
        _open_everything(board.step(number))
    found: set[str] = set()
    for number in range(11):
        for text in texts(board.step(number)):
            text = " ".join(text.split())
            if text:
                found.add(text)
    return found


def provoke(board: Dashboard) -> None:
    """The messages a lead meets: a refused number, an ambiguous one, a refused range,
    a cross-field rule."""
    for number in range(11):
        _open_everything(board.step(number))
    board.fields["inbound_per_day"].box.value = "many"
    board.fields["team_size"].box.value = "1,234"  # refused: more than 1,000 people
    board.fields["hire_hours_per_week"].box.value = "10"  # activities take 26 h
    board.fields["team_salary_per_year"].box.value = "1,500"  # ambiguous: read the page's way
    ranges = board.steps[8].ranges  # type: ignore[attr-defined]
    name = next(iter(ranges))
    ranges[name].low.value, ranges[name].high.value = "9", "1"


# What is the same in both languages, on purpose.
catalog_same = {text for text in CATALOG_SAME_IN_BOTH if "{" not in text}
PRODUCT = {"socialcase"}
CODES = re.compile(r"^(?:[A-Z]{2,4}|[A-Z]{3} \([A-Z]{2,4}\))$")  # NOK, USD, OTP, NPV-like codes
FILE = re.compile(r"^[\w .()-]+\.(?:csv|xlsx|json|txt)$")
SAME_IN_BOTH = {
    *LANGUAGE_NAMES.values(),  # the picker names each language in its own words
    "Erlang C",
    "SoMe",
    *catalog_same,  # job titles Norwegian employers write in English (tests/test_i18n.py)
}


def source_words() -> set[str]:
    """Source titles and publishers stay as published."""
    words: set[str] = set()
    for source in SOURCES.values():
        for trait in ("title", "publisher", "citation"):
            value = getattr(source, trait, None)
            text = value() if callable(value) else value
            if isinstance(text, str) and text:
                words.add(text)
    return words


def typed_values(scenario: Scenario) -> set[str]:
    values = scenario.values()
    return {v for v in values.values() if isinstance(v, str)}


def same_on_purpose(text: str, scenario: Scenario) -> bool:
    if not re.search(r"[A-Za-zÆØÅæøå]", without_figures(text)):
        return True  # a figure: a number with its currency or unit
    if text in PRODUCT or text in SAME_IN_BOTH or CODES.match(text) or FILE.match(text):
        return True
    if text in typed_values(scenario):
        return True
    return any(text == w or (len(text) > 12 and text in w) for w in source_words())


@pytest.fixture(scope="module")
def both() -> tuple[set[str], set[str], Scenario]:
    scenario = norway()
    english = Dashboard(scenario, draws=DRAWS, lang="en")
    provoke(english)
    en = page_texts(english)
    norwegian = Dashboard(scenario, draws=DRAWS, lang="nb")
    provoke(norwegian)
    nb = page_texts(norwegian)
    set_language("en")
    return en, nb, scenario


_FIGURE = re.compile(r"[-+\u2212]?(?:[$€£]\s?)?\d[\d\s\u00a0.,]*(?:\s?%)?")
_FIGURE_WORDS = {"kr", "NOK", "USD", "EUR", "h", "t", "%", "x", "×"}


def without_figures(text: str) -> str:
    """`text` with its numbers, currencies and units taken out: "NOK 181,628 more" and
    "181 628 kr more" both read "# more" (a sentence is English whatever its figures)."""
    words = _FIGURE.sub(" # ", text).split()
    return " ".join(w for w in words if w.strip(".,;:()").lstrip("-+\u2212") not in _FIGURE_WORDS)


def test_no_english_text_remains_on_the_norwegian_dashboard(
    both: tuple[set[str], set[str], Scenario],
) -> None:
    en, nb, scenario = both
    english = {without_figures(t) for t in en}
    left = sorted(
        t for t in nb if without_figures(t) in english and not same_on_purpose(t, scenario)
    )
    assert not left, "English on the Norwegian page:\n" + "\n".join(left)


def test_without_figures_reads_through_the_formatting() -> None:
    assert without_figures("the hire costs NOK 181,628 more") == without_figures(
        "the hire costs 181\u00a0628\u00a0kr more"
    )
    assert without_figures("12.5% of 16 h") == without_figures("12,5\u00a0% of 16\u00a0t")
    assert without_figures("nets -NOK 257,319.") == without_figures("nets -257\u00a0319\u00a0kr.")
    assert without_figures("Lønn for den nyansatte") != without_figures("Salary of the hire")


def test_the_walk_sees_the_page(both: tuple[set[str], set[str], Scenario]) -> None:
    # The walk reads labels, buttons, options, section titles and messages: a few of each,
    # known in both languages.
    en, nb, _ = both
    for english, norwegian in [
        ("Salary of the hire", "Lønn for den nyansatte"),
        ("Copy link", "Kopier lenke"),
        ("Norway", "Norge"),
        ("Live chat and DMs (Erlang C)", "Livechat og DM-er (Erlang C)"),
        ("Steps of the case", "Stegene i caset"),
        ("Save scenario", "Lagre scenario"),
    ]:
        assert english in en and norwegian in nb, english
    assert any("must be" in t for t in en) and any("må være" in t for t in nb)
    # "1,500" a year: English reads 1500 (a comma separates thousands), Norwegian 1.5.
    assert any(t.startswith("Read 1,500 as 1500") for t in en)
    assert any(t.startswith("Lest som 1,500, et desimaltall") for t in nb)


# --- the page's language ----------------------------------------------------------------------


def figure_value(board: Dashboard, step: int, name: str) -> str:
    value = board.steps[step].cards[name].widget.value  # type: ignore[attr-defined]
    start = value.index('sc-figure-value">') + len('sc-figure-value">')
    return html.unescape(value[start : value.index("</div>", start)])


def test_the_language_follows_the_country_preset_until_someone_picks_one() -> None:
    board = Dashboard(draws=DRAWS)
    assert board.lang == "en" and current_language() == "en"
    board.fields["country"].box.value = "NO"
    assert board.lang == "nb" and board.picker.value == "nb"
    assert "Lønn for den nyansatte" in board.fields["hire_salary_per_year"].label.value
    board.picker.value = "en"  # picked: the preset no longer decides
    board.fields["country"].box.value = "US"
    board.fields["country"].box.value = "NO"
    assert board.lang == "en" and current_language() == "en"
    assert "Salary of the hire" in board.fields["hire_salary_per_year"].label.value


def test_norwegian_figures_and_typed_numbers() -> None:
    board = Dashboard(norway(), draws=DRAWS)
    assert board.lang == "nb"
    salary = board.fields["hire_salary_per_year"]
    salary.box.value = "650 000"
    assert board.scenario.hire_salary_per_year == 650_000
    assert salary.message_text == ""  # not ambiguous: no note
    # The hire's steady-state cost, written the Norwegian way: digits grouped by U+00A0
    # and "kr" after the amount, as Babel's nb_NO pattern writes it.
    cost = figure_value(board, 8, "hire-cost")
    assert re.fullmatch(r"\d{1,3}(?:\u00a0\d{3})+\u00a0kr", cost), cost
    salary.box.value = "650.000,50"
    assert board.scenario.hire_salary_per_year == 650_000.5
    salary.box.value = "65,000"  # ambiguous in Norwegian: a decimal comma, with a note
    assert board.scenario.hire_salary_per_year == 65.0
    note = html.unescape(salary.message_text)
    assert "Lest som 65,000, et desimaltall" in note and "sc-note" in note


def test_changing_language_keeps_the_case_the_evidence_and_what_was_typed() -> None:
    board = Dashboard(draws=DRAWS)
    frame = board.step(3)
    board.fields["hire_salary_per_year"].box.value = "70,000"
    board.fields["inbound_per_day"].box.value = "lots"  # refused: stays in the box
    board.fields["answer_skills"].box.value = "Lære SQL"
    board.steps[3].widget.children  # noqa: B018 - the step is built
    chat = next(a for a in _accordions(board.steps[3].widget) if "Erlang" in a.titles[0])
    chat.selected_index = 0
    board.fields["chat_messages_per_hour"].box.value = "oops"
    scenario, growth, inbox = board.scenario, board.growth, board.inbox
    board.picker.value = "nb"
    assert board.lang == "nb" and board.chosen_lang == "nb"
    assert board.scenario == scenario and board.growth is growth and board.inbox is inbox
    assert board.step(3) is frame  # the cell's output keeps showing the step
    assert board.fields["hire_salary_per_year"].box.value == "70\u00a0000"
    assert board.fields["inbound_per_day"].box.value == "lots"
    message = html.unescape(board.fields["inbound_per_day"].message_text)
    assert "Innkommende" in message and "må være" in message and "i bruk: 70" in message
    assert board.fields["answer_skills"].box.value == "Lære SQL"
    assert board.fields["chat_messages_per_hour"].box.value == "oops"  # the section reopened
    assert "må være" in html.unescape(board.fields["chat_messages_per_hour"].message_text)
    assert board.scenario.answer_skills == "Lære SQL"


def _accordions(widget: widgets.Widget) -> list[widgets.Accordion]:
    if isinstance(widget, widgets.Accordion):
        return [widget]
    if isinstance(widget, widgets.Box):
        return [a for c in widget.children for a in _accordions(c)]
    return []


def test_link_and_file_carry_the_language() -> None:
    board = Dashboard(draws=DRAWS)
    assert "lang=" not in board.link.query  # an English page nobody chose: links as before
    board.picker.value = "nb"
    assert "lang=nb" in board.link.query
    assert json.loads(board.saved_text())["lang"] == "nb"
    recipient = Dashboard(draws=DRAWS)
    recipient.apply_link(board.link.query)
    assert recipient.lang == "nb" and recipient.picker.value == "nb"
    assert "Lønn for den nyansatte" in recipient.fields["hire_salary_per_year"].label.value
    # The same case's link in English: the same values, written the English way.
    norwegian = Dashboard(norway(), draws=DRAWS)
    assert norwegian.lang == "nb" and "lang=nb" in norwegian.link.query
    nb_npv = figure_value(norwegian, 0, "npv")
    english = Dashboard(draws=DRAWS)
    english.apply_link(norwegian.link.query.replace("lang=nb", "lang=en"))
    assert english.lang == "en" and english.scenario == norwegian.scenario
    en_npv = figure_value(english, 0, "npv")
    assert en_npv.startswith(("NOK ", "-NOK ")) and nb_npv.endswith("\u00a0kr")
    digits = re.sub(r"\D", "", en_npv)
    assert digits == re.sub(r"\D", "", nb_npv)  # the same amount in both


def test_a_scenario_file_opens_in_its_language() -> None:
    board = Dashboard(draws=DRAWS)
    text = files.dumps(Scenario(inbound_per_day=90), lang="nb")
    board._open_scenario(files.loads(text.encode(), "case.json"))
    assert board.lang == "nb" and board.scenario.inbound_per_day == 90
    assert share.from_query(board.link.query).lang == "nb"
    assert "Åpnet case.json." in board.sharing.file_message.value  # said in Norwegian


def test_plotly_s_own_words_on_a_chart_follow_the_page_s_language() -> None:
    # The mode bar's buttons are plotly.js's words: each chart registers them as a locale.
    board = Dashboard(norway(), draws=DRAWS, lang="nb")
    chart = board.steps[1].chart.container  # type: ignore[attr-defined]
    assert chart.figure["config"]["locale"] == "nb"
    assert chart.locale["name"] == "nb"
    assert chart.locale["dictionary"]["Download plot as a PNG"] == "Last ned diagrammet som PNG"
    board.speak("en")
    english = board.steps[1].chart.container  # type: ignore[attr-defined]
    assert english.locale == {} and "locale" not in english.figure["config"]
