"""You miss engagement (step 3, "Sign 2"): the scenario's inbox and live chat.

Applies the queue models of `socialcase.capacity` to the scenario, without and
with the hire's hours on the inbox, in both directions (staff -> service and
target -> staff needed).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from socialcase.capacity import (
    BacklogResult,
    ImpossibleQueueError,
    StaffingResult,
    agents_needed,
    backlog_service,
    effective_handle_time_seconds,
    staffed_hours_needed,
)
from socialcase.model import inbox_hours_per_day

if TYPE_CHECKING:
    from socialcase.scenario import Scenario

__all__ = ["Calibration", "Engagement", "calibrate_to_inbox", "engagement"]


@dataclass(frozen=True)
class Engagement:
    """The inbox without and with the hire, and the live-chat staffing."""

    team_hours_per_day: float
    hire_hours_per_day: float
    without_hire: BacklogResult
    with_hire: BacklogResult
    hours_per_day_needed: float | None  # None when no staffing meets the target
    hours_per_day_needed_note: str
    chat: StaffingResult | None
    chat_note: str

    @property
    def missed_per_week_without_hire(self) -> float:
        return self.without_hire.missed_per_week

    @property
    def missed_per_week_with_hire(self) -> float:
        return self.with_hire.missed_per_week


@lru_cache(maxsize=512)
def _backlog(**inputs: Any) -> BacklogResult:
    # Pure and slow-ish (an hour-by-hour simulation): a dashboard recomputes the case on
    # every change, mostly with the inbox inputs unchanged.
    return backlog_service(**inputs)


@lru_cache(maxsize=512)
def _hours_needed(**inputs: Any) -> float:
    return staffed_hours_needed(**inputs)


def _inbox_inputs(s: Scenario) -> dict[str, Any]:
    """The backlog model's inputs from scenario `s`, all but the staffed hours."""
    return dict(
        inbound_per_day=s.inbound_per_day,
        reply_share=s.reply_share,
        handle_time_minutes=s.handle_time_minutes,
        reply_target_hours=s.reply_target_hours,
        staffed_days_per_week=int(s.staffed_days_per_week),
        weeks=2,  # the backlog starts warm, so a second week is already steady (capacity tests)
        # when messages arrive: the inbox export's hour-of-week pattern, or an even spread
        arrival_profile=s.inbound_hour_profile or None,
    )


def engagement(scenario: Scenario) -> Engagement:
    """The engagement sign of `scenario`.

    The hire's responding hours are spread over the staffed days:
    ``hire_hours_per_day = responding_hours_per_week / staffed_days_per_week``. Live chat
    is staffed with Erlang C on the chat conversation length (first reply to close) over
    the concurrency, not the handle time of one inbox message.
    """
    s = scenario
    hire_per_day = float(
        inbox_hours_per_day(s.hire_responding_hours_per_week, s.staffed_days_per_week)
    )
    common = _inbox_inputs(s)
    without = _backlog(staffed_hours_per_day=s.team_engagement_hours_per_day, **common)
    with_hire = _backlog(
        staffed_hours_per_day=min(s.team_engagement_hours_per_day + hire_per_day, 24.0), **common
    )
    try:
        needed: float | None = _hours_needed(target_share_in_time=s.reply_target_share, **common)
        needed_note = ""
    except ImpossibleQueueError as error:
        needed, needed_note = None, str(error)
    try:
        chat: StaffingResult | None = agents_needed(
            arrivals=s.chat_messages_per_hour,
            interval_minutes=60,
            handle_time_seconds=effective_handle_time_seconds(
                s.chat_conversation_minutes * 60, s.chat_concurrency
            ),
            target_answer_seconds=s.chat_target_answer_seconds,
            service_level=s.chat_service_level,
            max_occupancy=s.max_occupancy,
            shrinkage=s.shrinkage,
        )
        chat_note = ""
    except ImpossibleQueueError as error:
        chat, chat_note = None, str(error)
    return Engagement(
        s.team_engagement_hours_per_day,
        hire_per_day,
        without,
        with_hire,
        needed,
        needed_note,
        chat,
        chat_note,
    )


# --- calibration: the model's week without the hire brought to the measured inbox -------

CALIBRATION_STEP_HOURS = 0.01  # the calibrated team hours a day are a multiple of this


@dataclass(frozen=True)
class Calibration:
    """Inputs that bring the model's week without the hire to the measured inbox.

    `changes` is empty when calibration is impossible; `sentence` then says why.
    `modelled_in_time_per_week` is the calibrated model's week (None when impossible).
    """

    changes: dict[str, float]
    sentence: str
    measured_in_time_per_week: float | None
    modelled_in_time_per_week: float | None

    @property
    def possible(self) -> bool:
        return bool(self.changes)


def _in_time(inputs: dict[str, Any], hours_per_day: float) -> float:
    return _backlog(staffed_hours_per_day=hours_per_day, **inputs).answered_in_time_per_week


def calibrate_to_inbox(
    stats: Any, scenario: Scenario, file_name: str = "your inbox"
) -> Calibration:
    """Team inbox hours a day at which the model answers in time what the inbox did.

    The measured week is ``answered_within_per_week(reply_target_hours)`` of
    `stats` (a `socialcase.inbox.InboxStats`): ``count(wait <= target) / days * 7``.
    Inbound per day is set to the measured ``messages_per_day`` (rounded to 0.1, as
    "Use these numbers" does). The hours are the smallest
    :math:`H \\in \\{0, 0.01, \\ldots, 24\\}` whose modelled week without the hire,
    :math:`f(H)` (``backlog_service(...).answered_in_time_per_week``, the inputs of
    `engagement`), reaches the measured one, found by bisection: `f` never falls as
    hours grow (a property of the backlog model, see `socialcase.capacity`), so
    :math:`f(H - 0.01) <` measured :math:`\\le f(H)`. Where `f` jumps (an inbox that
    just keeps up against one that falls behind, oldest first) the calibrated week can
    overshoot; the sentence then says by how much.

    Impossible, with a sentence and no changes: the export has no reply times; the
    inbox answered none in time (0 hours already does that); the measured week is more
    than the messages the model thinks need a reply; or even 24 hours on every staffed
    day fall short.
    """
    s = scenario
    target = float(s.reply_target_hours)
    measured = stats.answered_within_per_week(target)
    within = f"within {target:g} h"
    if measured is None:
        return Calibration(
            {},
            f"Calibration is not possible: {file_name} has no reply times, so how many "
            f"messages your team answered {within} is not measured.",
            None,
            None,
        )
    inbound = round(float(stats.messages_per_day), 1)
    inputs = _inbox_inputs(s) | {"inbound_per_day": inbound}
    needing = _backlog(staffed_hours_per_day=0.0, **inputs).needing_reply_per_week
    if measured <= 0.0:
        return Calibration(
            {},
            f"Calibration is not possible: your team answered no messages {within}, and the "
            "model answers none already with 0 team hours a day; set the team hours yourself.",
            measured,
            None,
        )
    if measured > needing:
        return Calibration(
            {},
            f"Calibration is not possible with team hours alone: your team answered "
            f"{measured:,.0f} messages a week {within}, more than the {needing:,.0f} the model "
            f"thinks need a reply ({s.reply_share:.0%} of {inbound:g} a day). Raise the share "
            "of messages that need a reply first.",
            measured,
            None,
        )
    steps = round(24.0 / CALIBRATION_STEP_HOURS)
    days = int(s.staffed_days_per_week)
    best = _in_time(inputs, 24.0)
    if best < measured:
        return Calibration(
            {},
            f"Calibration is not possible: your inbox implies more hours than a week has. "
            f"Even 24 team hours a day on {days} days a week answer only {best:,.0f} messages "
            f"a week {within} in the model, fewer than your {measured:,.0f}.",
            measured,
            None,
        )
    low, high = 0, steps  # f(low) falls short of the measurement, f(high) reaches it
    while high - low > 1:
        middle = (low + high) // 2
        if _in_time(inputs, middle * CALIBRATION_STEP_HOURS) >= measured:
            high = middle
        else:
            low = middle
    hours_per_day = round(high * CALIBRATION_STEP_HOURS, 2)
    modelled = _in_time(inputs, hours_per_day)
    changes: dict[str, float] = {
        "inbound_per_day": inbound,
        "team_engagement_hours_per_day": hours_per_day,
    }
    sentence = (
        f"Calibrated to {file_name}: {inbound:g} messages a day as measured, and "
        f"{hours_per_day:g} team hours a day on the inbox (was "
        f"{float(s.team_engagement_hours_per_day):g}), the fewest at which the model's week "
        f"without the hire answers {modelled:,.0f} messages {within}, as your inbox did "
        f"({measured:,.0f} a week)."
    )
    below = _in_time(inputs, (high - 1) * CALIBRATION_STEP_HOURS)
    if modelled - measured > max(0.05 * measured, 1.0):
        sentence += (
            f" The model cannot land closer: a hundredth of an hour less answers only "
            f"{below:,.0f} in time, because an inbox that just keeps up answers nearly "
            "every message in time while one that falls behind answers the oldest first, "
            "nearly all late."
        )
    return Calibration(changes, sentence, measured, modelled)
