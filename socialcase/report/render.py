"""The report's HTML: the page model (`socialcase.page`) rendered by the Jinja2 templates.

Every figure comes from `socialcase.page.FIGURES` (the dashboard's cards draw from the
same table), every sentence from `socialcase.narrative`; this module only gathers them
with the charts and tables for the template. Jinja2 escapes every value it writes.

The report speaks one language throughout (`lang`: "en" or "nb"; by default the current
language; the command line takes the scenario file's or the country's, with
`socialcase.i18n.language_for`): the whole rendering runs inside
`socialcase.i18n.use_language`, so every sentence, chart and figure follows it. The
templates' own words are ``_("...")`` calls (extracted by Babel's Jinja2 extractor,
see ``babel.cfg``); a translation is ours, so it is not escaped, but every value put
into it with ``.format`` is.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from socialcase import charts, narrative
from socialcase.bottomline import DEFINITIONS
from socialcase.formatting import compact, hours, long_date, money, months, number, percent
from socialcase.i18n import N_, gettext, use_language
from socialcase.page import (
    GrowthEvidence,
    InboxEvidence,
    Page,
    Shown,
    build,
    evidence_name,
    figures_of,
    shown,
)
from socialcase.provenance import Provenance
from socialcase.report.inputs import appendix
from socialcase.roles import SIGN_NAMES, org_chart, org_chart_html
from socialcase.scenario import Scenario, spec_of
from socialcase.uncertainty import DRAWS

__all__ = ["HTML_NAME", "SECTIONS", "render", "report_html"]

HTML_NAME = "socialcase-report.html"

SECTIONS = (
    ("verdict", N_("The verdict")),
    ("growth", N_("Sign 1: growth has stalled")),
    ("engagement", N_("Sign 2: you miss engagement")),
    ("collaboration", N_("Sign 3: no time to collaborate")),
    ("vision", N_("The vision: what the extra hours buy")),
    ("risks", N_("The risks: burnout and flight risk")),
    ("bottom-line", N_("The bottom line")),
    ("dream-team", N_("Your dream team")),
    ("questions", N_("Questions to guide the growth strategy")),
    ("make-the-case", N_("Make the case")),
    ("appendix", N_("Every assumption and its source")),
)
"""The report's sections in order: (element id, heading in English; the report shows it
translated). The verdict is the one-page leadership summary."""

#: The steps whose figures each section shows (the team's overtime sits with the risks).
SECTION_STEPS = {
    "verdict": (0,),
    "growth": (2,),
    "engagement": (3,),
    "collaboration": (4,),
    "vision": (6,),
    "risks": (7, 1),
    "bottom-line": (8,),
    "dream-team": (9,),
}

QUESTIONS = (
    "answer_missed_opportunity",
    "answer_skills",
    "answer_social_direction",
    "answer_business_direction",
)

# The page may run inline code and draw inline styles, data: and blob: images; it may
# fetch nothing. A browser enforces this even if some text in the page names a URL.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


@cache
def _environment() -> Any:
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("socialcase.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    # The templates' words: our own translation, not escaped; `.format` escapes the values.
    env.globals["_"] = lambda message: Markup(gettext(message))
    return env


@cache
def _css() -> str:
    return resources.files("socialcase.report").joinpath("report.css").read_text("utf-8")


class _Charts:
    """Embeds figures as divs for the one plotly.js in the head; counts them."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def __call__(self, fig: Any, name: str) -> Any:
        from markupsafe import Markup

        self.names.append(name)
        height = fig.layout.height or charts.HEIGHT
        div = fig.to_html(
            full_html=False,
            include_plotlyjs=False,
            config={"displaylogo": False},
            div_id=f"chart-{name}",
            default_height=f"{height:g}px",
        )
        return Markup(div)


def _figures(page: Page, key: str) -> list[Shown]:
    return [shown(f, page) for step in SECTION_STEPS.get(key, ()) for f in figures_of(step)]


def _when(generated_at: datetime | str | None) -> str:
    if generated_at is None:
        generated_at = datetime.now().astimezone()
    if isinstance(generated_at, datetime):
        return long_date(generated_at)
    return str(generated_at)


def _tables(page: Page) -> dict[str, Any]:
    """The report's tables, each a list of rows of plain text."""
    case, cur = page.case, page.currency
    b, c, v = case.bottom_line, case.cost, case.vision
    sim = page.simulation
    assert sim is not None  # `build` runs the simulation
    _ = gettext
    in_hours = _("{hours} h")

    def counted(value: float, unit: str) -> str:
        return f"{number(value)} {_(unit)}"  # a count and its noun, in either language

    vision = [
        (
            narrative.activity_label(a.activity),
            hours(a.hours_per_week),
            in_hours.format(hours=number(a.hours_per_year)),
            counted(a.output_per_year, a.activity.output_unit),
            counted(a.kpi_per_year, a.activity.kpi_unit),
            money(a.value_per_year, cur),
        )
        for a in v.activities
    ]
    vision.append(
        (
            _("Taking over the team's overtime"),
            hours(v.relief_hours_per_week),
            in_hours.format(hours=number(page.relief_hours_per_year)),
            "",
            _("see the risks"),
            "",
        )
    )
    vision.append(
        (_("Total"), hours(v.hire_hours_per_week), "", "", "", money(v.value_per_year, cur))
    )
    a_year, once = _("a year"), _("once")
    return {
        "vision": vision,
        "cost": [
            (_("Salary"), a_year, money(c.salary_per_year, cur)),
            (_("Employer costs"), a_year, money(c.employer_costs_per_year, cur)),
            (_("Tools"), a_year, money(c.tools_cost_per_year, cur)),
            (_("Cost of the hire"), a_year, money(c.steady_state_cost_per_year, cur)),
        ],
        "once": [
            (_("Recruiting"), once, money(c.recruiting_cost, cur)),
            (_("Equipment"), once, money(c.equipment_cost, cur)),
            (_("One-off costs"), once, money(c.one_off_cost, cur)),
        ],
        "result": [
            (_("Value of the new work"), a_year, money(v.value_per_year, cur)),
            (_("Avoided cost of leavers"), a_year, money(b.risk.avoided_cost_per_year, cur)),
            (_("Cost of the hire"), a_year, money(-c.steady_state_cost_per_year, cur)),
            (
                _("The hire's own expected turnover"),
                a_year,
                money(-b.risk.hire_turnover_cost_per_year, cur),
            ),
            (_("Steady-state net"), a_year, money(b.net_value_per_year, cur)),
        ],
        "time": [
            (_("Vacancy until the hire starts"), _("months"), months(b.start_month)),
            (_("Value forgone while ramping up"), once, money(b.ramp_value_forgone, cur)),
            (_("Year-one net"), _("first 12 months"), money(b.year_one_net_value, cur)),
            (
                _("Net present value ({years} years at {rate})").format(
                    years=compact(b.horizon_years), rate=percent(b.discount_rate, 1)
                ),
                _("over the horizon"),
                money(b.net_present_value, cur),
            ),
        ],
        "spread": [
            (_("P10 (pessimistic)"), money(sim.p10, cur)),
            (_("P50 (median)"), money(sim.p50, cur)),
            (_("P90 (optimistic)"), money(sim.p90, cur)),
            (_("Mean"), money(sim.mean, cur)),
        ],
    }


def render(
    page: Page,
    *,
    generated_at: datetime | str | None = None,
    provenance: Provenance | None = None,
    lang: str | None = None,
) -> str:
    """The leadership report of `page` as one self-contained HTML document, in `lang`
    ("en" or "nb"; None: the current language, `socialcase.i18n.current_language`)."""
    with use_language(lang) as language:
        return _render(page, generated_at, provenance, language)


def _render(
    page: Page,
    generated_at: datetime | str | None,
    provenance: Provenance | None,
    language: str,
) -> str:
    from markupsafe import Markup
    from plotly.offline import get_plotlyjs

    case, scenario, sim = page.case, page.scenario, page.simulation
    assert sim is not None, "the report needs the simulation: build the page with `build`"
    chart = _Charts()
    growth = page.growth
    trend = growth.gap.trend if growth is not None and growth.gap is not None else None
    cur = page.currency
    drawn = {
        "growth": chart(
            charts.growth_chart(growth.series, growth.metric, growth.stall, trend), "growth"
        )
        if growth is not None
        else None,
        "engagement": chart(charts.engagement_chart(case), "engagement"),
        "inbox-heatmap": chart(charts.inbox_heatmap(page.inbox.stats.hour_of_week), "inbox-heatmap")
        if page.inbox is not None
        else None,
        "collaboration": chart(charts.hour_budget_chart(case), "collaboration"),
        "vision-flow": chart(charts.vision_flow_chart(case), "vision-flow"),
        "vision-value": chart(charts.vision_value_chart(case), "vision-value"),
        "team": chart(charts.team_hours_chart(case), "team"),
        "risk": chart(charts.risk_chart(case), "risk"),
        "waterfall": chart(charts.net_value_waterfall(case), "waterfall"),
        "cash-flow": chart(charts.cash_flow_chart(case), "cash-flow"),
        "simulation": chart(charts.simulation_histogram(sim, cur), "simulation"),
        "tornado": chart(
            charts.tornado_chart(page.swings, case.bottom_line.net_present_value, cur), "tornado"
        ),
    }
    texts = {
        "verdict": narrative.verdict_text(case, sim.probability_positive),
        "signs": narrative.signs_text(page),
        "ask": narrative.ask_text(page),
        "definitions": " ".join(gettext(text) for text in DEFINITIONS.values()),
        "growth": narrative.growth_text(page),
        "growth_source": narrative.growth_source_text(growth) if growth is not None else "",
        "engagement": narrative.engagement_text(case),
        "collaboration": narrative.collaboration_text(case),
        "vision": narrative.vision_text(case),
        "team": narrative.team_text(case),
        "risk": narrative.risk_text(case),
        "cost": narrative.cost_text(case),
        "uncertainty": narrative.uncertainty_text(case, sim, page.swings),
        "role": narrative.role_text(page),
        "plan": narrative.conversation_plan(),
    }
    role = narrative.role_words(page.role)
    s = scenario
    inbox_facts = None
    if page.inbox is not None:
        st = page.inbox.stats
        inbox_facts = {
            "file_name": evidence_name(page.inbox.file_name),
            "sentence": gettext("{messages} messages over {days} days.").format(
                messages=number(st.messages_total), days=number(st.days_covered)
            ),
            "figures": [shown(f, page) for f in figures_of(3, "inbox")],
        }
    context = {
        "lang": language,
        "title": gettext("The case for another social media hire"),
        "subtitle": gettext(
            "A {role} for a social team of {people}. Prepared {when}; amounts in {currency}."
        ).format(
            role=role.title.lower(),
            people=narrative.people(s.team_size),
            when=_when(generated_at),
            currency=s.currency,
        ),
        "csp": CSP,
        "css": Markup(_css()),
        "plotlyjs": Markup(get_plotlyjs()),
        "sections": [(key, gettext(heading)) for key, heading in SECTIONS],
        "figures": {key: _figures(page, key) for key, _ in SECTIONS},
        "texts": texts,
        "charts": drawn,
        "tables": _tables(page),
        "cur": cur,
        "draws": number(sim.draws),
        "seed": sim.seed,
        "inbox": inbox_facts,
        "role": role,
        "gaps": [{"sign": gettext(SIGN_NAMES[g.sign]), "evidence": g.evidence} for g in page.gaps],
        "org_chart": Markup(
            org_chart_html(org_chart(s.team_roles, int(s.team_size), page.role), heading="h3")
        ),
        "questions": [
            (name, gettext(spec_of(name).label), str(getattr(s, name)).strip())
            for name in QUESTIONS
        ],
        "appendix": appendix(s, provenance),
    }
    html = _environment().get_template("report.html.j2").render(**context)
    chart_total = len(chart.names)
    return html.replace("__SC_CHART_COUNT__", str(chart_total))


def report_html(
    scenario: Scenario,
    *,
    growth: GrowthEvidence | None = None,
    inbox: InboxEvidence | None = None,
    draws: int = DRAWS,
    seed: int = 0,
    generated_at: datetime | str | None = None,
    provenance: Provenance | None = None,
    lang: str | None = None,
) -> str:
    """The leadership report as one self-contained HTML document.

    A one-page leadership summary first (the verdict's figures, the sentence, the three
    signs and the ask), then the three signs, the vision, the risks, the bottom line with
    its uncertainty, the dream team, the four questions, the conversation plan and an
    appendix of every assumption with its source. plotly.js is embedded once in the head;
    the page fetches nothing (a Content-Security-Policy forbids it).

    Parameters
    ----------
    scenario : Scenario
        Every assumption of the case.
    growth : GrowthEvidence, optional
        The growth export in use (`socialcase.page.growth_evidence`); by default the
        built-in sample follower export.
    inbox : InboxEvidence, optional
        An inbox export's statistics; when given, Sign 2 shows the measured load.
    draws, seed : int
        Monte Carlo draws and seed (`socialcase.uncertainty.simulate`); the dashboard
        uses the same `socialcase.uncertainty.DRAWS`.
    generated_at : datetime or str, optional
        The date printed on the report (default: now); a string is shown as is.
    provenance : Provenance, optional
        Where each input's value comes from (`socialcase.provenance`).
    lang : str, optional
        "en" or "nb" (default: the current language, `socialcase.i18n.current_language`);
        every word, figure and chart of the report follows it.

    Returns
    -------
    str
        The HTML document. Every text the user typed is escaped.

    Examples
    --------
    >>> page = report_html(Scenario(), draws=1_000, generated_at="today")
    >>> page.startswith("<!DOCTYPE html>"), page.count("<script src=")
    (True, 0)
    """
    page = build(scenario, growth=growth, inbox=inbox, draws=draws, seed=seed)
    return render(page, generated_at=generated_at, provenance=provenance, lang=lang)
