"""The dashboard on a 390 px phone: no text cut, nothing off screen, no cards overlapping,
in English and in Norwegian."""

from __future__ import annotations

from typing import Any

import pytest

from socialcase.scenario import Scenario, preset_changes
from socialcase.share import to_query

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# Every element on show that holds text of its own: its box inside the viewport's width and
# its text not overflowing it (scrollWidth <= clientWidth). Plotly's SVG text is left to the
# chart test below; hidden elements and the page's own scroll containers are skipped.
_CUT_JS = """() => {
  const width = document.documentElement.clientWidth;
  const bad = [];
  for (const el of document.querySelectorAll('#rendered_cells *')) {
    if (el.closest('svg, .sc-chart, .js-plotly-plot, details:not([open]) > div')) continue;
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own && !['BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'LABEL'].includes(el.tagName)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const text = (el.innerText || el.value || '').trim().slice(0, 60);
    const what = [el.tagName, el.className, text];
    if (r.left < -1 || r.right > width + 1) bad.push(['outside', ...what, r.left, r.right]);
    else if (!['TEXTAREA', 'INPUT'].includes(el.tagName)
             && el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'visible')
      bad.push(['overflow', ...what, el.scrollWidth, el.clientWidth]);
  }
  return bad;
}"""

_OVERLAP_JS = """() => {
  const cards = Array.from(document.querySelectorAll('.sc-headlines .sc-figure'))
    .map(c => c.getBoundingClientRect()).filter(r => r.width > 0);
  const hits = [];
  for (let i = 0; i < cards.length; i++) for (let j = i + 1; j < cards.length; j++) {
    const a = cards[i], b = cards[j];
    const across = a.left < b.right - 1 && b.left < a.right - 1;
    if (across && a.top < b.bottom - 1 && b.top < a.bottom - 1)
      hits.push([i, j]);
  }
  return [cards.length, hits];
}"""


# The sample case in English, and the Norway preset in Norwegian (longer words).
NORWAY_NB = "?" + to_query(Scenario().evolve(**preset_changes(Scenario(), "NO")), lang="nb")


@pytest.mark.parametrize(("query", "upload"), [("", "Upload export"), (NORWAY_NB, "Last opp")])
def test_nothing_is_cut_or_overlapping_on_a_phone(
    voila_server: Any, browser: Any, query: str, upload: str
) -> None:
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(voila_server.url + query, timeout=180_000)
        page.wait_for_selector("#loading", state="detached", timeout=180_000)
        page.wait_for_selector(".sc-out-net-value .sc-figure-value", timeout=180_000)
        page.wait_for_function(
            "document.querySelectorAll('.sc-chart .main-svg').length >= 10", timeout=180_000
        )
        page.wait_for_timeout(1500)
        assert page.evaluate(_CUT_JS) == []
        count, overlapping = page.evaluate(_OVERLAP_JS)
        assert count >= 20 and overlapping == []
        button = page.locator(".sc-upload-growth").first
        assert upload in button.inner_text()
        # Chart titles and legends inside their chart's width.
        charts = page.evaluate(
            """() => Array.from(document.querySelectorAll('.sc-chart')).flatMap(c => {
                 const box = c.getBoundingClientRect();
                 return Array.from(c.querySelectorAll('.gtitle, .legendtext')).map(t => {
                   const r = t.getBoundingClientRect();
                   return [t.textContent, r.left >= box.left - 1 && r.right <= box.right + 1];
                 }); })"""
        )
        assert [text for text, inside in charts if not inside] == []
    finally:
        page.close()
