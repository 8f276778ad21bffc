"""The page's frame: socialcase's styles, the verdict kept in view and the index of the steps.

`PageBar` carries ``socialcase/static/socialcase.css`` as its ``_css``, so the workbook in
JupyterLab looks like the dashboard in Voila (where the template links the same file).
In Voila it also keeps a compact verdict bar at the top once the verdict has scrolled
away, and titles the browser tab with the case (`socialcase/static/pagebar.js`).
"""

from __future__ import annotations

import html
from importlib import resources

import anywidget
import traitlets

__all__ = ["BAR_FIGURES", "PageBar", "legend_html", "nav_html"]

BAR_FIGURES = (
    ("npv", "NPV"),
    ("payback", "payback"),
    ("probability", "chance NPV > 0"),
)
"""Headline hooks (``sc-out-<hook>``) the verdict bar repeats, with a short label."""


def _static(name: str) -> str:
    return resources.files("socialcase").joinpath("static", name).read_text(encoding="utf-8")


class PageBar(anywidget.AnyWidget):
    """``PageBar(title=..., case_name=..., steps=[[0, "The verdict"], ...])``."""

    _esm = _static("pagebar.js")
    _css = _static("socialcase.css")
    title = traitlets.Unicode("socialcase").tag(sync=True)
    case_name = traitlets.Unicode("").tag(sync=True)
    steps: traitlets.List[list[object]] = traitlets.List().tag(sync=True)
    figures = traitlets.List([list(f) for f in BAR_FIGURES]).tag(sync=True)


def nav_html(titles: dict[int, str]) -> str:
    """The index of the steps as links; the page's script scrolls to each step's heading
    (the href is the heading's anchor, for a page without scripts)."""
    links = "".join(
        f'<a data-step="{n}" href="#{html.escape(f"{n}. {t}".replace(" ", "-"))}">'
        f"{n}. {html.escape(t)}</a>"
        for n, t in sorted(titles.items())
    )
    return (
        '<details class="sc-nav-box" open><summary>Steps of the case</summary>'
        f'<nav class="sc-nav" aria-label="Steps of the case">{links}</nav></details>'
    )


def legend_html() -> str:
    """What the colours of the figures mean."""
    return (
        '<div class="sc-legend" aria-label="Colours of the figures">'
        '<span class="sc-legend-good">good for the case</span>'
        '<span class="sc-legend-bad">against it, or a problem</span>'
        '<span class="sc-legend-neutral">context</span></div>'
    )
