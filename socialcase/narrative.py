"""The story in sentences: each step's paragraph, generated from the numbers.

Plain text only; the dashboard and the report escape it before showing it.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from socialcase.formatting import hours, money, months, number, percent

if TYPE_CHECKING:
    from socialcase.page import GrowthEvidence, MeasuredWeek, Page

__all__ = [
    "CONVERSATION_PLAN",
    "STEP_TITLES",
    "TERMS",
    "Glossary",
    "arrival_profile_text",
    "collaboration_text",
    "cost_text",
    "engagement_text",
    "growth_source_text",
    "growth_text",
    "measured_rows",
    "measured_text",
    "plural",
    "risk_text",
    "team_text",
    "uncertainty_text",
    "verdict_text",
    "vision_text",
]

STEP_TITLES = {  # the steps of the case, as DESIGN.md names them
    0: "The verdict",
    1: "Your team today",
    2: "Sign 1: growth has stalled",
    3: "Sign 2: you miss engagement",
    4: "Sign 3: no time to collaborate",
    5: "Questions to guide the growth strategy",
    6: "The vision: what 40 extra hours a week buy",
    7: "The risks: burnout and flight risk",
    8: "The bottom line",
    9: "Your dream team",
    10: "Make the case",
}

CONVERSATION_PLAN = (
    ("Your manager", "Agree the problem before the solution: share the three signs first."),
    (
        "Finance partner",
        "Walk through the cost and value assumptions; invite them to change the "
        "inputs in the dashboard themselves. Agree the value per KPI with them.",
    ),
    ("HR", "Confirm the salary band, the role description and the time to hire."),
    (
        "Teams the hire will help",
        "Customer care, sales and product: ask what more capacity "
        "on social would give them, and quote them.",
    ),
    (
        "The decision meeting",
        "Open with the verdict, then the risks of waiting; leave the report behind.",
    ),
)


#: Norwegian terms of the employer costs, explained in English the first time they appear.
TERMS = {
    "arbeidsgiveravgift": "the employer's social security contribution",
    "feriepenger": "holiday pay",
    "OTP pension": "the mandatory occupational pension",  # before "OTP": one explanation
    "OTP": "the mandatory occupational pension",
    "1G": "the National Insurance basic amount",
    "grunnbeløpet": "the National Insurance basic amount",
    "yrkesskadeforsikring": "occupational injury insurance",
}


class Glossary:
    """Adds the English to each Norwegian term (`TERMS`) the first time a text names it.

    >>> g = Glossary()
    >>> g.explain("Norway: arbeidsgiveravgift")
    "Norway: arbeidsgiveravgift (the employer's social security contribution)"
    >>> g.explain("arbeidsgiveravgift again")
    'arbeidsgiveravgift again'
    >>> Glossary().explain("Norway: 1G (grunnbeløpet)")  # a term in brackets: a comma
    'Norway: 1G (grunnbeløpet, the National Insurance basic amount)'
    """

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def explain(self, text: str) -> str:
        for term, english in TERMS.items():
            if english in self.seen:
                continue
            bracketed = re.compile(rf"\({re.escape(term)}\)")
            pattern = re.compile(rf"(?<![\w(]){re.escape(term)}(?![\w])(?! \()")
            if bracketed.search(text):
                text = bracketed.sub(f"({term}, {english})", text, count=1)
                self.seen.add(english)
            elif pattern.search(text):
                text = pattern.sub(f"{term} ({english})", text, count=1)
                self.seen.add(english)
        return text


def plural(count: float, one: str, many: str) -> str:
    """A count with its noun: ``plural(1, "person", "people")`` is '1 person'.

    >>> plural(1, "person", "people"), plural(2.0, "person", "people")
    ('1 person', '2 people')
    """
    return f"{count:g} {one if count == 1 else many}"


def verdict_text(case: Any, probability_positive: float | None = None) -> str:
    """The verdict in two or three sentences: NPV over the horizon first, then year one."""
    b, s, cur = case.bottom_line, case.scenario, case.scenario.currency
    years = f"{s.horizon_years:g} year{'s' if s.horizon_years != 1 else ''}"
    if b.net_present_value > 0:
        text = (
            f"Over {years} from the decision the hire is worth "
            f"{money(b.net_present_value, cur)} in today's money, net of every cost; it "
            f"pays back {months(b.payback_months)} after the decision."
        )
    else:
        text = (
            f"On these assumptions the hire costs {money(-b.net_present_value, cur)} more "
            f"than it brings over {years} (in today's money); look at what would make it "
            "strong: the value rates, the hours on each activity and the risks."
        )
    text += (
        f" Year one nets {money(b.year_one_net_value, cur)} (vacancy, ramp-up and one-off "
        f"costs included); a steady-state year nets {money(b.net_value_per_year, cur)}."
    )
    if probability_positive is not None:
        text += (
            f" In {percent(probability_positive)} of simulated cases the net present value "
            "is positive."
        )
    if b.cost_of_waiting_per_month > 0:
        text += f" Every month of waiting costs {money(b.cost_of_waiting_per_month, cur)}."
    return text


def team_text(case: Any) -> str:
    s, r = case.scenario, case.risk
    who = plural(s.team_size, "person", "people")
    work = "works" if s.team_size == 1 else "work"
    if case.overtime_hours_per_person <= 0:
        return (
            f"The {who} on the team {work} the contracted "
            f"{hours(s.contracted_hours_per_week)} a week."
        )
    return (
        f"The {who} on the team {work} {hours(s.actual_hours_per_week)} a "
        f"week against {hours(s.contracted_hours_per_week)} contracted: "
        f"{hours(r.overtime_hours_per_week)} of overtime a week"
        f"{' between them' if s.team_size != 1 else ''}, "
        f"{percent(r.overtime_share_without)} above contract."
    )


def engagement_text(case: Any) -> str:
    s, e = case.scenario, case.engagement
    w, h = e.without_hire, e.with_hire
    text = (
        f"At {number(s.inbound_per_day)} inbound messages a day, "
        f"{percent(s.reply_share)} needing a reply and {hours(s.team_engagement_hours_per_day)}"
        f" on the inbox a day, about {number(w.missed_per_week)} messages a week go "
        f"unanswered and {percent(w.share_answered_in_time)} are answered within "
        f"{hours(s.reply_target_hours)}. With the hire's "
        f"{hours(s.hire_responding_hours_per_week)} a week on the inbox: "
        f"{number(h.missed_per_week)} unanswered, {percent(h.share_answered_in_time)} in time."
        f" Messages arrive {arrival_profile_text(s.inbound_hour_profile)}."
    )
    if e.hours_per_day_needed is not None:
        text += (
            f" Answering {percent(s.reply_target_share)} in time takes "
            f"{hours(e.hours_per_day_needed)} of staffed inbox time a day."
        )
    else:
        text += f" {e.hours_per_day_needed_note}."
    if e.chat is not None:
        text += (
            f" Live chat at {plural(s.chat_messages_per_hour, 'chat', 'chats')} in the busiest "
            "hour "
            f"needs {plural(e.chat.agents, 'person', 'people')} on live chat "
            f"({e.chat.fte:.1f} FTE with "
            f"shrinkage) to answer {percent(s.chat_service_level)} within "
            f"{s.chat_target_answer_seconds:g} s."
        )
    return text


def collaboration_text(case: Any) -> str:
    b = case.collaboration
    return (
        f"Of {hours(b.worked_hours_per_week)} the team works a week, "
        f"{hours(b.reactive_hours_per_week)} go to reactive work, leaving "
        f"{hours(b.strategic_hours_per_week)} for strategy and cross-team work against "
        f"{hours(b.strategic_hours_wanted_per_week)} wanted: "
        f"{hours(b.hours_lacking_per_week)} a week missing. With the hire: "
        f"{hours(b.hours_lacking_with_hire_per_week)} missing."
    )


def vision_text(case: Any) -> str:
    """The hire's week as one budget, and what its hours buy."""
    s, v, cur = case.scenario, case.vision, case.scenario.currency
    top = max(v.activities, key=lambda a: a.value_per_year)
    text = (
        f"The hire's {hours(v.hire_hours_per_week)} a week at "
        f"{percent(s.hire_productive_share)} productive give "
        f"{hours(v.productive_hours_per_week)} of work: "
        f"{hours(v.activity_hours_per_week)} on the activities, worth "
        f"{money(v.value_per_year, cur)} a year of margin once up to speed"
    )
    text += (
        f", the most from {top.activity.label.lower()} ({money(top.value_per_year, cur)})."
        if top.value_per_year > 0
        else "."
    )
    if v.relief_hours_per_week > 0:
        text += (
            f" The other {hours(v.relief_hours_per_week)} take over work the team now "
            "does in overtime."
        )
    if v.unallotted_hours_per_week > 0:
        text += (
            f" {hours(v.unallotted_hours_per_week)} are neither on an activity nor needed "
            "for overtime, so they earn nothing: give them to an activity."
        )
    responding = v.of("responding")
    if responding.hours_per_week > 0:
        if v.extra_replies_per_week <= 0:
            text += (
                f" The {hours(responding.hours_per_week)} on responding answer nothing the "
                "team does not already answer (at this inbound volume), so they are worth "
                "nothing: those hours would be better spent elsewhere."
            )
        else:
            text += (
                f" Responding answers {number(v.extra_replies_per_week)} more messages a "
                "week than the team does today (the inbox step)."
            )
    collaboration = v.of("collaboration")
    if collaboration.counted_hours_per_week < collaboration.hours_per_week:
        text += (
            f" Only {hours(collaboration.counted_hours_per_week)} of the "
            f"{hours(collaboration.hours_per_week)} of cross-team work count: the team lacks "
            "no more strategic hours than that (step 4)."
        )
    text += (
        " Follower growth is counted once: through the content activity's reach, not "
        "again as the stall gap's value in step 2."
    )
    return text


def risk_text(case: Any) -> str:
    r, cur = case.risk, case.scenario.currency
    return (
        f"With {percent(r.overtime_share_without)} overtime, the team's turnover is "
        f"{percent(r.turnover_without, 1)} a year (each person's chance of leaving within "
        f"a year: {percent(r.leave_probability_without, 1)}); replacing one costs about "
        f"{money(r.replacement_cost_per_leaver, cur)}. Expected cost of leavers: "
        f"{money(r.expected_cost_without_per_year, cur)} a year today, "
        f"{money(r.expected_cost_with_per_year, cur)} with the hire taking over "
        f"{hours(r.relief_hours_per_week)} of overtime. The hire may leave too: "
        f"{money(r.hire_turnover_cost_per_year, cur)} a year expected, counted as a cost."
    )


def cost_text(case: Any) -> str:
    c, b, s, cur = case.cost, case.bottom_line, case.scenario, case.scenario.currency
    return (
        f"The hire costs {money(c.steady_state_cost_per_year, cur)} a year "
        f"(salary {money(c.salary_per_year, cur)}, employer costs "
        f"{money(c.employer_costs_per_year, cur)}, tools "
        f"{money(c.tools_cost_per_year, cur)}) plus {money(c.one_off_cost, cur)} once "
        f"(recruiting and equipment) and {money(b.risk.hire_turnover_cost_per_year, cur)} "
        f"a year of expected turnover. The post is filled {months(b.start_month)} after "
        f"the decision, and ramping up forgoes {money(b.ramp_value_forgone, cur)} of value. "
        f"Over {s.horizon_years:g} years at a {percent(s.discount_rate, 1)} discount rate, "
        f"the net present value is {money(b.net_present_value, cur)}: a return of "
        f"{percent(b.roi)} on the present value of every cost."
    ) + (_NORWAY_COSTS if s.country == "NO" else "")


_NORWAY_COSTS = " " + Glossary().explain(
    "In Norway the employer costs are arbeidsgiveravgift on pay, feriepenger, OTP on pay "
    "between 1G and 12G, and occupational injury insurance."
)


def _payback_sentence(simulation: Any, horizon_years: float) -> str:
    """When half and nine in ten of the cases pay back, each said as one month only when
    stable (`socialcase.uncertainty.PercentileReading`)."""
    years = f"{horizon_years:g} year{'s' if horizon_years != 1 else ''}"
    parts = []
    for q, who, fewer in ((50, "half of them", "fewer than half"), (90, "nine in ten", "")):
        reading = simulation.payback_reading(q)
        if math.isinf(reading.low) and math.isinf(reading.high):
            parts.append(
                f"{fewer} of them pay back within {years}"
                if fewer
                else f"fewer than nine in ten pay back within {years}"
            )
            break  # fewer than half: fewer than nine in ten too
        if reading.stable:
            parts.append(f"{who} pay back within {months(reading.months)} of the decision")
        else:
            parts.append(
                f"the month by which {who} pay back is not stable with these draws "
                f"({reading.text().removesuffix(' (unstable)')}), so no single month is given"
            )
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def uncertainty_text(case: Any, simulation: Any, swings: Any) -> str:
    cur = case.scenario.currency
    s = case.scenario
    text = (
        f"Across {number(simulation.draws)} simulated cases (seed {simulation.seed}), the net "
        "present value is "
        f"between {money(simulation.p10, cur)} (P10) and {money(simulation.p90, cur)} (P90), "
        f"with a median of {money(simulation.p50, cur)}; it is positive in "
        f"{percent(simulation.probability_positive)} of them, and year one is positive in "
        f"{percent(simulation.probability_year_one_positive)}."
    )
    text += " " + _payback_sentence(simulation, s.horizon_years)
    text += (
        f" Each activity's value per hour is drawn within +/-{percent(s.activity_value_spread)}"
        f" of its estimate, with a shared estimation bias of correlation "
        f"{s.estimation_bias_correlation:g}: when one estimate is optimistic, the others "
        "tend to be too."
    )
    if swings:
        text += f" What matters most: {swings[0].label.lower()}."
    return text


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def arrival_profile_text(profile: tuple[float, ...]) -> str:
    """When in the week messages arrive, in a sentence (the scenario's `inbound_hour_profile`).

    The busiest hour and its share of the week, ``w_k / sum(w)``, and the share arriving
    in weekday office hours (Monday to Friday, 09-17).

    >>> arrival_profile_text(())
    'spread evenly over each day (no pattern measured)'
    >>> profile = [0.0] * 168
    >>> profile[10] = 3.0; profile[30] = 1.0   # Monday 10-11, Tuesday 06-07
    >>> arrival_profile_text(tuple(profile))
    'as measured: busiest Monday 10-11 (75% of the week), 75% on weekdays 09-17'
    """
    if not profile:
        return "spread evenly over each day (no pattern measured)"
    total = sum(profile)
    busiest = max(range(len(profile)), key=profile.__getitem__)
    day, clock = divmod(busiest, 24)
    office = sum(w for k, w in enumerate(profile) if k // 24 < 5 and 9 <= k % 24 < 17)
    return (
        f"as measured: busiest {_DAYS[day]} {clock:02d}-{clock + 1:02d} "
        f"({percent(profile[busiest] / total)} of the week), "
        f"{percent(office / total)} on weekdays 09-17"
    )


def growth_source_text(evidence: GrowthEvidence) -> str:
    """Where the growth series comes from, in words."""
    if evidence.sample:
        return "the built-in sample follower export (load your own in the dashboard)"
    return f"your export {evidence.file_name}"


def growth_text(page: Page) -> str:
    """Sign 1: where growth stalled, how much slower it is, and what the gap is worth.

    The confidence is the detector's normal approximation of the chance that growth
    truly fell by at least half (`socialcase.growth.StallDetector`); above 99% it reads
    "over 99%", never a certainty.
    """
    evidence, cur = page.growth, page.currency
    if evidence is None:
        return ""
    metric = evidence.metric
    stall = evidence.stall
    if stall is None:
        return (
            f"Growth of {metric} has been steady: the detector finds no stall, so this "
            "sign does not apply."
        )
    chance = "over 99%" if stall.confidence > 0.99 else percent(stall.confidence)
    value_each = page.scenario.value_per_follower
    return (
        f"Growth of {metric} stalled on {stall.start:%d %B %Y}: from "
        f"{stall.growth_before_per_day:,.1f} {metric} a day to "
        f"{stall.growth_after_per_day:,.1f} {metric} a day ({percent(stall.drop_share)} "
        f"slower). Judged against the week-to-week noise, the chance that growth truly fell "
        f"by at least half is {chance} (a rough normal approximation). Had the old trend "
        f"continued there would be {number(evidence.gap_units)} more {metric} today, worth "
        f"{money(page.growth_gap_value, cur)} at {money(value_each, cur)} each."
    )


def measured_rows(week: MeasuredWeek) -> list[tuple[str, str, str]]:
    """(what, measured, modelled) a week, as the table beside the inbox export reads."""

    def cell(value: float | None) -> str:
        return number(value) if value is not None else "not in the export"

    return [
        ("Messages", cell(week.messages), number(week.model_messages)),
        ("Needing a reply", "not measurable", number(week.model_needing_reply)),
        ("Answered", cell(week.answered), number(week.model_answered)),
        (
            f"Answered within {hours(week.target_hours)}",
            cell(week.in_time),
            number(week.model_in_time),
        ),
    ]


def measured_text(week: MeasuredWeek, stats: Any, case: Any) -> str:
    """Why the model's week differs from the inbox's, when it does by more than a fifth."""
    if not week.disagrees or week.in_time is None:
        return ""
    s = case.scenario
    more = "more" if week.model_in_time > week.in_time else "fewer"
    share = stats.share_answered
    answered_share = percent(share) if share is not None else "an unknown share"
    return (
        f"The model answers {more} messages within {hours(week.target_hours)} than your inbox "
        f"shows ({number(week.model_in_time)} against {number(week.in_time)} a week) "
        f"because it assumes {percent(s.reply_share)} of "
        f"{number(s.inbound_per_day)} messages a day need a reply, "
        f"{number(s.handle_time_minutes)} minutes each and "
        f"{number(s.team_engagement_hours_per_day)} team hours a day on the inbox; "
        f"your team answered {answered_share} of all messages. Set those inputs to what "
        "your team really does to bring the model to the measurement."
    )


def signs_text(page: Page) -> list[tuple[str, str]]:
    """The three signs, one sentence each, for the leadership summary: (title, sentence)."""
    case, cur = page.case, page.currency
    e, b = case.engagement, case.collaboration
    evidence = page.growth
    if evidence is None or evidence.stall is None:
        growth = "No stall in the growth series: this sign does not apply."
    else:
        stall = evidence.stall
        growth = (
            f"Growth of {evidence.metric} fell {percent(stall.drop_share)} on "
            f"{stall.start:%d %B %Y}; the gap to the old trend is worth "
            f"{money(page.growth_gap_value, cur)}."
        )
    engagement = (
        f"About {number(e.missed_per_week_without_hire)} messages a week go unanswered today; "
        f"{number(e.missed_per_week_with_hire)} with the hire."
    )
    collaboration = (
        f"{hours(b.hours_lacking_per_week)} a week of strategy and cross-team work are "
        f"missing; {hours(b.hours_lacking_with_hire_per_week)} with the hire."
    )
    return [
        (STEP_TITLES[2], growth),
        (STEP_TITLES[3], engagement),
        (STEP_TITLES[4], collaboration),
    ]


def ask_text(page: Page) -> str:
    """What leadership is asked to approve, in one sentence."""
    c, s, cur = page.case.cost, page.scenario, page.currency
    return (
        f"Approve one {page.role.title.lower()} at {money(c.salary_per_year, cur)} a year in "
        f"salary ({money(c.steady_state_cost_per_year, cur)} a year fully loaded, "
        f"{money(c.one_off_cost, cur)} once), on a {hours(s.hire_hours_per_week)} week."
    )


def role_text(page: Page) -> str:
    """How the role was chosen: in the scenario, or by the rule of `roles.suggested_role`."""
    if page.scenario.hire_role != "auto":
        return "Chosen in the scenario."
    return (
        "Suggested from the gaps the signs found, weighted by the share of the hire's "
        "planned hours that go to closing each, leaving out roles the team already has."
    )
