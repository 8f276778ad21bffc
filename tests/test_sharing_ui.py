"""The dashboard's sharing wiring without a browser: origins beside inputs, evidence in links."""

from __future__ import annotations

import base64
import html
import json

import pytest
from conftest import upload_value

from socialcase import datasets, files
from socialcase.scenario import TEXT_MAX_CHARS
from socialcase.share import QUERY_BUDGET_CHARS
from socialcase.ui import Dashboard


def headline(widget_value: str) -> str:
    start = widget_value.index('sc-figure-value">') + len('sc-figure-value">')
    return html.unescape(widget_value[start : widget_value.index("</div>", start)])


def origin_text(board: Dashboard, name: str) -> str:
    """What the page shows beside the input, as text."""
    field = board.fields[name]
    label = getattr(field, "label", None)
    shown = html.unescape(label.value if label is not None else field.origin.value)
    assert field.origin_text in shown
    return field.origin_text


@pytest.fixture
def board() -> Dashboard:
    return Dashboard(draws=2_000)


def lead_uploads(board: Dashboard) -> None:
    """A growth export (stall 2024-10-17 style: not the sample's) and an inbox export."""
    frame, _ = datasets.follower_series("stall", start="2024-03-01", seed=11)
    board.steps[2].upload.value = upload_value(frame.to_csv(index=False).encode(), "our growth.csv")
    messages, _ = datasets.inbox_export(days=28, messages_per_day=59, seed=4)
    board.inbox_panel.upload.value = upload_value(
        messages.to_csv(index=False).encode(), "inbox.csv"
    )


def test_the_origin_of_each_value_is_shown_beside_its_input(board: Dashboard) -> None:
    assert origin_text(board, "hire_salary_per_year").startswith("Default: US Bureau of Labor")
    board.fields["hire_salary_per_year"].box.value = "70,000"
    assert "Your figure." in origin_text(board, "hire_salary_per_year")
    board.fields["answer_skills"].box.value = "Paid social"
    assert "Your answer." in origin_text(board, "answer_skills")


def test_measured_numbers_name_their_file_and_what_was_measured(board: Dashboard) -> None:
    lead_uploads(board)
    board.inbox_panel.use.click()
    text = origin_text(board, "inbound_per_day")
    assert "Measured from inbox.csv, 28 days." in text
    assert "Sprout Social" not in text


def test_the_link_carries_the_leads_evidence_to_a_fresh_dashboard(board: Dashboard) -> None:
    lead_uploads(board)
    board.fields["hire_salary_per_year"].box.value = "70,000"
    sender = board.steps[2]
    stall = headline(sender.cards["stall-date"].widget.value)
    assert stall != "2025-08-23"  # not the sample's stall
    recipient = Dashboard(draws=2_000)
    result = recipient.apply_link(board.link.query)
    assert result.growth is not None and result.inbox is not None
    assert headline(recipient.steps[2].cards["stall-date"].widget.value) == stall
    for name in ("growth-before", "growth-after", "growth-gap-value"):
        mine = sender.cards[name].widget.value
        assert headline(recipient.steps[2].cards[name].widget.value) == headline(mine)
    for name in ("inbox-per-day", "inbox-answered", "inbox-response-p50", "inbox-response-p90"):
        mine = board.inbox_panel.cards[name].widget.value
        assert headline(recipient.inbox_panel.cards[name].widget.value) == headline(mine)
    assert headline(recipient.steps[0].cards["net-value"].widget.value) == headline(
        board.steps[0].cards["net-value"].widget.value
    )
    assert "our growth.csv" in recipient.steps[2].source.value
    assert "came in the link" in origin_text(recipient, "hire_salary_per_year")
    # The measured week beside the model's travels too: answered within the reply target
    # (24 h, a point of the link's reply-time grid) is exact, never "not in the export".
    assert "not in the export" not in recipient.inbox_panel.comparison.value
    assert recipient.inbox_panel.comparison.value == board.inbox_panel.comparison.value


def test_the_scenario_file_carries_the_evidence_and_the_origins(board: Dashboard) -> None:
    lead_uploads(board)
    board.fields["hire_salary_per_year"].box.value = "70,000"
    href = board.sharing.download.value.split("base64,")[1].split('"')[0]
    saved = json.loads(base64.b64decode(href))
    assert saved["provenance"]["hire_salary_per_year"] == ["t", ""]
    assert set(saved["evidence"]) == {"growth", "inbox"}
    other = Dashboard(draws=2_000)
    other._open_scenario(files.loads(base64.b64decode(href), "team.json"))
    assert headline(other.steps[2].cards["stall-date"].widget.value) == headline(
        board.steps[2].cards["stall-date"].widget.value
    )
    assert "came in team.json" in origin_text(other, "hire_salary_per_year")


def test_the_report_credits_a_typed_salary_to_the_lead(board: Dashboard) -> None:
    board.choose_language("en")  # picked: Norway's preset would bring Norwegian
    board.fields["country"].box.value = "NO"
    board.fields["hire_salary_per_year"].box.value = "700 000"
    page = board.report()
    row = page.split('data-input="hire_salary_per_year"')[1].split("</tr>")[0]
    assert "Your figure." in row and "Replaces the default (Statistics Norway" in row


def test_a_measured_share_outside_its_range_widens_the_range(board: Dashboard) -> None:
    board.apply_changes({"reply_share": 0.719})
    low, high = board.scenario.range_of("reply_share")
    assert low <= 0.719 <= high
    origin = board.provenance.range_origin(board.scenario, "reply_share")
    assert origin.kind == "widened"


def test_a_link_too_long_for_the_budget_is_cut_with_a_visible_note(board: Dashboard) -> None:
    import random

    rng = random.Random(5)
    text = "".join(chr(rng.randrange(0x4E00, 0x9FFF)) for _ in range(TEXT_MAX_CHARS))
    board.fields["answer_skills"].box.value = text
    assert len(board.link.query) <= QUERY_BUDGET_CHARS
    warning = html.unescape(board.sharing.long_link.value)
    assert "How do you want to grow your own skills? was cut to" in warning
    assert "Save the scenario file" in warning
    assert board.sharing.long_link in board.sharing.widget.children  # on the page
    assert board.scenario.answer_skills == text  # the case on screen keeps it whole


def test_the_measured_arrival_pattern_travels_in_the_link_credited_to_the_export(
    board: Dashboard,
) -> None:
    lead_uploads(board)
    board.inbox_panel.use.click()
    profile = board.scenario.inbound_hour_profile
    assert len(profile) == 168 and sum(profile) > 0
    recipient = Dashboard(draws=2_000)
    recipient.apply_link(board.link.query)
    assert recipient.scenario.inbound_hour_profile == profile
    text, kind = recipient.origin_of("inbound_hour_profile")
    assert kind == "measured" and "inbox.csv" in text
    # The recipient's model follows the same arrivals: the same week, the same verdict.
    assert recipient.steps[3].text.widget.value == board.steps[3].text.widget.value
    assert "Messages arrive as measured: busiest" in recipient.steps[3].text.widget.value
