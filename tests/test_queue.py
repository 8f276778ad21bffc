"""The dashboard's run queue: a few kernels calculate at once, the rest wait in order (issue 13).

Quick tests of `socialcase.ui.queue` without a server: order, places, the expected wait a
page shows, a page that leaves while in line, the failed-section message, and the config
that brings the queue in wherever the dashboard is served.
"""

from __future__ import annotations

import asyncio
import json

import pytest

from devtools.serve import ROOT
from socialcase.ui import queue
from socialcase.ui.queue import RunQueue, failed_section_output

VOILA = json.loads((ROOT / "voila.json").read_text())
SERVER = json.loads((ROOT / "etc/jupyter/jupyter_server_config.json").read_text())
MANAGER = "socialcase.ui.queue.QueuedKernelManager"


def test_at_most_slots_runs_calculate_and_the_rest_go_in_arrival_order() -> None:
    async def scenario() -> list[str]:
        line = RunQueue(slots=2)
        order: list[str] = []
        peak = 0

        async def run(name: str) -> None:
            nonlocal peak
            assert await line.enter(name)
            order.append(name)
            peak = max(peak, len(line.running))
            await asyncio.sleep(0.3)
            line.leave(name)

        tasks = []
        for name in "abcde":
            tasks.append(asyncio.ensure_future(run(name)))
            await asyncio.sleep(0.01)  # arrive in this order
        await asyncio.gather(*tasks)
        assert peak == 2
        return order

    assert asyncio.run(scenario()) == list("abcde")


def test_a_page_in_line_is_told_how_many_are_ahead_and_about_how_long() -> None:
    async def scenario() -> dict[str, dict[str, object]]:
        line = RunQueue(slots=2)
        line.run_seconds.extend([10.0, 12.0, 30.0])  # median 12 s
        for name in ("r1", "r2"):
            assert await line.enter(name)
        waiters = [asyncio.ensure_future(line.enter(n)) for n in ("w1", "w2", "w3")]
        await asyncio.sleep(0.05)
        seen = {n: line.status(n) for n in ("r1", "w1", "w2", "w3", "gone")}
        for name in ("r1", "r2"):
            line.leave(name, finished=False)
        await asyncio.sleep(queue.TURN_CHECK_SECONDS * 3)
        for name in ("w1", "w2"):
            line.leave(name, finished=False)
        await asyncio.gather(*waiters)
        return seen

    seen = asyncio.run(scenario())
    assert seen["r1"]["state"] == "running" and seen["r1"]["ahead"] is None
    assert [seen[n]["ahead"] for n in ("w1", "w2", "w3")] == [0, 1, 2]
    # Two places, 12 s a run: w1 and w2 start after one batch (12 s), w3 after two (24 s).
    assert [seen[n]["wait_seconds"] for n in ("w1", "w2", "w3")] == [12.0, 12.0, 24.0]
    assert seen["w3"]["waiting"] == 3 and seen["w3"]["running"] == 2
    assert seen["gone"]["state"] == "done"


def test_before_any_run_has_finished_no_wait_is_promised() -> None:
    async def scenario() -> object:
        line = RunQueue(slots=1)
        assert await line.enter("r")
        waiter = asyncio.ensure_future(line.enter("w"))
        await asyncio.sleep(0.05)
        wait = line.status("w")["wait_seconds"]
        line.leave("r")
        assert await waiter
        return wait

    assert asyncio.run(scenario()) is None


def test_a_page_that_closes_while_in_line_leaves_the_line() -> None:
    async def scenario() -> tuple[bool, bool]:
        line = RunQueue(slots=1)
        assert await line.enter("r")
        closed = False
        waiter = asyncio.ensure_future(line.enter("w", gone=lambda: closed))
        await asyncio.sleep(0.05)
        closed = True
        entered = await asyncio.wait_for(waiter, 2.0)
        return entered, line.holds("w")

    assert asyncio.run(scenario()) == (False, False)


def test_the_expected_wait_is_the_median_of_finished_runs() -> None:
    line = RunQueue(slots=1)
    line.running["a"] = 0.0  # started at monotonic 0: long ago
    line.leave("a")
    line.running["b"] = 0.0
    line.leave("b", finished=False)  # a run cut short says nothing about a run's length
    assert len(line.run_seconds) == 1
    assert line.seconds_per_run() == line.run_seconds[0]


def test_a_failed_section_says_which_and_why_in_escaped_words() -> None:
    output = failed_section_output("Section 3. Sign <2>", timed_out=False)
    text = output["data"]["text/plain"]
    assert text.startswith("Section 3. Sign <2> could not be drawn: the server hit an error")
    assert "<2>" not in output["data"]["text/html"]
    assert "&lt;2&gt;" in output["data"]["text/html"]
    assert 'role="alert"' in output["data"]["text/html"]
    late = failed_section_output("", timed_out=True)["data"]["text/plain"]
    assert late.startswith("This part of the page could not be drawn: the server took too long")


def test_sections_are_named_from_the_workbook_headings() -> None:
    cells = [
        {"cell_type": "markdown", "source": "# Title"},
        {"cell_type": "code", "source": "x = 1"},
        {"cell_type": "markdown", "source": "## 2. Sign 1: growth\n\ntext"},
        {"cell_type": "code", "source": "step(2)"},
    ]
    growth = "Section 2. Sign 1: growth"
    assert queue._section_names(cells) == ["", "", growth, growth]


@pytest.mark.parametrize(
    "config",
    [
        VOILA["VoilaConfiguration"]["multi_kernel_manager_class"],
        SERVER["ServerApp"]["kernel_manager_class"],
    ],
    ids=["standalone", "server-extension"],
)
def test_the_queue_is_the_kernel_manager_wherever_the_dashboard_is_served(config: str) -> None:
    assert config == MANAGER


def test_by_default_one_run_calculates_per_core() -> None:
    import os

    assert VOILA["QueuedKernelManager"]["runs_at_once"] == 0  # 0: one per core
    assert queue.default_slots() == len(os.sched_getaffinity(0))


def test_the_page_learns_where_to_ask_for_its_place_before_its_kernel_starts() -> None:
    # Voila streams the template while the kernel waits in kernel_start: the page must have
    # its queue address (and the code that reads it) before that point.
    template = (ROOT / "share/jupyter/voila/templates/socialcase/index.html.j2").read_text()
    asks = template.index("window.scQueue({{")
    assert template.index("window.scQueue = function") < asks < template.index("kernel_start(nb)")
    assert queue.QUEUE_PATH in template


def test_a_failed_section_is_said_in_every_language_with_its_own_heading() -> None:
    cells = [
        {
            "cell_type": "markdown",
            "source": "## 2. Sign 1: growth\n\ntext",
            "metadata": {"socialcase": {"markdown": {"nb": "## 2. Tegn 1: vekst\n\ntekst"}}},
        },
        {"cell_type": "code", "source": "step(2)"},
    ]
    heading = queue._section_headings(cells)[1]
    assert heading == {"en": "2. Sign 1: growth", "nb": "2. Tegn 1: vekst"}
    output = failed_section_output("Section 2. Sign 1: growth", False, heading)
    page = output["data"]["text/html"]
    assert '<p class="sc-md" lang="en">Section 2. Sign 1: growth could not be drawn' in page
    assert '<p class="sc-md" lang="nb">Steget 2. Tegn 1: vekst kunne ikke vises' in page
    assert output["data"]["text/plain"].startswith("Section 2. Sign 1: growth could not")
