"""The team's own numbers in the dashboard: growth exports (step 2) and inbox exports (step 3).

Uploads stay in memory for this viewer; a file that cannot be read gets a
message in its step and the data already in use stays. The evidence itself and
everything computed from it live in the core (`socialcase.page`).
"""

from __future__ import annotations

import dataclasses
import html
import logging
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import pandas as pd

from socialcase import charts, imports, inbox, narrative, tables
from socialcase.case import evaluate
from socialcase.engagement import calibrate_to_inbox
from socialcase.formatting import number
from socialcase.i18n import N_, gettext, ngettext
from socialcase.page import (
    GrowthEvidence,
    InboxEvidence,
    evidence_name,
    growth_evidence,
    inbox_evidence,
    measured_inputs,
    measured_week,
    sample_growth_evidence,
    sample_inbox_evidence,
)
from socialcase.scenario import Scenario
from socialcase.ui.parts import FigureSlot, Paragraph, hbox, html_widget, vbox
from socialcase.ui.steps import FigureCards, State, Step
from socialcase.ui.upload import SizedUpload

__all__ = ["GrowthEvidence", "GrowthStep", "InboxEvidence", "InboxPanel", "growth_evidence"]

log = logging.getLogger("socialcase.dashboard")

UPLOAD_TYPES = ".csv,.txt,.xlsx"
IGNORE = "(ignore)"
"""The value of a column's box that leaves the column out (shown as `ignore_label`)."""


def ignore_label() -> str:
    return gettext("(ignore)")


def limit_text() -> str:
    """What an upload takes, in the page's language."""
    return gettext("CSV or .xlsx, up to {size} MB").format(
        size=number(tables.MAX_UPLOAD_BYTES // (1024 * 1024))
    )


def _limit_hint(kind: str) -> widgets.HTML:
    """The upload limit, said before a file is chosen (a larger file is refused in the
    browser, before it is sent: `SizedUpload`)."""
    words = f"{gettext(kind)}: {limit_text()}."
    hint = html_widget(f'<span class="sc-note">{html.escape(words)}</span>')
    hint.add_class("sc-upload-limit")
    return hint


def _mapping_box(
    columns: list[str],
    choices: tuple[str, ...],
    guess: dict[str, str],
    title: str,
    on_apply: Callable[[dict[str, str]], None],
) -> list[widgets.Widget]:
    """Dropdowns saying what each column holds, and a button that applies them."""
    boxes = {}
    for column in columns:
        value = guess.get(column, IGNORE)
        box = widgets.Dropdown(
            options=[(ignore_label(), IGNORE), *((c, c) for c in choices)],
            value=value if value in choices else IGNORE,
            description=column[:30],
        )
        box.add_class("sc-map-column")
        boxes[column] = box
    apply = widgets.Button(description=gettext("Use this mapping"), button_style="primary")
    apply.add_class("sc-map-apply")
    apply.on_click(lambda _: on_apply({c: b.value for c, b in boxes.items() if b.value != IGNORE}))
    return [html_widget(title), *boxes.values(), apply]


def _error(text: str) -> str:
    return f'<span class="sc-error" role="alert">{html.escape(text)}</span>'


def _upload_content(upload: SizedUpload) -> tuple[bytes, str] | None:
    if not upload.value:
        return None
    item = upload.value[0]
    return bytes(item["content"]), str(item["name"])


class GrowthStep(Step):
    """Step 2: a follower / reach / engagement series, where growth stalled, and its cost."""

    def __init__(
        self,
        state: State,
        propose: Callable[[str, Any], str],
        on_evidence: Callable[[GrowthEvidence], None],
    ) -> None:
        super().__init__(
            2,
            N_(
                "A follower, reach or engagement series, from the sample or your "
                "own export: where growth stalled, the growth rate before and "
                "after, and what the gap to the old trend is worth."
            ),
        )
        self._on_evidence = on_evidence
        self.upload = SizedUpload(
            accept=UPLOAD_TYPES,
            description=gettext("Upload export"),
            max_bytes=tables.MAX_UPLOAD_BYTES,
        )
        self.upload.add_class("sc-upload-growth")
        self.upload.observe(self._uploaded, names="value")
        self.metric = widgets.Dropdown(description=gettext("Metric"), options=[])
        self.metric.add_class("sc-in-growth-metric")
        self.metric.observe(self._metric_changed, names="value")
        self.source = html_widget()
        self.source.add_class("sc-growth-source")
        self.mapping = vbox()
        self.mapping.add_class("sc-mapping")
        self._current: GrowthEvidence | None = state.growth
        value_box = self.number_fields(["value_per_follower"], state.case.scenario, propose)
        self.cards = FigureCards(2)
        # Built once: by refresh when there is evidence, here when there is none.
        self.chart = FigureSlot("growth", None if state.growth else self._figure(None))
        self.text = Paragraph("growth")
        self.body.children = [
            hbox([self.upload, self.metric]),
            _limit_hint(N_("Your analytics export")),
            self.source,
            self.mapping,
            value_box,
            self.cards.widget,
            self.chart.container,
            self.text.widget,
        ]
        self._set_metrics(state.growth)
        self.refresh(state)

    @staticmethod
    def _figure(evidence: GrowthEvidence | None) -> Any:
        if evidence is None:
            return charts.growth_chart(pd.Series(dtype=float), "followers")
        trend = evidence.gap.trend if evidence.gap is not None else None
        return charts.growth_chart(evidence.series, evidence.metric, evidence.stall, trend)

    def _set_metrics(self, evidence: GrowthEvidence | None) -> None:
        if evidence is None:
            return
        data = evidence.export.data
        options = [(narrative.metric_name(c), c) for c in data.columns if data[c].notna().any()]
        self.metric.unobserve(self._metric_changed, names="value")
        self.metric.options = options
        self.metric.value = evidence.metric
        self.metric.observe(self._metric_changed, names="value")

    def _uploaded(self, change: dict[str, Any]) -> None:
        content = _upload_content(self.upload)
        if content is None:
            return
        self._read(*content, mapping=None)

    def _read(self, raw: bytes, name: str, mapping: dict[str, str] | None) -> None:
        try:
            export = imports.read_export(raw, name, mapping=mapping)
            evidence = growth_evidence(export)
        except imports.ExportError as error:
            self.show_error(gettext("{error} The data already in use stays.").format(error=error))
            self._offer_mapping(raw, name)
            return
        except Exception:
            log.exception("socialcase: reading %s failed", name)
            self.show_error(
                gettext("{file} could not be read. The data already in use stays.").format(
                    file=name
                )
            )
            return
        self.mapping.children = ()
        self.show_error("")
        self._set_metrics(evidence)
        self._on_evidence(evidence)

    def _offer_mapping(self, raw: bytes, name: str) -> None:
        """Let the person say which column is the date and which are metrics."""
        try:
            columns = list(imports.sniff_columns(raw, name))
        except imports.ExportError:
            self.mapping.children = ()
            return
        if not columns:
            self.mapping.children = ()
            return
        date = widgets.Dropdown(options=columns, description=gettext("Date column"))
        date.add_class("sc-map-date")
        choices = [(ignore_label(), IGNORE), *((m, m) for m in imports.STANDARD_METRICS)]
        metric_boxes = {}
        for column in columns:
            box = widgets.Dropdown(options=choices, value=IGNORE, description=column[:30])
            box.add_class("sc-map-column")
            metric_boxes[column] = box
        apply = widgets.Button(description=gettext("Use this mapping"), button_style="primary")
        apply.add_class("sc-map-apply")

        def use_mapping(_: Any) -> None:
            mapping = {date.value: "date"}
            mapping |= {
                c: b.value for c, b in metric_boxes.items() if b.value != IGNORE and c != date.value
            }
            self._read(raw, name, mapping)

        apply.on_click(use_mapping)
        self.mapping.children = [
            html_widget(
                gettext(
                    "<b>Columns not recognised.</b> Choose the date column and what each "
                    "other column holds:"
                )
            ),
            date,
            *metric_boxes.values(),
            apply,
        ]

    def _metric_changed(self, change: dict[str, Any]) -> None:
        current = self._current
        if current is None or change["new"] is None:
            return
        try:
            evidence = growth_evidence(current.export, change["new"])
        except Exception:
            log.exception("socialcase: growth of %s failed", change["new"])
            self.show_error(
                gettext("The growth of {metric} could not be analysed.").format(
                    metric=change["new"]
                )
            )
            return
        self._on_evidence(evidence)

    def refresh(self, state: State) -> None:
        evidence: GrowthEvidence | None = state.growth
        if evidence is not self._current:  # e.g. the sample, analysed after the page went out
            self._set_metrics(evidence)
        self._current = evidence
        if evidence is None:
            return
        e = evidence.export
        notes = " ".join(e.notes)
        rows = ngettext("{count} row", "{count} rows", len(e.data)).format(
            count=number(len(e.data))
        )
        data = gettext("Data: {file} ({kind}, {frequency}, {rows}).").format(
            file=f"<b>{html.escape(e.file_name)}</b>",
            kind=html.escape(e.recognised_as),
            frequency=html.escape(e.frequency),
            rows=html.escape(rows),
        )
        self.source.value = f'<p class="sc-source">{data} {html.escape(notes)}</p>'
        self.cards.show(state)
        self.text.show(narrative.growth_text(state))
        self.chart.update((id(evidence), state.currency), lambda: self._figure(evidence))


def measured_vs_model(stats: inbox.InboxStats, case: Any) -> tuple[str, str]:
    """A table of the measured week beside the modelled week (`socialcase.page.measured_week`),
    and the sentence when they disagree (`socialcase.narrative.measured_text`)."""
    week = measured_week(stats, case)
    heads = [gettext("a week"), gettext("your inbox (measured)"), gettext("the model")]
    week_head, measured_head, model_head = (html.escape(h) for h in heads)
    pad = 'style="padding:2px 10px 2px 0;vertical-align:top"'
    table = (
        '<table class="sc-measured-model" style="border-collapse:collapse">'
        f"<tr><th {pad}>{week_head}</th><th {pad}>{measured_head}</th>"
        f"<th {pad}>{model_head}</th></tr>"
        + "".join(
            f"<tr><td {pad}>{html.escape(a)}</td><td {pad}>{html.escape(b)}</td>"
            f"<td {pad}>{html.escape(c)}</td></tr>"
            for a, b, c in narrative.measured_rows(week)
        )
        + "</table>"
    )
    return table, narrative.measured_text(week, stats, case)


class InboxPanel:
    """Inside step 3: measure the real inbound load from an inbox export, apply it in one click."""

    def __init__(
        self,
        evidence: InboxEvidence | None,
        apply: Callable[[dict[str, Any], str], str],
        on_evidence: Callable[[InboxEvidence], None],
        propose: Callable[[str, Any], str] | None = None,
    ) -> None:
        self._apply = apply
        self._on_evidence = on_evidence
        # the lead's own choice (credited to the lead), not a measurement
        self._propose = propose or (lambda name, value: apply({name: value}, ""))
        self.upload = SizedUpload(
            accept=UPLOAD_TYPES,
            description=gettext("Upload inbox export"),
            max_bytes=tables.MAX_UPLOAD_BYTES,
        )
        self.upload.add_class("sc-upload-inbox")
        self.upload.observe(self._uploaded, names="value")
        self.use = widgets.Button(description=gettext("Use these numbers"), button_style="primary")
        self.use.add_class("sc-use-inbox")
        self.use.on_click(self._use)
        self.message = html_widget()
        self.message.add_class("sc-inbox-message")
        self.summary = html_widget()
        self.mapping = vbox()
        self.mapping.add_class("sc-inbox-mapping")
        self.comparison = html_widget()
        self.comparison.add_class("sc-inbox-comparison")
        self.calibrate = widgets.Button(
            description=gettext("Calibrate the model to your inbox"),
            layout=widgets.Layout(width="auto", align_self="flex-start", display="none"),
            tooltip=gettext(
                "Set inbound a day and the team's inbox hours so the model's week "
                "without the hire answers in time what your inbox did"
            ),
        )
        self.calibrate.add_class("sc-calibrate-inbox")
        self.calibrate.on_click(self._calibrate)
        self.even = widgets.Button(
            description=gettext("Spread messages evenly over the day again"),
            layout=widgets.Layout(width="auto", align_self="flex-start", display="none"),
            tooltip=gettext(
                "Forget the measured hours of the week; the model spreads each day's "
                "messages evenly over the day"
            ),
        )
        self.even.add_class("sc-even-arrivals")
        self.even.on_click(lambda _: self._propose("inbound_hour_profile", ()))
        self.cards = FigureCards(3, "inbox")
        self._state: State | None = None
        # Built once: by show when there is evidence, here when there is none.
        self.heatmap = FigureSlot(
            "inbox-heatmap", None if evidence else charts.inbox_heatmap([[0] * 24] * 7)
        )
        self.evidence = evidence
        self._case: Any = None
        box = vbox(
            [
                html_widget(
                    "<h3>" + html.escape(gettext("Your inbox: the real inbound load")) + "</h3>"
                ),
                hbox([self.upload, self.use]),
                _limit_hint(N_("One row per inbound message")),
                self.message,
                self.mapping,
                self.summary,
                self.cards.widget,
                self.comparison,
                self.calibrate,
                self.even,
                self.heatmap.container,
            ]
        )
        # The section opens empty and shows its widgets when first opened: fewer views
        # for the browser to draw on the first paint, and the heatmap drawn at full width.
        self._box, self._content = box, vbox()
        self.widget = widgets.Accordion(children=[self._content], selected_index=None)
        self.widget.set_title(0, gettext("Measure from your inbox export"))
        self.widget.observe(self._opened, names="selected_index")
        self.show(evidence)

    def _opened(self, change: dict[str, Any]) -> None:
        if change["new"] is not None and not self._content.children:
            self._content.children = (self._box,)
            self.heatmap.redraw()

    def _uploaded(self, change: dict[str, Any]) -> None:
        content = _upload_content(self.upload)
        if content is None:
            return
        self._read(*content, mapping=None)

    def _read(self, raw: bytes, name: str, mapping: dict[str, str] | None) -> None:
        try:
            evidence = inbox_evidence(raw, name, mapping)
        except imports.ExportError as error:
            self.message.value = _error(
                gettext("{error} The data already in use stays.").format(error=error)
            )
            self._offer_mapping(raw, name, mapping or {})
            return
        except Exception:
            log.exception("socialcase: reading %s failed", name)
            self.message.value = _error(
                gettext("{file} could not be read. The data already in use stays.").format(
                    file=name
                )
            )
            return
        export = evidence.export
        notes = " ".join(export.notes)
        self.message.value = f'<span class="sc-note">{html.escape(notes)}</span>' if notes else ""
        if evidence.stats.share_answered is None:
            self._offer_mapping(raw, name, export.mapping)  # the reply column may be unnamed
        else:
            self.mapping.children = ()
        self.show(evidence)
        self._on_evidence(evidence)

    def _offer_mapping(self, raw: bytes, name: str, guess: dict[str, str]) -> None:
        """Let the person say which column is the received time, the reply time..."""
        try:
            columns = inbox.sniff_inbox_columns(raw, name)
        except imports.ExportError:
            self.mapping.children = ()
            return
        if not columns:
            self.mapping.children = ()
            return

        def use(mapping: dict[str, str]) -> None:
            self._read(raw, name, mapping)

        self.mapping.children = _mapping_box(
            columns,
            inbox.INBOX_FIELDS,
            guess,
            gettext(
                "<b>Which column is which?</b> Choose the received time and, if the export has "
                "them, the first reply (a time, or a duration in seconds, minutes or hours) and "
                "the handle time:"
            ),
            use,
        )

    def _use(self, _: Any) -> None:
        if self.evidence is None:
            return
        changes, note = measured_inputs(self.evidence.stats)
        problem = self._apply(changes, note)
        tone = "sc-error" if problem else "sc-note"
        self.message.value = f'<span class="{tone}">{html.escape(problem or note)}</span>'

    def _calibrate(self, _: Any) -> None:
        if self.evidence is None or self._case is None:
            return
        result = calibrate_to_inbox(
            self.evidence.stats, self._case.scenario, self.evidence.file_name
        )
        problem = self._apply(result.changes, result.sentence) if result.possible else ""
        tone = "sc-error" if problem or not result.possible else "sc-note"
        self.message.value = (
            f'<span class="{tone} sc-calibration">{html.escape(problem or result.sentence)}</span>'
        )

    def refresh(self, state: State) -> None:
        """Show the measured week beside the model's week for the case in use."""
        self._case = state.case
        self.even.layout.display = "" if state.case.scenario.inbound_hour_profile else "none"
        self._state = state
        self._show_figures()
        self._compare()

    def _show_figures(self) -> None:
        """The export's figures; they read the export only, so a panel shown on its own
        (before any case) draws them against the sample case."""
        if self.evidence is None:
            return
        state = self._state if self._state is not None else State(evaluate(Scenario()))
        self.cards.show(dataclasses.replace(state, inbox=self.evidence))

    def _compare(self) -> None:
        if self.evidence is None or self._case is None:
            self.comparison.value = ""
            self.calibrate.layout.display = "none"
            return
        table, sentence = measured_vs_model(self.evidence.stats, self._case)
        why = f'<p class="sc-note sc-inbox-why">{html.escape(sentence)}</p>' if sentence else ""
        self.comparison.value = table + why
        self.calibrate.layout.display = "" if sentence else "none"

    def show(self, evidence: InboxEvidence | None) -> None:
        self.evidence = evidence
        if evidence is None:
            return
        st = evidence.stats
        messages = ngettext("{count} message", "{count} messages", st.messages_total).format(
            count=number(st.messages_total)
        )
        days = ngettext("{count} day", "{count} days", st.days_covered).format(
            count=number(st.days_covered)
        )
        data = gettext("Data: {file}, {messages} over {days}.").format(
            file=f"<b>{html.escape(evidence_name(evidence.file_name))}</b>",
            messages=html.escape(messages),
            days=html.escape(days),
        )
        self.summary.value = f'<p class="sc-source">{data}</p>'
        self._show_figures()
        self.heatmap.show(charts.inbox_heatmap(st.hour_of_week))
        self._compare()


__all__ += [
    "inbox_evidence",
    "measured_vs_model",
    "sample_growth_evidence",
    "sample_inbox_evidence",
]
