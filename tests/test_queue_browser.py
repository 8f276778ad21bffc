"""Many viewers at once on a real server: every page completes, a viewer in line is told so,
and a section whose cell failed says so (issue 13 item 5).

A real Voila (127.0.0.1) with the project's voila.json serves the dashboard with a queue of
two calculating kernels; six Chromium pages open together. A second server serves a small
workbook whose middle section fails. Every wait is bounded.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DASHBOARD, LOAD_MS, READY

from devtools.serve import ROOT, VoilaServer, free_port, server_env, stop_process, wait_for_http
from socialcase.ui.queue import default_slots

VIEWERS = 6
RUNS_AT_ONCE = 2
POOL = 2
FILL_DELAY_S = 30  # two pages get the pool's kernels, the other four start their own
PAGE_DEADLINE_S = 420.0  # six runs of ~15-40 s, two at a time, on a shared machine
IN_LINE = "In line:"

STATE_JS = """
() => {
  const loading = document.getElementById("loading");
  const head = document.querySelector(".sc-out-net-value .sc-figure-value");
  return {
    loading: loading ? loading.innerText : null,
    verdict: !!(head && head.offsetParent !== null && head.textContent.trim()),
    failed: document.querySelectorAll(".sc-section-failed").length,
  };
}
"""


@pytest.fixture(scope="module")
def queued_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    log = tmp_path_factory.mktemp("voila-queue") / "voila.log"
    server = VoilaServer(
        DASHBOARD,
        preheat=True,
        pool_size=POOL,
        fill_delay_seconds=FILL_DELAY_S,
        log_path=log,
        extra_args=(f"--QueuedKernelManager.runs_at_once={RUNS_AT_ONCE}",),
    )
    with server:
        yield server


def _wait_kernels(server: VoilaServer, want: int, timeout_s: float) -> int:
    deadline = time.monotonic() + timeout_s
    count = len(server.kernel_pids())
    while count != want and time.monotonic() < deadline:
        time.sleep(1.0)
        count = len(server.kernel_pids())
    return count


@pytest.mark.browser
@pytest.mark.slow
def test_six_viewers_with_two_places_all_get_a_complete_page_and_see_why_they_wait(
    queued_server: VoilaServer, browser: Any
) -> None:
    assert _wait_kernels(queued_server, POOL, 240) == POOL
    time.sleep(5)  # the pool's runs have reached the cell that waits for a request
    status = json.loads(_read(f"{queued_server.url}voila/socialcase/queue/no-such-kernel"))
    assert status["slots"] == RUNS_AT_ONCE and status["state"] == "done"

    pages = []
    for _ in range(VIEWERS):
        page = browser.new_context().new_page()
        page.goto(queued_server.url, wait_until="commit", timeout=LOAD_MS)
        pages.append(page)
    seen: list[set[str]] = [set() for _ in pages]
    done = [False] * len(pages)
    failed = [0] * len(pages)
    deadline = time.monotonic() + PAGE_DEADLINE_S
    while not all(done) and time.monotonic() < deadline:
        for i, page in enumerate(pages):
            if done[i]:
                continue
            state = page.evaluate(STATE_JS)
            if state["loading"]:
                seen[i].add(state["loading"])
            if state["verdict"] and state["loading"] is None:
                done[i] = True
                failed[i] = state["failed"]
        time.sleep(0.2)
    for page in pages:
        page.goto("about:blank")
        page.context.close()

    assert all(done), f"{sum(done)} of {VIEWERS} pages complete within {PAGE_DEADLINE_S:g} s"
    assert failed == [0] * VIEWERS
    # Two pages get the pool's kernels (already calculated), four start their own: two of
    # those calculate, the others were in line, and their screen said how many are
    # opening the case and their place.
    waited = [texts for texts in seen if any(IN_LINE in t for t in texts)]
    assert waited, seen
    told = next(t for texts in waited for t in texts if IN_LINE in t)
    assert "people are opening this case at once" in told
    assert f"The server calculates {RUNS_AT_ONCE} copies at a time" in told
    assert "in line" in told.split("at a time", 1)[1]
    assert not any("Executing" in t for texts in seen for t in texts)


def _read(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode())


# -- a section that could not be drawn -------------------------------------------------------


FAILING_WORKBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "## 1. Fine before"},
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": "print('first section drawn')",
        },
        {"cell_type": "markdown", "metadata": {}, "source": "## 2. Broken"},
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": "raise ValueError('no such column')",
        },
        {"cell_type": "markdown", "metadata": {}, "source": "## 3. Fine after"},
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": "print('third section drawn')",
        },
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.fixture(scope="module")
def failing_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    # The server runs in the repository, so it reads voila.json (the queue and the template).
    folder = Path(tmp_path_factory.mktemp("failing"))
    notebook = folder / "failing.ipynb"
    notebook.write_text(json.dumps(FAILING_WORKBOOK))
    with VoilaServer(notebook, log_path=folder / "voila.log") as server:
        yield server


@pytest.mark.browser
@pytest.mark.slow
def test_a_section_that_could_not_be_drawn_says_so_and_the_next_is_drawn(
    failing_server: VoilaServer, browser: Any
) -> None:
    page = browser.new_context().new_page()
    page.goto(failing_server.url, timeout=LOAD_MS)
    page.wait_for_selector("#loading", state="detached", timeout=LOAD_MS)
    alert = page.locator(".sc-section-failed")
    alert.wait_for(timeout=LOAD_MS)
    text = alert.inner_text()
    assert text.startswith("Section 2. Broken could not be drawn: the server hit an error")
    assert "Reload the page to try again." in text
    body = page.locator("body").inner_text()
    assert "first section drawn" in body and "third section drawn" in body
    assert "Traceback" not in body and "ValueError" not in body and "Voilà" not in body
    page.context.close()


# -- the same queue through Voila's server extension (`make lab`, Binder) -----------------


@pytest.fixture(scope="module")
def jupyter_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Jupyter server with the project's etc/jupyter settings, as `make lab` starts it."""
    log = tmp_path_factory.mktemp("jupyter-queue") / "jupyter.log"
    port = free_port()
    env = server_env()
    env["JUPYTER_CONFIG_PATH"] = str(ROOT / "etc/jupyter")
    command = [
        sys.executable, "-m", "jupyter", "server", "--no-browser",
        f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0",
        "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.allow_root=True",
        f"--ServerApp.root_dir={ROOT}",
    ]  # fmt: skip
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_for_http(f"{url}api/status", process=process)
            yield url
        finally:
            stop_process(process)


@pytest.mark.browser
@pytest.mark.slow
def test_voila_render_in_jupyter_queues_and_draws_the_dashboard(
    jupyter_url: str, browser: Any
) -> None:
    status = json.loads(_read(f"{jupyter_url}voila/socialcase/queue/no-such-kernel"))
    assert status["slots"] == default_slots()  # etc/jupyter: runs_at_once 0, one per core
    page = browser.new_context().new_page()
    page.goto(f"{jupyter_url}voila/render/workbooks/business_case.ipynb", timeout=LOAD_MS)
    page.wait_for_selector(READY, timeout=LOAD_MS)
    assert page.locator(".sc-section-failed").count() == 0
    page.context.close()


# -- the kernel manager also routes template paths from the server's first request -------


@pytest.mark.slow
def test_odd_template_paths_answer_404_before_any_page_was_asked_for(
    tmp_path: Path,
) -> None:
    # Without a page request first (the identity provider swapped the handler only then),
    # Voila's own handler answered these 500.
    from test_templatepaths import PROBES, _status

    with VoilaServer(DASHBOARD, log_path=tmp_path / "voila.log") as server:
        got = {path: _status(server.url, path) for path, _ in PROBES}
        assert len(server.kernel_pids()) == 0  # no page was asked for, so no kernel
    assert got == dict(PROBES)


# -- a preheated kernel may wait longer than a cell's time limit --------------------------


CELL_LIMIT_S = 30


@pytest.mark.browser
@pytest.mark.slow
def test_a_preheated_kernel_older_than_the_cell_time_limit_still_serves_the_case(
    tmp_path: Path, browser: Any
) -> None:
    # The pool's kernel waits in the workbook's last cell for a request. With Voila's
    # per-cell limit on that wait, a kernel preheated more than `timeout` ago gave the
    # next viewer a page whose last section had run out of time (5 minutes in voila.json).
    server = VoilaServer(
        DASHBOARD,
        preheat=True,
        pool_size=1,
        log_path=tmp_path / "voila.log",
        extra_args=(f"--VoilaExecutor.timeout={CELL_LIMIT_S}",),
    )
    with server:
        assert _wait_kernels(server, 1, 240) == 1
        time.sleep(CELL_LIMIT_S + 60)  # the workbook ran, then the wait passed the limit
        page = browser.new_context().new_page()
        page.goto(server.url, timeout=LOAD_MS)
        page.wait_for_selector("#loading", state="detached", timeout=LOAD_MS)
        page.wait_for_selector(READY, timeout=LOAD_MS)
        failed = page.locator(".sc-section-failed").count()
        page.context.close()
    log = (tmp_path / "voila.log").read_text()
    assert "Using pre-heated kernel" in log
    assert failed == 0
    assert "ran out of time" not in log
