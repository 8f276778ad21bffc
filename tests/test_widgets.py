"""The widget models the page sends to the browser (issue 12): none it does not need.

A rebuild in another language closes what it replaced; the HTML, HBox and VBox widgets
share one Layout (and the HTML ones one style), which nothing ever changes.
"""

from __future__ import annotations

import ipywidgets as widgets
import pytest
from conftest import upload_value
from ipywidgets.widgets.widget import _instances
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from socialcase import datasets
from socialcase.inputs import format_value
from socialcase.ui import Dashboard
from socialcase.ui.fields import NumberField
from socialcase.ui.parts import (
    SHARED_KINDS,
    _linked,
    reachable,
    shared_models,
    shared_text_style,
)


def page_widgets(board: Dashboard) -> list[widgets.Widget]:
    """Every widget the page displays (with layouts and styles), from its cells' panels."""
    roots = [board.step(n) for n in range(11)]
    ids = reachable(*roots)
    found: dict[int, widgets.Widget] = {}
    todo = list(roots)
    while todo:
        widget = todo.pop()
        if id(widget) in found:
            continue
        found[id(widget)] = widget
        todo.extend(_linked(widget))
    assert set(found) == ids
    return list(found.values())


def drive(board: Dashboard) -> None:
    """A person's session: edits, sections opened, uploads, a country and a language switch."""
    board.fields["hire_salary_per_year"].box.value = "70,000"
    board.fields["inbound_per_day"].box.value = "not a number"
    board.steps[8].body.children[2].selected_index = 0  # the ranges' section builds its boxes
    frame, _ = datasets.follower_series("stall", start="2024-03-01", seed=11)
    board.steps[2].upload.value = upload_value(frame.to_csv(index=False).encode(), "growth.csv")
    messages, _ = datasets.inbox_export(days=28, messages_per_day=59, seed=4)
    inbox_csv = messages.to_csv(index=False).encode()
    board.inbox_panel.upload.value = upload_value(inbox_csv, "inbox.csv")
    board.propose("country", "NO")  # the preset brings Norwegian: the page is rebuilt
    board.fields["team_size"].box.value = "4"
    board.choose_language("en")
    board.propose("country", "US")


@pytest.fixture
def board() -> Dashboard:
    return Dashboard(draws=500)


def test_the_shared_layout_and_style_stay_as_made_while_the_page_is_used(
    board: Dashboard,
) -> None:
    layout, style = shared_models()
    text_style = shared_text_style()
    drive(board)
    assert shared_models() == (layout, style) and shared_text_style() is text_style
    assert layout.get_state() == widgets.Layout().get_state()
    assert style.get_state() == HTMLStyle().get_state()
    assert text_style.get_state() == TextStyle().get_state()


def test_only_the_listed_kinds_share_the_layout_and_the_notice_keeps_its_own(
    board: Dashboard,
) -> None:
    drive(board)
    layout, style = shared_models()
    shown = page_widgets(board)
    sharing = {type(w) for w in shown if getattr(w, "layout", None) is layout}
    assert sharing and all(issubclass(kind, SHARED_KINDS) for kind in sharing)
    assert {type(w) for w in shown if getattr(w, "style", None) is style} == {widgets.HTML}
    text_style = shared_text_style()
    assert {type(w) for w in shown if getattr(w, "style", None) is text_style} == {widgets.Text}
    # a text field's box (roles, strategy answers) keeps its own width
    answer = board.fields["team_roles"]
    assert answer.box.layout is not layout and answer.box.layout.width == "100%"
    # the widgets whose layout the dashboard changes keep theirs
    for own in (board.notice, board.restore, board.inbox_panel.calibrate):
        assert own.layout is not layout
    for step in board.steps.values():
        for slot in vars(step).values():
            container = getattr(slot, "container", None)
            if isinstance(container, widgets.Widget):  # a chart sets its height
                assert container.layout is not layout
    # the shared models take the place of one layout per widget (and one style per HTML)
    html_count = sum(isinstance(w, widgets.HTML) for w in shown)
    layouts = {id(w.layout) for w in shown if hasattr(w, "layout")}
    assert html_count > 100 and len(layouts) < len(shown) / 3


def test_a_number_field_is_one_row_whose_message_line_is_made_when_first_shown(
    board: Dashboard,
) -> None:
    shown = reachable(*(board.step(n) for n in range(11)))
    assert all(field.message is None for field in board.fields.values())
    numbers = [f for f in board.fields.values() if isinstance(f, NumberField)]
    assert len(numbers) > 30
    for field in numbers:  # label, box, unit (and slider) in the row itself: no inner box
        parts = [field.label, field.box, field.unit_label]
        assert list(field.widget.children) == parts + ([field.slider] if field.slider else [])
        assert id(field.widget) in shown
    team = board.fields["team_size"]
    team.show_message("")  # nothing to clear: no line made
    assert team.message is None and team.message_text == ""

    salary = board.fields["hire_salary_per_year"]
    salary.box.value = "abc"  # refused: the message goes last in the field's row
    message = salary.message
    assert message is not None and salary.widget.children[-1] is message
    assert {"sc-message", "sc-msg-hire_salary_per_year"} <= set(message._dom_classes)
    assert "sc-error" in message.value and salary.message_text == message.value
    assert id(message) in reachable(*(board.step(n) for n in range(11)))
    salary.box.value = "70000"  # taken: the same line, emptied
    assert salary.message is message and message.value == "" and salary.message_text == ""
    assert salary.widget.children.count(message) == 1

    currency = board.fields["currency"]  # a text field and a range field alike
    currency.box.value = "dollars"
    assert currency.widget.children[-1] is currency.message and currency.message_text
    board.steps[8].body.children[2].selected_index = 0  # the ranges' section builds its boxes
    ranged = board.steps[8].ranges["replacement_cost_multiplier"]  # type: ignore[attr-defined]
    assert ranged.message is None
    ranged.low.value, ranged.high.value = "3", "1"
    assert ranged.widget.children[-1] is ranged.message and "sc-error" in ranged.message_text


def test_a_language_rebuild_closes_what_it_replaced(board: Dashboard) -> None:
    before = len(_instances)
    old_verdict = board.steps[0].widget
    old_fields = list(board.fields.values())
    board.speak("nb")
    board.speak("en")
    # The same case in the same language: exactly the widgets of the first build, no more.
    assert len(_instances) == before
    assert old_verdict.comm is None and all(f.widget.comm is None for f in old_fields)
    # ... but what every build reuses is still live and shown
    kept = [board.link, board.pagebar, board.picker, board.status, board.restore]
    kept += [board.notice, board.nav, board.legend, board.verdict, *board.frames.values()]
    assert all(w.comm is not None for w in kept)
    assert set(map(id, kept)) <= reachable(*(board.step(n) for n in range(11)))


def test_no_closed_widget_is_shown_nor_referred_to_after_a_session(board: Dashboard) -> None:
    drive(board)
    board.apply_link("sc=2&lang=nb")
    assert all(w.comm is not None for w in page_widgets(board))
    for widget in list(_instances.values()):  # every live model still serialises
        assert all(child.comm is not None for child in _linked(widget))
        widget.get_state()


def test_a_norwegian_page_sends_about_as_many_models_as_the_english_one() -> None:
    before = len(_instances)
    board = Dashboard(draws=500)
    first = len(_instances) - before
    board.apply_link("sc=2&lang=nb")
    # Before issue 12 the old page stayed live: twice the models. The Norwegian case shows
    # a few more texts (its employer costs), never a second page.
    assert len(_instances) - before < 1.2 * first


def test_another_countrys_employer_costs_are_built_when_the_case_moves_there() -> None:
    board = Dashboard(draws=500)
    assert "benefits_load_share" in board.fields and "no_employer_tax_share" not in board.fields
    board.choose_language("en")  # the page stays English in Norway
    board.propose("country", "NO")
    field = board.fields["no_employer_tax_share"]
    step = board.steps[8]
    assert step.employer_box.children == (step.employer_fields(board.scenario),)  # type: ignore[attr-defined]
    assert field.widget in step.employer_box.children[0].children  # type: ignore[attr-defined]
    assert field.box.value == format_value(board.scenario.no_employer_tax_share, field.spec)  # type: ignore[attr-defined]
    assert field.origin_text == board.origin_of("no_employer_tax_share")[0]
    assert board.propose("no_employer_tax_share", 0.1) == ""
    field.box.value = "12%"  # type: ignore[attr-defined]
    assert board.scenario.no_employer_tax_share == pytest.approx(0.12)
    board.propose("country", "US")  # back: the US box again, Norway's kept for next time
    assert step.employer_box.children == (step.employer_fields(board.scenario),)  # type: ignore[attr-defined]
    assert board.fields["no_employer_tax_share"] is field
