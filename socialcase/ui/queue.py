"""A queue for the dashboard's kernels: only a few calculate the workbook at once.

Every viewer gets a kernel of their own, and running the workbook in it is CPU work
(about 15 s of one core on the development machine). Twenty viewers at once on two
cores, each run racing the others, all take minutes and some give up ("Timeout waiting
for IOPub output"). `RunQueue` lets `runs_at_once` runs calculate together (by default
one per core) and keeps the others in line, first come first served; a viewer in line
is told where they are (`QueueStatusHandler`, read by the project's Voila template).

`QueuedKernelManager` is the kernel manager that brings it in. Name it in the config and
it applies wherever the dashboard is served:

- standalone Voila (`make dashboard`): ``VoilaConfiguration.multi_kernel_manager_class``
  in ``voila.json``;
- Voila's server extension (``/voila/render/...`` in `make lab` and on Binder):
  ``ServerApp.kernel_manager_class`` in ``etc/jupyter/jupyter_server_config.json``.

It also makes a section whose cell failed say so on the page (`_cells_one_by_one`), and
keeps the kernels of viewers in line from being culled as idle while they wait.
"""

from __future__ import annotations

import asyncio
import html
import json
import math
import os
import statistics
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

import tornado.web
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from traitlets import Float, Integer

from socialcase.i18n import DEFAULT_LANGUAGE, LANGUAGES, gettext, use_language

__all__ = [
    "QUEUE",
    "QueueStatusHandler",
    "QueuedKernelManager",
    "RunQueue",
    "failed_section_output",
]

QUEUE_PATH = "voila/socialcase/queue"
"""Below the server's base URL: ``<QUEUE_PATH>/<kernel id>`` answers where that run is."""
RUN_TIMES_KEPT = 10
"""How many recent runs the expected wait is the median of."""
TURN_CHECK_SECONDS = 0.25
"""How often a run in line looks for its turn (and whether its page has closed)."""


class RunQueue:
    """Runs that calculate (at most `slots` at once) and runs waiting, first come first served.

    A run is named by its kernel id. ``await enter(kernel_id)`` returns when the run may
    calculate; ``leave(kernel_id)`` frees its place (twice is harmless). Runs in line look
    for their turn every `TURN_CHECK_SECONDS`, which costs nothing next to a run.
    """

    def __init__(self, slots: int) -> None:
        self.slots = max(1, slots)
        self.running: dict[str, float] = {}  # kernel id -> monotonic time it started
        self.waiting: deque[str] = deque()
        self.run_seconds: deque[float] = deque(maxlen=RUN_TIMES_KEPT)

    def resize(self, slots: int) -> None:
        self.slots = max(1, slots)

    def _my_turn(self, kernel_id: str) -> bool:
        return len(self.running) < self.slots and self.waiting[0] == kernel_id

    async def enter(self, kernel_id: str, gone: Callable[[], bool] | None = None) -> bool:
        """Wait for a place; False (and out of line) if `gone()` turns true first."""
        self.waiting.append(kernel_id)
        try:
            while not self._my_turn(kernel_id):
                if gone is not None and gone():
                    return False
                await asyncio.sleep(TURN_CHECK_SECONDS)
            self.running[kernel_id] = time.monotonic()
            return True
        finally:
            self.waiting.remove(kernel_id)

    def leave(self, kernel_id: str, *, finished: bool = True) -> float | None:
        """Free the place of `kernel_id`; a `finished` run's duration feeds the estimate.

        Returns how long the run held its place (None if it held none).
        """
        started = self.running.pop(kernel_id, None)
        if started is None:
            return None
        seconds = time.monotonic() - started
        if finished:
            self.run_seconds.append(seconds)
        return seconds

    def holds(self, kernel_id: str) -> bool:
        return kernel_id in self.running or kernel_id in self.waiting

    def seconds_per_run(self) -> float | None:
        """Median duration of the recent runs; None before the first has finished."""
        return statistics.median(self.run_seconds) if self.run_seconds else None

    def status(self, kernel_id: str) -> dict[str, Any]:
        """Where `kernel_id` stands: ``ahead``, the runs in line before it (None if not in line)."""
        ahead = self.waiting.index(kernel_id) if kernel_id in self.waiting else None
        each = self.seconds_per_run()
        wait_seconds = None
        if ahead is not None and each is not None:
            # Places free up `slots` at a time, each batch taking about one run: with 3
            # ahead and 2 places, this run starts after the second batch (2 runs' time).
            wait_seconds = math.ceil((ahead + 1) / self.slots) * each
        if ahead is not None:
            state = "waiting"
        else:
            state = "running" if kernel_id in self.running else "done"
        return {
            "state": state,
            "ahead": ahead,
            "waiting": len(self.waiting),
            "running": len(self.running),
            "slots": self.slots,
            "seconds_per_run": each,
            "wait_seconds": wait_seconds,
        }


def default_slots() -> int:
    """One calculating run per core the server may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


QUEUE = RunQueue(default_slots())
"""The server's one queue (the renderer methods below reach it, not a kernel manager)."""


class QueueStatusHandler(JupyterHandler):
    """``GET <base>/voila/socialcase/queue/<kernel id>``: that run's place, as JSON."""

    @tornado.web.authenticated
    def get(self, kernel_id: str) -> None:
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(QUEUE.status(kernel_id)))


# --- failed sections -------------------------------------------------------------------

FAILED_CLASS = "sc-section-failed"


def _failure_text(name: str, timed_out: bool) -> str:
    why = (
        gettext("the server took too long to calculate it")
        if timed_out
        else gettext("the server hit an error while calculating it")
    )
    return gettext(
        "{name} could not be drawn: {why}. The other sections are not affected. "
        "Reload the page to try again."
    ).format(name=name, why=why)


def failed_section_output(
    section: str, timed_out: bool, headings: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The output that takes the place of a section whose cell failed: a plain message.

    `section` names it in English ("Section 3. Sign 2: ..."); `headings` holds the
    section's heading in the other languages (from the workbook's translations). The
    HTML says it in every language, each marked with its ``lang``: the page shows the
    one of ``<html lang>`` (socialcase.css, as for the workbook's text)."""
    with use_language(DEFAULT_LANGUAGE):
        text = _failure_text(section or gettext("This part of the page"), timed_out)
    said = [f'<p class="sc-md" lang="{DEFAULT_LANGUAGE}">{html.escape(text)}</p>']
    for language in LANGUAGES:
        if language == DEFAULT_LANGUAGE:
            continue
        with use_language(language):
            heading = (headings or {}).get(language, "")
            name = (
                gettext("Section {heading}").format(heading=heading)
                if heading
                else gettext("This part of the page")
            )
            said.append(
                f'<p class="sc-md" lang="{language}">'
                f"{html.escape(_failure_text(name, timed_out))}</p>"
            )
    return {
        "output_type": "display_data",
        "metadata": {},
        "data": {
            "text/plain": text,
            "text/html": f'<div class="{FAILED_CLASS}" role="alert">{"".join(said)}</div>',
        },
    }


def _section_names(cells: list[Any]) -> list[str]:
    """For each cell, the workbook section it belongs to ("## 3. Sign 2: ..." headings)."""
    return [f"Section {h['en']}" if h else "" for h in _section_headings(cells)]


def _section_headings(cells: list[Any]) -> list[dict[str, str]]:
    """For each cell, the heading of its section in every language the workbook carries
    (``metadata.socialcase.markdown``, `socialcase.catalogs.with_translations`)."""
    current: dict[str, str] = {}
    headings = []
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            source = "".join(cell.get("source", ""))
            if source.startswith("## "):
                current = {"en": source.split("\n", 1)[0][3:].strip()}
                translated = (cell.get("metadata", {}).get("socialcase") or {}).get("markdown")
                for language, text in (translated or {}).items():
                    if text.startswith("## "):
                        current[language] = text.split("\n", 1)[0][3:].strip()
        headings.append(current)
    return headings


# --- the renderer: wait for a place, then run the cells ----------------------------------


def _viewer_left(renderer: Any) -> bool:
    """True when the page that asked for this run has closed its connection."""
    handler = getattr(renderer, "request_handler", None)
    stream = getattr(getattr(getattr(handler, "request", None), "connection", None), "stream", None)
    return bool(stream is not None and stream.closed())


async def _queued_kernel_start(self: Any, nb: Any, kernel_id: str, kernel_future: Any) -> str:
    """Voila's kernel start, after waiting for a place in the queue."""
    self._sc_abandoned = False
    if not await QUEUE.enter(kernel_id, gone=lambda: _viewer_left(self)):
        # The page closed while in line: nothing to calculate, and its kernel goes back.
        self._sc_abandoned = True
        manager = getattr(getattr(self, "request_handler", None), "kernel_manager", None)
        if manager is not None and kernel_id in manager:
            await manager.shutdown_kernel(kernel_id)
        return kernel_id
    try:
        return str(await _ORIGINAL_KERNEL_START(self, nb, kernel_id, kernel_future))
    except BaseException:
        QUEUE.leave(kernel_id, finished=False)
        raise


async def _cells_one_by_one(self: Any, nb: Any, kernel_id: str) -> AsyncIterator[Any]:
    """Voila's cell-by-cell run, except that a failed cell says so and the rest still run.

    Voila stops at the first failed cell and leaves the sections below it empty. Here a
    failed cell shows which section could not be drawn and why, in plain words, and the
    next cells run. The run's place in the queue is given back when the last cell has
    run, or, in a preheated kernel (no request yet), before the cell that reads the link
    (``query_string()``; else the last code cell): that cell waits for the request, and a
    kernel waiting in the pool calculates nothing; nor does
    the cell's time limit apply to that wait.
    """
    from nbclient.exceptions import CellExecutionError
    from nbconvert.preprocessors.clearoutput import ClearOutputPreprocessor

    if getattr(self, "_sc_abandoned", False):
        return
    nb, _ = ClearOutputPreprocessor().preprocess(nb, {"metadata": {"path": self.cwd}})
    sections = _section_names(nb.cells)
    headings = _section_headings(nb.cells)
    code = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    pooled = getattr(self, "request_handler", None) is None
    # The cell that waits for the request (it reads the link): a preheated kernel stops there.
    waits = [i for i in code if "query_string(" in "".join(nb.cells[i].source)]
    waiting_cell = waits[0] if waits else (code[-1] if code else -1)
    timed_out = False
    try:
        for index, cell in enumerate(nb.cells):
            if pooled and index == waiting_cell:
                _leave_and_log(self, kernel_id)
                # A preheated kernel may wait here for hours: no per-cell time limit
                # (VoilaExecutor.timeout) for the wait, or the next viewer's page would
                # get this cell's "took too long" instead of their case.
                self.executor.timeout = None
            if cell.cell_type != "code":
                yield cell
                continue
            if timed_out:  # the kernel is still busy with the cell that ran out of time
                cell.outputs = [failed_section_output(sections[index], True, headings[index])]
                yield cell
                continue
            try:
                await self.executor.execute_cell(cell, None, index, store_history=False)
            except TimeoutError:
                self.log.error("socialcase: cell %s ran out of time", index)
                timed_out = True
                cell.outputs = [failed_section_output(sections[index], True, headings[index])]
            except CellExecutionError:
                self.log.exception("socialcase: cell %s failed", index)
                cell.outputs = [failed_section_output(sections[index], False, headings[index])]
            except Exception:
                self.log.exception("socialcase: cell %s could not be run", index)
                cell.outputs = [failed_section_output(sections[index], False, headings[index])]
            yield cell
    finally:
        _leave_and_log(self, kernel_id)
        await self._cleanup_resources()


def _leave_and_log(renderer: Any, kernel_id: str) -> None:
    seconds = QUEUE.leave(kernel_id)
    if seconds is not None:
        renderer.log.info(
            "socialcase: kernel %s calculated for %.1f s; %d in line, %d calculating",
            kernel_id,
            seconds,
            len(QUEUE.waiting),
            len(QUEUE.running),
        )


_ORIGINAL_KERNEL_START: Any = None


def install_renderer_queue() -> None:
    """Make Voila's notebook renderer wait in the queue and report failed sections (once)."""
    global _ORIGINAL_KERNEL_START
    from voila.notebook_renderer import NotebookRenderer

    if _ORIGINAL_KERNEL_START is not None:
        return
    _ORIGINAL_KERNEL_START = NotebookRenderer._jinja_kernel_start
    NotebookRenderer._jinja_kernel_start = _queued_kernel_start
    NotebookRenderer._jinja_cell_generator = _cells_one_by_one


# --- the kernel manager that brings it in ------------------------------------------------


class QueuedKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager, with the dashboard's queue (see the module's docstring)."""

    runs_at_once = Integer(
        0,
        config=True,
        help="How many kernels calculate the workbook at the same time (0: one per core).",
    )
    attach_retry_seconds = Float(
        0.1, config=True, help="How often to look for the web application until it exists."
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        QUEUE.resize(self.runs_at_once or default_slots())
        install_renderer_queue()
        _pool_counts_ready_kernels_only(type(self))
        self.log.info("socialcase: %s kernel(s) calculate at once, the others queue", QUEUE.slots)
        # The web application is built after the kernel manager: add the status page
        # (and the checked template paths) as soon as the server's loop runs, before it
        # has answered any request.
        asyncio.get_event_loop().call_soon(self._attach)

    def _attach(self) -> None:
        parent = self.parent
        app = getattr(parent, "app", None) or getattr(parent, "web_app", None)
        if app is None:
            asyncio.get_event_loop().call_later(self.attach_retry_seconds, self._attach)
            return
        attach_queue_pages(app)

    async def cull_kernel_if_idle(self, kernel_id: str) -> Any:
        """A kernel whose viewer is in line is waiting, not idle: never culled then."""
        if QUEUE.holds(kernel_id):
            return None
        return await super().cull_kernel_if_idle(kernel_id)


def _pool_counts_ready_kernels_only(kind: type) -> None:
    """With Voila's preheated pool, count only the pool's kernels that have started.

    Voila's pool holds the refills it has scheduled (``fill_delay`` later) as well as
    kernels that have started, and hands a viewer the first of them: a viewer arriving
    just after the pool was emptied got a blank page until the refill's delay and kernel
    start were over. Counting only started kernels, that viewer gets a kernel of their own
    at once, and a page that says where they are in line. (The handler asks for the
    pool's size right before it takes the pool's first kernel, so started ones go first.)
    """
    if "get_pool_size" not in vars(kind) or getattr(kind, "_sc_ready_pool", False):
        return

    def ready(task: asyncio.Future[Any]) -> bool:
        return task.done() and not task.cancelled() and task.exception() is None

    def get_pool_size(self: Any, notebook_name: str) -> int:
        pool = self._pools.get(notebook_name, [])
        # The handler takes the pool's first task next: a started one, when there is one.
        pool.sort(key=lambda task: not ready(task))
        return sum(1 for task in pool if ready(task))

    kind.get_pool_size = get_pool_size  # type: ignore[attr-defined]
    kind._sc_ready_pool = True  # type: ignore[attr-defined]


def attach_queue_pages(app: tornado.web.Application) -> None:
    """Add the queue's status page to `app` (once), and route template files through the
    checked handler from the first request on."""
    from socialcase.ui.templatepaths import use_checked_template_paths

    use_checked_template_paths(app)
    if app.settings.get("socialcase_queue_page"):
        return
    base_url = app.settings.get("base_url", "/")
    route = url_path_join(base_url, QUEUE_PATH, r"(?P<kernel_id>[\w-]+)")
    app.add_handlers(".*$", [(route, QueueStatusHandler)])
    # tornado puts a new host's rules last but one; Voila's catch-all page (which redirects
    # any other path to its file handler) would take the request first.
    rules = app.default_router.rules
    rules.insert(0, rules.pop(-2))
    app.settings["socialcase_queue_page"] = True
