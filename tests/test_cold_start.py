"""The cold page (a Voila kernel started for one request: no preheat, Binder's /voila/render).

Such a kernel builds only the verdict before the page goes out (`Dashboard.verdict_first`);
the sample evidence and steps 1 to 10 are built once the workbook's last cell has finished,
before the kernel reads the browser's first widget message. What the page shows once built
must be what a preheated kernel shows for the same link, and a change typed right after
the page goes live must reach every step. The normal CDF that the Monte Carlo's copula
needs no longer comes from scipy (`socialcase.uncertainty.ndtr`).
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import subprocess
import sys

import numpy as np
import pytest

import socialcase as sc
from socialcase import share
from socialcase.formatting import money
from socialcase.ui import Dashboard
from socialcase.ui.parts import FigureSlot, static_html
from socialcase.uncertainty import correlated_uniforms, ndtr, simulate

DRAWS = 2_000

LINKS = {
    "sample": "",
    "own case": share.to_query(
        sc.Scenario(inbound_per_day=200, hire_salary_per_year=70_000, team_size=3)
    ),
    "Norwegian preset": share.to_query(sc.preset("NO")),
}


def cold_page(monkeypatch: pytest.MonkeyPatch, query: str) -> tuple[Dashboard, str, bool]:
    """The workbook's cells in a kernel for one request: the copy, and whether the steps
    were still unbuilt when the last cell finished."""
    monkeypatch.setenv("VOILA_PREHEAT", "False")  # what Voila sets for such a kernel
    result: dict[str, object] = {}

    async def cells() -> None:
        board = Dashboard(draws=DRAWS)
        frames = [board.step(n) for n in range(11)]  # what the cells display
        board.apply_link(query)
        result["copy"] = board.verdict_first().html
        result["pending"] = all(not f.children for f in frames[1:])
        result["board"] = board
        await asyncio.sleep(0)  # the kernel's loop, before the browser's first message

    asyncio.run(cells())
    monkeypatch.delenv("VOILA_PREHEAT")
    return result["board"], result["copy"], result["pending"]  # type: ignore[return-value]


def preheated_page(query: str) -> tuple[Dashboard, str]:
    board = Dashboard(draws=DRAWS)
    board.apply_link(query)
    return board, board.verdict_first().html


def charts_of(board: Dashboard) -> dict[str, str]:
    """Every chart's figure as sent to the page (its JSON), by slot name."""
    found: dict[str, str] = {}
    for number, step in sorted(board.steps.items()):
        for name, part in vars(step).items():
            if isinstance(part, FigureSlot):
                found[f"{number}.{name}"] = part._shown
    inbox = board.inbox_panel.heatmap
    found["3.inbox-heatmap"] = inbox._shown
    return found


def _without_save_time(page_html: str) -> str:
    """The scenario file in a download link, decoded, without the time it was saved at."""

    def decoded(match: re.Match[str]) -> str:
        saved = json.loads(base64.b64decode(match.group(1)))
        saved.pop("saved_at", None)
        return json.dumps(saved, sort_keys=True)

    return re.sub(r"data:application/json;base64,([^\"]+)", decoded, page_html)


def shown(board: Dashboard) -> dict[str, object]:
    """What every step shows: its text and figures as plain HTML, every box's value and
    origin, every chart's figure, the link."""
    return {
        "steps": {n: _without_save_time(static_html(s.widget)) for n, s in board.steps.items()},
        "values": {
            name: (getattr(f, "box", None) and f.box.value, f.origin.value)  # type: ignore[attr-defined]
            for name, f in sorted(board.fields.items())
        },
        "charts": charts_of(board),
        "link": board.link.query,
        "title": board.pagebar.title,
        "language": board.lang,
    }


@pytest.mark.parametrize("link", LINKS)
def test_a_cold_kernel_shows_what_a_preheated_one_shows(
    monkeypatch: pytest.MonkeyPatch, link: str
) -> None:
    cold, cold_copy, pending = cold_page(monkeypatch, LINKS[link])
    assert pending, "steps 1-10 are built after the page has gone out"
    assert not cold._rest_pending, "and built before the browser's first message"
    hot, hot_copy = preheated_page(LINKS[link])
    assert cold_copy == hot_copy  # the verdict as plain HTML, figures and sentence
    assert cold.scenario == hot.scenario and cold.provenance == hot.provenance
    assert shown(cold) == shown(hot)
    assert all(frame.children for frame in cold.frames.values())
    assert cold.growth is not None and cold.growth.stall is not None  # the sample, analysed
    assert cold.state is not None and cold.state.swings == hot.state.swings  # type: ignore[union-attr]


def test_the_cold_verdict_is_the_links_case_and_its_simulation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario = sc.Scenario(inbound_per_day=200, hire_salary_per_year=70_000, team_size=3)
    _, copy, _ = cold_page(monkeypatch, share.to_query(scenario))
    bottom = sc.evaluate(scenario).bottom_line
    chance = simulate(scenario, DRAWS, 0).probability_positive
    assert money(bottom.net_present_value) in copy
    assert f"{chance:.0%}" in copy.replace("\u00a0", "")


def test_a_change_right_after_the_page_reaches_every_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cold, _, _ = cold_page(monkeypatch, "")
    hot, _ = preheated_page("")
    for board in (cold, hot):
        board.fields["hire_salary_per_year"].box.value = "70,000"
        board._later.flush()
    assert cold.scenario.hire_salary_per_year == 70_000
    assert shown(cold) == shown(hot)
    # 70,000 * 1.34 + 2,400 = 96,200 (US benefits load 34%, tools 2,400)
    assert "$96,200" in cold.steps[8].cards["hire-cost"].widget.value  # type: ignore[attr-defined]


def test_reading_the_steps_before_the_page_builds_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside the workbook's order (a script, another notebook) nothing is left unbuilt."""
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    cold = Dashboard(draws=DRAWS)
    assert cold.state is None and not cold.frames[8].children
    assert set(cold.steps) == set(range(11))
    assert all(frame.children for frame in cold.frames.values())
    monkeypatch.delenv("VOILA_PREHEAT")
    assert shown(cold) == shown(Dashboard(draws=DRAWS))


def test_a_cold_kernel_loads_no_heavy_library_before_the_page() -> None:
    """pandas, plotly and scipy (about 0.8 s together) load after the page has gone out."""
    code = (
        "import asyncio, json, os, sys\n"
        "os.environ['VOILA_PREHEAT'] = 'False'\n"
        "os.environ.pop('QUERY_STRING', None)\n"
        "heavy = ('pandas', 'plotly', 'scipy', 'ruptures')\n"
        "async def cells():\n"
        "    from socialcase.ui import Dashboard, query_string\n"
        "    board = Dashboard(draws=500)\n"
        "    frames = [board.step(n) for n in range(11)]\n"
        "    board.apply_link(query_string())\n"
        "    board.verdict_first()\n"
        "    before = sorted(m for m in heavy if m in sys.modules)\n"
        "    await asyncio.sleep(0)\n"
        "    after = sorted(m for m in heavy if m in sys.modules)\n"
        "    built = all(f.children for f in frames)\n"
        "    print(json.dumps([before, after, built]))\n"
        "asyncio.run(cells())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    before, after, built = json.loads(out.stdout.strip().splitlines()[-1])
    assert before == []
    assert after == ["pandas", "plotly", "ruptures", "scipy"] and built


# -- the normal CDF without scipy ------------------------------------------------------------


def test_ndtr_equals_scipys() -> None:
    special = pytest.importorskip("scipy.special")
    rng = np.random.default_rng(7)
    x = np.concatenate(
        [
            rng.standard_normal(200_000) * 3,
            np.linspace(-40, 40, 400_001),
            # each branch's edges: |x| / sqrt(2) at 1/sqrt(2), 1 and 8; underflow; infinities
            np.sqrt(2) * np.array([0.5**0.5, 1.0, 8.0, 26.6, 27.3]) * np.array([[1], [-1]]),
            [0.0, -0.0, np.inf, -np.inf, 1e300, -1e300, 5e-324],
        ],
        axis=None,
    )
    ours, scipys = ndtr(x), special.ndtr(x)
    np.testing.assert_allclose(ours, scipys, rtol=0, atol=1e-15)
    # relative too, deep in the lower tail where the values are tiny
    tail = x < -5
    np.testing.assert_allclose(ours[tail], scipys[tail], rtol=1e-13)
    assert np.isnan(ndtr(np.nan)) and float(ndtr(0.0)) == 0.5
    assert ndtr(np.zeros((2, 3))).shape == (2, 3)


def test_the_simulation_is_the_one_scipy_gave(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Monte Carlo's figures with scipy's ndtr (as before) and with this one."""
    special = pytest.importorskip("scipy.special")
    import socialcase.uncertainty as uncertainty

    scenario = sc.Scenario()
    ours = simulate(scenario, 20_000, 0)
    monkeypatch.setattr(uncertainty, "ndtr", special.ndtr)
    scipys = simulate(scenario, 20_000, 0)
    assert ours.probability_positive == scipys.probability_positive
    for name in ("net_present_values", "net_values_per_year", "payback_months"):
        np.testing.assert_allclose(getattr(ours, name), getattr(scipys, name), rtol=1e-12)
    assert ours.payback_reading(90).text() == scipys.payback_reading(90).text()
    u = correlated_uniforms(np.random.default_rng(3), 4, 10_000, 0.4)
    assert u.min() > 0 and u.max() < 1


def test_the_workbooks_last_cell_builds_every_step_before_the_widgets_connect(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Built after the last cell (while the page's widgets were already connected), a new
    # widget referring to one the browser had not loaded (the link bar, a shared layout)
    # reached the browser first and was lost: "widget model not found", empty steps. The
    # workbook's last cell (`finish`) builds them while the page is still being sent.
    import nbformat

    cells = nbformat.read("workbooks/business_case.ipynb", as_version=4).cells
    code = [cell.source for cell in cells if cell.cell_type == "code"]
    assert "query_string()" in code[-2] and "verdict_first()" in code[-2]
    assert code[-1].splitlines()[-1] == "dashboard.finish()"
    monkeypatch.setenv("VOILA_PREHEAT", "False")

    async def the_last_two_cells() -> Dashboard:  # in a loop, as in the kernel
        cold = Dashboard(draws=DRAWS)
        cold.apply_link("")
        cold.verdict_first()
        assert not cold.frames[8].children  # only the verdict so far
        cold.finish()
        assert all(frame.children for frame in cold.frames.values())
        return cold

    cold = asyncio.run(the_last_two_cells())
    assert cold._rest_pending is False and set(cold.steps) == set(range(11))
