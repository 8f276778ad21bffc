"""A slow browser still gets the whole page (issue 13: pages left without their verdict).

With many viewers at once on a small machine each browser is busy or starved for seconds
while the page's ~400 widget models are made. anywidget 0.9.17-0.11 gave up for good on a
model whose JavaScript had not loaded 2 s after the model was made ("[anywidget] Failed
to initialize model."), which left pages of the 5- and 10-viewer benchmark incomplete.
Chromium's CPU throttling (CDP ``Emulation.setCPUThrottlingRate``) makes one browser that
slow on purpose, so the loss shows with one page. The template's verdict swap is tested
with the live verdict's figures held back, and with a live verdict shaped unlike the copy.
"""

from __future__ import annotations

import os
import time
from typing import Any

import pytest
from conftest import LOAD_MS, PageWatch

import socialcase as sc
from socialcase.formatting import money

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# 50x slower: with anywidget 0.11 (main at ec56d56) this lost 5-12 widget models on
# every load on this 2-core machine (8x and 20x did not); the page takes 1-2 minutes.
# SC_CPU_THROTTLE overrides.
THROTTLE = float(os.environ.get("SC_CPU_THROTTLE", "50"))
CHARTS = 2  # the first charts of the page, scrolled into view, must draw
STEPS = 11  # the verdict (0) and steps 1-10: Dashboard.step
COMPLETE_S = 420.0

# The plain copy's figure count, noted when it first shows (it goes once the live one is up).
COPY_JS = """
window.__scCopyFigures = 0;
new MutationObserver(() => {
  const n = document.querySelectorAll(".sc-verdict-first .sc-figure-value").length;
  if (n > window.__scCopyFigures) window.__scCopyFigures = n;
}).observe(document, { childList: true, subtree: true });
"""

# What the page shows, leaving out the plain copy of the verdict (.sc-verdict-slot).
STATE_JS = """
() => {
  const live = (sel) => Array.from(document.querySelectorAll(sel))
    .filter((e) => !e.closest(".sc-verdict-slot, .sc-verdict-first"));
  const shown = (e) => !!e && e.offsetParent !== null && e.textContent.trim() !== "";
  const verdict = live(".sc-step-0")[0];
  const figures = verdict ? Array.from(verdict.querySelectorAll(".sc-figure-value")) : [];
  const sentence = verdict && verdict.querySelector(".sc-text-verdict p");
  const net = live(".sc-out-net-value .sc-figure-value")[0];
  return {
    loading: !!document.getElementById("loading"),
    copy_figures: window.__scCopyFigures || 0,
    copy_shown: !!document.querySelector(".sc-verdict-first"),
    figures: figures.length,
    figures_shown: figures.filter(shown).length,
    sentence: !!sentence && shown(sentence),
    net: net && shown(net) ? net.textContent.trim() : null,
    steps: new Set(live(".sc-step").map((s) =>
      Array.from(s.classList).find((c) => /^sc-step-\\d+$/.test(c)))).size,
    pagebar_steps: document.querySelectorAll(".sc-bar select option[value]:not([value=''])")
      .length,
    empty_figures: live(".sc-headline .sc-figure-value")
      .filter((e) => !e.textContent.trim()).length,
    failed_sections: document.querySelectorAll(".sc-section-failed").length,
  };
}
"""


def _complete(state: dict[str, Any]) -> bool:
    return (
        not state["loading"]
        and state["copy_figures"] >= 4
        and state["figures_shown"] >= state["copy_figures"]
        and state["sentence"]
        and state["steps"] == STEPS
        and state["pagebar_steps"] == STEPS
    )


def test_a_slow_browser_gets_the_verdict_the_bar_every_step_and_the_charts(
    voila_server, browser
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(COPY_JS)
        page = context.new_page()
        watched = PageWatch(page)
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
        page.goto(voila_server.url, timeout=LOAD_MS)
        deadline = time.monotonic() + COMPLETE_S
        state: dict[str, Any] = {}
        while time.monotonic() < deadline:
            state = page.evaluate(STATE_JS)
            if _complete(state):
                break
            page.wait_for_timeout(1000)
        lost = [e for e in watched.errors if "Failed to initialize" in e]
        assert lost == [], f"{len(lost)} widget models given up on: {lost[0]}; {state}"
        assert _complete(state), f"incomplete after {COMPLETE_S:g} s: {state}"
        assert state["empty_figures"] == 0
        # Drawing is plotly's work, not a widget's set-up: at full speed again (plotly.js at
        # 50x takes minutes per chart here), the first charts must draw when in view.
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        for index in range(CHARTS):
            chart = page.locator(".jp-OutputArea-output .sc-chart").nth(index)
            chart.scroll_into_view_if_needed()
            chart.locator(".main-svg").first.wait_for(timeout=120_000)
        assert state["net"] == money(sc.evaluate(sc.Scenario()).bottom_line.net_value_per_year)
        assert not state["copy_shown"]  # the live verdict took the copy's place
        assert state["failed_sections"] == 0
        assert watched.errors == [], watched.errors
    finally:
        context.close()


# The live verdict as if its figures' views had not drawn: their text is held back (kept in
# `window.__scHeld`) until `window.__scRelease()` puts it back, as a late widget would.
HOLD_FIGURES_JS = """
window.__scHeld = new Map();
window.__scHolding = true;
window.__scRelease = () => {
  window.__scHolding = false;
  for (const [e, text] of window.__scHeld) e.textContent = text;
};
new MutationObserver(() => {
  if (!window.__scHolding) return;
  for (const e of document.querySelectorAll(".jp-OutputArea-output .sc-step-0 .sc-figure-value")) {
    if (e.closest(".sc-verdict-slot") || !e.textContent.trim()) continue;
    window.__scHeld.set(e, e.textContent);
    e.textContent = "";
  }
}).observe(document, { childList: true, subtree: true, characterData: true });
"""

# A live verdict shaped unlike the copy: no sentence.
NO_SENTENCE_JS = """
new MutationObserver(() => {
  const live = ".jp-OutputArea-output .sc-step-0 .sc-text-verdict p";
  for (const p of document.querySelectorAll(live)) {
    if (!p.closest(".sc-verdict-slot")) p.remove();
  }
}).observe(document, { childList: true, subtree: true });
"""

LIVE_STEP = ".jp-OutputArea-output .sc-step-0"
COPY = ".sc-verdict-first"


def _open_live(browser: Any, url: str, script: str) -> tuple[Any, PageWatch]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(script)
    watched = PageWatch(context.new_page())
    watched.page.goto(url, timeout=LOAD_MS)
    watched.page.wait_for_selector("#loading", state="detached", timeout=LOAD_MS)
    watched.page.wait_for_selector(LIVE_STEP, state="attached", timeout=LOAD_MS)
    return context, watched


def test_the_plain_verdict_stays_until_the_live_one_has_its_figures(voila_server, browser) -> None:
    net = money(sc.evaluate(sc.Scenario()).bottom_line.net_value_per_year)
    context, watched = _open_live(browser, voila_server.url, HOLD_FIGURES_JS)
    try:
        page = watched.page
        page.wait_for_timeout(6000)  # twice the template's 3 s for a live verdict's shape
        copy = page.locator(COPY)
        assert copy.is_visible()  # not swapped for a live verdict with blank figures
        assert copy.locator(".sc-vf-out-net-value .sc-figure-value").inner_text() == net
        assert page.evaluate("window.__scHeld.size") >= 4
        page.evaluate("window.__scRelease()")  # the figures arrive late: the live one shows
        copy.wait_for(state="detached", timeout=10_000)
        assert watched.headline("net-value") == net
        assert page.locator(".sc-text-verdict p").first.is_visible()
        assert watched.errors == []
    finally:
        context.close()


def test_a_live_verdict_shaped_unlike_the_copy_still_shows(voila_server, browser) -> None:
    net = money(sc.evaluate(sc.Scenario()).bottom_line.net_value_per_year)
    context, watched = _open_live(browser, voila_server.url, NO_SENTENCE_JS)
    try:
        # Its figures are there, its sentence is not: it shows 3 s after it appeared.
        watched.page.locator(COPY).wait_for(state="detached", timeout=10_000)
        assert watched.page.locator(".sc-out-net-value .sc-figure-value").is_visible()
        assert watched.headline("net-value") == net
        assert watched.errors == []
    finally:
        context.close()
