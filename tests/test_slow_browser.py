"""A slow browser still gets the whole page (issue 13: pages left without their verdict).

With many viewers at once on a small machine each browser's main thread is busy for
seconds while the page's ~400 widget views are created. Chromium's CPU throttling (CDP
``Emulation.setCPUThrottlingRate``) makes one browser that slow on purpose, so the failure
seen with 5-10 pages at once shows with one page: a widget whose model was given up on
("[anywidget] Failed to initialize model.") left the verdict without its figures or
sentence, and the page without its bar.
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
COMPLETE_S = 300.0

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
  const inView = live(".sc-chart").filter((c) => {
    const r = c.getBoundingClientRect();
    return c.offsetParent !== null && r.bottom > 0 && r.top < innerHeight && r.height > 0;
  });
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
    charts_in_view: inView.length,
    charts_drawn: inView.filter((c) => c.querySelector(".main-svg")).length,
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
