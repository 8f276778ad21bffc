"""Input widgets for scenario fields: a box, its unit and origin, and a message line.

Beside each box, in small print, is where its value comes from: the default and
its source, "Your figure", "Measured from inbox.csv, 28 days", or the link or file
it came in (`socialcase.provenance`; class ``sc-origin-<field>``). A value the
scenario refuses shows its message beside the box; the box keeps what the person
typed and the scenario keeps its last good value.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from socialcase.errors import InputError
from socialcase.inputs import format_value, parse_number
from socialcase.scenario import Spec, spec_of

__all__ = ["ChoiceField", "FieldInput", "NumberField", "RangeField", "TextField"]

# Called with (field name, new value); returns the error message or "" when accepted.
Propose = Callable[[str, Any], str]

_LABEL = widgets.Layout(width="300px")
_WIDE_LABEL = widgets.Layout(width="520px")
_BOX = widgets.Layout(width="160px")


def source_note(spec: Spec, country: str = "US") -> str:
    """Small print under an input: unit, then where the default comes from."""
    text = f"{spec.unit}. Default: {spec.cited_in(country).citation()}."
    if spec.help:
        text += f" {spec.help}"
    return text


class FieldInput:
    """Common parts: the message line and the wrapper everyone displays."""

    name: str
    widget: widgets.Widget

    def __init__(self, name: str) -> None:
        self.name = name
        self.spec = spec_of(name)
        self.message = widgets.HTML(value="", layout=widgets.Layout(max_width="420px"))
        self.message.add_class("sc-message")
        self.message.add_class(f"sc-msg-{name}")
        self.origin = widgets.HTML()
        self.origin.add_class("sc-origin")
        self.origin.add_class(f"sc-origin-{name}")
        self.origin_text = ""
        self.currency = "USD"  # the scenario's, for money units ("USD of margin per ...")

    def unit(self) -> str:
        """The spec's unit with the scenario's currency code for a money unit."""
        unit = self.spec.unit
        if unit.startswith("currency"):
            return self.currency + unit.removeprefix("currency")
        return unit

    def set_origin(self, text: str, kind: str = "default") -> None:
        """Show where the value comes from (`socialcase.provenance.describe`)."""
        self.origin_text = text
        self.origin.value = (
            f'<span class="sc-source sc-origin-is-{html.escape(kind)}">{html.escape(text)}</span>'
            if text
            else ""
        )

    def show_message(self, text: str) -> None:
        self.message.value = (
            f'<span class="sc-error" role="alert">{html.escape(text)}</span>' if text else ""
        )

    def set_value(self, value: Any) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class NumberField(FieldInput):
    """A text box for a number: accepts 62,810 or 40%, refuses text with a message."""

    def __init__(self, name: str, value: float, propose: Propose, country: str = "US") -> None:
        super().__init__(name)
        self._propose = propose
        self.box = widgets.Text(
            value=format_value(value, self.spec), continuous_update=False, layout=_BOX
        )
        self.box.add_class(f"sc-in-{name}")
        self.label = widgets.HTML(layout=_WIDE_LABEL)
        self.label.add_class(f"sc-origin-{name}")
        self._kind = "default"
        self.set_country(country)
        self.widget = widgets.HBox([self.label, self.box, self.message])
        self.widget.add_class("sc-field")
        self.box.observe(self._changed, names="value")
        self._quiet = False

    def set_country(self, country: str) -> None:
        """Cite the default's source under `country`'s preset."""
        self.set_origin(source_note(self.spec, country))

    def set_origin(self, text: str, kind: str = "default") -> None:
        """The unit, then where the value comes from, in small print under the label."""
        self.origin_text = text
        unit = self.unit()
        text_after_unit = text.removeprefix(self.spec.unit).removeprefix(". ")
        note = f"{unit}. {text_after_unit}"
        self.label.value = (
            f'<b>{html.escape(self.spec.label)}</b><br><span class="sc-source '
            f'sc-origin-is-{html.escape(kind)}">{html.escape(note)}</span>'
        )

    def _changed(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        try:
            value = parse_number(change["new"], self.name, self.spec, currency=self.currency)
        except InputError as error:
            self.show_message(f"{error} The last good value stays in use.")
            return
        self.show_message(self._propose(self.name, value))

    def set_value(self, value: Any) -> None:
        """Show `value` without proposing it again (it came from the scenario)."""
        self._quiet = True
        try:
            self.box.value = format_value(value, self.spec)
        finally:
            self._quiet = False
        self.show_message("")


class _ProposingField(FieldInput):
    """A box whose value goes to the scenario as it is: a choice or a text."""

    box: widgets.ValueWidget

    def _listen(self, propose: Propose) -> None:
        self.widget.add_class("sc-field")
        self._propose = propose
        self._quiet = False
        self.box.observe(self._changed, names="value")

    def _changed(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self.show_message(self._propose(self.name, change["new"]))

    def set_value(self, value: Any) -> None:
        """Show `value` without proposing it again (it came from the scenario)."""
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
        self.box = widgets.Dropdown(options=options, value=value, layout=_BOX)
        self.box.add_class(f"sc-in-{name}")
        label = widgets.HTML(f"<b>{html.escape(self.spec.label)}</b>", layout=_WIDE_LABEL)
        self.origin.layout = widgets.Layout(max_width="360px")
        self.widget = widgets.HBox([label, self.box, self.origin, self.message])
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
            continuous_update=False,
            placeholder=placeholder,
            layout=widgets.Layout(
                width="100%" if area else "320px", height="90px" if area else "auto"
            ),
        )
        self.box.add_class(f"sc-in-{name}")
        label = widgets.HTML(f"<b>{html.escape(self.spec.label)}</b>")
        self.widget = widgets.VBox([label, self.origin, self.box, self.message])
        self._listen(propose)


class RangeField(FieldInput):
    """Low and high ends of an uncertain input's range, for the Monte Carlo."""

    def __init__(
        self, name: str, low: float, high: float, propose_range: Callable[[str, float, float], str]
    ) -> None:
        super().__init__(name)
        self.origin.remove_class(f"sc-origin-{name}")
        self.origin.add_class(f"sc-origin-{name}-range")
        self._propose_range = propose_range
        self.low = widgets.Text(
            value=format_value(low, self.spec),
            continuous_update=False,
            layout=widgets.Layout(width="110px"),
        )
        self.high = widgets.Text(
            value=format_value(high, self.spec),
            continuous_update=False,
            layout=widgets.Layout(width="110px"),
        )
        self.low.add_class(f"sc-in-{name}-low")
        self.high.add_class(f"sc-in-{name}-high")
        label = widgets.HTML(
            f"{html.escape(self.spec.label)} <small>({html.escape(self.spec.unit)}"
            "): low, high</small>",
            layout=_WIDE_LABEL,
        )
        self.widget = widgets.HBox([label, self.low, self.high, self.origin, self.message])
        self.widget.add_class("sc-field")
        self._quiet = False
        self.low.observe(self._changed, names="value")
        self.high.observe(self._changed, names="value")

    def _changed(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        try:
            low = parse_number(
                self.low.value, self.name, self.spec, end="low", currency=self.currency
            )
            high = parse_number(
                self.high.value, self.name, self.spec, end="high", currency=self.currency
            )
        except InputError as error:
            self.show_message(f"{error} The last good range stays in use.")
            return
        self.show_message(self._propose_range(self.name, low, high))

    def set_value(self, value: Any) -> None:
        low, high = value
        self._quiet = True
        try:
            self.low.value = format_value(low, self.spec)
            self.high.value = format_value(high, self.spec)
        finally:
            self._quiet = False
        self.show_message("")
