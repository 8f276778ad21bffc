"""The leadership report (step 10, "Make the case"): the whole case as one HTML file and a PDF.

The HTML opens with no internet (plotly.js is embedded once, nothing is fetched);
the PDF is that page printed by a local Chromium. ``python -m socialcase.report`` writes both.
"""

from __future__ import annotations

import argparse
import html
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from socialcase import charts, narrative
from socialcase import growth as growth_mod
from socialcase.bottomline import DEFINITIONS
from socialcase.case import Case, evaluate
from socialcase.chromium import CHROMIUM_ARGS
from socialcase.formatting import hours, money, months, number, percent
from socialcase.narrative import STEP_TITLES
from socialcase.provenance import Provenance, describe, describe_range
from socialcase.roles import gaps, org_chart, org_chart_html, suggested_role
from socialcase.scenario import Scenario, spec_of, specs
from socialcase.uncertainty import Simulation, simulate, tornado

__all__ = [
    "CHROMIUM_ARGS",
    "SECTIONS",
    "chart_count",
    "format_input",
    "main",
    "report_html",
    "report_pdf",
]

SECTIONS = (
    ("verdict", "The verdict"),
    ("growth", "Sign 1: growth has stalled"),
    ("engagement", "Sign 2: you miss engagement"),
    ("collaboration", "Sign 3: no time to collaborate"),
    ("vision", "The vision: what the extra hours buy"),
    ("risks", "The risks: burnout and flight risk"),
    ("bottom-line", "The bottom line"),
    ("dream-team", "Your dream team"),
    ("questions", "Questions to guide the growth strategy"),
    ("make-the-case", "Make the case"),
    ("appendix", "Every assumption and its source"),
)
"""The report's sections in order: (element id, heading)."""


QUESTIONS = (
    "answer_missed_opportunity",
    "answer_skills",
    "answer_social_direction",
    "answer_business_direction",
)

HTML_NAME = "socialcase-report.html"
PDF_NAME = "socialcase-report.pdf"


_PLOTLY_CONFIG = {"displaylogo": False}

# The page may run inline code and draw inline styles, data: and blob: images; it may
# fetch nothing. A browser enforces this even if some text in the page names a URL.
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)

_CSS = """
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d0d7de;
  --good: #1a7f37; --bad: #cf222e; --accent: #1f6feb; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "Liberation Sans", sans-serif;
  font-size: 15px; line-height: 1.5; }
.sc-page { max-width: 700px; margin: 0 auto; padding: 24px 0 48px; }
header.sc-title h1 { font-size: 28px; margin: 0 0 4px; }
header.sc-title p { color: var(--muted); margin: 0 0 12px; }
nav.sc-toc ol { columns: 2; padding-left: 20px; margin: 8px 0 0; font-size: 14px; }
nav.sc-toc a { color: var(--accent); text-decoration: none; }
section { margin-top: 36px; }
h2 { font-size: 22px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; margin: 0 0 12px; }
h3 { font-size: 17px; margin: 20px 0 8px; }
p { margin: 8px 0; }
.sc-figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.sc-figure { flex: 1 1 150px; border: 1px solid var(--line); border-radius: 8px;
  padding: 10px 12px; }
.sc-figure-value { font-size: 22px; font-weight: 700; line-height: 1.2; }
.sc-figure-label { font-size: 13px; color: var(--muted); }
.sc-verdict .sc-figure-value { font-size: 30px; }
.sc-good .sc-figure-value { color: var(--good); }
.sc-bad .sc-figure-value { color: var(--bad); }
.sc-lead { font-size: 17px; }
.sc-note { font-size: 13px; color: var(--muted); }
figure.sc-chart { margin: 14px 0; break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin: 10px 0; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 4px 6px;
  border-bottom: 1px solid var(--line); }
td.sc-num, th.sc-num { text-align: right; white-space: nowrap; }
tr.sc-total td { font-weight: 700; border-top: 2px solid var(--ink); }
tr.sc-group th { background: #f6f8fa; font-size: 14px; padding-top: 8px; }
tr { break-inside: avoid; page-break-inside: avoid; }
.sc-answer { white-space: pre-wrap; border-left: 3px solid var(--accent); padding-left: 10px; }
.sc-empty { color: var(--muted); font-style: italic; }
.sc-org-pair { display: flex; gap: 24px; flex-wrap: wrap; }
.sc-org-pair > div { flex: 1 1 250px; }
ul.sc-org li.sc-new { font-weight: 700; color: var(--accent); }
.sc-appendix td { word-break: break-word; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 12.5px; }
  .sc-page { max-width: none; padding: 0; }
  nav.sc-toc { display: none; }
  section { margin-top: 0; }
  h2 { break-before: page; page-break-before: always; }
  section#verdict h2 { break-before: auto; page-break-before: auto; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .sc-figure { break-inside: avoid; }
  .modebar-container { display: none !important; }
  a { color: inherit; text-decoration: none; }
}
"""


@dataclass(frozen=True)
class _Growth:
    """The growth evidence the report shows: the same fields as ui's GrowthEvidence."""

    series: Any
    metric: str
    stall: Any
    gap: Any
    source: str


def _e(text: Any) -> str:
    """Escape anything for HTML text or a quoted attribute."""
    return html.escape(str(text), quote=True)


# --- values as a reader sees them -------------------------------------------------------------


def _plain(value: float) -> str:
    if float(value).is_integer():
        return f"{value:,.0f}"
    return format(value, ",.6g")


def _money_exact(amount: float, currency: str) -> str:
    """Money with cents where whole units would hide the value (a follower is worth $0.50)."""
    if float(amount).is_integer() or abs(amount) >= 100:
        return money(amount, currency)
    prefix = money(1.0, currency)[:-1]  # "$" or "NOK "
    sign = "-" if amount < 0 else ""
    body = f"{abs(amount):,.2f}" if abs(amount) >= 0.01 else format(abs(amount), "g")
    return f"{sign}{prefix}{body}"


def _share(value: float) -> str:
    text = f"{value * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def format_input(name: str, value: Any, currency: str = "USD") -> str:
    """One scenario input as a reader sees it: the value with its unit (plain text).

    Parameters
    ----------
    name : str
        The scenario field, e.g. ``"hire_salary_per_year"``.
    value : Any
        Its value (a number or a text).
    currency : str
        The scenario's currency, for money inputs.

    Returns
    -------
    str
        Not escaped: escape it before putting it in HTML.

    Examples
    --------
    >>> format_input("hire_salary_per_year", 62_810.0)
    '$62,810 per year'
    >>> format_input("value_per_follower", 0.5, "NOK")
    'NOK 0.50 per follower'
    >>> format_input("benefits_load_share", 0.34)
    '34% of salary'
    >>> format_input("reply_share", 0.4)
    '40%'
    >>> format_input("handle_time_minutes", 5.0)
    '5 minutes per message'
    >>> format_input("replacement_cost_multiplier", 0.5)
    '0.5x annual salary'
    >>> format_input("answer_skills", "")
    '(empty)'
    """
    spec = spec_of(name)
    if spec.kind in ("text", "choice"):
        return str(value) if str(value) else "(empty)"
    unit = spec.unit
    if unit.startswith("currency"):
        return _money_exact(float(value), currency) + unit.removeprefix("currency")
    if unit.startswith("share"):
        rest = unit.removeprefix("share")
        return _share(float(value)) + ("" if rest.startswith(",") else rest)
    if unit.startswith("x "):  # a multiple: "1x annual salary"
        return f"{_plain(float(value))}{unit}"
    return f"{_plain(float(value))} {unit}"


# --- pieces of the page -----------------------------------------------------------------------


class _Charts:
    """Embeds figures as divs for the one plotly.js in the head; counts them."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def __call__(self, fig: Any, name: str) -> str:
        self.names.append(name)
        height = fig.layout.height or charts.HEIGHT
        div = fig.to_html(
            full_html=False,
            include_plotlyjs=False,
            config=_PLOTLY_CONFIG,
            div_id=f"chart-{name}",
            default_height=f"{height:g}px",
        )
        return f'<figure class="sc-chart" data-chart="{_e(name)}">{div}</figure>'


def _figures(items: Iterable[tuple[str, str, str, str]], extra_class: str = "") -> str:
    """Big figures: (key, value, label, tone) with tone "", "good" or "bad"."""
    cells = "".join(
        f'<div class="sc-figure{" sc-" + tone if tone else ""}" data-figure="{_e(key)}">'
        f'<div class="sc-figure-value">{_e(value)}</div>'
        f'<div class="sc-figure-label">{_e(label)}</div></div>'
        for key, value, label, tone in items
    )
    return f'<div class="sc-figures {extra_class}">{cells}</div>'


def _p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{_e(text)}</p>' if cls else f"<p>{_e(text)}</p>"


def _table(
    head: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Sequence[int] = (),
    total_last: bool = False,
    cls: str = "",
) -> str:
    """A table of plain-text cells (escaped here); columns in `numeric` align right."""

    def cells(row: Sequence[str], tag: str) -> str:
        return "".join(
            f'<{tag} class="sc-num">{_e(c)}</{tag}>' if i in numeric else f"<{tag}>{_e(c)}</{tag}>"
            for i, c in enumerate(row)
        )

    body = list(rows)
    trs = [
        f'<tr class="sc-total">{cells(r, "td")}</tr>'
        if total_last and i == len(body) - 1
        else f"<tr>{cells(r, 'td')}</tr>"
        for i, r in enumerate(body)
    ]
    cls_attr = f' class="{cls}"' if cls else ""
    return (
        f"<table{cls_attr}><thead><tr>{cells(head, 'th')}</tr></thead>"
        f"<tbody>{''.join(trs)}</tbody></table>"
    )


def _section(key: str, body: str) -> str:
    title = dict(SECTIONS)[key]
    return f'<section id="{key}"><h2>{_e(title)}</h2>{body}</section>'


def _sample_growth() -> _Growth:
    from socialcase import datasets

    series = datasets.sample_growth_export().set_index("date")["followers"]
    stall = growth_mod.detect_stall(series)
    gap = growth_mod.gap_to_trend(series, stall) if stall is not None else None
    return _Growth(
        series,
        "followers",
        stall,
        gap,
        "the built-in sample follower export (load your own in the dashboard)",
    )


def _carried_growth(loaded: Any) -> _Growth | None:
    """The growth series a scenario file carried, with its stall found again, or None."""
    carried = getattr(loaded, "growth", None)
    if carried is None:
        return None
    series = carried.series
    stall = growth_mod.detect_stall(series)
    gap = growth_mod.gap_to_trend(series, stall) if stall is not None else None
    return _Growth(
        series,
        carried.metric,
        stall,
        gap,
        f"your export {carried.file_name} (in the scenario file)",
    )


def _as_growth(evidence: Any) -> _Growth:
    if evidence is None:
        return _sample_growth()
    if isinstance(evidence, _Growth):
        return evidence
    export = getattr(evidence, "export", None)
    name = getattr(export, "file_name", None)
    return _Growth(
        evidence.series,
        str(evidence.metric),
        evidence.stall,
        evidence.gap,
        f"your export {name}" if name else "your export",
    )


def _verdict(case: Case, sim: Simulation) -> str:
    b, cur = case.bottom_line, case.scenario.currency
    figures = _figures(
        [
            (
                "npv",
                money(b.net_present_value, cur),
                f"net present value over {b.horizon_years} years",
                "good" if b.net_present_value > 0 else "bad",
            ),
            ("year-one", money(b.year_one_net_value, cur), "net in the first 12 months", ""),
            (
                "net-value",
                money(b.net_value_per_year, cur),
                "steady-state net a year",
                "good" if b.net_value_per_year > 0 else "bad",
            ),
            ("payback", months(b.payback_months), "payback, months from the decision", ""),
            (
                "probability",
                percent(sim.probability_positive),
                "chance the net present value is positive",
                "good" if sim.probability_positive >= 0.5 else "bad",
            ),
            (
                "cost-of-waiting",
                money(max(b.cost_of_waiting_per_month, 0.0), cur),
                "cost of waiting one more month",
                "",
            ),
        ],
        "sc-verdict",
    )
    return (
        figures
        + _p(narrative.verdict_text(case, sim.probability_positive), "sc-lead")
        + _p(" ".join(DEFINITIONS.values()), "sc-note")
    )


def _growth_section(case: Case, g: _Growth, chart: _Charts) -> str:
    cur = case.scenario.currency
    value_each = case.scenario.value_per_follower
    source = _p(f"Data: {g.source}; metric: {g.metric}.", "sc-note")
    trend = g.gap.trend if g.gap is not None else None
    figure = chart(charts.growth_chart(g.series, g.metric, g.stall, trend), "growth")
    if g.stall is None:
        text = (
            f"Growth of {g.metric} has been steady: the detector finds no stall, so this "
            "sign does not apply."
        )
        return (
            source
            + _figures([("stall-date", "no stall found", "growth stalled on", "good")])
            + figure
            + _p(text)
        )
    s = g.stall
    gap_units = g.gap.gap_units if g.gap is not None else 0.0
    worth = growth_mod.value_of_gap(float(gap_units), float(value_each))
    figures = _figures(
        [
            ("stall-date", f"{s.start:%Y-%m-%d}", "growth stalled on", "bad"),
            ("growth-before", f"{s.growth_before_per_day:,.1f}", f"{g.metric} a day before", ""),
            ("growth-after", f"{s.growth_after_per_day:,.1f}", f"{g.metric} a day after", "bad"),
            ("growth-gap-value", money(worth, cur), "what the gap to the old trend is worth", ""),
        ]
    )
    text = (
        f"Growth of {g.metric} stalled on {s.start:%d %B %Y}: from "
        f"{s.growth_before_per_day:,.1f} a day to {s.growth_after_per_day:,.1f} a day "
        f"({percent(s.drop_share)} slower; confidence {percent(s.confidence)}). Had the old "
        f"trend continued there would be {number(gap_units)} more {g.metric} today, worth "
        f"{money(worth, cur)} at {_money_exact(value_each, cur)} each."
    )
    return source + figures + figure + _p(text)


def _engagement_section(case: Case, inbox: Any, chart: _Charts) -> str:
    e, s = case.engagement, case.scenario
    body = _figures(
        [
            ("inbound-per-day", number(s.inbound_per_day), "inbound messages a day", ""),
            (
                "missed-per-week",
                number(e.missed_per_week_without_hire),
                "messages unanswered a week",
                "bad",
            ),
            (
                "missed-with-hire",
                number(e.missed_per_week_with_hire),
                "unanswered a week with the hire",
                "good",
            ),
            (
                "share-in-time",
                percent(e.without_hire.share_answered_in_time),
                "answered in time today",
                "",
            ),
        ]
    )
    body += chart(charts.engagement_chart(case), "engagement")
    body += _p(narrative.engagement_text(case))
    if inbox is not None:
        st = inbox.stats
        answered = percent(st.share_answered) if st.share_answered is not None else "n/a"
        body += "<h3>Measured from the inbox export</h3>"
        body += _p(
            f"Data: {getattr(inbox, 'file_name', 'inbox export')}: "
            f"{number(st.messages_total)} messages over {st.days_covered} days, "
            f"{st.messages_per_day:,.1f} a day, {answered} answered."
        )
        body += chart(charts.inbox_heatmap(st.hour_of_week), "inbox-heatmap")
    return body


def _collaboration_section(case: Case, chart: _Charts) -> str:
    b = case.collaboration
    return (
        _figures(
            [
                (
                    "hours-lacking",
                    hours(b.hours_lacking_per_week),
                    "strategy hours lacking a week",
                    "bad",
                ),
                (
                    "hours-lacking-with-hire",
                    hours(b.hours_lacking_with_hire_per_week),
                    "lacking with the hire",
                    "good",
                ),
            ]
        )
        + chart(charts.hour_budget_chart(case), "collaboration")
        + _p(narrative.collaboration_text(case))
    )


def _vision_section(case: Case, chart: _Charts) -> str:
    v, cur = case.vision, case.scenario.currency
    rows = [
        (
            a.activity.label,
            hours(a.hours_per_week),
            f"{number(a.hours_per_year)} h",
            f"{number(a.output_per_year)} {a.activity.output_unit}",
            f"{number(a.kpi_per_year)} {a.activity.kpi_unit}",
            money(a.value_per_year, cur),
        )
        for a in v.activities
    ]
    rows.append(
        (
            "Taking over the team's overtime",
            hours(v.relief_hours_per_week),
            f"{number(v.relief_hours_per_week * case.scenario.working_weeks_per_year)} h",
            "",
            "see the risks",
            "",
        )
    )
    rows.append(("Total", hours(v.hire_hours_per_week), "", "", "", money(v.value_per_year, cur)))
    table = _table(
        ("Activity", "Hours a week", "Hours a year", "Output a year", "KPI a year", "Value a year"),
        rows,
        numeric=(1, 2, 5),
        total_last=True,
    )
    return (
        _figures(
            [
                (
                    "vision-value",
                    money(v.value_per_year, cur),
                    "value of the new work a year",
                    "good",
                ),
                (
                    "relief-hours",
                    hours(v.relief_hours_per_week),
                    "hours a week taking over overtime",
                    "",
                ),
            ]
        )
        + _p(narrative.vision_text(case))
        + chart(charts.vision_flow_chart(case), "vision-flow")
        + chart(charts.vision_value_chart(case), "vision-value")
        + "<h3>The driver chain: hours → output → KPI → value</h3>"
        + table
        + _p(
            "Each activity's rates (output per hour, KPI per output, value per KPI) are in "
            "the appendix with their sources.",
            "sc-note",
        )
    )


def _risks_section(case: Case, chart: _Charts) -> str:
    r, cur = case.risk, case.scenario.currency
    return (
        _figures(
            [
                (
                    "leave-probability",
                    percent(r.leave_probability_without, 1),
                    "chance each person leaves this year",
                    "bad",
                ),
                (
                    "attrition-cost",
                    money(r.expected_cost_without_per_year, cur),
                    "expected cost of leavers a year",
                    "",
                ),
                (
                    "avoided-attrition",
                    money(r.avoided_cost_per_year, cur),
                    "avoided with the hire",
                    "good",
                ),
            ]
        )
        + _p(narrative.team_text(case))
        + chart(charts.team_hours_chart(case), "team")
        + _p(narrative.risk_text(case))
        + chart(charts.risk_chart(case), "risk")
    )


def _bottom_line_section(case: Case, sim: Simulation, swings: Sequence[Any], chart: _Charts) -> str:
    b, c, cur = case.bottom_line, case.cost, case.scenario.currency
    cost_rows = [
        ("Salary", "a year", money(c.salary_per_year, cur)),
        ("Employer costs", "a year", money(c.employer_costs_per_year, cur)),
        ("Tools", "a year", money(c.tools_cost_per_year, cur)),
        ("Cost of the hire", "a year", money(c.steady_state_cost_per_year, cur)),
    ]
    once_rows = [
        ("Recruiting", "once", money(c.recruiting_cost, cur)),
        ("Equipment", "once", money(c.equipment_cost, cur)),
        ("One-off costs", "once", money(c.one_off_cost, cur)),
    ]
    result_rows = [
        ("Value of the new work", "a year", money(b.vision.value_per_year, cur)),
        ("Avoided cost of leavers", "a year", money(b.risk.avoided_cost_per_year, cur)),
        ("Cost of the hire", "a year", money(-c.steady_state_cost_per_year, cur)),
        (
            "The hire's own expected turnover",
            "a year",
            money(-b.risk.hire_turnover_cost_per_year, cur),
        ),
        ("Steady-state net", "a year", money(b.net_value_per_year, cur)),
    ]
    time_rows = [
        ("Vacancy until the hire starts", "months", months(b.start_month)),
        ("Value forgone while ramping up", "once", money(b.ramp_value_forgone, cur)),
        ("Year-one net", "first 12 months", money(b.year_one_net_value, cur)),
        (
            f"Net present value ({b.horizon_years} years at {percent(b.discount_rate, 1)})",
            "over the horizon",
            money(b.net_present_value, cur),
        ),
    ]
    head = ("Item", "When", f"Amount ({cur})")
    spread = _table(
        ("", "Net present value"),
        [
            ("P10 (pessimistic)", money(sim.p10, cur)),
            ("P50 (median)", money(sim.p50, cur)),
            ("P90 (optimistic)", money(sim.p90, cur)),
            ("Mean", money(sim.mean, cur)),
        ],
        numeric=(1,),
    )
    return (
        _figures(
            [
                (
                    "hire-cost",
                    money(c.steady_state_cost_per_year, cur),
                    "cost of the hire a year",
                    "",
                ),
                (
                    "year-one-cost",
                    money(c.year_one_cost, cur),
                    "a year's cost plus the one-off costs",
                    "",
                ),
                (
                    "roi",
                    percent(b.roi),
                    "NPV over the present value of every cost",
                    "good" if b.roi > 0 else "bad",
                ),
                (
                    "decision-to-payback",
                    months(b.payback_months),
                    "from decision to payback, vacancy and ramp-up included",
                    "",
                ),
            ]
        )
        + _p(narrative.cost_text(case))
        + "<h3>What the hire costs</h3>"
        + _table(head, cost_rows, numeric=(2,), total_last=True)
        + _table(head, once_rows, numeric=(2,), total_last=True)
        + "<h3>What it brings</h3>"
        + _table(head, result_rows, numeric=(2,), total_last=True)
        + chart(charts.net_value_waterfall(case), "waterfall")
        + "<h3>Over time, from the decision</h3>"
        + _table(head, time_rows, numeric=(2,), total_last=True)
        + chart(charts.cash_flow_chart(case), "cash-flow")
        + "<h3>How sure is it?</h3>"
        + _figures(
            [
                ("p10", money(sim.p10, cur), "net present value, pessimistic (P10)", ""),
                ("p50", money(sim.p50, cur), "net present value, median (P50)", ""),
                ("p90", money(sim.p90, cur), "net present value, optimistic (P90)", ""),
                (
                    "probability-positive",
                    percent(sim.probability_positive),
                    "chance the net present value is positive",
                    "good" if sim.probability_positive >= 0.5 else "bad",
                ),
            ]
        )
        + _p(narrative.uncertainty_text(case, sim, swings))
        + chart(charts.simulation_histogram(sim, cur), "simulation")
        + spread
        + chart(charts.tornado_chart(swings, b.net_present_value, cur), "tornado")
        + _p(
            f"Each uncertain input is drawn from a triangular distribution (low, base, high) "
            f"over {number(sim.draws)} simulated cases (seed {sim.seed}), and each activity's "
            "value per hour from one multiplier with a shared estimation bias; the tornado "
            "moves one input (or one activity's rates together) at a time from its low to its "
            "high end.",
            "sc-note",
        )
    )


def _dream_team_section(case: Case, drop_share: float) -> str:
    s = case.scenario
    role = suggested_role(case, drop_share)
    found = gaps(case, drop_share)
    how = (
        "chosen in the scenario"
        if s.hire_role != "auto"
        else "suggested by the biggest gap the signs found"
    )
    why = "".join(f"<li><b>{_e(g.sign)}</b>: {_e(g.evidence)}</li>" for g in found)
    duties = "".join(f"<li>{_e(r)}</li>" for r in role.responsibilities)
    path = " → ".join(role.career_path)
    return (
        _figures([("role", role.title, f"role to hire, {how}", "")])
        + _p(role.summary)
        + f"<h3>The gaps, largest first</h3><ul>{why}</ul>"
        + f"<h3>Responsibilities that move to the new person</h3><ul>{duties}</ul>"
        + "<h3>The team before and after</h3>"
        + org_chart_html(org_chart(s.team_roles, int(s.team_size), role), heading="h3")
        + "<h3>Career path</h3>"
        + _p(path)
        + _p(
            "For the team today: the lead grows into strategy and management as the new "
            "role takes over day-to-day work."
        )
    )


def _questions_section(scenario: Scenario) -> str:
    parts = []
    for name in QUESTIONS:
        answer = str(getattr(scenario, name)).strip()
        shown = (
            f'<p class="sc-answer">{_e(answer)}</p>'
            if answer
            else '<p class="sc-empty">Not answered yet</p>'
        )
        parts.append(
            f'<div class="sc-question" data-question="{name}">'
            f"<h3>{_e(spec_of(name).label)}</h3>{shown}</div>"
        )
    return "".join(parts)


def _make_the_case_section() -> str:
    plan = "".join(
        f"<li><b>{_e(who)}</b>: {_e(what)}</li>" for who, what in narrative.CONVERSATION_PLAN
    )
    return (
        _p(
            "Don't let it be a surprise: talk to people in this order, then leave this "
            "report behind."
        )
        + f'<ol class="sc-plan">{plan}</ol>'
        + _p(
            "Every number here comes from the assumptions in the appendix. Save the "
            "scenario from the dashboard to reproduce this exact case, or change an "
            "assumption there and export the report again.",
            "sc-note",
        )
    )


def _appendix_section(scenario: Scenario, provenance: Provenance | None = None) -> str:
    """Every input, its value, its range and where the value comes from.

    A value with no recorded origin that differs from its preset default reads
    "set in this scenario": it is never credited to the default's source.
    """
    cur = scenario.currency
    ranges = dict(scenario.ranges)
    origins = provenance if provenance is not None else Provenance()
    rows: list[str] = []
    step = None
    for name, spec in specs().items():
        if spec.step != step:
            step = spec.step
            title = STEP_TITLES.get(step, f"Step {step}")
            rows.append(f'<tr class="sc-group"><th colspan="4">{step}. {_e(title)}</th></tr>')
        value = format_input(name, getattr(scenario, name), cur)
        span = ""
        if name in ranges:
            low, high = ranges[name]
            span = f"{format_input(name, low, cur)} to {format_input(name, high, cur)}"
            said = describe_range(scenario, name, origins.range_origin(scenario, name))
            if not low <= float(getattr(scenario, name)) <= high:
                said = "does not hold the value: the simulation draws around it"
            if said:
                span += f" ({said})"
        origin = origins.origin(scenario, name)
        rows.append(
            f'<tr data-input="{_e(name)}" data-origin="{_e(origin.kind)}"><td>{_e(spec.label)}'
            f"</td><td>{_e(value)}</td><td>{_e(span)}</td>"
            f"<td>{_e(describe(scenario, name, origin, long=True))}</td></tr>"
        )
    return (
        _p(
            "Every input of the case, its value in this scenario, its low/high range where "
            "the simulation varies it, and where the value comes from: a default with its "
            "published source, the lead's own figure, or a value measured from a named file. "
            "Defaults marked as estimates are the sample team's own: replace them with yours.",
            "sc-note",
        )
        + '<table class="sc-appendix"><thead><tr><th>Assumption</th><th>Value</th>'
        "<th>Range (low to high)</th><th>Source</th></tr></thead>"
        + f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _when(generated_at: datetime | str | None) -> str:
    if generated_at is None:
        generated_at = datetime.now().astimezone()
    if isinstance(generated_at, datetime):
        return f"{generated_at:%d %B %Y}"
    return str(generated_at)


def report_html(
    scenario: Scenario,
    *,
    growth: Any = None,
    inbox: Any = None,
    draws: int = 100_000,
    seed: int = 0,
    generated_at: datetime | str | None = None,
    provenance: Provenance | None = None,
) -> str:
    """The leadership report as one self-contained HTML document.

    Verdict first, then the three signs, the vision, the risks, the bottom
    line with its uncertainty, the dream team, the four questions, the
    conversation plan and an appendix of every assumption with its source.
    plotly.js is embedded once in the head; the page fetches nothing (a
    Content-Security-Policy forbids it), so it opens without internet.

    Parameters
    ----------
    scenario : Scenario
        Every assumption of the case.
    growth : GrowthEvidence-like, optional
        An object with ``series``, ``metric``, ``stall`` and ``gap`` (as
        ``socialcase.ui.evidence.GrowthEvidence``); by default the built-in
        sample follower export with ``growth.detect_stall``.
    inbox : InboxEvidence-like, optional
        An object with ``stats`` (``socialcase.inbox.InboxStats``) and
        ``file_name``; when given, Sign 2 shows the measured load.
    draws, seed : int
        Monte Carlo draws and seed for ``socialcase.uncertainty.simulate``.
    generated_at : datetime or str, optional
        The date printed on the report (default: now); a string is shown as is.
    provenance : Provenance, optional
        Where each input's value comes from (`socialcase.provenance`); the
        appendix credits each value to it. Without it, a value that differs
        from its default reads "set in this scenario".

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
    case = evaluate(scenario)
    sim = simulate(scenario, draws=draws, seed=seed)
    swings = tornado(scenario)
    g = _as_growth(growth)
    drop = float(g.stall.drop_share) if g.stall is not None else 0.0
    chart = _Charts()
    from plotly.offline import get_plotlyjs

    bodies: dict[str, str] = {
        "verdict": _verdict(case, sim),
        "growth": _growth_section(case, g, chart),
        "engagement": _engagement_section(case, inbox, chart),
        "collaboration": _collaboration_section(case, chart),
        "vision": _vision_section(case, chart),
        "risks": _risks_section(case, chart),
        "bottom-line": _bottom_line_section(case, sim, swings, chart),
        "dream-team": _dream_team_section(case, drop),
        "questions": _questions_section(scenario),
        "make-the-case": _make_the_case_section(),
        "appendix": _appendix_section(scenario, provenance),
    }
    sections = "\n".join(_section(key, bodies[key]) for key, _ in SECTIONS)
    toc = "".join(f'<li><a href="#{key}">{_e(title)}</a></li>' for key, title in SECTIONS)
    role = suggested_role(case, drop)
    title = "The case for another social media hire"
    subtitle = (
        f"A {role.title.lower()} for a social team of {scenario.team_size:g}. "
        f"Prepared {_when(generated_at)}; amounts in {scenario.currency}."
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="socialcase">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n"
        f'<script type="text/javascript">{get_plotlyjs()}</script>\n'
        '</head>\n<body>\n<div class="sc-page">\n'
        f'<header class="sc-title"><h1>{_e(title)}</h1><p>{_e(subtitle)}</p>'
        f'<nav class="sc-toc" aria-label="Contents"><ol>{toc}</ol></nav></header>\n'
        f"<main>\n{sections}\n</main>\n"
        f'<footer data-charts="{len(chart.names)}">Prepared with socialcase. Every number '
        "comes from the assumptions in the appendix.</footer>\n"
        "</div>\n</body>\n</html>\n"
    )


def chart_count(html_text: str) -> int:
    """How many plotly charts a report holds (for waiting until all are drawn)."""
    return html_text.count('class="plotly-graph-div"')


_ALL_DRAWN = """() => {
  const plots = [...document.querySelectorAll('.plotly-graph-div')];
  return plots.length > 0 && plots.every(p => p.querySelector('.main-svg'));
}"""


def _block_network(route: Any) -> None:
    if route.request.url.split(":", 1)[0].lower() in ("http", "https", "ws", "wss", "ftp"):
        route.abort()
    else:
        route.continue_()


def report_pdf(
    html_text: str, path: str | os.PathLike[str], *, chromium: str = "/usr/bin/chromium"
) -> Path:
    """Print the report to an A4 PDF with a local Chromium, offline.

    Parameters
    ----------
    html_text : str
        From `report_html`.
    path : str or PathLike
        Where to write the PDF.
    chromium : str
        The Chromium executable (Debian's by default; Playwright's own
        download is not used).

    Returns
    -------
    Path
        `path`.

    Raises
    ------
    FileNotFoundError
        When there is no Chromium at `chromium`.

    Notes
    -----
    Every http(s) request is aborted; the page is loaded with
    ``set_content``, Chromium waits until every plotly chart has drawn its
    SVG, then prints with backgrounds. Uses Playwright's sync API, so call it
    outside a running asyncio loop (not from a notebook cell directly).
    """
    from playwright.sync_api import sync_playwright

    target = Path(path)
    if not Path(chromium).exists():
        raise FileNotFoundError(
            f"Chromium not found at {chromium}: install it (make chromium) or pass its path"
        )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
        try:
            # 760 px is the printable width of A4 with these margins, so charts fit the page.
            context = browser.new_context(viewport={"width": 760, "height": 1000})
            page = context.new_page()
            page.route("**/*", _block_network)
            page.set_content(html_text, wait_until="load")
            page.wait_for_function(_ALL_DRAWN, timeout=60_000)
            page.pdf(
                path=str(target), format="A4", print_background=True, prefer_css_page_size=True
            )
        finally:
            browser.close()
    return target


# --- command line -----------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m socialcase.report",
        description="Write the leadership report (HTML and PDF) for a saved scenario.",
    )
    parser.add_argument(
        "scenario", nargs="?", help="a saved scenario (.json); default: the built-in sample case"
    )
    parser.add_argument("--out", default="reports", help="folder for the report (default: reports)")
    parser.add_argument("--no-pdf", action="store_true", help="write the HTML only")
    parser.add_argument(
        "--chromium", default="/usr/bin/chromium", help="Chromium executable for the PDF"
    )
    parser.add_argument("--draws", type=int, default=100_000, help="Monte Carlo draws")
    parser.add_argument("--seed", type=int, default=0, help="Monte Carlo seed")
    return parser


def _fail(message: str, code: int) -> int:
    print(f"socialcase.report: {' '.join(message.split())}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m socialcase.report [scenario.json] --out DIR [--no-pdf]``.

    Writes ``DIR/socialcase-report.html`` and ``DIR/socialcase-report.pdf`` and
    prints both paths. Returns 0 on success, 2 for a scenario file that cannot
    be read (a one-line message on stderr), 1 when the PDF cannot be printed
    (the HTML is kept).
    """
    args = _parser().parse_args(argv)
    if args.draws < 1:
        return _fail(f"--draws must be a whole number >= 1: got {args.draws}", 2)
    if args.scenario:
        from socialcase import files

        try:
            loaded = files.load(args.scenario)
        except OSError as err:
            return _fail(f"cannot read {args.scenario}: {err.strerror or err}", 2)
        except ValueError as err:
            return _fail(str(err), 2)
        scenario, provenance, evidence = loaded.scenario, loaded.provenance, loaded
        for note in (*loaded.notes, *loaded.ignored):
            print(f"socialcase.report: note: {' '.join(str(note).split())}", file=sys.stderr)
    else:
        scenario, provenance, evidence = Scenario(), None, None
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        page = report_html(
            scenario,
            draws=args.draws,
            seed=args.seed,
            provenance=provenance,
            growth=_carried_growth(evidence),
            inbox=getattr(evidence, "inbox", None),
        )
        html_path = out / HTML_NAME
        html_path.write_text(page, encoding="utf-8")
    except OSError as err:
        return _fail(f"cannot write to {out}: {err.strerror or err}", 1)
    print(html_path)
    if args.no_pdf:
        return 0
    try:
        pdf_path = report_pdf(page, out / PDF_NAME, chromium=args.chromium)
    except Exception as err:  # a missing or crashing browser: say so, keep the HTML
        return _fail(f"cannot write the PDF: {err}", 1)
    print(pdf_path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
