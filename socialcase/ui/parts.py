"""Small display parts shared by every step: headline figures, paragraphs and charts."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

__all__ = ["FigureSlot", "Headline", "Paragraph", "headline_row"]


class Headline:
    """One headline figure: a value and what it is; CSS class ``sc-out-<name>``."""

    def __init__(self, name: str, label: str) -> None:
        self.name = name
        self.label = label
        self.widget = widgets.HTML()
        self.widget.add_class("sc-headline")
        self.widget.add_class(f"sc-out-{name}")

    def show(self, value: str, tone: str = "") -> None:
        self.widget.value = (
            f'<div class="sc-figure {tone}"><div class="sc-figure-value">{html.escape(value)}'
            f'</div><div class="sc-figure-label">{html.escape(self.label)}</div></div>')


def headline_row(*headlines: Headline) -> widgets.HBox:
    row = widgets.HBox([h.widget for h in headlines])
    row.add_class("sc-headlines")
    return row


class Paragraph:
    """A generated paragraph, escaped: numbers come from socialcase, text may be the user's."""

    def __init__(self, name: str) -> None:
        self.widget = widgets.HTML()
        self.widget.add_class("sc-narrative")
        self.widget.add_class(f"sc-text-{name}")

    def show(self, text: str) -> None:
        self.widget.value = f"<p>{html.escape(text)}</p>"


class FigureSlot:
    """A chart in the page, built as a complete `go.Figure` and then wrapped.

    A FigureWidget changed after construction inside a container can render
    blank in Voila, so an update either rewrites the traces of the same shape
    in one batch, or swaps in a new widget built from the complete figure.
    """

    def __init__(self, name: str, figure: go.Figure) -> None:
        self.name = name
        self.container = widgets.Box()
        self.container.add_class("sc-chart")
        self.container.add_class(f"sc-chart-{name}")
        self.figure: Any = None
        self._swap(figure)

    def _swap(self, figure: go.Figure) -> None:
        self.figure = go.FigureWidget(figure)
        self.container.children = (self.figure,)

    def show(self, figure: go.Figure) -> None:
        current = self.figure
        same_shape = len(current.data) == len(figure.data) and all(
            a.type == b.type for a, b in zip(current.data, figure.data, strict=True))
        if not same_shape:
            self._swap(figure)
            return
        with current.batch_update():
            for old, new in zip(current.data, figure.data, strict=True):
                old.update(new.to_plotly_json(), overwrite=True)
            current.layout.update(figure.layout.to_plotly_json(), overwrite=True)
