"""The story in sentences: each step's paragraph, generated from the numbers.

Plain text only; the dashboard and the report escape it before showing it. Every
sentence is a gettext message with ``str.format`` placeholders, in the current language
(`socialcase.i18n`); the figures in it are formatted in that language's locale.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from socialcase.formatting import compact, decimal, hours, long_date, money, months, number, percent
from socialcase.i18n import N_, current_language, gettext, ngettext, pgettext

if TYPE_CHECKING:
    from socialcase.page import GrowthEvidence, MeasuredWeek, Page

__all__ = [
    "CONVERSATION_PLAN",
    "STEP_TITLES",
    "TERMS",
    "Glossary",
    "arrival_profile_text",
    "collaboration_text",
    "conversation_plan",
    "cost_text",
    "engagement_text",
    "growth_source_text",
    "growth_text",
    "measured_rows",
    "measured_text",
    "metric_name",
    "payback_reading_text",
    "plural",
    "risk_text",
    "role_words",
    "step_title",
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
    (
        N_("Your manager"),
        N_("Agree the problem before the solution: share the three signs first."),
    ),
    (
        N_("Finance partner"),
        N_(
            "Walk through the cost and value assumptions; invite them to change the "
            "inputs in the dashboard themselves. Agree the value per KPI with them."
        ),
    ),
    (N_("HR"), N_("Confirm the salary band, the role description and the time to hire.")),
    (
        N_("Teams the hire will help"),
        N_(
            "Customer care, sales and product: ask what more capacity "
            "on social would give them, and quote them."
        ),
    ),
    (
        N_("The decision meeting"),
        N_("Open with the verdict, then the risks of waiting; leave the report behind."),
    ),
)
"""Who to talk to, in order, and what about (English; `conversation_plan` translates)."""


def conversation_plan() -> tuple[tuple[str, str], ...]:
    """`CONVERSATION_PLAN` in the current language."""
    return tuple((gettext(who), gettext(what)) for who, what in CONVERSATION_PLAN)


def step_title(step: int) -> str:
    """The title of a step of the case, in the current language."""
    if step not in STEP_TITLES:
        return gettext("Step {step}").format(step=step)
    return gettext(STEP_TITLES[step])


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

    In Norwegian the terms are the reader's own words: the text is left as it is.

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
        if current_language() != "en":
            return text
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

    English words as given (the caller's `ngettext` pair translates); the count in the
    locale's decimal mark.

    >>> plural(1, "person", "people"), plural(2.0, "person", "people")
    ('1 person', '2 people')
    """
    return f"{compact(count)} {one if count == 1 else many}"


def _n(count: float) -> int:
    """The count `ngettext` chooses the form by: 1 only for exactly one."""
    return 1 if count == 1 else 2


def people(count: float) -> str:
    """'1 person', '3 people' in the current language."""
    return ngettext("{count} person", "{count} people", _n(count)).format(count=compact(count))


def _years(count: float) -> str:
    return ngettext("{count} year", "{count} years", _n(count)).format(count=compact(count))


def verdict_text(case: Any, probability_positive: float | None = None) -> str:
    """The verdict in two or three sentences: NPV over the horizon first, then year one."""
    b, s, cur = case.bottom_line, case.scenario, case.scenario.currency
    years = _years(s.horizon_years)
    if b.net_present_value > 0:
        text = gettext(
            "Over {years} from the decision the hire is worth {npv} in today's money, net of "
            "every cost; it pays back {payback} after the decision."
        ).format(years=years, npv=money(b.net_present_value, cur), payback=months(b.payback_months))
    else:
        text = gettext(
            "On these assumptions the hire costs {loss} more than it brings over {years} (in "
            "today's money); look at what would make it strong: the value rates, the hours on "
            "each activity and the risks."
        ).format(loss=money(-b.net_present_value, cur), years=years)
    text += " " + gettext(
        "Year one nets {year_one} (vacancy, ramp-up and one-off costs included); a "
        "steady-state year nets {steady}."
    ).format(year_one=money(b.year_one_net_value, cur), steady=money(b.net_value_per_year, cur))
    if probability_positive is not None:
        text += " " + gettext(
            "In {share} of simulated cases the net present value is positive."
        ).format(share=percent(probability_positive))
    if b.cost_of_waiting_per_month > 0:
        text += " " + gettext("Every month of waiting costs {cost}.").format(
            cost=money(b.cost_of_waiting_per_month, cur)
        )
    return text


def team_text(case: Any) -> str:
    s, r = case.scenario, case.risk
    count = compact(s.team_size)
    if case.overtime_hours_per_person <= 0:
        return ngettext(
            "The {count} person on the team works the contracted {contracted} a week.",
            "The {count} people on the team work the contracted {contracted} a week.",
            _n(s.team_size),
        ).format(count=count, contracted=hours(s.contracted_hours_per_week))
    return ngettext(
        "The {count} person on the team works {actual} a week against {contracted} "
        "contracted: {overtime} of overtime a week, {share} above contract.",
        "The {count} people on the team work {actual} a week against {contracted} "
        "contracted: {overtime} of overtime a week between them, {share} above contract.",
        _n(s.team_size),
    ).format(
        count=count,
        actual=hours(s.actual_hours_per_week),
        contracted=hours(s.contracted_hours_per_week),
        overtime=hours(r.overtime_hours_per_week),
        share=percent(r.overtime_share_without),
    )


def engagement_text(case: Any) -> str:
    s, e = case.scenario, case.engagement
    w, h = e.without_hire, e.with_hire
    text = gettext(
        "At {inbound} inbound messages a day, {reply_share} needing a reply and {inbox_hours} "
        "on the inbox a day, about {missed} messages a week go unanswered and {in_time} are "
        "answered within {target}."
    ).format(
        inbound=number(s.inbound_per_day),
        reply_share=percent(s.reply_share),
        inbox_hours=hours(s.team_engagement_hours_per_day),
        missed=number(w.missed_per_week),
        in_time=percent(w.share_answered_in_time),
        target=hours(s.reply_target_hours),
    )
    text += " " + gettext(
        "With the hire's {hire_hours} a week on the inbox: {missed} unanswered, {in_time} in time."
    ).format(
        hire_hours=hours(s.hire_responding_hours_per_week),
        missed=number(h.missed_per_week),
        in_time=percent(h.share_answered_in_time),
    )
    text += " " + gettext("Messages arrive {when}.").format(
        when=arrival_profile_text(s.inbound_hour_profile)
    )
    if e.hours_per_day_needed is not None:
        text += " " + gettext(
            "Answering {share} in time takes {needed} of staffed inbox time a day."
        ).format(share=percent(s.reply_target_share), needed=hours(e.hours_per_day_needed))
    elif current_language() == "en":  # the queue model's own account, with its numbers
        text += f" {e.hours_per_day_needed_note}."
    else:  # that account is the model's English: say what it means instead
        text += " " + gettext(
            "Not even 24 staffed hours a day answer {share} within {target}: the reply target "
            "cannot be met with these inputs."
        ).format(share=percent(s.reply_target_share), target=hours(s.reply_target_hours))
    if e.chat is not None:
        chats = ngettext("{count} chat", "{count} chats", _n(s.chat_messages_per_hour)).format(
            count=compact(s.chat_messages_per_hour)
        )
        text += " " + gettext(
            "Live chat at {chats} in the busiest hour needs {people} on live chat ({fte} FTE "
            "with shrinkage) to answer {level} within {seconds} s."
        ).format(
            chats=chats,
            people=people(e.chat.agents),
            fte=decimal(e.chat.fte, 1),
            level=percent(s.chat_service_level),
            seconds=compact(s.chat_target_answer_seconds),
        )
    return text


def collaboration_text(case: Any) -> str:
    b = case.collaboration
    return gettext(
        "Of {worked} the team works a week, {reactive} go to reactive work, leaving {strategic} "
        "for strategy and cross-team work against {wanted} wanted: {lacking} a week missing. "
        "With the hire: {lacking_with} missing."
    ).format(
        worked=hours(b.worked_hours_per_week),
        reactive=hours(b.reactive_hours_per_week),
        strategic=hours(b.strategic_hours_per_week),
        wanted=hours(b.strategic_hours_wanted_per_week),
        lacking=hours(b.hours_lacking_per_week),
        lacking_with=hours(b.hours_lacking_with_hire_per_week),
    )


def activity_label(activity: Any) -> str:
    """An activity's name (`socialcase.scenario.Activity.label`) in the current language."""
    return gettext(activity.label)


def vision_text(case: Any) -> str:
    """The hire's week as one budget, and what its hours buy."""
    s, v, cur = case.scenario, case.vision, case.scenario.currency
    top = max(v.activities, key=lambda a: a.value_per_year)
    facts = {
        "hire_hours": hours(v.hire_hours_per_week),
        "productive_share": percent(s.hire_productive_share),
        "productive": hours(v.productive_hours_per_week),
        "on_activities": hours(v.activity_hours_per_week),
        "value": money(v.value_per_year, cur),
    }
    if top.value_per_year > 0:
        text = gettext(
            "The hire's {hire_hours} a week at {productive_share} productive give {productive} "
            "of work: {on_activities} on the activities, worth {value} a year of margin once up "
            "to speed, the most from {top} ({top_value})."
        ).format(
            **facts,
            top=activity_label(top.activity).lower(),
            top_value=money(top.value_per_year, cur),
        )
    else:
        text = gettext(
            "The hire's {hire_hours} a week at {productive_share} productive give {productive} "
            "of work: {on_activities} on the activities, worth {value} a year of margin once up "
            "to speed."
        ).format(**facts)
    if v.relief_hours_per_week > 0:
        text += " " + gettext(
            "The other {relief} take over work the team now does in overtime."
        ).format(relief=hours(v.relief_hours_per_week))
    if v.unallotted_hours_per_week > 0:
        text += " " + gettext(
            "{idle} are neither on an activity nor needed for overtime, so they earn nothing: "
            "give them to an activity."
        ).format(idle=hours(v.unallotted_hours_per_week))
    responding = v.of("responding")
    if responding.hours_per_week > 0:
        if v.extra_replies_per_week <= 0:
            text += " " + gettext(
                "The {hours} on responding answer nothing the team does not already answer "
                "(at this inbound volume), so they are worth nothing: those hours would be "
                "better spent elsewhere."
            ).format(hours=hours(responding.hours_per_week))
        else:
            text += " " + gettext(
                "Responding answers {extra} more messages a week than the team does today "
                "(the inbox step)."
            ).format(extra=number(v.extra_replies_per_week))
    collaboration = v.of("collaboration")
    if collaboration.counted_hours_per_week < collaboration.hours_per_week:
        text += " " + gettext(
            "Only {counted} of the {planned} of cross-team work count: the team lacks no more "
            "strategic hours than that (step 4)."
        ).format(
            counted=hours(collaboration.counted_hours_per_week),
            planned=hours(collaboration.hours_per_week),
        )
    text += " " + gettext(
        "Follower growth is counted once: through the content activity's reach, not again as "
        "the stall gap's value in step 2."
    )
    return text


def risk_text(case: Any) -> str:
    r, cur = case.risk, case.scenario.currency
    return gettext(
        "With {overtime_share} overtime, the team's turnover is {turnover} a year (each "
        "person's chance of leaving within a year: {leave}); replacing one costs about "
        "{replacement}. Expected cost of leavers: {cost_today} a year today, {cost_with} with "
        "the hire taking over {relief} of overtime. The hire may leave too: {hire_turnover} a "
        "year expected, counted as a cost."
    ).format(
        overtime_share=percent(r.overtime_share_without),
        turnover=percent(r.turnover_without, 1),
        leave=percent(r.leave_probability_without, 1),
        replacement=money(r.replacement_cost_per_leaver, cur),
        cost_today=money(r.expected_cost_without_per_year, cur),
        cost_with=money(r.expected_cost_with_per_year, cur),
        relief=hours(r.relief_hours_per_week),
        hire_turnover=money(r.hire_turnover_cost_per_year, cur),
    )


def cost_text(case: Any) -> str:
    c, b, s, cur = case.cost, case.bottom_line, case.scenario, case.scenario.currency
    text = gettext(
        "The hire costs {cost} a year (salary {salary}, employer costs {employer}, tools "
        "{tools}) plus {once} once (recruiting and equipment) and {turnover} a year of "
        "expected turnover. The post is filled {start} after the decision, and ramping up "
        "forgoes {forgone} of value. Over {years} years at a {rate} discount rate, the net "
        "present value is {npv}: a return of {roi} on the present value of every cost."
    ).format(
        cost=money(c.steady_state_cost_per_year, cur),
        salary=money(c.salary_per_year, cur),
        employer=money(c.employer_costs_per_year, cur),
        tools=money(c.tools_cost_per_year, cur),
        once=money(c.one_off_cost, cur),
        turnover=money(b.risk.hire_turnover_cost_per_year, cur),
        start=months(b.start_month),
        forgone=money(b.ramp_value_forgone, cur),
        years=compact(s.horizon_years),
        rate=percent(s.discount_rate, 1),
        npv=money(b.net_present_value, cur),
        roi=percent(b.roi),
    )
    if s.country == "NO":
        text += " " + Glossary().explain(
            gettext(
                "In Norway the employer costs are arbeidsgiveravgift on pay, feriepenger, OTP "
                "on pay between 1G and 12G, and occupational injury insurance."
            )
        )
    return text


def payback_reading_text(reading: Any) -> str:
    """A payback percentile (`socialcase.uncertainty.PercentileReading`) in words:
    '14.2 months', 'not within the horizon', or the interval when unstable."""
    if math.isinf(reading.low) and math.isinf(reading.high):
        return gettext("not within the horizon")
    if reading.stable:
        return months(reading.months)
    if math.isinf(reading.high):
        return gettext("{low} or later (unstable)").format(low=months(reading.low))
    return gettext("{low} to {high} (unstable)").format(
        low=decimal(reading.low, 1, grouped=False), high=months(reading.high)
    )


def _interval(reading: Any) -> str:
    """The unstable interval of a reading without its '(unstable)'."""
    if math.isinf(reading.high):
        return gettext("{low} or later").format(low=months(reading.low))
    return gettext("{low} to {high}").format(
        low=decimal(reading.low, 1, grouped=False), high=months(reading.high)
    )


def _payback_sentence(simulation: Any, horizon_years: float) -> str:
    """When half and nine in ten of the cases pay back, each said as one month only when
    stable (`socialcase.uncertainty.PercentileReading`)."""
    years = _years(horizon_years)
    half = simulation.payback_reading(50)
    if math.isinf(half.low) and math.isinf(half.high):
        # fewer than half: fewer than nine in ten too
        return gettext("Fewer than half of them pay back within {years}.").format(years=years)
    if half.stable:
        first = gettext("Half of them pay back within {months} of the decision").format(
            months=months(half.months)
        )
    else:
        first = gettext(
            "The month by which half of them pay back is not stable with these draws "
            "({interval}), so no single month is given"
        ).format(interval=_interval(half))
    most = simulation.payback_reading(90)
    if math.isinf(most.low) and math.isinf(most.high):
        second = gettext("fewer than nine in ten pay back within {years}").format(years=years)
    elif most.stable:
        second = gettext("nine in ten pay back within {months} of the decision").format(
            months=months(most.months)
        )
    else:
        second = gettext(
            "the month by which nine in ten pay back is not stable with these draws "
            "({interval}), so no single month is given"
        ).format(interval=_interval(most))
    return gettext("{first}; {second}.").format(first=first, second=second)


def swing_label(swing: Any) -> str:
    """A tornado row's input (`socialcase.uncertainty.Swing`) in the current language."""
    from socialcase.scenario import ACTIVITIES

    for a in ACTIVITIES:
        if swing.label == f"{a.label}: value per hour":
            return gettext("{activity}: value per hour").format(activity=activity_label(a))
    return gettext(swing.label)


def uncertainty_text(case: Any, simulation: Any, swings: Any) -> str:
    cur = case.scenario.currency
    s = case.scenario
    text = gettext(
        "Across {draws} simulated cases (seed {seed}), the net present value is between {p10} "
        "(P10) and {p90} (P90), with a median of {p50}; it is positive in {positive} of them, "
        "and year one is positive in {year_one}."
    ).format(
        draws=number(simulation.draws),
        seed=simulation.seed,
        p10=money(simulation.p10, cur),
        p90=money(simulation.p90, cur),
        p50=money(simulation.p50, cur),
        positive=percent(simulation.probability_positive),
        year_one=percent(simulation.probability_year_one_positive),
    )
    text += " " + _payback_sentence(simulation, s.horizon_years)
    text += " " + gettext(
        "Each activity's value per hour is drawn within +/-{spread} of its estimate, with a "
        "shared estimation bias of correlation {correlation}: when one estimate is optimistic, "
        "the others tend to be too."
    ).format(
        spread=percent(s.activity_value_spread),
        correlation=compact(s.estimation_bias_correlation),
    )
    if swings:
        text += " " + gettext("What matters most: {input}.").format(
            input=swing_label(swings[0]).lower()
        )
    return text


_DAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


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
        return gettext("spread evenly over each day (no pattern measured)")
    total = sum(profile)
    busiest = max(range(len(profile)), key=profile.__getitem__)
    day, clock = divmod(busiest, 24)
    office = sum(w for k, w in enumerate(profile) if k // 24 < 5 and 9 <= k % 24 < 17)
    return gettext(
        "as measured: busiest {day} {start:02d}-{end:02d} ({share} of the week), "
        "{office} on weekdays 09-17"
    ).format(
        day=gettext(_DAYS[day]),
        start=clock,
        end=clock + 1,
        share=percent(profile[busiest] / total),
        office=percent(office / total),
    )


_METRICS = {
    "followers": N_("followers"),
    "new_followers": N_("new followers"),
    "reach": N_("reach"),
    "impressions": N_("impressions"),
    "engagements": N_("engagements"),
    "reactions": N_("reactions"),
    "comments": N_("comments"),
    "shares": N_("shares"),
    "clicks": N_("clicks"),
    "views": N_("views"),
    "video_views": N_("video views"),
    "profile_visits": N_("profile visits"),
    "posts": N_("posts"),
    "messages": N_("messages"),
}
"""The standard metrics of an export (`socialcase.imports.STANDARD_METRICS`) as words."""


def metric_name(metric: str) -> str:
    """A growth metric in words: English keeps the column's name as it is (``followers``,
    ``new_followers``), Norwegian translates the standard ones."""
    if current_language() == "en" or metric not in _METRICS:
        return metric
    return gettext(_METRICS[metric])


def growth_source_text(evidence: GrowthEvidence) -> str:
    """Where the growth series comes from, in words."""
    if evidence.sample:
        return gettext("the built-in sample follower export (load your own in the dashboard)")
    return gettext("your export {file_name}").format(file_name=evidence.file_name)


def growth_text(page: Page) -> str:
    """Sign 1: where growth stalled, how much slower it is, and what the gap is worth.

    The confidence is the detector's normal approximation of the chance that growth
    truly fell by at least half (`socialcase.growth.StallDetector`); above 99% it reads
    "over 99%", never a certainty.
    """
    evidence, cur = page.growth, page.currency
    if evidence is None:
        return ""
    metric = metric_name(evidence.metric)
    stall = evidence.stall
    if stall is None:
        return gettext(
            "Growth of {metric} has been steady: the detector finds no stall, so this sign "
            "does not apply."
        ).format(metric=metric)
    chance = (
        gettext("over {share}").format(share=percent(0.99))
        if stall.confidence > 0.99
        else percent(stall.confidence)
    )
    value_each = page.scenario.value_per_follower
    return gettext(
        "Growth of {metric} stalled on {date}: from {before} {metric} a day to {after} "
        "{metric} a day ({drop} slower). Judged against the week-to-week noise, the chance "
        "that growth truly fell by at least half is {chance} (a rough normal approximation). "
        "Had the old trend continued there would be {gap} more {metric} today, worth {value} "
        "at {value_each} each."
    ).format(
        metric=metric,
        date=long_date(stall.start),
        before=decimal(stall.growth_before_per_day, 1),
        after=decimal(stall.growth_after_per_day, 1),
        drop=percent(stall.drop_share),
        chance=chance,
        gap=number(evidence.gap_units),
        value=money(page.growth_gap_value, cur),
        value_each=money(value_each, cur),
    )


def measured_rows(week: MeasuredWeek) -> list[tuple[str, str, str]]:
    """(what, measured, modelled) a week, as the table beside the inbox export reads."""

    def cell(value: float | None) -> str:
        return number(value) if value is not None else gettext("not in the export")

    return [
        (gettext("Messages"), cell(week.messages), number(week.model_messages)),
        (gettext("Needing a reply"), gettext("not measurable"), number(week.model_needing_reply)),
        (gettext("Answered"), cell(week.answered), number(week.model_answered)),
        (
            gettext("Answered within {target}").format(target=hours(week.target_hours)),
            cell(week.in_time),
            number(week.model_in_time),
        ),
    ]


def measured_text(week: MeasuredWeek, stats: Any, case: Any) -> str:
    """Why the model's week differs from the inbox's, when it does by more than a fifth."""
    if not week.disagrees or week.in_time is None:
        return ""
    s = case.scenario
    share = stats.share_answered
    answered_share = percent(share) if share is not None else gettext("an unknown share")
    more = week.model_in_time > week.in_time
    facts = {
        "target": hours(week.target_hours),
        "modelled": number(week.model_in_time),
        "measured": number(week.in_time),
        "reply_share": percent(s.reply_share),
        "inbound": number(s.inbound_per_day),
        "handle": number(s.handle_time_minutes),
        "inbox_hours": number(s.team_engagement_hours_per_day),
        "answered_share": answered_share,
    }
    if more:
        text = gettext(
            "The model answers more messages within {target} than your inbox shows ({modelled} "
            "against {measured} a week) because it assumes {reply_share} of {inbound} messages "
            "a day need a reply, {handle} minutes each and {inbox_hours} team hours a day on "
            "the inbox; your team answered {answered_share} of all messages."
        )
    else:
        text = gettext(
            "The model answers fewer messages within {target} than your inbox shows "
            "({modelled} against {measured} a week) because it assumes {reply_share} of "
            "{inbound} messages a day need a reply, {handle} minutes each and {inbox_hours} "
            "team hours a day on the inbox; your team answered {answered_share} of all "
            "messages."
        )
    return (
        text.format(**facts)
        + " "
        + gettext(
            "Set those inputs to what your team really does to bring the model to the measurement."
        )
    )


def signs_text(page: Page) -> list[tuple[str, str]]:
    """The three signs, one sentence each, for the leadership summary: (title, sentence)."""
    case, cur = page.case, page.currency
    e, b = case.engagement, case.collaboration
    evidence = page.growth
    if evidence is None or evidence.stall is None:
        growth = gettext("No stall in the growth series: this sign does not apply.")
    else:
        stall = evidence.stall
        growth = gettext(
            "Growth of {metric} fell {drop} on {date}; the gap to the old trend is worth {value}."
        ).format(
            metric=metric_name(evidence.metric),
            drop=percent(stall.drop_share),
            date=long_date(stall.start),
            value=money(page.growth_gap_value, cur),
        )
    engagement = gettext(
        "About {missed} messages a week go unanswered today; {missed_with} with the hire."
    ).format(
        missed=number(e.missed_per_week_without_hire),
        missed_with=number(e.missed_per_week_with_hire),
    )
    collaboration = gettext(
        "{lacking} a week of strategy and cross-team work are missing; {lacking_with} with the "
        "hire."
    ).format(
        lacking=hours(b.hours_lacking_per_week),
        lacking_with=hours(b.hours_lacking_with_hire_per_week),
    )
    return [
        (step_title(2), growth),
        (step_title(3), engagement),
        (step_title(4), collaboration),
    ]


def role_title(role: Any) -> str:
    """A role's title (`socialcase.roles.Role.title`) in the current language."""
    return pgettext("role", role.title)


def role_words(role: Any) -> Any:
    """A `socialcase.roles.Role` with its title, summary, responsibilities and career
    path in the current language (the key stays)."""
    from dataclasses import replace

    return replace(
        role,
        title=role_title(role),
        summary=gettext(role.summary),
        responsibilities=tuple(gettext(r) for r in role.responsibilities),
        career_path=tuple(pgettext("role", t) for t in role.career_path),
    )


def ask_text(page: Page) -> str:
    """What leadership is asked to approve, in one sentence."""
    c, s, cur = page.case.cost, page.scenario, page.currency
    return gettext(
        "Approve one {role} at {salary} a year in salary ({cost} a year fully loaded, {once} "
        "once), on a {week} week."
    ).format(
        role=role_title(page.role).lower(),
        salary=money(c.salary_per_year, cur),
        cost=money(c.steady_state_cost_per_year, cur),
        once=money(c.one_off_cost, cur),
        week=hours(s.hire_hours_per_week),
    )


def role_text(page: Page) -> str:
    """How the role was chosen: in the scenario, or by the rule of `roles.suggested_role`."""
    if page.scenario.hire_role != "auto":
        return gettext("Chosen in the scenario.")
    return gettext(
        "Suggested from the gaps the signs found, weighted by the share of the hire's "
        "planned hours that go to closing each, leaving out roles the team already has."
    )
