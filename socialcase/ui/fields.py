"""Input widgets for scenario fields: each input one row of label, box and unit, source.

The row reads: the label, the box with its unit in the scenario's currency ("USD a
year"; a share is shown and typed as a percentage), and one line saying where the
value comes from (`socialcase.provenance`; class ``sc-origin-<field>``), with the
published source's details on demand. A value the scenario refuses shows its
message beside the box with the value still in use; the box keeps what the person
typed and the scenario keeps its last good value.

Boxes update as you type: a change is proposed once the typing has paused for
`SETTLE_SECONDS` (or at once on Enter), so each settled value is computed once.
"""

from __future__ import annotations

import asyncio
import html
import math
import re
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from socialcase.errors import InputError
from socialcase.formatting import unit as unit_in_language
from socialcase.i18n import current_language, gettext, pgettext
from socialcase.inputs import format_value, read_input
from socialcase.narrative import Glossary
from socialcase.scenario import Spec, spec_of
from socialcase.ui.parts import hbox, html_widget, text_box, vbox

__all__ = [
    "SETTLE_SECONDS",
    "SLIDERS",
    "ChoiceField",
    "FieldInput",
    "NumberField",
    "RangeField",
    "TextField",
    "display_unit",
    "short_origin",
]

# Called with (field name, new value); returns the error message or "" when accepted.
Propose = Callable[[str, Any], str]

SETTLE_SECONDS = 0.3
"""Typing pause after which a box's text is proposed (one recompute per settled value)."""

SLIDERS: dict[str, tuple[float, float, float]] = {
    "replacement_cost_multiplier": (0.0, 3.0, 0.05),
    "inbound_per_day": (0.0, 500.0, 1.0),
    "hire_salary_per_year": (0.0, 0.0, 0.0),  # span follows the value: 0 to 2x, see _span
    "hire_productive_share": (0.0, 1.0, 0.01),
}
"""The what-ifs leadership tries, with a slider beside the box: (low, high, step) in the
model's units, inside each field's allowed range (tests/test_ui.py checks)."""

_PER = re.compile(r"\bper (year|week|day|hour|month)\b")


def label_text(spec: Spec) -> str:
    """The input's label, a Norwegian term with its English beside it (`narrative.Glossary`):
    "Norway: arbeidsgiveravgift (the employer's social security contribution)"; in
    Norwegian the label's translation, which needs no explaining."""
    if current_language() != "en":
        return gettext(spec.label)
    return Glossary().explain(spec.label)


def display_unit(unit: str, currency: str) -> str:
    """A unit as people say it: the currency code for "currency", "a year" for "per year",
    "%" for a share.

    >>> display_unit("currency per year", "USD")
    'USD a year'
    >>> display_unit("share of salary", "NOK"), display_unit("share, 0-1", "USD")
    ('% of salary', '%')

    Norwegian: the unit's translation with the currency's sign ("kr per år"), a share
    as "% av lønnen".
    """
    if current_language() != "en":
        words = unit_in_language(unit, currency)
        if unit.startswith("share"):  # "andel av lønnen" -> "% av lønnen", "andel, 0–1" -> "%"
            rest = words.partition(" ")[2] if " " in words else ""
            rest = "" if unit.startswith("share, 0-1") else rest.removeprefix(", ")
            words = f"% {rest}".strip() if rest and not rest.startswith(",") else "%" + rest
        return words
    if unit.startswith("currency"):
        unit = currency + unit.removeprefix("currency")
    if unit.startswith("share"):
        unit = "%" + unit.removeprefix("share").removeprefix(", 0-1")
    return _PER.sub(r"a \1", unit)


def short_origin(text: str) -> str:
    """One line for where a value comes from: the publisher for a published default,
    "sample case" for the sample team's own figures, else the whole text.

    >>> short_origin("Default: socialcase sample case, A mid-sized brand's team: 3 people.")
    'Default: sample case'
    >>> short_origin("Default: Gallup (data of 2019), This Fixable Problem: 0.5x-2x.")
    'Default: Gallup (data of 2019)'
    >>> short_origin("Your figure.")
    'Your figure.'
    """
    if text.startswith("Default: socialcase sample case"):
        return "Default: sample case"
    if text.startswith("Default: ") and ", " in text:
        return text.split(", ", 1)[0]
    return text


class _Settle:
    """Calls `apply` once the value has been still for `SETTLE_SECONDS` in a running
    event loop (a kernel); at once where no loop runs (tests, scripts)."""

    def __init__(self, apply: Callable[[], None]) -> None:
        self._apply = apply
        self._handle: asyncio.TimerHandle | None = None

    def soon(self) -> None:
        self.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._apply()
            return
        self._handle = loop.call_later(SETTLE_SECONDS, self.now)

    def now(self) -> None:
        self.cancel()
        self._apply()

    def flush(self) -> None:
        """Apply a pending change at once (Enter pressed)."""
        if self._handle is not None:
            self.now()

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None


def _on_enter(box: widgets.Widget, settle: _Settle) -> None:
    """Enter in a text box applies what it holds without waiting for the pause."""

    def message(_: Any, content: Any, buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "submit":
            settle.flush()

    box.on_msg(message)


def _more_less() -> str:
    """What a source's summary says after it, to open or close it (CSS shows it)."""
    more = html.escape(pgettext("open the source's details", "source"))
    less = html.escape(pgettext("close the source's details", "hide"))
    return f'data-more="{more}" data-less="{less}"'


def source_note(spec: Spec, country: str = "US") -> str:
    """Where the default comes from, with the field's help text."""
    text = gettext("Default: {source}.").format(source=spec.cited_in(country).citation())
    if spec.help:
        text += f" {gettext(spec.help)}"
    return text


class FieldInput:
    """Common parts: the message line (made when first shown) and the wrapper everyone
    displays."""

    name: str
    widget: widgets.Box

    def __init__(self, name: str) -> None:
        self.name = name
        self.spec = spec_of(name)
        self._message: widgets.HTML | None = None
        self._origin: widgets.HTML | None = None
        self.origin_text = ""
        self.currency = "USD"  # the scenario's, for money units ("USD of margin per ...")

    @property
    def origin(self) -> widgets.HTML:
        """The line saying where the value comes from, made when first used (a number
        field shows it in its label instead, and never makes it)."""
        if self._origin is None:
            self._origin = html_widget()
            self._origin.add_class("sc-origin")
            self._origin.add_class(f"sc-origin-{self.name}")
        return self._origin

    @property
    def message(self) -> widgets.HTML | None:
        """The line for a refusal or a note (class ``sc-msg-<field>``); None until one is
        first shown, when `show_message` makes it and adds it last in the field's box."""
        return self._message

    @property
    def message_text(self) -> str:
        """What the message line shows, as HTML ("" when there is none)."""
        return self._message.value if self._message is not None else ""

    def _message_line(self) -> widgets.HTML:
        if self._message is None:
            self._message = html_widget(value="")
            self._message.add_class("sc-message")
            self._message.add_class(f"sc-msg-{self.name}")
            self.widget.children = (*self.widget.children, self._message)
        return self._message

    def unit(self) -> str:
        """The spec's unit as people say it, with the scenario's currency code."""
        return display_unit(self.spec.unit, self.currency)

    def _origin_html(self, text: str, kind: str) -> str:
        """One line; a published default's full citation and help on demand."""
        kind_class = f"sc-source sc-origin-is-{html.escape(kind)}"
        short = short_origin(text)
        help_text = gettext(self.spec.help) if self.spec.help else ""
        extra = help_text if help_text and help_text not in text else ""
        if short == text and not extra:
            return f'<span class="{kind_class}">{html.escape(text)}</span>'
        more = html.escape(text if short != text else "")
        if extra:
            more = f"{more} {html.escape(extra)}".strip()
        return (
            f'<details class="sc-source-details"><summary class="{kind_class}" {_more_less()}>'
            f'{html.escape(short)}</summary><div class="sc-source-more">{more}</div></details>'
        )

    def set_origin(self, text: str, kind: str = "default") -> None:
        """Show where the value comes from (`socialcase.provenance.describe`)."""
        self.origin_text = text
        self.origin.value = self._origin_html(text, kind) if text else ""

    def show_message(self, text: str, in_use: str = "", *, note: bool = False) -> None:
        """A refusal (or, with `note`, a note such as how a number was read) beside the box,
        with the value still in use; "" clears it."""
        if not text:
            if self._message is not None:
                self._message.value = ""
            return
        if note:
            self._message_line().value = (
                f'<span class="sc-note" role="status">{html.escape(text)}</span>'
            )
            return
        use = ""
        if in_use:
            words = html.escape(gettext("in use: {value}").format(value=in_use))
            use = f' <span class="sc-in-use">{words}</span>'
        self._message_line().value = (
            f'<span class="sc-error" role="alert">{html.escape(text)}</span>{use}'
        )

    def set_value(self, value: Any) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


def _span(name: str, spec: Spec, value: float) -> tuple[float, float, float]:
    """A slider's (low, high, step): `SLIDERS`, or 0 to twice the value for an amount,
    always holding the value and inside the spec's bounds."""
    low, high, step = SLIDERS[name]
    if high <= low:  # an amount of money: its scale follows the currency and the case
        magnitude = 10 ** max(math.floor(math.log10(max(value, 1.0))) - 1, 0)
        high = max(math.ceil(2 * value / magnitude) * magnitude, 10 * magnitude)
        step = magnitude / 10 if magnitude >= 10 else 1.0
    high = min(max(high, value), spec.maximum)
    return max(low, spec.minimum), high, step


class NumberField(FieldInput):
    """A text box for a number: accepts 62,810 or 40%, refuses text with a message.

    Fields in `SLIDERS` carry a slider beside the box; both stay on the same value. The
    row is one box of label, box, unit and slider (the CSS lines them up), the message
    line added last when one is first shown.
    """

    def __init__(self, name: str, value: float, propose: Propose, country: str = "US") -> None:
        super().__init__(name)
        self._propose = propose
        self._in_use = float(value)
        self._written = format_value(value, self.spec)  # the text the page last put in the box
        self.box = text_box(value=self._written, continuous_update=True)
        self.box.add_class(f"sc-in-{name}")
        self.box.add_class("sc-box")
        self.label = html_widget()
        self.label.add_class(f"sc-origin-{name}")
        self.label.add_class("sc-field-label")
        self.unit_label = html_widget()
        self.unit_label.add_class("sc-unit")
        self._kind = "default"
        self._settle = _Settle(self._apply)
        _on_enter(self.box, self._settle)
        self._quiet = False
        self.slider: widgets.FloatSlider | None = None
        parts = [self.label, self.box, self.unit_label]
        if name in SLIDERS:
            low, high, step = _span(name, self.spec, value)
            self.slider = widgets.FloatSlider(
                value=value, min=low, max=high, step=step, readout=False, continuous_update=True
            )
            self.slider.add_class("sc-slider")
            self.slider.add_class(f"sc-slider-{name}")
            self.slider.observe(self._slid, names="value")
            parts.append(self.slider)
        self.set_country(country)
        self.widget = hbox(parts)
        self.widget.add_class("sc-field")
        self.widget.add_class("sc-number-field")
        self.box.observe(self._changed, names="value")

    def set_country(self, country: str) -> None:
        """Cite the default's source under `country`'s preset."""
        self.set_origin(source_note(self.spec, country))

    def set_origin(self, text: str, kind: str = "default") -> None:
        """The label, then in one line where the value comes from; the unit beside the box."""
        self.origin_text = text
        self.unit_label.value = html.escape(self.unit())
        self.label.value = (
            f'<div class="sc-label">{html.escape(label_text(self.spec))}</div>'
            f"{self._origin_html(text, kind)}"
        )

    def _changed(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._settle.soon()

    def _apply(self) -> None:
        """Propose what the box holds now (once the typing has paused)."""
        shown = format_value(self._in_use, self.spec)
        typed = self.box.value
        try:
            reading = read_input(typed, self.name, self.spec, currency=self.currency)
        except InputError as error:
            self.show_message(
                gettext("{message}. The last good value stays in use.").format(message=error),
                shown,
            )
            return
        value = reading.value
        refused = self._propose(self.name, value)
        if refused:
            self.show_message(refused, shown)
            return
        self._in_use = value
        # How an ambiguous number was read ("1,234"), unless the page wrote it in the box.
        page_wrote = typed == format_value(value, self.spec) and typed == self._written
        self.show_message("" if page_wrote else reading.note, note=True)
        self._follow_slider(value)

    def _slid(self, change: dict[str, Any]) -> None:
        if self._quiet or self.slider is None:
            return
        if abs(change["new"] - self._in_use) < self.slider.step:
            return  # the browser snapping the value in use to the slider's step, not a move
        self._written = format_value(round(change["new"], 10), self.spec)
        self.box.value = self._written

    def _follow_slider(self, value: float) -> None:
        if self.slider is None:
            return
        self._quiet = True
        try:
            low, high, _ = _span(self.name, self.spec, value)
            # The span first, in its own messages, then the value: sent together, the
            # browser's slider may clamp the value to the old span and send that back.
            if value > self.slider.max or value < self.slider.min:
                self.slider.max = max(high, self.slider.max)
                self.slider.min = min(low, self.slider.min)
            self.slider.value = value
        finally:
            self._quiet = False

    def set_value(self, value: Any) -> None:
        """Show `value` without proposing it again (it came from the scenario)."""
        self._settle.cancel()
        self._quiet = True
        try:
            self._written = format_value(value, self.spec)
            self.box.value = self._written
        finally:
            self._quiet = False
        self._in_use = float(value)
        self._follow_slider(float(value))
        self.show_message("")


class _ProposingField(FieldInput):
    """A box whose value goes to the scenario as it is: a choice or a text."""

    box: widgets.ValueWidget

    def _listen(self, propose: Propose, *, settle: bool = False) -> None:
        self.widget.add_class("sc-field")
        self._propose = propose
        self._quiet = False
        self._settle = _Settle(self._apply) if settle else None
        if self._settle is not None:
            _on_enter(self.box, self._settle)
        self.box.observe(self._changed, names="value")

    def _changed(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        if self._settle is not None:
            self._settle.soon()
        else:
            self._apply()

    def _apply(self) -> None:
        self.show_message(self._propose(self.name, self.box.value))

    def set_value(self, value: Any) -> None:
        """Show `value` without proposing it again (it came from the scenario)."""
        if self._settle is not None:
            self._settle.cancel()
        self._quiet = True
        try:
            self.box.value = value
        finally:
            self._quiet = False
        self.show_message("")


class ChoiceField(_ProposingField):
    """A dropdown for a field with a fixed set of choices."""

    def __init__(
        self, name: str, value: str, propose: Propose, labels: dict[str, str] | None = None
    ) -> None:
        super().__init__(name)
        options = [((labels or {}).get(c, c), c) for c in self.spec.choices]
        self.box = widgets.Dropdown(options=options, value=value)
        self.box.add_class(f"sc-in-{name}")
        self.box.add_class("sc-box")
        label = html_widget(f'<div class="sc-label">{html.escape(label_text(self.spec))}</div>')
        label.add_class("sc-field-label")
        self.widget = hbox([label, self.box, self.origin])
        self.widget.add_class("sc-choice-field")
        self._listen(propose)


class TextField(_ProposingField):
    """A text area or line for free text (strategy answers, currency, roles)."""

    def __init__(
        self, name: str, value: str, propose: Propose, *, area: bool = False, placeholder: str = ""
    ) -> None:
        super().__init__(name)
        cls = widgets.Textarea if area else widgets.Text
        self.box = cls(
            value=value,
            continuous_update=True,
            placeholder=placeholder,
            layout=widgets.Layout(width="100%", height="90px" if area else "auto"),
        )
        self.box.add_class(f"sc-in-{name}")
        self.box.add_class("sc-text-box")
        label = html_widget(f'<div class="sc-label">{html.escape(label_text(self.spec))}</div>')
        self.widget = vbox([label, self.origin, self.box])
        self.widget.add_class("sc-text-field")
        self._listen(propose, settle=True)


class RangeField(FieldInput):
    """Low and high ends of an uncertain input's range, for the Monte Carlo."""

    def __init__(
        self, name: str, low: float, high: float, propose_range: Callable[[str, float, float], str]
    ) -> None:
        super().__init__(name)
        self.origin.remove_class(f"sc-origin-{name}")
        self.origin.add_class(f"sc-origin-{name}-range")
        self._propose_range = propose_range
        self._in_use = (low, high)
        self.low = text_box(value=format_value(low, self.spec), continuous_update=True)
        self.high = text_box(value=format_value(high, self.spec), continuous_update=True)
        self.low.add_class(f"sc-in-{name}-low")
        self.high.add_class(f"sc-in-{name}-high")
        for box in (self.low, self.high):
            box.add_class("sc-box")
            box.add_class("sc-range-box")
        self.label = html_widget()
        self.label.add_class("sc-field-label")
        self._show_label()
        self._settle = _Settle(self._apply)
        _on_enter(self.low, self._settle)
        _on_enter(self.high, self._settle)
        to = html.escape(pgettext("a range, from low to high", "to"))
        control = hbox([self.low, html_widget(f'<span class="sc-unit">{to}</span>'), self.high])
        control.add_class("sc-control")
        self.widget = hbox([self.label, control, self.origin])
        self.widget.add_class("sc-field")
        self.widget.add_class("sc-range-field")
        self._quiet = False
        self.low.observe(self._changed, names="value")
        self.high.observe(self._changed, names="value")

    def _show_label(self) -> None:
        unit = gettext("({unit}): low to high").format(unit=self.unit())
        self.label.value = (
            f'<div class="sc-label">{html.escape(label_text(self.spec))} '
            f'<span class="sc-unit">{html.escape(unit)}</span></div>'
        )

    def set_origin(self, text: str, kind: str = "default") -> None:
        self._show_label()
        super().set_origin(text, kind)

    def _changed(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._settle.soon()

    def _apply(self) -> None:
        to = " {} ".format(pgettext("a range, from low to high", "to"))
        shown = to.join(format_value(v, self.spec) for v in self._in_use)
        try:
            low = read_input(
                self.low.value, self.name, self.spec, end="low", currency=self.currency
            ).value
            high = read_input(
                self.high.value, self.name, self.spec, end="high", currency=self.currency
            ).value
        except InputError as error:
            self.show_message(
                gettext("{message}. The last good range stays in use.").format(message=error),
                shown,
            )
            return
        refused = self._propose_range(self.name, low, high)
        if refused:
            self.show_message(refused, shown)
            return
        self._in_use = (low, high)
        self.show_message("")

    def set_value(self, value: Any) -> None:
        low, high = value
        self._settle.cancel()
        self._quiet = True
        try:
            self.low.value = format_value(low, self.spec)
            self.high.value = format_value(high, self.spec)
        finally:
            self._quiet = False
        self._in_use = (low, high)
        self.show_message("")
