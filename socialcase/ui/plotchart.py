"""A plotly chart as a small widget: the figure as JSON, drawn by plotly.js in the page.

plotly.js itself is a static file of the project's Voila template (see
`devtools.assets`: a partial bundle first, the full one for the trace types it
lacks), loaded once per page and cached by the browser. Unlike an Output widget
showing the figure, this renders reliably on a cold first load in Voila; unlike
plotly's FigureWidget, it does not carry plotly.js in every chart's state.

The page draws a chart when it comes near the viewport, once the widgets are up,
and the others one at a time while the page is idle (``static/plotchart.js``);
its box keeps the figure's height meanwhile (`socialcase.ui.parts.FigureSlot`).

On the Voila dashboard the charts share one copy of that module, in the page
(`chart_module`).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import Any

import anywidget
import traitlets

from socialcase.i18n import DEFAULT_LANGUAGE, N_, current_language, gettext
from socialcase.ui.request import voila_kernel

__all__ = ["PLOTLY_WORDS", "PlotChart", "chart_module", "plotly_locale"]

PLOTLY_WORDS = (
    N_("Autoscale"),
    N_("Box Select"),
    N_("Compare data on hover"),
    N_("Double-click to zoom back out"),
    N_("Download plot"),
    N_("Download plot as a PNG"),
    N_("Image download succeeded"),
    N_("Lasso Select"),
    N_("Pan"),
    N_("Preparing image - this may take a few seconds"),
    N_("Reset"),
    N_("Reset axes"),
    N_("Reset view"),
    N_("Show closest data on hover"),
    N_("Sorry, there was a problem downloading your image!"),
    N_("Toggle Spike Lines"),
    N_("Toggle show closest data on hover"),
    N_("Zoom"),
    N_("Zoom in"),
    N_("Zoom out"),
)
"""plotly.js's own words on a chart (its mode bar's buttons and notices), which it looks
up in a registered locale's dictionary by their English text."""


def plotly_locale() -> dict[str, Any]:
    """plotly.js's words in the page's language, as the locale the chart registers
    (``Plotly.register({moduleType: "locale", ...})``); empty in English, plotly's own."""
    language = current_language()
    if language == DEFAULT_LANGUAGE:
        return {}
    return {"name": language, "dictionary": {word: gettext(word) for word in PLOTLY_WORDS}}


def _static(name: str) -> str:
    return resources.files("socialcase").joinpath("static", name).read_text("utf-8")


def chart_module(environ: Mapping[str, str] | None = None) -> str:
    """The JavaScript module each chart's widget carries (its ``_esm``).

    In a kernel Voila started (`voila_kernel`), the few lines of ``static/plotchart-page.js``,
    which import the one copy of ``static/plotchart.js`` that the socialcase Voila template
    puts in the page: each of the 13 charts' widget state is 12 kB smaller and the browser
    compiles the module once. Anywhere else (JupyterLab, a script), ``plotchart.js`` itself.
    """
    return _static("plotchart-page.js" if voila_kernel(environ) else "plotchart.js")


class PlotChart(anywidget.AnyWidget):
    """``PlotChart(figure=json_of_a_plotly_figure)``; set `figure` to redraw."""

    _esm = chart_module()
    figure = traitlets.Dict().tag(sync=True)
    locale = traitlets.Dict().tag(sync=True)  # `plotly_locale`: its words in the page's language
