"""Shared by the i18n report and narrative tests: the scenarios rendered in both languages,
and the check that a Norwegian text is not the English one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from socialcase import Scenario, preset
from socialcase.page import GrowthEvidence, InboxEvidence, growth_evidence, sample_inbox_evidence

FIXTURES = Path(__file__).parent / "fixtures"

SCENARIOS = {
    "sample": Scenario(),
    "norway": preset("NO"),
    # A weak case: a dear hire and little to win (NPV negative, payback never).
    "weak": Scenario(hire_salary_per_year=150_000, inbound_per_day=5),
    # A strong case: a cheap hire with much overtime to take over, live chat on.
    "strong": Scenario(
        hire_salary_per_year=40_000, actual_hours_per_week=52, chat_messages_per_hour=12
    ),
}

ALLOWED = frozenset(
    {
        "socialcase",
        "NOK",
        "USD",
        "P10",
        "P50",
        "P90",
        "KPI",
        "OTP",
        "Community manager",  # a job title Norwegian employers write in English
        "Senior community manager",
        "P50 (median)",
        "Social media manager; Content creator",  # the team's roles as the lead typed them
        "Social media manager",
        "Content creator",
    }
)
"""Texts that are the same in both languages: the product, codes, typed titles."""

_LETTERS = re.compile(r"[A-Za-zÆØÅæøå]")


def growth_from_fixture(name: str = "norsk_sideeksport.csv") -> GrowthEvidence:
    from socialcase import imports

    path = FIXTURES / name
    return growth_evidence(imports.read_export(path.read_bytes(), path.name))


def inbox() -> InboxEvidence:
    return sample_inbox_evidence()


class TextNodes(HTMLParser):
    """Every text node of a document outside <script> and <style>, stripped."""

    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._skip:
            self.nodes.append(text)


def text_nodes(html: str) -> list[str]:
    parser = TextNodes()
    parser.feed(html)
    return parser.nodes


def english_left(nb: Iterable[str], en: Iterable[str], allowed: Iterable[str] = ()) -> list[str]:
    """The Norwegian texts with letters that are word for word an English text."""
    english = set(en)
    ok = ALLOWED | set(allowed)
    return sorted(
        {t for t in nb if _LETTERS.search(t) and t in english and t not in ok and len(t) > 2}
    )
