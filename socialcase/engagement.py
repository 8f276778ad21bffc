"""You miss engagement (step 3, "Sign 2"): the scenario's inbox and live chat.

Applies the queue models of `socialcase.capacity` to the scenario, without and
with the hire's hours on the inbox, in both directions (staff -> service and
target -> staff needed).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

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

__all__ = ["Engagement", "engagement"]


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


def engagement(scenario: Any) -> Engagement:
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
    common = dict(
        inbound_per_day=s.inbound_per_day,
        reply_share=s.reply_share,
        handle_time_minutes=s.handle_time_minutes,
        reply_target_hours=s.reply_target_hours,
        staffed_days_per_week=int(s.staffed_days_per_week),
        weeks=2,  # the backlog starts warm, so a second week is already steady (capacity tests)
    )
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
