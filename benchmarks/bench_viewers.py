"""Many viewers at once: 1, 5, 10 and 20 pages opened together on one `make dashboard` server.

Run with ``python benchmarks/bench_viewers.py`` (Chromium at ``socialcase.chromium.CHROMIUM``;
127.0.0.1 only; every wait is bounded), or ``... bench_viewers.py 1 10`` for those rounds
only. One Voila server with the settings of `make dashboard` (``voila.json``: the queue of
`socialcase.ui.queue`, one calculating kernel per core; a preheated pool of
``DASHBOARD_POOL_SIZE`` refilled after ``DASHBOARD_FILL_DELAY_SECONDS``) serves every
round. For each round it opens N pages in one Chromium at the same moment and records,
per page:

- complete: ``#loading`` gone, as many headline figures, steps, verdict sentences and
  steps in the page bar's menu as the single viewer's page (the verdict's plain copy left
  out), none of the figures empty and no section that could not be drawn, within
  ``VERDICT_TIMEOUT_S``;
- time to verdict: from navigation to the net value headline visible;
- errors: page errors and failed (>= 400) responses;
- in line: whether its loading screen said it was waiting in the queue;

then, with every page still open, the memory (RSS) of each kernel process, and, after
closing every page and waiting ``LEFT_AFTER_S`` seconds, how many kernels beyond the
preheated pool are still running. The ratios are against the single viewer of the same
run. A last round has five viewers arrive over a minute (a meeting). It takes 15-25
minutes on a shared 2-core machine; the load average is printed at start and end.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import _root  # noqa: F401  (the repository root on sys.path, for devtools)
import psutil
from playwright.async_api import async_playwright

from devtools.serve import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DASHBOARD_FILL_DELAY_SECONDS,
    DASHBOARD_POOL_SIZE,
    ROOT,
    VoilaServer,
)
from socialcase.ui.queue import default_slots

DASHBOARD = "workbooks/business_case.ipynb"
ROUNDS = (1, 5, 10, 20)
MEETING = 5
MEETING_SPREAD_S = 60.0
VERDICT_TIMEOUT_S = 600.0
REST_TIMEOUT_S = 60.0
LEFT_AFTER_S = 60.0
SETTLE_TIMEOUT_S = 240.0
IN_LINE = "In line:"  # how the template's loading text begins for a viewer in the queue
SETTINGS = json.loads((ROOT / "voila.json").read_text())

# What a page shows once the kernel has run: counted in the browser. The plain copy of the
# verdict the template shows before the widgets load (.sc-verdict-slot) is left out: it
# goes once the live verdict is complete, so counting it would depend on the moment.
STATE_JS = """
() => {
  const live = (selector) => Array.from(document.querySelectorAll(selector))
    .filter((e) => !e.closest(".sc-verdict-slot"));
  const figures = live(".sc-headline .sc-figure-value");
  const head = live(".sc-out-net-value .sc-figure-value")[0];
  return {
    loading: !!document.getElementById("loading"),
    loading_text: (document.getElementById("loading") || {}).innerText || "",
    figures: figures.length,
    empty_figures: figures.filter((e) => !e.textContent.trim()).length,
    steps: live(".sc-step").length,
    sentence: live(".sc-step-0 .sc-text-verdict p").filter((e) => e.textContent.trim()).length,
    pagebar_steps: document.querySelectorAll(".sc-bar select option:not([value=''])").length,
    failed_sections: document.querySelectorAll(".sc-section-failed").length,
    verdict: !!(head && head.offsetParent !== null && head.textContent.trim()),
  };
}
"""


@dataclass
class Viewer:
    seconds_to_verdict: float | None = None
    state: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    waiting_texts: set[str] = field(default_factory=set)


@dataclass
class Round:
    label: str
    viewers: list[Viewer]
    mb_per_kernel: float
    kernels_at_peak: int
    left_running: int

    def complete(self, reference: dict[str, Any]) -> int:
        return len(self.complete_viewers(reference))

    def complete_viewers(self, reference: dict[str, Any]) -> list[Viewer]:
        return [
            v
            for v in self.viewers
            if v.seconds_to_verdict is not None
            and not v.state.get("loading")
            and v.state.get("empty_figures") == 0
            and v.state.get("figures", 0) >= reference["figures"]
            and v.state.get("steps", 0) >= reference["steps"]
            and v.state.get("sentence", 0) >= reference["sentence"]
            and v.state.get("pagebar_steps", 0) >= reference["pagebar_steps"]
            and v.state.get("failed_sections") == 0
        ]

    def told_why(self) -> int:
        """Viewers whose loading screen said they were in line (the queue's message)."""
        return sum(1 for v in self.viewers if any(IN_LINE in t for t in v.waiting_texts))

    def times(self) -> list[float]:
        return [v.seconds_to_verdict for v in self.viewers if v.seconds_to_verdict is not None]


def rss_mb(pids: list[int]) -> list[float]:
    sizes = []
    for pid in pids:
        try:
            sizes.append(psutil.Process(pid).memory_info().rss / 1e6)
        except psutil.Error:
            continue
    return sizes


async def settle(server: VoilaServer, want: int, timeout_s: float) -> int:
    """Wait (bounded) until the server runs `want` kernels; the count at the end."""
    deadline = time.monotonic() + timeout_s
    count = len(server.kernel_pids())
    while count != want and time.monotonic() < deadline:
        await asyncio.sleep(2.0)
        count = len(server.kernel_pids())
    return count


async def open_viewer(browser: Any, url: str, delay_s: float, viewer: Viewer) -> Any:
    await asyncio.sleep(delay_s)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.on("pageerror", lambda e: viewer.errors.append(f"page error: {e}"))
    page.on(
        "response",
        lambda r: viewer.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    start = time.monotonic()
    deadline = start + VERDICT_TIMEOUT_S
    try:
        await page.goto(url, wait_until="commit", timeout=VERDICT_TIMEOUT_S * 1000)
        while time.monotonic() < deadline:
            state = viewer.state = await page.evaluate(STATE_JS)  # kept if it never ends
            if state["loading"] and state["loading_text"]:
                viewer.waiting_texts.add(state["loading_text"].split("(")[0].strip())
            if state["verdict"] and not state["loading"]:
                viewer.seconds_to_verdict = time.monotonic() - start
                break
            await asyncio.sleep(0.1)
        # The rest of the page (every figure filled, the page bar) may come a moment after
        # the verdict: up to REST_TIMEOUT_S more.
        deadline = min(deadline, time.monotonic() + REST_TIMEOUT_S)
        while time.monotonic() < deadline:
            viewer.state = await page.evaluate(STATE_JS)
            if (
                viewer.state["empty_figures"] == 0
                and viewer.state["pagebar_steps"] > 0
                and viewer.seconds_to_verdict is not None
            ):
                break
            await asyncio.sleep(0.25)
    except Exception as error:  # a viewer's failure is a result, not a crash
        viewer.errors.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
    return context


async def run_round(browser: Any, server: VoilaServer, label: str, delays: list[float]) -> Round:
    await settle(server, DASHBOARD_POOL_SIZE, SETTLE_TIMEOUT_S)
    await asyncio.sleep(DASHBOARD_FILL_DELAY_SECONDS + 2)  # a quiet, refilled pool
    viewers = [Viewer() for _ in delays]
    contexts = await asyncio.gather(
        *(open_viewer(browser, server.url, d, v) for d, v in zip(delays, viewers, strict=True))
    )
    pids = server.kernel_pids()
    sizes = rss_mb(pids)
    for context in contexts:
        # Leaving the page, as closing a tab does, runs its unload handler (the shutdown beacon).
        for page in context.pages:
            await page.goto("about:blank")
        await context.close()
    await asyncio.sleep(LEFT_AFTER_S)
    # Kernels beyond a full pool are left over; refills in progress count as pool.
    left = max(0, len(server.kernel_pids()) - DASHBOARD_POOL_SIZE)
    return Round(label, viewers, statistics.median(sizes) if sizes else 0.0, len(pids), left)


HEADER = (
    f"{'viewers':<22}{'complete':>10}{'median s':>10}{'slowest s':>11}{'x single':>10}"
    f"{'errors':>8}{'MB/kernel':>11}{'kernels':>9}{'left 60 s':>11}{'in line':>9}"
)


def print_row(r: Round, single: Round) -> None:
    """One row of the table; `single` is the single viewer of the same run (the baseline)."""
    reference = single.viewers[0].state
    base = statistics.median(single.times()) if single.times() else float("nan")
    times = r.times()
    median = statistics.median(times) if times else float("nan")
    slowest = max(times) if times else float("nan")
    errors = sum(len(v.errors) for v in r.viewers)
    print(
        f"{r.label:<22}{r.complete(reference):>5}/{len(r.viewers):<4}{median:>10.1f}"
        f"{slowest:>11.1f}{median / base:>10.2f}{errors:>8}{r.mb_per_kernel:>11.0f}"
        f"{r.kernels_at_peak:>9}{r.left_running:>11}{r.told_why():>9}",
        flush=True,
    )
    for error in [e for v in r.viewers for e in v.errors][:3]:
        print(f"    {error[:160]}", flush=True)
    shown = ("figures", "empty_figures", "steps", "sentence", "pagebar_steps", "failed_sections")
    shown += ("loading", "loading_text")
    complete = {id(v) for v in r.complete_viewers(reference)}
    for number, viewer in enumerate(r.viewers, 1):
        if id(viewer) not in complete:
            state = {key: viewer.state.get(key) for key in shown}
            took = viewer.seconds_to_verdict
            print(f"    incomplete: viewer {number}, verdict after {took} s, {state}", flush=True)


async def main(sizes: tuple[int, ...] = ROUNDS, meeting: bool = True) -> int:
    runs = SETTINGS.get("QueuedKernelManager", {}).get("runs_at_once", 0) or default_slots()
    cull = SETTINGS["MappingKernelManager"]
    print(
        f"pool {DASHBOARD_POOL_SIZE} preheated kernels, refill after "
        f"{DASHBOARD_FILL_DELAY_SECONDS:g} s; {runs} kernels calculate at once, the rest "
        f"queue; idle kernels with no page culled after {cull['cull_idle_timeout']} s "
        f"(checked every {cull['cull_interval']} s); {psutil.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 1e9:.0f} GB; load {os.getloadavg()[0]:.1f}"
    )
    log = Path(tempfile.mkdtemp(prefix="bench-viewers-")) / "voila.log"
    server = VoilaServer(
        DASHBOARD,
        preheat=True,
        pool_size=DASHBOARD_POOL_SIZE,
        fill_delay_seconds=DASHBOARD_FILL_DELAY_SECONDS,
        log_path=log,
    )
    rounds: list[Round] = []
    with server:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            spread = [MEETING_SPREAD_S * i / (MEETING - 1) for i in range(MEETING)]
            plan = [(f"{n} at once", [0.0] * n) for n in sizes]
            if meeting:
                plan.append((f"{MEETING} over a minute", spread))
            print(HEADER, flush=True)
            for label, delays in plan:
                rounds.append(await run_round(browser, server, label, delays))
                if rounds[0].viewers[0].seconds_to_verdict is None:
                    print("the single viewer's page never rendered: see", log)
                    return 1
                print_row(rounds[-1], rounds[0])
            await browser.close()
    waiting = sorted({t for r in rounds for v in r.viewers for t in v.waiting_texts})
    print("\nwhat waiting viewers read:", *(f"  {t!r}" for t in waiting[:6]), sep="\n")
    failures = [e for r in rounds for v in r.viewers for e in v.errors]
    if failures:
        print("\nerrors (first 10):", *(f"  {e}" for e in failures[:10]), sep="\n")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (1 min)")
    print(f"server log: {log}")
    return 0


if __name__ == "__main__":
    # `bench_viewers.py 1 10`: only those rounds (1 first: the baseline), no meeting round.
    chosen = tuple(int(a) for a in sys.argv[1:])
    sys.exit(asyncio.run(main(chosen or ROUNDS, meeting=not chosen)))
