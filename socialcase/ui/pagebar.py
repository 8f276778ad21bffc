"""The page's frame: socialcase's styles, the verdict kept in view and the index of the steps.

`PageBar` carries ``socialcase/static/socialcase.css`` as its ``_css``, so the workbook in
JupyterLab looks like the dashboard in Voila (where the template also has the same file
in the page, for the plain verdict before the widgets). In Voila it also keeps a compact
verdict bar at the top once the verdict has scrolled away, and titles the browser tab with
the case (`socialcase/static/pagebar.js`). Its first view tells the kernel the page's
widgets are up (`PageBar.on_shown`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from importlib import resources
from typing import Any

import anywidget
import traitlets

from socialcase.i18n import N_, gettext, pgettext

__all__ = ["BAR_FIGURES", "PageBar", "bar_figures", "bar_labels", "legend_html", "nav_html"]

BAR_FIGURES = (
    ("npv", N_("NPV")),
    ("payback", N_("payback")),
    ("probability", N_("chance NPV > 0")),
)
"""Headline hooks (``sc-out-<hook>``) the verdict bar repeats, with a short label."""


def bar_figures() -> list[tuple[str, str]]:
    """`BAR_FIGURES` in the page's language."""
    return [(hook, gettext(label)) for hook, label in BAR_FIGURES]


def bar_labels() -> dict[str, str]:
    """The verdict bar's own words (its region, its menu), in the page's language."""
    return {"region": gettext("The verdict"), "menu": gettext("Go to a step…")}


def _static(name: str) -> str:
    return resources.files("socialcase").joinpath("static", name).read_text(encoding="utf-8")


class PageBar(anywidget.AnyWidget):
    """``PageBar(title=..., case_name=..., steps=[[0, "The verdict"], ...])``."""

    _esm = _static("pagebar.js")
    # In Voila too: the template's copy comes before JupyterLab's and the widgets' styles,
    # and this one, added last, is what wins over them where both set a rule.
    _css = _static("socialcase.css")
    title = traitlets.Unicode("socialcase").tag(sync=True)
    case_name = traitlets.Unicode("").tag(sync=True)
    steps: traitlets.List[list[object]] = traitlets.List().tag(sync=True)
    figures = traitlets.List([list(f) for f in BAR_FIGURES]).tag(sync=True)
    labels = traitlets.Dict({"region": "The verdict", "menu": "Go to a step…"}).tag(sync=True)
    lang = traitlets.Unicode("en").tag(sync=True)  # the page's language, for <html lang>

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._when_shown: list[Callable[[], None]] = []
        self.on_msg(self._message)

    def on_shown(self, callback: Callable[[], None]) -> None:
        """Call `callback` when a view of the bar is first shown in the page (and at each
        view after). The browser builds every widget of the page that exists when it
        connects before it shows any view, so by then it has them all: widgets made from
        now on reach it safely."""
        self._when_shown.append(callback)

    def _message(self, _: Any, content: Any, buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "shown":
            for callback in list(self._when_shown):
                callback()


def nav_html(titles: dict[int, str]) -> str:
    """The index of the steps as links; the page's script scrolls to each step's heading
    (the href is the heading's anchor, for a page without scripts)."""
    links = "".join(
        f'<a data-step="{n}" href="#{html.escape(f"{n}. {t}".replace(" ", "-"))}">'
        f"{n}. {html.escape(t)}</a>"
        for n, t in sorted(titles.items())
    )
    steps = html.escape(gettext("Steps of the case"))
    return (
        f'<details class="sc-nav-box" open><summary>{steps}</summary>'
        f'<nav class="sc-nav" aria-label="{steps}">{links}</nav></details>'
    )


def legend_html() -> str:
    """What the colours of the figures mean."""
    words = {
        "label": gettext("Colours of the figures"),
        "good": gettext("good for the case"),
        "bad": gettext("against it, or a problem"),
        "neutral": pgettext("a figure's colour", "context"),
    }
    w = {k: html.escape(v) for k, v in words.items()}
    return (
        f'<div class="sc-legend" aria-label="{w["label"]}">'
        f'<span class="sc-legend-good">{w["good"]}</span>'
        f'<span class="sc-legend-bad">{w["bad"]}</span>'
        f'<span class="sc-legend-neutral">{w["neutral"]}</span></div>'
    )
