"""The dashboard: one scenario flowing through every step of the case.

`Dashboard` holds the current (always valid) scenario. An input proposes a
change; the scenario refuses it with a message, or every step redraws from
the new results. Errors in callbacks become a friendly message, never a
traceback; the details go to the server's log.
"""

from __future__ import annotations

import asyncio
import dataclasses
import html
import logging
import os
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from socialcase import share
from socialcase.case import evaluate
from socialcase.errors import InputError
from socialcase.linkwidget import LinkBar
from socialcase.scenario import Scenario, preset_changes
from socialcase.ui.evidence import (
    GrowthEvidence,
    GrowthStep,
    InboxEvidence,
    InboxPanel,
    sample_growth_evidence,
    sample_inbox_evidence,
)
from socialcase.ui.fields import FieldInput, NumberField
from socialcase.ui.parts import VERDICT_SLOT_MIME, StaticCopy, static_html
from socialcase.ui.sharing import SharingPanel
from socialcase.ui.steps import (
    STEP_TITLES,
    BottomLineStep,
    CollaborationStep,
    DreamTeamStep,
    EngagementStep,
    MakeTheCaseStep,
    QuestionsStep,
    RiskStep,
    State,
    Step,
    TeamStep,
    VerdictStep,
    VisionStep,
)
from socialcase.uncertainty import simulate, tornado

__all__ = ["Dashboard"]

log = logging.getLogger("socialcase.dashboard")

FRIENDLY = (
    "Something went wrong while updating the case. Your inputs are kept and the last "
    "good results stay on screen; try the change again or reload the page."
)


def _kernel_for_one_request() -> bool:
    """A Voila kernel started for a request (cold, or Binder's /voila/render), not preheated."""
    return os.environ.get("VOILA_PREHEAT") == "False"


class VerdictPanel(widgets.VBox):
    """The verdict's panel; its output also marks where the plain copy of the verdict goes."""

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is not None:
            bundle[VERDICT_SLOT_MIME] = ""
        return bundle


def _friendly(where: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Catch any exception in a callback: log it, show a plain message instead."""

    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        def guarded(self: Dashboard, *args: Any, **kwargs: Any) -> Any:
            try:
                return function(self, *args, **kwargs)
            except Exception:
                log.exception("socialcase: %s failed", where)
                self.show_status(FRIENDLY, error=True)
                return FRIENDLY

        guarded.__name__ = function.__name__
        guarded.__doc__ = function.__doc__
        return guarded

    return wrap


class Dashboard:
    """Every step of the case as widgets, driven by one scenario.

    ``Dashboard().step(n)`` is the panel of step `n`; `propose` is what every
    input calls, and returns the message that explains a refusal (tests in
    ``tests/test_ui.py`` drive it the way a person does).
    """

    def __init__(
        self,
        scenario: Scenario | None = None,
        *,
        draws: int = 20_000,
        seed: int = 0,
        growth: GrowthEvidence | None = None,
        inbox: InboxEvidence | None = None,
    ) -> None:
        self.draws, self.seed = draws, seed
        self.scenario = scenario or Scenario()
        # A kernel started for one request analyses the built-in sample series (change-point
        # detection pulls in scipy: the largest part of its start) after the page has gone
        # out, while the browser loads; see `verdict_first`. Everywhere else: now.
        self._sample_pending = growth is None and _kernel_for_one_request()
        if growth is None and not self._sample_pending:
            growth = sample_growth_evidence()
        self.growth = growth
        self.inbox = inbox if inbox is not None else sample_inbox_evidence()
        self.status = widgets.HTML()
        self.status.add_class("sc-status")
        state = self._state()
        self.state = state
        self.link = LinkBar(self.scenario)
        self.link.add_class("sc-link")
        self.restore = widgets.Button(
            description="Restore the case you last worked on",
            layout=widgets.Layout(width="auto", display="none"),
        )
        self.restore.add_class("sc-restore")
        self.restore.on_click(self._restore)
        self.link.observe(self._offer_restore, names="stored_query")
        inbox_panel = InboxPanel(self.inbox, self.apply_changes, self._inbox_loaded)
        self.steps: dict[int, Step] = {
            0: VerdictStep(state),
            1: TeamStep(state, self.propose),
            2: GrowthStep(state, self.propose, self._growth_loaded),
            3: EngagementStep(state, self.propose, inbox_panel.widget),
            4: CollaborationStep(state, self.propose),
            5: QuestionsStep(state, self.propose),
            6: VisionStep(state, self.propose),
            7: RiskStep(state, self.propose),
            8: BottomLineStep(state, self.propose, self.propose_range),
            9: DreamTeamStep(state, self.propose),
            10: MakeTheCaseStep(self._sharing().widget),
        }
        self.inbox_panel = inbox_panel
        for step in self.steps.values():
            step.current = lambda: self.scenario
        self.verdict = VerdictPanel([self.status, self.restore, self.steps[0].widget])

    @property
    def fields(self) -> dict[str, FieldInput]:
        """Every input box built so far (closed sections build theirs when opened)."""
        built: dict[str, FieldInput] = {}
        for step in self.steps.values():
            built |= step.fields
        return built

    # -- what the notebook displays ---------------------------------------------------------

    def step(self, number: int) -> widgets.Widget:
        """The panel of one step of the case (0 is the verdict)."""
        if number == 0:
            return self.verdict
        return self.steps[number].widget

    def verdict_first(self) -> StaticCopy:
        """The verdict on screen as plain HTML, for the page before its widgets have loaded.

        The workbook shows it last, once the link's scenario is applied; in Voila the
        project's template moves it into the verdict's place, where the live widgets
        replace it when they arrive. Every value in it was escaped when it was shown.
        In a kernel started for one request, the sample series is analysed next, once
        this cell has finished (the page has gone out by then).
        """
        copy = StaticCopy(f'<div class="sc-verdict-first">{static_html(self.verdict)}</div>')
        self._analyse_sample_when_idle()
        return copy

    def _analyse_sample_when_idle(self) -> None:
        """Analyse a pending sample series once the current cell has finished.

        The kernel's loop runs it before it reads the browser's first widget message, so
        the page never shows step 2 without it.
        """
        if not self._sample_pending:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not in a kernel's loop: now
            self._analyse_sample()
            return
        loop.call_soon(self._analyse_sample)

    @_friendly("analysing the sample growth series")
    def _analyse_sample(self) -> None:
        if not self._sample_pending:
            return
        self._sample_pending = False
        self.growth = sample_growth_evidence()
        self.state = dataclasses.replace(self.state, growth=self.growth)
        self._refresh_steps(self.state)

    def page(self) -> widgets.VBox:
        """All steps on one page with their headings, for use outside the workbook."""
        self._analyse_sample_when_idle()
        parts: list[widgets.Widget] = []
        for number in sorted(self.steps):
            intro = html.escape(self.steps[number].intro)
            parts.append(
                widgets.HTML(f"<h2>{number}. {html.escape(STEP_TITLES[number])}</h2><p>{intro}</p>")
            )
            parts.append(self.step(number))
        return widgets.VBox(parts)

    # -- changes ------------------------------------------------------------------------------

    def _state(self) -> State:
        case = evaluate(self.scenario)
        return State(
            case,
            simulate(self.scenario, self.draws, self.seed),
            tornado(self.scenario),
            self.growth,
            self.inbox,
        )

    def show_status(self, text: str, *, error: bool = False) -> None:
        tone = "sc-error" if error else "sc-note"
        self.status.value = (
            f'<div class="{tone}" role="status">{html.escape(text)}</div>' if text else ""
        )

    @_friendly("a change of input")
    def propose(self, name: str, value: Any) -> str:
        """Try one input; '' when accepted, else the message that explains the refusal."""
        changes = {name: value}
        if name == "country":
            changes = preset_changes(self.scenario, value)
        try:
            scenario = self.scenario.evolve(**changes)
        except InputError as error:
            return f"{error}"
        self._set(scenario, sync=name == "country")
        return ""

    @_friendly("a change of range")
    def propose_range(self, name: str, low: float, high: float) -> str:
        try:
            scenario = self.scenario.with_range(name, low, high)
        except InputError as error:
            return f"{error}"
        self._set(scenario)
        return ""

    @_friendly("applying measured numbers")
    def apply_changes(self, changes: dict[str, Any], note: str = "") -> str:
        """Apply several inputs at once (e.g. measured from an export)."""
        try:
            scenario = self.scenario.evolve(**changes)
        except InputError as error:
            return f"{error}"
        self._set(scenario, sync=True)
        if note:
            self.show_status(note)
        return ""

    @_friendly("reading the link")
    def apply_link(self, query_string: str) -> share.LinkResult:
        """Open the case a shared link describes; say plainly what was ignored."""
        result = share.from_query(query_string or "")
        if result.scenario != self.scenario:
            self._set(result.scenario, sync=True)
        if result.ignored:
            self.show_status(
                "Parts of the link were ignored: " + " ".join(result.ignored), error=True
            )
        return result

    def _set(self, scenario: Scenario, *, sync: bool = False) -> None:
        self.scenario = scenario
        self._redraw()
        if sync:
            self._sync_fields()

    def _redraw(self) -> None:
        """Two passes: the figures that need only the case go out first (a few ms), then
        the Monte Carlo and what depends on it; charts rebuild only when their data changed.
        """
        case = evaluate(self.scenario)
        self._refresh_steps(State(case, None, (), self.growth, self.inbox))
        self.link.show(self.scenario)
        self.state = State(
            case,
            simulate(self.scenario, self.draws, self.seed),
            tornado(self.scenario),
            self.growth,
            self.inbox,
        )
        self._refresh_steps(self.state)
        self.sharing.refresh()

    def _refresh_steps(self, state: State) -> None:
        for number, step in self.steps.items():
            try:
                step.refresh(state)
                step.show_error("")
            except Exception:
                log.exception("socialcase: redrawing step %s failed", number)
                step.show_error(FRIENDLY)

    def _sync_fields(self) -> None:
        """Show the scenario's values in every box (after a link, a file or a preset)."""
        values = self.scenario.values()
        for name, field in self.fields.items():
            field.set_value(values[name])
            if isinstance(field, NumberField):
                field.set_country(self.scenario.country)
        ranges = self.steps[8].ranges  # type: ignore[attr-defined]
        for name, pair in self.scenario.ranges:
            if name in ranges:
                ranges[name].set_value(pair)

    def _offer_restore(self, change: dict[str, Any]) -> None:
        """This browser kept a case from last time and the page opened without one."""
        stored = self.link.stored_scenario()
        shown = stored is not None and stored != self.scenario
        self.restore.layout.display = "" if shown else "none"

    @_friendly("restoring the last case")
    def _restore(self, _: Any) -> None:
        stored = self.link.stored_scenario()
        self.restore.layout.display = "none"
        if stored is not None:
            self._set(stored, sync=True)
            self.show_status("Restored the case you last worked on in this browser.")

    @_friendly("showing new growth data")
    def _growth_loaded(self, evidence: GrowthEvidence) -> None:
        self.growth = evidence
        self._redraw()

    def _inbox_loaded(self, evidence: InboxEvidence) -> None:
        self.inbox = evidence
        self.show_status(
            f"Read {evidence.file_name}: press 'Use these numbers' in step 3 to "
            "replace the industry defaults with your measured volume."
        )

    # -- sharing: link, scenario files, report -----------------------------------------------

    def _sharing(self) -> SharingPanel:
        self.sharing = SharingPanel(
            self.link, lambda: self.scenario, self._open_scenario, self.report
        )
        return self.sharing

    @_friendly("opening a scenario")
    def _open_scenario(self, scenario: Scenario) -> None:
        self._set(scenario, sync=True)

    def report(self) -> str:
        """The leadership report of the case on screen (self-contained HTML)."""
        from socialcase.report import report_html

        return report_html(
            self.scenario, growth=self.growth, inbox=self.inbox, draws=self.draws, seed=self.seed
        )
