"""Share the case (step 10) in the dashboard: the page URL follows the scenario.

`LinkBar` shows the link to the case with a "Copy link" button. Inside Voila it
keeps the page's query on the scenario (``history.replaceState``), so a reload
or a copied address reproduces the case; other query keys such as ``theme`` stay.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import anywidget
import traitlets

from socialcase.scenario import Scenario
from socialcase.share import QUERY_KEYS, from_query, join_query, to_query

__all__ = ["LONG_LINK_CHARS", "LinkBar"]

LONG_LINK_CHARS = 8000
"""Links longer than this may be refused by some servers and chat tools."""


def _static(name: str) -> str:
    return resources.files("socialcase").joinpath("static", name).read_text(encoding="utf-8")


class LinkBar(anywidget.AnyWidget):
    """A "Copy link" button and the link to the case, kept on the page URL in Voila.

    `query` is `socialcase.share.to_query` of the scenario shown; set it with
    `show`. Outside Voila the link is `base_url` with the query (or just the
    query when `base_url` is empty), and the page URL is left alone.
    `stored_query` is what this browser saved for the page last time, offered
    when the page was opened without a scenario (``backup=True``); empty if none.

    >>> bar = LinkBar(scenario=Scenario(inbound_per_day=200))
    >>> bar.query.startswith("sc=2&d=")
    True
    >>> bar.show(Scenario()).query
    'sc=2'
    """

    _esm = _static("linkbar.js")
    _css = _static("linkbar.css")

    query = traitlets.Unicode(to_query(Scenario())).tag(sync=True)
    base_url = traitlets.Unicode("").tag(sync=True)
    owned_keys = traitlets.List(traitlets.Unicode(), list(QUERY_KEYS), read_only=True).tag(
        sync=True
    )
    button_label = traitlets.Unicode("Copy link").tag(sync=True)
    backup = traitlets.Bool(True).tag(sync=True)
    stored_query = traitlets.Unicode("").tag(sync=True)
    long_link = traitlets.Bool(False, read_only=True)

    def __init__(self, scenario: Scenario | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if scenario is not None:
            self.show(scenario)

    def show(self, scenario: Scenario) -> LinkBar:
        """Point the link (and, in Voila, the page URL) at `scenario`."""
        self.query = to_query(scenario)
        return self

    @traitlets.observe("query")
    def _check_length(self, change: dict[str, Any]) -> None:
        self.set_trait("long_link", len(change["new"]) > LONG_LINK_CHARS)

    @property
    def url(self) -> str:
        """The link as Python sees it: `base_url` (may be empty) with the query."""
        return join_query(self.base_url, self.query)

    def stored_scenario(self) -> Scenario | None:
        """The scenario this browser saved last time, if it offered one."""
        if not self.stored_query:
            return None
        result = from_query(self.stored_query)
        return result.scenario if result.found else None
