"""Charts of the case as plotly `go.Figure` objects, one builder per step.

The dashboard wraps them in FigureWidgets; the report embeds them as they are.
Every chart has an explicit height (sizes in hidden containers go wrong). Titles, axes,
legends and hover text are in the current language (`socialcase.i18n`), and plotly writes
the numbers it formats (ticks, hover values) with that locale's separators.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from socialcase.formatting import compact, money, number
from socialcase.i18n import N_, babel_locale, current_language, gettext
from socialcase.narrative import activity_label, metric_name, swing_label

__all__ = [
    "cash_flow_chart",
    "engagement_chart",
    "growth_chart",
    "hour_budget_chart",
    "inbox_heatmap",
    "net_value_waterfall",
    "org_chart_figure",
    "risk_chart",
    "simulation_histogram",
    "team_hours_chart",
    "tornado_chart",
    "vision_flow_chart",
    "vision_value_chart",
]

HEIGHT = 320
WITHOUT, WITH, GOOD, BAD, MUTED = "#8c8c8c", "#1f6feb", "#2da44e", "#cf222e", "#d0d7de"


# A small template of our own: plotly's stock templates are large, and copying one into
# every figure on every update costs more than the rest of the recompute.
TEMPLATE = go.layout.Template(
    layout={
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "xaxis": {"gridcolor": "#eaeef2", "zerolinecolor": "#d0d7de", "automargin": True},
        "yaxis": {"gridcolor": "#eaeef2", "zerolinecolor": "#d0d7de", "automargin": True},
        "font": {"family": "system-ui, sans-serif", "color": "#24292f"},
    }
)


def separators() -> str | None:
    """Plotly's ``separators`` for the current locale (decimal mark, then the digit-group
    separator), or None in English, where plotly's own ``.,`` is the locale's.

    Norwegian: ``",\u00a0"``, so a tick reads ``-1\u00a0500\u00a0000`` and never wraps.
    """
    if current_language() == "en":
        return None
    loc = babel_locale()
    group = loc.number_symbols["latn"]["group"]
    return loc.number_symbols["latn"]["decimal"] + ("\u00a0" if group.isspace() else group)


def _money_axis(axis: str) -> dict[str, Any]:
    """A money axis's ticks: plotly's "1.5M" and "200k" in English, whole kroner with
    non-breaking groups in Norwegian (``1 500 000``), as Norwegian tables write money."""
    return {} if current_language() == "en" else {f"{axis}axis_tickformat": ",.0f"}


def _layout(fig: go.Figure, title: str, height: int = HEIGHT, **kw: Any) -> go.Figure:
    marks = separators()
    if marks is not None:
        kw.setdefault("separators", marks)
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        template=TEMPLATE,
        legend={"orientation": "h", "y": -0.15},
        **kw,
    )
    return fig


def _figure(data: Any = None) -> go.Figure:
    """A figure that starts from our template instead of plotly's default."""
    return go.Figure(data, layout={"template": TEMPLATE})


def team_hours_chart(case: Any) -> go.Figure:
    """Contracted hours and overtime per person."""
    s = case.scenario
    overtime = max(s.actual_hours_per_week - s.contracted_hours_per_week, 0.0)
    within = min(s.actual_hours_per_week, s.contracted_hours_per_week)
    fig = _figure(
        [
            go.Bar(
                name=gettext("Within contract"),
                y=[gettext("Per person")],
                x=[within],
                orientation="h",
                marker_color=WITH,
            ),
            go.Bar(
                name=gettext("Overtime"),
                y=[gettext("Per person")],
                x=[overtime],
                orientation="h",
                marker_color=BAD,
            ),
        ]
    )
    return _layout(
        fig,
        gettext("Hours a week per person"),
        height=200,
        barmode="stack",
        xaxis_title=gettext("hours per week"),
    )


def engagement_chart(case: Any) -> go.Figure:
    """Messages needing a reply each week: in time, late, never answered."""
    e = case.engagement
    groups = [gettext("Today"), gettext("With the hire")]
    results = [e.without_hire, e.with_hire]
    in_time = [r.answered_in_time_per_week for r in results]
    late = [r.answered_per_week - r.answered_in_time_per_week for r in results]
    missed = [r.missed_per_week for r in results]
    fig = _figure(
        [
            go.Bar(name=gettext("Answered in time"), x=groups, y=in_time, marker_color=GOOD),
            go.Bar(name=gettext("Answered late"), x=groups, y=late, marker_color="#bf8700"),
            go.Bar(name=gettext("Never answered"), x=groups, y=missed, marker_color=BAD),
        ]
    )
    return _layout(
        fig,
        gettext("Messages needing a reply, per week"),
        barmode="stack",
        yaxis_title=gettext("messages per week"),
    )


def hour_budget_chart(case: Any) -> go.Figure:
    """The team's week: reactive work against strategy, and the hours wanted."""
    b = case.collaboration
    parts = [
        (gettext("Inbox"), b.inbox_hours_per_week),
        (gettext("After-hours cover"), b.after_hours_cover_hours_per_week),
        (gettext("Content"), b.content_hours_per_week),
        (gettext("Reporting"), b.reporting_hours_per_week),
        (gettext("Meetings and admin"), b.meetings_admin_hours_per_week),
        (gettext("Strategy and cross-team"), b.strategic_hours_per_week),
    ]
    colors = ["#6e7781", "#8c959f", "#afb8c1", "#c9d1d9", "#d8dee4", WITH]
    fig = _figure(
        [
            go.Bar(
                name=name, y=[gettext("Team week")], x=[value], orientation="h", marker_color=color
            )
            for (name, value), color in zip(parts, colors, strict=True)
        ]
    )
    fig.add_vline(
        x=b.reactive_hours_per_week + b.strategic_hours_wanted_per_week,
        line_dash="dash",
        line_color=BAD,
        annotation_text=gettext("strategy time wanted"),
        annotation_position="top",
    )
    fig = _layout(
        fig,
        gettext("The team's week in hours"),
        height=300,
        barmode="stack",
        xaxis_title=gettext("hours per week"),
    )
    fig.update_layout(legend={"y": -0.45}, margin={"b": 40})
    return fig


def vision_flow_chart(case: Any) -> go.Figure:
    """Where the hire's hours go: a flow from hours to activities and overtime relief."""
    v = case.vision
    labels = [gettext("The hire: {hours} h/week").format(hours=compact(v.hire_hours_per_week))]
    sources, targets, values = [], [], []
    for a in v.activities:
        if a.hours_per_week > 0:
            labels.append(
                gettext("{activity} ({hours} h)").format(
                    activity=activity_label(a.activity), hours=compact(a.hours_per_week)
                )
            )
            sources.append(0)
            targets.append(len(labels) - 1)
            values.append(a.hours_per_week)
    if v.relief_hours_per_week > 0:
        labels.append(
            gettext("Team overtime taken over ({hours} h)").format(
                hours=compact(v.relief_hours_per_week)
            )
        )
        sources.append(0)
        targets.append(len(labels) - 1)
        values.append(v.relief_hours_per_week)
    fig = _figure(
        go.Sankey(
            node={"label": labels, "pad": 14, "color": [WITH] + [MUTED] * (len(labels) - 1)},
            link={"source": sources, "target": targets, "value": values},
        )
    )
    return _layout(fig, gettext("What 40 extra hours a week buy"), height=300)


def vision_value_chart(case: Any) -> go.Figure:
    """Value per year of each activity, through its driver chain."""
    v, cur = case.vision, case.scenario.currency
    rows = sorted(v.activities, key=lambda a: a.value_per_year)
    fig = _figure(
        go.Bar(
            x=[a.value_per_year for a in rows],
            y=[activity_label(a.activity) for a in rows],
            orientation="h",
            marker_color=WITH,
            text=[money(a.value_per_year, cur) for a in rows],
            textposition="auto",
            customdata=[
                [
                    a.hours_per_year,
                    a.output_per_year,
                    a.kpi_per_year,
                    gettext(a.activity.output_unit),
                    gettext(a.activity.kpi_unit),
                ]
                for a in rows
            ],
            hovertemplate=gettext(
                "%{customdata[0]:,.0f} h -> %{customdata[1]:,.0f} %{customdata[3]} -> "
                "%{customdata[2]:,.0f} %{customdata[4]} -> %{x:,.0f}<extra></extra>"
            ),
        )
    )
    return _layout(
        fig,
        gettext("Value per year by activity ({currency})").format(currency=cur),
        xaxis_title=cur,
        **_money_axis("x"),
    )


def risk_chart(case: Any) -> go.Figure:
    """Expected cost of burned-out leavers per year, today and with the hire."""
    r, cur = case.risk, case.scenario.currency
    fig = _figure(
        go.Bar(
            x=[gettext("Today"), gettext("With the hire")],
            y=[r.expected_cost_without_per_year, r.expected_cost_with_per_year],
            marker_color=[WITHOUT, WITH],
            text=[
                money(r.expected_cost_without_per_year, cur),
                money(r.expected_cost_with_per_year, cur),
            ],
            textposition="auto",
        )
    )
    return _layout(
        fig,
        gettext("Expected cost of leavers per year ({currency})").format(currency=cur),
        yaxis_title=cur,
        **_money_axis("y"),
    )


def net_value_waterfall(case: Any) -> go.Figure:
    """Value of the vision plus avoided attrition, less the hire's cost, gives net value."""
    b, cur = case.bottom_line, case.scenario.currency
    steps = [
        (gettext("Value of the new work"), b.vision.value_per_year),
        (gettext("Avoided cost of leavers"), b.risk.avoided_cost_per_year),
        (gettext("Cost of the hire"), -b.cost.steady_state_cost_per_year),
        (gettext("The hire's own turnover"), -b.risk.hire_turnover_cost_per_year),
    ]
    fig = _figure(
        go.Waterfall(
            x=[s[0] for s in steps] + [gettext("Steady-state net a year")],
            y=[s[1] for s in steps] + [b.net_value_per_year],
            measure=["relative"] * len(steps) + ["total"],
            text=[money(s[1], cur, signed=True) for s in steps]
            + [money(b.net_value_per_year, cur)],
            textposition="outside",
            increasing={"marker": {"color": GOOD}},
            decreasing={"marker": {"color": BAD}},
            totals={"marker": {"color": WITH}},
        )
    )
    return _layout(
        fig,
        gettext("A steady-state year ({currency})").format(currency=cur),
        yaxis_title=cur,
        **_money_axis("y"),
    )


def cash_flow_chart(case: Any) -> go.Figure:
    """Cumulative cash of the hire, month by month from the decision (undiscounted)."""
    b, cur = case.bottom_line, case.scenario.currency
    cumulative = np.cumsum(b.net_by_month)
    months = np.arange(1, cumulative.size + 1)
    fig = _figure(
        go.Bar(
            x=months,
            y=cumulative,
            marker_color=[GOOD if c >= 0 else BAD for c in cumulative],
            hovertemplate=gettext("month %{x}: %{y:,.0f}<extra></extra>"),
        )
    )
    return _layout(
        fig,
        gettext("Cumulative cash from the decision, by month ({currency})").format(currency=cur),
        xaxis_title=gettext("months from the decision"),
        yaxis_title=cur,
        **_money_axis("y"),
        bargap=0.1,
    )


def simulation_histogram(simulation: Any, currency: str = "USD") -> go.Figure:
    """Distribution of net present value over the Monte Carlo draws."""
    counts, edges = np.histogram(simulation.net_present_values, bins=60)
    centers = (edges[:-1] + edges[1:]) / 2
    # Plotly's "%" format writes "4%"; Norwegian puts a non-breaking space before the sign.
    english = current_language() == "en"
    shares = counts / simulation.draws * (1 if english else 100)
    fig = _figure(
        go.Bar(
            x=centers,
            y=shares,
            marker_color=[GOOD if c > 0 else BAD for c in centers],
            hovertemplate="%{x:,.0f}: %{y:.1%}<extra></extra>"
            if english
            else "%{x:,.0f}: %{y:.1f}\u00a0%<extra></extra>",
        )
    )
    percent_axis: dict[str, Any] = (
        {"yaxis_tickformat": ".0%"}
        if english
        else {"yaxis_tickformat": ".0f", "yaxis_ticksuffix": "\u00a0%"}
    )
    for q, name in ((simulation.p10, "P10"), (simulation.p50, "P50"), (simulation.p90, "P90")):
        fig.add_vline(x=q, line_dash="dot", annotation_text=name)
    return _layout(
        fig,
        gettext("Net present value across {draws} simulated cases").format(
            draws=number(simulation.draws)
        ),
        xaxis_title=currency,
        **_money_axis("x"),
        yaxis_title=gettext("share of cases"),
        **percent_axis,
        bargap=0,
    )


def tornado_chart(
    swings: Any, base_net_value: float, currency: str = "USD", top: int = 10
) -> go.Figure:
    """Inputs ranked by how far they swing net present value from their low to their high
    end; an activity's rates form one bar (its value per hour)."""
    rows = list(swings)[:top][::-1]
    lows = [min(r.net_value_at_low, r.net_value_at_high) - base_net_value for r in rows]
    highs = [max(r.net_value_at_low, r.net_value_at_high) - base_net_value for r in rows]
    labels = [swing_label(r) for r in rows]
    # Each input's name above its bar, not beside it: the bars keep the whole width on a
    # phone and long names are never cut.
    places = list(range(len(rows)))
    bars = {"y": places, "base": base_net_value, "orientation": "h", "width": 0.42}
    hover = {"hovertext": labels, "hoverinfo": "text+x"}
    fig = _figure(
        [
            go.Bar(name=gettext("Low end"), x=lows, marker_color=BAD, **bars, **hover),
            go.Bar(name=gettext("High end"), x=highs, marker_color=GOOD, **bars, **hover),
        ]
    )
    for place, label in zip(places, labels, strict=True):
        fig.add_annotation(
            x=0, xref="paper", y=place + 0.24, yanchor="bottom", xanchor="left",
            text=label, showarrow=False, font={"size": 12, "color": "#59636e"},
        )  # fmt: skip
    fig.update_yaxes(visible=False, range=[-0.5, len(rows) - 0.2])
    return _layout(
        fig,
        gettext("What matters most: net present value at each input's low and high end"),
        height=max(HEIGHT, 52 * len(rows) + 110),
        barmode="overlay",
        xaxis_title=currency,
        **_money_axis("x"),
    )


def growth_chart(series: Any, metric: str, stall: Any = None, trend: Any = None) -> go.Figure:
    """A growth metric over time, the stall date and the old trend continued."""
    words = metric_name(metric)
    fig = _figure(
        go.Scatter(
            x=series.index, y=series.to_numpy(), name=words, mode="lines", line={"color": WITH}
        )
    )
    if trend is not None:
        fig.add_trace(
            go.Scatter(
                x=trend.index,
                y=trend.to_numpy(),
                name=gettext("old trend continued"),
                mode="lines",
                line={"color": WITHOUT, "dash": "dash"},
            )
        )
    if stall is not None:
        fig.add_vline(x=stall.start, line_dash="dot", line_color=BAD)
        fig.add_annotation(
            x=stall.start,
            y=1,
            yref="paper",
            text=gettext("growth stalled"),
            showarrow=False,
            yanchor="bottom",
        )
    if current_language() != "en":  # plotly's own dates and "20k" are English: 08.2025, 20 000
        fig.update_xaxes(tickformat="%m.%Y", hoverformat="%d.%m.%Y")
        fig.update_yaxes(tickformat=",.0f")
    return _layout(
        fig, gettext("{metric} over time").format(metric=words.capitalize()), yaxis_title=words
    )


_DAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def inbox_heatmap(hour_of_week: Any) -> go.Figure:
    """Mean inbound messages by hour of the week (Monday first)."""
    days = [gettext(d) for d in _DAYS]
    fig = _figure(
        go.Heatmap(
            z=np.asarray(hour_of_week),
            x=list(range(24)),
            y=days,
            colorscale="Blues",
            colorbar={"title": gettext("msgs/h")},
        )
    )
    return _layout(
        fig,
        gettext("Inbound messages by hour of the week"),
        height=280,
        xaxis_title=gettext("hour of day"),
        yaxis_autorange="reversed",
    )


def _wrap(title: str, width: int = 14) -> str:
    """A job title over lines of about `width` characters (plotly text takes <br>)."""
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def org_chart_figure(chart: Any) -> go.Figure:
    """The team before and after the hire as two small trees, stacked (they read on a
    phone too): the leader, the team's lead, and the people reporting to the lead; the
    new role in the accent colour. `chart` is a `socialcase.roles.OrgChart`."""
    fig = _figure()
    panels = ((gettext("Before"), chart.before, 0.0), (gettext("After"), chart.after, -3.2))
    for heading, people, top in panels:
        lead, leader = people[0]
        reports = [title for title, _ in people[1:]]
        xs = [i - (len(reports) - 1) / 2 for i in range(len(reports))]
        nodes = [(0.0, top, leader, MUTED), (0.0, top - 1.0, lead, WITHOUT)]
        nodes += [
            (x, top - 2.0, t, WITH if t == chart.new_title else WITHOUT)
            for x, t in zip(xs, reports, strict=True)
        ]
        edges_x: list[float | None] = [0.0, 0.0, None]
        edges_y: list[float | None] = [top, top - 1.0, None]
        for x in xs:
            edges_x += [0.0, x, None]
            edges_y += [top - 1.0, top - 2.0, None]
        fig.add_trace(
            go.Scatter(
                x=edges_x,
                y=edges_y,
                mode="lines",
                line={"color": MUTED, "width": 2},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[n[0] for n in nodes],
                y=[n[1] for n in nodes],
                mode="markers+text",
                marker={"size": 16, "color": [n[3] for n in nodes], "symbol": "square"},
                text=[_wrap(n[2]) for n in nodes],
                textposition="middle right",
                hovertext=[n[2] for n in nodes],
                hoverinfo="text",
                showlegend=False,
                cliponaxis=False,
            )
        )
        fig.add_annotation(
            x=0,
            y=top + 0.55,
            xref="paper",
            text=f"<b>{heading}</b>",
            showarrow=False,
            xanchor="left",
            font={"size": 14},
        )
    widest = max(len(chart.after) - 2, 1)
    fig.update_xaxes(visible=False, range=[-widest / 2 - 0.3, widest / 2 + 1.2])
    fig.update_yaxes(visible=False, range=[-5.6, 0.8])
    return _layout(fig, gettext("The team before and after the hire"), height=460)
