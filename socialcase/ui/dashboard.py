"""The dashboard: one scenario flowing through every step of the case.

`Dashboard` holds the current (always valid) scenario. An input proposes a
change; the scenario refuses it with a message, or every step redraws from
the new results. Errors in callbacks become a friendly message, never a
traceback; the details go to the server's log.
"""

from __future__ import annotations

import dataclasses
import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from socialcase import files, share
from socialcase.case import evaluate
from socialcase.errors import InputError
from socialcase.formatting import number as count_text
from socialcase.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    current_language,
    gettext,
    language_for,
    ngettext,
    normalise_language,
    set_language,
    use_language,
)
from socialcase.inputs import format_value
from socialcase.page import (
    GrowthEvidence,
    InboxEvidence,
    evidence_name,
    growth_from_carried,
    inbox_from_carried,
    sample_growth_evidence,
    sample_inbox_evidence,
)
from socialcase.provenance import (
    Origin,
    Provenance,
    describe,
    describe_range,
    out_of_range,
    switch_country,
    widen_ranges,
)
from socialcase.scenario import Scenario
from socialcase.ui.fields import FieldInput, NumberField
from socialcase.ui.linkwidget import LinkBar
from socialcase.ui.pagebar import PageBar, bar_figures, bar_labels, legend_html, nav_html
from socialcase.ui.parts import (
    VERDICT_SLOT_MIME,
    StaticCopy,
    close_tree,
    html_widget,
    reachable,
    static_html,
    vbox,
)
from socialcase.ui.request import kernel_for_one_request, voila_kernel
from socialcase.ui.steps import (
    STEP_TITLES,
    BottomLineStep,
    CollaborationStep,
    DreamTeamStep,
    EngagementStep,
    Later,
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

if TYPE_CHECKING:
    from socialcase.ui.sharing import SharingPanel

__all__ = ["Dashboard"]

log = logging.getLogger("socialcase.dashboard")

FRIENDLY = N_(
    "Something went wrong while updating the case. Your inputs are kept and the last "
    "good results stay on screen; try the change again or reload the page."
)
"""Shown in the page's language (``gettext(FRIENDLY)``)."""


def sample_note() -> str:
    """The notice over the sample case, in the page's language."""
    return (
        '<div class="sc-sample-notice">'
        + gettext(
            "<b>These are the figures of a sample case</b>: a mid-sized brand's social team, "
            "invented for the demo, with published benchmarks where there are any (each input "
            "says where its value comes from). Make it yours: type your team's figures, upload "
            "your growth export (step 2) or inbox export (step 3), or open a saved scenario "
            "(step 10)."
        )
        + "</div>"
    )


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
                self.show_status(gettext(FRIENDLY), error=True)
                return gettext(FRIENDLY)

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
        lang: str | None = None,
    ) -> None:
        self.draws, self.seed = draws, seed
        self.scenario = scenario or Scenario()
        # The lead's own evidence travels in the link and the file; the samples do not.
        self.own_growth, self.own_inbox = growth is not None, inbox is not None
        # In a kernel Voila started, the browser builds every widget that exists when the
        # page connects before it shows any, so only the verdict and the page's frame are
        # built before the page goes out; steps 1 to 10 are built once the page says its
        # widgets are up (`_page_shown`), while the live verdict is on screen. A preheated
        # kernel builds the sample's verdict ahead of the request; a kernel started for one
        # request (cold, Binder) leaves the case's simulation to `verdict_first` and the sample
        # evidence (change-point detection pulls in scipy; the inbox pandas) to the rest.
        # Anything that reads `steps` first builds them at once. Elsewhere (JupyterLab,
        # scripts) everything is built now.
        self._rest_pending = voila_kernel()
        cold = kernel_for_one_request()
        self._sample_pending = growth is None and cold
        self._inbox_pending = inbox is None and cold
        if growth is None and not self._sample_pending:
            growth = sample_growth_evidence()
        self.growth = growth
        self.inbox = inbox if inbox is not None or self._inbox_pending else sample_inbox_evidence()
        self.provenance = Provenance()  # where each input's value comes from
        # The page's language: the one picked (picker, link, file), else the preset's.
        self.chosen_lang = normalise_language(lang) if lang else None
        self.lang = set_language(language_for(self.scenario.country, self.chosen_lang))
        self._switch_note = False  # the country box shows what the last switch changed
        self._later = Later()  # the passes of an update after its headline cards
        self.status = html_widget()
        self.status.add_class("sc-status")
        # The page model; in a kernel for one request, none until `verdict_first`.
        self.state: State | None = None if cold else self._state()
        self._steps: dict[int, Step] = {}
        self.link = LinkBar()
        self.link.add_class("sc-link")
        self.restore = widgets.Button(layout=widgets.Layout(width="auto", display="none"))
        self.restore.add_class("sc-restore")
        self.restore.on_click(self._restore)
        self.link.observe(self._offer_restore, names="stored_query")
        self.picker = widgets.ToggleButtons(
            options=[(LANGUAGE_NAMES[code], code) for code in LANGUAGES], value=self.lang
        )
        self.picker.add_class("sc-language")
        self.picker.observe(self._picked, names="value")
        self.pagebar = PageBar()
        self.pagebar.add_class("sc-pagebar")
        self.pagebar.on_shown(self._page_shown)
        self.notice = widgets.HTML()
        self.notice.add_class("sc-sample")
        self.nav = html_widget()
        self.legend = html_widget()
        # Each step's panel sits in a frame that stays on the page: a change of language
        # builds the steps anew in the frames the notebook's cells already display.
        self.frames = {n: vbox() for n in range(1, 11)}
        for frame in self.frames.values():
            frame.add_class("sc-step-frame")
        self.verdict = VerdictPanel()
        self.verdict.add_class("sc-verdict-panel")
        if not self._rest_pending:
            self._build()
        elif self.state is not None:  # a preheated kernel: the sample's verdict
            self._build_verdict()

    @property
    def steps(self) -> dict[int, Step]:
        """Every step's panel (0 is the verdict); in a kernel for one request whose page
        has not gone out yet, reading it builds them (`_build_pending`)."""
        if self._rest_pending:
            self._build_pending()
        return self._steps

    def _build(self) -> None:
        """Every step's widgets, in the page's language, from the case and evidence on screen."""
        self._build_verdict()
        self._build_rest()

    def _build_verdict(self) -> None:
        """The verdict's panel and the page's frame (bar, index, legend), from `state`."""
        state = self.state
        assert state is not None
        verdict = VerdictStep(state)
        verdict.current = lambda: self.scenario
        verdict.origin_of = self.origin_of
        self._steps = {0: verdict}
        titles = {n: gettext(STEP_TITLES[n]) for n in sorted(STEP_TITLES)}
        self.pagebar.steps = [[n, t] for n, t in titles.items()]
        self.pagebar.labels = bar_labels()
        self.pagebar.lang = current_language()  # the workbook's text in Voila follows it
        self.pagebar.figures = [list(f) for f in bar_figures()]
        self.nav.value = nav_html(titles)
        self.legend.value = legend_html()
        self.restore.description = gettext("Restore the case you last worked on")
        self.link.speak()
        self.picker.description = gettext("Language")
        self._show_case_name()
        self.verdict.children = [
            self.pagebar,
            self.picker,
            self.notice,
            self.nav,
            self.status,
            self.restore,
            self.legend,
            verdict.widget,
        ]

    def _build_rest(self) -> None:
        """Steps 1 to 10 in their frames, the link and the sharing panel, from `state`."""
        from socialcase.ui.evidence import GrowthStep, InboxPanel

        state = self.state
        assert state is not None
        inbox_panel = InboxPanel(
            self.inbox, self.apply_changes, self._inbox_loaded, propose=self.propose
        )
        rest: dict[int, Step] = {
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
        inbox_panel.refresh(state)
        for step in rest.values():
            step.current = lambda: self.scenario
            step.origin_of = self.origin_of
        self._steps = {0: self._steps[0], **rest}
        self._show_origins()
        for number, frame in self.frames.items():
            frame.children = [rest[number].widget]
        self.link.show(self.scenario, self.provenance, *self._carried(), lang=self._link_lang())
        self.sharing.refresh()

    def _build_pending(self) -> None:
        """In a Voila kernel: what was left for after the page's widgets are up, now.

        The sample evidence first (analysed and measured once), then every step not yet
        built, from the case on screen; the verdict, when already built, is kept (its
        figures are those of this case and this simulation).
        """
        if not self._rest_pending:
            return
        self._rest_pending = False
        set_language(self.lang)  # the page's language, whatever ran in between
        if self._sample_pending:
            self._sample_pending = False
            self.growth = sample_growth_evidence()
        if self._inbox_pending:
            self._inbox_pending = False
            self.inbox = sample_inbox_evidence()
        if self.state is None:  # nothing built yet
            self.state = self._state()
            self._build()
            return
        if not self.state.swings:  # the verdict's state, without the tornado and evidence
            self.state = dataclasses.replace(
                self.state, swings=tornado(self.scenario), growth=self.growth, inbox=self.inbox
            )
        self._build_rest()

    # -- the page's language ------------------------------------------------------------------

    def _link_lang(self) -> str | None:
        """The language the link and the file carry: the one picked, or Norwegian when the
        preset brought it; None for an English page nobody chose (links as before)."""
        if self.chosen_lang is not None:
            return self.chosen_lang
        return self.lang if self.lang != DEFAULT_LANGUAGE else None

    def _language_after(self, scenario: Scenario, chosen: str | None) -> str:
        """The page's language once `scenario` (and a language someone chose) is open."""
        if chosen:
            self.chosen_lang = normalise_language(chosen)
        return language_for(scenario.country, self.chosen_lang)

    @_friendly("a change of language")
    def _picked(self, change: dict[str, Any]) -> None:
        """The picker: from now on the page speaks the language picked, whatever the preset."""
        if self._quiet_picker:
            return
        self.choose_language(change["new"])

    def choose_language(self, language: str) -> None:
        """Someone picked `language`: the page speaks it from now on, whatever the preset."""
        self.chosen_lang = normalise_language(language)
        self.show_status("")
        self.speak(self.chosen_lang)
        self._share_evidence()  # the link and the file carry the language picked

    _quiet_picker = False

    def speak(self, language: str, scenario: Scenario | None = None) -> None:
        """Show every text of the page in `language`; the case, the evidence, every open
        section and every text typed into a box stay as they are. With `scenario` (a
        preset, a link or a file that brings its language), the page shows that case,
        its values in every box."""
        language = normalise_language(language)
        if language == self.lang and scenario is None:
            return
        self._build_pending()  # the steps on screen, to rebuild in the new language
        typed = self._typed_texts() if scenario is None else {}
        if scenario is not None:
            self.scenario = scenario
            self.state = self._state()
        opened = {n: _sections_open(step.widget) for n, step in self.steps.items()}
        self._switch_note = False
        self._show_language(language)
        replaced = self._built_widgets()
        self._build()
        self._close_replaced(replaced)
        for number, indices in opened.items():
            _open_sections(self.steps[number].widget, indices)
        self._retype(typed)

    def _built_widgets(self) -> list[widgets.Widget]:
        """The widgets of every step and panel built now: the trees on the page, and what
        they hold aside (a closed section's boxes, the other countries' employer costs)."""
        built: list[widgets.Widget] = []
        holders: list[Any] = [*self._steps.values()]
        holders += [getattr(self, "inbox_panel", None), getattr(self, "sharing", None)]
        for holder in holders:
            if holder is None:
                continue
            for value in vars(holder).values():
                held = value.values() if isinstance(value, dict) else (value,)
                for item in held:
                    item = getattr(item, "widget", item)  # a field, a paragraph, a panel
                    if isinstance(item, widgets.Widget):
                        built.append(item)
        return built

    def _close_replaced(self, replaced: list[widgets.Widget]) -> None:
        """Close the widgets a rebuild replaced: the browser no longer builds them. Whatever
        the new page shows (the frames, the verdict's panel, the link, the bar...) stays."""
        keep = reachable(self.verdict, *self.frames.values(), *self._kept())
        close_tree(replaced, keep)

    def _kept(self) -> tuple[widgets.Widget, ...]:
        """The widgets every build reuses (shown in the new page, or waiting to be)."""
        return (
            self.link,
            self.pagebar,
            self.picker,
            self.status,
            self.restore,
            self.notice,
            self.nav,
            self.legend,
        )

    def _typed_texts(self) -> dict[str, Any]:
        """What the boxes hold that is not the value in use: a refused or pending text."""
        values = self.scenario.values()
        typed: dict[str, Any] = {}
        for name, field in self.fields.items():
            box = getattr(field, "box", None)
            if box is None:
                continue
            if isinstance(field, NumberField):
                if box.value != format_value(field._in_use, field.spec, locale=self.lang):
                    typed[name] = box.value
            elif box.value != values[name]:
                typed[name] = box.value
        ranges = getattr(self.steps[8], "ranges", {})
        for name, pair in ranges.items():
            shown = tuple(format_value(v, pair.spec, locale=self.lang) for v in pair._in_use)
            if (pair.low.value, pair.high.value) != shown:
                typed[f"{name} range"] = (pair.low.value, pair.high.value)
        return typed

    def _retype(self, typed: dict[str, Any]) -> None:
        """Put typed texts back in the new boxes; each is read again, in the new language."""
        fields = self.fields
        ranges = getattr(self.steps[8], "ranges", {})
        for key, text in typed.items():
            if key.endswith(" range") and key.removesuffix(" range") in ranges:
                pair = ranges[key.removesuffix(" range")]
                pair.low.value, pair.high.value = text
            elif key in fields and hasattr(fields[key], "box"):
                fields[key].box.value = text  # type: ignore[attr-defined]

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
        return self.frames[number]

    def verdict_first(self) -> StaticCopy:
        """The verdict on screen as plain HTML, for the page before its widgets have loaded.

        The workbook shows it last, once the link's scenario is applied; in Voila the
        project's template moves it into the verdict's place, where the live widgets
        replace it when they arrive. Every value in it was escaped when it was shown.
        In a Voila kernel only the verdict is built before the page goes out (here, for
        the link's case, when the link changed what a preheated kernel had built); the
        other steps are built once the page's widgets are up (`_page_shown`).
        """
        if self._rest_pending and self.state is None:
            replaced = self._built_widgets()  # a preheated kernel's verdict of the sample
            case = evaluate(self.scenario)  # the tornado and the evidence wait for the page
            self.state = State(case, simulate(self.scenario, self.draws, self.seed))
            self._build_verdict()
            self._close_replaced(replaced)
        self._later.flush()  # the verdict's sentence of the link's case, not the sample's
        return StaticCopy(f'<div class="sc-verdict-first">{static_html(self.verdict)}</div>')

    @_friendly("building the steps of the case")
    def _page_shown(self) -> None:
        """The page bar's first view is up, so the browser has built every widget the page
        had when it connected: build steps 1 to 10 now (`_build_pending`).

        Not before: the browser builds every widget that exists when the page connects
        before it shows any, the live verdict too. Nor while it builds them: a new widget
        that refers to one it has not built yet is lost ("widget model not found").
        """
        self._build_pending()

    def page(self) -> widgets.VBox:
        """All steps on one page with their headings, for use outside the workbook."""
        parts: list[widgets.Widget] = []
        for number in sorted(self.steps):
            intro = html.escape(self.steps[number].intro)
            title = html.escape(gettext(STEP_TITLES[number]))
            parts.append(html_widget(f"<h2>{number}. {title}</h2><p>{intro}</p>"))
            parts.append(self.step(number))
        return vbox(parts)

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
        if name == "country":
            return self._switch_country(value)
        try:
            scenario = self.scenario.evolve(**{name: value})
        except InputError as error:
            return f"{error}"
        self._accept(scenario, Origin("typed"), gettext("your figure"))
        return ""

    def _switch_country(self, country: Any) -> str:
        """A new preset: defaults follow it, set amounts are converted, a note says what changed."""
        language = language_for(str(country), self.chosen_lang)
        try:
            with use_language(language):  # the note in the language the page will speak
                switch = switch_country(self.scenario, self.provenance, country)
        except InputError as error:
            return f"{error}"
        self.provenance = switch.provenance.set(["country"], Origin("typed"))
        if language != self.lang:  # the preset brings its language (nobody picked one)
            self.speak(language, switch.scenario)
        else:
            self._set(switch.scenario, sync=True)
        self.fields["country"].set_origin(switch.note, "note")
        self._switch_note = True
        self.show_status(" ".join(switch.note.splitlines()))
        return ""

    @_friendly("a change of range")
    def propose_range(self, name: str, low: float, high: float) -> str:
        try:
            scenario = self.scenario.with_range(name, low, high)
        except InputError as error:
            return f"{error}"
        self._accept(scenario, Origin("typed"), gettext("your figure"))
        return ""

    @_friendly("applying measured numbers")
    def apply_changes(self, changes: dict[str, Any], note: str = "") -> str:
        """Apply several inputs at once, measured from the inbox export on screen."""
        try:
            scenario = self.scenario.evolve(**changes)
        except InputError as error:
            return f"{error}"
        stats = getattr(self.inbox, "stats", None)
        file_name = getattr(self.inbox, "file_name", None)
        file_name = evidence_name(file_name) if file_name else gettext("an export")
        where = (
            ngettext("{file}, {days} day", "{file}, {days} days", stats.days_covered).format(
                file=file_name, days=stats.days_covered
            )
            if stats is not None
            else file_name
        )
        self._accept(scenario, Origin("measured", where), gettext("the measured value"), sync=True)
        if note:
            self.show_status(note)
        return ""

    def _accept(self, scenario: Scenario, origin: Origin, what: str, *, sync: bool = False) -> None:
        """Take a change from `origin`; a range that no longer holds its value is widened."""
        widened = out_of_range(scenario)
        provenance = self.provenance.after(self.scenario, scenario, origin)
        if widened:
            scenario = widen_ranges(scenario)
            provenance = provenance.set([f"{n} range" for n in widened], Origin("widened", what))
        self.provenance = provenance
        self._set(scenario, sync=sync or bool(widened))

    @_friendly("reading the link")
    def apply_link(self, query_string: str) -> share.LinkResult:
        """Open the case a shared link describes; say plainly what was ignored or missing."""
        result = share.from_query(query_string or "")
        carries = result.growth or result.inbox or result.provenance.origins
        speaks = self._language_after(result.scenario, result.lang) != self.lang
        if result.scenario != self.scenario or carries or speaks:
            self._open_result(result, "the link")
        if result.ignored:
            self.show_status(
                gettext("Parts of the link were ignored:")
                + " "
                + " ".join((*result.notes, *result.ignored)),
                error=True,
            )
        elif result.notes:
            self.show_status(" ".join(result.notes))
        return result

    def _open_result(self, result: share.Applied, via: str) -> None:
        """Show a case from a link or a file: its values, their origins, the evidence it carried."""
        if self._rest_pending:  # only the verdict is built, if anything: `verdict_first`
            self._take_result(result, via)  # builds it for this case, the page the rest
            self.state = None
            return
        if result.growth is not None:
            self.growth, self.own_growth = growth_from_carried(result.growth, via), True
            self._sample_pending = False  # the lead's series replaces the sample's
            set_metrics = getattr(self.steps[2], "_set_metrics", None)
            if set_metrics is not None:
                set_metrics(self.growth)
        if result.inbox is not None:
            self.inbox, self.own_inbox = inbox_from_carried(result.inbox), True
            self.inbox_panel.show(self.inbox)
        self.provenance = result.provenance
        language = self._language_after(result.scenario, getattr(result, "lang", None))
        if language != self.lang:  # build the page anew in its language, on the new case
            self.speak(language, result.scenario)
        else:
            self._set(result.scenario, sync=True)

    def _take_result(self, result: share.Applied, via: str) -> None:
        """`_open_result` before anything is built: the case, its origins, its evidence and
        its language, for `verdict_first` and `_build_pending` to build from."""
        if result.growth is not None:
            self.growth, self.own_growth = growth_from_carried(result.growth, via), True
            self._sample_pending = False  # the lead's series replaces the sample's
        if result.inbox is not None:
            self.inbox, self.own_inbox = inbox_from_carried(result.inbox), True
            self._inbox_pending = False
        self.provenance = result.provenance
        language = self._language_after(result.scenario, getattr(result, "lang", None))
        self.scenario = result.scenario
        if language != self.lang:
            self._show_language(language)

    def _show_language(self, language: str) -> None:
        """Speak `language` from now on, and show it in the picker (without its callback)."""
        self.lang = set_language(language)
        self._quiet_picker = True
        try:
            self.picker.value = language
        finally:
            self._quiet_picker = False

    def _set(self, scenario: Scenario, *, sync: bool = False) -> None:
        first = self._steps_of_changes(self.scenario, scenario)
        self.scenario = scenario
        self._redraw(first)
        self._show_case_name()
        if sync:
            self._sync_fields()
        self._show_origins()

    def _steps_of_changes(self, old: Scenario, new: Scenario) -> list[int]:
        """The steps holding the inputs that differ between `old` and `new`, in page order."""
        changed = {name.removesuffix(" range") for name in new.changed_from(old)}
        ranges = getattr(self.steps[8], "ranges", {})
        return [
            number
            for number, step in sorted(self.steps.items())
            if changed & (step.fields.keys() | (ranges.keys() if number == 8 else set()))
        ]

    def _show_case_name(self) -> None:
        """The tab's title and the verdict bar name the case; the sample says so, once."""
        sample = sample_note() if self.scenario == Scenario() else ""
        s = self.scenario
        size = int(s.team_size)
        name = (
            gettext("sample case: a mid-sized brand's social team")
            if sample
            else ngettext(
                "a team of {count} person ({country}, {currency})",
                "a team of {count} people ({country}, {currency})",
                size,
            ).format(count=count_text(size), country=s.country, currency=s.currency)
        )
        with self.pagebar.hold_sync():  # one message for both
            self.pagebar.case_name = name[0].upper() + name[1:]
            self.pagebar.title = f"socialcase \u2014 {name}"
        self.notice.value = sample
        self.notice.layout.display = "" if sample else "none"

    def origin_of(self, name: str) -> tuple[str, str]:
        """Where `name`'s value comes from, in words, and the kind of origin."""
        origin = self.provenance.origin(self.scenario, name)
        return describe(self.scenario, name, origin), origin.kind

    def _show_origins(self) -> None:
        """Beside every input built so far: where its value comes from."""
        for name, field in self.fields.items():
            if name == "country" and self._switch_note:
                continue  # the note of what the last switch changed stays beside it
            field.currency = self.scenario.currency
            field.set_origin(*self.origin_of(name))
        ranges = getattr(self.steps[8], "ranges", {})
        for name, field in ranges.items():
            origin = self.provenance.range_origin(self.scenario, name)
            field.set_origin(describe_range(self.scenario, name, origin), origin.kind)

    def _redraw(self, first: Sequence[int] = ()) -> None:
        """Three passes, the headline first. Every step's headline cards from the case alone
        (a few ms; the steps of the changed inputs first, then the verdict); once those
        have been sent, the paragraphs and charts (each chart rebuilt only when its data
        changed); then the Monte Carlo and what depends on it. A newer change drops the
        passes of an older one that have not run yet.
        """
        case = evaluate(self.scenario)
        self._later.start()
        quick = State(case, None, (), self.growth, self.inbox)
        for number in [*first, *(n for n in sorted(self.steps) if n not in first)]:
            try:
                self.steps[number].show_figures(quick)
            except Exception:
                log.exception("socialcase: the figures of step %s failed", number)
        self._later.then(lambda: self._draw_case(case))

    @_friendly("redrawing the case")
    def _draw_case(self, case: Any) -> None:
        """The second pass: paragraphs and charts that need only the case, and the link."""
        self._refresh_steps(State(case, None, (), self.growth, self.inbox))
        self.link.show(self.scenario, self.provenance, *self._carried(), lang=self._link_lang())
        self._later.then(lambda: self._draw_simulation(case))

    @_friendly("simulating the case")
    def _draw_simulation(self, case: Any) -> None:
        """The last pass: the Monte Carlo, the tornado and what depends on them."""
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
        try:
            self.inbox_panel.refresh(state)  # measured beside modelled, for this case
        except Exception:
            log.exception("socialcase: comparing the inbox with the model failed")
        for number, step in self.steps.items():
            try:
                step.refresh(state)
                step.show_error("")
            except Exception:
                log.exception("socialcase: redrawing step %s failed", number)
                step.show_error(gettext(FRIENDLY))

    def _sync_fields(self) -> None:
        """Show the scenario's values in every box (after a link, a file or a preset)."""
        values = self.scenario.values()
        for name, field in self.fields.items():
            field.set_value(values[name])
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
        stored = self.link.stored_link()
        self.restore.layout.display = "none"
        if stored is not None:
            own = Provenance(tuple((k, replace(o, via="")) for k, o in stored.provenance.origins))
            self._open_result(replace(stored, provenance=own), "this browser's last case")
            self.show_status(gettext("Restored the case you last worked on in this browser."))

    @_friendly("showing new growth data")
    def _growth_loaded(self, evidence: GrowthEvidence) -> None:
        self.growth, self.own_growth = evidence, True
        self._sample_pending = False
        self._redraw()

    def _inbox_loaded(self, evidence: InboxEvidence) -> None:
        self.inbox, self.own_inbox = evidence, True
        self._share_evidence()
        self.show_status(
            gettext(
                "Read {file}: press 'Use these numbers' in step 3 to replace the industry "
                "defaults with your measured volume."
            ).format(file=evidence.file_name)
        )

    # -- sharing: link, scenario files, report -----------------------------------------------

    def _sharing(self) -> SharingPanel:
        from socialcase.ui.sharing import SharingPanel

        self.sharing = SharingPanel(
            self.link, lambda: self.scenario, self._open_scenario, self.report, self.saved_text
        )
        return self.sharing

    def _share_evidence(self) -> None:
        """The link and the file take up new evidence (nothing to recompute)."""
        self.link.show(self.scenario, self.provenance, *self._carried(), lang=self._link_lang())
        self.sharing.refresh()

    def _carried(self) -> tuple[Any, Any]:
        """The lead's own evidence as the link and the file carry it (None for a sample)."""
        from socialcase.ui.sharing import carried_growth, carried_inbox

        growth = carried_growth(self.growth) if self.own_growth and self.growth else None
        inbox = carried_inbox(self.inbox) if self.own_inbox and self.inbox else None
        return growth, inbox

    def saved_text(self) -> str:
        """The scenario file of the case on screen: values, origins and the lead's evidence."""
        growth, inbox = self._carried()
        return files.dumps(
            self.scenario,
            provenance=self.provenance,
            growth=growth,
            inbox=inbox,
            lang=self._link_lang(),
        )

    @_friendly("opening a scenario")
    def _open_scenario(self, loaded: files.LoadResult) -> None:
        panel = self.sharing
        self._open_result(loaded, loaded.file_name)
        if self.sharing is not panel:  # the file brought its language: a new panel says it
            self.sharing.show_opened(loaded, loaded.file_name)

    def report(self) -> str:
        """The leadership report of the case on screen (self-contained HTML)."""
        from socialcase.report import report_html

        self._build_pending()  # the sample evidence, if still pending
        with use_language(self.lang):
            return report_html(
                self.scenario,
                growth=self.growth,
                inbox=self.inbox,
                draws=self.draws,
                seed=self.seed,
                provenance=self.provenance,
            )


def _accordions(widget: widgets.Widget) -> list[widgets.Accordion]:
    """The sections of a step's widget tree, in page order."""
    if isinstance(widget, widgets.Accordion):
        return [widget]
    if isinstance(widget, widgets.Box):
        return [a for child in widget.children for a in _accordions(child)]
    return []


def _sections_open(widget: widgets.Widget) -> list[int | None]:
    """Which sections of a step are open (each one's open index, None when closed)."""
    return [a.selected_index for a in _accordions(widget)]


def _open_sections(widget: widgets.Widget, indices: list[int | None]) -> None:
    """Open the sections of a newly built step as they were (they build their widgets)."""
    for accordion, index in zip(_accordions(widget), indices, strict=False):
        if index is not None:
            accordion.selected_index = index
