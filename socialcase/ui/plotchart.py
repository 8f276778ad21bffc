"""A plotly chart as a small widget: the figure as JSON, drawn by plotly.js in the page.

plotly.js itself is a static file of the project's Voila template (see
`devtools.assets`: a partial bundle first, the full one for the trace types it
lacks), loaded once per page and cached by the browser. Unlike an Output widget
showing the figure, this renders reliably on a cold first load in Voila; unlike
plotly's FigureWidget, it does not carry plotly.js in every chart's state.

The page draws a chart when it comes near the viewport, once the widgets are up,
and the others one at a time while the page is idle (``static/plotchart.js``);
its box keeps the figure's height meanwhile (`socialcase.ui.parts.FigureSlot`).
"""

from __future__ import annotations

from importlib import resources

import anywidget
import traitlets

__all__ = ["PlotChart"]


class PlotChart(anywidget.AnyWidget):
    """``PlotChart(figure=json_of_a_plotly_figure)``; set `figure` to redraw."""

    _esm = resources.files("socialcase").joinpath("static", "plotchart.js").read_text("utf-8")
    figure = traitlets.Dict().tag(sync=True)
