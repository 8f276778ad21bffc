"""Small display parts shared by every step: headline figures, paragraphs and charts."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from socialcase.ui.plotchart import PlotChart, plotly_locale

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = [
    "SHARED_KINDS",
    "VERDICT_MIME",
    "VERDICT_SLOT_MIME",
    "FigureSlot",
    "Headline",
    "Paragraph",
    "StaticCopy",
    "close_tree",
    "hbox",
    "html_widget",
    "reachable",
    "shared_models",
    "shared_text_style",
    "static_html",
    "text_box",
    "vbox",
]

#: The verdict as plain HTML, for the page to show before the widget JavaScript has loaded
#: (the project's Voila template puts it in place; see its ``data_priority`` block).
VERDICT_MIME = "application/vnd.socialcase.verdict+html"
#: Marks the output that will hold the live verdict: the plain copy is shown there.
VERDICT_SLOT_MIME = "application/vnd.socialcase.verdict-slot"


# -- one Layout (and one HTML style) for the widgets that never change theirs -----------------
#
# Every ipywidgets widget makes its own Layout model (and an HTML widget its own style
# model) that the browser must build before it shows the page. The widgets made by
# `html_widget`, `hbox`, `vbox` and `text_box` share one of each instead: nothing in
# socialcase sets a layout or a
# style on them (a widget whose layout changes, such as the sample notice, the restore
# button or a chart, keeps its own; tests/test_widgets.py checks the shared ones stay
# untouched while the dashboard is driven).

SHARED_KINDS = (widgets.HTML, widgets.HBox, widgets.VBox, widgets.Text)
"""The kinds of widget built with the shared layout (`html_widget`, `hbox`, `vbox`,
`text_box`; not a `TextField`'s box, which has a width of its own)."""

_shared: dict[str, widgets.Widget] = {}


def _shared_model(key: str, kind: type[widgets.Widget]) -> Any:
    model = _shared.get(key)
    if model is None or model.comm is None:  # none yet, or closed (a test clearing widgets)
        model = _shared[key] = kind()
    return model


def shared_models() -> tuple[widgets.Layout, HTMLStyle]:
    """The shared layout and HTML style (made when first needed)."""
    return _shared_model("layout", widgets.Layout), _shared_model("html style", HTMLStyle)


def shared_text_style() -> TextStyle:
    """The shared style of the number boxes (made when first needed)."""
    return _shared_model("text style", TextStyle)


def text_box(**kwargs: Any) -> widgets.Text:
    """A one-line text box with the shared layout and text style: never set either on it."""
    return widgets.Text(layout=shared_models()[0], style=shared_text_style(), **kwargs)


def html_widget(value: str = "", **kwargs: Any) -> widgets.HTML:
    """An HTML widget with the shared layout and style: never set either on it."""
    layout, style = shared_models()
    return widgets.HTML(value, layout=layout, style=style, **kwargs)


def hbox(children: Any = (), **kwargs: Any) -> widgets.HBox:
    """An HBox with the shared layout: never set a layout on it."""
    return widgets.HBox(children, layout=shared_models()[0], **kwargs)


def vbox(children: Any = (), **kwargs: Any) -> widgets.VBox:
    """A VBox with the shared layout: never set a layout on it."""
    return widgets.VBox(children, layout=shared_models()[0], **kwargs)


def _linked(widget: widgets.Widget) -> list[widgets.Widget]:
    """The widgets `widget`'s state refers to: children, layout, style, any other."""
    found: list[widgets.Widget] = []
    for key in widget.keys:
        value = getattr(widget, key, None)
        items = value if isinstance(value, list | tuple) else (value,)
        found.extend(item for item in items if isinstance(item, widgets.Widget))
    return found


def reachable(*roots: widgets.Widget) -> set[int]:
    """The ids of every widget in the trees under `roots` (their layouts and styles too)."""
    seen: set[int] = set()
    todo = list(roots)
    while todo:
        widget = todo.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        todo.extend(_linked(widget))
    return seen


def close_tree(roots: Any, keep: set[int]) -> int:
    """Close every widget under `roots` (layouts and styles too) whose id is not in `keep`,
    nor a shared model; the number closed. The browser stops building them."""
    keep = keep | {id(m) for m in _shared.values()}
    closed = 0
    todo = list(roots)
    seen: set[int] = set()
    while todo:
        widget = todo.pop()
        if id(widget) in seen or id(widget) in keep:
            continue
        seen.add(id(widget))
        todo.extend(_linked(widget))
        if widget.comm is not None:
            widget.close()
            closed += 1
    return closed


class Headline:
    """One headline figure: a value and what it is; CSS class ``sc-out-<name>``."""

    def __init__(self, name: str, label: str) -> None:
        self.name = name
        self.label = label
        self.widget = html_widget()
        self.widget.add_class("sc-headline")
        self.widget.add_class(f"sc-out-{name}")

    def show(self, value: str, tone: str = "") -> None:
        # A figure never wraps; a value in words ("not within the horizon") may.
        words = "" if any(c.isdigit() for c in value) else " sc-figure-words"
        self.widget.value = (
            f'<div class="sc-figure {tone}{words}"><div class="sc-figure-value">'
            f"{html.escape(value)}</div>"
            f'<div class="sc-figure-label">{html.escape(self.label)}</div></div>'
        )


def headline_row(*headlines: Headline) -> widgets.HBox:
    row = hbox([h.widget for h in headlines])
    row.add_class("sc-headlines")
    return row


class Paragraph:
    """A generated paragraph, escaped: numbers come from socialcase, text may be the user's."""

    def __init__(self, name: str) -> None:
        self.widget = html_widget()
        self.widget.add_class("sc-narrative")
        self.widget.add_class(f"sc-text-{name}")

    def show(self, text: str) -> None:
        self.widget.value = f"<p>{html.escape(text)}</p>"


class FigureSlot:
    """A chart in the page, built as a complete `go.Figure` and sent as its JSON.

    Each chart is built once per change of what it draws: `update` builds it the
    first time and then only when its key changed; an unchanged figure is not re-sent.
    `figure` is a chart that is already built, shown at once (e.g. a placeholder).
    """

    def __init__(self, name: str, figure: go.Figure | None = None) -> None:
        self.name = name
        self.container = PlotChart()
        self.container.add_class("sc-chart")
        self.container.add_class(f"sc-chart-{name}")
        self.figure: go.Figure | None = None
        self._shown = ""
        self._key: Any = None
        self._built = False
        if figure is not None:
            self.show(figure)

    def update(self, key: Any, build: Callable[[], go.Figure]) -> None:
        """Build the chart the first time, then only when `key` (the results it draws) changed."""
        if self._built and key == self._key:
            return
        self._key, self._built = key, True
        self.show(build())

    def redraw(self) -> None:
        """Send the current figure again."""
        if self.figure is None:
            return
        self._shown = ""
        self.show(self.figure)

    def show(self, figure: go.Figure) -> None:
        import plotly.io as pio  # with the first chart: the verdict alone needs no plotly

        fingerprint = pio.to_json(figure, validate=False)
        if fingerprint == self._shown:
            return
        self._shown = fingerprint
        self.figure = figure
        height = figure.layout.height or 320
        self.container.layout.min_height = f"{height}px"
        locale = plotly_locale()
        config: dict[str, Any] = {"displaylogo": False}
        if locale:
            config["locale"] = locale["name"]
        with self.container.hold_sync():  # the words arrive with the figure
            self.container.locale = locale
            self.container.figure = {**json.loads(fingerprint), "config": config}


def _static_classes(widget: widgets.Widget) -> str:
    """The widget's own classes renamed ``sc-x`` -> ``sc-vf-x``: the copy looks the same
    but never answers the ``sc-out-*`` / ``sc-in-*`` hooks that tests and scripts use."""
    names = (f"sc-vf-{c[3:]}" if c.startswith("sc-") else c for c in widget._dom_classes)
    return html.escape(" ".join(names))


def static_html(widget: widgets.Widget) -> str:
    """A plain-HTML copy of a tree of boxes and HTML widgets, as laid out on the page.

    Boxes become ``div.sc-vf-vbox`` / ``div.sc-vf-hbox``, HTML widgets
    ``div.sc-vf-html`` holding their value (HTML that socialcase built and escaped), a
    toggle (the language picker) its label and choices as text; hidden widgets and other
    kinds of widget are left out.
    """
    if widget.layout.display == "none":
        return ""
    classes = _static_classes(widget)
    if isinstance(widget, widgets.Box):
        kind = "sc-vf-hbox" if isinstance(widget, widgets.HBox) else "sc-vf-vbox"
        inner = "".join(static_html(child) for child in widget.children)
        return f'<div class="{kind} {classes}">{inner}</div>'
    if isinstance(widget, widgets.HTML):
        return f'<div class="sc-vf-html {classes}">{widget.value}</div>'
    if isinstance(widget, widgets.ToggleButtons):  # the language picker, not yet live
        return f'<div class="sc-vf-hbox sc-vf-toggle {classes}">{_static_toggle(widget)}</div>'
    return ""


def _static_toggle(widget: widgets.ToggleButtons) -> str:
    """A toggle's label and choices as the live one shows them, the chosen one marked."""
    label = html.escape(widget.description)
    head = f'<span class="sc-vf-toggle-label">{label}</span>' if label else ""
    choices = "".join(
        f'<span class="sc-vf-choice{" sc-vf-chosen" if value == widget.value else ""}">'
        f"{html.escape(text)}</span>"
        for text, value in zip(widget._options_labels, widget._options_values, strict=True)
    )
    return head + choices


class StaticCopy:
    """Displays as the plain-HTML copy of the verdict (`VERDICT_MIME`); nothing elsewhere."""

    def __init__(self, html_text: str) -> None:
        self.html = html_text

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, str]:
        return {VERDICT_MIME: self.html, "text/plain": ""}
