"""The field fuzz of the hostile-input pass (issue 13), kept as parametrised tests.

Every input box of the dashboard gets each of eleven bad values, typed the way a person
does (the box's text changes, as when they press Enter). What must hold for every pair,
which is what the pass found in the browser (the behaviour is Python's: parsing,
validation and the message happen in the kernel):

- nothing raises, and the box keeps exactly what was typed;
- the value is refused with a short message naming the field, and the case keeps
  its last good value; or, when the value is allowed for that field (a blank answer, a
  negative number where the field allows one), it is taken as it is, within its bounds;
- every headline figure stays short and readable (no ``nan``, ``inf``, or hundreds of digits);
- markup typed into a box never reaches any HTML of the page unescaped.

The browser keeps a small sample of the same cases (``tests/test_serving.py``).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets
import pytest

from devtools.hostile import FIELD_VALUES, PAYLOAD
from socialcase.inputs import parse_number
from socialcase.page import COUNTRY_FIELDS
from socialcase.scenario import Scenario, spec_of
from socialcase.ui.dashboard import Dashboard
from socialcase.ui.fields import FieldInput, NumberField, TextField

# The hostile-input pass's values (devtools.hostile, which prints what a viewer sees for
# each), and one more: just above the field's maximum, where it has one.
BAD_VALUES: dict[str, str | None] = {**FIELD_VALUES, "above-maximum": None}
# Text that can never be a number: a number box must refuse it with a message.
NEVER_A_NUMBER = {"text", "overflow", "nan", "list", "markup", "emoji", "infinity", "blank"}
MESSAGE_MAX_CHARS = 600  # a message quotes what was typed, not 4,000 characters of it
HEADLINE_MAX_CHARS = 24  # e.g. "-USD 1,234,567,890" fits; 400 digits do not


def _dashboard() -> Dashboard:
    dash = Dashboard(draws=500)
    bottom_line = dash.steps[8]
    # Closed sections build their boxes when opened: open every lazy part.
    for widget in list(_page_widgets(dash)):
        if isinstance(widget, widgets.Accordion) and widget.selected_index is None:
            widget.selected_index = 0
    assert getattr(bottom_line, "ranges", None) is not None
    for country in COUNTRY_FIELDS:  # the other countries' employer costs, built when shown
        bottom_line.employer_fields(dash.scenario, country)
    return dash


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


@pytest.fixture(scope="module")
def dash() -> Dashboard:
    return _dashboard()


def _boxes(dash: Dashboard) -> dict[str, tuple[FieldInput, Any]]:
    """Every text box a person can type into: field name (low/high for ranges) -> box."""
    found: dict[str, tuple[FieldInput, Any]] = {}
    for name, field in dash.fields.items():
        if isinstance(field, NumberField | TextField):
            found[name] = (field, field.box)
    for name, ranged in getattr(dash.steps[8], "ranges", {}).items():
        found[f"{name}:low"] = (ranged, ranged.low)
        found[f"{name}:high"] = (ranged, ranged.high)
    return found


def _typed(kind: str, box_name: str) -> str | None:
    text = BAD_VALUES[kind]
    if kind != "above-maximum":
        return text
    spec = spec_of(box_name.split(":")[0])
    if spec.kind == "text":
        return "x" * 4001  # just above the 4,000 characters a text may hold
    if math.isinf(spec.maximum):
        return None
    return f"{spec.maximum * 1.01 + 1:g}"


def _value(dash: Dashboard, box_name: str) -> Any:
    name, _, end = box_name.partition(":")
    if not end:
        return dash.scenario.values()[name]
    low, high = dict(dash.scenario.ranges)[name]
    return low if end == "low" else high


def _page_widgets(dash: Dashboard) -> Iterator[Any]:
    yield dash.status
    for step in dash.steps.values():
        yield from _walk(step.widget)


def _headlines(dash: Dashboard) -> dict[str, str]:
    figures = {}
    for widget in _page_widgets(dash):
        if isinstance(widget, widgets.HTML) and "sc-headline" in widget._dom_classes:
            match = re.search(r'sc-figure-value">(.*?)</div>', widget.value, re.S)
            figures[widget._dom_classes[-1]] = match[1] if match else ""
    return figures


def _html_values(dash: Dashboard) -> Iterator[str]:
    for widget in _page_widgets(dash):
        if isinstance(widget, widgets.HTML | widgets.Label):
            yield str(widget.value)


def _restore(dash: Dashboard, field: FieldInput, box_name: str, value: Any) -> None:
    """Back to the sample case without redrawing when nothing changed."""
    name, _, end = box_name.partition(":")
    if _value(dash, box_name) != value:
        if end:
            low, high = dict(dash.scenario.ranges)[name]
            low, high = (value, high) if end == "low" else (low, value)
            assert dash.propose_range(name, low, high) == ""
        else:
            assert dash.propose(name, value) == ""
    field.set_value(dict(dash.scenario.ranges)[name] if end else value)


# Collected once, at import, so every box is its own test case.
BOX_NAMES = sorted(_boxes(_dashboard()))


@pytest.mark.parametrize("kind", list(BAD_VALUES))
@pytest.mark.parametrize("box_name", BOX_NAMES)
def test_a_bad_value_is_refused_or_taken_never_lost(
    dash: Dashboard, box_name: str, kind: str
) -> None:
    field, box = _boxes(dash)[box_name]
    text = _typed(kind, box_name)
    assert text is not None, f"{box_name} has no maximum"
    spec = field.spec
    before_text, before_value = box.value, _value(dash, box_name)
    try:
        box.value = text
        assert box.value == text, "the box must keep what was typed"
        shown = field.message_text
        after = _value(dash, box_name)
        if shown:
            field_name = box_name.split(":")[0]
            assert field_name in shown or html.escape(spec.label) in shown, shown
            assert len(shown) <= MESSAGE_MAX_CHARS, f"a {len(shown):,}-character message"
            assert after == before_value, "a refused value must leave the last good value"
            assert PAYLOAD not in shown
        else:
            # Taken: only a value the field allows.
            assert kind not in NEVER_A_NUMBER or spec.kind == "text", (
                f"{box_name} took {text!r} without a word"
            )
            if spec.kind in ("number", "integer"):
                number = parse_number(text, spec.label, spec)
                assert math.isfinite(number) and spec.minimum <= number <= spec.maximum
        for name, figure in _headlines(dash).items():
            assert figure.strip(), f"{name} is empty"
            assert not re.search(r"\b(nan|inf)\b", figure, re.I), f"{name} shows {figure!r}"
            assert len(figure) <= HEADLINE_MAX_CHARS, f"{name} shows {figure!r}"
        for value in _html_values(dash):
            assert "<img src=x" not in value, "markup typed into a box reached the page"
    finally:
        _restore(dash, field, box_name, before_value)  # the next case starts from the sample
    assert box.value == before_text and _value(dash, box_name) == before_value


def test_the_fuzz_covers_every_box_of_the_case() -> None:
    # Every field with a box (numbers and texts; not the choices, and not the arrival
    # profile, which only an inbox export sets: tests/test_scenario.py refuses its bad
    # values) plus the low/high box of every range.
    ranges = len(Scenario().ranges)
    boxless = sum(1 for n in Scenario().values() if spec_of(n).kind in ("choice", "profile"))
    assert len(BOX_NAMES) == len(Scenario().values()) - boxless + 2 * ranges
