"""Share the case (step 10) in the dashboard: the page URL follows the scenario.

`LinkBar` shows the link to the case with a "Copy link" button. Inside Voila it
keeps the page's query on the scenario (``history.replaceState``), so a reload
or a copied address reproduces the case; other query keys such as ``theme`` stay.
The link carries where each value came from and the lead's evidence, within
`socialcase.share.LINK_BUDGET_CHARS` (`socialcase.share.build_link`); `notes`
say what was cut or left out, and a case that cannot fit is refused (`refused`).
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any

import anywidget
import traitlets

from socialcase.i18n import gettext
from socialcase.provenance import Provenance
from socialcase.scenario import Scenario
from socialcase.share import (
    LINK_BUDGET_CHARS,
    QUERY_KEYS,
    LinkResult,
    LinkTooLongError,
    build_link,
    from_query,
    join_query,
    to_query,
)

if TYPE_CHECKING:
    from socialcase.travel import CarriedGrowth, CarriedInbox

__all__ = ["LONG_LINK_CHARS", "LinkBar"]

LONG_LINK_CHARS = LINK_BUDGET_CHARS
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
    words = traitlets.Dict().tag(sync=True)  # the browser's own words, in the page's language
    backup = traitlets.Bool(True).tag(sync=True)
    stored_query = traitlets.Unicode("").tag(sync=True)
    refused = traitlets.Bool(False).tag(sync=True)
    long_link = traitlets.Bool(False, read_only=True)
    notes = traitlets.Tuple(read_only=True)

    def __init__(self, scenario: Scenario | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.speak()
        if scenario is not None:
            self.show(scenario)

    def speak(self) -> None:
        """The button and the browser's words in the page's language (`socialcase.i18n`)."""
        self.button_label = gettext("Copy link")
        self.words = {
            "copied": gettext("Copied"),
            "select": gettext("Select and copy the link"),
            "aria": gettext("Link to this case"),
            "too_long": gettext("Too long for a link: save the scenario file instead"),
        }

    def show(
        self,
        scenario: Scenario,
        provenance: Provenance | None = None,
        growth: CarriedGrowth | None = None,
        inbox: CarriedInbox | None = None,
        *,
        lang: str | None = None,
    ) -> LinkBar:
        """Point the link (and, in Voila, the page URL) at `scenario` and its evidence;
        with `lang` ("nb", "en"), the link opens the page in that language."""
        try:
            link = build_link(
                scenario, provenance=provenance, growth=growth, inbox=inbox, lang=lang
            )
        except LinkTooLongError as error:
            # The page keeps the whole case for a reload; the Copy button is refused.
            self.set_trait("notes", (str(error),))
            self.refused = True
            self.query = to_query(scenario, provenance=provenance, lang=lang)
        else:
            self.set_trait("notes", link.notes)
            self.refused = False
            self.query = link.query
        self.set_trait("long_link", bool(self.notes))
        return self

    @property
    def url(self) -> str:
        """The link as Python sees it: `base_url` (may be empty) with the query."""
        return join_query(self.base_url, self.query)

    def stored_scenario(self) -> Scenario | None:
        """The scenario this browser saved last time, if it offered one."""
        stored = self.stored_link()
        return stored.scenario if stored is not None else None

    def stored_link(self) -> LinkResult | None:
        """All this browser saved last time (scenario, origins, evidence), if it offered one."""
        if not self.stored_query:
            return None
        result = from_query(self.stored_query)
        return result if result.found else None
