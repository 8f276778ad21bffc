"""The page model: everything the dashboard and the report show, and the table of figures.

`Page` is one case on the page: its results (`socialcase.case.Case`), the growth
and inbox evidence in use (the lead's own exports or the samples) and the simulation
once it has run. `FIGURES` is the one table of headline figures: each entry's name is
its CSS hook ``sc-out-<name>``, its step, its label, how its value is read from the
page, how it is formatted and whether a higher value is good. The dashboard's cards
and the report's figures are both drawn from it (`shown`), so they cannot disagree.

No widgets and no charts here: this is the core, and the screens only draw it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from socialcase.case import Case
from socialcase.formatting import compact, decimal, hours, money, months, number, percent
from socialcase.i18n import N_, gettext, ngettext, pgettext
from socialcase.narrative import metric_name, payback_reading_text, people, role_title
from socialcase.roles import Gap, Role, gaps, suggested_role
from socialcase.scenario import Scenario
from socialcase.uncertainty import DRAWS, PercentileReading, Simulation, Swing

if TYPE_CHECKING:
    import pandas as pd

    from socialcase import growth, imports, inbox

__all__ = [
    "COUNTRY_FIELDS",
    "FIGURES",
    "Figure",
    "GrowthEvidence",
    "InboxEvidence",
    "MeasuredWeek",
    "Page",
    "Shown",
    "build",
    "country_inputs_hidden",
    "figure",
    "figures_of",
    "growth_evidence",
    "growth_from_carried",
    "inbox_evidence",
    "inbox_from_carried",
    "measured_inputs",
    "measured_week",
    "sample_growth_evidence",
    "sample_inbox_evidence",
    "shown",
]


# --- the evidence ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GrowthEvidence:
    """An imported growth export, the metric studied, and what the detector found.

    `sample` is True for the built-in sample export (it is said so on the page and
    never travels in a link or a file).
    """

    export: imports.ImportedExport
    metric: str
    series: pd.Series
    stall: growth.Stall | None
    gap: growth.TrendGap | None
    sample: bool = False

    @property
    def file_name(self) -> str:
        return self.export.file_name

    @property
    def drop_share(self) -> float:
        """How much slower growth is after the stall, 0-1 (0 when none was found)."""
        return float(self.stall.drop_share) if self.stall is not None else 0.0

    @property
    def gap_units(self) -> float:
        """Units (e.g. followers) short of the old trend today; 0 without a stall."""
        return float(self.gap.gap_units) if self.gap is not None else 0.0


def growth_evidence(
    export: imports.ImportedExport, metric: str | None = None, *, sample: bool = False
) -> GrowthEvidence:
    """Detect a stall in `metric` (default: followers, else the first metric with numbers)."""
    from socialcase import growth, imports

    metrics = [c for c in export.data.columns if export.data[c].notna().any()]
    if not metrics:
        raise imports.ExportError(
            gettext(
                "no metric column with numbers was found (expected e.g. "
                "followers, reach or engagements)"
            ),
            file_name=export.file_name,
        )
    chosen = (
        metric if metric in metrics else ("followers" if "followers" in metrics else metrics[0])
    )
    series = export.data[chosen].rename(chosen)
    days = int(series.notna().sum())
    if days < 2:  # a trend, and a stall, need two days at least
        raise imports.ExportError(
            ngettext(
                "{metric} has a number on only {count} day; expected values on two days "
                "or more to show how it grew (export a longer date range)",
                "{metric} has a number on only {count} days; expected values on two days "
                "or more to show how it grew (export a longer date range)",
                days,
            ).format(metric=metric_name(chosen), count=days),
            file_name=export.file_name,
        )
    stall = growth.detect_stall(series)
    gap = growth.gap_to_trend(series, stall) if stall is not None else None
    return GrowthEvidence(export, chosen, series, stall, gap, sample)


def sample_growth_evidence() -> GrowthEvidence:
    """The built-in sample follower export, analysed."""
    from socialcase import datasets, imports

    raw = datasets.sample_growth_export().to_csv(index=False).encode()
    return growth_evidence(imports.read_export(raw, "sample follower export.csv"), sample=True)


@dataclass(frozen=True)
class InboxEvidence:
    """An inbox export (None when only its statistics travelled) and its statistics."""

    export: Any
    stats: inbox.InboxStats
    file_name: str


def inbox_evidence(raw: bytes, name: str, mapping: dict[str, str] | None = None) -> InboxEvidence:
    """Read an inbox export and measure it."""
    from socialcase import inbox

    export = inbox.read_inbox_export(raw, name, mapping=mapping)
    return InboxEvidence(export, inbox.inbox_stats(export), name)


SAMPLE_INBOX_NAME = N_("sample inbox (4 weeks)")
"""The file name the built-in sample inbox is known by (English, as data; shown by
`evidence_name` in the page's language)."""


def sample_inbox_evidence() -> InboxEvidence:
    """The built-in sample inbox export (four weeks of messages), measured."""
    from socialcase import datasets, inbox

    frame = datasets.sample_inbox_export()
    return InboxEvidence(frame, inbox.inbox_stats(frame), SAMPLE_INBOX_NAME)


def evidence_name(file_name: str) -> str:
    """An export's file name as shown: the built-in sample's in the current language,
    the lead's own file as they named it."""
    return gettext(SAMPLE_INBOX_NAME) if file_name == SAMPLE_INBOX_NAME else file_name


# --- the page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """Everything the page shows for one scenario.

    `simulation` is None in the dashboard's quick pass, before the Monte Carlo has run;
    `growth` is None while the sample series is still being analysed.
    """

    case: Case
    simulation: Simulation | None = None
    swings: tuple[Swing, ...] = ()
    growth: GrowthEvidence | None = None
    inbox: InboxEvidence | None = None

    @property
    def scenario(self) -> Scenario:
        return self.case.scenario

    @property
    def currency(self) -> str:
        return self.case.scenario.currency

    @property
    def draws(self) -> int:
        """How many simulated cases the figures that need the simulation rest on."""
        return self.simulation.draws if self.simulation is not None else DRAWS

    @property
    def growth_gap_value(self) -> float:
        """What the gap to the old trend is worth: ``gap_units * value_per_follower``
        (`socialcase.growth.value_of_gap`); 0 without a stall or evidence."""
        from socialcase.growth import value_of_gap

        if self.growth is None or self.growth.gap is None:
            return 0.0
        return value_of_gap(self.growth.gap_units, self.scenario.value_per_follower)

    @property
    def growth_drop_share(self) -> float:
        return self.growth.drop_share if self.growth is not None else 0.0

    @property
    def cost_of_waiting_per_month(self) -> float:
        """What a month's delay costs, never below 0: when waiting would save money
        (a case that loses money) the page says waiting costs nothing."""
        return max(self.case.bottom_line.cost_of_waiting_per_month, 0.0)

    @property
    def relief_hours_per_year(self) -> float:
        """The hire's hours a year taking over overtime:
        ``relief_hours_per_week * working_weeks_per_year``."""
        return self.case.vision.relief_hours_per_week * self.scenario.working_weeks_per_year

    @property
    def gaps(self) -> tuple[Gap, ...]:
        return gaps(self.case, self.growth_drop_share)

    @property
    def role(self) -> Role:
        """The role to hire: the scenario's choice, or the one `roles.suggested_role` picks."""
        return suggested_role(self.case, self.growth_drop_share)

    @property
    def payback_p90(self) -> PercentileReading | None:
        """The months by which 9 in 10 simulated cases have paid back, with its stability."""
        return self.simulation.payback_reading(90) if self.simulation is not None else None


# --- the table of figures -------------------------------------------------------------------


Value = float | str | None


@dataclass(frozen=True)
class Figure:
    """One headline figure of the page.

    `read` gives the value from the page (None: not in this case, shown as
    `missing`); `unit` is how it is written ("money", "months", "percent",
    "percent1", "hours", "count", "decimal", "rate", "text"); `better` is "higher", "lower"
    or "" (neither: no colour), judged against `threshold(page)` (0 by default);
    `needs` is what the page must hold before the figure can be shown at all
    ("simulation", "growth", "inbox" or ""). A label may name ``{draws}`` or
    ``{years}``.
    """

    name: str
    step: int
    label: str
    read: Callable[[Page], Value]
    unit: str
    better: str = ""
    threshold: Callable[[Page], float] = lambda page: 0.0
    needs: str = ""
    missing: str = "n/a"
    group: str = ""  # "inbox": the figures of the inbox panel inside step 3
    tone_of: Callable[[Page], str] | None = None  # a figure judged by more than its value

    def available(self, page: Page) -> bool:
        held = {
            "simulation": page.simulation,
            "growth": page.growth,
            "inbox": page.inbox,
        }
        return not self.needs or held[self.needs] is not None


@dataclass(frozen=True)
class Shown:
    """A figure as the page shows it: the value in words, its tone and its label."""

    name: str
    value: str
    tone: str  # "good", "bad" or ""
    label: str


def _write(unit: str, value: float, page: Page) -> str:
    cur = page.currency
    if unit == "money":
        return money(value, cur)
    if unit == "months":
        return months(value)
    if unit == "percent":
        return percent(value)
    if unit == "percent1":
        return percent(value, 1)
    if unit == "hours":
        return hours(value)
    if unit == "count":
        return number(value)
    if unit == "rate":  # a metric's growth a day, e.g. "41.5 followers a day"
        metric = metric_name(page.growth.metric) if page.growth is not None else gettext("units")
        return gettext("{rate} {metric} a day").format(rate=decimal(value, 1), metric=metric)
    if unit == "decimal":
        return decimal(value, 1)
    raise ValueError(f"unknown unit {unit!r}")


def _judge(fig: Figure, value: Value, page: Page) -> str:
    if fig.tone_of is not None:
        return fig.tone_of(page)
    if not fig.better or not isinstance(value, int | float) or math.isnan(value):
        return ""
    line = fig.threshold(page)
    if value == line:
        return "good" if fig.better == "lower" else ""
    above = value > line
    return "good" if above == (fig.better == "higher") else "bad"


def shown(fig: Figure, page: Page) -> Shown:
    """The figure's value, tone and label on this page."""
    value = fig.read(page)
    label = gettext(fig.label).format(
        draws=number(page.draws), years=compact(page.scenario.horizon_years)
    )
    if value is None:
        text = (
            pgettext("a figure that cannot be shown", "n/a")
            if fig.missing == "n/a"
            else gettext(fig.missing)
        )
    elif isinstance(value, str):
        text = value
    else:
        text = _write(fig.unit, float(value), page)
    return Shown(fig.name, text, _judge(fig, value, page) if value is not None else "", label)


def _chat_people(page: Page) -> str | None:
    chat = page.case.engagement.chat
    return people(chat.agents) if chat is not None else None


def _stall_date(page: Page) -> str | None:
    stall = page.growth.stall if page.growth is not None else None
    return f"{stall.start:%Y-%m-%d}" if stall is not None else None


def _stalled(page: Page) -> str:
    return "bad" if page.growth is not None and page.growth.stall is not None else "good"


def _stalled_or_neutral(page: Page) -> str:
    return "bad" if page.growth is not None and page.growth.stall is not None else ""


def _growth_rate(before: bool) -> Callable[[Page], Value]:
    def read(page: Page) -> Value:
        stall = page.growth.stall if page.growth is not None else None
        if stall is None:
            return None
        return stall.growth_before_per_day if before else stall.growth_after_per_day

    return read


def _payback_p90(page: Page) -> str | None:
    reading = page.payback_p90
    return payback_reading_text(reading) if reading is not None else None


def _payback_p90_tone(page: Page) -> str:
    reading = page.payback_p90
    if reading is None or not reading.stable:
        return ""
    return "good" if reading.months <= page.scenario.horizon_years * 12 else "bad"


def _inbox_stat(name: str, hours_unit: bool = False) -> Callable[[Page], Value]:
    def read(page: Page) -> Value:
        value = getattr(page.inbox.stats, name) if page.inbox is not None else None
        if value is None:
            return None
        return hours(round(float(value), 1)) if hours_unit else float(value)

    return read


def _horizon_months(page: Page) -> float:
    return page.scenario.horizon_years * 12


def _sim(page: Page) -> Simulation:
    assert page.simulation is not None  # `needs="simulation"`: shown only with one
    return page.simulation


_NO_REPLY_TIMES = N_("no reply times in the export")

FIGURES: tuple[Figure, ...] = (
    # 0. The verdict
    Figure(
        "npv",
        0,
        "net present value over {years} years",
        lambda p: p.case.bottom_line.net_present_value,
        "money",
        "higher",
    ),
    Figure(
        "year-one",
        0,
        "net in the first 12 months",
        lambda p: p.case.bottom_line.year_one_net_value,
        "money",
        "higher",
    ),
    Figure(
        "net-value",
        0,
        "steady-state net a year",
        lambda p: p.case.bottom_line.net_value_per_year,
        "money",
        "higher",
    ),
    Figure(
        "payback",
        0,
        "payback, months from the decision",
        lambda p: p.case.bottom_line.payback_months,
        "months",
        "lower",
        threshold=_horizon_months,
    ),
    Figure(
        "probability",
        0,
        "chance the net present value is positive ({draws} simulated cases)",
        lambda p: _sim(p).probability_positive,
        "percent",
        "higher",
        threshold=lambda p: 0.5,
        needs="simulation",
    ),
    Figure(
        "cost-of-waiting",
        0,
        "cost of waiting one more month",
        lambda p: p.cost_of_waiting_per_month,
        "money",
    ),
    # 1. The team today
    Figure(
        "overtime",
        1,
        "overtime a week, whole team",
        lambda p: p.case.risk.overtime_hours_per_week,
        "hours",
        "lower",
    ),
    # 2. Growth
    Figure(
        "stall-date",
        2,
        "growth stalled on",
        _stall_date,
        "text",
        needs="growth",
        missing=N_("no stall found"),
        tone_of=_stalled,
    ),
    Figure(
        "growth-before",
        2,
        "growth before the stall",
        _growth_rate(True),
        "rate",
        needs="growth",
    ),
    Figure(
        "growth-after",
        2,
        "growth since the stall",
        _growth_rate(False),
        "rate",
        needs="growth",
        tone_of=_stalled_or_neutral,
    ),
    Figure(
        "growth-gap-value",
        2,
        "what the gap to the old trend is worth",
        lambda p: p.growth_gap_value,
        "money",
        "lower",
        needs="growth",
    ),
    # 3. Engagement
    Figure(
        "inbound-per-day",
        3,
        "inbound messages a day",
        lambda p: p.scenario.inbound_per_day,
        "count",
    ),
    Figure(
        "missed-per-week",
        3,
        "messages unanswered a week",
        lambda p: p.case.engagement.missed_per_week_without_hire,
        "count",
        "lower",
    ),
    Figure(
        "missed-with-hire",
        3,
        "unanswered a week with the hire",
        lambda p: p.case.engagement.missed_per_week_with_hire,
        "count",
        "lower",
    ),
    Figure(
        "share-in-time",
        3,
        "answered in time today",
        lambda p: p.case.engagement.without_hire.share_answered_in_time,
        "percent",
        "higher",
        threshold=lambda p: p.scenario.reply_target_share,
    ),
    Figure(
        "chat-agents",
        3,
        "on live chat in the busiest hour",
        _chat_people,
        "text",
        missing=N_("no live chat"),
    ),
    Figure(
        "inbox-per-day",
        3,
        "messages a day in the export",
        _inbox_stat("messages_per_day"),
        "decimal",
        needs="inbox",
        group="inbox",
    ),
    Figure(
        "inbox-answered",
        3,
        "share answered",
        _inbox_stat("share_answered"),
        "percent",
        needs="inbox",
        missing=_NO_REPLY_TIMES,
        group="inbox",
    ),
    Figure(
        "inbox-response-p50",
        3,
        "median first reply",
        _inbox_stat("response_hours_p50", hours_unit=True),
        "text",
        needs="inbox",
        missing=_NO_REPLY_TIMES,
        group="inbox",
    ),
    Figure(
        "inbox-response-p90",
        3,
        "90% answered within",
        _inbox_stat("response_hours_p90", hours_unit=True),
        "text",
        needs="inbox",
        missing=_NO_REPLY_TIMES,
        group="inbox",
    ),
    # 4. Collaboration
    Figure(
        "hours-lacking",
        4,
        "strategy hours lacking a week",
        lambda p: p.case.collaboration.hours_lacking_per_week,
        "hours",
        "lower",
    ),
    Figure(
        "hours-lacking-with-hire",
        4,
        "lacking with the hire",
        lambda p: p.case.collaboration.hours_lacking_with_hire_per_week,
        "hours",
        "lower",
    ),
    # 6. The vision
    Figure(
        "vision-value",
        6,
        "value of the new work a year",
        lambda p: p.case.vision.value_per_year,
        "money",
        "higher",
    ),
    Figure(
        "relief-hours",
        6,
        "hours a week taking over overtime",
        lambda p: p.case.vision.relief_hours_per_week,
        "hours",
    ),
    # 7. The risks
    Figure(
        "leave-probability",
        7,
        "chance each person leaves within a year",
        lambda p: p.case.risk.leave_probability_without,
        "percent1",
    ),
    Figure(
        "attrition-cost",
        7,
        "expected cost of leavers a year",
        lambda p: p.case.risk.expected_cost_without_per_year,
        "money",
    ),
    Figure(
        "avoided-attrition",
        7,
        "avoided with the hire, a year",
        lambda p: p.case.risk.avoided_cost_per_year,
        "money",
        "higher",
    ),
    # 8. The bottom line
    Figure(
        "hire-cost",
        8,
        "cost of the hire a year",
        lambda p: p.case.cost.steady_state_cost_per_year,
        "money",
    ),
    Figure(
        "year-one-cost",
        8,
        "a year's cost plus the one-off costs",
        lambda p: p.case.cost.year_one_cost,
        "money",
    ),
    Figure(
        "roi",
        8,
        "NPV over the present value of every cost",
        lambda p: p.case.bottom_line.roi,
        "percent",
        "higher",
    ),
    Figure(
        "p10",
        8,
        "net present value, pessimistic (P10)",
        lambda p: _sim(p).p10,
        "money",
        "higher",
        needs="simulation",
    ),
    Figure(
        "p50",
        8,
        "net present value, median (P50)",
        lambda p: _sim(p).p50,
        "money",
        "higher",
        needs="simulation",
    ),
    Figure(
        "p90",
        8,
        "net present value, optimistic (P90)",
        lambda p: _sim(p).p90,
        "money",
        "higher",
        needs="simulation",
    ),
    Figure(
        "payback-p90",
        8,
        "paid back within, in 9 of 10 of {draws} simulated cases",
        _payback_p90,
        "text",
        needs="simulation",
        tone_of=_payback_p90_tone,
    ),
    # 9. The dream team
    Figure("role", 9, "role to hire", lambda p: role_title(p.role), "text"),
)
"""Every headline figure of the page, in page order."""

_BY_NAME = {f.name: f for f in FIGURES}


def figure(name: str) -> Figure:
    """The figure called `name` (its hook is ``sc-out-<name>``)."""
    return _BY_NAME[name]


def figures_of(step: int, group: str = "") -> tuple[Figure, ...]:
    """The figures of one step (of one group within it), in page order."""
    return tuple(f for f in FIGURES if f.step == step and f.group == group)


# --- which inputs the page shows ------------------------------------------------------------

COUNTRY_FIELDS: dict[str, tuple[str, ...]] = {
    "US": ("benefits_load_share",),
    "NO": (
        "no_employer_tax_share",
        "no_holiday_pay_share",
        "no_vacation_weeks",
        "no_pension_share",
        "no_basic_amount",
        "no_injury_insurance_per_year",
    ),
    "custom": ("custom_employer_cost_share",),
}
"""The employer-cost inputs that apply to one country only."""


def country_inputs_hidden(scenario: Scenario) -> frozenset[str]:
    """The inputs of the other countries: not shown for this case (they change nothing)."""
    return frozenset(
        name
        for country, names in COUNTRY_FIELDS.items()
        if country != scenario.country
        for name in names
    )


# --- building a page ------------------------------------------------------------------------


def build(
    scenario: Scenario,
    *,
    growth: GrowthEvidence | None = None,
    inbox: InboxEvidence | None = None,
    draws: int = DRAWS,
    seed: int = 0,
) -> Page:
    """The whole page for `scenario`: the case, the Monte Carlo (`draws`, `seed`), the
    tornado, and the evidence (the sample growth export when `growth` is None)."""
    from socialcase.case import evaluate
    from socialcase.uncertainty import simulate, tornado

    return Page(
        evaluate(scenario),
        simulate(scenario, draws=draws, seed=seed),
        tornado(scenario),
        growth if growth is not None else sample_growth_evidence(),
        inbox,
    )


def growth_from_carried(carried: Any, via: str) -> GrowthEvidence:
    """The growth evidence a link or a scenario file carried (`socialcase.share`'s
    ``CarriedGrowth``), analysed again; `via` says how it came ("the link", a file name)."""
    from socialcase import imports

    frame = carried.series.rename(carried.metric).to_frame()
    export = imports.ImportedExport(
        data=frame,
        file_name=carried.file_name,
        date_column="date",
        mapping={"date": "date", carried.metric: carried.metric},
        unrecognised_columns=(),
        notes=(f"Came in {via}: the {carried.metric} series of the sender's export.",),
        frequency=carried.frequency,
        recognised_as=carried.recognised_as,
    )
    return growth_evidence(export, carried.metric)


def inbox_from_carried(carried: Any) -> InboxEvidence:
    """The inbox evidence a link or a file carried (the statistics; the messages stay home)."""
    return InboxEvidence(None, carried.stats, carried.file_name)


@dataclass(frozen=True)
class MeasuredWeek:
    """The inbox export's week beside the model's week without the hire (`socialcase.engagement`).

    Measured: ``messages_per_day * 7``, ``messages_answered / days_covered * 7`` and the
    replies within the target a week; None where the export has no such column.
    `disagrees` when answered-in-time differs by more than a fifth of the larger.
    """

    target_hours: float
    messages: float
    model_messages: float
    model_needing_reply: float
    answered: float | None
    model_answered: float
    in_time: float | None
    model_in_time: float

    @property
    def disagrees(self) -> bool:
        if self.in_time is None:
            return False
        larger = max(self.in_time, self.model_in_time, 1.0)
        return abs(self.in_time - self.model_in_time) > 0.2 * larger


def measured_inputs(stats: inbox.InboxStats) -> tuple[dict[str, Any], str]:
    """The inputs an inbox export measures, as the boxes take them, and a note saying so.

    Inbound a day to 0.1 message, the handle time to 0.01 minute and at least one second,
    and the hours of the week messages arrive in (`socialcase.inbox.engagement_inputs`);
    the note is plain text.
    """
    from socialcase import inbox

    inputs = inbox.engagement_inputs(stats)
    changes: dict[str, Any] = {
        "inbound_per_day": round(float(inputs["inbound_per_day"]), 1),
        "inbound_hour_profile": inputs["inbound_hour_profile"],
    }
    if inputs["handle_time_minutes"] is not None:
        changes["handle_time_minutes"] = round(max(float(inputs["handle_time_minutes"]), 1 / 60), 2)
    return changes, inputs["note"]


def measured_week(stats: inbox.InboxStats, case: Case) -> MeasuredWeek:
    """The measured week of `stats` beside the modelled week of `case`."""
    s, model = case.scenario, case.engagement.without_hire
    answered = (
        stats.messages_answered / stats.days_covered * 7
        if stats.messages_answered is not None
        else None
    )
    return MeasuredWeek(
        s.reply_target_hours,
        stats.messages_per_day * 7,
        s.inbound_per_day * 7,
        model.needing_reply_per_week,
        answered,
        model.answered_per_week,
        stats.answered_within_per_week(s.reply_target_hours),
        model.answered_in_time_per_week,
    )
