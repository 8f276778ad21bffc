"""The steps of the case as widget panels: inputs, headline figures, a chart, a paragraph.

Each step reads the page model (`socialcase.page.Page`, here called `State`) in
`refresh`; nothing here computes a number of the case. Every headline card is drawn
from `socialcase.page.FIGURES` by `FigureCards`, and every sentence comes from
`socialcase.narrative`.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import ipywidgets as widgets

from socialcase import narrative
from socialcase.bottomline import DEFINITIONS
from socialcase.i18n import N_, gettext
from socialcase.narrative import STEP_TITLES
from socialcase.page import COUNTRY_FIELDS, Page, figures_of, shown
from socialcase.roles import ROLES, org_chart
from socialcase.scenario import ACTIVITIES
from socialcase.ui.fields import (
    ChoiceField,
    FieldInput,
    NumberField,
    RangeField,
    TextField,
)
from socialcase.ui.parts import (
    FigureSlot,
    Headline,
    Paragraph,
    headline_row,
    html_widget,
    vbox,
)

__all__ = ["STEP_TITLES", "FigureCards", "Later", "State", "Step"]


COUNTRY_LABELS = {"US": N_("United States"), "NO": N_("Norway"), "custom": N_("Custom")}
ROLE_LABELS = {
    "auto": N_("Suggest from the gaps, the hire's plan and the team"),
    **{k: r.title for k, r in ROLES.items()},
}
"""The choices as the boxes name them, in English; `choice_labels` in the page's language."""


def choice_labels(labels: dict[str, str]) -> dict[str, str]:
    """`COUNTRY_LABELS` or `ROLE_LABELS` in the page's language (a role's title by
    `narrative.role_title`, as the report names it)."""
    return {
        key: narrative.role_title(ROLES[key]) if key in ROLES else gettext(text)
        for key, text in labels.items()
    }


#: Everything the steps show for the current scenario: the page model.
State = Page


class FigureCards:
    """The headline cards of one step (or of one group in it), from the figures table."""

    def __init__(self, step: int, group: str = "") -> None:
        self.figures = figures_of(step, group)
        self.cards = {f.name: Headline(f.name, f.label) for f in self.figures}
        self.widget = headline_row(*self.cards.values())

    def __getitem__(self, name: str) -> Headline:
        return self.cards[name]

    def show(self, page: Page) -> None:
        """Every card the page can fill; the others keep what they showed (e.g. the
        simulated figures in the quick pass before the Monte Carlo)."""
        for f in self.figures:
            if f.available(page):
                figure = shown(f, page)
                card = self.cards[f.name]
                card.label = figure.label
                card.show(figure.value, figure.tone)


def _output_thread() -> Any:
    """The running kernel's thread that sends its messages to the page (None outside one)."""
    if "ipykernel" not in sys.modules:
        return None
    from ipykernel.kernelbase import Kernel

    return Kernel.instance().iopub_thread if Kernel.initialized() else None


class Later:
    """The later passes of an update, each once the page has been sent what came before.

    In a kernel a pass waits until the kernel's output thread has sent every message
    queued before it, so the headline the person is waiting for leaves before the charts
    and the Monte Carlo take the CPU. `start` (a newer update) drops the passes of an
    older one; `flush` runs the pending ones now (before reading what the widgets show).
    Where no event loop runs (tests, scripts) a pass runs at once.
    """

    def __init__(self) -> None:
        self._pending: dict[int, Callable[[], None]] = {}
        self._count = itertools.count()

    def start(self) -> None:
        """A new update: passes scheduled before it will not run."""
        self._pending.clear()

    def then(self, work: Callable[[], None]) -> None:
        key = next(self._count)
        self._pending[key] = work

        def run() -> None:
            due = self._pending.pop(key, None)
            if due is not None:
                due()

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            run()
            return
        thread = _output_thread()
        if thread is None:
            loop.call_soon(run)
        else:
            thread.schedule(lambda: loop.call_soon_threadsafe(run))

    def flush(self) -> None:
        """Run every pending pass now, in order (a pass may add the next)."""
        while self._pending:
            self._pending.pop(next(iter(self._pending)))()


Propose = Callable[[str, Any], str]


def _charts() -> Any:
    """`socialcase.charts`, imported when a chart is first drawn: it loads plotly's graph
    objects, which the verdict (all a cold kernel builds before the page goes out) never
    needs."""
    from socialcase import charts

    return charts


class Step:
    """A panel of the page: heading, inputs, headline figures, charts, paragraph."""

    number: int

    def __init__(self, number: int, intro: str = "") -> None:
        self.number = number
        self.current: Callable[[], Any] = lambda: None  # the dashboard's current scenario
        # (text, kind) of where a field's value comes from; set by the dashboard
        self.origin_of: Callable[[str], tuple[str, str]] | None = None
        self.fields: dict[str, FieldInput] = {}
        # the workbook tells the story; `Dashboard.page` shows this, in the page's language
        self.intro = gettext(intro) if intro else ""
        self._message: widgets.HTML | None = None
        self.body = vbox()
        self.widget = vbox([self.body])
        self.widget.add_class("sc-step")
        self.widget.add_class(f"sc-step-{number}")

    @property
    def message(self) -> widgets.HTML:
        """The step's error line, above its body, made when first needed (most steps never
        show one, and every widget is one more for the page to load)."""
        if self._message is None:
            self._message = html_widget()
            self._message.add_class("sc-step-message")
            self.widget.children = (self._message, *self.widget.children)
        return self._message

    def number_fields(self, names: Sequence[str], scenario: Any, propose: Propose) -> widgets.VBox:
        """Number boxes for `names`, showing their values in `scenario`."""
        for name in names:
            self.fields[name] = NumberField(
                name, getattr(scenario, name), propose, scenario.country
            )
            self.fields[name].currency = scenario.currency
            if self.origin_of is not None:  # a section opened later shows origins too
                self.fields[name].set_origin(*self.origin_of(name))
        box = vbox([self.fields[n].widget for n in names])
        box.add_class("sc-inputs")
        return box

    def show_error(self, text: str) -> None:
        if not text and self._message is None:
            return
        self.message.value = (
            f'<div class="sc-error" role="alert">{html.escape(text)}</div>' if text else ""
        )

    def show_figures(self, state: State) -> None:
        """The headline cards alone: the first pass of a change, before paragraphs and charts."""
        cards: FigureCards | None = getattr(self, "cards", None)
        if cards is not None:
            cards.show(state)

    def refresh(self, state: State) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


def _lazy_details(title: str, build: Callable[[], list[widgets.Widget]]) -> widgets.Accordion:
    """A closed section whose widgets are built when it is first opened (a faster first paint)."""
    content = vbox()
    acc = widgets.Accordion(children=[content], selected_index=None)
    acc.set_title(0, gettext(title))
    acc.add_class("sc-details")

    def opened(change: dict[str, Any]) -> None:
        if change["new"] is not None and not content.children:
            content.children = build()

    acc.observe(opened, names="selected_index")
    return acc


class VerdictStep(Step):
    def __init__(self, state: State) -> None:
        super().__init__(
            0,
            N_(
                "Net present value over the horizon, year one, payback from the decision, "
                "the chance the hire pays for itself over the horizon, and what a month of "
                "waiting costs."
            ),
        )
        self.cards = FigureCards(0)
        self.text = Paragraph("verdict")
        self.definitions = Paragraph("definitions")
        self.body.children = [
            self.cards.widget,
            self.text.widget,
            self.definitions.widget,
        ]
        self.refresh(state)

    def refresh(self, state: State) -> None:
        self.cards.show(state)
        self.definitions.show(" ".join(gettext(d) for d in DEFINITIONS.values()))
        if state.simulation is None:  # the quick pass: the simulation follows
            return
        self.text.show(narrative.verdict_text(state.case, state.simulation.probability_positive))


class TeamStep(Step):
    def __init__(self, state: State, propose: Propose) -> None:
        super().__init__(
            1,
            N_(
                "People, salaries and the hours they really work. The country "
                "preset sets employer costs and currency."
            ),
        )
        s = state.case.scenario
        self.fields["country"] = ChoiceField(
            "country", s.country, propose, choice_labels(COUNTRY_LABELS)
        )
        self.fields["currency"] = TextField("currency", s.currency, propose)
        self.fields["team_roles"] = TextField("team_roles", s.team_roles, propose)
        numbers = self.number_fields(
            [
                "team_size",
                "team_salary_per_year",
                "contracted_hours_per_week",
                "actual_hours_per_week",
                "after_hours_cover_hours_per_week",
            ],
            s,
            propose,
        )
        self.cards = FigureCards(1)
        self.chart = FigureSlot("team")
        self.text = Paragraph("team")
        self.body.children = [
            vbox([self.fields[n].widget for n in ("country", "currency", "team_roles")]),
            numbers,
            self.cards.widget,
            self.chart.container,
            self.text.widget,
        ]
        self.refresh(state)

    def refresh(self, state: State) -> None:
        self.cards.show(state)
        s = state.scenario  # what the chart draws: rebuilt only when these change
        hours = (s.actual_hours_per_week, s.contracted_hours_per_week)
        self.chart.update(hours, lambda: _charts().team_hours_chart(state.case))
        self.text.show(narrative.team_text(state.case))


class EngagementStep(Step):
    def __init__(self, state: State, propose: Propose, inbox_panel: widgets.Widget) -> None:
        super().__init__(
            3,
            N_(
                "Inbound volume, the share that needs a reply, handle time and "
                "staffed hours: how much goes unanswered, with and without the hire."
            ),
        )
        s = state.case.scenario
        inbox = self.number_fields(
            [
                "inbound_per_day",
                "reply_share",
                "handle_time_minutes",
                "team_engagement_hours_per_day",
                "staffed_days_per_week",
                "reply_target_hours",
                "reply_target_share",
            ],
            s,
            propose,
        )
        chat = _lazy_details(
            N_("Live chat and DMs (Erlang C)"),
            lambda: [
                self.number_fields(
                    [
                        "chat_messages_per_hour",
                        "chat_conversation_minutes",
                        "chat_target_answer_seconds",
                        "chat_service_level",
                        "chat_concurrency",
                        "max_occupancy",
                        "shrinkage",
                    ],
                    self.current(),
                    propose,
                )
            ],
        )
        self.cards = FigureCards(3)
        self.chart = FigureSlot("engagement")
        self.text = Paragraph("engagement")
        self.body.children = [
            inbox,
            chat,
            inbox_panel,
            self.cards.widget,
            self.chart.container,
            self.text.widget,
        ]
        self.refresh(state)

    def refresh(self, state: State) -> None:
        self.cards.show(state)
        self.chart.update(state.case.engagement, lambda: _charts().engagement_chart(state.case))
        self.text.show(narrative.engagement_text(state.case))


class CollaborationStep(Step):
    def __init__(self, state: State, propose: Propose) -> None:
        super().__init__(
            4, N_("The week as an hour budget: reactive work against strategy and cross-team work.")
        )
        inputs = self.number_fields(
            [
                "team_content_hours_per_week",
                "team_reporting_hours_per_week",
                "team_meetings_admin_hours_per_week",
                "strategic_hours_wanted_per_week",
            ],
            state.case.scenario,
            propose,
        )
        self.cards = FigureCards(4)
        self.chart = FigureSlot("collaboration")
        self.text = Paragraph("collaboration")
        self.body.children = [
            inputs,
            self.cards.widget,
            self.chart.container,
            self.text.widget,
        ]
        self.refresh(state)

    def refresh(self, state: State) -> None:
        self.cards.show(state)
        self.chart.update(state.case.collaboration, lambda: _charts().hour_budget_chart(state.case))
        self.text.show(narrative.collaboration_text(state.case))


QUESTIONS = (
    "answer_missed_opportunity",
    "answer_skills",
    "answer_social_direction",
    "answer_business_direction",
)


class QuestionsStep(Step):
    def __init__(self, state: State, propose: Propose) -> None:
        super().__init__(
            5,
            N_(
                "Your answers travel with the case: into the link, the saved file "
                "and the leadership report."
            ),
        )
        s = state.case.scenario
        for name in QUESTIONS:
            self.fields[name] = TextField(
                name, getattr(s, name), propose, area=True, placeholder=gettext("Your answer")
            )
        self.body.children = [self.fields[n].widget for n in QUESTIONS]

    def refresh(self, state: State) -> None:
        """Answers are inputs only; nothing to redraw."""


class VisionStep(Step):
    def __init__(self, state: State, propose: Propose) -> None:
        super().__init__(
            6,
            N_(
                "Allot the hire's productive hours to activities; each runs through a driver "
                "chain from hours to output to KPI to contribution margin, with rates you can "
                "edit. Responding is valued from the inbox: the replies the hire adds. "
                "Productive hours not allotted take over the team's overtime."
            ),
        )
        s = state.case.scenario
        hire = self.number_fields(
            ["hire_hours_per_week", "hire_productive_share", "working_weeks_per_year"],
            s,
            propose,
        )
        hours_box = self.number_fields(
            [f"hire_{a.key}_hours_per_week" for a in ACTIVITIES], s, propose
        )
        chains = [hours_box]
        for a in ACTIVITIES:
            names = [
                *([] if a.key == "responding" else [f"{a.key}_output_per_hour"]),
                f"{a.key}_kpi_per_output",
                f"{a.key}_value_per_kpi",
            ]
            chains.append(
                _lazy_details(
                    gettext("{activity}: from hours to {kpi} to money").format(
                        activity=gettext(a.label), kpi=gettext(a.kpi_unit)
                    ),
                    partial(self._chain, names, propose),
                )
            )
        self.cards = FigureCards(6)
        self.flow = FigureSlot("vision-flow")
        self.values = FigureSlot("vision-value")
        self.text = Paragraph("vision")
        self.body.children = [
            hire,
            *chains,
            self.cards.widget,
            self.flow.container,
            self.values.container,
            self.text.widget,
        ]
        self.refresh(state)

    def _chain(self, names: list[str], propose: Propose) -> list[widgets.Widget]:
        return [self.number_fields(names, self.current(), propose)]

    def refresh(self, state: State) -> None:
        v = state.case.vision
        self.cards.show(state)
        key = (v, state.currency)
        self.flow.update(key, lambda: _charts().vision_flow_chart(state.case))
        self.values.update(key, lambda: _charts().vision_value_chart(state.case))
        self.text.show(narrative.vision_text(state.case))


class RiskStep(Step):
    def __init__(self, state: State, propose: Propose) -> None:
        super().__init__(
            7,
            N_(
                "Overtime raises the team's turnover; a leaver costs 0.5x to 2x salary to "
                "replace (Gallup). The hire may leave too, and that is counted as a cost."
            ),
        )
        inputs = self.number_fields(
            [
                "replacement_cost_multiplier",
                "baseline_turnover_per_year",
                "overtime_attrition_elasticity",
            ],
            state.case.scenario,
            propose,
        )
        self.cards = FigureCards(7)
        self.chart = FigureSlot("risk")
        self.text = Paragraph("risk")
        self.body.children = [
            inputs,
            self.cards.widget,
            self.chart.container,
            self.text.widget,
        ]
        self.refresh(state)

    def refresh(self, state: State) -> None:
        r, cur = state.case.risk, state.currency
        self.cards.show(state)
        drawn = (r.expected_cost_without_per_year, r.expected_cost_with_per_year, cur)
        self.chart.update(drawn, lambda: _charts().risk_chart(state.case))
        self.text.show(narrative.risk_text(state.case))


COST_FIELDS = {country: list(names) for country, names in COUNTRY_FIELDS.items()}


class BottomLineStep(Step):
    def __init__(
        self, state: State, propose: Propose, propose_range: Callable[[str, float, float], str]
    ) -> None:
        super().__init__(
            8,
            N_(
                "The fully loaded cost of the hire against the value and the "
                "avoided risk; every uncertain input has a low / high range."
            ),
        )
        s = state.case.scenario
        cost = self.number_fields(
            [
                "hire_salary_per_year",
                "tools_cost_per_year",
                "equipment_cost",
                "recruiting_cost",
                "time_to_fill_days",
                "ramp_up_weeks",
                "horizon_years",
                "discount_rate",
                "activity_value_spread",
                "estimation_bias_correlation",
            ],
            s,
            propose,
        )
        # The employer costs of the case's country; another country's, when the case moves
        # there (`refresh`): boxes nobody sees are never sent to the browser.
        self._propose = propose
        self._employer = {s.country: self.number_fields(COST_FIELDS[s.country], s, propose)}
        self.employer_box = vbox([self._employer[s.country]])
        self.ranges: dict[str, RangeField] = {}

        def build_ranges() -> list[widgets.Widget]:
            for name, (low, high) in self.current().ranges:
                self.ranges[name] = RangeField(name, low, high, propose_range)
            return [r.widget for r in self.ranges.values()]

        ranges = _lazy_details(N_("Ranges for the simulation (low / high)"), build_ranges)
        self.cards = FigureCards(8)
        self.waterfall = FigureSlot("waterfall")
        self.cash_flow = FigureSlot("cash-flow")
        self.histogram = FigureSlot("simulation")
        self.tornado = FigureSlot("tornado")
        self.text = Paragraph("cost")
        self.uncertainty = Paragraph("uncertainty")
        self.body.children = [
            cost,
            self.employer_box,
            ranges,
            self.cards.widget,
            self.waterfall.container,
            self.cash_flow.container,
            self.text.widget,
            self.histogram.container,
            self.tornado.container,
            self.uncertainty.widget,
        ]
        self.refresh(state)

    def employer_fields(self, scenario: Any, country: str | None = None) -> widgets.VBox:
        """The employer-cost boxes of `country` (the scenario's), built when first needed."""
        country = country or scenario.country
        if country not in self._employer:
            names = COST_FIELDS[country]
            self._employer[country] = self.number_fields(names, scenario, self._propose)
        return self._employer[country]

    def refresh(self, state: State) -> None:
        case, cur = state.case, state.currency
        b = case.bottom_line
        self.employer_box.children = [self.employer_fields(case.scenario)]
        self.cards.show(state)
        self.text.show(narrative.cost_text(case))
        self.waterfall.update((b, cur), lambda: _charts().net_value_waterfall(case))
        self.cash_flow.update((b.net_by_month, cur), lambda: _charts().cash_flow_chart(case))
        sim = state.simulation
        if sim is None:  # the quick pass: the simulation follows
            return
        self.histogram.update(id(sim), lambda: _charts().simulation_histogram(sim, cur))
        self.tornado.update(
            (state.swings, b.net_present_value, cur),
            lambda: _charts().tornado_chart(state.swings, b.net_present_value, cur),
        )
        self.uncertainty.show(narrative.uncertainty_text(case, sim, state.swings))


class DreamTeamStep(Step):
    def __init__(self, state: State, propose: Propose) -> None:
        super().__init__(
            9,
            N_(
                "The role to hire, suggested by the biggest gap; what moves to the "
                "new person; the org chart before and after; career paths."
            ),
        )
        self.fields["hire_role"] = ChoiceField(
            "hire_role", state.case.scenario.hire_role, propose, choice_labels(ROLE_LABELS)
        )
        self.cards = FigureCards(9)
        self.details = html_widget()
        self.details.add_class("sc-role")
        self.org = FigureSlot("org-chart")
        self.path = html_widget()
        self.body.children = [
            self.fields["hire_role"].widget,
            self.cards.widget,
            self.details,
            self.org.container,
            self.path,
        ]
        self.refresh(state)

    def refresh(self, state: State) -> None:
        role, found, s = narrative.role_words(state.role), state.gaps, state.scenario
        self.cards.show(state)
        why = "".join(
            f"<li>{html.escape(gettext(g.sign))}: {html.escape(g.evidence)}</li>" for g in found
        )
        duties = "".join(f"<li>{html.escape(r)}</li>" for r in role.responsibilities)
        path = " &rarr; ".join(html.escape(p) for p in role.career_path)
        gaps = html.escape(gettext("The gaps, largest first"))
        moves = html.escape(gettext("Responsibilities that move to the new person"))
        self.details.value = (
            f"<p>{html.escape(role.summary)}</p><h4>{gaps}</h4><ul>{why}</ul>"
            f"<h4>{moves}</h4><ul>{duties}</ul>"
        )
        chart = org_chart(s.team_roles, int(s.team_size), role)
        self.org.update(chart, lambda: _charts().org_chart_figure(chart))
        career = html.escape(gettext("Career path"))
        today = html.escape(
            gettext(
                "For the team today: the lead grows into strategy and management as the new "
                "role takes over day-to-day work."
            )
        )
        self.path.value = f"<h4>{career}</h4><p>{path}</p><p>{today}</p>"


class MakeTheCaseStep(Step):
    def __init__(self, sharing: widgets.Widget) -> None:
        super().__init__(
            10, N_("Don't let it be a surprise: talk to people in this order, then share the case.")
        )
        plan = "".join(
            f"<li><b>{html.escape(who)}</b>: {html.escape(what)}</li>"
            for who, what in narrative.conversation_plan()
        )
        self.body.children = [html_widget(f'<ol class="sc-plan">{plan}</ol>'), sharing]

    def refresh(self, state: State) -> None:
        """The plan is fixed text; sharing widgets update themselves."""
