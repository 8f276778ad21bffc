"""Timings of the Voila dashboard in a real browser, against two floor notebooks in the same run.

Run with ``python benchmarks/bench_dashboard.py`` (needs Chromium at ``socialcase.serve.CHROMIUM``).
One Voila server configuration serves a temporary folder holding a copy of the workbook and
the floor notebooks of ``benchmarks/floor/`` (the project's ``voila.json`` and template apply
to all three). It measures:

1. First render: from navigation to the dashboard's ready state (``#loading`` gone, the net
   value headline visible, at least 10 charts drawn) against the empty notebook's
   ``#loading`` gone, with cold kernels and with a preheated pool of one (``make dashboard``),
   median of several loads each, and where the time goes (HTML, JavaScript, widget state,
   widget views, charts). Target with preheat: within 1.5x of the floor.
2. Update round trip: from Enter in the hire salary box to the hire cost headline showing
   the expected text, median of 7 values, against the floor notebook's text box to label
   round trip. Target: within 3x of the floor. Also one inbound volume change.

Times come from ``performance.now()`` in the page (MutationObservers), so Playwright's
polling does not count. Between loads it waits until Voila and its kernels are idle (the
preheated pool refilled). It takes about three to four minutes.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import psutil
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

import socialcase as sc
from socialcase.formatting import money, number
from socialcase.serve import CHROMIUM, CHROMIUM_ARGS, ROOT, VoilaServer

HERE = Path(__file__).resolve().parent
NOTEBOOKS = {
    "dashboard": ROOT / "workbooks/business_case.ipynb",
    "empty": HERE / "floor/empty.ipynb",
    "slider": HERE / "floor/slider.ipynb",
}
COLD_LOADS = 3
PREHEATED_LOADS = 5
SALARIES = (61_000, 63_500, 58_000, 70_000, 66_250, 59_900, 72_400)
FLOOR_VALUES = ("17", "42", "256", "1001", "7", "99", "123456")
INBOUND = 200
CHARTS = 10
READY_TARGET, UPDATE_TARGET = 1.5, 3.0
FILL_DELAY_SECONDS = 1.0  # Voila's default wait before refilling the pool
TIMEOUT_MS = 90_000
CHARTS_MS = 20_000  # after the headline; longer means charts stayed blank

# Runs before any script of each page: records when each milestone first happens.
MILESTONES_JS = """
(() => {
  const marks = {};
  const sc = (window.__sc = { marks, ws: { messages: 0, bytes: 0, largest: 0 }, charts: [] });
  const mark = (k) => { if (!(k in marks)) marks[k] = performance.now(); };
  const wantCharts = %(charts)d;
  const check = () => {
    const loading = document.getElementById("loading");
    if (loading) mark("loading_seen");
    else if ("loading_seen" in marks) mark("loading_gone");
    if (!("first_widget" in marks) && document.querySelector(".jupyter-widgets")) {
      mark("first_widget");
    }
    const head = document.querySelector(".sc-out-net-value .sc-figure-value");
    if (head) mark("headline_in_dom");
    if (head && head.offsetParent !== null && "loading_gone" in marks) mark("headline");
    // A chart is drawn when its slot holds plotly's SVG (each plot has several .main-svg).
    let count = 0;
    for (const slot of document.querySelectorAll(".sc-chart")) {
      if (slot.querySelector(".main-svg")) count += 1;
    }
    while (sc.charts.length < count) sc.charts.push(performance.now());
    if ("loading_gone" in marks && "headline" in marks && count >= wantCharts) mark("ready");
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      mark("ws_created");
      this.addEventListener("open", () => mark("ws_open"));
      this.addEventListener("message", (event) => {
        const size = typeof event.data === "string" ? event.data.length
          : (event.data.byteLength || event.data.size || 0);
        sc.ws.messages += 1;
        sc.ws.bytes += size;
        if (size > sc.ws.largest) { sc.ws.largest = size; marks.ws_largest = performance.now(); }
      });
    }
  };
  // Update round trips: Enter (capture phase, before the widget sees it) starts the clock.
  window.addEventListener("keydown", (event) => {
    const w = window.__scWatch;
    if (event.key === "Enter" && w && w.t0 === null) w.t0 = performance.now();
  }, true);
})();
""".replace("%(charts)d", str(CHARTS))

WATCH_JS = """
([selector, expected]) => {
  if (window.__scWatch) window.__scWatch.observer.disconnect();
  const w = { t0: null, done: null, last: performance.now(), mutations: 0 };
  const check = () => {
    const el = document.querySelector(selector);
    if (w.t0 !== null && w.done === null && el && el.textContent.trim() === expected) {
      w.done = performance.now();
    }
  };
  w.observer = new MutationObserver(() => {
    w.last = performance.now();
    w.mutations += 1;
    check();
  });
  w.observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  window.__scWatch = w;
}
"""

NAV_JS = """
() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  const scripts = resources.filter((r) => r.initiatorType === "script");
  return {
    response_start: nav.responseStart,
    response_end: nav.responseEnd,
    dom_content_loaded: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
    html_kb: nav.encodedBodySize / 1e3,
    resources: resources.length,
    resource_kb: resources.reduce((s, r) => s + (r.encodedBodySize || 0), 0) / 1e3,
    last_script_end: scripts.reduce((m, r) => Math.max(m, r.responseEnd), 0),
    marks: window.__sc.marks,
    charts: window.__sc.charts,
    ws: window.__sc.ws,
    widget_views: document.querySelectorAll(".jupyter-widgets").length,
    chart_count: window.__sc.charts.length,
    chart_slots: document.querySelectorAll(".sc-chart").length,
  };
}
"""


# -- the server and its idle state ---------------------------------------------------------


def site_folder(folder: Path) -> Path:
    """The notebooks the server sees: a copy of the workbook and the two floor notebooks."""
    site = folder / "site"
    site.mkdir()
    for name, source in NOTEBOOKS.items():
        shutil.copyfile(source, site / f"{name}.ipynb")
    return site


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by a process and all its descendants (Voila and its kernels)."""
    total = 0.0
    try:
        parent = psutil.Process(pid)
        processes = [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return total
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def wait_idle(server: VoilaServer, quiet_seconds: float = 2.0, timeout: float = 120.0) -> float:
    """Wait until Voila and its kernels have used no CPU for `quiet_seconds` (pool refilled)."""
    assert server.process is not None
    start = time.monotonic()
    time.sleep(FILL_DELAY_SECONDS + 0.5)
    last, quiet_since = cpu_seconds(server.process.pid), time.monotonic()
    while time.monotonic() - start < timeout:
        time.sleep(0.25)
        now, used = time.monotonic(), cpu_seconds(server.process.pid)
        if used - last > 0.25 * 0.05:  # busier than 5% of a core
            quiet_since = now
        last = used
        if now - quiet_since >= quiet_seconds:
            break
    return time.monotonic() - start


@contextmanager
def serving(site: Path, *, preheat: bool, log: Path) -> Iterator[VoilaServer]:
    """One Voila for the folder, from the repository root (its voila.json, its template)."""
    server = VoilaServer(site, preheat=preheat, pool_size=1, log_path=log)
    with server:
        wait_idle(server)
        yield server


def render_url(server: VoilaServer, name: str) -> str:
    return f"{server.url}voila/render/{name}.ipynb"


# -- page loads -----------------------------------------------------------------------------


@contextmanager
def opened(browser: Any, url: str, ready: str) -> Iterator[tuple[Any, dict[str, Any]]]:
    """A fresh browser context on `url`, until the `ready` mark; yields (page, timings)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(MILESTONES_JS)
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        first = "headline" if ready == "ready" else ready
        page.wait_for_function(
            f"() => window.__sc && window.__sc.marks.{first} !== undefined",
            polling=50,
            timeout=TIMEOUT_MS,
        )
        with suppress(PlaywrightTimeout):  # charts left blank: reported, not in the medians
            page.wait_for_function(
                f"() => window.__sc.marks.{ready} !== undefined", polling=50, timeout=CHARTS_MS
            )
        yield page, page.evaluate(NAV_JS)
        page.goto("about:blank")  # beforeunload: Voila shuts the page's kernel down
    finally:
        context.close()


def load(browser: Any, server: VoilaServer, name: str, ready: str) -> dict[str, Any]:
    with opened(browser, render_url(server, name), ready) as (_, timings):
        pass
    timings["idle_wait"] = wait_idle(server)
    return timings


def load_series(
    browser: Any, server: VoilaServer, loads: int, label: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Alternate empty-notebook and dashboard loads; each waits for the server to be idle."""
    floors, dashboards = [], []
    for i in range(loads):
        floors.append(load(browser, server, "empty", "loading_gone"))
        dashboards.append(load(browser, server, "dashboard", "ready"))
        d = dashboards[-1]
        shown = (
            f"{d['marks']['ready']:7.0f} ms"
            if "ready" in d["marks"]
            else f"BLANK CHARTS: {d['chart_count']} of {d['chart_slots']} drawn"
            f" {CHARTS_MS / 1000:.0f} s after the headline ({d['marks']['headline']:.0f} ms)"
        )
        print(
            f"  {label} load {i + 1}/{loads}: empty {floors[-1]['marks']['loading_gone']:7.0f} ms,"
            f" dashboard {shown} (then idle after {d['idle_wait']:.1f} s)",
            flush=True,
        )
    return floors, dashboards


# -- update round trips ---------------------------------------------------------------------


def round_trip(page: Any, field: str, text: str, selector: str, expected: str) -> dict[str, float]:
    """Enter `text` in the box of `field`; ms until `selector` reads `expected`, and until calm."""
    page.evaluate(WATCH_JS, [selector, expected])
    box = page.locator(f"{field} input, {field} textarea").first
    box.fill(text)
    box.press("Enter")
    page.wait_for_function("() => window.__scWatch.done !== null", polling=20, timeout=TIMEOUT_MS)
    # Settled: no DOM change for 0.7 s (charts redrawn, messages cleared).
    page.wait_for_function(
        "() => performance.now() - window.__scWatch.last > 700", polling=100, timeout=TIMEOUT_MS
    )
    watch = page.evaluate(
        "() => ({t0: __scWatch.t0, done: __scWatch.done, last: __scWatch.last,"
        " mutations: __scWatch.mutations})"
    )
    return {
        "headline": watch["done"] - watch["t0"],
        "settled": max(watch["last"], watch["done"]) - watch["t0"],
        "mutations": watch["mutations"],
    }


def hire_cost(salary: float) -> str:
    case = sc.evaluate(sc.Scenario(hire_salary_per_year=salary))
    return money(case.bottom_line.cost.steady_state_cost_per_year)


def dashboard_updates(browser: Any, server: VoilaServer) -> dict[str, list[dict[str, float]]]:
    results: dict[str, list[dict[str, float]]] = {"salary": [], "inbound": []}
    with opened(browser, render_url(server, "dashboard"), "ready") as (page, _):
        wait_idle(server)  # the pool refills after this load; measure on a quiet machine
        for salary in SALARIES:
            results["salary"].append(
                round_trip(
                    page,
                    ".sc-in-hire_salary_per_year",
                    str(salary),
                    ".sc-out-hire-cost .sc-figure-value",
                    hire_cost(salary),
                )
            )
        changed = sc.Scenario(hire_salary_per_year=SALARIES[-1], inbound_per_day=INBOUND)
        missed = number(sc.evaluate(changed).engagement.missed_per_week_without_hire)
        results["inbound"].append(
            round_trip(
                page,
                ".sc-in-inbound_per_day",
                str(INBOUND),
                ".sc-out-missed-per-week .sc-figure-value",
                missed,
            )
        )
    return results


def floor_updates(browser: Any, server: VoilaServer) -> list[dict[str, float]]:
    with opened(browser, render_url(server, "slider"), "loading_gone") as (page, _):
        page.wait_for_selector(".sc-in-x input", timeout=TIMEOUT_MS)
        wait_idle(server)
        return [
            round_trip(page, ".sc-in-x", value, ".sc-out-x .sc-figure-value", value)
            for value in FLOOR_VALUES
        ]


# -- the report -----------------------------------------------------------------------------


def median(rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], float | None]) -> float:
    values = [v for v in (key(r) for r in rows) if v is not None]
    return statistics.median(values) if values else float("nan")


def mark(name: str) -> Callable[[dict[str, Any]], float | None]:
    return lambda r: r["marks"].get(name)


def verdict(ratio: float, target: float) -> str:
    return "meets" if ratio <= target else "MISSES"


def report_loads(
    cold: tuple[list[dict[str, Any]], list[dict[str, Any]]],
    hot: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    (cold_floor, cold_dash), (hot_floor, hot_dash) = cold, hot
    print()
    print("1. First render, ms from navigation start (median of the loads)")
    print(f"   {'':58}{'cold':>10}{'preheated':>11}")
    rows = [
        ("floor: empty notebook, #loading gone", cold_floor, hot_floor, "loading_gone"),
        ("dashboard ready (#loading gone, headline, >=10 charts)", cold_dash, hot_dash, "ready"),
    ]
    for label, c, h, name in rows:
        print(f"   {label:58}{median(c, mark(name)):10.0f}{median(h, mark(name)):11.0f}")
    cold_ratio = median(cold_dash, mark("ready")) / median(cold_floor, mark("loading_gone"))
    hot_ratio = median(hot_dash, mark("ready")) / median(hot_floor, mark("loading_gone"))
    print(
        f"   {'ratio of the medians, dashboard / floor':58}{cold_ratio:9.2f}x{hot_ratio:10.2f}x"
        f"   target <= {READY_TARGET}x preheated: {verdict(hot_ratio, READY_TARGET)}"
    )
    paired = [
        statistics.median(
            d["marks"]["ready"] / f["marks"]["loading_gone"]
            for f, d in zip(*pair, strict=True)
            if "ready" in d["marks"]
        )
        for pair in (cold, hot)
    ]
    print(f"   {'median of paired ratios (adjacent loads)':58}{paired[0]:9.2f}x{paired[1]:10.2f}x")
    for name, rows_ in (("cold", cold_dash), ("preheated", hot_dash)):
        spread = [f"{d['marks']['ready']:.0f}" if "ready" in d["marks"] else "blank" for d in rows_]
        print(f"   {name} dashboard loads, ms: {', '.join(spread)}")
    blank = sum("ready" not in d["marks"] for d in (*cold_dash, *hot_dash))
    if blank:
        print(
            f"   {blank} load(s) left charts blank ({CHARTS_MS / 1000:.0f} s after the headline):"
            " left out of the medians"
        )
    print()
    print("   Where the time goes (median ms from navigation start)")
    print(f"   {'':46}{'dash cold':>10}{'dash hot':>10}{'empty cold':>11}{'empty hot':>10}")
    steps: list[tuple[str, Callable[[dict[str, Any]], float | None]]] = [
        ("HTML first byte", lambda r: r["response_start"]),
        ("HTML complete (kernel ran the notebook)", lambda r: r["response_end"]),
        ("DOMContentLoaded", lambda r: r["dom_content_loaded"]),
        ("last script downloaded", lambda r: r["last_script_end"]),
        ("#loading gone (JS and theme loaded)", mark("loading_gone")),
        ("kernel websocket open", mark("ws_open")),
        ("widget state received (largest ws message)", mark("ws_largest")),
        ("first widget view in the DOM", mark("first_widget")),
        ("net value headline in the DOM (step 0)", mark("headline_in_dom")),
        ("net value headline visible", mark("headline")),
        ("first chart drawn", lambda r: r["charts"][0] if r["charts"] else None),
        (f"chart {CHARTS} drawn (ready)", mark("ready")),
    ]
    for label, key in steps:
        cells = [median(rows_, key) for rows_ in (cold_dash, hot_dash, cold_floor, hot_floor)]
        text = "".join(f"{v:10.0f}" if v == v else f"{'-':>10}" for v in cells[:2])
        text += f"{cells[2]:11.0f}" if cells[2] == cells[2] else f"{'-':>11}"
        text += f"{cells[3]:10.0f}" if cells[3] == cells[3] else f"{'-':>10}"
        print(f"   {label:46}{text}")
    d = hot_dash[-1]
    f = hot_floor[-1]
    print(
        f"   sizes (preheated): dashboard HTML {d['html_kb']:.0f} kB, {d['resources']} resources"
        f" {d['resource_kb']:.0f} kB, websocket {d['ws']['messages']} messages"
        f" {d['ws']['bytes'] / 1e3:.0f} kB (largest {d['ws']['largest'] / 1e3:.0f} kB),"
        f" {d['widget_views']} widget views, {d['chart_count']} of {d['chart_slots']} charts;"
        f" empty: HTML {f['html_kb']:.0f} kB, {f['resources']} resources"
        f" {f['resource_kb']:.0f} kB"
    )


def report_updates(dash: dict[str, list[dict[str, float]]], floor: list[dict[str, float]]) -> None:
    salary = median(dash["salary"], lambda r: r["headline"])
    settled = median(dash["salary"], lambda r: r["settled"])
    base = median(floor, lambda r: r["headline"])
    inbound = dash["inbound"][0]
    print()
    print("2. Update round trip, ms from Enter to the expected text (median)")
    print(f"   {'floor: text box -> label':58}{base:10.0f}   (n={len(floor)})")
    print(
        f"   {'dashboard: hire salary -> hire cost headline':58}{salary:10.0f}"
        f"   (n={len(dash['salary'])}, min {min(r['headline'] for r in dash['salary']):.0f},"
        f" max {max(r['headline'] for r in dash['salary']):.0f})"
    )
    print(f"   {'  ... until the page is calm (charts redrawn)':58}{settled:10.0f}")
    print(
        f"   {'dashboard: inbound/day -> missed a week (one change)':58}"
        f"{inbound['headline']:10.0f}   (calm after {inbound['settled']:.0f})"
    )
    ratio = salary / base
    print(
        f"   {'ratio dashboard / floor':58}{ratio:9.2f}x"
        f"   target <= {UPDATE_TARGET}x: {verdict(ratio, UPDATE_TARGET)}"
    )


def main() -> None:
    if not Path(CHROMIUM).exists():
        print(f"bench_dashboard: skipped, no Chromium at {CHROMIUM}")
        return
    started = time.monotonic()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (others slow it down)")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        site = site_folder(Path(folder))
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # One unmeasured load warms the file cache and Chromium.
            with serving(site, preheat=False, log=Path(folder) / "cold.log") as server:
                load(browser, server, "empty", "loading_gone")
                print("cold kernels (no preheat):", flush=True)
                cold = load_series(browser, server, COLD_LOADS, "cold")
            with serving(site, preheat=True, log=Path(folder) / "hot.log") as server:
                print("preheated pool of 1 (make dashboard):", flush=True)
                hot = load_series(browser, server, PREHEATED_LOADS, "preheated")
                print("update round trips...", flush=True)
                updates = dashboard_updates(browser, server)
                floor = floor_updates(browser, server)
        finally:
            browser.close()
    report_loads(cold, hot)
    report_updates(updates, floor)
    print(
        f"\n(took {time.monotonic() - started:.0f} s; load average now"
        f" {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: browser, Voila and kernels share"
        " them, so anything else running inflates both sides)"
    )


if __name__ == "__main__":
    sys.exit(main())
